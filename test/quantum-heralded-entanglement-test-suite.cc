/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Heralded entanglement: the optics model against the closed forms of
// Humphreys et al., Nature 558, 268 (2018), supplement (single-click), Barrett
// and Kok, PRA 71, 060310(R) (2005) (double-click) and a hand derivation of
// single-click with dark counts (in the spirit of Rozpedek et al., PRA 99,
// 052330 (2019), appendix); the link layer in exact and fast mode against
// the same numbers, the T2 waiting penalty, UDP heralds over a real
// point-to-point network, and the service's errors.

#include "quantum-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/heralded-entanglement-model.h"
#include "ns3/heralded-link-layer.h"
#include "ns3/heralding-station.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/quantum-link-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace ns3;

namespace
{

/** Single-click, V = 1, no dark counts (Humphreys et al. 2018, supplement). */
double
ScSuccess(double alpha, double eta)
{
    return 2 * alpha * (1 - alpha) * eta + alpha * alpha * eta * (2 - eta);
}

/** Single-click fidelity, V = 1, no dark counts. */
double
ScFidelity(double alpha, double eta)
{
    return 2 * (1 - alpha) / (2 - alpha * eta);
}

/**
 * Single-click with visibility V (single-photon overlap sqrt V, HOM
 * coincidence (1 - V)/2) and no dark counts, symmetric arms: fidelity.
 */
double
ScFidelityV(double alpha, double eta, double v)
{
    const double coh = alpha * (1 - alpha) * eta / 2 * (1 + std::sqrt(v));
    const double p
        = alpha * (1 - alpha) * eta + alpha * alpha * (eta * (1 - eta) + eta * eta * (1 + v) / 4);
    return coh / p;
}

/**
 * Single-click, V = 1, all loss before the beam splitter (ideal detectors),
 * dark-count probability pd per detector: probability of "only c" and the
 * fidelity of its state to Psi+ (hand derivation: spin |00> clicks only by a
 * dark count; |01>, |10> by the photon or a dark count, coherent only when the
 * photon clicked; |11> by one or two photons or a dark count).
 */
void
ScDark(double alpha, double eta, double pd, double& pC, double& f)
{
    const double d00 = (1 - alpha) * (1 - alpha) * pd * (1 - pd);
    const double d01 = alpha * (1 - alpha) * (eta / 2 * (1 - pd) + (1 - eta) * pd * (1 - pd));
    const double coh = alpha * (1 - alpha) * eta / 2 * (1 - pd);
    const double d11
        = alpha * alpha
          * ((1 - pd) * (eta * eta / 2 + eta * (1 - eta)) + (1 - eta) * (1 - eta) * pd * (1 - pd));
    pC = d00 + 2 * d01 + d11;
    f = (d01 + coh) / pC;
}

/** Scenario of one link. */
struct Scenario
{
    std::string protocol = "single-click"; //!< protocol
    std::string mode = "exact";            //!< mode
    std::string transport = "signal-line"; //!< transport
    double distanceKm = 2;                 //!< node to node
    double attenuation = 0.2;              //!< dB/km
    double emission = 1;                   //!< emission efficiency
    double detEff = 1;                     //!< detector efficiency
    double pDark = 0;                      //!< dark-count probability
    double visibility = 1;                 //!< visibility
    double alpha = 0.1;                    //!< bright-state population
    double t2Seconds = 0;                  //!< 0 = infinite
    uint32_t lanes = 1;                    //!< parallel attempts
    std::string p2pRate = "1Gbps";         //!< UDP link rate
    Time p2pDelay = MicroSeconds(5);       //!< UDP link delay
    Time cutoff = Seconds(0);              //!< memory cut-off
    bool bothCreate = false;               //!< B issues the same request at the same time
};

/** What a run produced. */
struct LinkRunResult
{
    std::vector<EntanglementPair> okA;                          //!< OKs at A
    std::vector<EntanglementPair> okB;                          //!< OKs at B
    std::vector<double> trueF;                                  //!< ground truth at A
    std::vector<Time> deliveries;                               //!< OK times at A
    std::vector<std::pair<uint32_t, EntanglementError>> errors; //!< ERRs at A
    std::vector<uint64_t> expired;                              //!< EXPIREs at A
    uint64_t attempts = 0;                                      //!< station attempts
    uint64_t successes = 0;                                     //!< station successes
    uint64_t heraldPacketsRx = 0; //!< UDP packets received by the ends' p2p devices
    double modelP = 0;            //!< nominal model success probability
    double modelF = 0;            //!< nominal model fidelity at the herald
    Time period;                  //!< attempt period
    Time waitNominal;             //!< nominal emission-to-herald time
    double maxEstimate = 0;       //!< GetMaxEstimatedFidelity
    double lastEstimate = 0;      //!< estimated fidelity of the last OK
};

/** Runs a scenario. */
class Runner
{
  public:
    /**
     * @param sc scenario
     * @param request the request issued at A (remote filled in unless set)
     * @param run RngRun
     * @param keepRemote do not overwrite request.remoteNodeId
     * @return the result
     */
    LinkRunResult Go(const Scenario& sc,
                     EntanglementRequest request,
                     uint32_t run,
                     bool keepRemote = false)
    {
        RngSeedManager::SetSeed(12345);
        RngSeedManager::SetRun(run);
        NodeContainer nodes;
        nodes.Create(2);
        QuantumNodeHelper qn;
        qn.SetMemoryAttribute("NumSlots", UintegerValue(16));
        qn.SetMemoryAttribute("EmissionEfficiency", DoubleValue(sc.emission));
        if (sc.t2Seconds > 0)
        {
            qn.SetMemoryAttribute("T2", TimeValue(Seconds(sc.t2Seconds)));
        }
        qn.SetMemoryAttribute("CutoffTime", TimeValue(sc.cutoff));
        qn.Install(nodes);
        QuantumLinkHelper lh;
        lh.SetDistanceKm(sc.distanceKm);
        lh.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(sc.attenuation));
        lh.SetStationAttribute("Protocol", StringValue(sc.protocol));
        lh.SetStationAttribute("HeraldTransport", StringValue(sc.transport));
        lh.SetStationAttribute("Visibility", DoubleValue(sc.visibility));
        lh.SetDetectorAttribute("Efficiency", DoubleValue(sc.detEff));
        lh.SetDetectorAttribute("DarkCountProbability", DoubleValue(sc.pDark));
        lh.SetLinkLayerAttribute("Mode", StringValue(sc.mode));
        lh.SetLinkLayerAttribute("BrightStatePopulation", DoubleValue(sc.alpha));
        lh.SetLinkLayerAttribute("MaxParallelAttempts", UintegerValue(sc.lanes));
        lh.SetPointToPointDeviceAttribute("DataRate", StringValue(sc.p2pRate));
        lh.SetPointToPointChannelAttribute("Delay", TimeValue(sc.p2pDelay));
        HeraldedLink link = lh.Install(nodes.Get(0), nodes.Get(1));
        QuantumLinkHelper::AssignStreams(link, 10);
        qn.AssignStreams(nodes, 100);
        m_r = LinkRunResult();
        m_link = link;
        link.ends[0]->SetOkCallback(MakeCallback(&Runner::OkA, this));
        link.ends[1]->SetOkCallback(MakeCallback(&Runner::OkB, this));
        link.ends[0]->SetErrorCallback(MakeCallback(&Runner::Err, this));
        link.ends[0]->SetExpireCallback(MakeCallback(&Runner::Expire, this));
        link.ends[0]->TraceConnectWithoutContext("PairDelivered",
                                                 MakeCallback(&Runner::Trace, this));
        for (uint32_t i = 0; i < link.udpDevices.GetN(); ++i)
        {
            Ptr<NetDevice> d = link.udpDevices.Get(i);
            if (d->GetNode() != link.stationNode)
            {
                d->TraceConnectWithoutContext("MacRx", MakeCallback(&Runner::Rx, this));
            }
        }
        m_release = sc.cutoff.IsZero();
        if (!keepRemote)
        {
            request.remoteNodeId = nodes.Get(1)->GetId();
        }
        const HeraldedEntanglementModel& m = link.station->GetNominalModel();
        m_r.modelP = m.GetSuccessProbability();
        m_r.modelF = m.GetMeanFidelity();
        m_r.period = link.ends[0]->GetAttemptPeriod();
        m_r.waitNominal = link.station->GetArmDelay(0) + link.station->GetRoundSeparation()
                          + link.station->GetHeraldDelay(0);
        m_r.maxEstimate = link.ends[0]->GetMaxEstimatedFidelity();
        Simulator::Schedule(Seconds(0), &Runner::Issue, this, request);
        if (sc.bothCreate)
        {
            link.ends[1]->SetErrorCallback(MakeCallback(&Runner::Err, this));
            EntanglementRequest rb = request;
            rb.remoteNodeId = nodes.Get(0)->GetId();
            Simulator::Schedule(Seconds(0), &Runner::IssueB, this, rb);
        }
        Simulator::Stop(Seconds(1000));
        Simulator::Run();
        m_r.attempts = link.station->GetNumAttempts();
        m_r.successes = link.station->GetNumSuccesses();
        m_link = HeraldedLink();
        Simulator::Destroy();
        return m_r;
    }

  private:
    /** @param r the request */
    void Issue(EntanglementRequest r)
    {
        m_link.ends[0]->Create(r);
    }

    /** @param r the request, issued at B */
    void IssueB(EntanglementRequest r)
    {
        m_link.ends[1]->Create(r);
    }

    /** @param p pair */
    void OkA(const EntanglementPair& p)
    {
        m_r.okA.push_back(p);
        m_r.deliveries.push_back(Simulator::Now());
        m_r.lastEstimate = p.estimatedFidelity;
        if (m_release && p.memorySlot >= 0)
        {
            m_link.ends[0]->GetMemory()->Release(p.memorySlot);
        }
    }

    /** @param p pair */
    void OkB(const EntanglementPair& p)
    {
        m_r.okB.push_back(p);
        if (m_release && p.memorySlot >= 0)
        {
            m_link.ends[1]->GetMemory()->Release(p.memorySlot);
        }
    }

    /** @param p pair @param f fidelity */
    void Trace(const EntanglementPair& p, double f)
    {
        m_r.trueF.push_back(f);
    }

    /** @param id request @param e error @param n delivered */
    void Err(uint32_t id, EntanglementError e, uint32_t n)
    {
        m_r.errors.emplace_back(n, e);
    }

    /** @param id pair @param slot slot */
    void Expire(uint64_t id, int32_t slot)
    {
        m_r.expired.push_back(id);
    }

    /** @param p packet */
    void Rx(Ptr<const Packet> p)
    {
        ++m_r.heraldPacketsRx;
    }

    LinkRunResult m_r;     //!< result
    HeraldedLink m_link;   //!< link
    bool m_release = true; //!< release slots on OK
};

/** @return mean of v */
double
Mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
    {
        s += x;
    }
    return v.empty() ? 0 : s / v.size();
}

/** @return delivery intervals in seconds (first from t = 0) */
std::vector<double>
Intervals(const std::vector<Time>& t)
{
    std::vector<double> d;
    Time last = Seconds(0);
    for (const Time& x : t)
    {
        d.push_back((x - last).GetSeconds());
        last = x;
    }
    return d;
}

} // namespace

/** Model: single-click against the closed forms (Humphreys et al. 2018). */
class HeraldedModelSingleClickTestCase : public TestCase
{
  public:
    HeraldedModelSingleClickTestCase()
        : TestCase("Single-click model: P and F against closed forms, visibility, phase noise, "
                   "dark counts")
    {
    }

  private:
    void DoRun() override
    {
        for (double alpha : {0.05, 0.1, 0.3, 0.5})
        {
            for (double etaArm : {1.0, 0.5, 0.01})
            {
                for (double det : {1.0, 0.8})
                {
                    HeraldedEntanglementModel::Parameters p;
                    p.protocol = HeraldingProtocol::SINGLE_CLICK;
                    p.etaA = p.etaB = etaArm;
                    p.detectorEfficiency[0] = p.detectorEfficiency[1] = det;
                    p.alphaA = p.alphaB = alpha;
                    HeraldedEntanglementModel m(p);
                    const double eta = etaArm * det;
                    NS_TEST_EXPECT_MSG_EQ_TOL(m.GetSuccessProbability(),
                                              ScSuccess(alpha, eta),
                                              1e-12,
                                              "P, alpha " << alpha << " eta " << eta);
                    NS_TEST_EXPECT_MSG_EQ_TOL(m.GetMeanFidelity(),
                                              ScFidelity(alpha, eta),
                                              1e-12,
                                              "F, alpha " << alpha << " eta " << eta);
                    double sum = 0;
                    for (const auto& o : m.GetOutcomes())
                    {
                        sum += o.probability;
                    }
                    NS_TEST_EXPECT_MSG_EQ_TOL(sum, 1.0, 1e-12, "probabilities sum to 1");
                    NS_TEST_EXPECT_MSG_EQ((m.GetOutcome(1).bellState == BellState::PSI_PLUS),
                                          true,
                                          "c heralds Psi+");
                    NS_TEST_EXPECT_MSG_EQ((m.GetOutcome(2).bellState == BellState::PSI_MINUS),
                                          true,
                                          "d heralds Psi-");
                }
            }
        }
        // Visibility: coherence x sqrt(V), HOM bunching (1 + V)/4.
        for (double v : {0.9, 0.5, 0.0})
        {
            HeraldedEntanglementModel::Parameters p;
            p.etaA = p.etaB = 0.3;
            p.alphaA = p.alphaB = 0.2;
            p.visibility = v;
            HeraldedEntanglementModel m(p);
            NS_TEST_EXPECT_MSG_EQ_TOL(m.GetMeanFidelity(),
                                      ScFidelityV(0.2, 0.3, v),
                                      1e-12,
                                      "F with visibility " << v);
        }
        // Phase noise: coherence x exp(-sigma^2 / 2).
        {
            HeraldedEntanglementModel::Parameters p;
            p.etaA = p.etaB = 0.3;
            p.alphaA = p.alphaB = 0.2;
            const double f0 = HeraldedEntanglementModel(p).GetMeanFidelity();
            p.phaseNoiseStdRad = 0.5;
            HeraldedEntanglementModel m(p);
            // F = (d + coh)/P with coh = (F0 P - d) scaled; d = alpha(1-alpha) eta/2 / P.
            const double P = m.GetSuccessProbability() / 2;
            const double d = 0.2 * 0.8 * 0.3 / 2 / P;
            const double expected = d + (f0 - d) * std::exp(-0.125);
            NS_TEST_EXPECT_MSG_EQ_TOL(m.GetMeanFidelity(), expected, 1e-12, "phase noise");
        }
        // Dark counts, all loss in the arms.
        for (double pd : {1e-4, 1e-2, 0.1})
        {
            HeraldedEntanglementModel::Parameters p;
            p.etaA = p.etaB = 0.05;
            p.alphaA = p.alphaB = 0.1;
            p.darkCountProbability[0] = p.darkCountProbability[1] = pd;
            HeraldedEntanglementModel m(p);
            double pC;
            double f;
            ScDark(0.1, 0.05, pd, pC, f);
            NS_TEST_EXPECT_MSG_EQ_TOL(m.GetOutcome(1).probability, pC, 1e-12, "P(c) dark " << pd);
            NS_TEST_EXPECT_MSG_EQ_TOL(m.GetOutcome(1).fidelity, f, 1e-12, "F(c) dark " << pd);
            NS_TEST_EXPECT_MSG_EQ_TOL(m.GetSuccessProbability(), 2 * pC, 1e-12, "P dark " << pd);
        }
    }
};

/** Model: Barrett-Kok against the closed forms (Barrett and Kok 2005). */
class HeraldedModelBarrettKokTestCase : public TestCase
{
  public:
    HeraldedModelBarrettKokTestCase()
        : TestCase(
            "Barrett-Kok model: P = etaA etaB over 2 and F = (1 + V) over 2; dark counts lower F")
    {
    }

  private:
    void DoRun() override
    {
        for (double v : {1.0, 0.9, 0.6})
        {
            for (auto [ea, eb, det] : {std::tuple{1.0, 1.0, 1.0},
                                       std::tuple{0.3, 0.1, 0.9},
                                       std::tuple{0.01, 0.02, 0.5}})
            {
                HeraldedEntanglementModel::Parameters p;
                p.protocol = HeraldingProtocol::BARRETT_KOK;
                p.etaA = ea;
                p.etaB = eb;
                p.detectorEfficiency[0] = p.detectorEfficiency[1] = det;
                p.visibility = v;
                HeraldedEntanglementModel m(p);
                NS_TEST_EXPECT_MSG_EQ_TOL(m.GetSuccessProbability(),
                                          ea * det * eb * det / 2,
                                          1e-12,
                                          "P, V " << v);
                NS_TEST_EXPECT_MSG_EQ_TOL(m.GetMeanFidelity(), (1 + v) / 2, 1e-12, "F, V " << v);
                NS_TEST_EXPECT_MSG_EQ(m.GetSuccessIndices().size(), 4u, "four heralding patterns");
                NS_TEST_EXPECT_MSG_EQ((m.GetOutcome(0b0101).bellState == BellState::PSI_PLUS),
                                      true,
                                      "c,c heralds Psi+");
                NS_TEST_EXPECT_MSG_EQ((m.GetOutcome(0b1001).bellState == BellState::PSI_MINUS),
                                      true,
                                      "c,d heralds Psi-");
            }
        }
        // Dark counts: low-eta limit.  A success needs one click per round;
        // with photon detection probability q = eta/2 per detector and round
        // (to first order), the accidental patterns (one photon + one dark
        // count, or two dark counts) add P_acc = 4 (eta pd + pd^2) (leading order)
        // and carry no coherence: F ~ (1/2 * P_true) / (P_true + P_acc) + ...
        HeraldedEntanglementModel::Parameters p;
        p.protocol = HeraldingProtocol::BARRETT_KOK;
        p.etaA = p.etaB = 0.1;
        HeraldedEntanglementModel clean(p);
        p.darkCountProbability[0] = p.darkCountProbability[1] = 0.01;
        HeraldedEntanglementModel dark(p);
        NS_TEST_EXPECT_MSG_GT(dark.GetSuccessProbability(),
                              clean.GetSuccessProbability(),
                              "dark counts add false heralds");
        NS_TEST_EXPECT_MSG_LT(dark.GetMeanFidelity(), 0.95, "dark counts lower F");
        // Exact value for this case: the false heralds are the fraction
        // 1 - P_clean (1 - pd)^4 / P_dark of all heralds, and a false herald
        // has fidelity <= 1/2, so F <= 1 - (1 - P_clean(1-pd)^4/P)/2.
        const double trueFrac
            = clean.GetSuccessProbability() * std::pow(0.99, 4) / dark.GetSuccessProbability();
        NS_TEST_EXPECT_MSG_LT_OR_EQ(dark.GetMeanFidelity(),
                                    1 - (1 - trueFrac) / 2 + 1e-12,
                                    "F bounded by the true-herald fraction");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(dark.GetMeanFidelity(),
                                    trueFrac - 1e-12,
                                    "F at least the true-herald fraction");
    }
};

/** Exact-mode simulation against the model. */
class HeraldedExactSimulationTestCase : public TestCase
{
  public:
    /**
     * @param protocol protocol
     */
    HeraldedExactSimulationTestCase(std::string protocol)
        : TestCase("Exact mode " + protocol + ": success probability and fidelity")
        , m_protocol(protocol)
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.protocol = m_protocol;
        sc.distanceKm = 10;
        sc.emission = 0.8;
        sc.detEff = 0.9;
        sc.alpha = 0.1;
        sc.visibility = m_protocol == "single-click" ? 1.0 : 0.9;
        EntanglementRequest req;
        req.numPairs = 1500;
        Runner r;
        LinkRunResult res = r.Go(sc, req, 1);
        NS_TEST_ASSERT_MSG_EQ(res.okA.size(), 1500u, "all pairs delivered at A");
        NS_TEST_ASSERT_MSG_EQ(res.okB.size(), 1500u, "all pairs delivered at B");
        const double eta = 0.8 * std::pow(10, -0.2 * 5 / 10) * 0.9;
        const double pExpected = m_protocol == "single-click" ? ScSuccess(0.1, eta) : eta * eta / 2;
        const double fExpected
            = m_protocol == "single-click" ? ScFidelity(0.1, eta) : (1 + sc.visibility) / 2;
        NS_TEST_EXPECT_MSG_EQ_TOL(res.modelP, pExpected, 1e-12, "nominal model P");
        const double pHat = double(res.successes) / res.attempts;
        const double sigma = quantumtest::BinomialSigma(pExpected, res.attempts);
        NS_TEST_EXPECT_MSG_EQ_TOL(pHat, pExpected, 5 * sigma, "success probability (5 sigma)");
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(res.trueF), fExpected, 1e-9, "fidelity (no decay)");
        NS_TEST_EXPECT_MSG_EQ_TOL(res.lastEstimate, fExpected, 1e-9, "estimated fidelity");
        bool agree = true;
        for (size_t i = 0; i < res.okA.size(); ++i)
        {
            agree = agree && res.okA[i].pairId == res.okB[i].pairId
                    && res.okA[i].bellState == res.okB[i].bellState;
        }
        NS_TEST_EXPECT_MSG_EQ(agree, true, "both ends agree on pair ids and Bell states");
        uint32_t plus = 0;
        for (const auto& p : res.okA)
        {
            plus += p.bellState == BellState::PSI_PLUS ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(plus / 1500.0,
                                  0.5,
                                  5 * quantumtest::BinomialSigma(0.5, 1500),
                                  "Psi+ and Psi- equally likely");
    }

    std::string m_protocol; //!< protocol
};

/** Fidelity loss from waiting for the herald: T2 closed form. */
class HeraldedT2WaitingTestCase : public TestCase
{
  public:
    HeraldedT2WaitingTestCase()
        : TestCase("Waiting for the herald at long distance: F = (1 + exp(-2 t over T2)) over 2")
    {
    }

  private:
    void DoRun() override
    {
        for (double km : {20.0, 100.0, 400.0})
        {
            Scenario sc;
            sc.protocol = "double-click";
            sc.distanceKm = km;
            sc.attenuation = 0;
            sc.t2Seconds = 0.002;
            sc.mode = "fast";
            EntanglementRequest req;
            req.numPairs = 20;
            Runner r;
            LinkRunResult res = r.Go(sc, req, 3);
            // Emission to herald: half the distance out, half back, plus the
            // round separation (1 us): t = L / v + 1 us.
            const double t = km * 1000 / 2e8 + 1e-6;
            NS_TEST_EXPECT_MSG_EQ_TOL(res.waitNominal.GetSeconds(), t, 1e-12, "waiting time");
            const double expected = (1 + std::exp(-2 * t / 0.002)) / 2;
            NS_TEST_ASSERT_MSG_EQ(res.trueF.size(), 20u, "pairs");
            for (double f : res.trueF)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(f, expected, 1e-9, "fidelity at " << km << " km");
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(res.lastEstimate, expected, 1e-9, "estimate " << km);
        }
    }
};

/** Exact and fast modes agree in distribution. */
class HeraldedExactFastTestCase : public TestCase
{
  public:
    HeraldedExactFastTestCase()
        : TestCase("Exact and fast mode agree: success probability, fidelity, waiting time")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.protocol = "single-click";
        sc.distanceKm = 20;
        sc.alpha = 0.05;
        sc.t2Seconds = 0.01;
        sc.pDark = 1e-3;
        EntanglementRequest req;
        req.numPairs = 2000;
        Runner r;
        LinkRunResult ex = r.Go(sc, req, 5);
        sc.mode = "fast";
        LinkRunResult fa = r.Go(sc, req, 6);
        NS_TEST_ASSERT_MSG_EQ(ex.okA.size(), 2000u, "exact pairs");
        NS_TEST_ASSERT_MSG_EQ(fa.okA.size(), 2000u, "fast pairs");
        const double p = ex.modelP;
        for (const LinkRunResult* res : {&ex, &fa})
        {
            const double pHat = double(res->successes) / res->attempts;
            NS_TEST_EXPECT_MSG_EQ_TOL(pHat,
                                      p,
                                      5 * quantumtest::BinomialSigma(p, res->attempts),
                                      "success probability");
        }
        // Fidelities: every pair waits the same time in both modes.
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(ex.trueF), Mean(fa.trueF), 1e-9, "mean fidelity");
        // Waiting time between deliveries: K T, K geometric(p).
        const double T = ex.period.GetSeconds();
        NS_TEST_EXPECT_MSG_EQ_TOL(fa.period.GetSeconds(), T, 1e-15, "same period");
        std::vector<double> a = Intervals(ex.deliveries);
        std::vector<double> b = Intervals(fa.deliveries);
        const double sd = T * std::sqrt(1 - p) / p / std::sqrt(2000.0);
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(a), T / p, 5 * sd, "exact mean waiting time");
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(b), T / p, 5 * sd, "fast mean waiting time");
        // Two-sample Kolmogorov-Smirnov at alpha = 1e-5.
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        double dMax = 0;
        size_t i = 0;
        size_t j = 0;
        while (i < a.size() && j < b.size())
        {
            const double x = std::min(a[i], b[j]);
            while (i < a.size() && a[i] <= x)
            {
                ++i;
            }
            while (j < b.size() && b[j] <= x)
            {
                ++j;
            }
            dMax = std::max(dMax, std::abs(double(i) / a.size() - double(j) / b.size()));
        }
        const double crit = std::sqrt(-std::log(1e-5 / 2) / 2) * std::sqrt(2.0 / 2000);
        NS_TEST_EXPECT_MSG_LT(dMax, crit, "waiting-time distributions agree (KS)");
    }
};

/** UDP heralds traverse the ns-3 network. */
class HeraldedUdpTestCase : public TestCase
{
  public:
    HeraldedUdpTestCase()
        : TestCase("UDP heralds: real packets; a slower classical link delivers later with lower "
                   "fidelity")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.protocol = "double-click";
        sc.distanceKm = 2;
        sc.attenuation = 0;
        sc.t2Seconds = 0.01;
        sc.transport = "udp";
        sc.p2pRate = "1Gbps";
        sc.p2pDelay = MicroSeconds(5);
        EntanglementRequest req;
        req.numPairs = 30;
        Runner r;
        LinkRunResult fast = r.Go(sc, req, 7);
        // Two heralds per attempt, plus the CREATE / ACCEPT handshake (one each way).
        NS_TEST_EXPECT_MSG_EQ(fast.heraldPacketsRx,
                              2 * fast.attempts + 2,
                              "every herald is a packet received by an end");
        sc.p2pRate = "100kbps";
        sc.p2pDelay = MilliSeconds(1);
        LinkRunResult slow = r.Go(sc, req, 7);
        NS_TEST_ASSERT_MSG_EQ(fast.okA.size(), 30u, "fast pairs");
        NS_TEST_ASSERT_MSG_EQ(slow.okA.size(), 30u, "slow pairs");
        NS_TEST_EXPECT_MSG_GT(slow.deliveries[0],
                              fast.deliveries[0] + MilliSeconds(1),
                              "a slower link delivers later");
        NS_TEST_EXPECT_MSG_LT(Mean(slow.trueF),
                              Mean(fast.trueF) - 0.01,
                              "a slower link gives a lower fidelity");
        // The slow link's fidelity follows the packet latency: the herald
        // (size s bytes at 100 kbps plus 1 ms) adds the waiting time.
        const double bytes = HeraldHeader().GetSerializedSize() + 8 + 20 + 2;
        const double tw = 5e-6 + 1e-6 + 1e-3 + bytes * 8 / 1e5;
        NS_TEST_EXPECT_MSG_EQ_TOL(slow.trueF.back(),
                                  (1 + std::exp(-2 * tw / 0.01)) / 2,
                                  1e-9,
                                  "fidelity after the UDP herald latency");
    }
};

/** Multiplexing: lanes multiply the rate. */
class HeraldedMultiplexingTestCase : public TestCase
{
  public:
    HeraldedMultiplexingTestCase()
        : TestCase("Multiplexing: n parallel lanes deliver n times as fast")
    {
    }

  private:
    void DoRun() override
    {
        Scenario sc;
        sc.mode = "fast";
        sc.distanceKm = 10;
        sc.alpha = 0.05;
        sc.lanes = 4;
        EntanglementRequest req;
        req.numPairs = 4000;
        Runner r;
        LinkRunResult res = r.Go(sc, req, 9);
        NS_TEST_ASSERT_MSG_EQ(res.okA.size(), 4000u, "pairs");
        const double p = res.modelP;
        const double T = res.period.GetSeconds();
        const double rate = 4000 / res.deliveries.back().GetSeconds();
        // Each lane delivers every K T (plus nothing): rate = lanes p / T.
        const double expected = 4 * p / T;
        const double rel = std::sqrt(1 - p) / std::sqrt(4000.0);
        NS_TEST_EXPECT_MSG_EQ_TOL(rate, expected, 5 * rel * expected, "multiplexed rate");
    }
};

/** Service errors, keep/measure, expiry and replication independence. */
class HeraldedServiceTestCase : public TestCase
{
  public:
    HeraldedServiceTestCase()
        : TestCase("Service: bad requests, UNSUPPORTED, TIMEOUT, MEASURE_DIRECTLY, EXPIRE, runs")
    {
    }

  private:
    void DoRun() override
    {
        Runner r;
        Scenario sc;
        sc.mode = "fast";
        EntanglementRequest req;
        req.remoteNodeId = 999;
        LinkRunResult res = r.Go(sc, req, 1, true);
        NS_TEST_ASSERT_MSG_EQ(res.errors.size(), 1u, "one ERR");
        NS_TEST_EXPECT_MSG_EQ((res.errors[0].second == EntanglementError::UNKNOWN_NODE),
                              true,
                              "unknown node");
        req = EntanglementRequest();
        req.numPairs = 0;
        res = r.Go(sc, req, 1);
        NS_TEST_EXPECT_MSG_EQ(
            (res.errors.size() == 1 && res.errors[0].second == EntanglementError::INVALID_REQUEST),
            true,
            "zero pairs");
        req = EntanglementRequest();
        req.minFidelity = 1.5;
        res = r.Go(sc, req, 1);
        NS_TEST_EXPECT_MSG_EQ(
            (res.errors.size() == 1 && res.errors[0].second == EntanglementError::INVALID_REQUEST),
            true,
            "fidelity above 1");
        req = EntanglementRequest();
        req.minFidelity = 0.99; // alpha 0.1 gives F < 0.95
        res = r.Go(sc, req, 1);
        NS_TEST_EXPECT_MSG_EQ(
            (res.errors.size() == 1 && res.errors[0].second == EntanglementError::UNSUPPORTED),
            true,
            "fidelity above what the link reaches: " << res.maxEstimate);
        NS_TEST_EXPECT_MSG_EQ_TOL(res.maxEstimate,
                                  ScFidelity(0.1, std::pow(10, -0.02)),
                                  1e-9,
                                  "the link's best estimate is the model fidelity");
        // Deadline too short for 1000 pairs: TIMEOUT with the count so far.
        req = EntanglementRequest();
        req.numPairs = 1000;
        req.deadline = MilliSeconds(2);
        res = r.Go(sc, req, 1);
        NS_TEST_EXPECT_MSG_EQ((res.errors.size() == 1
                               && res.errors[0].second == EntanglementError::TIMEOUT
                               && res.errors[0].first == res.okA.size() && res.okA.size() < 1000),
                              true,
                              "timeout");
        // MEASURE_DIRECTLY on Barrett-Kok Psi states: Z outcomes always differ.
        sc.protocol = "double-click";
        req = EntanglementRequest();
        req.numPairs = 200;
        req.type = EntanglementRequestType::MEASURE_DIRECTLY;
        res = r.Go(sc, req, 2);
        NS_TEST_ASSERT_MSG_EQ(res.okA.size(), 200u, "measured pairs");
        bool anti = true;
        for (size_t i = 0; i < 200; ++i)
        {
            anti = anti && res.okA[i].outcome != res.okB[i].outcome && res.okA[i].memorySlot == -1;
        }
        NS_TEST_EXPECT_MSG_EQ(anti, true, "Psi+- in Z: opposite outcomes");
        // EXPIRE: a memory cut-off discards kept halves.
        sc.cutoff = MilliSeconds(1);
        req = EntanglementRequest();
        req.numPairs = 3;
        res = r.Go(sc, req, 2);
        NS_TEST_EXPECT_MSG_EQ(res.expired.size(), 3u, "three EXPIREs");
        NS_TEST_EXPECT_MSG_EQ((res.expired.size() == 3 && res.expired[0] == res.okA[0].pairId),
                              true,
                              "EXPIRE carries the pair id");
        // Both ends CREATE at once: B yields, both requests are served.
        sc = Scenario();
        sc.mode = "fast";
        sc.bothCreate = true;
        req = EntanglementRequest();
        req.numPairs = 5;
        res = r.Go(sc, req, 3);
        NS_TEST_EXPECT_MSG_EQ(res.errors.size(), 0u, "no ERR when both ends ask at once");
        uint32_t fromA = 0;
        uint32_t fromB = 0;
        for (const auto& p : res.okA)
        {
            fromA += p.originNodeId == 0 ? 1 : 0;
            fromB += p.originNodeId == 1 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(fromA, 5u, "A's request served");
        NS_TEST_EXPECT_MSG_EQ(fromB, 5u, "B's request served after it");
        // Replications: same run identical, other run different.
        sc = Scenario();
        sc.mode = "exact";
        req = EntanglementRequest();
        req.numPairs = 50;
        LinkRunResult a = r.Go(sc, req, 11);
        LinkRunResult b = r.Go(sc, req, 11);
        LinkRunResult c = r.Go(sc, req, 12);
        NS_TEST_EXPECT_MSG_EQ(a.attempts, b.attempts, "same run, same attempts");
        NS_TEST_EXPECT_MSG_EQ(a.deliveries.back(), b.deliveries.back(), "same run, same times");
        NS_TEST_EXPECT_MSG_NE(a.attempts, c.attempts, "other run, other attempts");
    }
};

/** Bad input aborts with a clear message. */
class HeraldedBadInputTestCase : public TestCase
{
  public:
    HeraldedBadInputTestCase()
        : TestCase("Bad parameters abort with a clear message")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            {
                HeraldedEntanglementModel::Parameters p;
                p.etaA = 1.5;
                HeraldedEntanglementModel m(p);
            },
            "etaA = 1.5 is outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(
            {
                HeraldedEntanglementModel::Parameters p;
                p.visibility = -0.1;
                HeraldedEntanglementModel m(p);
            },
            "visibility");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<Node> a = CreateObject<Node>();
                Ptr<Node> b = CreateObject<Node>();
                QuantumLinkHelper h;
                h.Install(a, b);
            },
            "has no QuantumMemory");
        QUANTUM_EXPECT_ABORT(
            {
                QuantumLinkHelper h;
                h.SetLinkLayerAttribute("BrightStatePopulation", DoubleValue(1.5));
            },
            "BrightStatePopulation");
        QUANTUM_EXPECT_ABORT(
            {
                QuantumLinkHelper h;
                h.SetStationAttribute("NoSuchThing", DoubleValue(1));
            },
            "has no attribute \"NoSuchThing\"");
    }
};

/** The suite. */
class HeraldedEntanglementTestSuite : public TestSuite
{
  public:
    HeraldedEntanglementTestSuite()
        : TestSuite("quantum-heralded-entanglement", Type::UNIT)
    {
        AddTestCase(new HeraldedModelSingleClickTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedModelBarrettKokTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedExactSimulationTestCase("single-click"), QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedExactSimulationTestCase("double-click"), QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedT2WaitingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedExactFastTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedUdpTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedMultiplexingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedServiceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new HeraldedBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** Static instance. */
static HeraldedEntanglementTestSuite g_heraldedEntanglementTestSuite;
