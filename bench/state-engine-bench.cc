/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Per-operation cost of the state engine: Bell-diagonal swapping (kernel and
// through the registry), and dense density-matrix gates on groups of 2, 4
// and 8 qubits.  Run: build/bench/quantum-bench --benchmark_filter=...

#include "ns3/bell-diagonal-state.h"
#include "ns3/quantum-density-matrix.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/quantum-state-vector.h"

#include <benchmark/benchmark.h>

using namespace ns3;

/// Bell-diagonal swap kernel followed by a depolarizing channel on the result.
static void
BM_BellDiagonalSwapKernelWithNoise(benchmark::State& state)
{
    BellDiagonalState::Coefficients p{0.9, 0.04, 0.03, 0.03};
    const BellDiagonalState::Coefficients q{0.85, 0.05, 0.05, 0.05};
    const KrausChannel noise = KrausChannel::Depolarizing(0.01);
    uint32_t m = 0;
    for (auto _ : state)
    {
        p = BellDiagonalState::Swap(p, q, BellStateFromLabel(m));
        p = BellDiagonalState::ApplyPauliChannel(p, noise.GetPauliProbabilities());
        m = (m + 1) & 3;
        benchmark::DoNotOptimize(p);
    }
}

BENCHMARK(BM_BellDiagonalSwapKernelWithNoise);

/// A full registry swap: two fresh Werner pairs, depolarizing noise on one
/// qubit, Bell measurement, and discarding the result.
static void
BM_RegistryBellDiagonalSwapWithNoise(benchmark::State& state)
{
    Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
    reg->AssignStreams(0);
    const KrausChannel noise = KrausChannel::Depolarizing(0.01);
    for (auto _ : state)
    {
        auto [a, b] = reg->CreateWernerPair(0.95);
        auto [c, d] = reg->CreateWernerPair(0.95);
        reg->ApplyChannel(noise, {b});
        benchmark::DoNotOptimize(reg->MeasureBell(b, c));
        reg->Discard(a);
        reg->Discard(d);
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RegistryBellDiagonalSwapWithNoise);

/// CNOT on qubits (0, 1) of an n-qubit density matrix.
static void
BM_DensityMatrixCnot(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    QuantumDensityMatrix dm(n);
    const QuantumGate h = QuantumGate::Hadamard();
    for (uint32_t i = 0; i < n; ++i)
    {
        dm.ApplyGate(h, {i});
    }
    const QuantumGate cnot = QuantumGate::Cnot();
    for (auto _ : state)
    {
        dm.ApplyGate(cnot, {0, n - 1});
    }
}

BENCHMARK(BM_DensityMatrixCnot)->Arg(2)->Arg(4)->Arg(8);

/// CNOT on an n-qubit state vector.
static void
BM_StateVectorCnot(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    QuantumStateVector sv(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        sv.ApplyGate(QuantumGate::Hadamard(), {i});
    }
    const QuantumGate cnot = QuantumGate::Cnot();
    for (auto _ : state)
    {
        sv.ApplyGate(cnot, {0, n - 1});
    }
}

BENCHMARK(BM_StateVectorCnot)->Arg(2)->Arg(8)->Arg(16)->Arg(20);

/// Create, entangle and measure: one registry cycle (bounded-state check).
static void
BM_RegistryCreateMeasureCycle(benchmark::State& state)
{
    Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
    reg->AssignStreams(0);
    for (auto _ : state)
    {
        QubitHandle q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
        reg->ApplyGate(QuantumGate::Hadamard(), {q});
        benchmark::DoNotOptimize(reg->Measure(q, MeasurementBasis::ZBasis(), true));
    }
    state.counters["slots"] = reg->GetSlotCapacity();
}

BENCHMARK(BM_RegistryCreateMeasureCycle);

/// Steady-state repeater step through the registry: a new Werner pair is
/// created, one half gets depolarizing noise, and it is swapped onto the
/// running pair (one CreateWernerPair + ApplyChannel + MeasureBell).
static void
BM_RegistryChainSwapStep(benchmark::State& state)
{
    Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
    reg->AssignStreams(0);
    const KrausChannel noise = KrausChannel::Depolarizing(0.01);
    auto [a, b] = reg->CreateWernerPair(0.99);
    for (auto _ : state)
    {
        auto [c, d] = reg->CreateWernerPair(0.99);
        reg->ApplyChannel(noise, {c});
        benchmark::DoNotOptimize(reg->MeasureBell(b, c));
        b = d;
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RegistryChainSwapStep);
