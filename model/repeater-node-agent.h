/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPEATER_NODE_AGENT_H
#define REPEATER_NODE_AGENT_H

#include "bell-state.h"
#include "deferred-uniform-random-variable.h"
#include "quantum-link-layer.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <utility>
#include <vector>

namespace ns3
{

class EntanglementPurifier;
class EntanglementSwapper;
class QuantumMemory;
class QuantumProcessor;
class RepeaterChainPolicy;
class RepeaterMessageHeader;
class Packet;
class Socket;

/**
 * @ingroup quantum
 * @brief An end-to-end pair delivered by a repeater chain.
 */
struct RepeaterDelivery
{
    uint32_t round = 0;                        //!< delivery index (0, 1, ...)
    uint32_t localNodeId = 0;                  //!< this end
    uint32_t remoteNodeId = 0;                 //!< the other end
    int32_t memorySlot = -1;                   //!< local slot holding the half
    BellState bellState = BellState::PHI_PLUS; //!< Bell state the two halves share
    double estimatedFidelity = 0.0;            //!< the protocol's estimate (no ground truth)
    Time roundStart;                           //!< when the first node started this round
    Time completionTime;                       //!< when this end learnt the pair was complete
};

/**
 * @ingroup quantum
 * @brief The network-layer protocol of one node of a repeater chain (or of
 * one route through a general network): link-pair requests, link-level
 * purification, entanglement swapping, Pauli-frame tracking, cut-off
 * discards and end-to-end delivery, all coordinated by UDP messages
 * (RepeaterMessageHeader) with the neighbouring nodes.
 *
 * Positions run from 0 (the first end) to n - 1 (the other end).  The node at
 * the left of each link is its origin: it issues the CREATE requests and
 * regenerates the link whenever the link's pair is gone.  Deliveries happen
 * in rounds: every link is generated once; a node swaps when the
 * RepeaterChainPolicy says so; when the first end has received the frame
 * updates of all n - 2 swaps it knows the end-to-end Bell label, delivers,
 * and sends COMPLETE along the pair to the other end, which starts the next
 * round at every node it passes.  A pair lost to a memory cut-off, a failed
 * swap or a failed purification is discarded along its whole length and
 * its links are generated again.
 *
 * Each neighbour is reached either by UDP (SetLink with the neighbour's
 * IPv4 address; the messages cross the node's Internet stack) or by
 * link-layer frames (SetLink with a NetDevice and the neighbour's device
 * address; protocol number FrameProtocol, no IP).  Frames need a device
 * that carries any protocol number (SimpleNetDevice, CsmaNetDevice, ...):
 * ns-3's PointToPointNetDevice carries IPv4 and IPv6 only.  Every message
 * names the sender's Port, which tells the agents of several chains on one
 * node apart when they share a device.
 *
 * Messages follow the entanglement: each names the link pair whose other
 * half the receiving neighbour holds, and a node that has swapped that half
 * forwards the message over its other link.  The Pauli frame is kept by the
 * first end of each pair: a swap with outcome m at node j sends it
 * m xor (label of j's right link) xor (frame j had received for its right
 * pair) and the number of swaps this accounts for; the Bell label of the
 * end-to-end pair is the first link's label xor all deltas.
 */
class RepeaterNodeAgent : public Application
{
  public:
    /** Which neighbour. */
    enum Side
    {
        LEFT = 0,  //!< towards position 0
        RIGHT = 1, //!< towards position n - 1
    };

    /** Delivery callback; return true to keep the memory slot (then release it yourself). */
    typedef Callback<bool, const RepeaterDelivery&> DeliveryCallback;

    /**
     * TracedCallback signature for end-to-end deliveries (fired at the first end).
     * @param delivery the delivery as the first end sees it
     * @param trueFidelity ground-truth fidelity of the two halves to the
     *        delivered Bell state (analysis only)
     */
    typedef void (*DeliveryTracedCallback)(const RepeaterDelivery& delivery, double trueFidelity);

    /**
     * TracedCallback signature for discarded pairs.
     * @param position this node's position
     * @param reason 0 cut-off, 1 failed swap, 2 failed purification
     */
    typedef void (*DiscardTracedCallback)(uint32_t position, uint32_t reason);

    /**
     * TracedCallback signature for purification decisions.
     * @param position this node's position
     * @param success the outcomes agreed
     */
    typedef void (*PurifyTracedCallback)(uint32_t position, bool success);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RepeaterNodeAgent();
    ~RepeaterNodeAgent() override;

    /**
     * @param position this node's position, 0 .. numNodes - 1
     * @param numNodes nodes of the chain (route)
     */
    void SetPosition(uint32_t position, uint32_t numNodes);

    /**
     * @param side LEFT or RIGHT
     * @param link this node's end of the link to that neighbour
     * @param neighbour the neighbour's address for classical messages
     * @param purifier the purification engine shared with the neighbour (may be null)
     */
    void SetLink(Side side,
                 Ptr<QuantumLinkLayer> link,
                 Ipv4Address neighbour,
                 Ptr<EntanglementPurifier> purifier);

    /**
     * A neighbour reached by link-layer frames rather than UDP.
     * @param side LEFT or RIGHT
     * @param link this node's end of the link to that neighbour
     * @param device this node's device on the classical link to it (a device
     *        that carries any protocol number, not a PointToPointNetDevice)
     * @param neighbour the neighbour's device address on that link
     * @param purifier the purification engine shared with the neighbour (may be null)
     */
    void SetLink(Side side,
                 Ptr<QuantumLinkLayer> link,
                 Ptr<NetDevice> device,
                 const Address& neighbour,
                 Ptr<EntanglementPurifier> purifier);

    /**
     * @param memory the node's memory
     * @param processor the node's processor (may be null)
     * @param swapper the node's Bell-state measurement
     */
    void SetDevices(Ptr<QuantumMemory> memory,
                    Ptr<QuantumProcessor> processor,
                    Ptr<EntanglementSwapper> swapper);

    /** @param policy the chain policy */
    void SetPolicy(Ptr<RepeaterChainPolicy> policy);

    /** @param cb called at this end for every end-to-end pair */
    void SetDeliveryCallback(DeliveryCallback cb);

    /**
     * Analysis only: the agent at the other end, to compute the ground-truth
     * fidelity of delivered pairs for the Delivered trace.
     * @param far the agent at the other end
     */
    void SetFarEndForAnalysis(Ptr<RepeaterNodeAgent> far);

    /**
     * Analysis only.
     * @param side a side
     * @return the slot of the pair half held on that side, or -1
     */
    int32_t GetSlotForAnalysis(Side side) const;

    /** @return end-to-end pairs completed at this end */
    uint32_t GetDeliveries() const;

    /**
     * First end of a chain with attribute OnDemand = true (a sub-chain that
     * serves a ChainLinkLayer): allow one more round, i.e. one more
     * end-to-end pair.  Aborts at any other position or without OnDemand.
     */
    void RequestRound();

    /** @return this node's position */
    uint32_t GetPosition() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1: twirl choices)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** Protocol state of one side (members ordered by alignment: no padding). */
    struct SideState
    {
        Ptr<QuantumLinkLayer> link;         //!< link to the neighbour
        Ptr<NetDevice> device;              //!< device to the neighbour (frames; null: UDP)
        Ptr<EntanglementPurifier> purifier; //!< shared purification engine
        uint64_t pairId = 0;                //!< link pair id of the half held
        double wLink = 1.0;                 //!< Werner parameter estimate of the link pair
        double wAcc = 1.0;                  //!< product of received Werner estimates
        uint64_t sacId = 0;                 //!< pair id of the sacrificial pair
        double sacW = 1.0;                  //!< Werner estimate of the sacrificial pair
        uint64_t swappedPairId = 0;         //!< the swapped link pair
        Ipv4Address neighbour;              //!< neighbour's address (UDP)
        int32_t slot = -1;                  //!< slot of the half held
        uint32_t count = 0;                 //!< swaps accounted for in this pair
        uint32_t roundsDone = 0;            //!< purification rounds done
        int32_t sacSlot = -1;               //!< slot of the sacrificial pair
        uint32_t pendingTwirl = 0;          //!< twirl choice of the pending start
        int32_t ownOutcome = -1;            //!< own purification outcome
        int32_t peerOutcome = -1;           //!< peer's purification outcome
        Address peer;                       //!< neighbour's device address (frames)
        bool generating = false;            //!< a CREATE is outstanding (origin)
        bool live = false;                  //!< holds a pair half
        bool busy = false;                  //!< a swap or purification uses it
        bool discardPending = false;        //!< the pair died while busy
        uint8_t linkLabel = 0;              //!< Bell label of the link pair
        uint8_t frame = 0;                  //!< Pauli-frame deltas received
        bool hasSac = false;                //!< holds a sacrificial pair
        uint8_t sacLabel = 0;               //!< Bell label of the sacrificial pair
        bool startPending = false;          //!< PURIFY_START received before the sacrificial pair
        bool hasSwapped = false;            //!< forwards messages of a swapped pair
    };

    /** @param s a side @return true if this node is the origin of that link */
    static bool IsOrigin(Side s);

    /** @param s the side to (re)generate, if this node is its origin */
    void Generate(Side s);
    /**
     * The link layers' callbacks.  Both link ends share one callback of each
     * kind (an ns-3 Callback holds a few hundred bytes); these find the side:
     * OK by the pair's remote node, ERR at the origin side (the only one that
     * issues requests), EXPIRE by pair id and slot.
     * @param pair OK from a link layer
     */
    void OnLinkOk(const EntanglementPair& pair);
    /** @param id request @param e error @param n delivered */
    void OnLinkError(uint32_t id, EntanglementError e, uint32_t n);
    /** @param pairId pair @param slot slot */
    void OnLinkExpire(uint64_t pairId, int32_t slot);
    /** @param s side @param pair OK from its link layer */
    void OnOk(Side s, const EntanglementPair& pair);
    /** @param s side @param id request @param e error @param n delivered */
    void OnError(Side s, uint32_t id, EntanglementError e, uint32_t n);
    /** @param s side @param pairId pair @param slot slot */
    void OnExpire(Side s, uint64_t pairId, int32_t slot);
    /** Act on the current state: complete, swap, purify. */
    void TryAct();
    /** Swap the two pairs. */
    void DoSwap();
    /** @param ok success @param m outcome */
    void SwapDone(bool ok, BellState m);
    /** First end: the end-to-end pair is complete. */
    void Complete();
    /** @param s side @param reason trace reason; drops the pair of a side */
    void DropPair(Side s, uint32_t reason);
    /** @param s side; clears a side's pair (slots already handled) */
    void ResetSide(Side s);
    /** @param s origin side: start a purification step */
    void StartPurify(Side s);
    /** @param s side: submit this side's part */
    void SubmitPurify(Side s);
    /** @param s side @param outcome own outcome */
    void OnPurifyOutcome(Side s, uint32_t outcome);
    /** @param s side: both outcomes known */
    void DecidePurify(Side s);
    /**
     * @param s side to send through
     * @param h the message
     */
    void Send(Side s, const RepeaterMessageHeader& h);
    /** @param socket the socket */
    void HandleRead(Ptr<Socket> socket);
    /**
     * Node protocol handler for link-layer frames.
     * @param device receiving device
     * @param packet the frame's payload
     * @param protocol protocol number
     * @param from sender's device address
     * @param to destination address
     * @param type packet type
     */
    void HandleFrame(Ptr<NetDevice> device,
                     Ptr<const Packet> packet,
                     uint16_t protocol,
                     const Address& from,
                     const Address& to,
                     NetDevice::PacketType type);
    /** Register HandleFrame on the devices of the frame sides. */
    void OpenFrames();
    /**
     * Last end: take a displaced half awaiting its COMPLETE or DISCARD.
     * @param pairId the link pair id the message names
     * @param[out] slot its slot
     * @return true if it was awaiting
     */
    bool TakeAwaiting(uint64_t pairId, int32_t& slot);
    /**
     * Last end: deliver the end-to-end pair a COMPLETE names.
     * @param h the COMPLETE message
     * @param slot the slot of the local half
     */
    void DeliverLast(const RepeaterMessageHeader& h, int32_t slot);
    /**
     * @param s arrival side
     * @param h message
     */
    void Handle(Side s, const RepeaterMessageHeader& h);
    /**
     * Pauli-frame correction of a half to |Phi+> (noiseless, instantaneous).
     * @param slot a slot
     * @param label its pair's Bell label
     */
    void CorrectToPhiPlus(int32_t slot, uint8_t label);

    SideState m_side[2];                                  //!< the two sides
    std::vector<std::pair<uint64_t, int32_t>> m_awaiting; //!< last end: displaced halves
    std::vector<RepeaterMessageHeader> m_earlyComplete;   //!< last end: COMPLETEs before their OK
    uint32_t m_position;                                  //!< position
    uint32_t m_numNodes;                                  //!< nodes in the chain
    uint16_t m_port;                                      //!< UDP port, frame demultiplexing
    uint16_t m_frameProtocol;                             //!< protocol number of frames
    bool m_started;                                       //!< StartApplication ran
    uint32_t m_maxDeliveries;                             //!< stop after this many (0: never)
    bool m_onDemand;                                      //!< rounds only on RequestRound
    uint32_t m_credit;                                    //!< rounds requested, not yet completed
    Ptr<QuantumMemory> m_memory;                          //!< memory
    Ptr<QuantumProcessor> m_processor;                    //!< processor
    Ptr<EntanglementSwapper> m_swapper;                   //!< Bell-state measurement
    Ptr<RepeaterChainPolicy> m_policy;                    //!< policy
    Ptr<Socket> m_socket;                                 //!< UDP socket
    Ptr<RepeaterNodeAgent> m_far;                         //!< analysis: the other end
    DeliveryCallback m_deliver;                           //!< delivery callback
    uint32_t m_round;                                     //!< current round
    Time m_roundStart;                                    //!< start of the current round
    uint32_t m_deliveries;                                //!< completed deliveries
    bool m_stopped;                                       //!< no more rounds
    DeferredUniformRandomVariable m_rng;                  //!< twirl choices (BBPSSW only)
    TracedCallback<const RepeaterDelivery&, double> m_deliveredTrace; //!< Delivered
    TracedCallback<uint32_t, uint32_t> m_discardTrace;                //!< PairDiscarded
    TracedCallback<uint32_t, bool> m_purifyTrace;                     //!< Purified
    TracedCallback<uint32_t, bool, BellState> m_swapTrace;            //!< Swapped

  public:
    /**
     * TracedCallback signature for swaps.
     * @param position this node's position
     * @param success the Bell measurement succeeded
     * @param outcome its outcome
     */
    typedef void (*SwapTracedCallback)(uint32_t position, bool success, BellState outcome);
};

} // namespace ns3

#endif /* REPEATER_NODE_AGENT_H */
