/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CHSH estimator (Clauser, Horne, Shimony, Holt, PRL 23, 880 (1969)) on
// Werner pairs from the state registry: S = 2 sqrt 2 V with V = (4F - 1)/3
// at the optimal angles (A: Z, X; B: the two diagonals of the X-Z plane),
// correlators E(a, b) = V cos(theta_a - theta_b), 5 standard errors.

#include "quantum-test-utils.h"

#include "ns3/chsh-estimator.h"
#include "ns3/measurement-basis.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;

namespace
{

/**
 * @ingroup quantum-tests
 * S and the four correlators of Werner pairs against 2 sqrt 2 V and
 * V cos(theta_a - theta_b).
 */
class ChshWernerTestCase : public TestCase
{
  public:
    ChshWernerTestCase()
        : TestCase("CHSH value of Werner pairs against 2 sqrt 2 V")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(31);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
        reg->AssignStreams(1);
        Ptr<UniformRandomVariable> choice = CreateObject<UniformRandomVariable>();
        choice->SetStream(2);
        // Angles in the X-Z plane: A 0, pi/2; B pi/4, -pi/4.
        const double thetaA[2] = {0.0, M_PI / 2};
        const double thetaB[2] = {M_PI / 4, -M_PI / 4};
        const MeasurementBasis basisA[2]
            = {MeasurementBasis::Bloch(0.0, 0.0), MeasurementBasis::Bloch(M_PI / 2, 0.0)};
        const MeasurementBasis basisB[2]
            = {MeasurementBasis::Bloch(M_PI / 4, 0.0), MeasurementBasis::Bloch(M_PI / 4, M_PI)};
        for (double f : {1.0, 0.9, 0.75, 0.5})
        {
            ChshEstimator chsh;
            const uint32_t rounds = 20000;
            for (uint32_t i = 0; i < rounds; ++i)
            {
                const auto pair = reg->CreateWernerPair(f);
                const uint32_t a = choice->GetInteger(0, 1);
                const uint32_t b = choice->GetInteger(0, 1);
                const uint32_t oa = reg->Measure(pair.first, basisA[a], true);
                const uint32_t ob = reg->Measure(pair.second, basisB[b], true);
                chsh.Add(a, b, oa, ob);
            }
            NS_TEST_ASSERT_MSG_EQ(chsh.GetTotal(), rounds, "every round counted");
            const double v = ChshEstimator::WernerVisibility(f);
            double var = 0.0;
            for (uint32_t a = 0; a < 2; ++a)
            {
                for (uint32_t b = 0; b < 2; ++b)
                {
                    const double e = v * std::cos(thetaA[a] - thetaB[b]);
                    const double n = chsh.GetCount(a, b);
                    var += (1 - e * e) / n;
                    NS_TEST_EXPECT_MSG_EQ_TOL(chsh.GetCorrelator(a, b),
                                              e,
                                              5 * std::sqrt((1 - e * e) / n),
                                              "E(" << a << "," << b << ") at F = " << f);
                }
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(chsh.GetS(),
                                      ChshEstimator::WernerS(v),
                                      5 * std::sqrt(var),
                                      "S = 2 sqrt 2 V at F = " << f);
            NS_TEST_EXPECT_MSG_EQ_TOL(chsh.GetStandardError(),
                                      std::sqrt(var),
                                      0.05 * std::sqrt(var),
                                      "standard error of S at F = " << f);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(ChshEstimator::WernerS(1.0),
                                  2 * std::sqrt(2.0),
                                  1e-15,
                                  "Tsirelson bound");
        NS_TEST_EXPECT_MSG_EQ_TOL(ChshEstimator::WernerVisibility(0.25), 0.0, 1e-15, "V(1/4)");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad inputs abort with a clear message.
 */
class ChshBadInputTestCase : public TestCase
{
  public:
    ChshBadInputTestCase()
        : TestCase("Bad CHSH inputs abort with a message")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(ChshEstimator().Add(2, 0, 0, 0), "settings must be 0 or 1");
        QUANTUM_EXPECT_ABORT(ChshEstimator().Add(0, 0, 0, 3), "outcomes must be 0 or 1");
        QUANTUM_EXPECT_ABORT(ChshEstimator().GetS(), "no rounds with settings (0, 0)");
        QUANTUM_EXPECT_ABORT(ChshEstimator::WernerS(1.5), "visibility 1.5 outside [-1, 1]");
        QUANTUM_EXPECT_ABORT(ChshEstimator::WernerVisibility(-0.1), "fidelity -0.1 outside");
    }
};

} // namespace

/**
 * @ingroup quantum-tests
 * The CHSH test suite.
 */
class QuantumChshTestSuite : public TestSuite
{
  public:
    QuantumChshTestSuite()
        : TestSuite("quantum-chsh", Type::UNIT)
    {
        AddTestCase(new ChshWernerTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChshBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumChshTestSuite g_quantumChshTestSuite;
