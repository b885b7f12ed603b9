/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distributed-qpu-application.h"

#include "abstract-link-layer.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DistributedQpuApplication");
NS_OBJECT_ENSURE_REGISTERED(DistributedQpuApplication);

TypeId
DistributedQpuApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DistributedQpuApplication")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<DistributedQpuApplication>()
              .AddAttribute("Port",
                            "UDP port of the classical bits of non-local CNOTs (the same on "
                            "every node of the computation).",
                            UintegerValue(9700),
                            MakeUintegerAccessor(&DistributedQpuApplication::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Shots",
                            "Number of times the circuit is run.",
                            UintegerValue(1),
                            MakeUintegerAccessor(&DistributedQpuApplication::m_shots),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("ShotInterval",
                            "Time between the starts of two shots at this node; a shot that "
                            "is due while the previous one is still running starts when it "
                            "ends (0: shots back to back).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&DistributedQpuApplication::m_interval),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Measured",
                              "A measurement of the circuit completed: shot, register index, "
                              "reported outcome.",
                              MakeTraceSourceAccessor(&DistributedQpuApplication::m_measuredTrace),
                              "ns3::DistributedQpuApplication::MeasuredTracedCallback")
              .AddTraceSource("ShotCompleted",
                              "This node finished its part of a shot: shot, start, end, pairs "
                              "consumed by the non-local CNOTs it controlled.",
                              MakeTraceSourceAccessor(&DistributedQpuApplication::m_shotTrace),
                              "ns3::DistributedQpuApplication::ShotTracedCallback")
              .AddTraceSource("NonLocalGate",
                              "A non-local CNOT controlled by this node completed: shot, "
                              "operation index, wait for the pair, total duration.",
                              MakeTraceSourceAccessor(&DistributedQpuApplication::m_nonLocalTrace),
                              "ns3::DistributedQpuApplication::NonLocalGateTracedCallback");
    return tid;
}

DistributedQpuApplication::DistributedQpuApplication()
    : m_index(0)
    , m_port(9700)
    , m_shots(1)
    , m_interval(Seconds(0))
    , m_shot(0)
    , m_pos(0)
    , m_wait(IDLE)
    , m_inShot(false)
    , m_shotPending(false)
    , m_shotsDone(0)
    , m_pairSlot(-1)
    , m_entanglerBit(0)
    , m_pairsUsed(0)
{
}

DistributedQpuApplication::~DistributedQpuApplication() = default;

void
DistributedQpuApplication::DoDispose()
{
    Simulator::Cancel(m_nextShot);
    for (auto& p : m_peers)
    {
        p.second.link = nullptr;
    }
    m_peers.clear();
    m_memory = nullptr;
    m_processor = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
DistributedQpuApplication::SetCircuit(const DistributedCircuit& circuit, uint32_t nodeIndex)
{
    NS_ABORT_MSG_IF(nodeIndex >= circuit.GetNumNodes(),
                    "DistributedQpuApplication::SetCircuit: node index "
                        << nodeIndex << " is unknown; the circuit spans nodes 0 .. "
                        << circuit.GetNumNodes() - 1);
    m_circuit = std::make_unique<DistributedCircuit>(circuit);
    m_index = nodeIndex;
    m_myOps.clear();
    const auto& ops = m_circuit->GetOperations();
    for (uint32_t i = 0; i < ops.size(); ++i)
    {
        if (m_circuit->Involves(ops[i], m_index))
        {
            m_myOps.push_back(i);
        }
    }
}

void
DistributedQpuApplication::AddPeer(uint32_t peerIndex,
                                   Ipv4Address address,
                                   Ptr<QuantumLinkLayer> link,
                                   bool requester)
{
    NS_ABORT_MSG_IF(!m_circuit, "DistributedQpuApplication::AddPeer: call SetCircuit first");
    NS_ABORT_MSG_IF(peerIndex >= m_circuit->GetNumNodes() || peerIndex == m_index,
                    "DistributedQpuApplication::AddPeer: peer index "
                        << peerIndex << " is invalid for node " << m_index
                        << "; valid peers are the other nodes 0 .. "
                        << m_circuit->GetNumNodes() - 1);
    NS_ABORT_MSG_IF(!link, "DistributedQpuApplication::AddPeer: null link for peer " << peerIndex);
    Peer p;
    p.address = address;
    p.link = link;
    p.requester = requester;
    m_peers[peerIndex] = p;
}

const DistributedCircuit&
DistributedQpuApplication::GetCircuit() const
{
    NS_ABORT_MSG_IF(!m_circuit, "DistributedQpuApplication::GetCircuit: call SetCircuit first");
    return *m_circuit;
}

uint32_t
DistributedQpuApplication::GetNodeIndex() const
{
    return m_index;
}

uint32_t
DistributedQpuApplication::GetShotsCompleted() const
{
    return m_shotsDone;
}

QubitHandle
DistributedQpuApplication::GetQubitForAnalysis(uint32_t localIndex) const
{
    NS_ABORT_MSG_IF(localIndex >= m_slots.size() || m_slots[localIndex] < 0,
                    "DistributedQpuApplication::GetQubitForAnalysis: node "
                        << m_index << " holds no qubit with local index " << localIndex << " ("
                        << m_slots.size() << " local qubits)");
    return m_memory->Access(static_cast<uint32_t>(m_slots[localIndex]));
}

int64_t
DistributedQpuApplication::AssignStreams(int64_t stream)
{
    NS_ABORT_MSG_IF(!GetNode(),
                    "DistributedQpuApplication::AssignStreams: not installed on a node");
    int64_t used = 0;
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    if (mem)
    {
        used += mem->AssignStreams(stream + used);
    }
    Ptr<QuantumProcessor> proc = GetNode()->GetObject<QuantumProcessor>();
    if (proc)
    {
        used += proc->AssignStreams(stream + used);
    }
    for (auto& p : m_peers)
    {
        Ptr<AbstractLinkLayer> a = DynamicCast<AbstractLinkLayer>(p.second.link);
        if (a)
        {
            used += a->AssignStreams(stream + used);
        }
    }
    return used;
}

void
DistributedQpuApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_circuit,
                    "DistributedQpuApplication on node " << GetNode()->GetId()
                                                         << ": SetCircuit was not called");
    m_memory = GetNode()->GetObject<QuantumMemory>();
    m_processor = GetNode()->GetObject<QuantumProcessor>();
    NS_ABORT_MSG_IF(!m_memory || !m_processor,
                    "DistributedQpuApplication (circuit node "
                        << m_index << ", ns-3 node " << GetNode()->GetId()
                        << ") needs a QuantumMemory and a QuantumProcessor (QuantumNodeHelper)");
    const uint32_t local = m_circuit->GetNumLocalQubits(m_index);
    bool needsPair = false;
    for (uint32_t i : m_myOps)
    {
        const auto& op = m_circuit->GetOperations()[i];
        if (!m_circuit->IsNonLocal(op))
        {
            continue;
        }
        needsPair = true;
        const uint32_t a = m_circuit->GetNode(op.qubits[0]);
        const uint32_t peer = a == m_index ? m_circuit->GetNode(op.qubits[1]) : a;
        NS_ABORT_MSG_IF(m_peers.find(peer) == m_peers.end(),
                        "DistributedQpuApplication: operation "
                            << i << " is a non-local CNOT between circuit nodes " << m_index
                            << " and " << peer << ", but node " << m_index
                            << " has no link to node " << peer << " (AddPeer)");
    }
    NS_ABORT_MSG_IF(m_memory->GetNumSlots() < local + (needsPair ? 1 : 0),
                    "DistributedQpuApplication: circuit node "
                        << m_index << " holds " << local << " qubits"
                        << (needsPair ? " plus one pair half" : "")
                        << ", but its QuantumMemory has NumSlots = " << m_memory->GetNumSlots());
    for (auto& p : m_peers)
    {
        p.second.link->SetOkCallback(
            MakeCallback(&DistributedQpuApplication::OnPair, this).Bind(p.first));
        p.second.link->SetErrorCallback(
            MakeCallback(&DistributedQpuApplication::OnLinkError, this).Bind(p.first));
        p.second.link->SetExpireCallback(
            MakeCallback(&DistributedQpuApplication::OnExpire, this).Bind(p.first));
    }
    if (!m_peers.empty())
    {
        NS_ABORT_MSG_IF(!GetNode()->GetObject<UdpSocketFactory>(),
                        "DistributedQpuApplication: circuit node "
                            << m_index << " (ns-3 node " << GetNode()->GetId()
                            << ") has peers but no Internet stack for their classical bits");
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                        "DistributedQpuApplication: cannot bind UDP port " << m_port << " on node "
                                                                           << GetNode()->GetId());
        m_socket->SetRecvCallback(MakeCallback(&DistributedQpuApplication::HandleRead, this));
    }
    m_slots.assign(local, -1);
    m_shot = 0;
    ShotDue();
}

void
DistributedQpuApplication::StopApplication()
{
    Simulator::Cancel(m_nextShot);
    if (m_socket)
    {
        m_socket->Close();
    }
}

void
DistributedQpuApplication::ShotDue()
{
    if (m_inShot)
    {
        m_shotPending = true;
        return;
    }
    BeginShot();
}

void
DistributedQpuApplication::BeginShot()
{
    NS_LOG_FUNCTION(this << m_shot);
    m_inShot = true;
    m_shotPending = false;
    m_shotStart = Simulator::Now();
    m_pairsUsed = 0;
    m_pos = 0;
    m_wait = IDLE;
    for (auto& s : m_slots)
    {
        if (s >= 0)
        {
            m_memory->Release(static_cast<uint32_t>(s));
        }
        s = m_memory->Allocate();
        NS_ABORT_MSG_IF(s < 0,
                        "DistributedQpuApplication: circuit node "
                            << m_index << " found no free QuantumMemory slot for its "
                            << m_slots.size() << " qubits in shot " << m_shot);
    }
    if (m_shot + 1 < m_shots && !m_interval.IsZero())
    {
        m_nextShot = Simulator::Schedule(m_interval, &DistributedQpuApplication::ShotDue, this);
    }
    Advance();
}

const DistributedCircuit::Operation&
DistributedQpuApplication::CurrentOp() const
{
    return m_circuit->GetOperations()[m_myOps[m_pos]];
}

uint32_t
DistributedQpuApplication::CurrentPeer() const
{
    const auto& op = CurrentOp();
    const uint32_t a = m_circuit->GetNode(op.qubits[0]);
    return a == m_index ? m_circuit->GetNode(op.qubits[1]) : a;
}

uint32_t
DistributedQpuApplication::SlotOf(uint32_t globalQubit) const
{
    NS_ASSERT(m_circuit->GetNode(globalQubit) == m_index);
    const int32_t s = m_slots[m_circuit->GetLocalIndex(globalQubit)];
    NS_ASSERT(s >= 0);
    return static_cast<uint32_t>(s);
}

void
DistributedQpuApplication::Advance()
{
    if (m_pos >= m_myOps.size())
    {
        m_inShot = false;
        m_wait = IDLE;
        ++m_shotsDone;
        const uint32_t shot = m_shot++;
        m_shotTrace(shot, m_shotStart, Simulator::Now(), m_pairsUsed);
        if (m_shot < m_shots && (m_interval.IsZero() || m_shotPending))
        {
            BeginShot();
        }
        return;
    }
    const auto& op = CurrentOp();
    if (op.type == DistributedCircuit::MEASURE)
    {
        m_wait = LOCAL;
        m_processor->Measure(
            SlotOf(op.qubits[0]),
            op.basis,
            MakeCallback(&DistributedQpuApplication::MeasureDone, this).Bind(op.measurementIndex));
        return;
    }
    if (!m_circuit->IsNonLocal(op))
    {
        std::vector<uint32_t> slots;
        for (uint32_t q : op.qubits)
        {
            slots.push_back(SlotOf(q));
        }
        m_wait = LOCAL;
        m_processor->Execute(op.gate,
                             slots,
                             MakeCallback(&DistributedQpuApplication::OperationDone, this));
        return;
    }
    const bool control = m_circuit->GetNode(op.qubits[0]) == m_index;
    const uint32_t peerIndex = CurrentPeer();
    Peer& peer = m_peers[peerIndex];
    m_gateStart = Simulator::Now();
    m_wait = control ? CONTROL_PAIR : TARGET_PAIR_AND_BIT;
    if (peer.requester)
    {
        EntanglementRequest r;
        r.remoteNodeId = peer.link->GetRemoteNodeId();
        r.numPairs = 1;
        r.type = EntanglementRequestType::KEEP;
        peer.link->Create(r);
    }
    TryNonLocal();
}

void
DistributedQpuApplication::OperationDone()
{
    ++m_pos;
    Advance();
}

void
DistributedQpuApplication::MeasureDone(uint32_t index, uint32_t outcome)
{
    m_measuredTrace(m_shot, index, outcome);
    OperationDone();
}

void
DistributedQpuApplication::TryNonLocal()
{
    if (m_wait != CONTROL_PAIR && m_wait != TARGET_PAIR_AND_BIT && m_wait != CONTROL_BIT)
    {
        return;
    }
    const auto& op = CurrentOp();
    Peer& peer = m_peers[CurrentPeer()];
    const uint32_t opIndex = m_myOps[m_pos];
    if (m_wait == CONTROL_PAIR)
    {
        if (peer.pairs.empty())
        {
            return;
        }
        const EntanglementPair pair = peer.pairs.front();
        peer.pairs.pop_front();
        m_pairArrival = Simulator::Now();
        m_pairSlot = pair.memorySlot;
        m_wait = CONTROL_BUSY;
        // Cat-entangler: CNOT(c, a), then a is measured in Z.
        m_processor->Execute(QuantumGate::Cnot(),
                             {SlotOf(op.qubits[0]), static_cast<uint32_t>(m_pairSlot)},
                             MakeCallback(&DistributedQpuApplication::ControlCnotDone, this));
        return;
    }
    if (m_wait == CONTROL_BIT)
    {
        auto it = m_bits.find({m_shot, opIndex, DistributedGateHeader::DISENTANGLER_BIT});
        if (it == m_bits.end())
        {
            return;
        }
        const uint8_t m2 = it->second;
        m_bits.erase(it);
        m_wait = CONTROL_BUSY;
        if (m2)
        {
            // Disentangler correction on the control.
            m_processor->Execute(QuantumGate::PauliZ(),
                                 {SlotOf(op.qubits[0])},
                                 MakeCallback(&DistributedQpuApplication::ControlZDone, this));
        }
        else
        {
            ControlZDone();
        }
        return;
    }
    // Target: needs the pair and the entangler bit.
    auto it = m_bits.find({m_shot, opIndex, DistributedGateHeader::ENTANGLER_BIT});
    if (peer.pairs.empty() || it == m_bits.end())
    {
        return;
    }
    const EntanglementPair pair = peer.pairs.front();
    peer.pairs.pop_front();
    m_entanglerBit = it->second;
    m_bits.erase(it);
    m_pairSlot = pair.memorySlot;
    m_wait = TARGET_BUSY;
    // Pauli frame: bring the pair to |Phi+> (noiseless bookkeeping, as the
    // repeater agent and teleportation do).
    const uint32_t label = static_cast<uint32_t>(pair.bellState);
    if (label != 0)
    {
        const QubitHandle b = m_memory->Access(static_cast<uint32_t>(m_pairSlot));
        Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
        if (label & 1u)
        {
            reg->ApplyGate(QuantumGate::PauliX(), {b});
        }
        if (label & 2u)
        {
            reg->ApplyGate(QuantumGate::PauliZ(), {b});
        }
    }
    if (m_entanglerBit)
    {
        m_processor->Execute(QuantumGate::PauliX(),
                             {static_cast<uint32_t>(m_pairSlot)},
                             MakeCallback(&DistributedQpuApplication::TargetXDone, this));
    }
    else
    {
        TargetXDone();
    }
}

void
DistributedQpuApplication::ControlZDone()
{
    m_nonLocalTrace(m_shot,
                    m_myOps[m_pos],
                    m_pairArrival - m_gateStart,
                    Simulator::Now() - m_gateStart);
    OperationDone();
}

void
DistributedQpuApplication::ControlCnotDone()
{
    m_processor->Measure(static_cast<uint32_t>(m_pairSlot),
                         MeasurementBasis::ZBasis(),
                         MakeCallback(&DistributedQpuApplication::ControlMeasured, this));
}

void
DistributedQpuApplication::ControlMeasured(uint32_t m1)
{
    m_memory->Release(static_cast<uint32_t>(m_pairSlot));
    m_pairSlot = -1;
    ++m_pairsUsed;
    SendBit(DistributedGateHeader::ENTANGLER_BIT, m1);
    m_wait = CONTROL_BIT;
    TryNonLocal();
}

void
DistributedQpuApplication::TargetXDone()
{
    const auto& op = CurrentOp();
    m_processor->Execute(QuantumGate::Cnot(),
                         {static_cast<uint32_t>(m_pairSlot), SlotOf(op.qubits[1])},
                         MakeCallback(&DistributedQpuApplication::TargetCnotDone, this));
}

void
DistributedQpuApplication::TargetCnotDone()
{
    m_processor->Measure(static_cast<uint32_t>(m_pairSlot),
                         MeasurementBasis::XBasis(),
                         MakeCallback(&DistributedQpuApplication::TargetMeasured, this));
}

void
DistributedQpuApplication::TargetMeasured(uint32_t m2)
{
    m_memory->Release(static_cast<uint32_t>(m_pairSlot));
    m_pairSlot = -1;
    SendBit(DistributedGateHeader::DISENTANGLER_BIT, m2);
    OperationDone();
}

void
DistributedQpuApplication::SendBit(DistributedGateHeader::Kind kind, uint32_t bit)
{
    DistributedGateHeader h;
    h.SetKind(kind);
    h.SetShot(m_shot);
    h.SetOperation(m_myOps[m_pos]);
    h.SetBit(static_cast<uint8_t>(bit));
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    const Peer& peer = m_peers[CurrentPeer()];
    m_socket->SendTo(p, 0, InetSocketAddress(peer.address, m_port));
}

void
DistributedQpuApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        DistributedGateHeader h;
        p->RemoveHeader(h);
        m_bits[{h.GetShot(), h.GetOperation(), static_cast<uint8_t>(h.GetKind())}] = h.GetBit();
    }
    TryNonLocal();
}

void
DistributedQpuApplication::OnPair(uint32_t peer, const EntanglementPair& pair)
{
    NS_LOG_FUNCTION(this << peer << pair.pairId << pair.memorySlot);
    NS_ABORT_MSG_IF(pair.memorySlot < 0,
                    "DistributedQpuApplication: link to circuit node "
                        << peer << " delivered a measured pair; non-local CNOTs need KEEP pairs");
    Peer& p = m_peers[peer];
    p.pairs.push_back(pair);
    NS_ASSERT_MSG(p.pairs.size() <= 1, "more than one pair in flight on a link");
    TryNonLocal();
}

void
DistributedQpuApplication::OnLinkError(uint32_t peer, uint32_t id, EntanglementError e, uint32_t n)
{
    NS_FATAL_ERROR("DistributedQpuApplication: circuit node "
                   << m_index << ": entanglement request " << id << " to circuit node " << peer
                   << " failed with " << EntanglementErrorName(e) << " after " << n << " pairs"
                   << " (NO_RESOURCES: give the QuantumMemory more NumSlots)");
}

void
DistributedQpuApplication::OnExpire(uint32_t peer, uint64_t pairId, int32_t slot)
{
    NS_FATAL_ERROR("DistributedQpuApplication: circuit node "
                   << m_index << ": pair " << pairId << " with circuit node " << peer
                   << " expired in memory slot " << slot
                   << " before the non-local CNOT used it; the QuantumMemory CutoffTime is "
                      "shorter than the gate needs (use 0 for no cut-off)");
}

} // namespace ns3
