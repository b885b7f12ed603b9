/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HERALDED_LINK_LAYER_H
#define HERALDED_LINK_LAYER_H

#include "herald-header.h"
#include "heralding-station.h"
#include "quantum-link-layer.h"

#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"

#include <deque>
#include <map>
#include <vector>

namespace ns3
{

class QuantumNetDevice;
class Socket;

/**
 * @ingroup quantum
 * Execution mode of heralded generation.
 */
enum class HeraldedGenerationMode : uint8_t
{
    EXACT = 0, //!< every attempt: emission, propagation, detection, herald
    FAST = 1,  //!< geometric number of attempts to the first success, one herald per pair
};

/**
 * @ingroup quantum
 * @brief One end of a heralded link (single-click or Barrett-Kok through a
 * HeraldingStation): the link-layer service of QuantumLinkLayer.
 *
 * CREATE at one end sends a CREATE message to the peer end (signal line or
 * UDP, as the station's HeraldTransport); the peer accepts with the number of
 * parallel lanes (memory slots attempting at once, at most
 * MaxParallelAttempts at each end) or refuses (busy with a request of its
 * own, or no free memory slot: ERR NO_RESOURCES at the origin).  Each lane
 * reserves a memory slot (QuantumMemory::Allocate) and attempts: the spin
 * emits a photon EmissionDuration after the lane is ready, the photon travels
 * the fibre to the station, and the lane waits, the spin decohering, for the
 * station's herald (attempt id, click pattern, Bell label, pair id, index of
 * the success within the request).  A failure herald starts the lane's next
 * attempt; a success delivers the pair: the spin takes its decay from the
 * herald time in the station up to now, is stored in a memory slot, and OK
 * goes up (KEEP: the slot; MEASURE_DIRECTLY: the outcome of a readout in the
 * request's basis).  Both ends deliver a pair iff its success index is below
 * the number of pairs wanted, so they agree on pair ids and Bell labels from
 * the heralds alone.  Requests of one end are served one after another; a
 * CREATE from the peer while this end is busy is refused (NO_RESOURCES at
 * the peer), except when both ends asked at the same time: then end B (arm 1)
 * yields and requeues its own request.
 *
 * The estimated fidelity in OK comes from the nominal model of the station
 * (HeraldedEntanglementModel with the channels' transmittances, the ends'
 * emission efficiency and the detectors), the memory's initialisation
 * fidelity, T1 and T2 (assumed equal at the peer) and the waiting time of
 * this pair, never from the state.  A CREATE whose minimum fidelity exceeds
 * the estimate for the nominal waiting time is refused with UNSUPPORTED.
 */
class HeraldedLinkLayer : public QuantumLinkLayer
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    HeraldedLinkLayer();
    ~HeraldedLinkLayer() override;

    /**
     * Bind the end to its hardware (done by QuantumLinkHelper).
     * @param node the node
     * @param memory the node's memory
     * @param device the node's QuantumNetDevice on the fibre to the station
     * @param station the station
     * @param arm 0 (A) or 1 (B): this end's arm at the station
     */
    void Setup(Ptr<Node> node,
               Ptr<QuantumMemory> memory,
               Ptr<QuantumNetDevice> device,
               Ptr<HeraldingStation> station,
               uint32_t arm);
    /**
     * @param peer the other end of the link
     */
    void SetPeer(Ptr<HeraldedLinkLayer> peer);
    /**
     * Use UDP for the handshake with the peer: bind a socket on this node at
     * UdpPort and send to the peer's address.
     * @param peer the peer's address and port
     */
    void SetUdpPeer(InetSocketAddress peer);

    uint32_t Create(const EntanglementRequest& request) override;
    Ptr<Node> GetNode() const override;
    uint32_t GetRemoteNodeId() const override;
    Ptr<QuantumMemory> GetMemory() const override;
    Time GetAttemptPeriod() const override;

    /** @return the station */
    Ptr<HeraldingStation> GetStation() const;
    /** @return the execution mode */
    HeraldedGenerationMode GetMode() const;
    /** @return this end's arm at the station */
    uint32_t GetArm() const;
    /** @return the bright-state population alpha (single-click) */
    double GetBrightStatePopulation() const;
    /** @return the emission-and-collection efficiency of the node's memory */
    double GetEmissionEfficiency() const;
    /**
     * Re-read the memory's EmissionEfficiency and InitializationFidelity
     * (cached: they are read once per request, not per attempt).
     */
    void Refresh();
    /** @return the memory's initialisation fidelity */
    double GetInitializationFidelity() const;
    /** @return the time from a lane being ready to its photon leaving */
    Time GetEmissionDuration() const;
    /** @return the UDP port of this end */
    uint16_t GetUdpPort() const;
    /** @return photons this end emitted (exact mode: one per attempt) */
    uint64_t GetNumEmissions() const;

    /**
     * The link's own estimate (no ground truth) of a pair's fidelity after
     * both spins waited this long since emission.
     * @param waiting the waiting time
     * @return the estimated fidelity
     */
    double EstimateFidelity(Time waiting);
    /** @return the estimate for the nominal waiting time (the best the link offers) */
    double GetMaxEstimatedFidelity();

    /**
     * A classical message arrived (herald from the station, or a handshake
     * message from the peer), in this node's context.
     * @param h the message
     */
    void ReceiveMessage(const HeraldHeader& h);

  protected:
    void DoDispose() override;

  private:
    /** The request being served. */
    struct Active
    {
        bool active = false;                                          //!< a request is in progress
        bool origin = false;                                          //!< this end issued it
        bool waiting = false;                                         //!< origin waiting for ACCEPT
        uint16_t tag = 0;                                             //!< link-wide tag
        uint32_t requestId = 0;                                       //!< id at the origin
        uint32_t originNode = 0;                                      //!< origin node id
        uint32_t numPairs = 0;                                        //!< pairs wanted
        uint32_t delivered = 0;                                       //!< pairs delivered here
        Time deadline;                                                //!< 0 = none
        EntanglementRequestType type = EntanglementRequestType::KEEP; //!< keep or measure
        MeasurementBasis basis = MeasurementBasis::ZBasis(); //!< basis for MEASURE_DIRECTLY
        EventId deadlineEvent;                               //!< deadline timer
        EntanglementRequest request; //!< the request as issued (origin), to requeue it
    };

    /** One parallel attempt lane. */
    struct Lane
    {
        int32_t slot = -1;      //!< reserved memory slot
        uint32_t attemptId = 0; //!< current attempt
        Time emission;          //!< emission time of the current attempt (lane start in fast mode)
        bool running = false;   //!< attempting
    };

    /**
     * @param h the message for the peer end
     */
    void SendToPeer(const HeraldHeader& h);
    /** Refresh both ends and the station (at the start of a request). */
    void RefreshLink();
    /** Start the next queued local request. */
    void StartNext();
    /**
     * @param lanes lanes agreed
     */
    void StartLanes(uint16_t lanes);
    /**
     * Emit the photon of the lane's current attempt.
     * @param lane the lane
     */
    void Emit(uint32_t lane);
    /**
     * @param h a herald
     */
    void OnHerald(const HeraldHeader& h);
    /**
     * @param h a handshake message
     */
    void OnControl(const HeraldHeader& h);
    /**
     * Deliver a heralded pair.
     * @param lane the lane
     * @param h the herald
     */
    void Deliver(uint32_t lane, const HeraldHeader& h);
    /**
     * Take and discard a half nobody wants.
     * @param pairId the pair
     */
    void DiscardHalf(uint64_t pairId);
    /**
     * Stop the active request.
     * @param error true to report an error (origin only)
     * @param code the error
     */
    void Stop(bool error, EntanglementError code);
    /** Deadline reached. */
    void OnDeadline();
    /**
     * ERR for a request that never started (asynchronous).
     * @param id request id
     * @param e error
     */
    void FailLater(uint32_t id, EntanglementError e);
    /**
     * A slot's cut-off fired.
     * @param slot the slot
     */
    void OnSlotExpired(uint32_t slot);
    /**
     * UDP receive.
     * @param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);

    Ptr<Node> m_node;                //!< node
    Ptr<QuantumMemory> m_memory;     //!< memory
    Ptr<QuantumNetDevice> m_device;  //!< fibre port
    Ptr<HeraldingStation> m_station; //!< station
    Ptr<HeraldedLinkLayer> m_peer;   //!< other end
    uint32_t m_arm;                  //!< arm at the station
    int m_mode;                      //!< execution mode (HeraldedGenerationMode)
    double m_alpha;                  //!< bright-state population
    uint32_t m_maxLanes;             //!< MaxParallelAttempts
    Time m_emissionDuration;         //!< EmissionDuration
    uint16_t m_udpPort;              //!< UdpPort
    bool m_udp;                      //!< handshake over UDP
    InetSocketAddress m_udpPeer;     //!< peer address
    Ptr<Socket> m_socket;            //!< UDP socket
    Active m_active;                 //!< request in progress
    std::vector<Lane> m_lanes;       //!< lanes
    std::deque<std::pair<uint32_t, EntanglementRequest>> m_queue; //!< queued local requests
    uint32_t m_nextRequestId;                                     //!< request ids
    uint64_t m_emissions;                                         //!< photons emitted
    std::map<uint32_t, uint64_t> m_deliveredSlots; //!< KEEP slot -> pair id, for EXPIRE
    std::map<uint32_t, uint32_t> m_laneSlots;      //!< reserved slot -> lane
    double m_emissionEfficiency;                   //!< cached memory EmissionEfficiency
    double m_initFidelity;                         //!< cached memory InitializationFidelity
    double m_estimateWaitSeconds;                  //!< cache key of EstimateFidelity
    double m_estimate;                             //!< cached estimate
    bool m_haveEstimate;                           //!< cache valid
};

} // namespace ns3

#endif /* HERALDED_LINK_LAYER_H */
