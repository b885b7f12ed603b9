/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cost per photon of a 10 km fibre QuantumChannel: photons are sent, lost or
// delivered to a port handler on the receiving QuantumNetDevice, with
// Simulator::Run included.  Arg 0: the source stamps a pulse train of
// emission times 1 ns apart in one event (no event per pulse at the
// source); Arg 1: one source event per pulse.  BM_ChannelDetectorPhotons
// adds a SinglePhotonDetector behind the receiving port (the physical layer
// of a prepare-and-measure link, channel plus detector), over 10 and 50 km.
// BM_ChannelDetectorTrain sends the same pulses as pulse trains
// (QuantumSignal::SetPulseTrain, SinglePhotonDetector::DetectTrain).
// Run: build/bench/quantum-bench --benchmark_filter=BM_Channel

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/single-photon-detector.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

/// A two-node 10 km fibre link and a counting receiver.
struct ChannelBenchLink
{
    Ptr<QuantumNetDevice> tx;           //!< sending device
    Ptr<QuantumNetDevice> rx;           //!< receiving device
    Ptr<QuantumStateRegistry> registry; //!< the state engine
    uint64_t delivered = 0;             //!< signals handed to the handler

    /**
     * Port handler: count, and free the qubit of a QUBIT photon.
     * @param s the signal
     * @param d the device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> d)
    {
        ++delivered;
        if (s->GetKind() == QuantumSignal::QUBIT)
        {
            registry->Discard(s->GetQubit());
        }
    }
};

/**
 * @return a fresh 10 km link (0.2 dB/km, transmittance 0.63)
 */
ChannelBenchLink*
MakeLink()
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    auto* link = new ChannelBenchLink;
    NodeContainer nodes;
    nodes.Create(2);
    QuantumChannelHelper helper;
    helper.SetChannelAttribute("LengthKm", DoubleValue(10.0));
    NetDeviceContainer devices = helper.Install(nodes);
    helper.AssignStreams(devices, 1);
    link->tx = DynamicCast<QuantumNetDevice>(devices.Get(0));
    link->rx = DynamicCast<QuantumNetDevice>(devices.Get(1));
    link->registry = QuantumStateRegistry::GetDefault();
    link->registry->AssignStreams(0);
    link->rx->RegisterHandler(1, MakeCallback(&ChannelBenchLink::Receive, link));
    return link;
}

/**
 * @param link the link
 * @param qubit QUBIT photons (else MODE pulses)
 * @return a new signal for port 1
 */
Ptr<QuantumSignal>
MakeSignal(ChannelBenchLink* link, bool qubit)
{
    Ptr<QuantumSignal> s = qubit ? QuantumSignal::CreateQubit(link->registry->CreateQubit())
                                 : QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 0, 1);
    s->SetPort(1);
    return s;
}

/**
 * One source event emitting a train of n pulses 1 ns apart.
 * @param link the link
 * @param n pulses
 * @param qubit QUBIT photons (else MODE pulses)
 */
void
SendTrain(ChannelBenchLink* link, uint32_t n, bool qubit)
{
    const Time now = Simulator::Now();
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<QuantumSignal> s = MakeSignal(link, qubit);
        s->SetEmissionTime(now + NanoSeconds(i));
        link->tx->SendSignal(s);
    }
}

/**
 * One source event per pulse.
 * @param link the link
 * @param qubit QUBIT photons (else MODE pulses)
 */
void
SendOne(ChannelBenchLink* link, bool qubit)
{
    link->tx->SendSignal(MakeSignal(link, qubit));
}

/**
 * @param state benchmark state; range(0) selects the source style
 * @param qubit QUBIT photons (else MODE pulses)
 */
void
RunChannelBench(benchmark::State& state, bool qubit)
{
    const uint32_t batch = 10000;
    const bool perPulseEvents = state.range(0) == 1;
    ChannelBenchLink* link = MakeLink();
    for (auto _ : state)
    {
        if (perPulseEvents)
        {
            for (uint32_t i = 0; i < batch; ++i)
            {
                Simulator::Schedule(NanoSeconds(i), &SendOne, link, qubit);
            }
        }
        else
        {
            Simulator::ScheduleNow(&SendTrain, link, batch, qubit);
        }
        Simulator::Run();
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["delivered_fraction"]
        = double(link->delivered) / double(state.iterations() * batch);
    link->rx->UnregisterHandler(1);
    Simulator::Destroy();
    delete link;
}

} // namespace

/// QUBIT photons (created in the default registry, freed on delivery or loss).
static void
BM_ChannelQubitPhotons(benchmark::State& state)
{
    RunChannelBench(state, true);
}

BENCHMARK(BM_ChannelQubitPhotons)->Arg(0)->Arg(1);

/// MODE pulses (all delivered, carrying the transmittance).
static void
BM_ChannelModePulses(benchmark::State& state)
{
    RunChannelBench(state, false);
}

BENCHMARK(BM_ChannelModePulses)->Arg(0)->Arg(1);

namespace
{

/// A fibre link whose receiving port runs a single-photon detector on every pulse.
struct DetectorBenchLink
{
    Ptr<QuantumNetDevice> tx;           //!< sending device
    Ptr<QuantumNetDevice> rx;           //!< receiving device
    Ptr<SinglePhotonDetector> detector; //!< the receiver's detector
    uint64_t delivered = 0;             //!< pulses detected (one gate each)
    uint64_t clicks = 0;                //!< gates that clicked

    /**
     * Port handler: one detection gate per arriving pulse.
     * @param s the signal
     * @param d the device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> d)
    {
        ++delivered;
        clicks += detector->Detect(s).clicked ? 1 : 0;
    }
};

/**
 * One source event emitting a train of n weak coherent pulses (mu = 0.5,
 * random BB84 basis and bit from a fixed pattern) 1 ns apart.
 * @param link the link
 * @param n pulses
 */
void
SendDetectorTrain(DetectorBenchLink* link, uint32_t n)
{
    const Time now = Simulator::Now();
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<QuantumSignal> s
            = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, (i >> 1) & 1, i & 1);
        s->SetPort(1);
        s->SetEmissionTime(now + NanoSeconds(i));
        link->tx->SendSignal(s);
    }
}

/**
 * Use the ns-3 scheduler selected by a benchmark argument (until
 * Simulator::Destroy): 0 the default (ns3::MapScheduler), 1
 * ns3::PriorityQueueScheduler.
 * @param which the argument
 */
void
SelectScheduler(int64_t which)
{
    if (which == 1)
    {
        ObjectFactory f;
        f.SetTypeId("ns3::PriorityQueueScheduler");
        Simulator::SetScheduler(f);
    }
}

} // namespace

/// Channel plus detector: weak coherent pulses (mu = 0.5) over range(0) km of
/// 0.2 dB/km fibre into a gated InGaAs-like detector (efficiency 0.2, dark
/// count probability 1e-5 per gate); range(1) selects the ns-3 scheduler
/// (0: default map, 1: priority queue).  items/s = pulses sent per second.
static void
BM_ChannelDetectorPhotons(benchmark::State& state)
{
    const uint32_t batch = 10000;
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    SelectScheduler(state.range(1));
    auto* link = new DetectorBenchLink;
    NodeContainer nodes;
    nodes.Create(2);
    QuantumChannelHelper helper;
    helper.SetChannelAttribute("LengthKm", DoubleValue(static_cast<double>(state.range(0))));
    NetDeviceContainer devices = helper.Install(nodes);
    helper.AssignStreams(devices, 1);
    link->tx = DynamicCast<QuantumNetDevice>(devices.Get(0));
    link->rx = DynamicCast<QuantumNetDevice>(devices.Get(1));
    link->detector = CreateObject<SinglePhotonDetector>();
    link->detector->SetEfficiency(0.2);
    link->detector->SetDarkCountProbability(1e-5);
    link->detector->AssignStreams(50);
    link->rx->RegisterHandler(1, MakeCallback(&DetectorBenchLink::Receive, link));
    for (auto _ : state)
    {
        Simulator::ScheduleNow(&SendDetectorTrain, link, batch);
        Simulator::Run();
    }
    const double sent = double(state.iterations()) * batch;
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["delivered_fraction"] = double(link->delivered) / sent;
    state.counters["click_fraction"] = double(link->clicks) / sent;
    link->rx->UnregisterHandler(1);
    Simulator::Destroy();
    link->detector = nullptr;
    delete link;
}

BENCHMARK(BM_ChannelDetectorPhotons)->Args({10, 0})->Args({50, 0})->Args({10, 1});

/// Receiver of BM_ChannelDetectorTrain: one DetectTrain per arriving train.
struct TrainBenchLink
{
    Ptr<QuantumNetDevice> tx;           //!< sending device
    Ptr<QuantumNetDevice> rx;           //!< receiving device
    Ptr<SinglePhotonDetector> detector; //!< the receiver's detector
    uint64_t gates = 0;                 //!< gates opened
    uint64_t clicks = 0;                //!< clicks

    /**
     * Port handler: one gate per pulse of the train.
     * @param s the train
     * @param d the device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> d)
    {
        const TrainDetectionResult r = detector->DetectTrain(s);
        gates += r.gates;
        clicks += r.clicks.size();
    }
};

/**
 * Send one train of n weak coherent pulses (mu = 0.5) at 1 GHz.
 * @param link the link
 * @param n pulses
 */
void
SendPulseTrain(TrainBenchLink* link, uint64_t n)
{
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 0, 0);
    s->SetPort(1);
    s->SetPulseTrain(n, NanoSeconds(1));
    link->tx->SendSignal(s);
}

/// The same physical layer as BM_ChannelDetectorPhotons (weak coherent pulses,
/// mu = 0.5, over range(0) km of 0.2 dB/km fibre into a detector of efficiency
/// 0.2, dark-count probability 1e-5 per gate, dead time range(1) ns), sent as
/// pulse trains of 10^6 pulses at 1 GHz: the channel delivers each train as one
/// event and the detector skips geometrically from click to click, so the cost
/// follows the clicks.  items/s = pulses (gates) per second.
static void
BM_ChannelDetectorTrain(benchmark::State& state)
{
    const uint64_t pulses = 1000000;
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    auto* link = new TrainBenchLink;
    NodeContainer nodes;
    nodes.Create(2);
    QuantumChannelHelper helper;
    helper.SetChannelAttribute("LengthKm", DoubleValue(static_cast<double>(state.range(0))));
    NetDeviceContainer devices = helper.Install(nodes);
    helper.AssignStreams(devices, 1);
    link->tx = DynamicCast<QuantumNetDevice>(devices.Get(0));
    link->rx = DynamicCast<QuantumNetDevice>(devices.Get(1));
    link->detector = CreateObject<SinglePhotonDetector>();
    link->detector->SetEfficiency(0.2);
    link->detector->SetDarkCountProbability(1e-5);
    link->detector->SetDeadTime(NanoSeconds(state.range(1)));
    link->detector->AssignStreams(50);
    link->rx->RegisterHandler(1, MakeCallback(&TrainBenchLink::Receive, link));
    for (auto _ : state)
    {
        Simulator::ScheduleNow(&SendPulseTrain, link, pulses);
        Simulator::Run();
    }
    state.SetItemsProcessed(int64_t(link->gates));
    state.counters["click_fraction"] = double(link->clicks) / double(link->gates);
    state.counters["clicks_per_s"]
        = benchmark::Counter(double(link->clicks), benchmark::Counter::kIsRate);
    link->rx->UnregisterHandler(1);
    Simulator::Destroy();
    link->detector = nullptr;
    delete link;
}

BENCHMARK(BM_ChannelDetectorTrain)->Args({10, 0})->Args({50, 0})->Args({50, 100});

/**
 * An event that does nothing.
 * @param i unused
 */
static void
NoOpEvent(uint32_t i)
{
    benchmark::DoNotOptimize(i);
}

/// Reference: the bare ns-3 scheduler cost of one event per pulse (a no-op
/// event 1 ns apart, Simulator::Run included), the floor for any component
/// that delivers each pulse at its own time.
static void
BM_ChannelSchedulerBaseline(benchmark::State& state)
{
    const uint32_t batch = 10000;
    for (auto _ : state)
    {
        for (uint32_t i = 0; i < batch; ++i)
        {
            Simulator::Schedule(NanoSeconds(i), &NoOpEvent, i);
        }
        Simulator::Run();
    }
    state.SetItemsProcessed(state.iterations() * batch);
    Simulator::Destroy();
}

BENCHMARK(BM_ChannelSchedulerBaseline);

namespace
{

/// A reusable no-op event that reschedules itself 1 ns later until a count
/// runs out: what a QuantumChannel pair does for a pulse train (one event in
/// the scheduler at a time, no allocation per event).
class ChainEvent : public EventImpl
{
  public:
    uint32_t left = 0; //!< events still to run after this one

  protected:
    void Notify() override
    {
        if (left > 0)
        {
            --left;
            Simulator::Schedule(NanoSeconds(1), Ptr<EventImpl>(this));
        }
    }
};

} // namespace

/// Reference: the floor of the channel's delivery pattern, one reusable event
/// rescheduled for each of 10000 arrivals 1 ns apart (the scheduler's insert
/// and remove, and the event dispatch, with no allocation of an event
/// object and never more than one event queued); the argument selects the
/// scheduler as for BM_ChannelDetectorPhotons.
static void
BM_ChannelSchedulerChain(benchmark::State& state)
{
    const uint32_t batch = 10000;
    SelectScheduler(state.range(0));
    Ptr<ChainEvent> ev = Create<ChainEvent>();
    for (auto _ : state)
    {
        ev->left = batch - 1;
        Simulator::Schedule(NanoSeconds(1), ev);
        Simulator::Run();
    }
    state.SetItemsProcessed(state.iterations() * batch);
    Simulator::Destroy();
}

BENCHMARK(BM_ChannelSchedulerChain)->Arg(0)->Arg(1);
