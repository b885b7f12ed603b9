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
#include <typeinfo>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumChannel");

NS_OBJECT_ENSURE_REGISTERED(QuantumChannel);

TypeId
QuantumChannel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumChannel")
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
    : m_lengthKm(1.0)
    , m_groupVelocity(2e8)
    , m_attenuationDbPerKm(0.2)
    , m_insertionLossDb(0.0)
    , m_cachedLossInputs{-1, -1, -1}
    , m_cachedEta(1.0)
    , m_cachedDelayInputs{-1, -1}
    , m_plainType(-1)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

QuantumChannel::~QuantumChannel()
{
    NS_LOG_FUNCTION(this);
    DetachEvents();
}

QuantumChannel::DeliveryEvent::DeliveryEvent(QuantumChannel* channel, uint32_t si, uint32_t di)
    : m_channel(channel)
    , m_si(si)
    , m_di(di)
{
}

void
QuantumChannel::DeliveryEvent::Detach()
{
    m_channel = nullptr;
}

void
QuantumChannel::DeliveryEvent::Notify()
{
    if (m_channel)
    {
        m_channel->DeliverPending(m_si, m_di);
    }
}

void
QuantumChannel::PairQueue::Grow()
{
    // The capacity stays a power of two; the oldest signal moves to index 0.
    std::vector<InFlight> bigger(std::max<std::size_t>(16, 2 * ring.size()));
    for (std::size_t i = 0; i < count; ++i)
    {
        bigger[i] = std::move(ring[(head + i) & mask]);
    }
    ring.swap(bigger);
    mask = ring.size() - 1;
    head = 0;
}

void
QuantumChannel::DetachEvents()
{
    for (auto& pair : m_pairs)
    {
        if (pair.event)
        {
            pair.event->Detach();
            pair.event = nullptr;
        }
    }
}

void
QuantumChannel::DoDispose()
{
    // A delivery event still in the scheduler is detached and does nothing.
    DetachEvents();
    m_pairs.clear();
    m_devices.clear();
    m_firstModel = nullptr;
    m_registry = nullptr;
    m_uniform = nullptr;
    Channel::DoDispose();
}

void
QuantumChannel::AddDevice(Ptr<QuantumNetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "QuantumChannel::AddDevice: null device");
    for (const auto& d : m_devices)
    {
        NS_ABORT_MSG_IF(d == device, "QuantumChannel::AddDevice: the device is already attached");
    }
    m_devices.push_back(device);
    // Re-index the pair queues for n devices; signals in flight keep their pair.
    const size_t n = m_devices.size();
    std::vector<PairQueue> pairs(n * n);
    for (size_t si = 0; si + 1 < n; ++si)
    {
        for (size_t di = 0; di + 1 < n; ++di)
        {
            pairs[si * n + di] = std::move(m_pairs[si * (n - 1) + di]);
        }
    }
    m_pairs = std::move(pairs);
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
    return DelayForLength(GetLengthMeters(source, destination));
}

Time
QuantumChannel::DelayForLength(double length) const
{
    // Cached: converting a double to a Time costs more than the rest of a transmission.
    if (length != m_cachedDelayInputs[0] || m_groupVelocity != m_cachedDelayInputs[1])
    {
        m_cachedDelay = Seconds(length / m_groupVelocity);
        m_cachedDelayInputs[0] = length;
        m_cachedDelayInputs[1] = m_groupVelocity;
    }
    return m_cachedDelay;
}

double
QuantumChannel::GetInsertionLossDb() const
{
    return m_insertionLossDb;
}

double
QuantumChannel::GetIntrinsicTransmittance(const QuantumChannelContext& context) const
{
    return EtaForLength(context.lengthMeters);
}

double
QuantumChannel::EtaForLength(double length) const
{
    if (length != m_cachedLossInputs[0] || m_attenuationDbPerKm != m_cachedLossInputs[1]
        || m_insertionLossDb != m_cachedLossInputs[2])
    {
        const double db = m_attenuationDbPerKm * length / 1000.0 + m_insertionLossDb;
        m_cachedEta = std::pow(10.0, -db / 10.0);
        m_cachedLossInputs[0] = length;
        m_cachedLossInputs[1] = m_attenuationDbPerKm;
        m_cachedLossInputs[2] = m_insertionLossDb;
    }
    return m_cachedEta;
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

std::size_t
QuantumChannel::ResolveDestination(const Ptr<QuantumNetDevice>& source,
                                   const Ptr<QuantumNetDevice>& destination) const
{
    const std::size_t n = m_devices.size();
    if (destination)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            if (m_devices[i] == destination)
            {
                NS_ABORT_MSG_IF(destination == source,
                                "QuantumChannel::Transmit: a device cannot send to itself");
                return i;
            }
        }
        NS_FATAL_ERROR("QuantumChannel::Transmit: the destination device is not attached to "
                       "this channel");
    }
    NS_ABORT_MSG_IF(n != 2,
                    "QuantumChannel::Transmit: the channel has "
                        << n
                        << " devices; name the destination device when it does not have exactly 2");
    return m_devices[0] == source ? 1 : 0;
}

void
QuantumChannel::Transmit(const Ptr<QuantumSignal>& signal,
                         const Ptr<QuantumNetDevice>& source,
                         const Ptr<QuantumNetDevice>& destination)
{
    NS_LOG_FUNCTION(this << signal->GetId());
    const std::size_t di = ResolveDestination(source, destination);
    // Device indices, for the FIFO bookkeeping of this pair.
    const std::size_t n = m_devices.size();
    std::size_t si = n;
    for (std::size_t i = 0; i < n; ++i)
    {
        if (m_devices[i] == source)
        {
            si = i;
            break;
        }
    }
    NS_ABORT_MSG_IF(si == n,
                    "QuantumChannel::Transmit: the sending device is not attached to this channel");
    QuantumNetDevice* dst = PeekPointer(m_devices[di]);
    NS_ABORT_MSG_IF(!source->PeekNode() || !dst->PeekNode(),
                    "QuantumChannel::Transmit: a device of the channel is not on a node; add "
                    "each QuantumNetDevice to a node (Node::AddDevice) before sending");
    if (m_plainType < 0)
    {
        m_plainType = typeid(*this) == typeid(QuantumChannel) ? 1 : 0;
    }
    // A subclass (other geometry, other loss) or a model chain gets the full
    // context through the virtual methods; a plain fibre without models,
    // whose virtual methods are the ones of this class, computes the same
    // values directly and needs no node or registry pointers for a pulse.
    const bool generic = m_firstModel || m_plainType == 0;
    QuantumChannelContext c;
    if (generic)
    {
        c.lengthMeters = GetLengthMeters(source, m_devices[di]);
        c.propagationDelay = GetPropagationDelay(source, m_devices[di]);
        c.sender = source->GetNode();
        c.receiver = dst->GetNode();
    }
    else
    {
        c.lengthMeters = m_lengthKm * 1000.0;
        c.propagationDelay = DelayForLength(c.lengthMeters);
    }
    if (generic || signal->GetKind() == QuantumSignal::QUBIT)
    {
        c.registry = m_registry ? m_registry : QuantumStateRegistry::GetDefault();
    }
    const Time now = Simulator::Now();
    if (signal->GetEmissionTime().IsZero())
    {
        signal->SetEmissionTime(now);
    }
    // A pulse stamped with a future emission time enters the fibre then.
    const Time entry = std::max(now, signal->GetEmissionTime());
    if (!m_sentTrace.IsEmpty())
    {
        m_sentTrace(signal);
    }
    double eta = generic ? GetIntrinsicTransmittance(c) : EtaForLength(c.lengthMeters);
    if (m_firstModel)
    {
        eta *= m_firstModel->GetTransmittance(c);
    }
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        // A photon that was never emitted (a source or memory emission that
        // failed erases the qubit before sending) is lost without drawing.
        if (c.registry->IsErased(signal->GetQubit()))
        {
            m_lostTrace(signal);
            c.registry->Discard(signal->GetQubit());
            return;
        }
        if (m_uniform->GetValue() >= eta)
        {
            // Loss is erasure: the photon's share of any entangled state is
            // traced out.  Observers see the erased handle, then it is freed
            // (nobody will ever receive this photon).
            c.registry->Erase(signal->GetQubit());
            m_lostTrace(signal);
            c.registry->Discard(signal->GetQubit());
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
    PairQueue& pair = GetPair(si, di);
    Time arrival = entry + delay;
    if (arrival < pair.lastArrival)
    {
        arrival = pair.lastArrival;
    }
    // A train occupies the fibre until its last pulse has arrived.
    pair.lastArrival = arrival + signal->GetPulsePeriod() * int64_t(signal->GetPulseCount() - 1);
    const bool idle = pair.Empty() && !pair.delivering;
    pair.Push(arrival, arrival - entry, signal);
    if (idle)
    {
        // The pair's event is not in the scheduler (its queue was empty):
        // schedule it for this arrival, in the receiving node's context.  The
        // scheduler takes one reference and releases it after the event ran.
        if (!pair.event)
        {
            pair.event
                = Create<DeliveryEvent>(this, static_cast<uint32_t>(si), static_cast<uint32_t>(di));
        }
        pair.event->Ref();
        Simulator::ScheduleWithContext(dst->GetNodeId(), arrival - now, PeekPointer(pair.event));
    }
}

void
QuantumChannel::DeliverPending(uint32_t si, uint32_t di)
{
    if (m_pairs.empty())
    {
        return; // disposed while signals were in flight
    }
    const Time now = Simulator::Now();
    const Ptr<QuantumNetDevice> dst = m_devices[di];
    GetPair(si, di).delivering = true;
    // A handler may send on this channel (or attach a device, which moves the
    // pair queues), so the pair is looked up again after every delivery.
    for (;;)
    {
        PairQueue& pair = GetPair(si, di);
        if (pair.Empty() || pair.Front().arrival > now)
        {
            break;
        }
        const InFlight f = pair.Pop();
        if (!m_deliveredTrace.IsEmpty())
        {
            m_deliveredTrace(f.signal, f.travel);
        }
        dst->ReceiveSignal(f.signal);
        if (m_pairs.empty())
        {
            return; // a handler disposed of the channel
        }
    }
    PairQueue& pair = GetPair(si, di);
    pair.delivering = false;
    if (!pair.Empty())
    {
        // Still in the receiving node's context.  Simulator::Schedule takes
        // its own reference to the event.
        Simulator::Schedule(pair.Front().arrival - now, pair.event);
    }
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
