/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// DeferredUniformRandomVariable: it allocates nothing until its first draw,
// and its draws are exactly those of a plain ns-3 UniformRandomVariable with
// the same stream (stream assigned before or after the first draw).  The
// components that own one keep their AssignStreams counts.

#include "quantum-test-utils.h"

#include "ns3/abstract-link-layer.h"
#include "ns3/deferred-uniform-random-variable.h"
#include "ns3/entanglement-purifier.h"
#include "ns3/entanglement-swapper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace ns3;

namespace
{

/**
 * @param stream a stream number
 * @param n number of draws
 * @return the first n draws of a plain UniformRandomVariable on that stream
 */
std::vector<double>
PlainDraws(int64_t stream, size_t n)
{
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(stream);
    std::vector<double> v;
    for (size_t i = 0; i < n; ++i)
    {
        v.push_back(rng->GetValue());
    }
    return v;
}

} // namespace

/**
 * @ingroup quantum-tests
 * With a stream assigned before the first draw, the draws equal those of a
 * plain UniformRandomVariable on that stream; the stream exists only from
 * the first draw on.
 */
class DeferredRngAssignBeforeTestCase : public TestCase
{
  public:
    DeferredRngAssignBeforeTestCase()
        : TestCase("Stream assigned before the first draw gives the plain stream's sequence")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(11);
        RngSeedManager::SetRun(3);
        const size_t n = 1000;
        const std::vector<double> expected = PlainDraws(42, n);
        DeferredUniformRandomVariable d;
        NS_TEST_EXPECT_MSG_EQ(d.GetAssignedStream(), -1, "no stream assigned yet");
        NS_TEST_EXPECT_MSG_EQ(d.AssignStreams(42), 1, "one stream used");
        NS_TEST_EXPECT_MSG_EQ(d.GetAssignedStream(), 42, "stream recorded");
        NS_TEST_EXPECT_MSG_EQ(d.IsCreated(), false, "AssignStreams does not create the stream");
        for (size_t i = 0; i < n; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(d.GetValue(), expected[i], "draw " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(d.IsCreated(), true, "the first draw creates the stream");
        // Dispose releases the stream; the next draw restarts the assigned one.
        d.Dispose();
        NS_TEST_EXPECT_MSG_EQ(d.IsCreated(), false, "Dispose releases the stream");
        NS_TEST_EXPECT_MSG_EQ(d.GetValue(), expected[0], "restarted stream");
    }
};

/**
 * @ingroup quantum-tests
 * A stream assigned after draws on the automatic stream restarts the
 * sequence of a plain UniformRandomVariable on the assigned stream.
 */
class DeferredRngAssignAfterTestCase : public TestCase
{
  public:
    DeferredRngAssignAfterTestCase()
        : TestCase("Stream assigned after the first draw switches to the plain stream's sequence")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(7);
        const size_t n = 1000;
        const std::vector<double> expected = PlainDraws(9, n);
        DeferredUniformRandomVariable d;
        const double automatic = d.GetValue();
        NS_TEST_EXPECT_MSG_EQ((automatic >= 0 && automatic < 1), true, "draw in [0, 1)");
        NS_TEST_EXPECT_MSG_EQ(d.IsCreated(), true, "the first draw creates the stream");
        NS_TEST_EXPECT_MSG_EQ(d.AssignStreams(9), 1, "one stream used");
        for (size_t i = 0; i < n; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(d.GetValue(), expected[i], "draw " << i);
        }
        // Two variables on different streams differ.
        DeferredUniformRandomVariable other;
        other.AssignStreams(10);
        NS_TEST_EXPECT_MSG_NE(other.GetValue(), expected[0], "stream 10 differs from stream 9");
        QUANTUM_EXPECT_ABORT(
            {
                DeferredUniformRandomVariable bad;
                bad.AssignStreams(-2);
            },
            "stream -2 is invalid");
    }
};

/**
 * @ingroup quantum-tests
 * Constructing deferred variables allocates no heap memory (glibc heap
 * counter), and neither do the components that own them until they draw.
 */
class DeferredRngNoAllocationTestCase : public TestCase
{
  public:
    DeferredRngNoAllocationTestCase()
        : TestCase("No allocation before the first draw")
    {
    }

  private:
    void DoRun() override
    {
        const size_t n = 100;
        std::vector<DeferredUniformRandomVariable> v;
        v.reserve(n);
#ifdef __GLIBC__
        const size_t before = mallinfo2().uordblks;
#endif
        for (size_t i = 0; i < n; ++i)
        {
            v.emplace_back();
            v.back().AssignStreams(i);
        }
#ifdef __GLIBC__
        const size_t after = mallinfo2().uordblks;
        NS_TEST_EXPECT_MSG_EQ(after - before, 0, "heap bytes used by " << n << " variables");
#endif
        for (const auto& d : v)
        {
            NS_TEST_ASSERT_MSG_EQ(d.IsCreated(), false, "no stream before the first draw");
        }
        v[0].GetValue();
        NS_TEST_EXPECT_MSG_EQ(v[0].IsCreated(), true, "created by its draw");
        NS_TEST_EXPECT_MSG_EQ(v[1].IsCreated(), false, "the others are untouched");
    }
};

/**
 * @ingroup quantum-tests
 * The components that own deferred variables report the same stream counts
 * as before (memory 2, processor 1, swapper 1, purifier 1, abstract link
 * layer 1).
 */
class DeferredRngOwnerStreamsTestCase : public TestCase
{
  public:
    DeferredRngOwnerStreamsTestCase()
        : TestCase("Owners report their stream counts")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(CreateObject<QuantumMemory>()->AssignStreams(100), 2, "memory");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<QuantumProcessor>()->AssignStreams(100), 1, "processor");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<EntanglementSwapper>()->AssignStreams(100),
                              1,
                              "swapper");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<EntanglementPurifier>()->AssignStreams(100),
                              1,
                              "purifier");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<AbstractLinkLayer>()->AssignStreams(100),
                              1,
                              "abstract link layer");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The deferred random variable suite.
 */
class QuantumDeferredRngTestSuite : public TestSuite
{
  public:
    QuantumDeferredRngTestSuite()
        : TestSuite("quantum-deferred-rng", Type::UNIT)
    {
        AddTestCase(new DeferredRngAssignBeforeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DeferredRngAssignAfterTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DeferredRngNoAllocationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DeferredRngOwnerStreamsTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumDeferredRngTestSuite g_quantumDeferredRngTestSuite;
