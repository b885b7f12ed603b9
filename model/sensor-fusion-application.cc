/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sensor-fusion-application.h"

#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"
#include "sensing-message-header.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SensorFusionApplication");
NS_OBJECT_ENSURE_REGISTERED(SensorFusionApplication);

TypeId
SensorFusionApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SensorFusionApplication")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<SensorFusionApplication>()
              .AddAttribute("Port",
                            "UDP port of the sensing messages (the same at the sensors).",
                            UintegerValue(9700),
                            MakeUintegerAccessor(&SensorFusionApplication::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Strategy",
                            "Ghz: entangled probes fused from Bell pairs; Separable: "
                            "independent local |+> probes.",
                            EnumValue(SensorFusionApplication::GHZ),
                            MakeEnumAccessor(&SensorFusionApplication::m_strategy),
                            MakeEnumChecker(SensorFusionApplication::GHZ,
                                            "Ghz",
                                            SensorFusionApplication::SEPARABLE,
                                            "Separable"))
              .AddAttribute("NumShots",
                            "Shots to run (failed shots included), at least 1.",
                            UintegerValue(100),
                            MakeUintegerAccessor(&SensorFusionApplication::m_numShots),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("ShotsPerEstimate",
                            "Successful shots M per phase estimate, at least 1.",
                            UintegerValue(10),
                            MakeUintegerAccessor(&SensorFusionApplication::m_shotsPerEstimate),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("ShotTimeout",
                            "GHZ strategy: a shot fails if its Bell pairs have not all been "
                            "delivered this long after it started (0 = wait forever).",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&SensorFusionApplication::m_timeout),
                            MakeTimeChecker(Time(0)))
              .AddTraceSource("Shot",
                              "A shot ended: shot, success, parity, mean readout.",
                              MakeTraceSourceAccessor(&SensorFusionApplication::m_shotTrace),
                              "ns3::SensorFusionApplication::ShotTracedCallback")
              .AddTraceSource("Estimate",
                              "A phase estimate from ShotsPerEstimate shots: index, estimate "
                              "of the mean phase in rad.",
                              MakeTraceSourceAccessor(&SensorFusionApplication::m_estimateTrace),
                              "ns3::SensorFusionApplication::EstimateTracedCallback");
    return tid;
}

SensorFusionApplication::SensorFusionApplication()
    : m_port(9700)
    , m_strategy(GHZ)
    , m_numShots(100)
    , m_shotsPerEstimate(10)
    , m_shot(0)
    , m_shotFailed(false)
    , m_shotOver(false)
    , m_running(false)
    , m_numDelivered(0)
    , m_numReadouts(0)
    , m_completed(0)
    , m_failed(0)
    , m_batchShots(0)
    , m_batchParity(0.0)
{
}

SensorFusionApplication::~SensorFusionApplication() = default;

void
SensorFusionApplication::DoDispose()
{
    Simulator::Cancel(m_timeoutEvent);
    m_agents.clear();
    m_socket = nullptr;
    Application::DoDispose();
}

void
SensorFusionApplication::SetSensors(const std::vector<Ipv4Address>& sensors,
                                    const std::vector<Ptr<RepeaterNodeAgent>>& agents)
{
    NS_ABORT_MSG_IF(sensors.empty(), "SensorFusionApplication::SetSensors: no sensors");
    NS_ABORT_MSG_IF(!agents.empty() && agents.size() != sensors.size(),
                    "SensorFusionApplication::SetSensors: " << sensors.size() << " sensors but "
                                                            << agents.size()
                                                            << " chain agents (need one each)");
    for (const auto& a : agents)
    {
        NS_ABORT_MSG_IF(!a || a->GetPosition() != 0,
                        "SensorFusionApplication::SetSensors: each agent must be the centre's "
                        "end (position 0) of a chain to a sensor");
    }
    m_sensors = sensors;
    m_agents = agents;
}

uint32_t
SensorFusionApplication::GetShotsCompleted() const
{
    return m_completed;
}

uint32_t
SensorFusionApplication::GetShotsFailed() const
{
    return m_failed;
}

const std::vector<double>&
SensorFusionApplication::GetEstimates() const
{
    return m_estimates;
}

void
SensorFusionApplication::StartApplication()
{
    const uint32_t n = m_sensors.size();
    NS_ABORT_MSG_IF(n == 0, "SensorFusionApplication: call SetSensors before starting");
    if (m_strategy == GHZ)
    {
        NS_ABORT_MSG_IF(m_agents.size() != n,
                        "SensorFusionApplication: strategy Ghz needs a chain agent per sensor "
                        "(SetSensors), got "
                            << m_agents.size() << " for " << n << " sensors");
        NS_ABORT_MSG_IF(!GetNode()->GetObject<QuantumMemory>()
                            || !GetNode()->GetObject<QuantumProcessor>(),
                        "SensorFusionApplication: strategy Ghz needs a QuantumMemory and a "
                        "QuantumProcessor on node "
                            << GetNode()->GetId());
        for (uint32_t i = 0; i < n; ++i)
        {
            m_agents[i]->SetDeliveryCallback(
                MakeCallback(&SensorFusionApplication::OnDelivery, this).Bind(i));
        }
    }
    m_delivered.assign(n, 0);
    m_batchSum.assign(n, 0.0);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "SensorFusionApplication: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&SensorFusionApplication::HandleRead, this));
    m_running = true;
    m_shot = 0;
    Simulator::ScheduleNow(&SensorFusionApplication::StartShot, this);
}

void
SensorFusionApplication::StopApplication()
{
    m_running = false;
    Simulator::Cancel(m_timeoutEvent);
    if (m_socket)
    {
        m_socket->Close();
    }
}

void
SensorFusionApplication::StartShot()
{
    if (!m_running || m_shot >= m_numShots)
    {
        return;
    }
    const uint32_t n = m_sensors.size();
    m_shotFailed = false;
    m_shotOver = false;
    m_readout.assign(n, -1);
    m_angle.assign(n, 0.0);
    m_numReadouts = 0;
    if (m_strategy == GHZ)
    {
        m_slots.assign(n, -1);
        m_fusion.assign(n, 0);
        m_numDelivered = 0;
        if (m_timeout > Time(0))
        {
            m_timeoutEvent
                = Simulator::Schedule(m_timeout, &SensorFusionApplication::Timeout, this);
        }
        for (const auto& a : m_agents)
        {
            a->RequestRound();
        }
    }
    else
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            SendTo(i, SensingMessageHeader::START, 0);
        }
    }
}

bool
SensorFusionApplication::OnDelivery(uint32_t sensor, const RepeaterDelivery& d)
{
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    ++m_delivered[sensor];
    if (d.round != m_shot || m_shotFailed || !m_running)
    {
        // A late pair of a failed shot: drop it.
        mem->Release(d.memorySlot);
        Simulator::ScheduleNow(&SensorFusionApplication::TryNext, this);
        return true;
    }
    // Pauli-frame correction of the centre's half: the pair becomes |Phi+>.
    const uint8_t label = static_cast<uint8_t>(d.bellState);
    const QubitHandle q = mem->Access(d.memorySlot);
    if (label & 1)
    {
        mem->GetRegistry()->ApplyGate(QuantumGate::PauliX(), {q});
    }
    if (label & 2)
    {
        mem->GetRegistry()->ApplyGate(QuantumGate::PauliZ(), {q});
    }
    m_slots[sensor] = d.memorySlot;
    if (++m_numDelivered == m_sensors.size())
    {
        Simulator::Cancel(m_timeoutEvent);
        Simulator::ScheduleNow(&SensorFusionApplication::FuseStep, this, 1);
    }
    return true;
}

void
SensorFusionApplication::Timeout()
{
    NS_LOG_FUNCTION(this << m_shot << m_numDelivered);
    m_shotFailed = true;
    ++m_failed;
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    for (uint32_t i = 0; i < m_slots.size(); ++i)
    {
        if (m_slots[i] >= 0)
        {
            mem->Release(m_slots[i]);
            m_slots[i] = -1;
        }
        SendTo(i, SensingMessageHeader::ABORT, 0);
    }
    m_shotTrace(m_shot, false, 0, 0.0);
    ShotDone();
}

void
SensorFusionApplication::FuseStep(uint32_t k)
{
    Ptr<QuantumProcessor> proc = GetNode()->GetObject<QuantumProcessor>();
    const uint32_t n = m_sensors.size();
    if (k < n)
    {
        proc->Execute(QuantumGate::Cnot(),
                      {static_cast<uint32_t>(m_slots[0]), static_cast<uint32_t>(m_slots[k])},
                      MakeCallback(&SensorFusionApplication::FuseCnotDone, this).Bind(k));
    }
    else
    {
        proc->Measure(static_cast<uint32_t>(m_slots[0]),
                      MeasurementBasis::XBasis(),
                      MakeCallback(&SensorFusionApplication::FuseMeasured, this).Bind(k));
    }
}

void
SensorFusionApplication::FuseCnotDone(uint32_t k)
{
    GetNode()->GetObject<QuantumProcessor>()->Measure(
        static_cast<uint32_t>(m_slots[k]),
        MeasurementBasis::ZBasis(),
        MakeCallback(&SensorFusionApplication::FuseMeasured, this).Bind(k));
}

void
SensorFusionApplication::FuseMeasured(uint32_t k, uint32_t outcome)
{
    Ptr<QuantumMemory> mem = GetNode()->GetObject<QuantumMemory>();
    const uint32_t n = m_sensors.size();
    const uint32_t index = k < n ? k : 0;
    m_fusion[index] = static_cast<uint8_t>(outcome);
    mem->Release(m_slots[index]);
    m_slots[index] = -1;
    if (k < n)
    {
        FuseStep(k + 1);
        return;
    }
    // GHZ up to X^{m_k} on sensor k >= 1 and Z^{m_0} on sensor 0.
    for (uint32_t i = 0; i < n; ++i)
    {
        const uint8_t bits = i == 0 ? static_cast<uint8_t>(2 * m_fusion[0]) : m_fusion[i];
        SendTo(i, SensingMessageHeader::CORRECTION, bits);
    }
}

void
SensorFusionApplication::SendTo(uint32_t sensor, uint8_t type, uint8_t bits)
{
    SensingMessageHeader h;
    h.type = static_cast<SensingMessageHeader::MessageType>(type);
    h.bits = bits;
    h.sensor = static_cast<uint16_t>(sensor);
    h.shot = m_shot;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->SendTo(p, 0, InetSocketAddress(m_sensors[sensor], m_port));
}

void
SensorFusionApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    const uint32_t n = m_sensors.size();
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        SensingMessageHeader h;
        p->RemoveHeader(h);
        if (h.type != SensingMessageHeader::OUTCOME || h.shot != m_shot || m_shotFailed
            || m_shotOver || h.sensor >= n || m_readout[h.sensor] >= 0)
        {
            continue;
        }
        m_readout[h.sensor] = h.bits;
        m_angle[h.sensor] = h.readoutAngle;
        if (++m_numReadouts < n)
        {
            continue;
        }
        // All readouts of the shot: eigenvalues r_i = (-1)^{outcome}.
        int32_t parity = 1;
        double mean = 0.0;
        for (uint32_t i = 0; i < n; ++i)
        {
            const int32_t r = m_readout[i] ? -1 : 1;
            parity *= r;
            mean += r;
            m_batchSum[i] += r;
        }
        mean /= n;
        m_batchParity += parity;
        ++m_completed;
        m_shotTrace(m_shot, true, parity, mean);
        if (++m_batchShots == m_shotsPerEstimate)
        {
            const double m = m_shotsPerEstimate;
            auto branch = [](double a, double mean) {
                return a + M_PI / 2 + std::asin(std::clamp(-mean, -1.0, 1.0));
            };
            double estimate = 0.0;
            if (m_strategy == GHZ)
            {
                double sumAngles = 0.0;
                for (double a : m_angle)
                {
                    sumAngles += a;
                }
                estimate = branch(sumAngles, m_batchParity / m) / n;
            }
            else
            {
                for (uint32_t i = 0; i < n; ++i)
                {
                    estimate += branch(m_angle[i], m_batchSum[i] / m);
                }
                estimate /= n;
            }
            m_estimates.push_back(estimate);
            m_estimateTrace(m_estimates.size() - 1, estimate);
            m_batchShots = 0;
            m_batchParity = 0.0;
            std::fill(m_batchSum.begin(), m_batchSum.end(), 0.0);
        }
        ShotDone();
    }
}

void
SensorFusionApplication::ShotDone()
{
    m_shotOver = true;
    TryNext();
}

void
SensorFusionApplication::TryNext()
{
    if (!m_shotOver)
    {
        return;
    }
    if (m_strategy == GHZ)
    {
        for (uint32_t d : m_delivered)
        {
            if (d < m_shot + 1)
            {
                return; // a late pair of this shot is still on its way
            }
        }
    }
    m_shotOver = false;
    ++m_shot;
    Simulator::ScheduleNow(&SensorFusionApplication::StartShot, this);
}

} // namespace ns3
