/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-link-multiplexer.h"

#include "multiplexed-link-layer.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumLinkMultiplexer");
NS_OBJECT_ENSURE_REGISTERED(QuantumLinkMultiplexer);

TypeId
QuantumLinkMultiplexer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QuantumLinkMultiplexer")
                            .SetParent<Object>()
                            .SetGroupName("Quantum")
                            .AddConstructor<QuantumLinkMultiplexer>();
    return tid;
}

QuantumLinkMultiplexer::QuantumLinkMultiplexer() = default;

QuantumLinkMultiplexer::~QuantumLinkMultiplexer() = default;

void
QuantumLinkMultiplexer::DoDispose()
{
    for (auto& e : m_end)
    {
        e = nullptr;
    }
    m_users.clear();
    for (auto& p : m_pending)
    {
        p.clear();
    }
    Object::DoDispose();
}

void
QuantumLinkMultiplexer::SetLink(Ptr<QuantumLinkLayer> a, Ptr<QuantumLinkLayer> b)
{
    NS_ABORT_MSG_IF(!a || !b || a == b,
                    "QuantumLinkMultiplexer::SetLink: two distinct link ends are needed");
    NS_ABORT_MSG_IF(a->GetRemoteNodeId() != b->GetNode()->GetId()
                        || b->GetRemoteNodeId() != a->GetNode()->GetId(),
                    "QuantumLinkMultiplexer::SetLink: the ends on nodes "
                        << a->GetNode()->GetId() << " and " << b->GetNode()->GetId()
                        << " are not peers of one link");
    m_end = {a, b};
    for (uint32_t e = 0; e < 2; ++e)
    {
        m_end[e]->SetOkCallback(MakeCallback(&QuantumLinkMultiplexer::OnOk, this).Bind(e));
        m_end[e]->SetErrorCallback(MakeCallback(&QuantumLinkMultiplexer::OnError, this).Bind(e));
        m_end[e]->SetExpireCallback(MakeCallback(&QuantumLinkMultiplexer::OnExpire, this).Bind(e));
    }
}

Ptr<QuantumLinkLayer>
QuantumLinkMultiplexer::GetEnd(uint32_t end) const
{
    NS_ABORT_MSG_IF(end > 1, "QuantumLinkMultiplexer::GetEnd: end " << end << " is not 0 or 1");
    return m_end[end];
}

std::pair<Ptr<MultiplexedLinkLayer>, Ptr<MultiplexedLinkLayer>>
QuantumLinkMultiplexer::AddUser()
{
    NS_ABORT_MSG_IF(!m_end[0], "QuantumLinkMultiplexer::AddUser: call SetLink first");
    const auto user = static_cast<uint32_t>(m_users.size());
    Ptr<MultiplexedLinkLayer> a = CreateObject<MultiplexedLinkLayer>();
    Ptr<MultiplexedLinkLayer> b = CreateObject<MultiplexedLinkLayer>();
    a->Attach(this, 0, user);
    b->Attach(this, 1, user);
    m_users.push_back({PeekPointer(a), PeekPointer(b)});
    return {a, b};
}

uint32_t
QuantumLinkMultiplexer::GetNUsers() const
{
    return static_cast<uint32_t>(m_users.size());
}

void
QuantumLinkMultiplexer::Detach(uint32_t end, uint32_t user)
{
    if (user < m_users.size() && end < 2)
    {
        m_users[user][end] = nullptr;
    }
}

uint32_t
QuantumLinkMultiplexer::Submit(uint32_t end, uint32_t user, const EntanglementRequest& request)
{
    NS_ASSERT(end < 2 && user < m_users.size());
    // The underlying end answers asynchronously (OK and ERR are scheduled),
    // so the request is registered before any notification arrives.
    const uint32_t id = m_end[end]->Create(request);
    Pending& p = m_pending[end][id];
    p.user = user;
    p.numPairs = request.numPairs;
    p.remaining = 2 * request.numPairs;
    return id;
}

void
QuantumLinkMultiplexer::OnOk(uint32_t end, const EntanglementPair& pair)
{
    const uint32_t origin = pair.originNodeId == m_end[end]->GetNode()->GetId() ? end : 1 - end;
    auto it = m_pending[origin].find(pair.requestId);
    if (it == m_pending[origin].end())
    {
        NS_LOG_WARN("OK for an unknown request " << pair.requestId << "; pair dropped");
        return;
    }
    const uint32_t user = it->second.user;
    if (--it->second.remaining == 0)
    {
        m_pending[origin].erase(it);
    }
    if (pair.memorySlot >= 0)
    {
        auto& su = m_slotUser[end];
        if (su.size() <= static_cast<size_t>(pair.memorySlot))
        {
            su.resize(pair.memorySlot + 1, -1);
        }
        su[pair.memorySlot] = static_cast<int32_t>(user);
    }
    MultiplexedLinkLayer* u = m_users[user][end];
    if (u)
    {
        u->DeliverOk(pair);
    }
}

void
QuantumLinkMultiplexer::OnError(uint32_t end, uint32_t id, EntanglementError e, uint32_t delivered)
{
    auto it = m_pending[end].find(id);
    if (it == m_pending[end].end())
    {
        return;
    }
    const uint32_t user = it->second.user;
    // No pair beyond `delivered` will come; OKs of delivered pairs may still
    // be in flight to the peer, so the entry stays until they have arrived.
    Pending& p = it->second;
    const uint32_t never = 2 * (p.numPairs > delivered ? p.numPairs - delivered : 0);
    p.remaining = p.remaining > never ? p.remaining - never : 0;
    if (p.remaining == 0)
    {
        m_pending[end].erase(it);
    }
    MultiplexedLinkLayer* u = m_users[user][end];
    if (u)
    {
        u->DeliverError(id, e, delivered);
    }
}

void
QuantumLinkMultiplexer::OnExpire(uint32_t end, uint64_t pairId, int32_t slot)
{
    const auto& su = m_slotUser[end];
    if (slot < 0 || static_cast<size_t>(slot) >= su.size() || su[slot] < 0)
    {
        return;
    }
    MultiplexedLinkLayer* u = m_users[su[slot]][end];
    if (u)
    {
        u->DeliverExpire(pairId, slot);
    }
}

} // namespace ns3
