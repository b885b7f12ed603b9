/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cost of quantum error correction in the stabilizer formalism: one Steane
// [[7,1,3]] syndrome extraction round (6 fresh ancillas, 24 CNOTs, 6 H pairs,
// 6 measurements as timed processor instructions, lookup decoding and the
// correction) on an encoded logical qubit held by a LogicalQubitMemory, and
// the lookup-table decoding alone.
// Run: build/bench/quantum-bench --benchmark_filter=Steane

#include "ns3/logical-qubit-memory.h"
#include "ns3/pointer.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/syndrome-lookup-decoder.h"
#include "ns3/uinteger.h"

#include <benchmark/benchmark.h>

using namespace ns3;

/// One Steane syndrome round (with 1% code-capacity noise before it so that
/// corrections happen), simulator events included.
static void
BM_SteaneSyndromeRound(benchmark::State& state)
{
    Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
    reg->AssignStreams(1);
    Ptr<QuantumMemory> mem = CreateObject<QuantumMemory>();
    mem->SetAttribute("Registry", PointerValue(reg));
    mem->SetAttribute("NumSlots", UintegerValue(13));
    Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
    proc->SetMemory(mem);
    proc->AssignStreams(2);
    Ptr<LogicalQubitMemory> lqm = CreateObject<LogicalQubitMemory>();
    lqm->SetAttribute("Code", StringValue("Steane7"));
    lqm->SetProcessor(proc);
    lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
    Simulator::Run();
    for (auto _ : state)
    {
        lqm->ApplyDataNoise(0.01, 0, 0.01);
        lqm->RunRounds(1, Callback<void>());
        Simulator::Run();
    }
    state.SetItemsProcessed(state.iterations());
    lqm->Release();
    Simulator::Destroy();
}

BENCHMARK(BM_SteaneSyndromeRound)->Unit(benchmark::kMicrosecond);

/// Lookup-table decoding of all 64 Steane syndromes.
static void
BM_SteaneLookupDecode(benchmark::State& state)
{
    const SyndromeLookupDecoder dec(StabilizerCode::Steane7());
    uint32_t acc = 0;
    for (auto _ : state)
    {
        for (uint32_t s = 0; s < 64; ++s)
        {
            acc ^= dec.Decode(s).x;
        }
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(64 * state.iterations());
}

BENCHMARK(BM_SteaneLookupDecode);
