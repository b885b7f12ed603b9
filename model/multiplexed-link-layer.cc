/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "multiplexed-link-layer.h"

#include "quantum-link-multiplexer.h"
#include "quantum-memory.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MultiplexedLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(MultiplexedLinkLayer);

TypeId
MultiplexedLinkLayer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MultiplexedLinkLayer")
                            .SetParent<QuantumLinkLayer>()
                            .SetGroupName("Quantum")
                            .AddConstructor<MultiplexedLinkLayer>();
    return tid;
}

MultiplexedLinkLayer::MultiplexedLinkLayer()
    : m_end(0)
    , m_user(0)
{
}

MultiplexedLinkLayer::~MultiplexedLinkLayer() = default;

void
MultiplexedLinkLayer::DoDispose()
{
    if (m_mux)
    {
        m_mux->Detach(m_end, m_user);
    }
    m_mux = nullptr;
    QuantumLinkLayer::DoDispose();
}

void
MultiplexedLinkLayer::Attach(Ptr<QuantumLinkMultiplexer> mux, uint32_t end, uint32_t user)
{
    NS_ABORT_MSG_IF(!mux || end > 1, "MultiplexedLinkLayer::Attach: invalid multiplexer or end");
    m_mux = mux;
    m_end = end;
    m_user = user;
}

Ptr<QuantumLinkLayer>
MultiplexedLinkLayer::Underlying() const
{
    NS_ABORT_MSG_IF(!m_mux, "MultiplexedLinkLayer: not attached to a QuantumLinkMultiplexer");
    return m_mux->GetEnd(m_end);
}

uint32_t
MultiplexedLinkLayer::Create(const EntanglementRequest& request)
{
    Underlying();
    return m_mux->Submit(m_end, m_user, request);
}

Ptr<Node>
MultiplexedLinkLayer::GetNode() const
{
    return Underlying()->GetNode();
}

uint32_t
MultiplexedLinkLayer::GetRemoteNodeId() const
{
    return Underlying()->GetRemoteNodeId();
}

Ptr<QuantumMemory>
MultiplexedLinkLayer::GetMemory() const
{
    return Underlying()->GetMemory();
}

Time
MultiplexedLinkLayer::GetAttemptPeriod() const
{
    return Underlying()->GetAttemptPeriod();
}

void
MultiplexedLinkLayer::DeliverOk(const EntanglementPair& pair)
{
    // Ground truth is in the underlying end's PairDelivered trace.
    NotifyOk(pair, std::numeric_limits<double>::quiet_NaN());
}

void
MultiplexedLinkLayer::DeliverError(uint32_t id, EntanglementError e, uint32_t delivered)
{
    NotifyError(id, e, delivered);
}

void
MultiplexedLinkLayer::DeliverExpire(uint64_t pairId, int32_t slot)
{
    NotifyExpire(pairId, slot);
}

} // namespace ns3
