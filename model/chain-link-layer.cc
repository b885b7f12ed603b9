/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "chain-link-layer.h"

#include "quantum-memory.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ChainLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(ChainLinkLayer);

TypeId
ChainLinkLayer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ChainLinkLayer")
                            .SetParent<QuantumLinkLayer>()
                            .SetGroupName("Quantum")
                            .AddConstructor<ChainLinkLayer>();
    return tid;
}

ChainLinkLayer::ChainLinkLayer()
    : m_origin(false)
    , m_remote(0)
    , m_nextRequest(1)
    , m_lastRequest(0)
{
}

ChainLinkLayer::~ChainLinkLayer() = default;

void
ChainLinkLayer::DoDispose()
{
    m_agent = nullptr;
    m_memory = nullptr;
    QuantumLinkLayer::DoDispose();
}

void
ChainLinkLayer::SetSubChain(Ptr<RepeaterNodeAgent> agent,
                            bool origin,
                            uint32_t remoteNodeId,
                            Time attemptPeriod)
{
    NS_ABORT_MSG_IF(!agent || !agent->GetNode(),
                    "ChainLinkLayer::SetSubChain: the agent must be installed on a node");
    NS_ABORT_MSG_IF(attemptPeriod <= Time(0),
                    "ChainLinkLayer::SetSubChain: attempt period must be positive, got "
                        << attemptPeriod);
    m_agent = agent;
    m_origin = origin;
    m_remote = remoteNodeId;
    m_period = attemptPeriod;
    m_memory = agent->GetNode()->GetObject<QuantumMemory>();
    NS_ABORT_MSG_IF(!m_memory,
                    "ChainLinkLayer::SetSubChain: node " << agent->GetNode()->GetId()
                                                         << " has no QuantumMemory");
    agent->SetDeliveryCallback(MakeCallback(&ChainLinkLayer::OnDelivery, this));
}

uint32_t
ChainLinkLayer::Create(const EntanglementRequest& request)
{
    NS_LOG_FUNCTION(this << request.remoteNodeId);
    NS_ABORT_MSG_IF(!m_agent, "ChainLinkLayer::Create: SetSubChain was not called");
    const uint32_t id = m_nextRequest++;
    EntanglementError e = EntanglementError::TIMEOUT;
    bool bad = true;
    if (!m_origin || request.remoteNodeId != m_remote)
    {
        e = m_origin ? EntanglementError::UNKNOWN_NODE : EntanglementError::INVALID_REQUEST;
    }
    else if (request.numPairs != 1 || request.type != EntanglementRequestType::KEEP
             || request.minFidelity > 0.0 || request.deadline != Time(0))
    {
        e = EntanglementError::UNSUPPORTED;
    }
    else
    {
        bad = false;
    }
    if (bad)
    {
        Simulator::ScheduleNow(&ChainLinkLayer::DoNotifyError, this, id, e);
        return id;
    }
    m_lastRequest = id;
    m_agent->RequestRound();
    return id;
}

void
ChainLinkLayer::DoNotifyError(uint32_t id, EntanglementError e)
{
    NotifyError(id, e, 0);
}

bool
ChainLinkLayer::OnDelivery(const RepeaterDelivery& d)
{
    NS_LOG_FUNCTION(this << d.round << d.memorySlot);
    EntanglementPair p;
    p.requestId = m_origin ? m_lastRequest : 0;
    p.originNodeId = m_origin ? m_agent->GetNode()->GetId() : m_remote;
    p.pairId = static_cast<uint64_t>(d.round) + 1;
    p.remoteNodeId = m_remote;
    p.memorySlot = d.memorySlot;
    p.bellState = d.bellState;
    p.estimatedFidelity = d.estimatedFidelity;
    p.creationTime = Simulator::Now();
    // Hand over after the sub-chain agent has finished its own bookkeeping.
    Simulator::ScheduleNow(&ChainLinkLayer::DoNotifyOk, this, p);
    return true;
}

void
ChainLinkLayer::DoNotifyOk(EntanglementPair pair)
{
    NotifyOk(pair, std::numeric_limits<double>::quiet_NaN());
}

Ptr<Node>
ChainLinkLayer::GetNode() const
{
    return m_agent ? m_agent->GetNode() : nullptr;
}

uint32_t
ChainLinkLayer::GetRemoteNodeId() const
{
    return m_remote;
}

Ptr<QuantumMemory>
ChainLinkLayer::GetMemory() const
{
    return m_memory;
}

Time
ChainLinkLayer::GetAttemptPeriod() const
{
    return m_period;
}

} // namespace ns3
