/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "blind-computation-server.h"

#include "blind-computation-header.h"
#include "measurement-basis.h"
#include "quantum-gate.h"
#include "quantum-memory.h"
#include "quantum-net-device.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BlindComputationServer");

NS_OBJECT_ENSURE_REGISTERED(BlindComputationServer);

TypeId
BlindComputationServer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::BlindComputationServer")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<BlindComputationServer>()
              .AddAttribute("Port",
                            "UDP port the server listens on, in [1, 65535].",
                            UintegerValue(4900),
                            MakeUintegerAccessor(&BlindComputationServer::m_port),
                            MakeUintegerChecker<uint16_t>(1, 65535))
              .AddAttribute("QuantumPort",
                            "Quantum port (QuantumSignal::SetPort) the client's photons carry.",
                            UintegerValue(4900),
                            MakeUintegerAccessor(&BlindComputationServer::m_quantumPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Memory",
                            "The QuantumMemory holding the qubits; if unset the server creates "
                            "an ideal one (no decay) with as many slots as the graph needs.",
                            PointerValue(),
                            MakePointerAccessor(&BlindComputationServer::m_memory),
                            MakePointerChecker<QuantumMemory>())
              .AddTraceSource("DeltaReceived",
                              "A measurement angle delta arrived: all the server learns.",
                              MakeTraceSourceAccessor(&BlindComputationServer::m_deltaTrace),
                              "ns3::BlindComputationServer::DeltaTracedCallback")
              .AddTraceSource("Measured",
                              "A qubit was measured; its outcome and storage time.",
                              MakeTraceSourceAccessor(&BlindComputationServer::m_measuredTrace),
                              "ns3::BlindComputationServer::MeasuredTracedCallback")
              .AddTraceSource("QubitStored",
                              "A photon was stored: (shot, index).",
                              MakeTraceSourceAccessor(&BlindComputationServer::m_storedTrace),
                              "ns3::TracedCallback::Uint32Uint32");
    return tid;
}

BlindComputationServer::BlindComputationServer()
    : m_port(4900)
    , m_quantumPort(4900)
    , m_ownMemory(false)
    , m_active(false)
    , m_entangled(false)
    , m_shot(0)
    , m_numQubits(0)
    , m_stored(0)
    , m_photons(0)
    , m_measurements(0)
{
    NS_LOG_FUNCTION(this);
}

BlindComputationServer::~BlindComputationServer()
{
    NS_LOG_FUNCTION(this);
}

void
BlindComputationServer::SetQuantumDevice(Ptr<QuantumNetDevice> device)
{
    m_device = device;
}

Ptr<QuantumMemory>
BlindComputationServer::GetMemory() const
{
    return m_memory;
}

uint64_t
BlindComputationServer::GetPhotonsReceived() const
{
    return m_photons;
}

uint64_t
BlindComputationServer::GetMeasurements() const
{
    return m_measurements;
}

void
BlindComputationServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // Qubits still stored (an abandoned shot) stay with the memory, which
    // releases them itself; the registry may already be gone.
    if (m_device)
    {
        m_device->UnregisterHandler(m_quantumPort);
    }
    m_memory = nullptr;
    m_device = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
BlindComputationServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_device)
    {
        Ptr<Node> node = GetNode();
        for (uint32_t i = 0; i < node->GetNDevices() && !m_device; ++i)
        {
            m_device = DynamicCast<QuantumNetDevice>(node->GetDevice(i));
        }
        NS_ABORT_MSG_IF(!m_device,
                        "BlindComputationServer on node "
                            << node->GetId()
                            << ": the node has no QuantumNetDevice (install a quantum channel "
                               "with QuantumChannelHelper or call SetQuantumDevice)");
    }
    if (!m_memory)
    {
        m_memory = CreateObject<QuantumMemory>();
        m_ownMemory = true;
    }
    m_device->RegisterHandler(m_quantumPort,
                              MakeCallback(&BlindComputationServer::ReceivePhoton, this));
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "BlindComputationServer: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&BlindComputationServer::HandleRead, this));
}

void
BlindComputationServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
    if (m_device)
    {
        m_device->UnregisterHandler(m_quantumPort);
    }
    m_active = false;
}

void
BlindComputationServer::ReleaseAll()
{
    for (int32_t& slot : m_slots)
    {
        if (slot >= 0 && m_memory->IsOccupied(static_cast<uint32_t>(slot)))
        {
            m_memory->Release(static_cast<uint32_t>(slot));
        }
        slot = -1;
    }
}

void
BlindComputationServer::Reply(uint8_t type, uint32_t index, uint8_t value)
{
    BlindComputationHeader h;
    h.type = static_cast<BlindComputationHeader::MessageType>(type);
    h.shot = m_shot;
    h.index = index;
    h.value = value;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->SendTo(p, 0, m_client);
}

void
BlindComputationServer::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        BlindComputationHeader h;
        p->RemoveHeader(h);
        if (h.type == BlindComputationHeader::START)
        {
            NS_LOG_INFO("START shot " << h.shot << " with " << h.numQubits << " qubits");
            ReleaseAll();
            m_client = from;
            m_shot = h.shot;
            m_numQubits = h.numQubits;
            m_edges = h.edges;
            m_slots.assign(m_numQubits, -1);
            m_attempts.assign(m_numQubits, -1);
            m_stored = 0;
            m_entangled = false;
            m_active = true;
            if (m_memory->GetNumFree() < m_numQubits)
            {
                NS_ABORT_MSG_IF(!m_ownMemory,
                                "BlindComputationServer: its Memory has "
                                    << m_memory->GetNumFree() << " free slots but the graph of "
                                    << "shot " << h.shot << " needs " << m_numQubits
                                    << "; give the memory at least " << m_numQubits << " NumSlots");
                m_memory->SetAttribute(
                    "NumSlots",
                    UintegerValue(m_memory->GetNumSlots() + m_numQubits - m_memory->GetNumFree()));
            }
            Reply(BlindComputationHeader::READY, 0, 0);
        }
        else if (h.type == BlindComputationHeader::DELTA)
        {
            if (!m_active || h.shot != m_shot || !m_entangled || h.index >= m_numQubits
                || m_slots[h.index] < 0)
            {
                NS_LOG_WARN("ignoring DELTA for shot " << h.shot << " qubit " << h.index);
                continue;
            }
            m_deltaTrace(h.shot, h.index, h.value);
            const auto slot = static_cast<uint32_t>(m_slots[h.index]);
            const Time stored = m_memory->GetStorageTime(slot);
            const double delta = (h.value % 8) * M_PI / 4.0;
            const uint32_t outcome = m_memory->Read(slot, MeasurementBasis::Bloch(M_PI / 2, delta));
            m_slots[h.index] = -1;
            ++m_measurements;
            m_measuredTrace(h.shot, h.index, static_cast<uint8_t>(outcome), stored);
            Reply(BlindComputationHeader::OUTCOME, h.index, static_cast<uint8_t>(outcome));
        }
    }
}

void
BlindComputationServer::ReceivePhoton(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device)
{
    Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
    if (signal->GetKind() != QuantumSignal::QUBIT)
    {
        return;
    }
    const uint64_t bin = signal->GetTimeBin();
    const auto shot = static_cast<uint32_t>(bin >> 40);
    const auto attempt = static_cast<int32_t>((bin >> 32) & 0xff);
    const auto index = static_cast<uint32_t>(bin & 0xffffffffu);
    if (!m_active || shot != (m_shot & 0xffffffu) || index >= m_numQubits || m_entangled)
    {
        NS_LOG_WARN("discarding photon for shot " << shot << " qubit " << index);
        reg->Discard(signal->GetQubit());
        return;
    }
    if (m_slots[index] >= 0)
    {
        // The client resent this qubit (it timed out): the newer photon
        // replaces the stored one.
        m_memory->Release(static_cast<uint32_t>(m_slots[index]));
        m_slots[index] = -1;
        --m_stored;
    }
    const int32_t slot = m_memory->Store(signal->GetQubit());
    NS_ABORT_MSG_IF(slot < 0,
                    "BlindComputationServer: memory full while storing qubit " << index << " of "
                                                                               << m_numQubits);
    m_slots[index] = slot;
    m_attempts[index] = attempt;
    ++m_stored;
    ++m_photons;
    m_storedTrace(m_shot, index);
    Reply(BlindComputationHeader::ACK, index, static_cast<uint8_t>(attempt));
    if (m_stored == m_numQubits)
    {
        Entangle();
    }
}

void
BlindComputationServer::Entangle()
{
    Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
    for (const auto& e : m_edges)
    {
        NS_ABORT_MSG_IF(e.first >= m_numQubits || e.second >= m_numQubits,
                        "BlindComputationServer: edge (" << e.first << ", " << e.second
                                                         << ") outside the graph of " << m_numQubits
                                                         << " qubits");
        const QubitHandle a = m_memory->Access(static_cast<uint32_t>(m_slots[e.first]));
        const QubitHandle b = m_memory->Access(static_cast<uint32_t>(m_slots[e.second]));
        reg->ApplyGate(QuantumGate::Cz(), {a, b});
    }
    m_entangled = true;
    NS_LOG_INFO("graph state of " << m_numQubits << " qubits built at " << Simulator::Now());
}

} // namespace ns3
