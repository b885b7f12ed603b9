/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The same physics in several formalisms gives the same answer:
// Bell-diagonal swapping and purification against the density matrix
// (Bennett et al., PRA 54, 3824 (1996); Deutsch et al., PRL 77, 2818 (1996)),
// and GHZ statistics in the stabilizer tableau against the state vector.

#include "quantum-test-utils.h"

#include "ns3/bell-diagonal-state.h"
#include "ns3/quantum-density-matrix.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/quantum-state-vector.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/stabilizer-tableau.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;

namespace
{

/**
 * Density matrix of two independent Bell-diagonal pairs (a, b) and (c, d),
 * qubit order a, b, c, d.
 * @param p first pair
 * @param q second pair
 * @return the 4-qubit density matrix
 */
QMatrix
TwoPairs(const BellDiagonalState::Coefficients& p, const BellDiagonalState::Coefficients& q)
{
    return quantumlinalg::Kron(BellDiagonalState(p).GetDensityMatrix(),
                               BellDiagonalState(q).GetDensityMatrix());
}

/**
 * @param a coefficients
 * @param b coefficients
 * @return max |a_i - b_i|
 */
double
CoeffDiff(const BellDiagonalState::Coefficients& a, const BellDiagonalState::Coefficients& b)
{
    double d = 0;
    for (int i = 0; i < 4; ++i)
    {
        d = std::max(d, std::abs(a[i] - b[i]));
    }
    return d;
}

} // namespace

/**
 * @ingroup quantum-tests
 * Entanglement swapping of two Bell-diagonal pairs: the Bell-diagonal
 * formula against the density matrix, outcome by outcome, to 1e-12.  For
 * Werner inputs the result has fidelity F1 F2 + (1 - F1)(1 - F2)/3.
 */
class SwapCrossFormalismTestCase : public TestCase
{
  public:
    SwapCrossFormalismTestCase()
        : TestCase("swap: Bell-diagonal formula equals density matrix for every outcome")
    {
    }

  private:
    void DoRun() override
    {
        const BellDiagonalState::Coefficients p{0.8, 0.1, 0.06, 0.04};
        const BellDiagonalState::Coefficients q{0.7, 0.05, 0.15, 0.1};
        const std::vector<
            std::pair<BellDiagonalState::Coefficients, BellDiagonalState::Coefficients>>
            inputs = {{p, q},
                      {BellDiagonalState::Werner(0.9)->GetCoefficients(),
                       BellDiagonalState::Werner(0.85)->GetCoefficients()}};
        for (const auto& [a, b] : inputs)
        {
            for (uint32_t m = 0; m < 4; ++m)
            {
                // Density matrix: CNOT(1,2), H(1), project qubit 1 on z and 2 on x.
                QuantumDensityMatrix dm(TwoPairs(a, b));
                dm.ApplyGate(QuantumGate::Cnot(), {1, 2});
                dm.ApplyGate(QuantumGate::Hadamard(), {1});
                const uint32_t x = m & 1;
                const uint32_t z = m >> 1;
                const double p1 = dm.Project(1, MeasurementBasis::ZBasis(), z);
                const double p2 = dm.Project(2, MeasurementBasis::ZBasis(), x);
                NS_TEST_EXPECT_MSG_EQ_TOL(p1 * p2,
                                          0.25,
                                          1e-12,
                                          "every outcome has probability 1/4");
                const QMatrix rhoAD = dm.GetReducedDensityMatrix({0, 3});
                BellDiagonalState::Coefficients fromDm;
                const bool diag = BellDiagonalState::FromDensityMatrix(rhoAD, 1e-12, fromDm);
                NS_TEST_EXPECT_MSG_EQ(diag, true, "swapped state is Bell-diagonal");
                const auto fromBd = BellDiagonalState::Swap(a, b, BellStateFromLabel(m));
                NS_TEST_EXPECT_MSG_LT(CoeffDiff(fromDm, fromBd), 1e-12, "outcome " << m);
            }
        }
        // Werner algebra: F = F1 F2 + (1 - F1)(1 - F2)/3 for outcome Phi+.
        const double f1 = 0.9;
        const double f2 = 0.85;
        const auto r = BellDiagonalState::Swap(BellDiagonalState::Werner(f1)->GetCoefficients(),
                                               BellDiagonalState::Werner(f2)->GetCoefficients(),
                                               BellState::PHI_PLUS);
        NS_TEST_EXPECT_MSG_EQ_TOL(r[0], f1 * f2 + (1 - f1) * (1 - f2) / 3, 1e-15, "Werner swap");
    }
};

/**
 * @ingroup quantum-tests
 * Registry-level swapping: the fast Bell-diagonal path and the general
 * density-matrix path give the same outcome statistics and states.
 */
class RegistrySwapTestCase : public TestCase
{
  public:
    RegistrySwapTestCase()
        : TestCase("MeasureBell: Bell-diagonal fast path agrees with the gate-level path")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(2);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const BellDiagonalState::Coefficients p{0.8, 0.1, 0.06, 0.04};
        const BellDiagonalState::Coefficients q{0.7, 0.05, 0.15, 0.1};
        const uint32_t n = 2000;
        for (bool fast : {true, false})
        {
            std::vector<uint32_t> counts(4, 0);
            for (uint32_t i = 0; i < n; ++i)
            {
                auto [a, b] = reg->CreateBellDiagonalPair(p);
                auto [c, d] = reg->CreateBellDiagonalPair(q);
                if (!fast)
                {
                    reg->Convert(a, QuantumFormalism::DENSITY_MATRIX);
                    reg->Convert(c, QuantumFormalism::DENSITY_MATRIX);
                }
                const BellState m = reg->MeasureBell(b, c);
                counts[static_cast<uint32_t>(m)]++;
                NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(b), false, "measured qubits are consumed");
                const QMatrix rho = reg->GetDensityMatrix({a, d});
                const QMatrix expected
                    = BellDiagonalState(BellDiagonalState::Swap(p, q, m)).GetDensityMatrix();
                NS_TEST_EXPECT_MSG_LT((rho - expected).cwiseAbs().maxCoeff(),
                                      1e-12,
                                      (fast ? "fast" : "gate-level") << " path state");
                reg->Discard(a);
                reg->Discard(d);
            }
            for (uint32_t m = 0; m < 4; ++m)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(double(counts[m]) / n,
                                          0.25,
                                          5 * quantumtest::BinomialSigma(0.25, n),
                                          "outcome frequency " << m << (fast ? " fast" : " gates"));
            }
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "nothing left");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * BBPSSW and DEJMPS: the Bell-diagonal step against the density matrix for
 * both parities, and against the published formulas.
 */
class PurificationCrossFormalismTestCase : public TestCase
{
  public:
    PurificationCrossFormalismTestCase()
        : TestCase(
            "purification: Bell-diagonal step equals density matrix; BBPSSW and DEJMPS formulas")
    {
    }

  private:
    void DoRun() override
    {
        const BellDiagonalState::Coefficients p{0.75, 0.1, 0.09, 0.06};
        const BellDiagonalState::Coefficients q{0.7, 0.12, 0.08, 0.1};
        for (auto variant : {PurificationVariant::BBPSSW, PurificationVariant::DEJMPS})
        {
            for (uint32_t parity = 0; parity < 2; ++parity)
            {
                // Qubits: keepA=0, keepB=1, sacA=2, sacB=3.
                double probDm = 0;
                QMatrix keptDm = QMatrix::Zero(4, 4);
                for (uint32_t ma = 0; ma < 2; ++ma)
                {
                    QuantumDensityMatrix dm(TwoPairs(p, q));
                    if (variant == PurificationVariant::DEJMPS)
                    {
                        dm.ApplyGate(QuantumGate::Rx(M_PI / 2), {0});
                        dm.ApplyGate(QuantumGate::Rx(M_PI / 2), {2});
                        dm.ApplyGate(QuantumGate::Rx(-M_PI / 2), {1});
                        dm.ApplyGate(QuantumGate::Rx(-M_PI / 2), {3});
                    }
                    dm.ApplyGate(QuantumGate::Cnot(), {0, 2});
                    dm.ApplyGate(QuantumGate::Cnot(), {1, 3});
                    const double pa = dm.Project(2, MeasurementBasis::ZBasis(), ma);
                    const double pb = dm.Project(3, MeasurementBasis::ZBasis(), ma ^ parity);
                    probDm += pa * pb;
                    keptDm += pa * pb * dm.GetReducedDensityMatrix({0, 1});
                }
                keptDm /= probDm;
                auto pp = p;
                auto qq = q;
                if (variant == PurificationVariant::DEJMPS)
                {
                    pp = BellDiagonalState::DejmpsRotation(p);
                    qq = BellDiagonalState::DejmpsRotation(q);
                }
                double probBd;
                const auto out = BellDiagonalState::BilateralCnotMeasure(pp, qq, parity, probBd);
                NS_TEST_EXPECT_MSG_EQ_TOL(probBd, probDm, 1e-12, "parity probability");
                const QMatrix bd = BellDiagonalState(out).GetDensityMatrix();
                NS_TEST_EXPECT_MSG_LT((bd - keptDm).cwiseAbs().maxCoeff(), 1e-12, "kept pair");
            }
        }
        // BBPSSW on two Werner pairs of fidelity F (Bennett et al. 1996, eq. for F'):
        // F' = (F^2 + ((1-F)/3)^2) / (F^2 + 2F(1-F)/3 + 5((1-F)/3)^2).
        const double f = 0.8;
        const auto w = BellDiagonalState::Werner(f)->GetCoefficients();
        double ps;
        const auto bb = BellDiagonalState::BilateralCnotMeasure(w, w, 0, ps);
        const double r = (1 - f) / 3;
        const double norm = f * f + 2 * f * (1 - f) / 3 + 5 * r * r;
        NS_TEST_EXPECT_MSG_EQ_TOL(ps, norm, 1e-15, "BBPSSW success probability");
        NS_TEST_EXPECT_MSG_EQ_TOL(bb[0], (f * f + r * r) / norm, 1e-15, "BBPSSW output fidelity");
        // DEJMPS (Deutsch et al. 1996) with A = Phi+, B = Psi-, C = Psi+, D = Phi-:
        // A' = (A^2 + B^2)/N, N = (A + B)^2 + (C + D)^2.
        const double A = p[0];
        const double B = p[3];
        const double C = p[1];
        const double D = p[2];
        double pd;
        const auto dj
            = BellDiagonalState::BilateralCnotMeasure(BellDiagonalState::DejmpsRotation(p),
                                                      BellDiagonalState::DejmpsRotation(p),
                                                      0,
                                                      pd);
        const double nd = (A + B) * (A + B) + (C + D) * (C + D);
        NS_TEST_EXPECT_MSG_EQ_TOL(pd, nd, 1e-15, "DEJMPS success probability");
        NS_TEST_EXPECT_MSG_EQ_TOL(dj[0], (A * A + B * B) / nd, 1e-15, "DEJMPS A'");
        NS_TEST_EXPECT_MSG_EQ_TOL(dj[1], (C * C + D * D) / nd, 1e-15, "DEJMPS C' (Psi+)");
        NS_TEST_EXPECT_MSG_EQ_TOL(dj[3], 2 * C * D / nd, 1e-15, "DEJMPS B' (Psi-)");
        NS_TEST_EXPECT_MSG_EQ_TOL(dj[2], 2 * A * B / nd, 1e-15, "DEJMPS D' (Phi-)");
    }
};

/**
 * @ingroup quantum-tests
 * Registry-level purification in both formalisms gives the same success
 * rate and output fidelity.
 */
class RegistryPurifyTestCase : public TestCase
{
  public:
    RegistryPurifyTestCase()
        : TestCase("Purify: fast path and gate-level path agree statistically")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(8);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(3);
        const double f = 0.8;
        const double r = (1 - f) / 3;
        const double psucc = f * f + 2 * f * (1 - f) / 3 + 5 * r * r;
        const double fout = (f * f + r * r) / psucc;
        const uint32_t n = 3000;
        for (bool fast : {true, false})
        {
            uint32_t ok = 0;
            for (uint32_t i = 0; i < n; ++i)
            {
                auto [a, b] = reg->CreateWernerPair(f);
                auto [c, d] = reg->CreateWernerPair(f);
                if (!fast)
                {
                    reg->Convert(a, QuantumFormalism::DENSITY_MATRIX);
                    reg->Convert(c, QuantumFormalism::DENSITY_MATRIX);
                }
                const auto o = reg->Purify(a, b, c, d, PurificationVariant::BBPSSW);
                if (o.outcomeA == o.outcomeB)
                {
                    ++ok;
                    NS_TEST_EXPECT_MSG_EQ_TOL(
                        reg->GetFidelity({a, b}, BellStateVector(BellState::PHI_PLUS)),
                        fout,
                        1e-12,
                        "output fidelity (" << (fast ? "fast" : "gates") << ")");
                }
                reg->Discard(a);
                reg->Discard(b);
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(double(ok) / n,
                                      psucc,
                                      5 * quantumtest::BinomialSigma(psucc, n),
                                      "success rate (" << (fast ? "fast" : "gates") << ")");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * GHZ statistics: stabilizer tableau against the state vector.
 */
class GhzCrossFormalismTestCase : public TestCase
{
  public:
    GhzCrossFormalismTestCase()
        : TestCase("GHZ: stabilizer statistics equal state-vector statistics")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const uint32_t nq = 6;
        const uint32_t runs = 2000;
        for (auto f : {QuantumFormalism::STABILIZER, QuantumFormalism::STATE_VECTOR})
        {
            uint32_t allZero = 0;
            uint32_t xParityEven = 0;
            for (uint32_t r = 0; r < runs; ++r)
            {
                for (bool xBasis : {false, true})
                {
                    auto q = reg->CreateQubits(nq, f);
                    reg->ApplyGate(QuantumGate::Hadamard(), {q[0]});
                    for (uint32_t i = 1; i < nq; ++i)
                    {
                        reg->ApplyGate(QuantumGate::Cnot(), {q[i - 1], q[i]});
                    }
                    uint32_t ones = 0;
                    uint32_t first = 0;
                    bool allEqual = true;
                    for (uint32_t i = 0; i < nq; ++i)
                    {
                        const uint32_t m = reg->Measure(q[i],
                                                        xBasis ? MeasurementBasis::XBasis()
                                                               : MeasurementBasis::ZBasis(),
                                                        true);
                        ones += m;
                        if (i == 0)
                        {
                            first = m;
                        }
                        allEqual &= (m == first);
                    }
                    if (!xBasis)
                    {
                        NS_TEST_EXPECT_MSG_EQ(allEqual, true, "GHZ Z outcomes all equal");
                        allZero += (ones == 0);
                    }
                    else
                    {
                        // <X...X> = +1 for GHZ: even parity always.
                        xParityEven += (ones % 2 == 0);
                    }
                }
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(double(allZero) / runs,
                                      0.5,
                                      5 * quantumtest::BinomialSigma(0.5, runs),
                                      QuantumFormalismName(f) << " P(all zero)");
            NS_TEST_EXPECT_MSG_EQ(xParityEven, runs, QuantumFormalismName(f) << " X parity");
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "all measured destructively");
        // Exact conversion stabilizer -> state vector of a GHZ state.
        auto q = reg->CreateQubits(3, QuantumFormalism::STABILIZER);
        reg->ApplyGate(QuantumGate::Hadamard(), {q[0]});
        reg->ApplyGate(QuantumGate::Cnot(), {q[0], q[1]});
        reg->ApplyGate(QuantumGate::Cnot(), {q[1], q[2]});
        reg->Convert(q[0], QuantumFormalism::STATE_VECTOR);
        QVector ghz = QVector::Zero(8);
        ghz(0) = ghz(7) = 1 / std::sqrt(2.0);
        NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity(q, ghz), 1.0, 1e-12, "stabilizer -> vector");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Large registers: 20 qubits as a state vector, 10 as a density matrix, and
 * density-matrix invariants after a noisy circuit.
 */
class FormalismCapacityTestCase : public TestCase
{
  public:
    FormalismCapacityTestCase()
        : TestCase("20-qubit state vector, 10-qubit density matrix, invariants hold")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        auto v = reg->CreateQubits(20, QuantumFormalism::STATE_VECTOR);
        reg->ApplyGate(QuantumGate::Hadamard(), {v[0]});
        for (uint32_t i = 1; i < 20; ++i)
        {
            reg->ApplyGate(QuantumGate::Cnot(), {v[0], v[i]});
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(v[0]), 20, "one 20-qubit group");
        const uint32_t m0 = reg->Measure(v[0]);
        for (uint32_t i = 1; i < 20; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(reg->Measure(v[i]), m0, "20-qubit GHZ correlations");
        }
        auto d = reg->CreateQubits(10, QuantumFormalism::DENSITY_MATRIX);
        for (uint32_t i = 0; i < 10; ++i)
        {
            reg->ApplyGate(QuantumGate::Ry(0.3 + 0.1 * i), {d[i]});
            if (i > 0)
            {
                reg->ApplyGate(QuantumGate::Cnot(), {d[i - 1], d[i]});
            }
            reg->ApplyChannel(KrausChannel::AmplitudeDamping(0.05), {d[i]});
            reg->ApplyChannel(KrausChannel::Depolarizing(0.02), {d[i]});
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(d[0]), 10, "one 10-qubit group");
        std::vector<QubitHandle> five(d.begin(), d.begin() + 5);
        const QMatrix rho = reg->GetDensityMatrix(five);
        NS_TEST_EXPECT_MSG_EQ(quantumlinalg::CheckDensityMatrix(rho, 1e-10, true),
                              "",
                              "reduced state is a valid density matrix");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Inexact conversions and unsupported operations stop with clear errors.
 */
class FormalismBadInputTestCase : public TestCase
{
  public:
    FormalismBadInputTestCase()
        : TestCase("inexact conversions and non-Clifford stabilizer gates abort")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        QUANTUM_EXPECT_ABORT(
            {
                auto q = reg->CreateQubit(QuantumFormalism::STABILIZER);
                reg->ApplyGate(QuantumGate::TGate(), {q});
            },
            "is not a Clifford gate");
        QUANTUM_EXPECT_ABORT(
            {
                auto q = reg->CreateQubit(QuantumFormalism::STABILIZER);
                reg->ApplyChannel(KrausChannel::AmplitudeDamping(0.1), {q});
            },
            "not a Pauli channel");
        QUANTUM_EXPECT_ABORT(
            {
                auto q = reg->CreateQubit(QuantumFormalism::STABILIZER);
                reg->Measure(q, MeasurementBasis::Bloch(0.3, 0.1));
            },
            "Z, X or Y only");
        QUANTUM_EXPECT_ABORT(
            {
                auto q = reg->CreateMixedState(QMatrix::Identity(2, 2) * 0.5);
                reg->Convert(q[0], QuantumFormalism::STATE_VECTOR);
            },
            "cannot convert a mixed");
        QUANTUM_EXPECT_ABORT(
            {
                auto q = reg->CreateQubit(QuantumFormalism::STATE_VECTOR);
                reg->Convert(q, QuantumFormalism::STABILIZER);
            },
            "no exact conversion");
        QUANTUM_EXPECT_ABORT(
            {
                reg->SetAttribute("MaxDensityMatrixQubits", UintegerValue(4));
                auto q = reg->CreateQubits(5, QuantumFormalism::DENSITY_MATRIX);
                for (uint32_t i = 1; i < 5; ++i)
                {
                    reg->ApplyGate(QuantumGate::Cnot(), {q[0], q[i]});
                }
            },
            "exceeds MaxDensityMatrixQubits");
        QUANTUM_EXPECT_ABORT(
            Create<BellDiagonalState>(BellDiagonalState::Coefficients{0.5, 0.6, 0, 0}),
            "sum to");
        QUANTUM_EXPECT_ABORT(BellDiagonalState::Werner(1.2), "outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(Create<QuantumDensityMatrix>(QMatrix::Identity(4, 4)), "trace is");
    }
};

/**
 * @ingroup quantum-tests
 * The cross-formalism test suite.
 */
class QuantumFormalismTestSuite : public TestSuite
{
  public:
    QuantumFormalismTestSuite()
        : TestSuite("quantum-formalisms", Type::UNIT)
    {
        AddTestCase(new SwapCrossFormalismTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistrySwapTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PurificationCrossFormalismTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryPurifyTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new GhzCrossFormalismTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new FormalismCapacityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new FormalismBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumFormalismTestSuite g_quantumFormalismTestSuite;
