/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cost per photon of a 10 km fibre QuantumChannel: photons are sent, lost or
// delivered to a port handler on the receiving QuantumNetDevice, with
// Simulator::Run included.  Arg 0: the source stamps a pulse train of
// emission times 1 ns apart in one event (no event per pulse at the
// source); Arg 1: one source event per pulse.
// Run: build/bench/quantum-bench --benchmark_filter=BM_Channel

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"
#include "ns3/quantum-state-registry.h"

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
