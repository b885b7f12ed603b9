/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cost of a QuantumMemory read after an idle time of 1 us, 1 s and 1e6 s.
// Decay is applied lazily in one exact step (KrausChannel::MemoryDecay of the
// elapsed time), so the cost must not depend on the idle time.
// Run: build/bench/quantum-bench --benchmark_filter=MemoryRead

#include "ns3/double.h"
#include "ns3/pointer.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{
/** Nothing: an event that only advances the simulation clock. */
void
Idle()
{
}
} // namespace

/// Store a qubit in |+>, let the clock advance by the idle time (untimed),
/// then time one destructive read (decay of the whole idle time, measurement,
/// readout error).
static void
BM_MemoryReadAfterIdle(benchmark::State& state)
{
    const Time idle = NanoSeconds(state.range(0));
    Ptr<QuantumStateRegistry> reg;
    Ptr<QuantumMemory> mem;
    auto setUp = [&]() {
        Simulator::Destroy();
        reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        mem = CreateObject<QuantumMemory>();
        mem->SetAttribute("Registry", PointerValue(reg));
        mem->SetAttribute("T1", TimeValue(Seconds(10)));
        mem->SetAttribute("T2", TimeValue(Seconds(5)));
        mem->SetAttribute("ReadoutError0", DoubleValue(0.01));
        mem->SetAttribute("ReadoutError1", DoubleValue(0.02));
        mem->AssignStreams(1);
    };
    setUp();
    uint64_t ones = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        if (Simulator::Now() > Seconds(1e9)) // keep the 64-bit nanosecond clock in range
        {
            setUp();
        }
        QubitHandle q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
        reg->ApplyGate(QuantumGate::Hadamard(), {q});
        const int32_t slot = mem->Store(q);
        Simulator::Schedule(idle, &Idle);
        Simulator::Run();
        state.ResumeTiming();
        ones += mem->Read(slot, MeasurementBasis::XBasis());
    }
    benchmark::DoNotOptimize(ones);
    state.SetItemsProcessed(state.iterations());
    mem = nullptr;
    reg = nullptr;
    Simulator::Destroy();
}

BENCHMARK(BM_MemoryReadAfterIdle)
    ->ArgName("idleNs")
    ->Arg(1000)                // 1 us
    ->Arg(1000000000)          // 1 s
    ->Arg(1000000000000000LL); // 1e6 s
