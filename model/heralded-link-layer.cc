/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "heralded-link-layer.h"

#include "quantum-memory.h"
#include "quantum-net-device.h"
#include "quantum-signal.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HeraldedLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(HeraldedLinkLayer);

TypeId
HeraldedLinkLayer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::HeraldedLinkLayer")
              .SetParent<QuantumLinkLayer>()
              .SetGroupName("Quantum")
              .AddConstructor<HeraldedLinkLayer>()
              .AddAttribute("Mode",
                            "Execution mode: exact (every attempt simulated) or fast (geometric "
                            "number of attempts to the first success).",
                            EnumValue(static_cast<int>(HeraldedGenerationMode::EXACT)),
                            MakeEnumAccessor(&HeraldedLinkLayer::m_mode),
                            MakeEnumChecker(static_cast<int>(HeraldedGenerationMode::EXACT),
                                            "exact",
                                            static_cast<int>(HeraldedGenerationMode::FAST),
                                            "fast"))
              .AddAttribute("BrightStatePopulation",
                            "Single-click: population alpha of the bright (emitting) spin state, "
                            "in [0, 1].",
                            DoubleValue(0.1),
                            MakeDoubleAccessor(&HeraldedLinkLayer::m_alpha),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("MaxParallelAttempts",
                            "Memory slots that attempt in parallel (multiplexing), 1 to 65535.",
                            UintegerValue(1),
                            MakeUintegerAccessor(&HeraldedLinkLayer::m_maxLanes),
                            MakeUintegerChecker<uint32_t>(1, 65535))
              .AddAttribute("EmissionDuration",
                            "Spin initialisation and optical excitation: time from a lane being "
                            "ready to its photon leaving (at least 1 ns).",
                            TimeValue(MicroSeconds(1)),
                            MakeTimeAccessor(&HeraldedLinkLayer::m_emissionDuration),
                            MakeTimeChecker(NanoSeconds(1), Seconds(1)))
              .AddAttribute("UdpPort",
                            "UDP port of this end for heralds and handshake messages.",
                            UintegerValue(7000),
                            MakeUintegerAccessor(&HeraldedLinkLayer::m_udpPort),
                            MakeUintegerChecker<uint16_t>(1, 65535));
    return tid;
}

HeraldedLinkLayer::HeraldedLinkLayer()
    : m_arm(0)
    , m_mode(static_cast<int>(HeraldedGenerationMode::EXACT))
    , m_alpha(0.1)
    , m_maxLanes(1)
    , m_udpPort(7000)
    , m_udp(false)
    , m_udpPeer(Ipv4Address::GetAny(), 0)
    , m_nextRequestId(0)
    , m_emissions(0)
    , m_emissionEfficiency(1)
    , m_initFidelity(1)
    , m_estimateWaitSeconds(-1)
    , m_estimate(0)
    , m_haveEstimate(false)
{
    NS_LOG_FUNCTION(this);
}

HeraldedLinkLayer::~HeraldedLinkLayer()
{
    NS_LOG_FUNCTION(this);
}

void
HeraldedLinkLayer::DoDispose()
{
    m_active.deadlineEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    m_node = nullptr;
    m_memory = nullptr;
    m_device = nullptr;
    m_station = nullptr;
    m_peer = nullptr;
    m_queue.clear();
    QuantumLinkLayer::DoDispose();
}

void
HeraldedLinkLayer::Setup(Ptr<Node> node,
                         Ptr<QuantumMemory> memory,
                         Ptr<QuantumNetDevice> device,
                         Ptr<HeraldingStation> station,
                         uint32_t arm)
{
    NS_ABORT_MSG_IF(!node || !memory || !device || !station,
                    "HeraldedLinkLayer::Setup: null node, memory, device or station");
    NS_ABORT_MSG_IF(arm > 1, "HeraldedLinkLayer::Setup: arm " << arm << " is not 0 or 1");
    m_node = node;
    m_memory = memory;
    m_device = device;
    m_station = station;
    m_arm = arm;
    Refresh();
}

void
HeraldedLinkLayer::SetPeer(Ptr<HeraldedLinkLayer> peer)
{
    m_peer = peer;
}

void
HeraldedLinkLayer::SetUdpPeer(InetSocketAddress peer)
{
    NS_ABORT_MSG_IF(!m_node, "HeraldedLinkLayer::SetUdpPeer: call Setup first");
    m_udp = true;
    m_udpPeer = peer;
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_udpPort)) != 0,
                    "HeraldedLinkLayer: cannot bind UDP port " << m_udpPort << " on node "
                                                               << m_node->GetId()
                                                               << " (UdpPort already in use?)");
    m_socket->SetRecvCallback(MakeCallback(&HeraldedLinkLayer::HandleRead, this));
}

void
HeraldedLinkLayer::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        HeraldHeader h;
        p->RemoveHeader(h);
        ReceiveMessage(h);
    }
}

Ptr<Node>
HeraldedLinkLayer::GetNode() const
{
    return m_node;
}

uint32_t
HeraldedLinkLayer::GetRemoteNodeId() const
{
    NS_ABORT_MSG_IF(!m_peer, "HeraldedLinkLayer: no peer set");
    return m_peer->GetNode()->GetId();
}

Ptr<QuantumMemory>
HeraldedLinkLayer::GetMemory() const
{
    return m_memory;
}

Time
HeraldedLinkLayer::GetAttemptPeriod() const
{
    return m_station->GetAttemptPeriod();
}

Ptr<HeraldingStation>
HeraldedLinkLayer::GetStation() const
{
    return m_station;
}

HeraldedGenerationMode
HeraldedLinkLayer::GetMode() const
{
    return static_cast<HeraldedGenerationMode>(m_mode);
}

uint32_t
HeraldedLinkLayer::GetArm() const
{
    return m_arm;
}

double
HeraldedLinkLayer::GetBrightStatePopulation() const
{
    return m_alpha;
}

double
HeraldedLinkLayer::GetEmissionEfficiency() const
{
    return m_emissionEfficiency;
}

double
HeraldedLinkLayer::GetInitializationFidelity() const
{
    return m_initFidelity;
}

void
HeraldedLinkLayer::Refresh()
{
    DoubleValue v;
    m_memory->GetAttribute("EmissionEfficiency", v);
    m_emissionEfficiency = v.Get();
    m_memory->GetAttribute("InitializationFidelity", v);
    m_initFidelity = v.Get();
    m_haveEstimate = false;
}

Time
HeraldedLinkLayer::GetEmissionDuration() const
{
    return m_emissionDuration;
}

uint16_t
HeraldedLinkLayer::GetUdpPort() const
{
    return m_udpPort;
}

uint64_t
HeraldedLinkLayer::GetNumEmissions() const
{
    return m_emissions;
}

double
HeraldedLinkLayer::EstimateFidelity(Time waiting)
{
    const double w = waiting.GetSeconds();
    if (m_haveEstimate && w == m_estimateWaitSeconds)
    {
        return m_estimate;
    }
    const HeraldedEntanglementModel& model = m_station->GetNominalModel();
    const double f = 2 * GetInitializationFidelity() - 1;
    double sum = 0;
    for (uint32_t k : model.GetSuccessIndices())
    {
        const HeraldedOutcome& o = model.GetOutcomes()[k];
        QMatrix rho = o.state;
        for (uint32_t i = 0; i < 4; ++i)
        {
            for (uint32_t j = 0; j < 4; ++j)
            {
                const int flips = ((i >> 1) != (j >> 1)) + ((i & 1) != (j & 1));
                rho(i, j) *= std::pow(f, flips);
            }
        }
        for (uint32_t a = 0; a < 2; ++a)
        {
            HeraldingStation::DecayPairMatrix(rho, a, w, m_memory->GetT1(), m_memory->GetT2());
        }
        const QVector ref = BellStateVector(o.bellState);
        sum += o.probability * std::real(ref.dot(rho * ref));
    }
    const double ps = model.GetSuccessProbability();
    m_estimate = ps > 0 ? sum / ps : 0;
    m_estimateWaitSeconds = w;
    m_haveEstimate = true;
    return m_estimate;
}

double
HeraldedLinkLayer::GetMaxEstimatedFidelity()
{
    const Time wait = m_station->GetArmDelay(m_arm) + m_station->GetRoundSeparation()
                      + m_station->GetHeraldDelay(m_arm);
    return EstimateFidelity(wait);
}

uint32_t
HeraldedLinkLayer::Create(const EntanglementRequest& request)
{
    NS_LOG_FUNCTION(this << request.remoteNodeId << request.numPairs);
    NS_ABORT_MSG_IF(!m_station || !m_peer,
                    "HeraldedLinkLayer::Create: the link end is not set up (use "
                    "QuantumLinkHelper)");
    const uint32_t id = ++m_nextRequestId;
    RefreshLink();
    EntanglementError err = EntanglementError::TIMEOUT;
    bool bad = false;
    if (request.remoteNodeId != GetRemoteNodeId())
    {
        err = EntanglementError::UNKNOWN_NODE;
        bad = true;
    }
    else if (request.numPairs == 0 || !(request.minFidelity >= 0 && request.minFidelity <= 1)
             || (!request.deadline.IsZero() && request.deadline <= Simulator::Now()))
    {
        err = EntanglementError::INVALID_REQUEST;
        bad = true;
    }
    else if (m_station->GetNominalModel().GetSuccessProbability() <= 0
             || request.minFidelity > GetMaxEstimatedFidelity())
    {
        err = EntanglementError::UNSUPPORTED;
        bad = true;
    }
    if (bad)
    {
        NS_LOG_INFO("request " << id << " refused: " << EntanglementErrorName(err));
        Simulator::ScheduleNow(&HeraldedLinkLayer::FailLater, this, id, err);
        return id;
    }
    m_queue.emplace_back(id, request);
    if (!m_active.active)
    {
        StartNext();
    }
    return id;
}

void
HeraldedLinkLayer::RefreshLink()
{
    Refresh();
    m_peer->Refresh();
    m_station->Refresh();
}

void
HeraldedLinkLayer::FailLater(uint32_t id, EntanglementError e)
{
    NotifyError(id, e, 0);
}

void
HeraldedLinkLayer::StartNext()
{
    while (!m_queue.empty() && !m_active.active)
    {
        auto [id, req] = m_queue.front();
        m_queue.pop_front();
        if (!req.deadline.IsZero() && req.deadline <= Simulator::Now())
        {
            NotifyError(id, EntanglementError::TIMEOUT, 0);
            continue;
        }
        if (m_memory->GetNumFree() == 0)
        {
            NotifyError(id, EntanglementError::NO_RESOURCES, 0);
            continue;
        }
        m_active = Active();
        m_active.active = true;
        m_active.origin = true;
        m_active.waiting = true;
        m_active.tag = static_cast<uint16_t>((m_arm << 14) | (id & 0x3fff));
        m_active.requestId = id;
        m_active.originNode = m_node->GetId();
        m_active.numPairs = req.numPairs;
        m_active.deadline = req.deadline;
        m_active.type = req.type;
        m_active.basis = req.measureBasis;
        m_active.request = req;
        if (!req.deadline.IsZero())
        {
            m_active.deadlineEvent = Simulator::Schedule(req.deadline - Simulator::Now(),
                                                         &HeraldedLinkLayer::OnDeadline,
                                                         this);
        }
        HeraldHeader h;
        h.type = HeraldHeader::CREATE;
        h.requestTag = m_active.tag;
        h.requestId = id;
        h.originNodeId = m_node->GetId();
        h.numPairs = req.numPairs;
        h.requestType = static_cast<uint8_t>(req.type);
        h.basisKind = static_cast<uint8_t>(req.measureBasis.GetKind());
        h.basisTheta = req.measureBasis.GetTheta();
        h.basisPhi = req.measureBasis.GetPhi();
        h.minFidelity = req.minFidelity;
        h.deadlineNs = req.deadline.GetNanoSeconds();
        h.lanes = static_cast<uint16_t>(
            std::min<uint32_t>({m_maxLanes, req.numPairs, m_memory->GetNumFree(), 65535u}));
        SendToPeer(h);
    }
}

void
HeraldedLinkLayer::SendToPeer(const HeraldHeader& h)
{
    if (m_udp)
    {
        Ptr<Packet> p = ns3::Create<Packet>();
        p->AddHeader(h);
        m_socket->SendTo(p, 0, m_udpPeer);
        return;
    }
    // The ends' signal line runs through the station.
    const Time delay = m_station->GetHeraldDelay(0) + m_station->GetHeraldDelay(1);
    Simulator::ScheduleWithContext(m_peer->GetNode()->GetId(),
                                   delay,
                                   &HeraldedLinkLayer::ReceiveMessage,
                                   m_peer,
                                   h);
}

void
HeraldedLinkLayer::ReceiveMessage(const HeraldHeader& h)
{
    if (h.type == HeraldHeader::HERALD)
    {
        OnHerald(h);
    }
    else
    {
        OnControl(h);
    }
}

void
HeraldedLinkLayer::OnControl(const HeraldHeader& h)
{
    NS_LOG_FUNCTION(this << h);
    switch (h.type)
    {
        case HeraldHeader::CREATE: {
            HeraldHeader r;
            r.requestTag = h.requestTag;
            r.requestId = h.requestId;
            if (m_active.active && m_active.origin && m_active.waiting && m_arm == 1)
            {
                // Both ends asked at once: end B yields, requeues its own request
                // (end A refuses B's CREATE, and B ignores that refusal).
                m_active.deadlineEvent.Cancel();
                m_queue.emplace_front(m_active.requestId, m_active.request);
                m_active.active = false;
            }
            if (m_active.active || m_memory->GetNumFree() == 0)
            {
                r.type = HeraldHeader::REJECT;
                SendToPeer(r);
                return;
            }
            m_active = Active();
            m_active.active = true;
            m_active.origin = false;
            m_active.tag = h.requestTag;
            m_active.requestId = h.requestId;
            m_active.originNode = h.originNodeId;
            m_active.numPairs = h.numPairs;
            m_active.deadline = NanoSeconds(h.deadlineNs);
            m_active.type = static_cast<EntanglementRequestType>(h.requestType);
            switch (h.basisKind)
            {
                case MeasurementBasis::Z:
                    m_active.basis = MeasurementBasis::ZBasis();
                    break;
                case MeasurementBasis::X:
                    m_active.basis = MeasurementBasis::XBasis();
                    break;
                case MeasurementBasis::Y:
                    m_active.basis = MeasurementBasis::YBasis();
                    break;
                default:
                    m_active.basis = MeasurementBasis::Bloch(h.basisTheta, h.basisPhi);
            }
            if (h.deadlineNs != 0)
            {
                const Time left = NanoSeconds(h.deadlineNs) - Simulator::Now();
                m_active.deadlineEvent = Simulator::Schedule(std::max(left, Seconds(0)),
                                                             &HeraldedLinkLayer::OnDeadline,
                                                             this);
            }
            RefreshLink();
            r.type = HeraldHeader::ACCEPT;
            r.lanes = static_cast<uint16_t>(
                std::min<uint32_t>({h.lanes, m_maxLanes, m_memory->GetNumFree()}));
            SendToPeer(r);
            StartLanes(r.lanes);
            return;
        }
        case HeraldHeader::ACCEPT:
            if (m_active.active && m_active.waiting && h.requestTag == m_active.tag)
            {
                m_active.waiting = false;
                StartLanes(h.lanes);
            }
            return;
        case HeraldHeader::REJECT:
            if (m_active.active && m_active.waiting && h.requestTag == m_active.tag)
            {
                Stop(true, EntanglementError::NO_RESOURCES);
            }
            return;
        case HeraldHeader::ABORT:
            if (m_active.active && h.requestTag == m_active.tag)
            {
                Stop(m_active.origin, static_cast<EntanglementError>(h.bellLabel));
            }
            return;
        default:
            NS_LOG_WARN("unexpected message " << h);
    }
}

void
HeraldedLinkLayer::StartLanes(uint16_t lanes)
{
    m_lanes.assign(lanes, Lane());
    for (uint32_t l = 0; l < lanes; ++l)
    {
        const int32_t slot = m_memory->Allocate();
        if (slot < 0)
        {
            HeraldHeader a;
            a.type = HeraldHeader::ABORT;
            a.requestTag = m_active.tag;
            a.bellLabel = static_cast<uint8_t>(EntanglementError::NO_RESOURCES);
            SendToPeer(a);
            Stop(m_active.origin, EntanglementError::NO_RESOURCES);
            return;
        }
        m_lanes[l].slot = slot;
        m_lanes[l].running = true;
        m_laneSlots[slot] = l;
        m_memory->SetExpiryCallback(slot, MakeCallback(&HeraldedLinkLayer::OnSlotExpired, this));
    }
    for (uint32_t l = 0; l < lanes; ++l)
    {
        Emit(l);
    }
}

void
HeraldedLinkLayer::Emit(uint32_t l)
{
    Lane& lane = m_lanes[l];
    const Time emission = Simulator::Now() + m_emissionDuration;
    lane.emission = emission;
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::FOCK, 1.0, 0, 0);
    s->ApplyTransmittance(m_emissionEfficiency);
    s->SetEmissionTime(emission);
    s->SetPort(m_station->GetQuantumPort());
    const uint64_t fast = GetMode() == HeraldedGenerationMode::FAST ? 1 : 0;
    s->SetTimeBin((fast << 63) | (static_cast<uint64_t>(m_active.tag & 0x7fff) << 48)
                  | (static_cast<uint64_t>(l) << 32) | lane.attemptId);
    ++m_emissions;
    m_device->SendSignal(s);
}

void
HeraldedLinkLayer::OnHerald(const HeraldHeader& h)
{
    if (!m_active.active || h.requestTag != m_active.tag || h.lane >= m_lanes.size()
        || !m_lanes[h.lane].running)
    {
        if (h.success)
        {
            DiscardHalf(h.pairId);
        }
        return;
    }
    Lane& lane = m_lanes[h.lane];
    if (h.success)
    {
        if (h.successIndex >= m_active.numPairs)
        {
            DiscardHalf(h.pairId);
            lane.running = false;
            return;
        }
        const uint32_t requestId = m_active.requestId;
        Deliver(h.lane, h);
        if (!m_active.active || m_active.requestId != requestId)
        {
            // The request completed, or an upper layer stopped it, or started
            // the next request from its OK callback: this lane is done.
            return;
        }
        const int32_t slot = m_memory->Allocate();
        if (slot < 0)
        {
            HeraldHeader a;
            a.type = HeraldHeader::ABORT;
            a.requestTag = m_active.tag;
            a.bellLabel = static_cast<uint8_t>(EntanglementError::NO_RESOURCES);
            SendToPeer(a);
            Stop(m_active.origin, EntanglementError::NO_RESOURCES);
            return;
        }
        lane.slot = slot;
        m_laneSlots[slot] = h.lane;
        m_memory->SetExpiryCallback(slot, MakeCallback(&HeraldedLinkLayer::OnSlotExpired, this));
        lane.attemptId = 0;
        Emit(h.lane);
        return;
    }
    ++lane.attemptId;
    Emit(h.lane);
}

void
HeraldedLinkLayer::Deliver(uint32_t l, const HeraldHeader& h)
{
    Lane& lane = m_lanes[l];
    Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
    Time stamp;
    QubitHandle q = m_station->ClaimHalf(h.pairId, m_arm, stamp);
    const Time now = Simulator::Now();
    if (!(m_memory->GetT1().IsZero() && m_memory->GetT2().IsZero()) && now > stamp)
    {
        const double inf = std::numeric_limits<double>::infinity();
        reg->ApplyMemoryDecay(q,
                              (now - stamp).GetSeconds(),
                              m_memory->GetT1().IsZero() ? inf : m_memory->GetT1().GetSeconds(),
                              m_memory->GetT2().IsZero() ? inf : m_memory->GetT2().GetSeconds());
    }
    m_laneSlots.erase(lane.slot);
    m_memory->Release(lane.slot);
    lane.slot = -1;
    const int32_t slot = m_memory->Store(q);
    NS_ASSERT(slot >= 0);
    m_station->NoteStored(h.pairId, m_arm, m_memory, slot);
    EntanglementPair pair;
    pair.requestId = m_active.requestId;
    pair.originNodeId = m_active.originNode;
    pair.pairId = h.pairId;
    pair.remoteNodeId = GetRemoteNodeId();
    pair.bellState = BellStateFromLabel(h.bellLabel);
    // The successful attempt's emission: in fast mode attemptId attempts after the lane start.
    Time emission = lane.emission;
    if (GetMode() == HeraldedGenerationMode::FAST)
    {
        emission += GetAttemptPeriod() * static_cast<int64_t>(h.attemptId);
    }
    pair.estimatedFidelity = EstimateFidelity(now - emission);
    pair.creationTime = stamp; // the herald detection at the station, the same at both ends
    const double trueF = m_station->GetTrueFidelity(h.pairId, m_arm, pair.bellState);
    if (m_active.type == EntanglementRequestType::MEASURE_DIRECTLY)
    {
        pair.basis = m_active.basis;
        pair.outcome = m_memory->Read(slot, m_active.basis);
        pair.memorySlot = -1;
        m_station->NoteStored(h.pairId, m_arm, m_memory, -1);
    }
    else
    {
        pair.memorySlot = slot;
        m_deliveredSlots[slot] = h.pairId;
        m_memory->SetExpiryCallback(slot, MakeCallback(&HeraldedLinkLayer::OnSlotExpired, this));
    }
    m_station->Done(h.pairId, m_arm);
    ++m_active.delivered;
    const bool complete = m_active.delivered >= m_active.numPairs;
    if (complete)
    {
        Stop(false, EntanglementError::TIMEOUT);
    }
    NotifyOk(pair, trueF);
    if (complete)
    {
        StartNext();
    }
}

void
HeraldedLinkLayer::DiscardHalf(uint64_t pairId)
{
    Time stamp;
    QubitHandle q = m_station->ClaimHalf(pairId, m_arm, stamp);
    m_memory->GetRegistry()->Discard(q);
    m_station->NoteStored(pairId, m_arm, nullptr, -1);
    m_station->Done(pairId, m_arm);
}

void
HeraldedLinkLayer::Stop(bool error, EntanglementError code)
{
    if (!m_active.active)
    {
        return;
    }
    m_active.deadlineEvent.Cancel();
    for (auto& lane : m_lanes)
    {
        if (lane.slot >= 0)
        {
            m_laneSlots.erase(lane.slot);
            m_memory->Release(lane.slot);
            lane.slot = -1;
        }
        lane.running = false;
    }
    const uint32_t id = m_active.requestId;
    const uint32_t delivered = m_active.delivered;
    const bool origin = m_active.origin;
    m_active.active = false;
    if (error && origin)
    {
        NotifyError(id, code, delivered);
    }
    if (error)
    {
        StartNext();
    }
}

void
HeraldedLinkLayer::OnDeadline()
{
    Stop(m_active.origin, EntanglementError::TIMEOUT);
}

void
HeraldedLinkLayer::OnSlotExpired(uint32_t slot)
{
    auto l = m_laneSlots.find(slot);
    if (l != m_laneSlots.end())
    {
        // A reserved slot reached the cut-off: take a fresh one for the lane.
        const uint32_t lane = l->second;
        m_laneSlots.erase(l);
        const int32_t s = m_memory->Allocate();
        m_lanes[lane].slot = s;
        if (s >= 0)
        {
            m_laneSlots[s] = lane;
            m_memory->SetExpiryCallback(s, MakeCallback(&HeraldedLinkLayer::OnSlotExpired, this));
        }
        return;
    }
    auto d = m_deliveredSlots.find(slot);
    if (d != m_deliveredSlots.end())
    {
        const uint64_t pairId = d->second;
        m_deliveredSlots.erase(d);
        NotifyExpire(pairId, static_cast<int32_t>(slot));
    }
}

} // namespace ns3
