/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "abstract-link-layer.h"

#include "quantum-memory.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AbstractLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(AbstractLinkLayer);

TypeId
AbstractLinkLayer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::AbstractLinkLayer")
              .SetParent<QuantumLinkLayer>()
              .SetGroupName("Quantum")
              .AddConstructor<AbstractLinkLayer>()
              .AddAttribute(
                  "AttemptPeriod",
                  "Duration of one generation attempt (the time unit of repeater theory); "
                  "must be positive.",
                  TimeValue(MilliSeconds(1)),
                  MakeTimeAccessor(&AbstractLinkLayer::m_period),
                  MakeTimeChecker(Time(0)))
              .AddAttribute("SuccessProbability",
                            "Probability p that one attempt succeeds, in (0, 1].",
                            DoubleValue(0.1),
                            MakeDoubleAccessor(&AbstractLinkLayer::m_p),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("LinkFidelity",
                            "Fidelity F of delivered pairs: the Werner state F |Phi+><Phi+| + "
                            "(1-F)/3 (the other Bell states); 1 gives |Phi+>.  In [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&AbstractLinkLayer::m_fidelity),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("Formalism",
                            "Formalism of delivered pairs in the state registry.",
                            EnumValue(static_cast<int>(QuantumFormalism::BELL_DIAGONAL)),
                            MakeEnumAccessor(&AbstractLinkLayer::m_formalism),
                            MakeEnumChecker(static_cast<int>(QuantumFormalism::BELL_DIAGONAL),
                                            "BellDiagonal",
                                            static_cast<int>(QuantumFormalism::DENSITY_MATRIX),
                                            "DensityMatrix"))
              .AddAttribute("NotificationDelay",
                            "Delay of the OK indication at the peer (classical heralding "
                            "message); 0 = instantaneous.",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&AbstractLinkLayer::m_notificationDelay),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("SynchronizeAttempts",
                            "Attempts complete on a global clock of period AttemptPeriod (true), "
                            "or count from the request time (false).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&AbstractLinkLayer::m_synchronize),
                            MakeBooleanChecker());
    return tid;
}

AbstractLinkLayer::AbstractLinkLayer()
    : m_period(MilliSeconds(1))
    , m_p(0.1)
    , m_fidelity(1.0)
    , m_formalism(static_cast<int>(QuantumFormalism::BELL_DIAGONAL))
    , m_synchronize(true)
    , m_nextRequestId(1)
    , m_nextPairCounter(1)
{
    NS_LOG_FUNCTION(this);
}

AbstractLinkLayer::~AbstractLinkLayer()
{
    NS_LOG_FUNCTION(this);
}

void
AbstractLinkLayer::DoDispose()
{
    for (auto& r : m_requests)
    {
        r.second.event.Cancel();
    }
    m_requests.clear();
    m_node = nullptr;
    m_memory = nullptr;
    m_peer = nullptr;
    m_onExpired = Callback<void, uint32_t>();
    m_rng.Dispose();
    QuantumLinkLayer::DoDispose();
}

void
AbstractLinkLayer::SetNode(Ptr<Node> node, Ptr<QuantumMemory> memory)
{
    NS_ABORT_MSG_IF(!node, "AbstractLinkLayer::SetNode: null node");
    m_node = node;
    m_memory = memory;
}

void
AbstractLinkLayer::SetPeer(Ptr<AbstractLinkLayer> peer)
{
    NS_ABORT_MSG_IF(!peer || peer == this, "AbstractLinkLayer::SetPeer: invalid peer");
    m_peer = peer;
    if (peer->m_peer != this)
    {
        peer->m_peer = this;
    }
}

Ptr<AbstractLinkLayer>
AbstractLinkLayer::GetPeer() const
{
    return m_peer;
}

Ptr<Node>
AbstractLinkLayer::GetNode() const
{
    return m_node;
}

uint32_t
AbstractLinkLayer::GetRemoteNodeId() const
{
    NS_ABORT_MSG_IF(!m_peer || !m_peer->m_node,
                    "AbstractLinkLayer: the link end has no peer (call SetPeer)");
    return m_peer->m_node->GetId();
}

Ptr<QuantumMemory>
AbstractLinkLayer::GetMemory() const
{
    return m_memory;
}

Time
AbstractLinkLayer::GetAttemptPeriod() const
{
    return m_period;
}

double
AbstractLinkLayer::GetSuccessProbability() const
{
    return m_p;
}

double
AbstractLinkLayer::GetLinkFidelity() const
{
    return m_fidelity;
}

int64_t
AbstractLinkLayer::AssignStreams(int64_t stream)
{
    return m_rng.AssignStreams(stream);
}

Ptr<QuantumStateRegistry>
AbstractLinkLayer::GetRegistry() const
{
    return m_memory ? m_memory->GetRegistry() : QuantumStateRegistry::GetDefault();
}

uint32_t
AbstractLinkLayer::Create(const EntanglementRequest& request)
{
    NS_LOG_FUNCTION(this << request.remoteNodeId << request.numPairs);
    NS_ABORT_MSG_IF(!m_node || !m_peer || !m_peer->m_node,
                    "AbstractLinkLayer::Create: the link end is not wired (SetNode, SetPeer)");
    NS_ABORT_MSG_IF(m_p <= 0.0,
                    "AbstractLinkLayer: attribute SuccessProbability = "
                        << m_p << " is invalid; valid range (0, 1]");
    NS_ABORT_MSG_IF(m_period <= Time(0),
                    "AbstractLinkLayer: attribute AttemptPeriod = "
                        << m_period.As(Time::S) << " is invalid; it must be positive");
    const uint32_t id = m_nextRequestId++;
    Request& r = m_requests[id];
    r.request = request;
    if (request.remoteNodeId != GetRemoteNodeId())
    {
        Simulator::ScheduleNow(&AbstractLinkLayer::Fail, this, id, EntanglementError::UNKNOWN_NODE);
        return id;
    }
    if (request.numPairs == 0 || request.minFidelity < 0.0 || request.minFidelity > 1.0
        || (request.deadline > Time(0) && request.deadline <= Simulator::Now()))
    {
        Simulator::ScheduleNow(&AbstractLinkLayer::Fail,
                               this,
                               id,
                               EntanglementError::INVALID_REQUEST);
        return id;
    }
    if (request.minFidelity > m_fidelity)
    {
        Simulator::ScheduleNow(&AbstractLinkLayer::Fail, this, id, EntanglementError::UNSUPPORTED);
        return id;
    }
    if (request.type == EntanglementRequestType::KEEP && (!m_memory || !m_peer->m_memory))
    {
        Simulator::ScheduleNow(&AbstractLinkLayer::Fail, this, id, EntanglementError::NO_RESOURCES);
        return id;
    }
    ScheduleNext(id);
    return id;
}

void
AbstractLinkLayer::ScheduleNext(uint32_t id)
{
    Request& r = m_requests[id];
    uint64_t k = 1;
    if (m_p < 1.0)
    {
        // Inversion of the geometric distribution: P(K > k) = (1 - p)^k.
        const double u = 1.0 - m_rng.GetValue(); // in (0, 1]
        const double draw = std::floor(std::log(u) / std::log1p(-m_p));
        k = 1 + static_cast<uint64_t>(std::min(draw, 1e15));
    }
    const Time now = Simulator::Now();
    Time first = now + m_period;
    if (m_synchronize)
    {
        const int64_t ticks = now.GetTimeStep() / m_period.GetTimeStep();
        first = Time::From((ticks + 1) * m_period.GetTimeStep());
    }
    const Time at = first + m_period * static_cast<int64_t>(k - 1);
    if (r.request.deadline > Time(0) && at > r.request.deadline)
    {
        r.event
            = Simulator::Schedule(r.request.deadline - now, &AbstractLinkLayer::Timeout, this, id);
        return;
    }
    r.event = Simulator::Schedule(at - now, &AbstractLinkLayer::Succeed, this, id);
}

void
AbstractLinkLayer::Timeout(uint32_t id)
{
    Fail(id, EntanglementError::TIMEOUT);
}

void
AbstractLinkLayer::Fail(uint32_t id, EntanglementError error)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
    {
        return;
    }
    const uint32_t delivered = it->second.delivered;
    m_requests.erase(it);
    NotifyError(id, error, delivered);
}

void
AbstractLinkLayer::Succeed(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    auto it = m_requests.find(id);
    NS_ASSERT(it != m_requests.end());
    Request& r = it->second;
    const bool keep = r.request.type == EntanglementRequestType::KEEP;
    if (keep && (m_memory->GetNumFree() == 0 || m_peer->m_memory->GetNumFree() == 0))
    {
        Fail(id, EntanglementError::NO_RESOURCES);
        return;
    }
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    std::pair<QubitHandle, QubitHandle> q;
    if (m_formalism == static_cast<int>(QuantumFormalism::BELL_DIAGONAL))
    {
        q = reg->CreateWernerPair(m_fidelity);
    }
    else
    {
        const double o = (1.0 - m_fidelity) / 3.0;
        QMatrix rho = QMatrix::Zero(4, 4);
        for (uint32_t l = 0; l < 4; ++l)
        {
            const QVector v = BellStateVector(BellStateFromLabel(l));
            rho += (l == 0 ? m_fidelity : o) * v * v.adjoint();
        }
        const auto qs = reg->CreateMixedState(rho);
        q = {qs[0], qs[1]};
    }
    const uint64_t side = (m_node->GetId() < m_peer->m_node->GetId()) ? 0 : 1;
    const uint64_t pairId = (m_nextPairCounter++ << 1) | side;

    EntanglementPair mine;
    mine.requestId = id;
    mine.originNodeId = m_node->GetId();
    mine.pairId = pairId;
    mine.remoteNodeId = m_peer->m_node->GetId();
    mine.bellState = BellState::PHI_PLUS;
    mine.estimatedFidelity = m_fidelity;
    mine.creationTime = Simulator::Now();
    EntanglementPair theirs = mine;
    theirs.remoteNodeId = m_node->GetId();

    int32_t slotA = -1;
    int32_t slotB = -1;
    if (keep)
    {
        slotA = m_memory->Store(q.first);
        slotB = m_peer->m_memory->Store(q.second);
        NS_ASSERT(slotA >= 0 && slotB >= 0);
        WatchExpiry(slotA, pairId);
        m_peer->WatchExpiry(slotB, pairId);
    }
    else
    {
        mine.basis = r.request.measureBasis;
        theirs.basis = r.request.measureBasis;
        mine.outcome = reg->Measure(q.first, r.request.measureBasis, true);
        theirs.outcome = reg->Measure(q.second, r.request.measureBasis, true);
    }
    mine.memorySlot = slotA;
    theirs.memorySlot = slotB;
    ++r.delivered;
    const bool done = r.delivered >= r.request.numPairs;
    if (done)
    {
        m_requests.erase(it);
    }
    else
    {
        ScheduleNext(id);
    }
    NotifyOk(mine, keep ? TrueFidelity(q, slotA, slotB) : std::numeric_limits<double>::quiet_NaN());
    Simulator::ScheduleWithContext(m_peer->m_node->GetId(),
                                   m_notificationDelay,
                                   &AbstractLinkLayer::DeliverIndication,
                                   m_peer,
                                   theirs,
                                   q,
                                   slotA);
}

void
AbstractLinkLayer::DeliverIndication(EntanglementPair pair,
                                     std::pair<QubitHandle, QubitHandle> qubits,
                                     int32_t originSlot)
{
    NS_LOG_FUNCTION(this << pair.pairId);
    const double f = pair.memorySlot >= 0
                         ? m_peer->TrueFidelity(qubits, originSlot, pair.memorySlot)
                         : std::numeric_limits<double>::quiet_NaN();
    NotifyOk(pair, f);
}

double
AbstractLinkLayer::TrueFidelity(std::pair<QubitHandle, QubitHandle> qubits,
                                int32_t slotA,
                                int32_t slotB) const
{
    // Analysis only: both halves must still be stored where they were put.
    Ptr<QuantumMemory> memB = m_peer->m_memory;
    if (slotA < 0 || slotB < 0 || !m_memory->IsOccupied(slotA) || !memB->IsOccupied(slotB)
        || m_memory->Access(slotA) != qubits.first || memB->Access(slotB) != qubits.second)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return GetRegistry()->GetFidelity({qubits.first, qubits.second},
                                      BellStateVector(BellState::PHI_PLUS));
}

void
AbstractLinkLayer::WatchExpiry(int32_t slot, uint64_t pairId)
{
    if (m_memory->GetCutoffTime().IsZero())
    {
        return; // nothing expires
    }
    if (m_onExpired.IsNull())
    {
        m_onExpired = MakeCallback(&AbstractLinkLayer::OnExpired, this);
    }
    if (static_cast<uint32_t>(slot) >= m_slotPairs.size())
    {
        m_slotPairs.resize(slot + 1, 0);
    }
    m_slotPairs[slot] = pairId;
    m_memory->SetExpiryCallback(slot, m_onExpired);
}

void
AbstractLinkLayer::OnExpired(uint32_t slot)
{
    NS_ASSERT(slot < m_slotPairs.size());
    NotifyExpire(m_slotPairs[slot], static_cast<int32_t>(slot));
}

} // namespace ns3
