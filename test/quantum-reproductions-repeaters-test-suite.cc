/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The repeater reproductions against theory: repeater waiting time against
// the number of segments (Shchukin, Schmidt, van Loock, PRA 100, 032322
// (2019); Brand, Coopmans, Elkouss, IEEE JSAC 38, 619 (2020)), memory-limited
// two-segment distribution with cut-offs (Collins et al., PRL 98, 060502
// (2007); Rozpedek et al., PRA 99, 052330 (2019)), and the three-node NV
// network of Pompili et al., Science 372, 259 (2021): single-click link
// fidelity (Humphreys et al., Nature 558, 268 (2018), supplement) and the
// GHZ fusion fidelity derived in RepeaterAnalytics::GhzFusionFidelity.

#include "quantum-repeater-scenario.h"
#include "quantum-test-utils.h"

#include "ns3/double.h"
#include "ns3/ghz-fusion-controller.h"
#include "ns3/heralded-link-layer.h"
#include "ns3/heralding-station.h"
#include "ns3/quantum-gate.h"
#include "ns3/quantum-link-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/repeater-analytics.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;
using namespace ns3::quantumtest;

namespace
{

/** The NV three-node scenario of the tests. */
struct NvScenario
{
    double alpha = 0.05;                  //!< bright-state population
    double visibility = 1.0;              //!< station visibility
    double darkCount = 0.0;               //!< dark-count probability per window
    double detectorEff = 0.8;             //!< detector efficiency
    double distanceKm = 0.03;             //!< node-to-node fibre
    double attenuation = 8.0;             //!< dB/km at 637 nm
    bool infiniteT1 = true;               //!< override the preset T1 with 0 (infinite)
    double initFidelity = -1;             //!< override the preset (negative: keep)
    uint32_t rounds = 100;                //!< GHZ rounds
    uint32_t seed = 1;                    //!< RNG seed
    double nominal = 0;                   //!< [out] station's nominal etaA
    double eta = 0;                       //!< [out] per-arm transmission incl. the detector
    double t2Seconds = 0;                 //!< [out] memory T2
    double cnotNoise = 0;                 //!< [out] Bob's CNOT depolarizing probability
    double readoutError0 = 0;             //!< [out] Bob's P(read 1 | 0)
    double readoutError1 = 0;             //!< [out] Bob's P(read 0 | 1)
    std::vector<GhzFusionRecord> records; //!< [out] the rounds
};

/**
 * Build Alice, Bob and Charlie with the NV preset, two single-click links in
 * fast mode and the fusion controller, and run the rounds.
 * @param s the scenario (outputs filled in)
 */
void
RunNv(NvScenario& s)
{
    RngSeedManager::SetSeed(s.seed);
    RngSeedManager::SetRun(1);
    NodeContainer nodes;
    nodes.Create(3);
    QuantumNodeHelper qn;
    qn.SetPreset("nv-centre");
    qn.SetMemoryAttribute("NumSlots", UintegerValue(4));
    if (s.infiniteT1)
    {
        qn.SetMemoryAttribute("T1", TimeValue(Time(0)));
    }
    if (s.initFidelity >= 0)
    {
        qn.SetMemoryAttribute("InitializationFidelity", DoubleValue(s.initFidelity));
    }
    qn.Install(nodes);
    QuantumLinkHelper lh;
    lh.SetDistanceKm(s.distanceKm);
    lh.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(s.attenuation));
    lh.SetStationAttribute("Protocol", StringValue("single-click"));
    lh.SetStationAttribute("Visibility", DoubleValue(s.visibility));
    lh.SetDetectorAttribute("Efficiency", DoubleValue(s.detectorEff));
    lh.SetDetectorAttribute("DarkCountProbability", DoubleValue(s.darkCount));
    lh.SetLinkLayerAttribute("Mode", StringValue("fast"));
    lh.SetLinkLayerAttribute("BrightStatePopulation", DoubleValue(s.alpha));
    HeraldedLink ab = lh.Install(nodes.Get(0), nodes.Get(1));
    HeraldedLink bc = lh.Install(nodes.Get(1), nodes.Get(2));
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumLinkHelper::AssignStreams(ab, stream);
    stream += QuantumLinkHelper::AssignStreams(bc, stream);
    stream += qn.AssignStreams(nodes, stream);
    Ptr<QuantumMemory> mem = nodes.Get(0)->GetObject<QuantumMemory>();
    s.eta = ab.ends[0]->GetEmissionEfficiency() * std::pow(10, -s.attenuation * s.distanceKm / 20)
            * s.detectorEff;
    s.t2Seconds = mem->GetT2().GetSeconds();
    s.nominal = ab.station->GetNominalModel().GetParameters().etaA;
    s.cnotNoise = nodes.Get(1)->GetObject<QuantumProcessor>()->GetDepolarizing(QuantumGate::Cnot());
    DoubleValue e;
    mem->GetAttribute("ReadoutError0", e);
    s.readoutError0 = e.Get();
    mem->GetAttribute("ReadoutError1", e);
    s.readoutError1 = e.Get();
    Ptr<GhzFusionController> ctl = CreateObject<GhzFusionController>();
    ctl->SetAttribute("NumRounds", UintegerValue(s.rounds));
    ctl->Setup(ab.ends[0],
               ab.ends[1],
               bc.ends[0],
               bc.ends[1],
               nodes.Get(1)->GetObject<QuantumProcessor>());
    ctl->TraceConnectWithoutContext(
        "GhzCreated",
        MakeCallback(+[](std::vector<GhzFusionRecord>* v, const GhzFusionRecord& r) {
            v->push_back(r);
        }).Bind(&s.records));
    ctl->Start();
    Simulator::Run();
    ctl->Dispose();
    Simulator::Destroy();
}

} // namespace

/**
 * The analytic functions agree with each other: the alternating binomial sum
 * with the tail sum, nested doubling with deterministic swaps with the
 * maximum of geometrics, one doubling level with E[max of 2]/ps, and the
 * two-segment closed forms with the Markov chain propagated period by period.
 */
class ReproAnalyticsTestCase : public TestCase
{
  public:
    ReproAnalyticsTestCase()
        : TestCase("repeater analytics: closed forms agree with Markov chains and sums")
    {
    }

  private:
    void DoRun() override
    {
        for (double p : {0.05, 0.3, 0.9})
        {
            for (uint32_t n = 1; n <= 16; ++n)
            {
                const double a = RepeaterAnalytics::MeanMaxGeometric(n, p);
                const double b = RepeaterAnalytics::MeanMaxGeometricTail(n, p);
                NS_TEST_EXPECT_MSG_EQ_TOL(a, b, 1e-9 * b, "max of " << n << " geometrics");
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::MeanMaxGeometric(2, p),
                                      (3 - 2 * p) / (p * (2 - p)),
                                      1e-12,
                                      "two segments (3 - 2p)/(p(2 - p))");
            for (uint32_t k = 0; k <= 3; ++k)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::DoublingMeanWait(k, p, 1.0),
                                          RepeaterAnalytics::MeanMaxGeometric(1u << k, p),
                                          1e-8 * RepeaterAnalytics::MeanMaxGeometric(1u << k, p),
                                          "doubling, deterministic swaps, level " << k);
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::DoublingMeanWait(1, p, 0.4),
                                      RepeaterAnalytics::MeanMaxGeometric(2, p) / 0.4,
                                      1e-9 * RepeaterAnalytics::MeanMaxGeometric(2, p),
                                      "one level: E[max]/ps");
            for (uint32_t c : {0u, 1u, 3u, 12u})
            {
                for (double r : {0.0, 0.01, 0.2})
                {
                    double fm;
                    const double tm = RepeaterAnalytics::TwoSegmentMarkov(p, c, r, fm);
                    NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::TwoSegmentMeanWait(p, c),
                                              tm,
                                              1e-9 * tm,
                                              "two-segment waiting time, c = " << c);
                    NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::TwoSegmentMeanFidelity(p, c, 1, r),
                                              fm,
                                              1e-9,
                                              "two-segment fidelity, c = " << c);
                }
            }
        }
        // Probabilistic swaps over 4 segments: the values of the independent
        // value iteration over the two halves' {0, 1, done} states that the
        // repeater suite used before this class existed (10 digits).
        const double ref[3][3]
            = {{0.1, 0.3, 239.647533191}, {0.4, 0.6, 13.411187336}, {0.7, 0.6, 6.71483889034}};
        for (const auto& x : ref)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(RepeaterAnalytics::DoublingMeanWait(2, x[0], x[1]),
                                      x[2],
                                      1e-9 * x[2],
                                      "4 segments, p = " << x[0] << ", ps = " << x[1]);
        }
        // and at least E[max of 2] / ps^2 (the top swap needs two halves).
        NS_TEST_EXPECT_MSG_GT(RepeaterAnalytics::DoublingMeanWait(2, 0.4, 0.6),
                              RepeaterAnalytics::MeanMaxGeometric(2, 0.4) / (0.6 * 0.6),
                              "lower bound");
        // Fidelity formula: perfect links and gates give 1; one readout flip
        // always gives the orthogonal GHZ-frame state.
        const std::array<double, 4> bell = {0, 0.5, 0.5, 0};
        NS_TEST_EXPECT_MSG_EQ_TOL(
            RepeaterAnalytics::GhzFusionFidelity(bell, 0.5, bell, 0.5, 1, 0, 0, 0),
            1.0,
            1e-12,
            "perfect fusion");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            RepeaterAnalytics::GhzFusionFidelity(bell, 0.5, bell, 0.5, 1, 0, 1, 1),
            0.0,
            1e-12,
            "always-wrong readout");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            RepeaterAnalytics::GhzFusionFidelity(bell, 0.5, bell, 0.5, 1, 1, 0, 0),
            0.125,
            1e-12,
            "fully depolarized fusion gives 1/8");
    }
};

/**
 * Simulated repeater waiting time against exact theory: swap-ASAP with
 * deterministic swaps over 3 segments (E[max of 3 geometrics]) and nested
 * doubling with ps = 0.5 over 8 segments (Markov chain), within 5 standard
 * errors at a fixed seed.
 */
class ReproWaitingTimeTestCase : public TestCase
{
  public:
    ReproWaitingTimeTestCase()
        : TestCase("waiting time against the number of segments matches exact theory")
    {
    }

  private:
    void DoRun() override
    {
        {
            ChainScenario s;
            s.nodes = 4;
            s.p = 0.2;
            s.deliveries = 2000;
            s.seed = 7;
            const ChainResult r = RunChain(s);
            const double expected = RepeaterAnalytics::MeanMaxGeometric(3, 0.2);
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts),
                                      expected,
                                      5 * StdError(r.waitAttempts),
                                      "swap-ASAP, 3 segments");
        }
        {
            ChainScenario s;
            s.nodes = 9;
            s.p = 0.5;
            s.ps = 0.5;
            s.scheme = "Doubling";
            s.deliveries = 600;
            s.seed = 7;
            const ChainResult r = RunChain(s);
            const double expected = RepeaterAnalytics::DoublingMeanWait(3, 0.5, 0.5);
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts),
                                      expected,
                                      5 * StdError(r.waitAttempts),
                                      "doubling, 8 segments, ps = 0.5");
        }
    }
};

/**
 * Memory-limited distribution: two segments, Werner links F0 = 0.95,
 * dephasing memories (T2 = 20 periods), cut-off none and 5 attempts; mean
 * waiting time and mean fidelity against the closed forms.
 */
class ReproMemoryLimitedTestCase : public TestCase
{
  public:
    ReproMemoryLimitedTestCase()
        : TestCase("memory-limited two-segment rate and fidelity match the closed forms")
    {
    }

  private:
    void DoRun() override
    {
        const double p = 0.1;
        const double t2 = 0.02;
        for (uint32_t c : {0u, 5u})
        {
            ChainScenario s;
            s.nodes = 3;
            s.p = p;
            s.linkFidelity = 0.95;
            s.t2Seconds = t2;
            s.cutoffAttempts = c;
            s.deliveries = 2000;
            s.seed = 5;
            const ChainResult r = RunChain(s);
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(r.waitAttempts),
                                      RepeaterAnalytics::TwoSegmentMeanWait(p, c),
                                      5 * StdError(r.waitAttempts),
                                      "waiting time, cut-off " << c);
            NS_TEST_EXPECT_MSG_EQ_TOL(
                Mean(r.trueFidelity),
                RepeaterAnalytics::TwoSegmentMeanFidelity(p, c, 0.95, 1e-3 / t2),
                5 * StdError(r.trueFidelity),
                "fidelity, cut-off " << c);
        }
    }
};

/**
 * NV links: with unit visibility, no dark counts, perfect initialisation and
 * infinite T1, every delivered single-click pair has the closed-form
 * fidelity (1 - alpha)(1 + exp(-2t/T2))/(2 - alpha eta), t from the
 * emission to the delivery, with the NV preset's emission efficiency and T2;
 * eta is also the station's nominal arm transmission times the detector.
 */
class ReproNvLinkTestCase : public TestCase
{
  public:
    ReproNvLinkTestCase()
        : TestCase("NV single-click link fidelity equals the closed form with the preset")
    {
    }

  private:
    void DoRun() override
    {
        NvScenario s;
        s.initFidelity = 1.0;
        s.rounds = 20;
        RunNv(s);
        NS_TEST_ASSERT_MSG_EQ(s.records.size(), 20, "rounds");
        NS_TEST_EXPECT_MSG_EQ_TOL(s.t2Seconds, 1.46, 1e-12, "preset T2");
        NS_TEST_EXPECT_MSG_EQ_TOL(s.nominal * s.detectorEff, s.eta, 1e-15, "eta");
        for (const auto& r : s.records)
        {
            // The spins dephase from the emission: photon flight to the
            // station (half the distance at 2e8 m/s), then the herald's way back.
            const double flight = s.distanceKm / 2 * 1000 / 2e8;
            const double t1 = (r.link1Time - r.link1Herald).GetSeconds() + flight;
            const double t2 = (r.link2Time - r.link2Herald).GetSeconds() + flight;
            NS_TEST_EXPECT_MSG_EQ_TOL(
                r.link1Fidelity,
                RepeaterAnalytics::SingleClickFidelity(s.alpha, s.eta, t1 / s.t2Seconds),
                1e-9,
                "link 1");
            NS_TEST_EXPECT_MSG_EQ_TOL(
                r.link2Fidelity,
                RepeaterAnalytics::SingleClickFidelity(s.alpha, s.eta, t2 / s.t2Seconds),
                1e-9,
                "link 2");
        }
    }
};

/**
 * NV GHZ: each round's true GHZ fidelity equals, to 1e-9, one of the two
 * branch values of the fusion formula (readout right or flipped) evaluated
 * on that round's two link states, the dephasing of the four qubits up to
 * the read and the preset's CNOT depolarizing (0.02); the mean over rounds
 * matches the outcome-averaged formula with the preset readout errors (0.05,
 * 0.005) within 5 standard errors, and the flipped rounds number about
 * (e0 + e1)/2; with unit and with 0.9 visibility (plus dark counts).
 */
class ReproNvGhzTestCase : public TestCase
{
  public:
    ReproNvGhzTestCase()
        : TestCase("NV GHZ fusion fidelity equals the formula from the link states")
    {
    }

  private:
    void DoRun() override
    {
        for (double v : {1.0, 0.9})
        {
            NvScenario s;
            s.visibility = v;
            s.darkCount = v < 1 ? 1e-5 : 0.0;
            s.rounds = 400;
            s.seed = 3;
            RunNv(s);
            NS_TEST_ASSERT_MSG_EQ(s.records.size(), 400, "rounds");
            NS_TEST_EXPECT_MSG_EQ_TOL(s.cnotNoise, 0.02, 1e-12, "preset CNOT noise");
            NS_TEST_EXPECT_MSG_EQ_TOL(s.readoutError0, 0.05, 1e-12, "preset readout 0");
            NS_TEST_EXPECT_MSG_EQ_TOL(s.readoutError1, 0.005, 1e-12, "preset readout 1");
            std::vector<double> fidelities;
            double meanFormula = 0;
            uint32_t flips = 0;
            for (const auto& r : s.records)
            {
                std::array<double, 4> p1;
                std::array<double, 4> p2;
                for (uint32_t i = 0; i < 4; ++i)
                {
                    p1[i] = r.link1State(i, i).real();
                    p2[i] = r.link2State(i, i).real();
                    for (uint32_t j = 0; j < 4; ++j)
                    {
                        const bool allowed = i == j || (i == 1 && j == 2) || (i == 2 && j == 1);
                        if (!allowed)
                        {
                            NS_TEST_EXPECT_MSG_LT(std::abs(r.link1State(i, j))
                                                      + std::abs(r.link2State(i, j)),
                                                  1e-12,
                                                  "X-shaped link states");
                        }
                    }
                }
                const double ages = 2 * (r.fusionTime - r.link1Time).GetSeconds()
                                    + 2 * (r.fusionTime - r.link2Time).GetSeconds();
                const double y1 = std::abs(r.link1State(1, 2));
                const double y2 = std::abs(r.link2State(1, 2));
                const double decay = std::exp(-ages / s.t2Seconds);
                const uint32_t m = r.outcome;
                const double right = RepeaterAnalytics::GhzFusionBranchFidelity(p1,
                                                                                y1,
                                                                                p2,
                                                                                y2,
                                                                                decay,
                                                                                s.cnotNoise,
                                                                                m,
                                                                                m);
                const double flipped = RepeaterAnalytics::GhzFusionBranchFidelity(p1,
                                                                                  y1,
                                                                                  p2,
                                                                                  y2,
                                                                                  decay,
                                                                                  s.cnotNoise,
                                                                                  1 - m,
                                                                                  m);
                const bool isRight = std::abs(r.ghzFidelity - right) < 1e-9;
                const bool isFlipped = std::abs(r.ghzFidelity - flipped) < 1e-9;
                NS_TEST_EXPECT_MSG_EQ(isRight || isFlipped,
                                      true,
                                      "round " << r.round << ": " << r.ghzFidelity
                                               << " is neither branch " << right << " nor "
                                               << flipped);
                flips += (isFlipped && !isRight) ? 1 : 0;
                fidelities.push_back(r.ghzFidelity);
                meanFormula += RepeaterAnalytics::GhzFusionFidelity(p1,
                                                                    y1,
                                                                    p2,
                                                                    y2,
                                                                    decay,
                                                                    s.cnotNoise,
                                                                    s.readoutError0,
                                                                    s.readoutError1);
                NS_TEST_EXPECT_MSG_GT((r.fusionTime - r.link2Time).GetSeconds(),
                                      499e-6,
                                      "the CNOT takes its 500 us");
            }
            meanFormula /= s.records.size();
            // The mean over rounds estimates the outcome-averaged formula.
            NS_TEST_EXPECT_MSG_EQ_TOL(Mean(fidelities),
                                      meanFormula,
                                      5 * StdError(fidelities),
                                      "mean GHZ fidelity, visibility " << v);
            // Readout flips: P(r = 0) e0 + P(r = 1) e1 with P(r) within 0.05 of
            // 1/2 for these link states, so (e0 + e1)/2 up to 0.05 |e0 - e1|.
            const double pFlip = (s.readoutError0 + s.readoutError1) / 2;
            const double n = s.records.size();
            NS_TEST_EXPECT_MSG_EQ_TOL(flips / n,
                                      pFlip,
                                      5 * std::sqrt(pFlip * (1 - pFlip) / n)
                                          + 0.05 * std::abs(s.readoutError0 - s.readoutError1),
                                      "readout flips");
        }
    }
};

/** Bad inputs abort with clear messages. */
class ReproBadInputTestCase : public TestCase
{
  public:
    ReproBadInputTestCase()
        : TestCase("repeater analytics and the fusion controller reject bad inputs")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::MeanMaxGeometric(3, 0.0),
                             "success probability p = 0 is invalid");
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::MeanMaxGeometric(0, 0.5),
                             "n = 0 segments is invalid");
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::DoublingMeanWait(4, 0.5, 0.5),
                             "levels = 4 is invalid");
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::DoublingMeanWait(2, 0.5, 1.5),
                             "swap success probability ps = 1.5 is invalid");
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::TwoSegmentMeanFidelity(0.5, 0, 0.1, 0.1),
                             "link fidelity f0 = 0.1 is invalid");
        QUANTUM_EXPECT_ABORT(RepeaterAnalytics::SingleClickFidelity(1.0, 0.5, 0),
                             "alpha = 1 is invalid");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<GhzFusionController> c = CreateObject<GhzFusionController>();
                c->Setup(nullptr, nullptr, nullptr, nullptr, nullptr);
            },
            "all four link ends are needed");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<GhzFusionController> c = CreateObject<GhzFusionController>();
                c->Start();
            },
            "call Setup first");
        QUANTUM_EXPECT_ABORT(
            GhzFusionController::FusionReference(BellState::PSI_PLUS, BellState::PSI_PLUS, 2),
            "outcome 2 is invalid");
        Ptr<GhzFusionController> c = CreateObject<GhzFusionController>();
        NS_TEST_EXPECT_MSG_EQ(c->SetAttributeFailSafe("NumRounds", UintegerValue(0)),
                              false,
                              "NumRounds 0 is refused");
    }
};

/** The repeater reproductions suite. */
class QuantumReproductionsRepeatersTestSuite : public TestSuite
{
  public:
    QuantumReproductionsRepeatersTestSuite()
        : TestSuite("quantum-reproductions-repeaters", Type::UNIT)
    {
        AddTestCase(new ReproAnalyticsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ReproWaitingTimeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ReproMemoryLimitedTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ReproNvLinkTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ReproNvGhzTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ReproBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** The suite instance. */
static QuantumReproductionsRepeatersTestSuite g_quantumReproductionsRepeatersTestSuite;
