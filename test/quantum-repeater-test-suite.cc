/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Repeater chains against repeater theory: entanglement swapping of Werner
// states (F1 F2 + (1-F1)(1-F2)/3, e.g. Duer, Briegel, Cirac, Zoller, PRA 59,
// 169 (1999)), waiting times of swap-ASAP and nested doubling (Shchukin,
// Schmidt, van Loock, PRA 100, 032322 (2019); Brand, Coopmans, Elkouss, IEEE
// JSAC 38, 619 (2020)), memory cut-offs, and classical-communication delays.
// The exact waiting-time and cut-off theory lives in RepeaterAnalytics (model/).

#include "quantum-repeater-scenario.h"
#include "quantum-test-utils.h"

#include "ns3/abstract-link-layer.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/entanglement-swapper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/repeater-analytics.h"
#include "ns3/repeater-chain-policy.h"
#include "ns3/repeater-message-header.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/teleportation-application.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <map>

using namespace ns3;
using namespace ns3::quantumtest;

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

} // namespace

/**
 * Swapping Werner pairs through the whole protocol (link layers, Bell
 * measurement, frame updates as packets): every delivered pair has exactly
 * the fidelity F1 F2 + (1-F1)(1-F2)/3 with its announced Bell state, with
 * processor noise w = w1 w2 (1 - p2) in Werner parameters.
 */
class RepeaterSwapWernerTestCase : public TestCase
{
  public:
    /** @param frames classical messages as frames (SimpleNetDevice) rather than UDP */
    RepeaterSwapWernerTestCase(bool frames)
        : TestCase(std::string("swap of Werner pairs gives F1F2 + (1-F1)(1-F2) over 3 with the "
                               "announced label")
                   + (frames ? ", frames" : ""))
        , m_frames(frames)
    {
    }

  private:
    void DoRun() override
    {
        for (bool dm : {false, true})
        {
            ChainScenario s;
            s.frames = m_frames;
            s.nodes = 3;
            s.p = 0.5;
            s.linkFidelities = {0.9, 0.8};
            s.densityMatrix = dm;
            s.deliveries = dm ? 40 : 200;
            const ChainResult r = RunChain(s);
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), s.deliveries, "deliveries");
            const double expected = SwapWerner(0.9, 0.8);
            for (size_t i = 0; i < r.trueFidelity.size(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(r.trueFidelity[i], expected, 1e-9, "true fidelity");
                NS_TEST_EXPECT_MSG_EQ_TOL(r.estFidelity[i], expected, 1e-9, "estimate");
            }
            NS_TEST_EXPECT_MSG_GT_OR_EQ(r.lastEndDeliveries + 1, s.deliveries, "far end");
        }
        // Four links of 0.95: three swaps.
        {
            ChainScenario s;
            s.frames = m_frames;
            s.nodes = 5;
            s.linkFidelity = 0.95;
            s.deliveries = 100;
            const ChainResult r = RunChain(s);
            const double f2 = SwapWerner(0.95, 0.95);
            const double expected = SwapWerner(SwapWerner(f2, 0.95), 0.95);
            for (double f : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(f, expected, 1e-9, "four links");
            }
        }
        // Processor depolarizing noise on the CNOT of the Bell measurement.
        {
            ChainScenario s;
            s.frames = m_frames;
            s.nodes = 3;
            s.linkFidelity = 0.9;
            s.twoQubitDepolarizing = 0.05;
            s.deliveries = 100;
            const ChainResult r = RunChain(s);
            const double w = (4 * 0.9 - 1) / 3;
            const double expected = (3 * w * w * (1 - 0.05) + 1) / 4;
            for (double f : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(f, expected, 1e-9, "gate noise");
            }
        }
    }

    bool m_frames; //!< frames rather than UDP
};

/**
 * Deterministic swaps: the waiting time of n segments is the maximum of n
 * geometric variables, for swap-ASAP and for nested doubling.
 */
class RepeaterWaitingTimeTestCase : public TestCase
{
  public:
    RepeaterWaitingTimeTestCase()
        : TestCase("waiting time with deterministic swaps is E[max of n geometrics]")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string scheme : {"SwapAsap", "Doubling"})
        {
            ChainScenario s;
            s.nodes = 5;
            s.p = 0.3;
            s.scheme = scheme;
            s.deliveries = 3000;
            const ChainResult r = RunChain(s);
            const double expected = RepeaterAnalytics::MeanMaxGeometric(4, 0.3);
            const double tol = 5 * StdError(r.waitAttempts) + 1e-3;
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts), expected, tol, scheme);
        }
    }
};

/**
 * Nested doubling over 4 segments with probabilistic swaps against the exact
 * Markov-chain mean waiting time.
 */
class RepeaterDoublingMarkovTestCase : public TestCase
{
  public:
    RepeaterDoublingMarkovTestCase()
        : TestCase("nested doubling with probabilistic swaps matches the Markov chain")
    {
    }

  private:
    void DoRun() override
    {
        ChainScenario s;
        s.nodes = 5;
        s.p = 0.4;
        s.ps = 0.6;
        s.scheme = "Doubling";
        s.deliveries = 2000;
        const ChainResult r = RunChain(s);
        const double expected = RepeaterAnalytics::DoublingMeanWait(2, 0.4, 0.6);
        const double tol = 5 * StdError(r.waitAttempts) + 1e-3;
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts), expected, tol, "doubling, p_s = 0.6");
    }
};

/**
 * Memory cut-offs: two segments, pure-dephasing memories; the mean waiting
 * time and the mean fidelity match the Markov chain with and without the
 * cut-off, and the cut-off trades rate for fidelity.
 */
class RepeaterCutoffTestCase : public TestCase
{
  public:
    RepeaterCutoffTestCase()
        : TestCase("memory cut-off changes waiting time and fidelity as the Markov chain says")
    {
    }

  private:
    void DoRun() override
    {
        const double p = 0.2;
        const double t2 = 0.01; // 10 attempt periods
        double meanT[2];
        double meanF[2];
        uint32_t i = 0;
        for (uint32_t c : {0u, 3u})
        {
            ChainScenario s;
            s.nodes = 3;
            s.p = p;
            s.t2Seconds = t2;
            s.cutoffAttempts = c;
            s.deliveries = 3000;
            const ChainResult r = RunChain(s);
            double fTheory;
            const double tTheory = RepeaterAnalytics::TwoSegmentMarkov(p, c, 1e-3 / t2, fTheory);
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts),
                                      tTheory,
                                      5 * StdError(r.waitAttempts) + 1e-3,
                                      "waiting time, cut-off " << c);
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.trueFidelity),
                                      fTheory,
                                      5 * StdError(r.trueFidelity) + 1e-4,
                                      "fidelity, cut-off " << c);
            meanT[i] = Mean(r.waitAttempts);
            meanF[i] = Mean(r.trueFidelity);
            ++i;
        }
        NS_TEST_EXPECT_MSG_GT(meanT[1], meanT[0], "the cut-off lowers the rate");
        NS_TEST_EXPECT_MSG_GT(meanF[1], meanF[0], "the cut-off raises the fidelity");
    }
};

/**
 * Swap updates over a slower classical network: the end-to-end pair waits
 * in memory until the frame update arrives, so F = (1 + exp(-2 t/T2))/2
 * with t the time from the (deterministic, p = 1) link generation to
 * completion, and a slower network gives a lower fidelity.
 */
class RepeaterClassicalDelayTestCase : public TestCase
{
  public:
    /** @param frames classical messages as frames (SimpleNetDevice) rather than UDP */
    RepeaterClassicalDelayTestCase(bool frames)
        : TestCase(frames ? "slower classical network for swap updates gives lower fidelity, frames"
                          : "slower classical network for swap updates gives lower fidelity")
        , m_frames(frames)
    {
    }

  private:
    void DoRun() override
    {
        const double t2 = 0.002;
        double mean[2];
        uint32_t i = 0;
        for (Time d : {Time(0), MicroSeconds(300)})
        {
            ChainScenario s;
            s.nodes = 3;
            s.p = 1.0;
            s.t2Seconds = t2;
            s.classicalDelay = d;
            s.deliveries = 20;
            s.frames = m_frames;
            const ChainResult r = RunChain(s);
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), s.deliveries, "deliveries");
            for (size_t k = 0; k < r.trueFidelity.size(); ++k)
            {
                const double t = r.completionDelay[k];
                NS_TEST_EXPECT_MSG_EQ_TOL(r.trueFidelity[k],
                                          0.5 * (1 + std::exp(-2 * t / t2)),
                                          1e-9,
                                          "decay during the classical delay");
                if (d > Time(0))
                {
                    NS_TEST_EXPECT_MSG_GT(t, d.GetSeconds(), "the update took at least one hop");
                }
            }
            mean[i++] = Mean(r.trueFidelity);
        }
        NS_TEST_EXPECT_MSG_LT(mean[1], mean[0] - 0.05, "slower network, lower fidelity");
    }

    bool m_frames; //!< frames rather than UDP
};

/**
 * @ingroup quantum-tests
 * Classical messages slower than link generation: a node's new link pair
 * arrives before the COMPLETE of the pair it swapped, which it must still
 * forward (regression: the chain stalled after its first delivery).  Every
 * round must complete, at both ends, and the Werner algebra must hold.
 */
class RepeaterSlowMessagesTestCase : public TestCase
{
  public:
    RepeaterSlowMessagesTestCase()
        : TestCase("rounds complete when messages are slower than link generation")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t n : {3u, 5u, 9u})
        {
            ChainScenario s;
            s.nodes = n;
            s.p = 0.5;
            s.period = MicroSeconds(100);
            s.classicalDelay = MicroSeconds(500);
            s.linkFidelity = 0.97;
            s.deliveries = 30;
            const ChainResult r = RunChain(s);
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), 30, n << " nodes");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(r.lastEndDeliveries, 29, n << " nodes");
            double f = s.linkFidelity;
            for (uint32_t k = 2; k < n; ++k)
            {
                f = SwapWerner(f, s.linkFidelity);
            }
            for (double x : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(x, f, 1e-9, n << " nodes");
            }
        }
    }
};

/**
 * @ingroup quantum-tests
 * Classical messages as link-layer frames over SimpleNetDevice links
 * (QuantumRepeaterHelper::FRAMES_SIMPLE_CHANNEL) instead of UDP: the same
 * protocol, so the same physics (RepeaterSwapWernerTestCase and
 * RepeaterClassicalDelayTestCase also run over frames).  Nested doubling with
 * DEJMPS at every level (several agents per node sharing one device, told
 * apart by their ports) gives the same fidelity as over UDP, which the
 * purification suite checks against the Deutsch et al. recursion.
 */
class RepeaterFrameTransportTestCase : public TestCase
{
  public:
    RepeaterFrameTransportTestCase()
        : TestCase("nested chains over frames: agents sharing a device, same fidelity as over UDP")
    {
    }

  private:
    void DoRun() override
    {
        double fidelity[2] = {0, 0};
        for (bool frames : {false, true})
        {
            ChainScenario s;
            s.nodes = 5;
            s.p = 1.0;
            s.linkFidelity = 0.8;
            s.scheme = "Doubling";
            s.purification = "Dejmps";
            s.purifyEveryLevel = true;
            s.deliveries = 30;
            s.seed = 3;
            s.frames = frames;
            const ChainResult r = RunChain(s);
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), s.deliveries, "nested deliveries");
            fidelity[frames ? 1 : 0] = r.trueFidelity.front();
            for (double f : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(f, r.trueFidelity.front(), 1e-9, "post-selected");
            }
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(fidelity[1], fidelity[0], 1e-9, "nested: frames as UDP");
        NS_TEST_EXPECT_MSG_GT(fidelity[1],
                              SwapWerner(SwapWerner(SwapWerner(0.8, 0.8), 0.8), 0.8),
                              "purification beat plain swapping of the four links");
    }
};

/**
 * Two-node chains (one link, no swap): every pair is delivered at both ends
 * with its link fidelity, whether the classical COMPLETE message is faster
 * or slower than the far end's link confirmation, and the first end's
 * memory slots are recycled (more deliveries than slots).
 */
class RepeaterTwoNodeTestCase : public TestCase
{
  public:
    RepeaterTwoNodeTestCase()
        : TestCase("two-node chains deliver every pair at both ends with the link fidelity")
    {
    }

  private:
    void DoRun() override
    {
        // {classical delay, the abstract link's NotificationDelay}: in the
        // third case the far end's link confirmation comes 300 us after the
        // first end's, so the COMPLETE arrives first and the last end must keep
        // it until the confirmation.
        const std::pair<Time, Time> cases[]
            = {{Time(0), Time(0)}, {MicroSeconds(500), Time(0)}, {Time(0), MicroSeconds(300)}};
        for (const auto& [delay, notify] : cases)
        {
            Config::SetDefault("ns3::AbstractLinkLayer::NotificationDelay", TimeValue(notify));
            ChainScenario s;
            s.nodes = 2;
            s.p = 0.5;
            s.period = MicroSeconds(100);
            s.classicalDelay = delay;
            s.linkFidelity = 0.9;
            s.deliveries = 40;
            const ChainResult r = RunChain(s);
            Config::SetDefault("ns3::AbstractLinkLayer::NotificationDelay", TimeValue(Time(0)));
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), 40, "delay " << delay.As(Time::US));
            // The run stops at the first end's 40th pair; COMPLETEs (or link
            // confirmations) still in flight then are at most one per attempt
            // period of the later of the two delays.
            const Time late = std::max(delay, notify);
            const uint32_t inFlight = 1 + late.GetMicroSeconds() / s.period.GetMicroSeconds();
            NS_TEST_EXPECT_MSG_GT_OR_EQ(r.lastEndDeliveries,
                                        40 - inFlight,
                                        "delay " << delay.As(Time::US) << ", notification "
                                                 << notify.As(Time::US));
            for (double x : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(x,
                                          0.9,
                                          1e-9,
                                          "ground truth, delay " << delay.As(Time::US));
            }
        }
    }
};

/**
 * Abstract links: the attempt count is geometric with the first attempt
 * counting as 1 (mean 1/p), both ends get OK with the same pair id, and the
 * peer's OK comes NotificationDelay later.
 */
class AbstractLinkTestCase : public TestCase
{
  public:
    AbstractLinkTestCase()
        : TestCase("abstract link: geometric attempts, same pair at both ends, notification delay")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        QuantumNodeHelper qnh;
        qnh.SetMemoryAttribute("NumSlots", UintegerValue(4096));
        qnh.Install(nodes);
        QuantumRepeaterHelper h;
        h.SetLinkAttribute("SuccessProbability", DoubleValue(0.25));
        h.SetLinkAttribute("NotificationDelay", TimeValue(MicroSeconds(7)));
        auto link = h.InstallAbstractLink(nodes.Get(0), nodes.Get(1));
        link.first->AssignStreams(10);
        const uint32_t n = 4000;
        std::map<uint64_t, Time> atA;
        std::vector<double> attempts;
        uint32_t matched = 0;
        Time last(0);
        link.first->SetOkCallback(MakeCallback(+[](std::map<uint64_t, Time>* m,
                                                   std::vector<double>* a,
                                                   Time* prev,
                                                   const EntanglementPair& pr) {
                                      (*m)[pr.pairId] = Simulator::Now();
                                      a->push_back((Simulator::Now() - *prev).GetSeconds() / 1e-3);
                                      *prev = Simulator::Now();
                                  }).Bind(&atA, &attempts, &last));
        link.second->SetOkCallback(MakeCallback(+[](std::map<uint64_t, Time>* m,
                                                    uint32_t* ok,
                                                    const EntanglementPair& pr) {
                                       auto it = m->find(pr.pairId);
                                       if (it != m->end()
                                           && Simulator::Now() - it->second == MicroSeconds(7)
                                           && pr.bellState == BellState::PHI_PLUS)
                                       {
                                           ++*ok;
                                       }
                                   }).Bind(&atA, &matched));
        EntanglementRequest req;
        req.remoteNodeId = nodes.Get(1)->GetId();
        req.numPairs = n;
        link.first->Create(req);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(attempts.size(), n, "all pairs delivered");
        NS_TEST_EXPECT_MSG_EQ(matched, n, "same pair id at both ends, 7 us later");
        // Mean attempts per pair 1/p; sd of a geometric sqrt(1-p)/p.
        const double sigma = std::sqrt(0.75) / 0.25 / std::sqrt(double(n));
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(attempts), 4.0, 5 * sigma, "mean attempts 1/p");
        for (double a : attempts)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(a, std::round(a), 1e-9, "successes on attempt ticks");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(a, 1.0 - 1e-9, "first attempt counts as 1");
        }
        Simulator::Destroy();
    }
};

/** Bad inputs stop with clear messages. */
class RepeaterBadInputTestCase : public TestCase
{
  public:
    RepeaterBadInputTestCase()
        : TestCase("bad inputs abort with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<RepeaterChainPolicy> p = CreateObject<RepeaterChainPolicy>();
                p->SetAttribute("Scheme", StringValue("Doubling"));
                p->Validate(4);
            },
            "Doubling needs 2^n + 1 nodes");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(1);
                QuantumRepeaterHelper h;
                h.InstallChain(n);
            },
            "a chain needs at least 2 nodes");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(2);
                QuantumRepeaterHelper h;
                h.GetClassicalLink(n.Get(0), n.Get(1));
                Ptr<RepeaterNodeAgent> a = CreateObject<RepeaterNodeAgent>();
                a->SetLink(RepeaterNodeAgent::RIGHT,
                           nullptr,
                           n.Get(0)->GetDevice(n.Get(0)->GetNDevices() - 1),
                           n.Get(1)->GetDevice(n.Get(1)->GetNDevices() - 1)->GetAddress(),
                           nullptr);
            },
            "link-layer frames cannot use a PointToPointNetDevice");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(2);
                QuantumNodeHelper q;
                q.Install(n);
                QuantumRepeaterHelper h;
                h.SetClassicalTransport(QuantumRepeaterHelper::FRAMES_SIMPLE_CHANNEL);
                h.InstallNetwork(n, {QuantumNetworkLink{0, 1}});
            },
            "applies to InstallChain and InstallNestedChain only");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(2);
                QuantumNodeHelper q;
                q.Install(n);
                QuantumRepeaterHelper h;
                h.SetLinkAttribute("SuccessProbability", DoubleValue(0.0));
                auto l = h.InstallAbstractLink(n.Get(0), n.Get(1));
                EntanglementRequest r;
                r.remoteNodeId = n.Get(1)->GetId();
                l.first->Create(r);
            },
            "SuccessProbability = 0 is invalid");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer n;
                n.Create(2);
                QuantumRepeaterHelper h;
                h.InstallAbstractLink(n.Get(0), n.Get(1));
            },
            "need a QuantumMemory");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(2));
                m->Allocate();
                Ptr<EntanglementSwapper> s = CreateObject<EntanglementSwapper>();
                s->SetDevices(m, nullptr);
                s->MeasureBell(0, 0, EntanglementSwapper::DoneCallback());
            },
            "the two slots must differ");
        QUANTUM_EXPECT_ABORT(
            {
                RepeaterMessageHeader h;
                h.SetLabel(4);
            },
            "label 4 is invalid");
        // Requests the link cannot serve get ERR, not an abort.
        NodeContainer n;
        n.Create(3);
        QuantumNodeHelper q;
        q.Install(n);
        QuantumRepeaterHelper h;
        h.SetLinkAttribute("LinkFidelity", DoubleValue(0.9));
        auto l = h.InstallAbstractLink(n.Get(0), n.Get(1));
        std::vector<EntanglementError> errors;
        l.first->SetErrorCallback(MakeCallback(+[](std::vector<EntanglementError>* v,
                                                   uint32_t,
                                                   EntanglementError e,
                                                   uint32_t) {
                                      v->push_back(e);
                                  }).Bind(&errors));
        EntanglementRequest r;
        r.remoteNodeId = n.Get(2)->GetId();
        l.first->Create(r); // not the peer
        r.remoteNodeId = n.Get(1)->GetId();
        r.numPairs = 0;
        l.first->Create(r); // nothing asked
        r.numPairs = 1;
        r.minFidelity = 0.95;
        l.first->Create(r); // beyond the link
        r.minFidelity = 0;
        r.deadline = MilliSeconds(1);
        h.SetLinkAttribute("SuccessProbability", DoubleValue(1e-6));
        auto slow = h.InstallAbstractLink(n.Get(1), n.Get(2));
        slow.first->SetErrorCallback(MakeCallback(+[](std::vector<EntanglementError>* v,
                                                      uint32_t,
                                                      EntanglementError e,
                                                      uint32_t) {
                                         v->push_back(e);
                                     }).Bind(&errors));
        r.remoteNodeId = n.Get(2)->GetId();
        slow.first->AssignStreams(1);
        slow.first->Create(r); // deadline
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(errors.size(), 4, "four refusals");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(errors[0]),
                              uint32_t(EntanglementError::UNKNOWN_NODE),
                              "peer");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(errors[1]),
                              uint32_t(EntanglementError::INVALID_REQUEST),
                              "zero");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(errors[2]),
                              uint32_t(EntanglementError::UNSUPPORTED),
                              "fidelity");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(errors[3]),
                              uint32_t(EntanglementError::TIMEOUT),
                              "deadline");
        Simulator::Destroy();
    }
};

/**
 * Teleportation over a delivered pair: for Werner pairs of fidelity F the
 * received state has fidelity (2F + 1)/3 for every input state (Horodecki et
 * al., PRA 60, 1888 (1999)); one link, and two links with a swap.
 */
class TeleportationTestCase : public TestCase
{
  public:
    TeleportationTestCase()
        : TestCase("teleportation over a Werner pair gives (2F+1) over 3")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t n : {2u, 3u})
        {
            for (double theta : {0.3, 2.0})
            {
                RngSeedManager::SetSeed(11);
                RngSeedManager::SetRun(n);
                NodeContainer nodes;
                nodes.Create(n);
                QuantumNodeHelper qnh;
                qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
                qnh.Install(nodes);
                QuantumRepeaterHelper h;
                h.SetLinkAttribute("SuccessProbability", DoubleValue(0.3));
                h.SetLinkAttribute("LinkFidelity", DoubleValue(0.85));
                h.SetAgentAttribute("MaxDeliveries", UintegerValue(30));
                RepeaterChain chain = h.InstallChain(nodes);
                Ipv4GlobalRoutingHelper::PopulateRoutingTables();
                int64_t stream = 1;
                stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
                stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
                Ptr<TeleportationApplication> tx = CreateObject<TeleportationApplication>();
                Ptr<TeleportationApplication> rx = CreateObject<TeleportationApplication>();
                for (auto app : {tx, rx})
                {
                    app->SetAttribute("Theta", DoubleValue(theta));
                    app->SetAttribute("Phi", DoubleValue(1.1));
                }
                tx->SetSender(chain.First(),
                              h.GetClassicalLink(nodes.Get(n - 1), nodes.Get(n - 2)).first);
                rx->SetReceiver(chain.Last());
                nodes.Get(0)->AddApplication(tx);
                nodes.Get(n - 1)->AddApplication(rx);
                std::vector<double> f;
                rx->TraceConnectWithoutContext(
                    "Teleported",
                    MakeCallback(+[](std::vector<double>* v, uint32_t, double x) {
                        v->push_back(x);
                    }).Bind(&f));
                Simulator::Run();
                Simulator::Destroy();
                const double fPair = n == 2 ? 0.85 : SwapWerner(0.85, 0.85);
                NS_TEST_EXPECT_MSG_EQ(f.size(), 30, "every delivery teleported");
                for (double x : f)
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(x,
                                              (2 * fPair + 1) / 3,
                                              1e-9,
                                              "teleportation fidelity");
                }
            }
        }
    }
};

/** Repeater-chain suite. */
class QuantumRepeaterTestSuite : public TestSuite
{
  public:
    QuantumRepeaterTestSuite()
        : TestSuite("quantum-repeater", Type::UNIT)
    {
        AddTestCase(new AbstractLinkTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterSwapWernerTestCase(false), QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterSwapWernerTestCase(true), QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterWaitingTimeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterDoublingMarkovTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterCutoffTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterClassicalDelayTestCase(false), QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterClassicalDelayTestCase(true), QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterSlowMessagesTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterTwoNodeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterFrameTransportTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new TeleportationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepeaterBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** The suite instance. */
static QuantumRepeaterTestSuite g_quantumRepeaterTestSuite;
