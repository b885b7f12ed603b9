/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Kraus channels against hand-computed action (Nielsen & Chuang 2000,
// section 8.3) and T1/T2 memory decay against its closed forms.

#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/kraus-channel.h"
#include "ns3/quantum-density-matrix.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>
#include <limits>

using namespace ns3;

namespace
{

const double INF = std::numeric_limits<double>::infinity(); //!< no decay

/**
 * @return a fixed, generic single-qubit density matrix
 */
QMatrix
GenericRho()
{
    QMatrix rho(2, 2);
    rho << 0.7, QComplex(0.2, -0.15), QComplex(0.2, 0.15), 0.3;
    return rho;
}

/**
 * @param c channel
 * @param rho input
 * @return the output of the channel on rho, computed through the density-matrix formalism
 */
QMatrix
Through(const KrausChannel& c, const QMatrix& rho)
{
    QuantumDensityMatrix dm(rho);
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    dm.ApplyChannel(c, {0}, *rng);
    return dm.GetMatrix();
}

/**
 * Fidelity of |Phi+> after both halves idled for t (closed form derived in
 * doc/quantum.rst, "Memory decay"): F = (1 + g^2 + (1-g)^2)/4 + exp(-2t/T2)/2,
 * g = 1 - exp(-t/T1).
 * @param t time
 * @param t1 T1
 * @param t2 T2
 * @return the fidelity
 */
double
BellBothStoredFidelity(double t, double t1, double t2)
{
    const double g = 1 - std::exp(-t / t1);
    return 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * std::exp(-2 * t / t2);
}

/**
 * Fidelity of |Phi+> after one half idled for t: F = (2 - g)/4 + exp(-t/T2)/2.
 * @param t time
 * @param t1 T1
 * @param t2 T2
 * @return the fidelity
 */
double
BellOneStoredFidelity(double t, double t1, double t2)
{
    const double g = 1 - std::exp(-t / t1);
    return 0.25 * (2 - g) + 0.5 * std::exp(-t / t2);
}

} // namespace

/**
 * @ingroup quantum-tests
 * Each named channel against its defining formula on a generic input.
 */
class KrausChannelFormulaTestCase : public TestCase
{
  public:
    KrausChannelFormulaTestCase()
        : TestCase("named Kraus channels match their defining formulas")
    {
    }

  private:
    void DoRun() override
    {
        const QMatrix rho = GenericRho();
        const QMatrix x = KrausChannel::PauliMatrix(1);
        const QMatrix y = KrausChannel::PauliMatrix(2);
        const QMatrix z = KrausChannel::PauliMatrix(3);
        const QMatrix id = QMatrix::Identity(2, 2);
        const double p = 0.3;
        // Depolarizing: (1 - p) rho + p I/2
        NS_TEST_EXPECT_MSG_LT(
            (Through(KrausChannel::Depolarizing(p), rho) - ((1 - p) * rho + p * id / 2))
                .cwiseAbs()
                .maxCoeff(),
            1e-14,
            "depolarizing");
        NS_TEST_EXPECT_MSG_LT(
            (Through(KrausChannel::Dephasing(p), rho) - ((1 - p) * rho + p * z * rho * z))
                .cwiseAbs()
                .maxCoeff(),
            1e-14,
            "dephasing");
        NS_TEST_EXPECT_MSG_LT(
            (Through(KrausChannel::BitFlip(p), rho) - ((1 - p) * rho + p * x * rho * x))
                .cwiseAbs()
                .maxCoeff(),
            1e-14,
            "bit flip");
        // Pauli channel from probabilities.
        const std::vector<double> pp = {0.5, 0.2, 0.1, 0.2};
        const QMatrix pauliRef
            = 0.5 * rho + 0.2 * x * rho * x + 0.1 * y * rho * y + 0.2 * z * rho * z;
        NS_TEST_EXPECT_MSG_LT(
            (Through(KrausChannel::Pauli(pp), rho) - pauliRef).cwiseAbs().maxCoeff(),
            1e-14,
            "Pauli channel");
        // Amplitude damping: rho00 += g rho11, rho11 *= (1-g), rho01 *= sqrt(1-g).
        const double g = 0.35;
        QMatrix ad(2, 2);
        ad << rho(0, 0) + g * rho(1, 1), std::sqrt(1 - g) * rho(0, 1), std::sqrt(1 - g) * rho(1, 0),
            (1 - g) * rho(1, 1);
        NS_TEST_EXPECT_MSG_LT(
            (Through(KrausChannel::AmplitudeDamping(g), rho) - ad).cwiseAbs().maxCoeff(),
            1e-14,
            "amplitude damping");
        // Generalised amplitude damping (N&C eq. 8.108-8.111): fixed point diag(p, 1-p).
        const double q = 0.8;
        QMatrix gad(2, 2);
        gad << (1 - g) * rho(0, 0) + g * q, std::sqrt(1 - g) * rho(0, 1),
            std::sqrt(1 - g) * rho(1, 0), (1 - g) * rho(1, 1) + g * (1 - q);
        NS_TEST_EXPECT_MSG_LT((Through(KrausChannel::GeneralizedAmplitudeDamping(g, q), rho) - gad)
                                  .cwiseAbs()
                                  .maxCoeff(),
                              1e-14,
                              "generalised amplitude damping");
        // Two-qubit depolarizing on a Bell pair: F = 1 - p + p/4.
        QuantumDensityMatrix bell(QMatrix(BellStateVector(BellState::PHI_PLUS)
                                          * BellStateVector(BellState::PHI_PLUS).adjoint()));
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        bell.ApplyChannel(KrausChannel::Depolarizing(p, 2), {0, 1}, *rng);
        NS_TEST_EXPECT_MSG_EQ_TOL(bell.GetFidelity(BellStateVector(BellState::PHI_PLUS), {0, 1}),
                                  1 - p + p / 4,
                                  1e-14,
                                  "two-qubit depolarizing");
    }
};

/**
 * @ingroup quantum-tests
 * T1/T2 memory decay against the closed forms, exactly in the density-matrix
 * formalism and statistically in the state-vector (trajectory) formalism.
 */
class MemoryDecayTestCase : public TestCase
{
  public:
    MemoryDecayTestCase()
        : TestCase("T1 and T2 decay of 1, plus and stored Bell pairs match closed forms")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(5);
        const double t1 = 2.0;
        const double t2 = 1.5;
        const double r = 1 / std::sqrt(2.0);
        for (double t : {0.0, 0.1, 0.5, 1.0, 3.0})
        {
            // |1>: excited population exp(-t/T1).
            QubitHandle q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
            reg->ApplyGate(QuantumGate::PauliX(), {q});
            reg->ApplyMemoryDecay(q, t, t1, t2);
            QMatrix rho = reg->GetDensityMatrix({q});
            NS_TEST_EXPECT_MSG_EQ_TOL(std::real(rho(1, 1)), std::exp(-t / t1), 1e-12, "T1 decay");
            reg->Discard(q);
            // |+>: |rho01| = exp(-t/T2)/2, populations -> (1 + g)/2 and (1 - g)/2... exactly:
            q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
            reg->ApplyGate(QuantumGate::Hadamard(), {q});
            reg->ApplyMemoryDecay(q, t, t1, t2);
            rho = reg->GetDensityMatrix({q});
            NS_TEST_EXPECT_MSG_EQ_TOL(std::abs(rho(0, 1)),
                                      0.5 * std::exp(-t / t2),
                                      1e-12,
                                      "T2 decay");
            NS_TEST_EXPECT_MSG_EQ_TOL(std::real(rho(1, 1)),
                                      0.5 * std::exp(-t / t1),
                                      1e-12,
                                      "T1 part of |+> decay");
            QVector plus(2);
            plus << r, r;
            NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({q}, plus),
                                      0.5 + 0.5 * std::exp(-t / t2),
                                      1e-12,
                                      "|+> fidelity");
            reg->Discard(q);
            // Bell pair, both halves stored, and one half stored.
            for (auto f : {QuantumFormalism::DENSITY_MATRIX, QuantumFormalism::BELL_DIAGONAL})
            {
                auto [a, b] = reg->CreateBellPair(BellState::PHI_PLUS, f);
                reg->ApplyMemoryDecay(a, t, t1, t2);
                reg->ApplyMemoryDecay(b, t, t1, t2);
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    reg->GetFidelity({a, b}, BellStateVector(BellState::PHI_PLUS)),
                    BellBothStoredFidelity(t, t1, t2),
                    1e-12,
                    "Bell pair, both stored, " << QuantumFormalismName(f));
                reg->Discard(a);
                reg->Discard(b);
                auto [c, d] = reg->CreateBellPair(BellState::PHI_PLUS, f);
                reg->ApplyMemoryDecay(d, t, t1, t2);
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    reg->GetFidelity({c, d}, BellStateVector(BellState::PHI_PLUS)),
                    BellOneStoredFidelity(t, t1, t2),
                    1e-12,
                    "Bell pair, one stored, " << QuantumFormalismName(f));
                reg->Discard(c);
                reg->Discard(d);
            }
            // Pure dephasing (T1 infinite) keeps a Bell-diagonal pair Bell-diagonal.
            auto [e, h] = reg->CreateWernerPair(0.9);
            reg->ApplyMemoryDecay(e, t, INF, t2);
            NS_TEST_EXPECT_MSG_EQ(reg->GetFormalism(e),
                                  QuantumFormalism::BELL_DIAGONAL,
                                  "dephasing keeps the Bell-diagonal fast path");
            const double c0 = 0.5 * (1 + std::exp(-t / t2)); // probability of no Z flip
            const double wr = 0.1 / 3;
            NS_TEST_EXPECT_MSG_EQ_TOL(
                reg->GetFidelity({e, h}, BellStateVector(BellState::PHI_PLUS)),
                c0 * 0.9 + (1 - c0) * wr,
                1e-12,
                "Werner pair under dephasing");
            reg->Discard(e);
            reg->Discard(h);
        }

        // Trajectories: the state-vector mean fidelity converges to the exact value.
        const double t = 0.8;
        const uint32_t n = 4000;
        double sum = 0;
        double sum2 = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            auto [a, b] = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::STATE_VECTOR);
            reg->ApplyMemoryDecay(a, t, t1, t2);
            reg->ApplyMemoryDecay(b, t, t1, t2);
            const double fid = reg->GetFidelity({a, b}, BellStateVector(BellState::PHI_PLUS));
            sum += fid;
            sum2 += fid * fid;
            reg->Discard(a);
            reg->Discard(b);
        }
        const double mean = sum / n;
        const double se = std::sqrt((sum2 / n - mean * mean) / n);
        NS_TEST_EXPECT_MSG_EQ_TOL(mean,
                                  BellBothStoredFidelity(t, t1, t2),
                                  5 * se,
                                  "trajectory mean fidelity (5 standard errors, se=" << se << ")");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Invalid channel parameters abort with a clear message.
 */
class KrausChannelBadInputTestCase : public TestCase
{
  public:
    KrausChannelBadInputTestCase()
        : TestCase("invalid channels abort with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(KrausChannel::Depolarizing(1.5), "outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(KrausChannel::Dephasing(-0.1), "outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(KrausChannel::AmplitudeDamping(2), "outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(KrausChannel::MemoryDecay(1, 1.0, 3.0), "exceeds 2*T1");
        QUANTUM_EXPECT_ABORT(KrausChannel::MemoryDecay(-1, 1.0, 1.0), "negative");
        QUANTUM_EXPECT_ABORT(KrausChannel::MemoryDecay(1, 0.0, 1.0), "T1 = 0");
        QUANTUM_EXPECT_ABORT(KrausChannel::Pauli({0.5, 0.5, 0.5, 0}), "sum to");
        QUANTUM_EXPECT_ABORT(KrausChannel::Pauli({1, 0, 0}), "expected 4");
        QUANTUM_EXPECT_ABORT(KrausChannel::FromKraus({QMatrix::Identity(2, 2) * 0.5}, "half"),
                             "not trace preserving");
        QUANTUM_EXPECT_ABORT(
            KrausChannel::FromKraus({QMatrix::Identity(2, 2), QMatrix::Identity(4, 4)}),
            "expected 2x2");
    }
};

/**
 * @ingroup quantum-tests
 * The channel test suite.
 */
class QuantumChannelNoiseTestSuite : public TestSuite
{
  public:
    QuantumChannelNoiseTestSuite()
        : TestSuite("quantum-noise-channels", Type::UNIT)
    {
        AddTestCase(new KrausChannelFormulaTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryDecayTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new KrausChannelBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumChannelNoiseTestSuite g_quantumChannelNoiseTestSuite;
