/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "repeater-node-agent.h"

#include "entanglement-purifier.h"
#include "entanglement-swapper.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"
#include "repeater-chain-policy.h"
#include "repeater-message-header.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
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

NS_LOG_COMPONENT_DEFINE("RepeaterNodeAgent");
NS_OBJECT_ENSURE_REGISTERED(RepeaterNodeAgent);

namespace
{
/**
 * @param f a fidelity
 * @return the Werner parameter (4F - 1)/3
 */
double
WernerOf(double f)
{
    return (4.0 * f - 1.0) / 3.0;
}

/**
 * @param w a Werner parameter
 * @return the fidelity (3w + 1)/4
 */
double
FidelityOf(double w)
{
    return (3.0 * w + 1.0) / 4.0;
}
} // namespace

TypeId
RepeaterNodeAgent::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RepeaterNodeAgent")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<RepeaterNodeAgent>()
              .AddAttribute("Port",
                            "UDP port of the repeater protocol (one per chain or route); "
                            "with link-layer frames, the field that tells the chains sharing "
                            "a device apart.",
                            UintegerValue(9500),
                            MakeUintegerAccessor(&RepeaterNodeAgent::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("FrameProtocol",
                            "Protocol number (EtherType) of the messages sent as link-layer "
                            "frames (SetLink with a NetDevice); default 0x88B5, IEEE 802 local "
                            "experimental.",
                            UintegerValue(0x88B5),
                            MakeUintegerAccessor(&RepeaterNodeAgent::m_frameProtocol),
                            MakeUintegerChecker<uint16_t>(0x0600))
              .AddAttribute("MaxDeliveries",
                            "The first end stops starting new rounds after this many end-to-end "
                            "pairs (0 = never).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&RepeaterNodeAgent::m_maxDeliveries),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("OnDemand",
                            "The first end starts a round only for each RequestRound() call "
                            "(used by the sub-chains behind a ChainLinkLayer); false: rounds "
                            "follow each other without request.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&RepeaterNodeAgent::m_onDemand),
                            MakeBooleanChecker())
              .AddTraceSource("Delivered",
                              "An end-to-end pair was completed (first end): delivery, "
                              "ground-truth fidelity.",
                              MakeTraceSourceAccessor(&RepeaterNodeAgent::m_deliveredTrace),
                              "ns3::RepeaterNodeAgent::DeliveryTracedCallback")
              .AddTraceSource(
                  "PairDiscarded",
                  "A pair held by this node was discarded: position, reason (0 cut-off, "
                  "1 failed swap, 2 failed purification, 3 discarded by a neighbour).",
                  MakeTraceSourceAccessor(&RepeaterNodeAgent::m_discardTrace),
                  "ns3::RepeaterNodeAgent::DiscardTracedCallback")
              .AddTraceSource("Purified",
                              "A purification step was decided at this node: position, success.",
                              MakeTraceSourceAccessor(&RepeaterNodeAgent::m_purifyTrace),
                              "ns3::RepeaterNodeAgent::PurifyTracedCallback")
              .AddTraceSource("Swapped",
                              "This node completed a swap: position, success, Bell outcome.",
                              MakeTraceSourceAccessor(&RepeaterNodeAgent::m_swapTrace),
                              "ns3::RepeaterNodeAgent::SwapTracedCallback");
    return tid;
}

RepeaterNodeAgent::RepeaterNodeAgent()
    : m_position(0)
    , m_numNodes(0)
    , m_port(9500)
    , m_frameProtocol(0x88B5)
    , m_started(false)
    , m_maxDeliveries(0)
    , m_onDemand(false)
    , m_credit(0)
    , m_round(0)
    , m_deliveries(0)
    , m_stopped(false)
{
}

RepeaterNodeAgent::~RepeaterNodeAgent() = default;

void
RepeaterNodeAgent::DoDispose()
{
    for (auto& s : m_side)
    {
        s.link = nullptr;
        s.purifier = nullptr;
        s.device = nullptr;
    }
    m_memory = nullptr;
    m_processor = nullptr;
    m_swapper = nullptr;
    m_policy = nullptr;
    m_socket = nullptr;
    m_far = nullptr;
    m_rng.Dispose();
    m_deliver = DeliveryCallback();
    Application::DoDispose();
}

void
RepeaterNodeAgent::SetPosition(uint32_t position, uint32_t numNodes)
{
    NS_ABORT_MSG_IF(numNodes < 2 || position >= numNodes,
                    "RepeaterNodeAgent::SetPosition: position " << position << " of " << numNodes
                                                                << " nodes is invalid");
    m_position = position;
    m_numNodes = numNodes;
}

void
RepeaterNodeAgent::SetLink(Side side,
                           Ptr<QuantumLinkLayer> link,
                           Ipv4Address neighbour,
                           Ptr<EntanglementPurifier> purifier)
{
    m_side[side].link = link;
    m_side[side].neighbour = neighbour;
    m_side[side].device = nullptr;
    m_side[side].purifier = purifier;
}

void
RepeaterNodeAgent::SetLink(Side side,
                           Ptr<QuantumLinkLayer> link,
                           Ptr<NetDevice> device,
                           const Address& neighbour,
                           Ptr<EntanglementPurifier> purifier)
{
    NS_ABORT_MSG_IF(!device,
                    "RepeaterNodeAgent at position " << m_position
                                                     << ": SetLink with a null NetDevice");
    NS_ABORT_MSG_IF(device->GetInstanceTypeId().GetName() == "ns3::PointToPointNetDevice",
                    "RepeaterNodeAgent at position "
                        << m_position
                        << ": link-layer frames cannot use a PointToPointNetDevice (it carries "
                           "IPv4 and IPv6 only); use UDP (SetLink with an Ipv4Address) or a "
                           "SimpleNetDevice or CsmaNetDevice link");
    m_side[side].link = link;
    m_side[side].device = device;
    m_side[side].peer = neighbour;
    m_side[side].purifier = purifier;
}

void
RepeaterNodeAgent::SetDevices(Ptr<QuantumMemory> memory,
                              Ptr<QuantumProcessor> processor,
                              Ptr<EntanglementSwapper> swapper)
{
    m_memory = memory;
    m_processor = processor;
    m_swapper = swapper;
}

void
RepeaterNodeAgent::SetPolicy(Ptr<RepeaterChainPolicy> policy)
{
    m_policy = policy;
}

void
RepeaterNodeAgent::SetDeliveryCallback(DeliveryCallback cb)
{
    m_deliver = cb;
}

void
RepeaterNodeAgent::SetFarEndForAnalysis(Ptr<RepeaterNodeAgent> far)
{
    m_far = far;
}

int32_t
RepeaterNodeAgent::GetSlotForAnalysis(Side side) const
{
    return m_side[side].live ? m_side[side].slot : -1;
}

uint32_t
RepeaterNodeAgent::GetDeliveries() const
{
    return m_deliveries;
}

uint32_t
RepeaterNodeAgent::GetPosition() const
{
    return m_position;
}

int64_t
RepeaterNodeAgent::AssignStreams(int64_t stream)
{
    return m_rng.AssignStreams(stream);
}

void
RepeaterNodeAgent::RequestRound()
{
    NS_LOG_FUNCTION(this << m_position << m_credit);
    NS_ABORT_MSG_IF(!m_onDemand || m_position != 0,
                    "RepeaterNodeAgent at position "
                        << m_position
                        << ": RequestRound needs the first end (position 0) with attribute "
                           "OnDemand = true");
    ++m_credit;
    if (m_started)
    {
        Generate(RIGHT);
    }
}

bool
RepeaterNodeAgent::IsOrigin(Side s)
{
    return s == RIGHT;
}

void
RepeaterNodeAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_numNodes < 2, "RepeaterNodeAgent: SetPosition was not called");
    NS_ABORT_MSG_IF(!m_memory || !m_policy,
                    "RepeaterNodeAgent at position " << m_position
                                                     << ": SetDevices and SetPolicy are required");
    NS_ABORT_MSG_IF((m_position > 0 && !m_side[LEFT].link)
                        || (m_position + 1 < m_numNodes && !m_side[RIGHT].link),
                    "RepeaterNodeAgent at position " << m_position << ": missing link");
    NS_ABORT_MSG_IF(m_position > 0 && m_position + 1 < m_numNodes && !m_swapper,
                    "RepeaterNodeAgent at position " << m_position
                                                     << ": an intermediate node needs a swapper");
    m_policy->Validate(m_numNodes);
    const bool udp = (m_side[LEFT].link && !m_side[LEFT].device)
                     || (m_side[RIGHT].link && !m_side[RIGHT].device);
    if (udp)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                        "RepeaterNodeAgent: cannot bind UDP port " << m_port);
        m_socket->SetRecvCallback(MakeCallback(&RepeaterNodeAgent::HandleRead, this));
    }
    OpenFrames();
    m_started = true;
    NS_ABORT_MSG_IF(
        m_side[LEFT].link && m_side[RIGHT].link
            && m_side[LEFT].link->GetRemoteNodeId() == m_side[RIGHT].link->GetRemoteNodeId(),
        "RepeaterNodeAgent at position " << m_position << ": both links lead to node "
                                         << m_side[LEFT].link->GetRemoteNodeId()
                                         << "; a chain's neighbours must be distinct nodes");
    const QuantumLinkLayer::OkCallback ok = MakeCallback(&RepeaterNodeAgent::OnLinkOk, this);
    const QuantumLinkLayer::ErrorCallback error
        = MakeCallback(&RepeaterNodeAgent::OnLinkError, this);
    const QuantumLinkLayer::ExpireCallback expire
        = MakeCallback(&RepeaterNodeAgent::OnLinkExpire, this);
    for (const SideState& a : m_side)
    {
        if (a.link)
        {
            a.link->SetOkCallback(ok);
            a.link->SetErrorCallback(error);
            a.link->SetExpireCallback(expire);
        }
    }
    m_roundStart = Simulator::Now();
    Generate(RIGHT);
}

void
RepeaterNodeAgent::StopApplication()
{
    m_stopped = true;
    m_started = false;
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
    // One registration per distinct device (OpenFrames); each call removes one.
    const uint32_t registered = (m_side[LEFT].link && m_side[LEFT].device ? 1 : 0)
                                + (m_side[RIGHT].link && m_side[RIGHT].device
                                           && m_side[RIGHT].device != m_side[LEFT].device
                                       ? 1
                                       : 0);
    for (uint32_t k = 0; k < registered; ++k)
    {
        GetNode()->UnregisterProtocolHandler(MakeCallback(&RepeaterNodeAgent::HandleFrame, this));
    }
}

void
RepeaterNodeAgent::OpenFrames()
{
    // One callback for both devices: an ns-3 Callback costs a few hundred bytes.
    const Node::ProtocolHandler handler = MakeCallback(&RepeaterNodeAgent::HandleFrame, this);
    for (int s = 0; s < 2; ++s)
    {
        Ptr<NetDevice> d = m_side[s].device;
        if (!m_side[s].link || !d || (s == RIGHT && d == m_side[LEFT].device))
        {
            continue;
        }
        NS_ABORT_MSG_IF(d->GetNode() != GetNode(),
                        "RepeaterNodeAgent at position "
                            << m_position << ": the NetDevice to the "
                            << (s == LEFT ? "left" : "right") << " neighbour belongs to node "
                            << d->GetNode()->GetId() << ", not to this agent's node "
                            << GetNode()->GetId());
        GetNode()->RegisterProtocolHandler(handler, m_frameProtocol, d);
    }
}

void
RepeaterNodeAgent::Generate(Side s)
{
    SideState& a = m_side[s];
    if (!IsOrigin(s) || !a.link || a.generating || m_stopped || a.hasSwapped)
    {
        return;
    }
    if (m_onDemand && m_position == 0 && !a.live && m_credit == 0)
    {
        return; // no round requested
    }
    const uint32_t rounds = m_policy->GetPurifyRounds();
    const bool needSac = a.live && !a.hasSac && a.roundsDone < rounds;
    if (a.live && !needSac)
    {
        return;
    }
    EntanglementRequest r;
    r.remoteNodeId = a.link->GetRemoteNodeId();
    r.numPairs = 1;
    r.type = EntanglementRequestType::KEEP;
    a.generating = true;
    a.link->Create(r);
}

void
RepeaterNodeAgent::OnLinkOk(const EntanglementPair& pair)
{
    const Side s = m_side[LEFT].link && pair.remoteNodeId == m_side[LEFT].link->GetRemoteNodeId()
                       ? LEFT
                       : RIGHT;
    NS_ASSERT(m_side[s].link);
    OnOk(s, pair);
}

void
RepeaterNodeAgent::OnLinkError(uint32_t id, EntanglementError e, uint32_t n)
{
    // Only the origin side issues requests (Generate).
    NS_ASSERT(m_side[RIGHT].link && IsOrigin(RIGHT));
    OnError(RIGHT, id, e, n);
}

void
RepeaterNodeAgent::OnLinkExpire(uint64_t pairId, int32_t slot)
{
    // Pair ids are unique per link only: the slot tells the sides apart.
    auto holds = [pairId, slot](const SideState& a, bool bySlot) {
        const bool pair = (a.live && a.pairId == pairId) || (a.hasSac && a.sacId == pairId);
        return pair && (!bySlot || (a.live && a.slot == slot) || (a.hasSac && a.sacSlot == slot));
    };
    const bool left = m_side[LEFT].link && holds(m_side[LEFT], false);
    const bool right = m_side[RIGHT].link && holds(m_side[RIGHT], false);
    if (left && right)
    {
        OnExpire(holds(m_side[LEFT], true) ? LEFT : RIGHT, pairId, slot);
    }
    else if (left || right)
    {
        OnExpire(left ? LEFT : RIGHT, pairId, slot);
    }
}

void
RepeaterNodeAgent::OnError(Side s, uint32_t id, EntanglementError e, uint32_t n)
{
    NS_LOG_FUNCTION(this << s << id << EntanglementErrorName(e));
    SideState& a = m_side[s];
    a.generating = false;
    NS_ABORT_MSG_IF(e == EntanglementError::INVALID_REQUEST || e == EntanglementError::UNKNOWN_NODE
                        || e == EntanglementError::UNSUPPORTED,
                    "RepeaterNodeAgent at position " << m_position
                                                     << ": the link refused the request ("
                                                     << EntanglementErrorName(e) << ")");
    // Out of memory or timeout: try again one attempt period later.
    Simulator::Schedule(a.link->GetAttemptPeriod(), &RepeaterNodeAgent::Generate, this, s);
}

void
RepeaterNodeAgent::OnOk(Side s, const EntanglementPair& pair)
{
    NS_LOG_FUNCTION(this << m_position << s << pair.pairId << pair.memorySlot);
    SideState& a = m_side[s];
    if (IsOrigin(s))
    {
        a.generating = false;
    }
    const uint32_t rounds = m_policy->GetPurifyRounds();
    if (a.live && rounds > 0 && a.roundsDone < rounds && !a.hasSac)
    {
        a.hasSac = true;
        a.sacId = pair.pairId;
        a.sacSlot = pair.memorySlot;
        a.sacLabel = static_cast<uint8_t>(pair.bellState);
        a.sacW = WernerOf(pair.estimatedFidelity);
        if (IsOrigin(s))
        {
            if (!a.busy)
            {
                StartPurify(s);
            }
        }
        else if (a.startPending)
        {
            SubmitPurify(s);
        }
        return;
    }
    if (!m_earlyComplete.empty() && m_position + 1 == m_numNodes)
    {
        // In a two-node chain the first end can complete a pair before this
        // end's link layer confirms it: its COMPLETE was kept, deliver now.
        for (auto it = m_earlyComplete.begin(); it != m_earlyComplete.end(); ++it)
        {
            if (it->GetPairId() == pair.pairId)
            {
                const RepeaterMessageHeader h = *it;
                m_earlyComplete.erase(it);
                DeliverLast(h, pair.memorySlot);
                return;
            }
        }
    }
    if (a.live || a.hasSac)
    {
        // The origin only generates when the link's previous pair is gone:
        // what this side still holds of it is stale.
        if (a.busy)
        {
            m_memory->Release(pair.memorySlot);
            return;
        }
        if (m_position + 1 == m_numNodes && a.live && a.slot >= 0 && m_memory->IsOccupied(a.slot))
        {
            // At the last end the displaced half belongs to an end-to-end
            // pair whose COMPLETE (or DISCARD) is still on its way when the
            // classical messages are slower than link generation: keep it.
            m_awaiting.emplace_back(a.pairId, a.slot);
            a.slot = -1;
        }
        if (a.live && a.slot >= 0 && m_memory->IsOccupied(a.slot))
        {
            m_memory->Release(a.slot);
        }
        if (a.hasSac && a.sacSlot >= 0 && m_memory->IsOccupied(a.sacSlot))
        {
            m_memory->Release(a.sacSlot);
        }
        ResetSide(s);
    }
    a.live = true;
    // hasSwapped is kept: when classical messages are slower than link
    // generation, the new link pair can arrive before the COMPLETE or DISCARD
    // of the pair this side swapped earlier, which must still be forwarded.
    a.pairId = pair.pairId;
    a.slot = pair.memorySlot;
    a.linkLabel = static_cast<uint8_t>(pair.bellState);
    a.count = 0;
    a.frame = 0;
    a.wLink = WernerOf(pair.estimatedFidelity);
    a.wAcc = 1.0;
    a.roundsDone = 0;
    Generate(s); // the sacrificial pair, when purifying
    TryAct();
}

void
RepeaterNodeAgent::OnExpire(Side s, uint64_t pairId, int32_t slot)
{
    NS_LOG_FUNCTION(this << m_position << s << pairId << slot);
    SideState& a = m_side[s];
    if (a.hasSac && a.sacId == pairId)
    {
        a.sacSlot = -1;
        if (a.busy)
        {
            a.discardPending = true; // the purifier sees the lost slot
            return;
        }
        a.hasSac = false;
        Generate(s);
        return;
    }
    if (!a.live || a.pairId != pairId)
    {
        return;
    }
    a.slot = -1;
    if (a.busy)
    {
        a.discardPending = true;
        return;
    }
    RepeaterMessageHeader h;
    h.SetType(RepeaterMessageHeader::DISCARD);
    h.SetPairId(pairId);
    Send(s, h);
    DropPair(s, 0);
}

void
RepeaterNodeAgent::ResetSide(Side s)
{
    SideState& a = m_side[s];
    a.live = false;
    a.busy = false;
    a.discardPending = false;
    a.slot = -1;
    a.hasSac = false;
    a.sacSlot = -1;
    a.startPending = false;
    a.ownOutcome = -1;
    a.peerOutcome = -1;
    a.roundsDone = 0;
    a.count = 0;
    a.frame = 0;
    a.wAcc = 1.0;
}

void
RepeaterNodeAgent::DropPair(Side s, uint32_t reason)
{
    SideState& a = m_side[s];
    if (a.live && a.slot >= 0 && m_memory->IsOccupied(a.slot))
    {
        m_memory->Release(a.slot);
    }
    if (a.hasSac && a.sacSlot >= 0 && m_memory->IsOccupied(a.sacSlot))
    {
        m_memory->Release(a.sacSlot);
    }
    ResetSide(s);
    m_discardTrace(m_position, reason);
    Generate(s);
}

void
RepeaterNodeAgent::TryAct()
{
    const uint32_t rounds = m_policy->GetPurifyRounds();
    auto ready = [rounds](const SideState& a) {
        return a.live && !a.busy && a.roundsDone >= rounds;
    };
    if (m_position == 0)
    {
        if (ready(m_side[RIGHT]) && m_side[RIGHT].count + 2 == m_numNodes)
        {
            Complete();
        }
        return;
    }
    if (m_position + 1 == m_numNodes)
    {
        return;
    }
    const SideState& l = m_side[LEFT];
    const SideState& r = m_side[RIGHT];
    if (ready(l) && ready(r)
        && m_policy->ShouldSwap(m_position, m_numNodes, 1 + l.count, 1 + r.count))
    {
        DoSwap();
    }
}

void
RepeaterNodeAgent::DoSwap()
{
    NS_LOG_FUNCTION(this << m_position);
    m_side[LEFT].busy = true;
    m_side[RIGHT].busy = true;
    m_swapper->MeasureBell(m_side[LEFT].slot,
                           m_side[RIGHT].slot,
                           MakeCallback(&RepeaterNodeAgent::SwapDone, this));
}

void
RepeaterNodeAgent::SwapDone(bool ok, BellState m)
{
    NS_LOG_FUNCTION(this << m_position << ok << BellStateName(m));
    SideState& l = m_side[LEFT];
    SideState& r = m_side[RIGHT];
    m_swapTrace(m_position, ok, m);
    const bool dead = !ok || l.discardPending || r.discardPending;
    // The swapper freed both slots.
    l.slot = -1;
    r.slot = -1;
    if (!dead)
    {
        RepeaterMessageHeader toLeft;
        toLeft.SetType(RepeaterMessageHeader::SWAP_UPDATE);
        toLeft.SetPairId(l.pairId);
        toLeft.SetLabel(static_cast<uint8_t>(m) ^ r.linkLabel ^ r.frame);
        toLeft.SetCount(1 + r.count);
        toLeft.SetWerner(r.wLink * r.wAcc);
        RepeaterMessageHeader toRight;
        toRight.SetType(RepeaterMessageHeader::SWAP_UPDATE);
        toRight.SetPairId(r.pairId);
        toRight.SetLabel(0);
        toRight.SetCount(1 + l.count);
        toRight.SetWerner(l.wLink * l.wAcc);
        const uint64_t lid = l.pairId;
        const uint64_t rid = r.pairId;
        ResetSide(LEFT);
        ResetSide(RIGHT);
        l.hasSwapped = true;
        l.swappedPairId = lid;
        r.hasSwapped = true;
        r.swappedPairId = rid;
        Send(LEFT, toLeft);
        // The far right end needs the span of its pair only to decide
        // doubling swaps: with swap-ASAP the frame, the Werner estimate and
        // the swap count all flow to the first end, and this message is saved.
        if (m_policy->GetScheme() == RepeaterChainPolicy::DOUBLING)
        {
            Send(RIGHT, toRight);
        }
        return;
    }
    RepeaterMessageHeader d;
    d.SetType(RepeaterMessageHeader::DISCARD);
    d.SetPairId(l.pairId);
    Send(LEFT, d);
    d.SetPairId(r.pairId);
    Send(RIGHT, d);
    l.hasSwapped = false;
    r.hasSwapped = false;
    DropPair(LEFT, ok ? 0 : 1);
    DropPair(RIGHT, ok ? 0 : 1);
}

void
RepeaterNodeAgent::Complete()
{
    SideState& r = m_side[RIGHT];
    if (m_onDemand)
    {
        NS_ASSERT(m_credit > 0);
        --m_credit;
    }
    const BellState label = BellStateFromLabel(r.linkLabel ^ r.frame);
    const double w = r.wLink * r.wAcc;
    RepeaterDelivery d;
    d.round = m_round;
    d.localNodeId = GetNode()->GetId();
    d.remoteNodeId = m_far ? m_far->GetNode()->GetId() : 0;
    d.memorySlot = r.slot;
    d.bellState = label;
    d.estimatedFidelity = FidelityOf(w);
    d.roundStart = m_roundStart;
    d.completionTime = Simulator::Now();
    // Ground truth for the trace (analysis only).
    double trueF = std::numeric_limits<double>::quiet_NaN();
    if (m_far)
    {
        // The far end's half: the slot of its memory whose qubit shares the
        // pair's state; else (in a two-node chain the far end's link layer may
        // confirm the pair after this end) the other qubit of the pair's state.
        Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
        const QubitHandle qa = m_memory->Access(r.slot);
        Ptr<QuantumMemory> farMemory = m_far->m_memory;
        for (uint32_t s = 0; s < farMemory->GetNumSlots(); ++s)
        {
            if (farMemory->IsOccupied(s) && reg->InSameGroup(qa, farMemory->GetStoredQubit(s)))
            {
                const QubitHandle qb = farMemory->Access(s);
                trueF = reg->GetFidelity({qa, qb}, BellStateVector(label));
                break;
            }
        }
        const std::vector<QubitHandle> group = reg->GetGroupQubits(qa);
        if (std::isnan(trueF) && group.size() == 2)
        {
            // Not in the far memory yet (its link end still holds it).
            trueF = reg->GetFidelity({qa, group[0] == qa ? group[1] : group[0]},
                                     BellStateVector(label));
        }
    }
    ++m_deliveries;
    m_deliveredTrace(d, trueF);
    const bool last = m_maxDeliveries > 0 && m_deliveries >= m_maxDeliveries;
    RepeaterMessageHeader h;
    h.SetType(RepeaterMessageHeader::COMPLETE);
    h.SetPairId(r.pairId);
    h.SetLabel(static_cast<uint8_t>(label));
    h.SetCount(m_round);
    h.SetWerner(w);
    h.SetTimeStamp(m_roundStart);
    h.SetValue(last ? 1 : 0);
    const int32_t slot = r.slot;
    ResetSide(RIGHT);
    Send(RIGHT, h);
    const bool keep = !m_deliver.IsNull() && m_deliver(d);
    if (!keep && m_memory->IsOccupied(slot))
    {
        m_memory->Release(slot);
    }
    ++m_round;
    m_roundStart = Simulator::Now();
    m_stopped = m_stopped || last;
    Generate(RIGHT);
}

void
RepeaterNodeAgent::StartPurify(Side s)
{
    SideState& a = m_side[s];
    NS_LOG_FUNCTION(this << m_position << a.pairId << a.sacId);
    a.busy = true;
    a.ownOutcome = -1;
    a.peerOutcome = -1;
    // One of nine twirls, drawn as UniformRandomVariable::GetInteger(0, 8) would.
    const uint32_t twirl = m_policy->GetVariant() == PurificationVariant::BBPSSW
                               ? static_cast<uint32_t>(m_rng.GetValue() * 9.0)
                               : 0;
    a.pendingTwirl = twirl;
    CorrectToPhiPlus(a.slot, a.linkLabel);
    CorrectToPhiPlus(a.sacSlot, a.sacLabel);
    a.linkLabel = 0;
    a.sacLabel = 0;
    RepeaterMessageHeader h;
    h.SetType(RepeaterMessageHeader::PURIFY_START);
    h.SetPairId(a.pairId);
    h.SetAuxPairId(a.sacId);
    h.SetValue(twirl);
    Send(s, h);
    SubmitPurify(s);
}

void
RepeaterNodeAgent::CorrectToPhiPlus(int32_t slot, uint8_t label)
{
    if (label == 0)
    {
        return;
    }
    // Pauli-frame correction: a noiseless, instantaneous Pauli on the local half.
    for (uint32_t p = 1; p < 4; ++p)
    {
        if (BellLabelOfPauli(p) == label)
        {
            const QuantumGate g = p == 1   ? QuantumGate::PauliX()
                                  : p == 2 ? QuantumGate::PauliY()
                                           : QuantumGate::PauliZ();
            m_memory->GetRegistry()->ApplyGate(g, {m_memory->Access(slot)});
            return;
        }
    }
}

void
RepeaterNodeAgent::SubmitPurify(Side s)
{
    SideState& a = m_side[s];
    a.busy = true;
    a.startPending = false;
    NS_ABORT_MSG_IF(!a.purifier,
                    "RepeaterNodeAgent at position "
                        << m_position << ": purification needs an EntanglementPurifier");
    a.purifier->Submit(a.sacId,
                       IsOrigin(s) ? 0 : 1,
                       GetNode()->GetId(),
                       m_memory,
                       m_processor,
                       a.slot,
                       a.sacSlot,
                       m_policy->GetVariant(),
                       a.pendingTwirl,
                       MakeCallback(&RepeaterNodeAgent::OnPurifyOutcome, this).Bind(s));
}

void
RepeaterNodeAgent::OnPurifyOutcome(Side s, uint32_t outcome)
{
    SideState& a = m_side[s];
    if (!a.busy)
    {
        return;
    }
    a.ownOutcome = static_cast<int32_t>(outcome);
    a.hasSac = false; // consumed
    a.sacSlot = -1;
    RepeaterMessageHeader h;
    h.SetType(RepeaterMessageHeader::PURIFY_OUTCOME);
    h.SetPairId(a.pairId);
    h.SetValue(outcome);
    Send(s, h);
    if (a.peerOutcome >= 0)
    {
        DecidePurify(s);
    }
}

void
RepeaterNodeAgent::DecidePurify(Side s)
{
    SideState& a = m_side[s];
    const bool success = a.ownOutcome == a.peerOutcome && !a.discardPending;
    m_purifyTrace(m_position, success);
    if (success)
    {
        const double f1 = FidelityOf(a.wLink);
        const double f2 = FidelityOf(a.sacW);
        const double num = f1 * f2 + (1 - f1) * (1 - f2) / 9.0;
        const double den
            = f1 * f2 + f1 * (1 - f2) / 3.0 + f2 * (1 - f1) / 3.0 + 5.0 * (1 - f1) * (1 - f2) / 9.0;
        a.wLink = WernerOf(num / den);
        a.busy = false;
        a.ownOutcome = -1;
        a.peerOutcome = -1;
        ++a.roundsDone;
        Generate(s);
        TryAct();
        return;
    }
    if (a.discardPending)
    {
        RepeaterMessageHeader h;
        h.SetType(RepeaterMessageHeader::DISCARD);
        h.SetPairId(a.pairId);
        Send(s, h);
    }
    a.busy = false;
    DropPair(s, 2);
}

bool
RepeaterNodeAgent::TakeAwaiting(uint64_t pairId, int32_t& slot)
{
    for (auto it = m_awaiting.begin(); it != m_awaiting.end(); ++it)
    {
        if (it->first == pairId)
        {
            slot = it->second;
            m_awaiting.erase(it);
            return true;
        }
    }
    return false;
}

void
RepeaterNodeAgent::DeliverLast(const RepeaterMessageHeader& h, int32_t slot)
{
    RepeaterDelivery d;
    d.round = h.GetCount();
    d.localNodeId = GetNode()->GetId();
    d.remoteNodeId = m_far ? m_far->GetNode()->GetId() : 0;
    d.memorySlot = slot;
    d.bellState = BellStateFromLabel(h.GetLabel());
    d.estimatedFidelity = FidelityOf(h.GetWerner());
    d.roundStart = h.GetTimeStamp();
    d.completionTime = Simulator::Now();
    ++m_deliveries;
    m_round = h.GetCount() + 1;
    m_stopped = m_stopped || h.GetValue() == 1;
    const bool keep = !m_deliver.IsNull() && m_deliver(d);
    if (!keep && m_memory->IsOccupied(slot))
    {
        m_memory->Release(slot);
    }
}

void
RepeaterNodeAgent::Send(Side s, const RepeaterMessageHeader& h)
{
    const SideState& a = m_side[s];
    if (!m_started || !a.link)
    {
        return;
    }
    RepeaterMessageHeader m = h;
    m.SetPort(m_port);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(m);
    if (a.device)
    {
        a.device->Send(p, a.peer, m_frameProtocol);
    }
    else
    {
        m_socket->SendTo(p, 0, InetSocketAddress(a.neighbour, m_port));
    }
}

void
RepeaterNodeAgent::HandleFrame(Ptr<NetDevice> device,
                               Ptr<const Packet> packet,
                               uint16_t protocol,
                               const Address& from,
                               const Address& to,
                               NetDevice::PacketType type)
{
    Side side;
    if (m_side[LEFT].device == device && m_side[LEFT].peer == from)
    {
        side = LEFT;
    }
    else if (m_side[RIGHT].device == device && m_side[RIGHT].peer == from)
    {
        side = RIGHT;
    }
    else
    {
        return; // another neighbour's frame on a shared device
    }
    RepeaterMessageHeader h;
    packet->PeekHeader(h);
    if (h.GetPort() != m_port)
    {
        return; // another chain's agent on this node
    }
    Handle(side, h);
}

void
RepeaterNodeAgent::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Ipv4Address src = InetSocketAddress::ConvertFrom(from).GetIpv4();
        Side side;
        if (m_side[LEFT].link && src == m_side[LEFT].neighbour)
        {
            side = LEFT;
        }
        else if (m_side[RIGHT].link && src == m_side[RIGHT].neighbour)
        {
            side = RIGHT;
        }
        else
        {
            NS_LOG_WARN("message from an unknown address " << src);
            continue;
        }
        RepeaterMessageHeader h;
        p->RemoveHeader(h);
        Handle(side, h);
    }
}

void
RepeaterNodeAgent::Handle(Side s, const RepeaterMessageHeader& h)
{
    NS_LOG_FUNCTION(this << m_position << s << h);
    SideState& a = m_side[s];
    const Side o = s == LEFT ? RIGHT : LEFT;
    SideState& b = m_side[o];
    const bool here = a.live && a.pairId == h.GetPairId();
    const bool fwd = !here && a.hasSwapped && a.swappedPairId == h.GetPairId() && b.hasSwapped;
    int32_t awaitSlot = -1;
    auto forward = [&]() {
        RepeaterMessageHeader f = h;
        f.SetPairId(b.swappedPairId);
        Send(o, f);
    };
    switch (h.GetType())
    {
        case RepeaterMessageHeader::SWAP_UPDATE:
            if (here)
            {
                a.count += h.GetCount();
                a.frame ^= h.GetLabel();
                a.wAcc *= h.GetWerner();
                TryAct();
            }
            else if (fwd)
            {
                forward();
            }
            break;
        case RepeaterMessageHeader::DISCARD:
            if (!here && m_position + 1 == m_numNodes && TakeAwaiting(h.GetPairId(), awaitSlot))
            {
                if (m_memory->IsOccupied(awaitSlot))
                {
                    m_memory->Release(awaitSlot);
                }
            }
            else if (here)
            {
                if (a.busy)
                {
                    a.discardPending = true;
                }
                else
                {
                    DropPair(s, 3);
                }
            }
            else if (fwd)
            {
                forward();
                a.hasSwapped = false;
                b.hasSwapped = false;
                Generate(RIGHT);
            }
            break;
        case RepeaterMessageHeader::COMPLETE:
            if (!here && m_position + 1 == m_numNodes && TakeAwaiting(h.GetPairId(), awaitSlot))
            {
                // The pair was displaced by a newer link pair (see OnOk).
                if (m_memory->IsOccupied(awaitSlot))
                {
                    DeliverLast(h, awaitSlot);
                }
            }
            else if (here && m_position + 1 == m_numNodes)
            {
                const int32_t slot = a.slot;
                ResetSide(s);
                DeliverLast(h, slot);
            }
            else if (fwd)
            {
                forward();
                a.hasSwapped = false;
                b.hasSwapped = false;
                m_round = h.GetCount() + 1;
                m_stopped = m_stopped || h.GetValue() == 1;
                Generate(RIGHT);
            }
            else if (!here && m_position + 1 == m_numNodes)
            {
                // Ahead of this end's link confirmation (OnOk delivers it then).
                // Bounded: a pair that never comes here must not grow the list.
                if (m_earlyComplete.size() >= 64)
                {
                    m_earlyComplete.erase(m_earlyComplete.begin());
                }
                m_earlyComplete.push_back(h);
            }
            break;
        case RepeaterMessageHeader::PURIFY_START:
            if (here && !IsOrigin(s) && !a.busy)
            {
                a.startPending = true;
                a.pendingTwirl = h.GetValue();
                if (a.hasSac && a.sacId == h.GetAuxPairId())
                {
                    SubmitPurify(s);
                }
            }
            break;
        case RepeaterMessageHeader::PURIFY_OUTCOME:
            if (here && a.busy)
            {
                a.peerOutcome = static_cast<int32_t>(h.GetValue());
                if (a.ownOutcome >= 0)
                {
                    DecidePurify(s);
                }
            }
            break;
        default:
            NS_LOG_WARN("unexpected message " << h);
    }
}

} // namespace ns3
