/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// QKD post-processing kernels: Cascade on a 10^5-bit key at 2 % QBER
// (reconciled key bits per second), Toeplitz privacy amplification of 10^6
// bits to 5 x 10^5 bits, and Wegman-Carter tags of 1,500-byte packets.
// Run: build/bench/quantum-bench --benchmark_filter=Qkd

#include "ns3/cascade-reconciliation.h"
#include "ns3/qkd-bit-string.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/toeplitz-hasher.h"
#include "ns3/wegman-carter-authenticator.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

/**
 * @return a uniform random variable on a fixed seed and stream
 */
Ptr<UniformRandomVariable>
BenchRng()
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(1);
    return u;
}

} // namespace

/// Cascade (default attributes) on 10^5 bits with exactly 2 % errors; items =
/// key bits reconciled.
static void
BM_QkdCascade100kBits2Percent(benchmark::State& state)
{
    const uint32_t n = 100000;
    Ptr<UniformRandomVariable> u = BenchRng();
    const QkdBitString alice = QkdBitString::Random(n, u);
    QkdBitString bob = alice;
    std::vector<uint32_t> idx(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        idx[i] = i;
    }
    for (uint32_t i = 0; i < n / 50; ++i)
    {
        std::swap(idx[i], idx[i + u->GetInteger(0, n - 1 - i)]);
        bob.Flip(idx[i]);
    }
    Ptr<CascadeReconciliation> cascade = CreateObject<CascadeReconciliation>();
    cascade->AssignStreams(2);
    double efficiency = 0.0;
    for (auto _ : state)
    {
        const CascadeResult r = cascade->Reconcile(alice, bob, 0.02);
        efficiency = r.efficiency;
        benchmark::DoNotOptimize(r.leakedBits);
    }
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["f"] = efficiency;
}

BENCHMARK(BM_QkdCascade100kBits2Percent)->Unit(benchmark::kMillisecond);

/// Toeplitz hashing of 10^6 bits to 5 x 10^5 bits; items = input bits.
static void
BM_QkdToeplitz1MTo500k(benchmark::State& state)
{
    const size_t n = 1000000;
    const size_t m = 500000;
    Ptr<UniformRandomVariable> u = BenchRng();
    const QkdBitString x = QkdBitString::Random(n, u);
    const QkdBitString seed = QkdBitString::Random(n + m - 1, u);
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(ToeplitzHasher::Hash(x, m, seed));
    }
    state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(BM_QkdToeplitz1MTo500k)->Unit(benchmark::kMillisecond);

/// Wegman-Carter tag of a 1,500-byte packet (64-bit tag); items = messages.
static void
BM_QkdWegmanCarter1500Bytes(benchmark::State& state)
{
    Ptr<UniformRandomVariable> u = BenchRng();
    Ptr<WegmanCarterAuthenticator> auth = CreateObject<WegmanCarterAuthenticator>();
    std::vector<uint8_t> msg(1500);
    for (auto& b : msg)
    {
        b = static_cast<uint8_t>(u->GetInteger(0, 255));
    }
    for (auto _ : state)
    {
        if (auth->GetKeyPool()->GetAvailableBits() < auth->GetKeyBitsForNextMessage())
        {
            state.PauseTiming();
            auth->GetKeyPool()->Add(QkdBitString::Random(1 << 20, u));
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(auth->Authenticate(msg));
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_QkdWegmanCarter1500Bytes);
