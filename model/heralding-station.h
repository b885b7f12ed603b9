/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HERALDING_STATION_H
#define HERALDING_STATION_H

#include "herald-header.h"
#include "heralded-entanglement-model.h"
#include "qubit-handle.h"

#include "ns3/event-impl.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <unordered_map>
#include <vector>

namespace ns3
{

class Node;
class Packet;
class QuantumMemory;
class QuantumNetDevice;
class QuantumSignal;
class QuantumStateRegistry;
class SinglePhotonDetector;
class Socket;
class HeraldedLinkLayer;

/**
 * @ingroup quantum
 * How heralds (and the ends' handshake messages) travel.
 */
enum class HeraldTransport : uint8_t
{
    SIGNAL_LINE = 0, //!< a dedicated classical line: delay only
    UDP = 1,         //!< UDP packets over the nodes' ns-3 Internet stack
};

/**
 * @ingroup quantum
 * @brief The midpoint station of a heralded link: two fibre inputs, a 50:50
 * beam splitter and two single-photon detectors (c and d), and the herald
 * sender.
 *
 * The station receives one photon signal per arm and attempt (matched by the
 * attempt number the ends' clock assigns), takes the transmittance each
 * photon accumulated (emission and collection efficiency at the node, fibre
 * and the channel's loss models), the detectors' efficiency and dark-count
 * probability (SinglePhotonDetector attributes), the two-photon visibility
 * and the optical phase noise, and evaluates the Born-rule distribution of
 * click patterns with HeraldedEntanglementModel (cached while the parameters
 * do not change).  The click pattern of the attempt is drawn from it; on
 * success the conditional spin-spin state of that pattern is created in the
 * state engine, with the memories' decay from emission to detection and the
 * dephasing the photons picked up in the fibre (a Z error on the photon is a
 * Z error on its spin), and the herald (HeraldHeader) leaves for both ends on
 * the signal line or as UDP packets.  Detector dead time, jitter and
 * after-pulsing are not applied (attempts are microseconds apart).
 *
 * In fast mode the ends send one photon per arm when a lane starts; the
 * station draws the number of attempts to the first success from the
 * geometric law of the same per-attempt success probability, schedules one
 * event at the detection time of that attempt and draws its pattern from the
 * conditional distribution of the successful patterns.
 *
 * On the signal line, the heralds to one end wait in a FIFO ring and each
 * is delivered by its own scheduler entry of one reusable event object of
 * that end (same times and order as one event per herald, without
 * allocating one).
 *
 * The halves of a heralded pair stay with the station until each end, on
 * receiving its herald, claims its half (ClaimHalf): the spin was in the
 * end's memory all along; the claim is the simulator's bookkeeping of which
 * registry qubit it is, not a message.
 */
class HeraldingStation : public Object
{
  public:
    /**
     * TracedCallback signature for heralds.
     * @param lane the lane
     * @param attemptId the attempt within the lane
     * @param pattern the click pattern
     * @param success true if the pattern heralds entanglement
     */
    typedef void (*HeraldTracedCallback)(uint32_t lane,
                                         uint32_t attemptId,
                                         uint8_t pattern,
                                         bool success);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    HeraldingStation();
    ~HeraldingStation() override;

    /**
     * Attach an arm: the station's quantum port towards an end, and the end.
     * @param arm 0 (node A) or 1 (node B)
     * @param device the station's QuantumNetDevice of that arm
     * @param end the link end on the other side of that fibre
     */
    void SetArm(uint32_t arm, Ptr<QuantumNetDevice> device, Ptr<HeraldedLinkLayer> end);

    /**
     * Use UDP heralds to the ends at these addresses (the station's node must
     * have an Internet stack).
     * @param arm 0 or 1
     * @param address the end's address and UDP port
     */
    void SetUdpDestination(uint32_t arm, InetSocketAddress address);

    /** @return the protocol ("Protocol" attribute) */
    HeraldingProtocol GetProtocol() const;
    /** @return the herald transport ("HeraldTransport" attribute) */
    HeraldTransport GetTransport() const;
    /**
     * @param arm 0 or 1
     * @return the station's device of that arm
     */
    Ptr<QuantumNetDevice> GetDevice(uint32_t arm) const;
    /**
     * @param j 0 (c) or 1 (d)
     * @return the detector
     */
    Ptr<SinglePhotonDetector> GetDetector(uint32_t j) const;
    /** @return the quantum port photons are addressed to */
    uint16_t GetQuantumPort() const;
    /**
     * @param arm 0 or 1
     * @return the fibre propagation delay from that end to the station
     */
    Time GetArmDelay(uint32_t arm) const;
    /**
     * @param arm 0 or 1
     * @return the herald delay to that end on the signal line (the
     *         "SignalLineDelay" attribute, or the arm's fibre delay if 0); for
     *         UDP the nominal latency of one herald packet
     */
    Time GetHeraldDelay(uint32_t arm) const;
    /**
     * @return the nominal attempt period: emission, the longer of the two
     *         photon-plus-herald round trips, and the Barrett-Kok round separation
     */
    Time GetAttemptPeriod() const;
    /** @return the Barrett-Kok round separation (0 for single-click) */
    Time GetRoundSeparation() const;

    /**
     * The model for the nominal parameters: arm transmissions from the
     * channels and the ends' emission efficiency, the detectors' attributes.
     * @return the model
     */
    const HeraldedEntanglementModel& GetNominalModel();

    /**
     * Re-read the timing (fibre delays, herald delays, attempt period) and the
     * nominal model from the channels, ends and detectors; the ends call it
     * when a request starts, so attribute changes between requests are seen.
     */
    void Refresh();

    /** @return attempts evaluated so far (fast mode: the drawn attempt counts) */
    uint64_t GetNumAttempts() const;
    /** @return successful heralds so far */
    uint64_t GetNumSuccesses() const;

    /**
     * An end takes its half of a heralded pair (see the class description).
     * @param pairId the pair id of the herald
     * @param arm the end's arm
     * @param decayUpTo set to the time up to which the half's decay was applied
     * @return the qubit
     */
    QubitHandle ClaimHalf(uint64_t pairId, uint32_t arm, Time& decayUpTo);

    /**
     * An end reports where its claimed half now is (for ground truth).
     * @param pairId the pair
     * @param arm the end's arm
     * @param memory the memory holding it
     * @param slot the slot, or -1 if the half was consumed
     */
    void NoteStored(uint64_t pairId, uint32_t arm, Ptr<QuantumMemory> memory, int32_t slot);

    /**
     * Ground truth, for the PairDelivered trace only: the fidelity of the two
     * halves to a Bell state now, with the partner's pending decay applied to
     * a copy.  The caller's half must be up to date.  NaN if the partner half
     * was already consumed.
     * @param pairId the pair
     * @param arm the calling end's arm
     * @param bell the heralded Bell state
     * @return the fidelity
     */
    double GetTrueFidelity(uint64_t pairId, uint32_t arm, BellState bell);

    /**
     * Forget a pair once both ends have delivered (or discarded) their halves.
     * @param pairId the pair
     * @param arm the end that is done
     */
    void Done(uint64_t pairId, uint32_t arm);

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Apply the T1/T2 decay of one qubit of a two-qubit density matrix.
     * @param rho the 4 x 4 matrix (qubit 0 = A is the most significant)
     * @param qubit 0 or 1
     * @param dtSeconds duration
     * @param t1 T1 (0 = infinite)
     * @param t2 T2 (0 = infinite)
     */
    static void DecayPairMatrix(QMatrix& rho, uint32_t qubit, double dtSeconds, Time t1, Time t2);

  protected:
    void DoDispose() override;

  private:
    /** Photons of one lane waiting for their partner. */
    struct LanePending
    {
        bool has[2] = {false, false}; //!< photon of arm arrived
        uint16_t tag = 0;             //!< request tag
        uint32_t attemptId = 0;       //!< attempt
        bool fast = false;            //!< fast-mode lane start
        double eta[2] = {0, 0};       //!< arriving transmittance per arm
        double pz[2] = {0, 0};        //!< Z-error probability per arm photon
        Time travel[2];               //!< emission-to-arrival time per arm
    };

    /** One half of a heralded pair. */
    struct Half
    {
        QubitHandle qubit;      //!< the spin
        Time stamp;             //!< decay applied up to
        Ptr<QuantumMemory> mem; //!< memory once stored
        int32_t slot = -1;      //!< slot once stored, -1 at the station or consumed
        bool claimed = false;   //!< the end claimed it
        bool done = false;      //!< the end is done with it
    };

    /** A heralded pair. */
    struct PairRecord
    {
        Half half[2]; //!< halves A and B
    };

    /**
     * The reusable scheduler event of one end's herald line: every herald
     * on the line is one scheduler entry of this object, and each run
     * delivers the oldest herald of the line.  It refers to the station
     * without owning it; the station detaches it when disposed.
     */
    class HeraldLineEvent : public EventImpl
    {
      public:
        /**
         * @param station the station
         * @param arm the end's arm
         */
        HeraldLineEvent(HeraldingStation* station, uint32_t arm);
        /** The station is going away: do nothing when invoked. */
        void Detach();

      protected:
        void Notify() override;

      private:
        HeraldingStation* m_station; //!< the station, or null once detached
        uint32_t m_arm;              //!< the end's arm
    };

    /**
     * Heralds on the signal line to one end, in arrival order (a ring buffer,
     * capacity a power of two, whose slots are reused).
     */
    struct HeraldLine
    {
        std::vector<HeraldHeader> ring; //!< ring storage
        std::size_t head = 0;           //!< oldest herald
        std::size_t count = 0;          //!< heralds in flight
        Time lastArrival;               //!< arrival time of the newest herald
        HeraldHeader current;           //!< the herald being delivered
        Ptr<HeraldLineEvent> event;     //!< the line's event (created on first use)
    };

    /**
     * Deliver the oldest herald of an end's line (HeraldLineEvent).
     * @param arm the end's arm
     */
    void DeliverHerald(uint32_t arm);

    /**
     * A photon arrived.
     * @param signal the signal
     * @param arm the arm it came from
     */
    void Receive(Ptr<QuantumSignal> signal, uint32_t arm);
    /**
     * Handler of arm A's port.
     * @param signal the signal
     * @param device the device
     */
    void ReceiveA(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device);
    /**
     * Handler of arm B's port.
     * @param signal the signal
     * @param device the device
     */
    void ReceiveB(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device);
    /**
     * Both photons of an attempt are in.
     * @param lane the lane
     * @param now the current time
     */
    void Process(uint32_t lane, Time now);
    /**
     * A success at this time.
     * @param p the lane's photons
     * @param lane the lane
     * @param outcome index into the model's outcomes
     * @param attempts attempts this lane made for it (fast mode)
     */
    void Herald(LanePending p, uint32_t lane, uint32_t outcome, uint64_t attempts);
    /**
     * @param p the lane's photons
     * @return the model for them (cached)
     */
    const HeraldedEntanglementModel& ModelFor(const LanePending& p);
    /**
     * Send a message to an end.
     * @param arm 0 or 1
     * @param h the message
     * @param extraDelay added before sending
     * @param now the current time
     */
    void Send(uint32_t arm, const HeraldHeader& h, Time extraDelay, Time now);
    /**
     * Send a UDP packet (after the extra delay).
     * @param arm 0 or 1
     * @param h the message
     */
    void SendUdp(uint32_t arm, HeraldHeader h);

    int m_protocol;                                     //!< protocol (HeraldingProtocol)
    int m_transport;                                    //!< herald transport (HeraldTransport)
    double m_visibility;                                //!< two-photon visibility
    double m_phaseNoise;                                //!< phase noise std (rad)
    Time m_roundSeparation;                             //!< Barrett-Kok round separation
    Time m_signalLineDelay;                             //!< herald line delay (0: follow the fibre)
    uint16_t m_quantumPort;                             //!< quantum port of arriving photons
    Ptr<QuantumNetDevice> m_devices[2];                 //!< arm devices
    Ptr<HeraldedLinkLayer> m_ends[2];                   //!< ends
    Ptr<SinglePhotonDetector> m_detectorC;              //!< detector c
    Ptr<SinglePhotonDetector> m_detectorD;              //!< detector d
    InetSocketAddress m_udpDest[2];                     //!< UDP destinations
    Ptr<Socket> m_socket;                               //!< UDP socket
    std::vector<LanePending> m_lanes;                   //!< pending photons per lane
    std::unordered_map<uint64_t, PairRecord> m_pairs;   //!< heralded pairs not yet claimed
    std::unordered_map<uint16_t, uint32_t> m_successes; //!< success count per request tag
    HeraldedEntanglementModel m_model;                  //!< cached model
    bool m_haveModel;                                   //!< m_model is valid
    HeraldedEntanglementModel m_nominal;                //!< nominal model
    bool m_haveTiming;                                  //!< cached timing valid
    Time m_armDelay[2];                                 //!< cached fibre delays
    Time m_heraldDelay[2];                              //!< cached herald delays
    Time m_period;                                      //!< cached attempt period
    double m_initFidelity[2];                           //!< cached initialisation fidelities
    uint32_t m_endNodeId[2];                            //!< cached node ids of the ends
    HeraldLine m_lines[2];                              //!< signal-line heralds per end
    /** Compute the cached timing. */
    void ComputeTiming();
    /**
     * @param arm 0 or 1
     * @return the fibre delay of the arm, from the channel
     */
    Time ComputeArmDelay(uint32_t arm) const;
    /**
     * @param arm 0 or 1
     * @return the herald delay of the arm, from the attributes or the p2p link
     */
    Time ComputeHeraldDelay(uint32_t arm) const;
    uint64_t m_nextPairId;                                           //!< next pair id
    uint64_t m_attempts;                                             //!< attempts so far
    uint64_t m_numSuccesses;                                         //!< successes so far
    Ptr<UniformRandomVariable> m_uniform;                            //!< outcome draws
    TracedCallback<uint32_t, uint32_t, uint8_t, bool> m_heraldTrace; //!< Herald
};

} // namespace ns3

#endif /* HERALDING_STATION_H */
