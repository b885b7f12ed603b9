/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// QKD physical layer, fast path: BB84 over 50 km and 100 km of fibre
// (0.2 dB/km), decoy-state weak coherent pulses (mu 0.5, nu 0.1, vacuum;
// probabilities 0.8, 0.1, 0.1) and a single-photon source, detectors with
// efficiency 0.1, dark-count probability 1e-6 per gate, misalignment 1 %.
// BM_QkdClickSampler* time QkdClickSampler::Sample alone (click events);
// BM_QkdLinkFrame* time QkdQuantumLink::GenerateFrame (events turned into
// Alice's and Bob's detection records, squashing and ground truth).  The
// counters "clicks" and "pulses" are per wall-second (kIsRate, UseRealTime).
// Run: build/bench/quantum-bench --benchmark_filter='QkdClickSampler|QkdLinkFrame'

#include "ns3/double.h"
#include "ns3/node-container.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/polarization-misalignment-model.h"
#include "ns3/qkd-click-sampler.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-net-device.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/single-photon-detector.h"
#include "ns3/string.h"
#include "ns3/weak-coherent-source.h"

#include <benchmark/benchmark.h>
#include <cmath>

using namespace ns3;

namespace
{

/**
 * A prepared BB84 link in Fast mode.
 * @param source "Wcp" or "SinglePhoton"
 * @param lengthKm fibre length, km
 * @return the link
 */
Ptr<QkdQuantumLink>
MakeBenchLink(const std::string& source, double lengthKm)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    QuantumChannelHelper ch;
    ch.SetChannelAttribute("LengthKm", DoubleValue(lengthKm));
    ch.AddModel("ns3::PolarizationMisalignmentModel",
                "AngleRad",
                DoubleValue(std::asin(std::sqrt(0.01))));
    Ptr<QkdQuantumLink> link = CreateObject<QkdQuantumLink>();
    link->SetAttribute("Protocol", StringValue("BB84"));
    link->SetAttribute("SourceType", StringValue(source));
    link->SetAttribute("Mode", StringValue("Fast"));
    link->SetAttribute("PulseRateHz", DoubleValue(1e9));
    NodeContainer n;
    n.Create(2);
    NetDeviceContainer d = ch.Install(n.Get(0), n.Get(1));
    link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                         DynamicCast<QuantumNetDevice>(d.Get(1)));
    for (uint32_t k = 0; k < 2; ++k)
    {
        link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.1);
        link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1e-6);
    }
    link->GetWeakCoherentSource()->SetIntensities({0.5, 0.1, 0.0});
    link->GetWeakCoherentSource()->SetProbabilities({0.8, 0.1, 0.1});
    link->AssignStreams(1);
    link->Prepare();
    return link;
}

/**
 * Pulses per iteration: about 10^5 clicks per iteration.
 * @param lengthKm fibre length
 * @return pulses
 */
uint64_t
BenchPulses(double lengthKm)
{
    return lengthKm < 75 ? 20000000ULL : 200000000ULL;
}

/**
 * QkdClickSampler::Sample alone.
 * @param state benchmark state
 * @param source source type
 * @param lengthKm fibre length
 */
void
RunSampler(benchmark::State& state, const std::string& source, double lengthKm)
{
    Ptr<QkdQuantumLink> link = MakeBenchLink(source, lengthKm);
    Ptr<QkdClickSampler> sampler = link->GetSampler();
    const uint64_t pulses = BenchPulses(lengthKm);
    std::vector<QkdClickEvent> events;
    uint64_t clicks = 0;
    uint64_t sent = 0;
    for (auto _ : state)
    {
        events.clear();
        sampler->Sample(pulses, events);
        sampler->ClearSilentGates();
        benchmark::DoNotOptimize(events.data());
        clicks += events.size();
        sent += pulses;
    }
    state.counters["clicks"] = benchmark::Counter(double(clicks), benchmark::Counter::kIsRate);
    state.counters["pulses"] = benchmark::Counter(double(sent), benchmark::Counter::kIsRate);
    state.counters["clickProb"] = double(clicks) / double(sent);
    link->Dispose();
}

/**
 * QkdQuantumLink::GenerateFrame.
 * @param state benchmark state
 * @param source source type
 * @param lengthKm fibre length
 */
void
RunLink(benchmark::State& state, const std::string& source, double lengthKm)
{
    Ptr<QkdQuantumLink> link = MakeBenchLink(source, lengthKm);
    const uint64_t pulses = BenchPulses(lengthKm);
    QkdFrameView a;
    QkdFrameView b;
    uint64_t clicks = 0;
    uint64_t sent = 0;
    for (auto _ : state)
    {
        link->GenerateFrame(pulses, a, b);
        benchmark::DoNotOptimize(b.records.data());
        clicks += b.records.size();
        sent += pulses;
    }
    state.counters["clicks"] = benchmark::Counter(double(clicks), benchmark::Counter::kIsRate);
    state.counters["pulses"] = benchmark::Counter(double(sent), benchmark::Counter::kIsRate);
    state.counters["clickProb"] = double(clicks) / double(sent);
    link->Dispose();
}

} // namespace

/// Sampler alone, decoy WCP, 50 km.
static void
BM_QkdClickSamplerWcp50km(benchmark::State& state)
{
    RunSampler(state, "Wcp", 50);
}

BENCHMARK(BM_QkdClickSamplerWcp50km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Sampler alone, decoy WCP, 100 km.
static void
BM_QkdClickSamplerWcp100km(benchmark::State& state)
{
    RunSampler(state, "Wcp", 100);
}

BENCHMARK(BM_QkdClickSamplerWcp100km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Sampler alone, single photons, 50 km.
static void
BM_QkdClickSamplerSinglePhoton50km(benchmark::State& state)
{
    RunSampler(state, "SinglePhoton", 50);
}

BENCHMARK(BM_QkdClickSamplerSinglePhoton50km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Sampler alone, single photons, 100 km.
static void
BM_QkdClickSamplerSinglePhoton100km(benchmark::State& state)
{
    RunSampler(state, "SinglePhoton", 100);
}

BENCHMARK(BM_QkdClickSamplerSinglePhoton100km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Full fast path (records for both ends), decoy WCP, 50 km.
static void
BM_QkdLinkFrameWcp50km(benchmark::State& state)
{
    RunLink(state, "Wcp", 50);
}

BENCHMARK(BM_QkdLinkFrameWcp50km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Full fast path, decoy WCP, 100 km.
static void
BM_QkdLinkFrameWcp100km(benchmark::State& state)
{
    RunLink(state, "Wcp", 100);
}

BENCHMARK(BM_QkdLinkFrameWcp100km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Full fast path, single photons, 50 km.
static void
BM_QkdLinkFrameSinglePhoton50km(benchmark::State& state)
{
    RunLink(state, "SinglePhoton", 50);
}

BENCHMARK(BM_QkdLinkFrameSinglePhoton50km)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Full fast path, single photons, 100 km.
static void
BM_QkdLinkFrameSinglePhoton100km(benchmark::State& state)
{
    RunLink(state, "SinglePhoton", 100);
}

BENCHMARK(BM_QkdLinkFrameSinglePhoton100km)->Unit(benchmark::kMillisecond)->UseRealTime();
