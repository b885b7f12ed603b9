/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Entangled sensor network (GHZ probes fused from Bell pairs delivered by the
// network) against separable probes.  Formulas (derived in
// doc/sensing-and-stages.rst, "Entangled sensor network"):
//  - parity of a GHZ probe read out at azimuths a_i:
//    <P> = C cos(sum phi_i - sum a_i), C = exp(-sum_i t_i / T2);
//    a separable probe: <X_a> = exp(-t / T2) cos(phi - a)
//    (Giovannetti, Lloyd, Maccone, Science 306, 1330 (2004));
//  - at the working point (sum a_i = -pi/2, resp. a_i = -pi/2) the standard
//    error of the mean-phase estimate from M shots is 1/(N sqrt M) (GHZ,
//    Heisenberg limit) and 1/sqrt(N M) (separable, standard quantum limit)
//    (Giovannetti, Lloyd, Maccone, PRL 96, 010401 (2006));
//  - a shot fails if one of the N chains needs more than K attempts:
//    P_fail = 1 - (1 - (1 - p)^K)^N.

#include "quantum-test-utils.h"

#include "ns3/abstract-link-layer.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/entangled-sensing-helper.h"
#include "ns3/node-container.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/sensing-message-header.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>
#include <vector>

using namespace ns3;

namespace
{

/** Parameters of one sensing run. */
struct SensingRun
{
    uint32_t sensors = 2;                                                      //!< N
    SensorFusionApplication::Strategy strategy = SensorFusionApplication::GHZ; //!< strategy
    std::vector<double> phases;                                     //!< phi_i (empty: all `phase`)
    double phase = 0.0;                                             //!< common phase
    double readoutAngle = std::numeric_limits<double>::quiet_NaN(); //!< NaN: working point
    uint32_t shots = 100;                                           //!< shots
    uint32_t shotsPerEstimate = 10;                                 //!< M
    Time sensingTime = MicroSeconds(10);                            //!< sensing interval
    Time sensorT2 = Time(0);                                        //!< sensor memory T2 (0: none)
    double linkSuccess = 1.0;                                       //!< p per attempt
    Time shotTimeout = Time(0);                                     //!< shot timeout
    uint32_t run = 1;                                               //!< RngRun
};

/** What a run measured. */
struct SensingResult
{
    uint32_t completed = 0;                  //!< shots completed
    uint32_t failed = 0;                     //!< shots failed
    double paritySum = 0.0;                  //!< sum of parities
    std::vector<double> readoutSum;          //!< per sensor: sum of readouts (+-1)
    std::vector<double> estimates;           //!< phase estimates
    double contrastSum = 0.0;                //!< GHZ: sum over shots of exp(-sum t_i / T2)
    double storageSum = 0.0;                 //!< sum over shots and sensors of t_i (s)
    uint32_t storageCount = 0;               //!< readouts counted in storageSum
    std::vector<std::vector<double>> stored; //!< per shot: storage times (s)
};

/**
 * Build and run an entangled sensor network.
 * @param r the parameters
 * @return what it measured
 */
SensingResult
RunSensing(const SensingRun& r)
{
    RngSeedManager::SetSeed(271);
    RngSeedManager::SetRun(r.run);
    NodeContainer centre;
    centre.Create(1);
    NodeContainer sensors;
    sensors.Create(r.sensors);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(2 * r.sensors + 2));
    qnh.Install(centre);
    qnh.SetMemoryAttribute("T2", TimeValue(r.sensorT2));
    qnh.Install(sensors);
    QuantumRepeaterHelper rep;
    rep.SetLinkAttribute("SuccessProbability", DoubleValue(r.linkSuccess));
    rep.SetLinkAttribute("SynchronizeAttempts", BooleanValue(false));
    rep.SetLinkAttribute("AttemptPeriod", TimeValue(MilliSeconds(1)));
    EntangledSensingHelper h;
    h.SetFusionAttribute("NumShots", UintegerValue(r.shots));
    h.SetFusionAttribute("ShotsPerEstimate", UintegerValue(r.shotsPerEstimate));
    h.SetFusionAttribute("ShotTimeout", TimeValue(r.shotTimeout));
    h.SetSensorAttribute("SensingTime", TimeValue(r.sensingTime));
    std::vector<double> phases = r.phases;
    if (phases.empty())
    {
        phases.assign(r.sensors, r.phase);
    }
    EntangledSensorNetwork net = h.Install(centre.Get(0), sensors, phases, r.strategy, rep);
    if (!std::isnan(r.readoutAngle))
    {
        for (auto& s : net.sensors)
        {
            s->SetAttribute("ReadoutAngle", DoubleValue(r.readoutAngle));
        }
    }
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += qnh.AssignStreams(NodeContainer(centre, sensors), stream);
    stream += EntangledSensingHelper::AssignStreams(net, stream);

    SensingResult res;
    res.readoutSum.assign(r.sensors, 0.0);
    res.stored.resize(r.shots);
    const double t2
        = r.sensorT2.IsZero() ? std::numeric_limits<double>::infinity() : r.sensorT2.GetSeconds();
    for (uint32_t i = 0; i < r.sensors; ++i)
    {
        net.sensors[i]->TraceConnectWithoutContext(
            "Measured",
            MakeBoundCallback(
                +[](SensingResult* res, uint32_t i, uint32_t shot, uint32_t outcome, Time stored) {
                    res->readoutSum[i] += outcome ? -1.0 : 1.0;
                    res->stored[shot].push_back(stored.GetSeconds());
                    res->storageSum += stored.GetSeconds();
                    ++res->storageCount;
                },
                &res,
                i));
    }
    net.fusion->TraceConnectWithoutContext(
        "Shot",
        MakeBoundCallback(
            +[](SensingResult* res, double t2, uint32_t shot, bool ok, int32_t parity, double) {
                if (!ok)
                {
                    return;
                }
                res->paritySum += parity;
                double sum = 0.0;
                for (double t : res->stored[shot])
                {
                    sum += t;
                }
                res->contrastSum += std::exp(-sum / t2);
            },
            &res,
            t2));
    Simulator::Stop(Seconds(1e5));
    Simulator::Run();
    res.completed = net.fusion->GetShotsCompleted();
    res.failed = net.fusion->GetShotsFailed();
    res.estimates = net.fusion->GetEstimates();
    Simulator::Destroy();
    return res;
}

/**
 * @param v values
 * @return the sample mean and the sample standard deviation
 */
std::pair<double, double>
MeanStd(const std::vector<double>& v)
{
    double m = 0.0;
    for (double x : v)
    {
        m += x;
    }
    m /= v.size();
    double s = 0.0;
    for (double x : v)
    {
        s += (x - m) * (x - m);
    }
    return {m, std::sqrt(s / (v.size() - 1))};
}

/**
 * @ingroup quantum-tests
 * Mean parity of GHZ probes and mean readouts of separable probes against
 * cos(sum phi_i - sum a_i) and cos(phi_i - a_i), ideal parts, 5 sigma.
 */
class SensingParityTestCase : public TestCase
{
  public:
    SensingParityTestCase()
        : TestCase("Mean GHZ parity against cos(sum phi) and separable readouts against cos(phi)")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<double> phases{0.2, -0.1, 0.35};
        SensingRun r;
        r.sensors = 3;
        r.phases = phases;
        r.readoutAngle = 0.0;
        r.shots = 3000;
        r.shotsPerEstimate = 100;
        SensingResult g = RunSensing(r);
        NS_TEST_ASSERT_MSG_EQ(g.completed, r.shots, "every ideal shot completes");
        NS_TEST_ASSERT_MSG_EQ(g.failed, 0, "no ideal shot fails");
        const double expect = std::cos(0.2 - 0.1 + 0.35);
        const double mean = g.paritySum / g.completed;
        const double sigma = std::sqrt((1 - expect * expect) / g.completed);
        NS_TEST_EXPECT_MSG_EQ_TOL(mean, expect, 5 * sigma, "GHZ parity <P> = cos(sum phi)");
        // Equal phases: <P> = cos(N phi).
        r.phases.clear();
        r.phase = 0.3;
        r.run = 2;
        SensingResult g2 = RunSensing(r);
        const double e2 = std::cos(3 * 0.3);
        NS_TEST_EXPECT_MSG_EQ_TOL(g2.paritySum / g2.completed,
                                  e2,
                                  5 * std::sqrt((1 - e2 * e2) / g2.completed),
                                  "GHZ parity <P> = cos(N phi)");

        r.strategy = SensorFusionApplication::SEPARABLE;
        r.phases = phases;
        r.run = 3;
        SensingResult s = RunSensing(r);
        NS_TEST_ASSERT_MSG_EQ(s.completed, r.shots, "every separable shot completes");
        for (uint32_t i = 0; i < 3; ++i)
        {
            const double e = std::cos(phases[i]);
            NS_TEST_EXPECT_MSG_EQ_TOL(s.readoutSum[i] / s.completed,
                                      e,
                                      5 * std::sqrt((1 - e * e) / s.completed),
                                      "separable readout <X> = cos(phi_i), sensor " << i);
        }
    }
};

/**
 * @ingroup quantum-tests
 * Standard error of the mean-phase estimate at the working point, ideal
 * parts: 1/(N sqrt M) for GHZ probes (Heisenberg) against 1/sqrt(N M) for
 * separable probes; the ratio is sqrt N.  The sample standard deviation of
 * K estimates has relative standard error 1/sqrt(2 (K - 1)); gate 5 of them.
 */
class SensingScalingTestCase : public TestCase
{
  public:
    SensingScalingTestCase()
        : TestCase("Estimator error falls as 1 over N for GHZ and 1 over sqrt N for separable")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t m = 20;
        const uint32_t k = 400;
        const double phi = 0.02;
        const double relTol = 5.0 / std::sqrt(2.0 * (k - 1));
        uint32_t run = 10;
        for (uint32_t n : {1u, 2u, 4u})
        {
            SensingRun r;
            r.sensors = n;
            r.phase = phi;
            r.shots = m * k;
            r.shotsPerEstimate = m;
            r.run = run++;
            SensingResult g = RunSensing(r);
            r.strategy = SensorFusionApplication::SEPARABLE;
            r.run = run++;
            SensingResult s = RunSensing(r);
            NS_TEST_ASSERT_MSG_EQ(g.estimates.size(), k, "GHZ estimates");
            NS_TEST_ASSERT_MSG_EQ(s.estimates.size(), k, "separable estimates");
            const auto gs = MeanStd(g.estimates);
            const auto ss = MeanStd(s.estimates);
            const double sigmaG = 1.0 / (n * std::sqrt(double(m)));
            const double sigmaS = 1.0 / std::sqrt(double(n * m));
            NS_TEST_EXPECT_MSG_EQ_TOL(gs.second / sigmaG,
                                      1.0,
                                      relTol,
                                      "GHZ error 1/(N sqrt M), N = " << n);
            NS_TEST_EXPECT_MSG_EQ_TOL(ss.second / sigmaS,
                                      1.0,
                                      relTol,
                                      "separable error 1/sqrt(N M), N = " << n);
            NS_TEST_EXPECT_MSG_EQ_TOL(gs.first,
                                      phi,
                                      5 * sigmaG / std::sqrt(double(k)),
                                      "GHZ estimate unbiased, N = " << n);
            NS_TEST_EXPECT_MSG_EQ_TOL(ss.first,
                                      phi,
                                      5 * sigmaS / std::sqrt(double(k)),
                                      "separable estimate unbiased, N = " << n);
            NS_TEST_EXPECT_MSG_EQ_TOL((ss.second / gs.second) / std::sqrt(double(n)),
                                      1.0,
                                      std::sqrt(2.0) * relTol,
                                      "error ratio sqrt N, N = " << n);
        }
    }
};

/**
 * @ingroup quantum-tests
 * Memory dephasing: GHZ parity contrast exp(-sum_i t_i / T2) = exp(-N t / T2)
 * against exp(-t / T2) per separable probe, 5 sigma.
 */
class SensingDephasingTestCase : public TestCase
{
  public:
    SensingDephasingTestCase()
        : TestCase("Memory dephasing erodes GHZ contrast as exp(-N t over T2)")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 3;
        const Time t = MilliSeconds(1);
        const Time t2 = Seconds(n * 1e-3 / std::log(2.0)); // GHZ contrast 1/2
        SensingRun r;
        r.sensors = n;
        r.phase = 0.0;
        r.readoutAngle = 0.0;
        r.shots = 3000;
        r.shotsPerEstimate = 100;
        r.sensingTime = t;
        r.sensorT2 = t2;
        r.run = 40;
        SensingResult g = RunSensing(r);
        NS_TEST_ASSERT_MSG_EQ(g.completed, r.shots, "every shot completes");
        // The probes are stored for the sensing time plus the correction's
        // transmission time (sub-microsecond on the 10 Gbps link).
        const double meanStored = g.storageSum / g.storageCount;
        NS_TEST_EXPECT_MSG_EQ_TOL(meanStored / t.GetSeconds(), 1.0, 1e-2, "storage time ~ t");
        const double exact = g.contrastSum / g.completed; // mean exp(-sum t_i / T2)
        const double closed = std::exp(-(n * t.GetSeconds()) / t2.GetSeconds());
        NS_TEST_EXPECT_MSG_EQ_TOL(exact, closed, 1e-2, "exp(-sum t_i/T2) ~ exp(-N t/T2)");
        const double mean = g.paritySum / g.completed;
        NS_TEST_EXPECT_MSG_EQ_TOL(mean,
                                  exact,
                                  5 * std::sqrt((1 - exact * exact) / g.completed),
                                  "GHZ contrast exp(-sum t_i / T2)");

        r.strategy = SensorFusionApplication::SEPARABLE;
        r.run = 41;
        SensingResult s = RunSensing(r);
        const double c1 = std::exp(-t.GetSeconds() / t2.GetSeconds());
        for (uint32_t i = 0; i < n; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(s.readoutSum[i] / s.completed,
                                      c1,
                                      5 * std::sqrt((1 - c1 * c1) / s.completed),
                                      "separable contrast exp(-t/T2), sensor " << i);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(s.storageSum / s.storageCount,
                                  t.GetSeconds(),
                                  1e-12,
                                  "separable probes are stored exactly the sensing time");
    }
};

/**
 * @ingroup quantum-tests
 * A shot fails when a sensor's pair is not delivered within the timeout:
 * P_fail = 1 - (1 - (1 - p)^K)^N, 5 binomial sigma.
 */
class SensingLossTestCase : public TestCase
{
  public:
    SensingLossTestCase()
        : TestCase("Shots fail when a pair is not delivered in time")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 2;
        const double p = 0.3;
        const uint32_t kAttempts = 2;
        SensingRun r;
        r.sensors = n;
        r.phase = 0.1;
        r.shots = 2000;
        r.shotsPerEstimate = 10;
        r.linkSuccess = p;
        r.shotTimeout = MicroSeconds(2500); // attempts end at 1, 2, 3 ... ms
        r.run = 50;
        SensingResult res = RunSensing(r);
        NS_TEST_ASSERT_MSG_EQ(res.completed + res.failed, r.shots, "every shot is accounted for");
        const double pFail = 1 - std::pow(1 - std::pow(1 - p, kAttempts), n);
        NS_TEST_EXPECT_MSG_EQ_TOL(double(res.failed) / r.shots,
                                  pFail,
                                  5 * quantumtest::BinomialSigma(pFail, r.shots),
                                  "P_fail = 1 - (1 - (1-p)^K)^N");
    }
};

/**
 * @ingroup quantum-tests
 * Bad inputs abort with a clear message.
 */
class SensingBadInputTestCase : public TestCase
{
  public:
    SensingBadInputTestCase()
        : TestCase("Bad sensing inputs abort with a message")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            CreateObject<EntangledSensorApplication>()->SetAttribute("PhaseRad", DoubleValue(10.0)),
            "PhaseRad");
        QUANTUM_EXPECT_ABORT(
            CreateObject<SensorFusionApplication>()->SetAttribute("ShotsPerEstimate",
                                                                  UintegerValue(0)),
            "ShotsPerEstimate");
        QUANTUM_EXPECT_ABORT(CreateObject<SensorFusionApplication>()->SetSensors({}, {}),
                             "no sensors");
        QUANTUM_EXPECT_ABORT(CreateObject<SensorFusionApplication>()->SetSensors(
                                 {Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")},
                                 {CreateObject<RepeaterNodeAgent>()}),
                             "2 sensors but 1 chain agents");
        QUANTUM_EXPECT_ABORT(CreateObject<EntangledSensorApplication>()->SetAgent(nullptr),
                             "null agent");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer c;
                c.Create(3);
                QuantumRepeaterHelper rep;
                EntangledSensingHelper h;
                h.Install(c.Get(0),
                          NodeContainer(c.Get(1), c.Get(2)),
                          {0.1},
                          SensorFusionApplication::GHZ,
                          rep);
            },
            "2 sensors but 1 phases");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer c;
                c.Create(1);
                Ptr<SensorFusionApplication> f = CreateObject<SensorFusionApplication>();
                c.Get(0)->AddApplication(f);
                Simulator::Run();
            },
            "call SetSensors before starting");
    }
};

} // namespace

/**
 * @ingroup quantum-tests
 * The entangled-sensing test suite.
 */
class QuantumEntangledSensingTestSuite : public TestSuite
{
  public:
    QuantumEntangledSensingTestSuite()
        : TestSuite("quantum-entangled-sensing", Type::UNIT)
    {
        AddTestCase(new SensingParityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SensingScalingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SensingDephasingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SensingLossTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SensingBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumEntangledSensingTestSuite g_quantumEntangledSensingTestSuite;
