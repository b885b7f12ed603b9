/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cost of the stabilizer tableau (Aaronson–Gottesman CHP, bit-packed rows):
// a CNOT and a random-outcome Z measurement at n = 100, 1000 and 5000
// qubits, and a whole 1000-qubit GHZ experiment (prepare, measure every
// qubit).  Run: build/bench/quantum-bench --benchmark_filter=Stabilizer

#include "ns3/measurement-basis.h"
#include "ns3/quantum-gate.h"
#include "ns3/random-variable-stream.h"
#include "ns3/stabilizer-tableau.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

/**
 * @param n number of qubits
 * @return the n-qubit GHZ state (H on 0, CNOT chain)
 */
StabilizerTableau
MakeGhzTableau(uint32_t n)
{
    StabilizerTableau t(n);
    t.ApplyGate(QuantumGate::Hadamard(), {0});
    const QuantumGate cnot = QuantumGate::Cnot();
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        t.ApplyGate(cnot, {i, i + 1});
    }
    return t;
}

/**
 * @return a uniform random variable on a fixed stream
 */
Ptr<UniformRandomVariable>
MakeBenchRng()
{
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(7);
    return rng;
}

} // namespace

/// One CNOT on an n-qubit GHZ tableau (all 2n rows updated).
static void
BM_StabilizerCnot(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    StabilizerTableau t = MakeGhzTableau(n);
    const QuantumGate cnot = QuantumGate::Cnot();
    const std::vector<uint32_t> targets = {0, n - 1};
    for (auto _ : state)
    {
        t.ApplyGate(cnot, targets);
    }
    benchmark::DoNotOptimize(t.GetNumQubits());
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_StabilizerCnot)->Arg(100)->Arg(1000)->Arg(5000);

/// Z measurement of the middle qubit of an n-qubit GHZ state (random
/// outcome: the collapse touches every row); the state is restored from a
/// prepared copy outside the timing.
static void
BM_StabilizerMeasure(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    const StabilizerTableau prepared = MakeGhzTableau(n);
    StabilizerTableau t = prepared;
    Ptr<UniformRandomVariable> rng = MakeBenchRng();
    const MeasurementBasis z = MeasurementBasis::ZBasis();
    for (auto _ : state)
    {
        state.PauseTiming();
        t = prepared;
        state.ResumeTiming();
        benchmark::DoNotOptimize(t.Measure(n / 2, z, *rng));
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_StabilizerMeasure)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMicrosecond);

/// A 1000-qubit GHZ state prepared in one tableau, then every qubit
/// measured in Z (one random outcome, 999 deterministic ones).
static void
BM_StabilizerGhz1000(benchmark::State& state)
{
    const uint32_t n = 1000;
    Ptr<UniformRandomVariable> rng = MakeBenchRng();
    const MeasurementBasis z = MeasurementBasis::ZBasis();
    for (auto _ : state)
    {
        StabilizerTableau t = MakeGhzTableau(n);
        uint32_t ones = 0;
        for (uint32_t q = 0; q < n; ++q)
        {
            ones += t.Measure(q, z, *rng);
        }
        benchmark::DoNotOptimize(ones);
    }
}

BENCHMARK(BM_StabilizerGhz1000)->Unit(benchmark::kMillisecond);
