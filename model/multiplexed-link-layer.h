/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MULTIPLEXED_LINK_LAYER_H
#define MULTIPLEXED_LINK_LAYER_H

#include "quantum-link-layer.h"

namespace ns3
{

class QuantumLinkMultiplexer;

/**
 * @ingroup quantum
 * @brief One user's end of a link shared through a QuantumLinkMultiplexer.
 *
 * It offers the full QuantumLinkLayer service: Create() goes to the shared
 * underlying end, and this end receives the OK, ERR and EXPIRE notifications
 * of its own requests only (and the PairDelivered, RequestFailed and
 * PairExpired traces of its base class for them).  Node, peer, memory and
 * attempt period are those of the underlying end.
 */
class MultiplexedLinkLayer : public QuantumLinkLayer
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    MultiplexedLinkLayer();
    ~MultiplexedLinkLayer() override;

    /**
     * @param mux the multiplexer
     * @param end which end of its link (0 or 1)
     * @param user the user index
     */
    void Attach(Ptr<QuantumLinkMultiplexer> mux, uint32_t end, uint32_t user);

    uint32_t Create(const EntanglementRequest& request) override;
    Ptr<Node> GetNode() const override;
    uint32_t GetRemoteNodeId() const override;
    Ptr<QuantumMemory> GetMemory() const override;
    Time GetAttemptPeriod() const override;

    /**
     * Called by the multiplexer.
     * @param pair a pair of one of this user's requests
     */
    void DeliverOk(const EntanglementPair& pair);
    /**
     * Called by the multiplexer.
     * @param id request @param e error @param delivered pairs delivered before
     */
    void DeliverError(uint32_t id, EntanglementError e, uint32_t delivered);
    /**
     * Called by the multiplexer.
     * @param pairId pair @param slot slot
     */
    void DeliverExpire(uint64_t pairId, int32_t slot);

  protected:
    void DoDispose() override;

  private:
    /** @return the underlying end (aborts when not attached) */
    Ptr<QuantumLinkLayer> Underlying() const;

    Ptr<QuantumLinkMultiplexer> m_mux; //!< the multiplexer
    uint32_t m_end;                    //!< end index
    uint32_t m_user;                   //!< user index
};

} // namespace ns3

#endif /* MULTIPLEXED_LINK_LAYER_H */
