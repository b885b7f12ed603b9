/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Network-layer kernels (issue 5 benchmarks):
//  - BM_RepeaterSwapStep: one EntanglementSwapper Bell-state measurement of
//    two stored halves of Bell-diagonal Werner pairs (memory access with
//    lazy decay, processor noise channels, exact swap algebra, its event).
//  - BM_RepeaterPurifyStep: one EntanglementPurifier step (both sides'
//    submissions, DEJMPS on Bell-diagonal pairs, the outcome events).
//  - BM_AbstractLinkGeneration: one abstract-link pair (geometric attempt
//    count, Werner pair in both memories, OK at both ends).
// Run: build/bench/quantum-bench --benchmark_filter=Repeater\|AbstractLink

#include "ns3/abstract-link-layer.h"
#include "ns3/core-module.h"
#include "ns3/entanglement-purifier.h"
#include "ns3/entanglement-swapper.h"
#include "ns3/network-module.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{
/** Swaps completed. */
uint64_t g_swaps = 0;
/** Purification outcomes received. */
uint64_t g_outcomes = 0;
/** Memories of the link benchmark. */
Ptr<QuantumMemory> g_linkMem[2];

/** @param ok success @param m outcome */
void
SwapDone(bool ok, BellState m)
{
    ++g_swaps;
}

/** @param outcome an outcome */
void
OutcomeDone(uint32_t outcome)
{
    ++g_outcomes;
}

/** @param end which end @param p the pair */
void
LinkOk(uint32_t end, const EntanglementPair& p)
{
    g_linkMem[end]->Release(p.memorySlot);
}

/** @return two nodes with memories (4 slots) and processors */
NodeContainer
MakeNodes()
{
    NodeContainer n;
    n.Create(2);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(4));
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(1)));
    qnh.Install(n);
    return n;
}
} // namespace

static void
BM_RepeaterSwapStep(benchmark::State& state)
{
    NodeContainer n = MakeNodes();
    Ptr<QuantumMemory> mem = n.Get(0)->GetObject<QuantumMemory>();
    Ptr<EntanglementSwapper> swapper = CreateObject<EntanglementSwapper>();
    swapper->SetDevices(mem, n.Get(0)->GetObject<QuantumProcessor>());
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    for (auto _ : state)
    {
        const auto p1 = reg->CreateWernerPair(0.95);
        const auto p2 = reg->CreateWernerPair(0.9);
        const int32_t a = mem->Store(p1.second);
        const int32_t b = mem->Store(p2.first);
        swapper->MeasureBell(a, b, MakeCallback(&SwapDone));
        Simulator::Run();
        reg->Discard(p1.first);
        reg->Discard(p2.second);
    }
    state.counters["swaps/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
    Simulator::Destroy();
}

BENCHMARK(BM_RepeaterSwapStep);

static void
BM_RepeaterPurifyStep(benchmark::State& state)
{
    NodeContainer n = MakeNodes();
    Ptr<QuantumMemory> m0 = n.Get(0)->GetObject<QuantumMemory>();
    Ptr<QuantumMemory> m1 = n.Get(1)->GetObject<QuantumMemory>();
    Ptr<QuantumProcessor> c0 = n.Get(0)->GetObject<QuantumProcessor>();
    Ptr<QuantumProcessor> c1 = n.Get(1)->GetObject<QuantumProcessor>();
    Ptr<EntanglementPurifier> purifier = CreateObject<EntanglementPurifier>();
    Ptr<QuantumStateRegistry> reg = m0->GetRegistry();
    uint64_t session = 0;
    for (auto _ : state)
    {
        const auto keep = reg->CreateWernerPair(0.9);
        const auto sac = reg->CreateWernerPair(0.9);
        const int32_t k0 = m0->Store(keep.first);
        const int32_t k1 = m1->Store(keep.second);
        const int32_t s0 = m0->Store(sac.first);
        const int32_t s1 = m1->Store(sac.second);
        ++session;
        purifier->Submit(session,
                         0,
                         n.Get(0)->GetId(),
                         m0,
                         c0,
                         k0,
                         s0,
                         PurificationVariant::DEJMPS,
                         0,
                         MakeCallback(&OutcomeDone));
        purifier->Submit(session,
                         1,
                         n.Get(1)->GetId(),
                         m1,
                         c1,
                         k1,
                         s1,
                         PurificationVariant::DEJMPS,
                         0,
                         MakeCallback(&OutcomeDone));
        Simulator::Run();
        m0->Release(k0);
        m1->Release(k1);
    }
    state.counters["steps/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
    Simulator::Destroy();
}

BENCHMARK(BM_RepeaterPurifyStep);

static void
BM_AbstractLinkGeneration(benchmark::State& state)
{
    NodeContainer n = MakeNodes();
    Ptr<AbstractLinkLayer> a = CreateObject<AbstractLinkLayer>();
    Ptr<AbstractLinkLayer> b = CreateObject<AbstractLinkLayer>();
    g_linkMem[0] = n.Get(0)->GetObject<QuantumMemory>();
    g_linkMem[1] = n.Get(1)->GetObject<QuantumMemory>();
    a->SetNode(n.Get(0), g_linkMem[0]);
    b->SetNode(n.Get(1), g_linkMem[1]);
    a->SetPeer(b);
    a->SetAttribute("SuccessProbability", DoubleValue(1e-3));
    a->SetAttribute("LinkFidelity", DoubleValue(0.95));
    a->SetOkCallback(MakeBoundCallback(&LinkOk, 0u));
    b->SetOkCallback(MakeBoundCallback(&LinkOk, 1u));
    EntanglementRequest r;
    r.remoteNodeId = n.Get(1)->GetId();
    for (auto _ : state)
    {
        a->Create(r);
        Simulator::Run();
    }
    state.counters["pairs/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
    g_linkMem[0] = nullptr;
    g_linkMem[1] = nullptr;
    Simulator::Destroy();
}

BENCHMARK(BM_AbstractLinkGeneration);
