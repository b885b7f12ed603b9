/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Purification through the two-node protocol (link pairs, local operations
// in the state engine, outcomes exchanged as UDP packets) against the
// published formulas: BBPSSW, Bennett et al., PRL 76, 722 (1996), eq. for
// Werner inputs F' = (F^2 + ((1-F)/3)^2) / N, N = F^2 + 2F(1-F)/3 +
// 5((1-F)/3)^2 = success probability; DEJMPS, Deutsch et al., PRL 77, 2818
// (1996): A' = (A^2 + B^2)/N, B' = 2CD/N, C' = (C^2 + D^2)/N, D' = 2AB/N,
// N = (A+B)^2 + (C+D)^2, with (A, B, C, D) the weights of (Phi+, Psi-, Psi+, Phi-).

#include "quantum-repeater-scenario.h"
#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/entanglement-purifier.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;
using namespace ns3::quantumtest;

namespace
{

/**
 * Bennett et al. (1996) for two Werner pairs of fidelities f1, f2.
 * @param f1 kept pair
 * @param f2 sacrificed pair
 * @param success [out] success probability
 * @return output fidelity
 */
double
Bbpssw(double f1, double f2, double& success)
{
    const double num = f1 * f2 + (1 - f1) * (1 - f2) / 9.0;
    success = f1 * f2 + f1 * (1 - f2) / 3.0 + f2 * (1 - f1) / 3.0 + 5.0 * (1 - f1) * (1 - f2) / 9.0;
    return num / success;
}

/** Deutsch et al. (1996) weights (A, B, C, D) = (Phi+, Psi-, Psi+, Phi-). */
struct Deutsch
{
    double a; //!< Phi+
    double b; //!< Psi-
    double c; //!< Psi+
    double d; //!< Phi-
};

/**
 * One DEJMPS step on two identical pairs.
 * @param x weights
 * @param success [out] success probability
 * @return the output weights
 */
Deutsch
Dejmps(const Deutsch& x, double& success)
{
    success = (x.a + x.b) * (x.a + x.b) + (x.c + x.d) * (x.c + x.d);
    return Deutsch{(x.a * x.a + x.b * x.b) / success,
                   2 * x.c * x.d / success,
                   (x.c * x.c + x.d * x.d) / success,
                   2 * x.a * x.b / success};
}

/**
 * Entanglement swapping of two Bell-diagonal pairs in the frame of the
 * tracked labels: the output weight of label k is sum_i x(i) y(i xor k),
 * labels Phi+ = 0, Psi+ = 1, Phi- = 2, Psi- = 3 (bell-state.h; e.g. Duer,
 * Briegel, Cirac, Zoller, PRA 59, 169 (1999), Sec. III).
 * @param x one pair
 * @param y the other
 * @return the swapped pair
 */
Deutsch
Swap(const Deutsch& x, const Deutsch& y)
{
    const double u[4] = {x.a, x.c, x.d, x.b};
    const double v[4] = {y.a, y.c, y.d, y.b};
    double w[4] = {0, 0, 0, 0};
    for (uint32_t k = 0; k < 4; ++k)
    {
        for (uint32_t i = 0; i < 4; ++i)
        {
            w[k] += u[i] * v[i ^ k];
        }
    }
    return Deutsch{w[0], w[3], w[1], w[2]};
}

} // namespace

/**
 * Nested doubling with DEJMPS at every level (QuantumRepeaterHelper::
 * InstallNestedChain), deterministic links and swaps, Werner links of
 * fidelity F, no decay (also with random links and failed swaps, which
 * only discard pairs): every delivered pair has the fidelity of the nested
 * map S(P(x), P(x)) applied level by level (P: one DEJMPS step, Deutsch et
 * al., PRL 77, 2818 (1996); S: Bell-diagonal swap composition), to 1e-9; the
 * Bell labels delivered at both ends agree; the success frequency of the top
 * chain's purification steps matches the DEJMPS success probability of the
 * level below (binomial, 5 sigma).
 */
class PurificationEveryLevelTestCase : public TestCase
{
  public:
    PurificationEveryLevelTestCase()
        : TestCase("nested doubling with DEJMPS at every level follows the level-by-level map")
    {
    }

  private:
    void DoRun() override
    {
        const double f = 0.85;
        const double o = (1 - f) / 3;

        struct Config
        {
            uint32_t nodes; //!< chain length
            double p;       //!< link success probability
            double ps;      //!< swap success probability
        };

        // Deterministic chains of 1, 2, 3 levels, then a random one with
        // failed swaps: without decay these only discard pairs, so the
        // delivered fidelity is the same.
        for (const Config& c :
             {Config{3, 1.0, 1.0}, Config{5, 1.0, 1.0}, Config{9, 1.0, 1.0}, Config{5, 0.5, 0.7}})
        {
            const uint32_t nodes = c.nodes;
            ChainScenario s;
            s.nodes = nodes;
            s.p = c.p;
            s.ps = c.ps;
            s.linkFidelity = f;
            s.scheme = "Doubling";
            s.purification = "Dejmps";
            s.purifyRounds = 1;
            s.purifyEveryLevel = true;
            s.deliveries = 300;
            s.seed = 3;
            // Expected: P then S at every sub-chain level, then the top chain's P and S.
            Deutsch x{f, o, o, o};
            double success = 0;
            for (uint32_t span = 1; 2 * span < nodes - 1; span *= 2)
            {
                const Deutsch p = Dejmps(x, success);
                x = Swap(p, p);
            }
            const Deutsch top = Dejmps(x, success); // the top chain's step
            x = Swap(top, top);
            const ChainResult r = RunChain(s);
            NS_TEST_ASSERT_MSG_EQ(r.trueFidelity.size(), s.deliveries, "deliveries");
            for (double v : r.trueFidelity)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(v, x.a, 1e-9, nodes << " nodes: nested fidelity");
            }
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r.lastLabels.size() + 1,
                                        r.labels.size(),
                                        nodes << " nodes: last-end deliveries");
            for (size_t i = 0; i < r.labels.size() && i < r.lastLabels.size(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(r.labels[i], r.lastLabels[i], "labels agree at both ends");
            }
            const double n = r.purifyTotal;
            NS_TEST_EXPECT_MSG_EQ_TOL(r.purifySuccess / n,
                                      success,
                                      5 * BinomialSigma(success, n),
                                      nodes << " nodes: top-level DEJMPS success probability");
        }
        // Purification at every level improves the end-to-end fidelity over
        // link-level purification only (5 nodes, same links).
        Deutsch l{f, o, o, o};
        double dummy;
        const Deutsch p0 = Dejmps(l, dummy);
        const Deutsch linkOnly = Swap(Swap(p0, p0), Swap(p0, p0));
        const Deutsch p1 = Dejmps(Swap(p0, p0), dummy);
        const Deutsch every = Swap(p1, p1);
        NS_TEST_EXPECT_MSG_GT(every.a, linkOnly.a, "every-level purification helps");
    }
};

/**
 * One purification step per link pair over the two-node protocol: success
 * frequency against N (binomial, 5 sigma) and the delivered fidelity equal to
 * the formula (exact for Bell-diagonal pairs, in both formalisms).
 */
class PurificationOneStepTestCase : public TestCase
{
  public:
    PurificationOneStepTestCase()
        : TestCase("one BBPSSW or DEJMPS step on Werner pairs matches the published formulas")
    {
    }

  private:
    void DoRun() override
    {
        const double f = 0.75;
        for (const std::string proto : {"Bbpssw", "Dejmps"})
        {
            for (bool dm : {false, true})
            {
                ChainScenario s;
                s.nodes = 2;
                s.p = 0.5;
                s.linkFidelity = f;
                s.purification = proto;
                s.purifyRounds = 1;
                s.densityMatrix = dm;
                s.deliveries = dm ? 100 : 2000;
                const ChainResult r = RunChain(s);
                double success;
                double expected = Bbpssw(f, f, success);
                if (proto == "Dejmps")
                {
                    const double o = (1 - f) / 3;
                    expected = Dejmps(Deutsch{f, o, o, o}, success).a;
                }
                for (double x : r.trueFidelity)
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(x, expected, 1e-9, proto << " output fidelity");
                }
                for (double x : r.estFidelity)
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(x, expected, 1e-9, proto << " estimate");
                }
                const double n = r.purifyTotal;
                NS_TEST_EXPECT_MSG_EQ_TOL(r.purifySuccess / n,
                                          success,
                                          5 * BinomialSigma(success, n),
                                          proto << " success probability");
            }
        }
    }
};

/**
 * Entanglement pumping with BBPSSW (twirl to Werner form before each step):
 * two rounds give the iterated two-Werner formula F2 = f(f(F, F), F) on
 * average (the twirl choice is random), 5 standard errors.
 */
class PurificationPumpingTestCase : public TestCase
{
  public:
    PurificationPumpingTestCase()
        : TestCase("BBPSSW pumping of two rounds follows the iterated Werner formula")
    {
    }

  private:
    void DoRun() override
    {
        const double f = 0.8;
        ChainScenario s;
        s.nodes = 2;
        s.p = 0.5;
        s.linkFidelity = f;
        s.purification = "Bbpssw";
        s.purifyRounds = 2;
        s.deliveries = 3000;
        const ChainResult r = RunChain(s);
        double p1;
        double p2;
        const double f1 = Bbpssw(f, f, p1);
        const double f2 = Bbpssw(f1, f, p2);
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.trueFidelity),
                                  f2,
                                  5 * StdError(r.trueFidelity) + 1e-9,
                                  "pumped fidelity");
        // Every delivery took one success of each round; the expected number
        // of steps per delivery is (1 + p1) / (p1 p2) (a failure restarts at round 1).
        const double stepsPerDelivery = double(r.purifyTotal) / r.trueFidelity.size();
        const double expectedSteps = (1 + p1) / (p1 * p2);
        NS_TEST_EXPECT_MSG_EQ_TOL(stepsPerDelivery,
                                  expectedSteps,
                                  0.05 * expectedSteps,
                                  "purification steps per delivery");
        NS_TEST_EXPECT_MSG_GT(f2, f1, "pumping improves");
    }
};

/**
 * Nested (recurrence) DEJMPS: two levels on four identical Werner pairs,
 * through the EntanglementPurifier on two memories; the output equals the
 * Deutsch map applied twice.
 */
class PurificationNestedTestCase : public TestCase
{
  public:
    PurificationNestedTestCase()
        : TestCase("nested DEJMPS rounds follow the Deutsch map applied twice")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        const double f = 0.7;
        const double o = (1 - f) / 3;
        double s1;
        double s2;
        const Deutsch level1 = Dejmps(Deutsch{f, o, o, o}, s1);
        const Deutsch level2 = Dejmps(level1, s2);
        Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
        reg->AssignStreams(1);
        Ptr<QuantumMemory> ma = CreateObject<QuantumMemory>();
        Ptr<QuantumMemory> mb = CreateObject<QuantumMemory>();
        ma->SetAttribute("NumSlots", UintegerValue(4));
        mb->SetAttribute("NumSlots", UintegerValue(4));
        Ptr<EntanglementPurifier> pur = CreateObject<EntanglementPurifier>();
        pur->AssignStreams(2);
        uint32_t trials = 0;
        uint32_t checked = 0;
        uint32_t outA = 0;
        uint32_t outB = 0;
        auto step = [&](uint32_t keep, uint32_t sac, uint64_t session) {
            pur->Submit(session,
                        0,
                        0,
                        ma,
                        nullptr,
                        keep,
                        sac,
                        PurificationVariant::DEJMPS,
                        0,
                        MakeCallback(+[](uint32_t* o, uint32_t v) {
                            *o = v;
                        }).Bind(&outA));
            pur->Submit(session,
                        1,
                        0,
                        mb,
                        nullptr,
                        keep,
                        sac,
                        PurificationVariant::DEJMPS,
                        0,
                        MakeCallback(+[](uint32_t* o, uint32_t v) {
                            *o = v;
                        }).Bind(&outB));
            Simulator::Run();
            return outA == outB;
        };
        uint64_t session = 1;
        while (checked < 200 && trials < 100000)
        {
            ++trials;
            for (uint32_t k = 0; k < 4; ++k)
            {
                auto q = reg->CreateWernerPair(f);
                ma->Store(q.first);
                mb->Store(q.second);
            }
            const bool ok1 = step(0, 1, session++);
            const bool ok2 = step(2, 3, session++);
            if (!(ok1 && ok2))
            {
                for (uint32_t k : {0u, 2u})
                {
                    if (ma->IsOccupied(k))
                    {
                        ma->Release(k);
                        mb->Release(k);
                    }
                }
                continue;
            }
            const bool ok = step(0, 2, session++);
            if (ok)
            {
                const double fid = reg->GetFidelity({ma->Access(0), mb->Access(0)},
                                                    BellStateVector(BellState::PHI_PLUS));
                NS_TEST_EXPECT_MSG_EQ_TOL(fid, level2.a, 1e-9, "two DEJMPS levels");
                ++checked;
            }
            ma->Release(0);
            mb->Release(0);
        }
        NS_TEST_EXPECT_MSG_EQ(checked, 200, "enough successes");
        NS_TEST_EXPECT_MSG_GT(level2.a, level1.a, "nesting improves");
        Simulator::Destroy();
    }
};

/** Bad inputs of the purification engine. */
class PurificationBadInputTestCase : public TestCase
{
  public:
    PurificationBadInputTestCase()
        : TestCase("purification bad inputs abort with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(2));
                Ptr<EntanglementPurifier> p = CreateObject<EntanglementPurifier>();
                p->Submit(1,
                          0,
                          0,
                          m,
                          nullptr,
                          0,
                          1,
                          PurificationVariant::BBPSSW,
                          0,
                          EntanglementPurifier::OutcomeCallback());
            },
            "must be two occupied slots");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(2));
                m->Allocate();
                m->Allocate();
                Ptr<EntanglementPurifier> p = CreateObject<EntanglementPurifier>();
                p->Submit(1,
                          2,
                          0,
                          m,
                          nullptr,
                          0,
                          1,
                          PurificationVariant::BBPSSW,
                          0,
                          EntanglementPurifier::OutcomeCallback());
            },
            "side 2 is not 0 or 1");
        // Nested chains: 2^n + 1 nodes, enough memory, RequestRound only at an OnDemand first end.
        auto nested = [](uint32_t n, uint32_t slots) {
            NodeContainer nodes;
            nodes.Create(n);
            QuantumNodeHelper qnh;
            qnh.SetMemoryAttribute("NumSlots", UintegerValue(slots));
            qnh.Install(nodes);
            QuantumRepeaterHelper h;
            h.InstallNestedChain(nodes);
        };
        QUANTUM_EXPECT_ABORT(nested(4, 16), "needs 2^n + 1 nodes (3, 5, 9, 17, ...), got 4");
        QUANTUM_EXPECT_ABORT(nested(2, 16), "needs 2^n + 1 nodes (3, 5, 9, 17, ...), got 2");
        QUANTUM_EXPECT_ABORT(nested(5, 6), "needs QuantumMemory NumSlots >= 8, got 6");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(3);
                QuantumNodeHelper qnh;
                qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
                qnh.SetMemoryAttribute("CutoffTime", TimeValue(MilliSeconds(5)));
                qnh.Install(nodes);
                QuantumRepeaterHelper h;
                h.InstallNestedChain(nodes);
            },
            "is not supported with purification at every level (use 0)");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<RepeaterNodeAgent> a = CreateObject<RepeaterNodeAgent>();
                a->SetPosition(0, 3);
                a->RequestRound();
            },
            "RequestRound needs the first end (position 0) with attribute OnDemand = true");
    }
};

/** Purification suite. */
class QuantumPurificationTestSuite : public TestSuite
{
  public:
    QuantumPurificationTestSuite()
        : TestSuite("quantum-purification", Type::UNIT)
    {
        AddTestCase(new PurificationOneStepTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PurificationPumpingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PurificationNestedTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PurificationEveryLevelTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PurificationBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** The suite instance. */
static QuantumPurificationTestSuite g_quantumPurificationTestSuite;
