/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ABSTRACT_LINK_LAYER_H
#define ABSTRACT_LINK_LAYER_H

#include "deferred-uniform-random-variable.h"
#include "quantum-link-layer.h"
#include "quantum-state.h"
#include "qubit-handle.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <map>
#include <vector>

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief Abstract-link mode of the link-layer service, for comparison with
 * repeater theory.
 *
 * Each generation attempt takes AttemptPeriod and succeeds with probability
 * SuccessProbability, independently.  Attempts run on a clock of period
 * AttemptPeriod (SynchronizeAttempts, the default): a request made at time t
 * has its first attempt completing at the next clock tick after t, so a
 * success on the k-th attempt of a request made on a tick is delivered
 * k AttemptPeriod later (the first attempt counts as 1).  The number of
 * attempts is drawn from the geometric distribution, P(K = k) = (1-p)^(k-1) p,
 * so the cost is one event per delivered pair, whatever p.
 *
 * A delivered pair is created in the state registry as a Werner state of
 * fidelity LinkFidelity (|Phi+> when 1), in the Formalism attribute's
 * formalism (Bell-diagonal by default), and its halves are stored in the two
 * ends' QuantumMemory: their T1/T2 decay applies lazily from then on.  The
 * origin receives OK at the heralding instant, the peer after
 * NotificationDelay (0: instantaneous), both with the same pair id and Bell
 * state.  A memory cut-off (QuantumMemory::CutoffTime) that discards a
 * delivered half is reported as EXPIRE.
 *
 * The two ends of a link are two AbstractLinkLayer objects joined with
 * SetPeer.
 */
class AbstractLinkLayer : public QuantumLinkLayer
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    AbstractLinkLayer();
    ~AbstractLinkLayer() override;

    /**
     * @param node the node of this end
     * @param memory the memory that stores this end's halves
     */
    void SetNode(Ptr<Node> node, Ptr<QuantumMemory> memory);

    /**
     * Join this end with the other end of the link (call on both ends, or
     * once: the peer's peer is set too).
     * @param peer the other end
     */
    void SetPeer(Ptr<AbstractLinkLayer> peer);

    /** @return the other end of the link */
    Ptr<AbstractLinkLayer> GetPeer() const;

    uint32_t Create(const EntanglementRequest& request) override;
    Ptr<Node> GetNode() const override;
    uint32_t GetRemoteNodeId() const override;
    Ptr<QuantumMemory> GetMemory() const override;
    Time GetAttemptPeriod() const override;

    /** @return the per-attempt success probability */
    double GetSuccessProbability() const;

    /** @return the fidelity of delivered pairs (also the estimate given with OK) */
    double GetLinkFidelity() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1: attempt counts)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** A request being served. */
    struct Request
    {
        EntanglementRequest request; //!< what was asked
        uint32_t delivered = 0;      //!< pairs delivered so far
        EventId event;               //!< next success or deadline event
    };

    /**
     * Draw the attempts of the next pair of a request and schedule its success.
     * @param id the request id
     */
    void ScheduleNext(uint32_t id);

    /**
     * A pair of a request was heralded.
     * @param id the request id
     */
    void Succeed(uint32_t id);

    /**
     * The request's deadline passed.
     * @param id the request id
     */
    void Timeout(uint32_t id);

    /**
     * Fail a request now.
     * @param id request id
     * @param error the error
     */
    void Fail(uint32_t id, EntanglementError error);

    /**
     * Deliver the OK indication at this end (the peer of the origin).
     * @param pair the pair as this end sees it
     * @param qubits the two halves (origin's, then this end's), for the trace
     * @param originSlot the origin's slot (-1: measured)
     */
    void DeliverIndication(EntanglementPair pair,
                           std::pair<QubitHandle, QubitHandle> qubits,
                           int32_t originSlot);

    /**
     * Ground truth for the PairDelivered trace.
     * @param qubits the halves (origin's, peer's)
     * @param slotA origin's slot
     * @param slotB peer's slot
     * @return fidelity with |Phi+>, NaN if a half is no longer stored
     */
    double TrueFidelity(std::pair<QubitHandle, QubitHandle> qubits,
                        int32_t slotA,
                        int32_t slotB) const;

    /**
     * Register the EXPIRE report of a stored half (nothing to do when the
     * memory has no cut-off).  One callback serves all slots of this end,
     * which remembers the pair of each slot (an ns-3 Callback bound per
     * pair would cost a few hundred bytes per stored half).
     * @param slot the slot
     * @param pairId the pair
     */
    void WatchExpiry(int32_t slot, uint64_t pairId);

    /**
     * Memory cut-off of a stored half.
     * @param slot the slot
     */
    void OnExpired(uint32_t slot);

    /** @return the registry used by this end's memory */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    Ptr<Node> m_node;                       //!< this end's node
    Ptr<QuantumMemory> m_memory;            //!< this end's memory
    Ptr<AbstractLinkLayer> m_peer;          //!< the other end
    Time m_period;                          //!< attempt period
    double m_p;                             //!< success probability per attempt
    double m_fidelity;                      //!< Werner fidelity of delivered pairs
    int m_formalism;                        //!< formalism of delivered pairs (QuantumFormalism)
    Time m_notificationDelay;               //!< delay of the peer's OK
    bool m_synchronize;                     //!< attempts on a global clock
    uint32_t m_nextRequestId;               //!< next request id
    uint64_t m_nextPairCounter;             //!< next pair counter
    std::map<uint32_t, Request> m_requests; //!< requests being served
    DeferredUniformRandomVariable m_rng;    //!< attempt counts
    Callback<void, uint32_t> m_onExpired;   //!< OnExpired (made on first use)
    std::vector<uint64_t> m_slotPairs;      //!< pair id of each watched slot
};

} // namespace ns3

#endif /* ABSTRACT_LINK_LAYER_H */
