/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Routing of end-to-end requests on a quantum network graph: path choice by
// expected rate (slowest link times the swap success probabilities, cf. Van
// Meter et al., "Path selection for quantum repeater networks", Networking
// Science 3, 82 (2013)) and by expected fidelity (Werner composition of
// entanglement swapping, F1 F2 + (1-F1)(1-F2)/3, Duer et al., PRA 59, 169
// (1999)); concurrent requests sharing nodes, memories and a link; refusals
// with error codes; bad inputs.

#include "quantum-test-utils.h"

#include "ns3/double.h"
#include "ns3/entanglement-swapper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-route-controller.h"
#include "ns3/quantum-router.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <map>
#include <vector>

using namespace ns3;

namespace
{

/**
 * @param f1 a Werner fidelity
 * @param f2 another
 * @return the fidelity after swapping the two Werner pairs
 */
double
SwapWerner(double f1, double f2)
{
    return f1 * f2 + (1 - f1) * (1 - f2) / 3.0;
}

/** A small network for the tests. */
struct TestNetwork
{
    NodeContainer nodes; //!< nodes
    QuantumNetwork net;  //!< what the helper built
};

/**
 * @param n nodes
 * @param links links
 * @param metric Rate or Fidelity
 * @param slots memory slots per node
 * @param scheme SwapAsap or Doubling
 * @return the network (streams assigned)
 */
TestNetwork
Build(uint32_t n,
      const std::vector<QuantumNetworkLink>& links,
      const std::string& metric,
      uint32_t slots = 8,
      const std::string& scheme = "SwapAsap")
{
    TestNetwork t;
    t.nodes.Create(n);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(slots));
    qnh.Install(t.nodes);
    QuantumRepeaterHelper h;
    h.SetLinkAttribute("AttemptPeriod", TimeValue(MilliSeconds(1)));
    h.SetLinkAttribute("SuccessProbability", DoubleValue(0.3));
    h.SetRouterAttribute("Metric", StringValue(metric));
    h.SetPolicyAttribute("Scheme", StringValue(scheme));
    t.net = h.InstallNetwork(t.nodes, links);
    int64_t stream = 10;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    QuantumRepeaterHelper::AssignStreams(t.net, stream);
    return t;
}

/** What the traces of a controller recorded. */
struct Record
{
    std::map<uint32_t, std::vector<double>> trueF;           //!< first-end ground truth
    std::map<uint32_t, std::vector<double>> estF;            //!< first-end estimates
    std::map<uint32_t, std::map<uint32_t, BellState>> first; //!< label by round, first end
    std::map<uint32_t, std::map<uint32_t, BellState>> last;  //!< label by round, last end
    std::map<uint32_t, QuantumRouteError> refused;           //!< refusals
    uint32_t completed = 0;                                  //!< completed requests
    uint32_t stopAfter = 0;                                  //!< stop after this many completions
};

/**
 * @param c controller
 * @param r the record
 * @param firstNodes request id -> node id of the first end
 */
void
Connect(Ptr<QuantumRouteController> c, Record* r)
{
    c->TraceConnectWithoutContext("Delivered",
                                  MakeCallback(+[](Record* rec,
                                                   QuantumRouteController* ctl,
                                                   uint32_t id,
                                                   const RepeaterDelivery& d,
                                                   double f) {
                                      if (d.localNodeId == ctl->GetRoute(id).nodes.front())
                                      {
                                          rec->trueF[id].push_back(f);
                                          rec->estF[id].push_back(d.estimatedFidelity);
                                          rec->first[id][d.round] = d.bellState;
                                      }
                                      else
                                      {
                                          rec->last[id][d.round] = d.bellState;
                                      }
                                  }).Bind(r, PeekPointer(c))); // no Ptr: no cycle
    c->TraceConnectWithoutContext("Refused",
                                  MakeCallback(+[](Record* rec, uint32_t id, QuantumRouteError e) {
                                      rec->refused[id] = e;
                                  }).Bind(r));
    c->TraceConnectWithoutContext("Completed", MakeCallback(+[](Record* rec, uint32_t) {
                                                   if (++rec->completed >= rec->stopAfter)
                                                   {
                                                       Simulator::Stop();
                                                   }
                                               }).Bind(r));
}

} // namespace

/**
 * @ingroup quantum-tests
 * Rate and fidelity metrics choose different paths on a small graph.
 */
class RoutingPathChoiceTestCase : public TestCase
{
  public:
    RoutingPathChoiceTestCase()
        : TestCase("rate and fidelity metrics choose different paths")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        // S=0, A=1, B=2, D=3.  Via A: fast (p = 0.5), noisy (F = 0.9).
        // Via B: slow (p = 0.05), clean (F = 0.99).
        const double fa = 0.9;
        const double fb = 0.99;
        const std::vector<QuantumNetworkLink> links{{0, 1, 0.5, fa},
                                                    {1, 3, 0.5, fa},
                                                    {0, 2, 0.05, fb},
                                                    {2, 3, 0.05, fb}};
        for (const std::string metric : {"Rate", "Fidelity"})
        {
            TestNetwork t = Build(4, links, metric);
            Ptr<QuantumRouteController> c = t.net.controller;
            Record rec;
            rec.stopAfter = 1;
            Connect(c, &rec);
            QuantumRouteRequest q;
            q.source = t.nodes.Get(0);
            q.destination = t.nodes.Get(3);
            q.numPairs = 5;
            const uint32_t id = c->Submit(q);
            const QuantumRoute r = c->GetRoute(id);
            NS_TEST_ASSERT_MSG_EQ(QuantumRouteErrorName(c->GetError(id)), "NONE", metric);
            NS_TEST_ASSERT_MSG_EQ(r.nodes.size(), 3, metric);
            const bool rate = metric == "Rate";
            NS_TEST_EXPECT_MSG_EQ(r.nodes[1], t.nodes.Get(rate ? 1 : 2)->GetId(), metric);
            const double f = rate ? fa : fb;
            const double p = rate ? 0.5 : 0.05;
            NS_TEST_EXPECT_MSG_EQ_TOL(r.expectedFidelity, SwapWerner(f, f), 1e-12, metric);
            NS_TEST_EXPECT_MSG_EQ_TOL(r.expectedRateHz, p / 1e-3, 1e-9, metric);
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(c->IsComplete(id), true, metric);
            NS_TEST_EXPECT_MSG_EQ(rec.trueF[id].size(), 5, metric);
            for (size_t k = 0; k < rec.trueF[id].size(); ++k)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(rec.trueF[id][k], SwapWerner(f, f), 1e-9, metric);
                NS_TEST_EXPECT_MSG_EQ_TOL(rec.estF[id][k], SwapWerner(f, f), 1e-9, metric);
            }
            Simulator::Destroy();
        }

        // Swap success probability 0.05 at A: the rate via A drops to
        // 0.05 * 500 Hz = 25 Hz < 50 Hz via B, so the rate metric takes B.
        TestNetwork t = Build(4, links, "Rate");
        t.nodes.Get(1)->GetObject<EntanglementSwapper>()->SetAttribute("SuccessProbability",
                                                                       DoubleValue(0.05));
        Ptr<QuantumRouter> router = t.net.controller->GetRouter();
        const QuantumRoute r
            = router->FindRoute(t.nodes.Get(0)->GetId(), t.nodes.Get(3)->GetId(), 0);
        NS_TEST_ASSERT_MSG_EQ(r.nodes.size(), 3, "path length");
        NS_TEST_EXPECT_MSG_EQ(r.nodes[1],
                              t.nodes.Get(2)->GetId(),
                              "rate metric avoids the lossy swap");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.expectedRateHz, 50.0, 1e-9, "rate via B");
        // A required fidelity above the rate-best path's makes the rate metric
        // fall back to the fidelity-best path.
        t.nodes.Get(1)->GetObject<EntanglementSwapper>()->SetAttribute("SuccessProbability",
                                                                       DoubleValue(1.0));
        const QuantumRoute r2
            = router->FindRoute(t.nodes.Get(0)->GetId(), t.nodes.Get(3)->GetId(), 0.95);
        NS_TEST_EXPECT_MSG_EQ(r2.nodes[1], t.nodes.Get(2)->GetId(), "fidelity requirement");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Two concurrent requests share a node, its memory and a link.
 */
class RoutingConcurrentTestCase : public TestCase
{
  public:
    RoutingConcurrentTestCase()
        : TestCase("two concurrent requests through a shared node and link complete")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(2);
        // X1=0, X2=1, M=2, Y=3: X1-M, X2-M, M-Y; requests X1->Y and X2->Y
        // share M (4 of its slots) and the link M-Y.
        const double f1 = 0.95;
        const double f2 = 0.9;
        const double f3 = 0.97;
        TestNetwork t = Build(4, {{0, 2, 0.4, f1}, {1, 2, 0.2, f2}, {2, 3, 0.3, f3}}, "Rate", 4);
        Ptr<QuantumRouteController> c = t.net.controller;
        Record rec;
        rec.stopAfter = 2;
        Connect(c, &rec);
        QuantumRouteRequest a;
        a.source = t.nodes.Get(0);
        a.destination = t.nodes.Get(3);
        a.numPairs = 20;
        QuantumRouteRequest b = a;
        b.source = t.nodes.Get(1);
        b.numPairs = 15;
        const uint32_t ia = c->Submit(a);
        const uint32_t ib = c->Submit(b);
        NS_TEST_ASSERT_MSG_EQ(QuantumRouteErrorName(c->GetError(ia)), "NONE", "request a");
        NS_TEST_ASSERT_MSG_EQ(QuantumRouteErrorName(c->GetError(ib)), "NONE", "request b");
        NS_TEST_EXPECT_MSG_EQ(c->GetReservedSlots(t.nodes.Get(2)->GetId()), 4, "M reserved");
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        const std::map<uint32_t, double> expect{{ia, SwapWerner(f1, f3)}, {ib, SwapWerner(f2, f3)}};
        const std::map<uint32_t, uint32_t> wanted{{ia, 20}, {ib, 15}};
        for (uint32_t id : {ia, ib})
        {
            NS_TEST_EXPECT_MSG_EQ(c->IsComplete(id), true, "request " << id);
            NS_TEST_EXPECT_MSG_EQ(c->GetDeliveries(id), wanted.at(id), "request " << id);
            NS_TEST_ASSERT_MSG_EQ(rec.trueF[id].size(), wanted.at(id), "request " << id);
            for (size_t k = 0; k < rec.trueF[id].size(); ++k)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(rec.trueF[id][k], expect.at(id), 1e-9, "request " << id);
                NS_TEST_EXPECT_MSG_EQ_TOL(rec.estF[id][k], expect.at(id), 1e-9, "request " << id);
            }
            // Both ends learnt the same Bell state for every pair.
            NS_TEST_EXPECT_MSG_EQ(rec.last[id].size(), rec.first[id].size(), "request " << id);
            for (const auto& [round, label] : rec.first[id])
            {
                NS_TEST_EXPECT_MSG_EQ(rec.last[id].count(round), 1, "round " << round);
                NS_TEST_EXPECT_MSG_EQ(BellStateName(rec.last[id][round]),
                                      BellStateName(label),
                                      "round " << round);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(c->GetReservedSlots(t.nodes.Get(2)->GetId()), 0, "released");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Unservable requests are refused with their error code and a trace.
 */
class RoutingRefusalTestCase : public TestCase
{
  public:
    RoutingRefusalTestCase()
        : TestCase("unservable requests are refused with an error code")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        // X1=0, X2=1, M=2 (2 slots: one request at a time), Y=3; Z1=4 - Z2=5 apart.
        TestNetwork t = Build(6,
                              {{0, 2, 0.5, 0.9}, {1, 2, 0.5, 0.9}, {2, 3, 0.5, 0.9}, {4, 5}},
                              "Fidelity",
                              2);
        Ptr<QuantumRouteController> c = t.net.controller;
        Record rec;
        rec.stopAfter = 1;
        Connect(c, &rec);
        QuantumRouteRequest q;
        q.source = t.nodes.Get(0);
        q.destination = t.nodes.Get(4);
        const uint32_t noPath = c->Submit(q);
        q.destination = t.nodes.Get(3);
        q.minFidelity = 0.9; // the best path reaches SwapWerner(0.9, 0.9) = 0.8133
        const uint32_t tooGood = c->Submit(q);
        q.minFidelity = 0.8;
        q.numPairs = 3;
        const uint32_t first = c->Submit(q);
        q.source = t.nodes.Get(1);
        const uint32_t busy = c->Submit(q);
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(c->GetError(noPath)),
                              "NO_PATH",
                              "disconnected");
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(c->GetError(tooGood)),
                              "FIDELITY_UNREACHABLE",
                              "fidelity");
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(c->GetError(first)), "NONE", "first");
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(c->GetError(busy)), "NO_RESOURCES", "memory");
        NS_TEST_EXPECT_MSG_EQ(rec.refused.size(), 3, "three Refused traces");
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(rec.refused[busy]), "NO_RESOURCES", "trace");
        NS_TEST_EXPECT_MSG_EQ(c->GetRoute(busy).nodes.size(), 0, "no route for a refusal");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(c->IsComplete(first), true, "first request");
        // Its slots are free again: the same request is now accepted and served.
        rec.stopAfter = 2;
        const uint32_t again = c->Submit(q);
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(c->GetError(again)), "NONE", "after release");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(c->IsComplete(again), true, "served after release");
        Simulator::Destroy();

        // Nested doubling needs 2^n + 1 nodes: a path of 3 links is refused.
        TestNetwork d = Build(4, {{0, 1}, {1, 2}, {2, 3}}, "Rate", 8, "Doubling");
        q = QuantumRouteRequest();
        q.source = d.nodes.Get(0);
        q.destination = d.nodes.Get(3);
        const uint32_t scheme = d.net.controller->Submit(q);
        NS_TEST_EXPECT_MSG_EQ(QuantumRouteErrorName(d.net.controller->GetError(scheme)),
                              "INCOMPATIBLE_SCHEME",
                              "doubling on 3 links");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad inputs abort with a clear message.
 */
class RoutingBadInputTestCase : public TestCase
{
  public:
    RoutingBadInputTestCase()
        : TestCase("bad routing inputs abort with a clear message")
    {
    }

  private:
    void DoRun() override
    {
        auto submit = [](uint32_t src, uint32_t dst, uint32_t pairs, double f) {
            TestNetwork t = Build(4, {{0, 1}, {1, 2}}, "Rate");
            QuantumRouteRequest q;
            q.source = src < 4 ? t.nodes.Get(src) : nullptr;
            q.destination = t.nodes.Get(dst);
            q.numPairs = pairs;
            q.minFidelity = f;
            t.net.controller->Submit(q);
        };
        QUANTUM_EXPECT_ABORT(submit(9, 2, 1, 0.5), "needs a source and a destination");
        QUANTUM_EXPECT_ABORT(submit(1, 1, 1, 0.5), "source and destination are the same node");
        QUANTUM_EXPECT_ABORT(submit(0, 2, 0, 0.5), "numPairs = 0 is invalid");
        QUANTUM_EXPECT_ABORT(submit(0, 2, 1, 1.5), "minFidelity = 1.5 is invalid");
        QUANTUM_EXPECT_ABORT(submit(0, 3, 1, 0.5), "has no quantum link in this network");
        auto link = [](double p, double f, Time t) {
            NodeContainer n;
            n.Create(2);
            CreateObject<QuantumRouter>()->AddLink(n.Get(0), n.Get(1), t, p, f);
        };
        QUANTUM_EXPECT_ABORT(link(0.0, 0.9, MilliSeconds(1)), "success probability 0");
        QUANTUM_EXPECT_ABORT(link(0.5, 1.2, MilliSeconds(1)), "fidelity 1.2");
        QUANTUM_EXPECT_ABORT(link(0.5, 0.9, Time(0)), "must be positive");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(3);
                Ptr<QuantumRouter> r = CreateObject<QuantumRouter>();
                r->AddLink(n.Get(0), n.Get(1), MilliSeconds(1), 0.5, 0.9);
                r->FindRoute(n.Get(0)->GetId(), n.Get(2)->GetId(), 0.5);
            },
            "is not in the router's graph");
    }
};

/**
 * @ingroup quantum-tests
 * Routing test suite.
 */
class QuantumRoutingTestSuite : public TestSuite
{
  public:
    QuantumRoutingTestSuite()
        : TestSuite("quantum-routing", Type::UNIT)
    {
        AddTestCase(new RoutingPathChoiceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RoutingConcurrentTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RoutingRefusalTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RoutingBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** Static instance. */
static QuantumRoutingTestSuite g_quantumRoutingTestSuite;
