/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CHAIN_LINK_LAYER_H
#define CHAIN_LINK_LAYER_H

#include "quantum-link-layer.h"
#include "repeater-node-agent.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A link-layer end whose pairs are the end-to-end pairs of a
 * repeater sub-chain: the building block of nested doubling with
 * purification at every level (QuantumRepeaterHelper::InstallNestedChain).
 *
 * One ChainLinkLayer sits on each end node of a sub-chain, attached to the
 * sub-chain's end agent (RepeaterNodeAgent with attribute OnDemand = true at
 * the first end).  A CREATE at the origin end (the sub-chain's first end)
 * asks the sub-chain for one more round; when the sub-chain completes, each
 * end reports OK with the delivered slot, the tracked Bell label and the
 * sub-chain's fidelity estimate, and the pair id is the round number plus
 * one (identical at both ends).  The slot then belongs to the upper layer.
 * The upper chain's agents thus apply their link-level purification (pumping
 * rounds of the RepeaterChainPolicy) to pairs of every nesting level.
 *
 * Only KEEP requests of one pair without fidelity bound or deadline are
 * served (ERR UNSUPPORTED otherwise); only the origin end issues CREATE
 * (ERR INVALID_REQUEST at the other end).  Memory cut-offs are not
 * supported (QuantumRepeaterHelper::InstallNestedChain refuses memories with
 * a CutoffTime): this layer raises no EXPIRE.  The PairDelivered trace carries
 * NaN as ground truth (the other half lives on another node; the top chain's
 * Delivered trace has it).
 */
class ChainLinkLayer : public QuantumLinkLayer
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    ChainLinkLayer();
    ~ChainLinkLayer() override;

    /**
     * @param agent the sub-chain's end agent on this node (the first end,
     *        with OnDemand = true, for the origin end of this link)
     * @param origin true at the sub-chain's first end
     * @param remoteNodeId the node id of the sub-chain's other end
     * @param attemptPeriod the attempt period of the physical links below
     */
    void SetSubChain(Ptr<RepeaterNodeAgent> agent,
                     bool origin,
                     uint32_t remoteNodeId,
                     Time attemptPeriod);

    uint32_t Create(const EntanglementRequest& request) override;
    Ptr<Node> GetNode() const override;
    uint32_t GetRemoteNodeId() const override;
    Ptr<QuantumMemory> GetMemory() const override;
    Time GetAttemptPeriod() const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * @param d an end-to-end pair of the sub-chain
     * @return true: the slot is kept for the upper layer
     */
    bool OnDelivery(const RepeaterDelivery& d);
    /** @param pair the pair to hand to the upper layer */
    void DoNotifyOk(EntanglementPair pair);
    /** @param id request @param e error */
    void DoNotifyError(uint32_t id, EntanglementError e);

    Ptr<RepeaterNodeAgent> m_agent; //!< the sub-chain's end agent here
    Ptr<QuantumMemory> m_memory;    //!< memory of this node
    bool m_origin;                  //!< first end of the sub-chain
    uint32_t m_remote;              //!< the other end's node id
    Time m_period;                  //!< attempt period below
    uint32_t m_nextRequest;         //!< next request id
    uint32_t m_lastRequest;         //!< request served by the next delivery (origin)
};

} // namespace ns3

#endif /* CHAIN_LINK_LAYER_H */
