/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-channel.h"

#include "quantum-net-device.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumChannel");

NS_OBJECT_ENSURE_REGISTERED(QuantumChannel);

TypeId
QuantumChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumChannel")
            .SetParent<Channel>()
            .SetGroupName("Quantum")
            .AddConstructor<QuantumChannel>()
            .AddAttribute("LengthKm",
                          "Fibre length in km.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&QuantumChannel::m_lengthKm),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("GroupVelocityMetersPerSecond",
                          "Group velocity of light in the fibre, m/s.",
                          DoubleValue(2e8),
                          MakeDoubleAccessor(&QuantumChannel::m_groupVelocity),
                          MakeDoubleChecker<double>(1e3, 299792458.0))
            .AddAttribute("AttenuationDbPerKm",
                          "Fibre attenuation in dB/km (0.2 for telecom fibre at 1550 nm).",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&QuantumChannel::m_attenuationDbPerKm),
                          MakeDoubleChecker<double>(0.0, 1000.0))
            .AddAttribute("InsertionLossDb",
                          "Fixed insertion loss in dB (connectors, couplers).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&QuantumChannel::m_insertionLossDb),
                          MakeDoubleChecker<double>(0.0, 1000.0))
            .AddAttribute("Model",
                          "First model of the loss, noise and delay chain (see AddModel).",
                          PointerValue(),
                          MakePointerAccessor(&QuantumChannel::m_firstModel),
                          MakePointerChecker<QuantumChannelModel>())
            .AddAttribute("Registry",
                          "The state engine; the simulation's default registry if unset.",
                          PointerValue(),
                          MakePointerAccessor(&QuantumChannel::m_registry),
                          MakePointerChecker<QuantumStateRegistry>())
            .AddTraceSource("SignalSent",
                            "A signal entered the channel.",
                            MakeTraceSourceAccessor(&QuantumChannel::m_sentTrace),
                            "ns3::QuantumChannel::SignalTracedCallback")
            .AddTraceSource("SignalLost",
                            "A photon was lost in the channel (its qubit erased).",
                            MakeTraceSourceAccessor(&QuantumChannel::m_lostTrace),
                            "ns3::QuantumChannel::SignalTracedCallback")
            .AddTraceSource("SignalDelivered",
                            "A signal reached the receiving device.",
                            MakeTraceSourceAccessor(&QuantumChannel::m_deliveredTrace),
                            "ns3::QuantumChannel::DeliveredTracedCallback");
    return tid;
}

QuantumChannel::QuantumChannel()
    : m_lengthKm(1.0),
      m_groupVelocity(2e8),
      m_attenuationDbPerKm(0.2),
      m_insertionLossDb(0.0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

QuantumChannel::~QuantumChannel()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumChannel::DoDispose()
{
    m_devices.clear();
    m_firstModel = nullptr;
    m_registry = nullptr;
    m_uniform = nullptr;
    Channel::DoDispose();
}

void
QuantumChannel::AddDevice(Ptr<QuantumNetDevice> device)
{
    m_devices.push_back(device);
    const size_t n = m_devices.size();
    m_lastArrival.assign(n * n, Seconds(0));
}

std::size_t
QuantumChannel::GetNDevices() const
{
    return m_devices.size();
}

Ptr<NetDevice>
QuantumChannel::GetDevice(std::size_t i) const
{
    return m_devices.at(i);
}

void
QuantumChannel::AddModel(Ptr<QuantumChannelModel> model)
{
    NS_ABORT_MSG_IF(!model, "QuantumChannel::AddModel: null model");
    if (!m_firstModel)
    {
        m_firstModel = model;
        return;
    }
    Ptr<QuantumChannelModel> last = m_firstModel;
    while (last->GetNext())
    {
        NS_ABORT_MSG_IF(last == model, "QuantumChannel::AddModel: model already in the chain");
        last = last->GetNext();
    }
    NS_ABORT_MSG_IF(last == model, "QuantumChannel::AddModel: model already in the chain");
    last->SetNext(model);
}

Ptr<QuantumChannelModel>
QuantumChannel::GetFirstModel() const
{
    return m_firstModel;
}

Ptr<QuantumStateRegistry>
QuantumChannel::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

double
QuantumChannel::GetLengthMeters(Ptr<const QuantumNetDevice> source,
                                Ptr<const QuantumNetDevice> destination) const
{
    return m_lengthKm * 1000.0;
}

Time
QuantumChannel::GetPropagationDelay(Ptr<const QuantumNetDevice> source,
                                    Ptr<const QuantumNetDevice> destination) const
{
    return Seconds(GetLengthMeters(source, destination) / m_groupVelocity);
}

double
QuantumChannel::GetIntrinsicTransmittance(const QuantumChannelContext& context) const
{
    const double db = m_attenuationDbPerKm * context.lengthMeters / 1000.0 + m_insertionLossDb;
    return std::pow(10.0, -db / 10.0);
}

QuantumChannelContext
QuantumChannel::MakeContext(Ptr<const QuantumNetDevice> source,
                            Ptr<const QuantumNetDevice> destination) const
{
    QuantumChannelContext c;
    c.lengthMeters = GetLengthMeters(source, destination);
    c.propagationDelay = GetPropagationDelay(source, destination);
    c.sender = source->GetNode();
    c.receiver = destination->GetNode();
    c.registry = GetRegistry();
    return c;
}

double
QuantumChannel::GetTransmittance(Ptr<const QuantumNetDevice> source,
                                 Ptr<const QuantumNetDevice> destination) const
{
    const QuantumChannelContext c = MakeContext(source, destination);
    double eta = GetIntrinsicTransmittance(c);
    if (m_firstModel)
    {
        eta *= m_firstModel->GetTransmittance(c);
    }
    return eta;
}

Ptr<QuantumNetDevice>
QuantumChannel::ResolveDestination(Ptr<QuantumNetDevice> source,
                                   Ptr<QuantumNetDevice> destination) const
{
    if (destination)
    {
        for (const auto& d : m_devices)
        {
            if (d == destination)
            {
                NS_ABORT_MSG_IF(d == source,
                                "QuantumChannel::Transmit: a device cannot send to itself");
                return d;
            }
        }
        NS_FATAL_ERROR("QuantumChannel::Transmit: the destination device is not attached to "
                       "this channel");
    }
    NS_ABORT_MSG_IF(m_devices.size() != 2,
                    "QuantumChannel::Transmit: the channel has "
                        << m_devices.size()
                        << " devices; name the destination device when it does not have exactly 2");
    return m_devices[0] == source ? m_devices[1] : m_devices[0];
}

void
QuantumChannel::Transmit(Ptr<QuantumSignal> signal,
                         Ptr<QuantumNetDevice> source,
                         Ptr<QuantumNetDevice> destination)
{
    NS_LOG_FUNCTION(this << signal->GetId());
    Ptr<QuantumNetDevice> dst = ResolveDestination(source, destination);
    const QuantumChannelContext c = MakeContext(source, dst);
    if (signal->GetEmissionTime().IsZero())
    {
        signal->SetEmissionTime(Simulator::Now());
    }
    m_sentTrace(signal);
    double eta = GetIntrinsicTransmittance(c);
    if (m_firstModel)
    {
        eta *= m_firstModel->GetTransmittance(c);
    }
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        if (m_uniform->GetValue() >= eta)
        {
            c.registry->Erase(signal->GetQubit());
            m_lostTrace(signal);
            return;
        }
    }
    else
    {
        signal->ApplyTransmittance(eta);
    }
    Time delay = c.propagationDelay;
    if (m_firstModel)
    {
        delay += m_firstModel->Apply(signal, c);
    }
    // FIFO between this pair of devices: a signal never overtakes an earlier one.
    size_t si = 0;
    size_t di = 0;
    for (size_t i = 0; i < m_devices.size(); ++i)
    {
        si = (m_devices[i] == source) ? i : si;
        di = (m_devices[i] == dst) ? i : di;
    }
    Time& last = m_lastArrival[si * m_devices.size() + di];
    Time arrival = Simulator::Now() + delay;
    if (arrival < last)
    {
        arrival = last;
    }
    last = arrival;
    const Time travel = arrival - Simulator::Now();
    Simulator::ScheduleWithContext(dst->GetNode()->GetId(),
                                   travel,
                                   &QuantumChannel::Deliver,
                                   this,
                                   dst,
                                   signal,
                                   travel);
}

void
QuantumChannel::Deliver(Ptr<QuantumNetDevice> destination, Ptr<QuantumSignal> signal, Time travel)
{
    m_deliveredTrace(signal, travel);
    destination->ReceiveSignal(signal);
}

int64_t
QuantumChannel::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    int64_t used = 1;
    if (m_firstModel)
    {
        used += m_firstModel->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
