/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "blind-computation-client.h"

#include "blind-computation-header.h"
#include "quantum-gate.h"
#include "quantum-net-device.h"
#include "quantum-signal.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/address.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BlindComputationClient");

NS_OBJECT_ENSURE_REGISTERED(BlindComputationClient);

TypeId
BlindComputationClient::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::BlindComputationClient")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<BlindComputationClient>()
              .AddAttribute("RemoteAddress",
                            "The server's address and UDP port (InetSocketAddress).",
                            AddressValue(),
                            MakeAddressAccessor(&BlindComputationClient::m_remote),
                            MakeAddressChecker())
              .AddAttribute("QuantumPort",
                            "Quantum port (QuantumSignal::SetPort) of the photons; the server's "
                            "QuantumPort must match.",
                            UintegerValue(4900),
                            MakeUintegerAccessor(&BlindComputationClient::m_quantumPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Shots",
                            "Number of runs of the computation, in [1, 10^7].",
                            UintegerValue(1),
                            MakeUintegerAccessor(&BlindComputationClient::m_shots),
                            MakeUintegerChecker<uint32_t>(1, 10000000))
              .AddAttribute("AckTimeout",
                            "Wait this long for the server's ACK of a photon before counting it "
                            "lost and resending the qubit; must exceed the quantum one-way delay "
                            "plus the classical one-way delay (> 0).",
                            TimeValue(MilliSeconds(1)),
                            MakeTimeAccessor(&BlindComputationClient::m_ackTimeout),
                            MakeTimeChecker(NanoSeconds(1)))
              .AddAttribute("MaxAttemptsPerQubit",
                            "Photons sent for one qubit before the shot is abandoned, in [1, "
                            "10^6].",
                            UintegerValue(1000),
                            MakeUintegerAccessor(&BlindComputationClient::m_maxAttempts),
                            MakeUintegerChecker<uint32_t>(1, 1000000))
              .AddAttribute("Formalism",
                            "State-engine formalism of the prepared qubits (the angles are not "
                            "Clifford): StateVector or DensityMatrix.",
                            EnumValue(static_cast<int>(QuantumFormalism::STATE_VECTOR)),
                            MakeEnumAccessor(&BlindComputationClient::m_formalism),
                            MakeEnumChecker(static_cast<int>(QuantumFormalism::STATE_VECTOR),
                                            "StateVector",
                                            static_cast<int>(QuantumFormalism::DENSITY_MATRIX),
                                            "DensityMatrix"))
              .AddTraceSource("AngleSent",
                              "A measurement angle delta was sent to the server.",
                              MakeTraceSourceAccessor(&BlindComputationClient::m_angleTrace),
                              "ns3::BlindComputationClient::AngleTracedCallback")
              .AddTraceSource("OutcomeReceived",
                              "A (blinded) measurement outcome arrived from the server.",
                              MakeTraceSourceAccessor(&BlindComputationClient::m_outcomeTrace),
                              "ns3::BlindComputationClient::OutcomeTracedCallback")
              .AddTraceSource("ComputationDone",
                              "A shot finished: decoded result and whether it is correct.",
                              MakeTraceSourceAccessor(&BlindComputationClient::m_doneTrace),
                              "ns3::BlindComputationClient::DoneTracedCallback")
              .AddTraceSource("PhotonLost",
                              "A photon was not acknowledged within AckTimeout (it is resent).",
                              MakeTraceSourceAccessor(&BlindComputationClient::m_lostTrace),
                              "ns3::BlindComputationClient::LostTracedCallback");
    return tid;
}

BlindComputationClient::BlindComputationClient()
    : m_quantumPort(4900)
    , m_shots(1)
    , m_ackTimeout(MilliSeconds(1))
    , m_maxAttempts(1000)
    , m_formalism(static_cast<int>(QuantumFormalism::STATE_VECTOR))
    , m_thetaRng(CreateObject<UniformRandomVariable>())
    , m_rRng(CreateObject<UniformRandomVariable>())
    , m_awaitingReady(false)
    , m_running(false)
    , m_shot(0)
    , m_current(0)
    , m_attempt(0)
    , m_done(0)
    , m_correct(0)
    , m_failed(0)
    , m_sent(0)
    , m_lost(0)
{
    NS_LOG_FUNCTION(this);
}

BlindComputationClient::~BlindComputationClient()
{
    NS_LOG_FUNCTION(this);
}

void
BlindComputationClient::SetPattern(const BlindComputationPattern& pattern)
{
    NS_ABORT_MSG_IF(pattern.GetNumQubits() == 0,
                    "BlindComputationClient::SetPattern: the pattern is empty");
    m_pattern = pattern;
}

const BlindComputationPattern&
BlindComputationClient::GetPattern() const
{
    return m_pattern;
}

void
BlindComputationClient::SetQuantumDevice(Ptr<QuantumNetDevice> device)
{
    m_device = device;
}

int64_t
BlindComputationClient::AssignStreams(int64_t stream)
{
    m_thetaRng->SetStream(stream);
    m_rRng->SetStream(stream + 1);
    return 2;
}

uint32_t
BlindComputationClient::GetShotsDone() const
{
    return m_done;
}

uint32_t
BlindComputationClient::GetShotsCorrect() const
{
    return m_correct;
}

uint32_t
BlindComputationClient::GetShotsFailed() const
{
    return m_failed;
}

uint64_t
BlindComputationClient::GetQubitsSent() const
{
    return m_sent;
}

uint64_t
BlindComputationClient::GetPhotonsLost() const
{
    return m_lost;
}

const std::vector<uint64_t>&
BlindComputationClient::GetResultCounts() const
{
    return m_counts;
}

void
BlindComputationClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_timeout);
    m_thetaRng = nullptr;
    m_rRng = nullptr;
    m_device = nullptr;
    m_registry = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
BlindComputationClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_pattern.GetNumQubits() == 0,
                    "BlindComputationClient on node "
                        << GetNode()->GetId() << ": no computation; call SetPattern before start");
    NS_ABORT_MSG_IF(!InetSocketAddress::IsMatchingType(m_remote),
                    "BlindComputationClient on node "
                        << GetNode()->GetId()
                        << ": attribute RemoteAddress is not set to an InetSocketAddress");
    if (!m_device)
    {
        Ptr<Node> node = GetNode();
        for (uint32_t i = 0; i < node->GetNDevices() && !m_device; ++i)
        {
            m_device = DynamicCast<QuantumNetDevice>(node->GetDevice(i));
        }
        NS_ABORT_MSG_IF(!m_device,
                        "BlindComputationClient on node "
                            << node->GetId()
                            << ": the node has no QuantumNetDevice (install a quantum channel "
                               "with QuantumChannelHelper or call SetQuantumDevice)");
    }
    m_registry = QuantumStateRegistry::GetDefault();
    m_counts.assign(std::size_t(1) << m_pattern.GetOutputs().size(), 0);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind() != 0, "BlindComputationClient: cannot bind a UDP socket");
    m_socket->SetRecvCallback(MakeCallback(&BlindComputationClient::HandleRead, this));
    m_running = true;
    StartShot();
}

void
BlindComputationClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    Simulator::Cancel(m_timeout);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
BlindComputationClient::StartShot()
{
    const uint32_t n = m_pattern.GetNumQubits();
    NS_LOG_FUNCTION(this << m_shot);
    BlindComputationHeader h;
    h.type = BlindComputationHeader::START;
    h.shot = m_shot;
    h.numQubits = n;
    for (const auto& e : m_pattern.GetEdges())
    {
        h.edges.emplace_back(static_cast<uint16_t>(e.first), static_cast<uint16_t>(e.second));
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->SendTo(p, 0, m_remote);
    m_theta.assign(n, 0);
    m_r.assign(n, 0);
    m_s.assign(n, 0);
    m_frame.assign(n, 0);
    m_current = 0;
    m_attempt = 0;
    m_awaitingReady = true; // the first photon waits for READY
}

void
BlindComputationClient::SendQubit()
{
    // |+_theta> = Rz(theta) H |0> up to a global phase, theta = k pi/4.
    const auto k = static_cast<uint8_t>(m_thetaRng->GetInteger(0, 7));
    m_theta[m_current] = k;
    const QubitHandle q = m_registry->CreateQubit(static_cast<QuantumFormalism>(m_formalism));
    m_registry->ApplyGate(QuantumGate::Hadamard(), {q});
    m_registry->ApplyGate(QuantumGate::Rz(k * M_PI / 4.0), {q});
    Ptr<QuantumSignal> signal = QuantumSignal::CreateQubit(q);
    signal->SetPort(m_quantumPort);
    // The time bin (slot) tells the server which qubit and attempt this is:
    // public timing information, no secret.
    signal->SetTimeBin((static_cast<uint64_t>(m_shot & 0xffffffu) << 40)
                       | (static_cast<uint64_t>(m_attempt & 0xffu) << 32) | m_current);
    ++m_sent;
    m_timeout = Simulator::Schedule(m_ackTimeout, &BlindComputationClient::AckTimedOut, this);
    m_device->SendSignal(signal);
}

void
BlindComputationClient::AckTimedOut()
{
    ++m_lost;
    m_lostTrace(m_shot, m_current);
    ++m_attempt;
    if (m_attempt >= m_maxAttempts)
    {
        NS_LOG_WARN("shot " << m_shot << ": qubit " << m_current << " lost " << m_attempt
                            << " times; abandoning the computation");
        ++m_failed;
        m_running = false;
        return;
    }
    SendQubit();
}

uint32_t
BlindComputationClient::Parity(const std::vector<uint32_t>& deps) const
{
    uint32_t x = 0;
    for (uint32_t j : deps)
    {
        x ^= m_s[j];
    }
    return x;
}

void
BlindComputationClient::SendDelta()
{
    const uint32_t i = m_current;
    const uint32_t sx = Parity(m_pattern.GetXDependencies(i));
    const uint32_t sz = Parity(m_pattern.GetZDependencies(i));
    const uint32_t phi = m_pattern.GetAngleIndex(i);
    uint32_t phiPrime = sx ? (8 - phi) % 8 : phi;
    if (m_pattern.IsOutput(i))
    {
        m_frame[i] = static_cast<uint8_t>(sz); // Pauli frame, applied on decoding
    }
    else
    {
        phiPrime = (phiPrime + 4 * sz) % 8;
    }
    m_r[i] = static_cast<uint8_t>(m_rRng->GetInteger(0, 1));
    const auto delta = static_cast<uint8_t>((phiPrime + m_theta[i] + 4 * m_r[i]) % 8);
    BlindComputationHeader h;
    h.type = BlindComputationHeader::DELTA;
    h.shot = m_shot;
    h.index = i;
    h.value = delta;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_angleTrace(m_shot, i, delta);
    m_socket->SendTo(p, 0, m_remote);
}

void
BlindComputationClient::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        BlindComputationHeader h;
        p->RemoveHeader(h);
        if (!m_running || h.shot != m_shot)
        {
            continue;
        }
        if (h.type == BlindComputationHeader::READY)
        {
            if (m_awaitingReady)
            {
                m_awaitingReady = false;
                SendQubit();
            }
            continue;
        }
        if (m_awaitingReady || h.index != m_current)
        {
            continue;
        }
        if (h.type == BlindComputationHeader::ACK)
        {
            if (h.value != (m_attempt & 0xffu) || !m_timeout.IsRunning())
            {
                continue; // an ACK of an earlier attempt of this qubit
            }
            Simulator::Cancel(m_timeout);
            m_attempt = 0;
            ++m_current;
            if (m_current < m_pattern.GetNumQubits())
            {
                SendQubit();
            }
            else
            {
                m_current = 0;
                SendDelta();
            }
        }
        else if (h.type == BlindComputationHeader::OUTCOME && !m_timeout.IsRunning())
        {
            m_outcomeTrace(m_shot, h.index, h.value);
            const uint32_t i = m_current;
            m_s[i] = static_cast<uint8_t>((h.value & 1u) ^ m_r[i] ^ m_frame[i]);
            ++m_current;
            if (m_current < m_pattern.GetNumQubits())
            {
                SendDelta();
            }
            else
            {
                FinishShot();
            }
        }
    }
}

void
BlindComputationClient::FinishShot()
{
    uint32_t result = 0;
    const auto& outputs = m_pattern.GetOutputs();
    for (std::size_t j = 0; j < outputs.size(); ++j)
    {
        result |= static_cast<uint32_t>(m_s[outputs[j]]) << j;
    }
    const auto& ideal = m_pattern.GetIdealDistribution();
    const bool correct = !ideal.empty() && ideal[result] > 0;
    ++m_done;
    if (correct)
    {
        ++m_correct;
    }
    ++m_counts[result];
    NS_LOG_INFO("shot " << m_shot << " result " << result << (correct ? " (correct)" : ""));
    m_doneTrace(m_shot, result, correct);
    ++m_shot;
    if (m_shot < m_shots && m_running)
    {
        StartShot();
    }
}

} // namespace ns3
