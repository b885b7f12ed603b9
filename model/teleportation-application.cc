/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "teleportation-application.h"

#include "entanglement-swapper.h"
#include "quantum-memory.h"
#include "quantum-state-registry.h"
#include "repeater-message-header.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TeleportationApplication");
NS_OBJECT_ENSURE_REGISTERED(TeleportationApplication);

TypeId
TeleportationApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TeleportationApplication")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<TeleportationApplication>()
              .AddAttribute("Port",
                            "UDP port of the classical bits.",
                            UintegerValue(9600),
                            MakeUintegerAccessor(&TeleportationApplication::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Theta",
                            "Polar Bloch angle of the teleported state, in radians [0, pi].",
                            DoubleValue(M_PI / 3),
                            MakeDoubleAccessor(&TeleportationApplication::m_theta),
                            MakeDoubleChecker<double>(0.0, M_PI))
              .AddAttribute("Phi",
                            "Azimuthal Bloch angle of the teleported state, in radians [0, 2 pi].",
                            DoubleValue(M_PI / 4),
                            MakeDoubleAccessor(&TeleportationApplication::m_phi),
                            MakeDoubleChecker<double>(0.0, 2 * M_PI))
              .AddTraceSource("Teleported",
                              "The receiver corrected a teleported state: round, ground-truth "
                              "fidelity with the sent state.",
                              MakeTraceSourceAccessor(&TeleportationApplication::m_teleportedTrace),
                              "ns3::TeleportationApplication::TeleportedTracedCallback");
    return tid;
}

TeleportationApplication::TeleportationApplication()
    : m_isSender(false)
    , m_port(9600)
    , m_theta(M_PI / 3)
    , m_phi(M_PI / 4)
    , m_received(0)
{
}

TeleportationApplication::~TeleportationApplication() = default;

void
TeleportationApplication::DoDispose()
{
    m_agent = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
TeleportationApplication::SetSender(Ptr<RepeaterNodeAgent> agent, Ipv4Address receiver)
{
    NS_ABORT_MSG_IF(!agent, "TeleportationApplication::SetSender: null agent");
    m_isSender = true;
    m_agent = agent;
    m_receiver = receiver;
}

void
TeleportationApplication::SetReceiver(Ptr<RepeaterNodeAgent> agent)
{
    NS_ABORT_MSG_IF(!agent, "TeleportationApplication::SetReceiver: null agent");
    m_isSender = false;
    m_agent = agent;
}

uint32_t
TeleportationApplication::GetReceived() const
{
    return m_received;
}

void
TeleportationApplication::StartApplication()
{
    NS_ABORT_MSG_IF(!m_agent,
                    "TeleportationApplication: call SetSender or SetReceiver before starting");
    m_agent->SetDeliveryCallback(MakeCallback(&TeleportationApplication::OnDelivery, this));
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_isSender ? 0 : m_port)) != 0,
        "TeleportationApplication: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&TeleportationApplication::HandleRead, this));
}

void
TeleportationApplication::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
    }
}

bool
TeleportationApplication::OnDelivery(const RepeaterDelivery& d)
{
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    if (!m_isSender)
    {
        Pending& p = m_pending[d.round];
        p.slot = d.memorySlot;
        p.pairLabel = static_cast<int32_t>(d.bellState);
        TryCorrect(d.round);
        return true;
    }
    // Prepare |psi> and measure it with the local half in the Bell basis.
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    QVector psi(2);
    psi << std::cos(m_theta / 2), std::polar(std::sin(m_theta / 2), m_phi);
    const QubitHandle q = reg->CreateState(psi, QuantumFormalism::DENSITY_MATRIX)[0];
    const int32_t in = mem->Store(q);
    if (in < 0)
    {
        reg->Discard(q);
        NS_LOG_WARN("no free memory slot for the state to teleport");
        return false;
    }
    Ptr<EntanglementSwapper> bsm = GetNode()->GetObject<EntanglementSwapper>();
    NS_ABORT_MSG_IF(!bsm, "TeleportationApplication: the sender node needs an EntanglementSwapper");
    bsm->MeasureBell(in,
                     d.memorySlot,
                     MakeCallback(&TeleportationApplication::Measured, this).Bind(d.round));
    return true;
}

void
TeleportationApplication::Measured(uint32_t round, bool ok, BellState m)
{
    if (!ok)
    {
        NS_LOG_WARN("Bell measurement of round " << round << " failed");
        return;
    }
    RepeaterMessageHeader h;
    h.SetType(RepeaterMessageHeader::TELEPORT_BITS);
    h.SetLabel(static_cast<uint8_t>(m));
    h.SetCount(round);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->SendTo(p, 0, InetSocketAddress(m_receiver, m_port));
}

void
TeleportationApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        RepeaterMessageHeader h;
        p->RemoveHeader(h);
        if (h.GetType() != RepeaterMessageHeader::TELEPORT_BITS || m_isSender)
        {
            continue;
        }
        m_pending[h.GetCount()].bits = h.GetLabel();
        TryCorrect(h.GetCount());
    }
}

void
TeleportationApplication::TryCorrect(uint32_t round)
{
    auto it = m_pending.find(round);
    if (it == m_pending.end() || it->second.slot < 0 || it->second.bits < 0)
    {
        return;
    }
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    const uint32_t t = static_cast<uint32_t>(it->second.bits ^ it->second.pairLabel);
    const QubitHandle q = mem->Access(it->second.slot);
    if (t & 1u)
    {
        reg->ApplyGate(QuantumGate::PauliX(), {q});
    }
    if (t & 2u)
    {
        reg->ApplyGate(QuantumGate::PauliZ(), {q});
    }
    QVector psi(2);
    psi << std::cos(m_theta / 2), std::polar(std::sin(m_theta / 2), m_phi);
    const double f = reg->GetFidelity({q}, psi);
    mem->Release(it->second.slot);
    m_pending.erase(it);
    ++m_received;
    m_teleportedTrace(round, f);
}

} // namespace ns3
