/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_LINK_MULTIPLEXER_H
#define QUANTUM_LINK_MULTIPLEXER_H

#include "quantum-link-layer.h"

#include "ns3/object.h"

#include <array>
#include <map>
#include <utility>
#include <vector>

namespace ns3
{

class MultiplexedLinkLayer;

/**
 * @ingroup quantum
 * @brief Shares one quantum link (its two link-layer ends) among several
 * upper-layer users, e.g. the routes of several end-to-end requests that
 * cross the same link.
 *
 * The link-layer service has one OK, ERR and EXPIRE callback per end.  The
 * multiplexer takes them over and gives each user a pair of
 * MultiplexedLinkLayer ends (AddUser) with the full service interface.  A
 * CREATE through a user's end is passed to the underlying end and tagged with
 * the user: the OK confirm and the OK indication at the peer (matched by the
 * origin end and the request id, which both carry), the ERR confirm (request
 * id) and later EXPIRE indications (memory slot of a delivered half) reach that
 * user only.  This is the "purpose id" of the link-layer request of Dahlberg
 * et al., SIGCOMM 2019, carried by the link's own bookkeeping.  Requests of
 * different users are served by the underlying link as it serves any
 * concurrent requests.
 */
class QuantumLinkMultiplexer : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumLinkMultiplexer();
    ~QuantumLinkMultiplexer() override;

    /**
     * Take over the two ends of a link (their OK, ERR and EXPIRE callbacks).
     * @param a one end
     * @param b the other end
     */
    void SetLink(Ptr<QuantumLinkLayer> a, Ptr<QuantumLinkLayer> b);

    /**
     * @param end 0 or 1
     * @return the underlying end
     */
    Ptr<QuantumLinkLayer> GetEnd(uint32_t end) const;

    /**
     * A new user of the link.
     * @return its two ends (on the nodes of GetEnd(0) and GetEnd(1))
     */
    std::pair<Ptr<MultiplexedLinkLayer>, Ptr<MultiplexedLinkLayer>> AddUser();

    /** @return the number of users */
    uint32_t GetNUsers() const;

    /**
     * Called by a user's end: pass a CREATE to the underlying end.
     * @param end 0 or 1
     * @param user the user index
     * @param request the request
     * @return the underlying request id
     */
    uint32_t Submit(uint32_t end, uint32_t user, const EntanglementRequest& request);

    /**
     * Called by a user's end when it is disposed.
     * @param end 0 or 1
     * @param user the user index
     */
    void Detach(uint32_t end, uint32_t user);

  protected:
    void DoDispose() override;

  private:
    /** A request in flight. */
    struct Pending
    {
        uint32_t user = 0;      //!< the user that made it
        uint32_t numPairs = 0;  //!< pairs requested
        uint32_t remaining = 0; //!< OK notifications (both ends) still due
    };

    /**
     * @param end the end that got OK
     * @param pair the pair
     */
    void OnOk(uint32_t end, const EntanglementPair& pair);
    /**
     * @param end the origin end
     * @param id request id
     * @param e error
     * @param delivered pairs delivered before
     */
    void OnError(uint32_t end, uint32_t id, EntanglementError e, uint32_t delivered);
    /**
     * @param end the end
     * @param pairId pair
     * @param slot slot
     */
    void OnExpire(uint32_t end, uint64_t pairId, int32_t slot);

    std::array<Ptr<QuantumLinkLayer>, 2> m_end;                //!< underlying ends
    std::vector<std::array<MultiplexedLinkLayer*, 2>> m_users; //!< users' ends (not owned)
    std::array<std::map<uint32_t, Pending>, 2> m_pending;      //!< requests by origin end
    std::array<std::vector<int32_t>, 2> m_slotUser;            //!< user of each slot, per end
};

} // namespace ns3

#endif /* QUANTUM_LINK_MULTIPLEXER_H */
