/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "entangled-sensor-application.h"

#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"
#include "sensing-message-header.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EntangledSensorApplication");
NS_OBJECT_ENSURE_REGISTERED(EntangledSensorApplication);

TypeId
EntangledSensorApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EntangledSensorApplication")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<EntangledSensorApplication>()
              .AddAttribute("Port",
                            "UDP port of the sensing messages (the same at the centre).",
                            UintegerValue(9700),
                            MakeUintegerAccessor(&EntangledSensorApplication::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("PhaseRad",
                            "Phase the probe picks up during the sensing interval "
                            "(|1> gains e^{i phase} relative to |0>), in radians [-2 pi, 2 pi].",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&EntangledSensorApplication::m_phase),
                            MakeDoubleChecker<double>(-2 * M_PI, 2 * M_PI))
              .AddAttribute("ReadoutAngle",
                            "Azimuth a of the readout basis, eigenbasis of cos(a) X + sin(a) Y "
                            "(outcome 0 = eigenvalue +1), in radians [-2 pi, 2 pi].",
                            DoubleValue(-M_PI / 2),
                            MakeDoubleAccessor(&EntangledSensorApplication::m_readoutAngle),
                            MakeDoubleChecker<double>(-2 * M_PI, 2 * M_PI))
              .AddAttribute("SensingTime",
                            "Duration of the sensing interval, during which the probe is stored "
                            "in the node's QuantumMemory (and decays with its T1, T2).",
                            TimeValue(MicroSeconds(10)),
                            MakeTimeAccessor(&EntangledSensorApplication::m_sensingTime),
                            MakeTimeChecker(Time(0)))
              .AddTraceSource("Measured",
                              "A probe was read out: shot, reported outcome, storage time.",
                              MakeTraceSourceAccessor(&EntangledSensorApplication::m_measuredTrace),
                              "ns3::EntangledSensorApplication::MeasuredTracedCallback");
    return tid;
}

EntangledSensorApplication::EntangledSensorApplication()
    : m_index(0)
    , m_port(9700)
    , m_phase(0.0)
    , m_readoutAngle(-M_PI / 2)
    , m_sensingTime(MicroSeconds(10))
    , m_measured(0)
{
}

EntangledSensorApplication::~EntangledSensorApplication() = default;

void
EntangledSensorApplication::DoDispose()
{
    for (auto& s : m_sensing)
    {
        Simulator::Cancel(s.second.second);
    }
    m_sensing.clear();
    m_agent = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
EntangledSensorApplication::SetFusionCentre(uint16_t index, Ipv4Address centre)
{
    m_index = index;
    m_centre = centre;
}

void
EntangledSensorApplication::SetAgent(Ptr<RepeaterNodeAgent> agent)
{
    NS_ABORT_MSG_IF(!agent, "EntangledSensorApplication::SetAgent: null agent");
    NS_ABORT_MSG_IF(agent->GetPosition() == 0,
                    "EntangledSensorApplication::SetAgent: the sensor must be the far end "
                    "(position >= 1) of its chain; the centre holds position 0");
    m_agent = agent;
}

uint32_t
EntangledSensorApplication::GetMeasured() const
{
    return m_measured;
}

void
EntangledSensorApplication::StartApplication()
{
    NS_ABORT_MSG_IF(m_centre == Ipv4Address(),
                    "EntangledSensorApplication: call SetFusionCentre before starting");
    NS_ABORT_MSG_IF(!GetNode()->GetObject<QuantumMemory>(),
                    "EntangledSensorApplication: node " << GetNode()->GetId()
                                                        << " has no QuantumMemory");
    if (m_agent)
    {
        m_agent->SetDeliveryCallback(MakeCallback(&EntangledSensorApplication::OnDelivery, this));
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "EntangledSensorApplication: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&EntangledSensorApplication::HandleRead, this));
}

void
EntangledSensorApplication::StopApplication()
{
    for (auto& s : m_sensing)
    {
        Simulator::Cancel(s.second.second);
    }
    if (m_socket)
    {
        m_socket->Close();
    }
}

bool
EntangledSensorApplication::OnDelivery(const RepeaterDelivery& d)
{
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    if (m_aborted.erase(d.round) > 0)
    {
        mem->Release(d.memorySlot);
        return true;
    }
    m_pending[d.round].slot = d.memorySlot;
    TryStart(d.round);
    return true;
}

void
EntangledSensorApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        SensingMessageHeader h;
        p->RemoveHeader(h);
        switch (h.type)
        {
            case SensingMessageHeader::CORRECTION:
                m_pending[h.shot].correction = h.bits;
                TryStart(h.shot);
                break;
            case SensingMessageHeader::START:
                PrepareProbe(h.shot);
                break;
            case SensingMessageHeader::ABORT: {
                auto it = m_pending.find(h.shot);
                if (it != m_pending.end() && it->second.slot >= 0)
                {
                    GetNode()->GetObject<QuantumMemory>()->Release(it->second.slot);
                    m_pending.erase(it);
                }
                else
                {
                    if (it != m_pending.end())
                    {
                        m_pending.erase(it);
                    }
                    m_aborted.insert(h.shot);
                }
                break;
            }
            default:
                NS_LOG_WARN("sensor " << m_index << ": unexpected message type "
                                      << static_cast<uint32_t>(h.type));
        }
    }
}

void
EntangledSensorApplication::TryStart(uint32_t shot)
{
    auto it = m_pending.find(shot);
    if (it == m_pending.end() || it->second.slot < 0 || it->second.correction < 0)
    {
        return;
    }
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    const QubitHandle q = mem->Access(it->second.slot);
    // Pauli-frame correction X^x Z^z of the GHZ fusion (noiseless frame update).
    if (it->second.correction & 1)
    {
        reg->ApplyGate(QuantumGate::PauliX(), {q});
    }
    if (it->second.correction & 2)
    {
        reg->ApplyGate(QuantumGate::PauliZ(), {q});
    }
    const int32_t slot = it->second.slot;
    m_pending.erase(it);
    StartSensing(shot, slot);
}

void
EntangledSensorApplication::PrepareProbe(uint32_t shot)
{
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    Ptr<QuantumProcessor> proc = GetNode()->GetObject<QuantumProcessor>();
    NS_ABORT_MSG_IF(!proc,
                    "EntangledSensorApplication: node "
                        << GetNode()->GetId()
                        << " needs a QuantumProcessor to prepare separable probes");
    const int32_t slot = mem->Allocate();
    NS_ABORT_MSG_IF(slot < 0,
                    "EntangledSensorApplication: sensor " << m_index
                                                          << ": no free memory slot for the probe");
    proc->Execute(QuantumGate::Hadamard(),
                  {static_cast<uint32_t>(slot)},
                  MakeCallback(&EntangledSensorApplication::StartSensing, this).Bind(shot, slot));
}

void
EntangledSensorApplication::StartSensing(uint32_t shot, int32_t slot)
{
    const EventId e
        = Simulator::Schedule(m_sensingTime, &EntangledSensorApplication::Finish, this, shot, slot);
    m_sensing[shot] = std::make_pair(slot, e);
}

void
EntangledSensorApplication::Finish(uint32_t shot, int32_t slot)
{
    m_sensing.erase(shot);
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    const Time stored = mem->GetStorageTime(slot);
    const QubitHandle q = mem->Access(slot);
    // The signal: relative phase e^{i phase} on |1> (Rz up to a global phase).
    mem->GetRegistry()->ApplyGate(QuantumGate::Rz(m_phase), {q});
    const uint32_t outcome = mem->Read(slot, MeasurementBasis::Bloch(M_PI / 2, m_readoutAngle));
    ++m_measured;
    m_measuredTrace(shot, outcome, stored);
    SensingMessageHeader h;
    h.type = SensingMessageHeader::OUTCOME;
    h.bits = static_cast<uint8_t>(outcome);
    h.sensor = m_index;
    h.shot = shot;
    h.readoutAngle = m_readoutAngle;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->SendTo(p, 0, InetSocketAddress(m_centre, m_port));
}

} // namespace ns3
