/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Detection rate of the physical layer: MODE pulses through
// SinglePhotonDetector::Detect (threshold and photon-number resolving) and
// through a PolarizationAnalyzer (Pauli noise, two detectors, dark counts),
// and QUBIT photons (created and measured in the registry) through the
// analyzer.  items/s = detection gates per second.
// Run: build/bench/quantum-bench --benchmark_filter=Detector

#include "ns3/kraus-channel.h"
#include "ns3/measurement-basis.h"
#include "ns3/pointer.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/quantum-signal.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/simulator.h"
#include "ns3/single-photon-detector.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

/**
 * Run the (empty) simulator once: ns-3 tracks every Time object created before
 * the first Simulator::Run (to support Time::SetResolution), which would make
 * gates outside a simulation look slower than they are inside one.
 */
void
EnterSimulationTime()
{
    Simulator::Run();
}

/**
 * @param pnr photon-number resolving
 * @return a detector with typical InGaAs SPAD figures
 */
Ptr<SinglePhotonDetector>
MakeBenchDetector(bool pnr)
{
    EnterSimulationTime();
    Ptr<SinglePhotonDetector> d = CreateObject<SinglePhotonDetector>();
    d->SetEfficiency(0.2);
    d->SetDarkCountProbability(1e-5);
    d->SetPhotonNumberResolving(pnr);
    d->AssignStreams(7);
    return d;
}

/**
 * @param mu mean photon number at the source
 * @param transmittance channel transmittance
 * @return a noisy POISSON pulse
 */
Ptr<QuantumSignal>
MakeBenchPulse(double mu, double transmittance)
{
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, mu, 0, 1);
    s->ApplyTransmittance(transmittance);
    s->ComposePauliNoise(KrausChannel::Depolarizing(0.02));
    return s;
}

} // namespace

/// A weak pulse (mu = 0.5) after a lossy link (transmittance from the argument, in 1e-3).
static void
BM_DetectorDetectMode(benchmark::State& state)
{
    Ptr<SinglePhotonDetector> d = MakeBenchDetector(false);
    Ptr<QuantumSignal> s = MakeBenchPulse(0.5, state.range(0) * 1e-3);
    uint64_t clicks = 0;
    for (auto _ : state)
    {
        clicks += d->Detect(s).clicked;
    }
    benchmark::DoNotOptimize(clicks);
    state.SetItemsProcessed(state.iterations());
    state.counters["clickFraction"] = double(clicks) / state.iterations();
}

BENCHMARK(BM_DetectorDetectMode)->Arg(1)->Arg(1000);

/// A bright pulse (mu = 20) on a photon-number-resolving detector.
static void
BM_DetectorDetectPnr(benchmark::State& state)
{
    Ptr<SinglePhotonDetector> d = MakeBenchDetector(true);
    Ptr<QuantumSignal> s = MakeBenchPulse(20, 1.0);
    uint64_t photons = 0;
    for (auto _ : state)
    {
        photons += d->Detect(s).photons;
    }
    benchmark::DoNotOptimize(photons);
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_DetectorDetectPnr);

/// A weak noisy pulse through a BB84 analyzer (transmittance from the argument, in 1e-3).
static void
BM_DetectorAnalyzerMode(benchmark::State& state)
{
    Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
    a->SetDetector(0, MakeBenchDetector(false));
    a->SetDetector(1, MakeBenchDetector(false));
    a->AssignStreams(20);
    Ptr<QuantumSignal> s = MakeBenchPulse(0.5, state.range(0) * 1e-3);
    const MeasurementBasis z = MeasurementBasis::ZBasis();
    uint64_t clicks = 0;
    for (auto _ : state)
    {
        clicks += !a->Analyze(s, z).NoClick();
    }
    benchmark::DoNotOptimize(clicks);
    state.SetItemsProcessed(state.iterations());
    state.counters["clickFraction"] = double(clicks) / state.iterations();
}

BENCHMARK(BM_DetectorAnalyzerMode)->Arg(1)->Arg(1000);

/// A QUBIT photon created in |+> (density matrix) and analysed in Z.
static void
BM_DetectorAnalyzerQubit(benchmark::State& state)
{
    EnterSimulationTime();
    Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
    reg->AssignStreams(3);
    Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
    a->SetAttribute("Registry", PointerValue(reg));
    a->AssignStreams(30);
    QVector plus(2);
    plus << 1 / std::sqrt(2.0), 1 / std::sqrt(2.0);
    const MeasurementBasis z = MeasurementBasis::ZBasis();
    uint64_t ones = 0;
    for (auto _ : state)
    {
        const QubitHandle q = reg->CreateState(plus, QuantumFormalism::DENSITY_MATRIX)[0];
        ones += a->Analyze(QuantumSignal::CreateQubit(q), z).OnlyOne();
    }
    benchmark::DoNotOptimize(ones);
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_DetectorAnalyzerQubit);
