/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of StabilizerTableau, the Aaronson–Gottesman (CHP) stabilizer
 * formalism: S. Aaronson and D. Gottesman, "Improved simulation of stabilizer
 * circuits", Phys. Rev. A 70, 052328 (2004).
 *
 * Exact checks compare with a dense state-vector reference built from the
 * gates' matrices (quantumlinalg::ApplyMatrixToBits); states are compared up
 * to a global phase with |<ref|psi>| >= 1 - 1e-9.  Statistical checks use a
 * fixed seed and accept deviations up to 5 standard errors,
 * sigma = sqrt(p (1 - p) / N).
 */

#include "quantum-test-utils.h"

#include "ns3/kraus-channel.h"
#include "ns3/measurement-basis.h"
#include "ns3/quantum-gate.h"
#include "ns3/quantum-linalg.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/stabilizer-tableau.h"
#include "ns3/test.h"

#include <cmath>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Tolerance on |<ref|psi>| for exact state comparisons.
constexpr double kStateTol = 1e-9;

/**
 * Seed the generator as every test case does and return the stream.
 * @return a uniform random variable on stream 7
 */
Ptr<UniformRandomVariable>
MakeRng()
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(7);
    return rng;
}

/**
 * @param n number of qubits
 * @return |0...0>
 */
QVector
ZeroVector(uint32_t n)
{
    QVector v = QVector::Zero(Eigen::Index(1) << n);
    v[0] = 1;
    return v;
}

/**
 * Apply a gate to a dense reference vector.
 * @param psi the vector (modified)
 * @param n number of qubits
 * @param gate the gate
 * @param targets the qubits
 */
void
ApplyDense(QVector& psi, uint32_t n, const QuantumGate& gate, const std::vector<uint32_t>& targets)
{
    std::vector<uint32_t> bits;
    for (uint32_t t : targets)
    {
        bits.push_back(quantumlinalg::BitOf(n, t));
    }
    quantumlinalg::ApplyMatrixToBits(psi.data(), n, bits, gate.GetMatrix());
}

/**
 * @param a a normalised vector
 * @param b a normalised vector
 * @return |<a|b>|
 */
double
Overlap(const QVector& a, const QVector& b)
{
    return std::abs(a.dot(b));
}

/**
 * @param rng random numbers
 * @param n number of qubits (at least 2)
 * @param[out] targets the targets of the gate drawn
 * @return a random Clifford gate: every named Clifford kind, and rotations
 *         by k pi / 2 with k in -4 .. 4
 */
QuantumGate
RandomClifford(Ptr<UniformRandomVariable> rng, uint32_t n, std::vector<uint32_t>& targets)
{
    const uint32_t kind = rng->GetInteger(0, 12);
    const uint32_t a = rng->GetInteger(0, n - 1);
    uint32_t b = rng->GetInteger(0, n - 2);
    if (b >= a)
    {
        ++b;
    }
    const double angle = (static_cast<double>(rng->GetInteger(0, 8)) - 4) * M_PI / 2;
    targets = {a};
    switch (kind)
    {
        case 0:
            return QuantumGate::Identity();
        case 1:
            return QuantumGate::PauliX();
        case 2:
            return QuantumGate::PauliY();
        case 3:
            return QuantumGate::PauliZ();
        case 4:
            return QuantumGate::Hadamard();
        case 5:
            return QuantumGate::Phase();
        case 6:
            return QuantumGate::PhaseDagger();
        case 7:
            return QuantumGate::Rx(angle);
        case 8:
            return QuantumGate::Ry(angle);
        case 9:
            return QuantumGate::Rz(angle);
        case 10:
            targets = {a, b};
            return QuantumGate::Cnot();
        case 11:
            targets = {a, b};
            return QuantumGate::Cz();
        default:
            targets = {a, b};
            return QuantumGate::Swap();
    }
}

/**
 * Apply a random Clifford circuit to a tableau and a dense reference.
 * @param rng random numbers
 * @param tab the tableau
 * @param ref the reference vector (same qubits)
 * @param numGates circuit length
 */
void
RandomCircuit(Ptr<UniformRandomVariable> rng,
              StabilizerTableau& tab,
              QVector& ref,
              uint32_t numGates)
{
    const uint32_t n = tab.GetNumQubits();
    for (uint32_t g = 0; g < numGates; ++g)
    {
        std::vector<uint32_t> targets;
        const QuantumGate gate = RandomClifford(rng, n, targets);
        tab.ApplyGate(gate, targets);
        ApplyDense(ref, n, gate, targets);
    }
}

/**
 * @param n number of qubits
 * @return an n-qubit GHZ state (H on 0, CNOT chain)
 */
StabilizerTableau
MakeGhz(uint32_t n)
{
    StabilizerTableau t(n);
    t.ApplyGate(QuantumGate::Hadamard(), {0});
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        t.ApplyGate(QuantumGate::Cnot(), {i, i + 1});
    }
    return t;
}

} // namespace

/**
 * @ingroup quantum-tests
 * Every Clifford gate, in random circuits on 4 qubits, against the product
 * of the gate matrices on a dense vector.
 */
class StabilizerCliffordTestCase : public TestCase
{
  public:
    StabilizerCliffordTestCase()
        : TestCase("Clifford gates agree with the dense state-vector reference")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        const uint32_t n = 4;
        // one gate at a time from |0000>, then longer circuits
        for (uint32_t trial = 0; trial < 300; ++trial)
        {
            StabilizerTableau tab(n);
            QVector ref = ZeroVector(n);
            RandomCircuit(rng, tab, ref, trial < 100 ? 1 + trial % 3 : 40);
            const QVector psi = tab.GetStateVector();
            NS_TEST_ASSERT_MSG_EQ_TOL(psi.norm(), 1.0, 1e-12, "state vector not normalised");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(Overlap(ref, psi),
                                        1 - kStateTol,
                                        "trial " << trial << ": state differs from reference; "
                                                 << tab.ToString());
            if (trial % 20 == 0)
            {
                const QMatrix rho = tab.GetDensityMatrix();
                NS_TEST_ASSERT_MSG_LT((rho - ref * ref.adjoint()).cwiseAbs().maxCoeff(),
                                      kStateTol,
                                      "density matrix differs from |ref><ref|");
            }
        }
        // each rotation by each multiple of pi/2, applied to a non-trivial
        // state (|+i> on qubit 0 after H, S) so that phases and signs matter
        for (int k = -4; k <= 4; ++k)
        {
            const double angle = k * M_PI / 2;
            for (const QuantumGate& g :
                 {QuantumGate::Rx(angle), QuantumGate::Ry(angle), QuantumGate::Rz(angle)})
            {
                for (uint32_t prep = 0; prep < 3; ++prep)
                {
                    StabilizerTableau tab(1);
                    QVector ref = ZeroVector(1);
                    if (prep >= 1)
                    {
                        tab.ApplyGate(QuantumGate::Hadamard(), {0});
                        ApplyDense(ref, 1, QuantumGate::Hadamard(), {0});
                    }
                    if (prep == 2)
                    {
                        tab.ApplyGate(QuantumGate::Phase(), {0});
                        ApplyDense(ref, 1, QuantumGate::Phase(), {0});
                    }
                    NS_TEST_ASSERT_MSG_EQ(tab.SupportsGate(g, {0}), true, g.GetName());
                    tab.ApplyGate(g, {0});
                    ApplyDense(ref, 1, g, {0});
                    NS_TEST_ASSERT_MSG_GT_OR_EQ(Overlap(ref, tab.GetStateVector()),
                                                1 - kStateTol,
                                                g.GetName() << " on preparation " << prep);
                }
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Stabilizer strings, formalism, Supports* answers.
 */
class StabilizerBasicsTestCase : public TestCase
{
  public:
    StabilizerBasicsTestCase()
        : TestCase("Stabilizer strings and supported operations")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        StabilizerTableau bell = MakeGhz(2);
        NS_TEST_ASSERT_MSG_EQ(bell.ToString(), "+XX\n+ZZ", "Phi+ generators");
        NS_TEST_ASSERT_MSG_EQ((bell.GetFormalism() == QuantumFormalism::STABILIZER),
                              true,
                              "formalism");
        StabilizerTableau t(3);
        t.ApplyGate(QuantumGate::PauliX(), {0});
        t.ApplyGate(QuantumGate::Hadamard(), {1});
        t.ApplyGate(QuantumGate::Phase(), {1});
        t.ApplyGate(QuantumGate::PauliZ(), {1});
        const std::vector<std::string> expected = {"-ZII", "-IYI", "+IIZ"};
        NS_TEST_ASSERT_MSG_EQ((t.GetStabilizers() == expected), true, t.ToString());

        NS_TEST_ASSERT_MSG_EQ(t.SupportsGate(QuantumGate::TGate(), {0}), false, "T");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsGate(QuantumGate::TDagger(), {0}), false, "Tdg");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsGate(QuantumGate::Rx(0.3), {0}), false, "Rx(0.3)");
        NS_TEST_ASSERT_MSG_EQ(
            t.SupportsGate(QuantumGate::Unitary(QuantumGate::Hadamard().GetMatrix(), "H as matrix"),
                           {0}),
            false,
            "UNITARY");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsGate(QuantumGate::Rx(M_PI / 2), {0}), true, "Rx(pi/2)");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsGate(QuantumGate::Cz(), {0, 1}), true, "CZ");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsMeasurement(MeasurementBasis::YBasis()), true, "Y");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsMeasurement(MeasurementBasis::Bloch(0.3, 0.2)),
                              false,
                              "general basis");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsChannel(KrausChannel::Depolarizing(0.1), {0}),
                              true,
                              "depolarizing");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsChannel(KrausChannel::Depolarizing(0.1, 2), {0, 1}),
                              true,
                              "two-qubit depolarizing");
        NS_TEST_ASSERT_MSG_EQ(t.SupportsChannel(KrausChannel::AmplitudeDamping(0.1), {0}),
                              false,
                              "amplitude damping");

        // Copy is deep
        Ptr<QuantumState> c = bell.Copy();
        c->ApplyGate(QuantumGate::PauliZ(), {0});
        NS_TEST_ASSERT_MSG_EQ(bell.ToString(), "+XX\n+ZZ", "copy shares storage");

        // dense conversions abort above 12 qubits with a clear message
        QUANTUM_EXPECT_ABORT(StabilizerTableau(13).GetDensityMatrix(),
                             "StabilizerTableau::GetDensityMatrix: 13 qubits exceed the "
                             "dense limit of 12");
        QUANTUM_EXPECT_ABORT(StabilizerTableau(13).GetStateVector(),
                             "StabilizerTableau::GetStateVector: 13 qubits exceed the "
                             "dense limit of 12");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * GHZ states: 1,000 qubits all agree in Z; 50-qubit GHZ outcome statistics.
 */
class StabilizerGhzTestCase : public TestCase
{
  public:
    StabilizerGhzTestCase()
        : TestCase("GHZ states: correlated Z outcomes and fair statistics")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        for (uint32_t run = 0; run < 2; ++run)
        {
            StabilizerTableau ghz = MakeGhz(1000);
            const uint32_t first = ghz.Measure(0, MeasurementBasis::ZBasis(), *rng);
            bool allEqual = true;
            for (uint32_t q = 1; q < 1000; ++q)
            {
                allEqual = allEqual && ghz.Measure(q, MeasurementBasis::ZBasis(), *rng) == first;
            }
            NS_TEST_ASSERT_MSG_EQ(allEqual, true, "1000-qubit GHZ outcomes differ");
        }

        // fraction of all-zero outcomes: p = 0.5, N = 400, gate at 5 sigma
        const uint32_t runs = 400;
        uint32_t zeros = 0;
        for (uint32_t run = 0; run < runs; ++run)
        {
            StabilizerTableau ghz = MakeGhz(50);
            uint32_t ones = 0;
            for (uint32_t q = 0; q < 50; ++q)
            {
                ones += ghz.Measure(q, MeasurementBasis::ZBasis(), *rng);
            }
            NS_TEST_ASSERT_MSG_EQ((ones == 0 || ones == 50), true, "50-qubit GHZ outcomes differ");
            zeros += (ones == 0) ? 1 : 0;
        }
        const double sigma = quantumtest::BinomialSigma(0.5, runs);
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(zeros) / runs,
                                  0.5,
                                  5 * sigma,
                                  "fraction of all-zero GHZ outcomes");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bell pair correlations in the Z, X and Y bases: for |Phi+>, ZZ = XX = +1
 * and YY = -1.
 */
class StabilizerBellTestCase : public TestCase
{
  public:
    StabilizerBellTestCase()
        : TestCase("Bell pair correlations in Z, X and Y")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        const std::vector<MeasurementBasis> bases
            = {MeasurementBasis::ZBasis(), MeasurementBasis::XBasis(), MeasurementBasis::YBasis()};
        const uint32_t expectedParity[3] = {0, 0, 1};
        const uint32_t runs = 400;
        for (uint32_t b = 0; b < 3; ++b)
        {
            uint32_t firstOnes = 0;
            for (uint32_t run = 0; run < runs; ++run)
            {
                StabilizerTableau bell = MakeGhz(2);
                // measure either qubit first
                const uint32_t q0 = run % 2;
                const uint32_t m0 = bell.Measure(q0, bases[b], *rng);
                const uint32_t m1 = bell.Measure(1 - q0, bases[b], *rng);
                NS_TEST_ASSERT_MSG_EQ((m0 ^ m1),
                                      expectedParity[b],
                                      "Phi+ parity in basis " << bases[b].GetName());
                firstOnes += m0;
            }
            // the first outcome is fair: p = 0.5, N = 400, 5 sigma
            NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(firstOnes) / runs,
                                      0.5,
                                      5 * quantumtest::BinomialSigma(0.5, runs),
                                      "first outcome bias in basis " << bases[b].GetName());
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Measurement in Z, X, Y on random 4-qubit Clifford states: probabilities,
 * post-measurement states against the dense reference, repeatability, and
 * GetOutcomeProbability leaving the state alone.
 */
class StabilizerMeasurementTestCase : public TestCase
{
  public:
    StabilizerMeasurementTestCase()
        : TestCase("Measurement: probabilities, post-measurement states, repetition")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        const std::vector<MeasurementBasis> bases
            = {MeasurementBasis::ZBasis(), MeasurementBasis::XBasis(), MeasurementBasis::YBasis()};
        // single qubit: the post-measurement state is the basis eigenvector
        for (const MeasurementBasis& basis : bases)
        {
            for (uint32_t run = 0; run < 20; ++run)
            {
                StabilizerTableau q(1);
                if (run % 2)
                {
                    q.ApplyGate(QuantumGate::Hadamard(), {0});
                }
                const uint32_t m = q.Measure(0, basis, *rng);
                NS_TEST_ASSERT_MSG_GT_OR_EQ(Overlap(basis.GetEigenvector(m), q.GetStateVector()),
                                            1 - kStateTol,
                                            "post-measurement state in basis " << basis.GetName());
            }
        }

        const uint32_t n = 4;
        for (uint32_t trial = 0; trial < 150; ++trial)
        {
            StabilizerTableau tab(n);
            QVector ref = ZeroVector(n);
            RandomCircuit(rng, tab, ref, 30);
            const MeasurementBasis& basis = bases[trial % 3];
            const uint32_t q = rng->GetInteger(0, n - 1);

            // probabilities, and no change of state
            const std::vector<std::string> before = tab.GetStabilizers();
            const QVector psiBefore = tab.GetStateVector();
            double denseProb[2];
            QVector projected[2];
            for (uint32_t m = 0; m < 2; ++m)
            {
                projected[m] = ref;
                quantumlinalg::ApplyMatrixToBits(projected[m].data(),
                                                 n,
                                                 {quantumlinalg::BitOf(n, q)},
                                                 basis.GetProjector(m));
                denseProb[m] = projected[m].squaredNorm();
                NS_TEST_ASSERT_MSG_EQ_TOL(tab.GetOutcomeProbability(q, basis, m),
                                          denseProb[m],
                                          1e-9,
                                          "outcome probability, basis " << basis.GetName());
            }
            NS_TEST_ASSERT_MSG_EQ((tab.GetStabilizers() == before),
                                  true,
                                  "GetOutcomeProbability changed the generators");
            NS_TEST_ASSERT_MSG_EQ(((tab.GetStateVector() - psiBefore).norm() < 1e-12),
                                  true,
                                  "GetOutcomeProbability changed the state");

            // measure: the post-measurement state is the normalised projection
            const uint32_t m = tab.Measure(q, basis, *rng);
            NS_TEST_ASSERT_MSG_GT(denseProb[m], 0.25, "outcome of probability 0 drawn");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(
                Overlap(projected[m] / projected[m].norm(), tab.GetStateVector()),
                1 - kStateTol,
                "post-measurement state, basis " << basis.GetName());
            // measuring again in the same basis repeats the outcome
            NS_TEST_ASSERT_MSG_EQ(tab.GetOutcomeProbability(q, basis, m), 1.0, "not an eigenstate");
            for (uint32_t again = 0; again < 3; ++again)
            {
                NS_TEST_ASSERT_MSG_EQ(tab.Measure(q, basis, *rng),
                                      m,
                                      "repeated measurement in basis " << basis.GetName());
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Post-selection with Project().
 */
class StabilizerProjectTestCase : public TestCase
{
  public:
    StabilizerProjectTestCase()
        : TestCase("Project post-selects and aborts on impossible outcomes")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        StabilizerTableau bell = MakeGhz(2);
        NS_TEST_ASSERT_MSG_EQ(bell.Project(0, MeasurementBasis::ZBasis(), 1), 0.5, "random");
        NS_TEST_ASSERT_MSG_EQ(bell.GetOutcomeProbability(1, MeasurementBasis::ZBasis(), 1),
                              1.0,
                              "partner collapsed");
        NS_TEST_ASSERT_MSG_EQ(bell.Project(1, MeasurementBasis::ZBasis(), 1), 1.0, "certain");
        QVector e11 = QVector::Zero(4);
        e11[3] = 1;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(Overlap(e11, bell.GetStateVector()), 1 - kStateTol, "|11>");

        for (const MeasurementBasis& basis :
             {MeasurementBasis::XBasis(), MeasurementBasis::YBasis()})
        {
            StabilizerTableau b2 = MakeGhz(2);
            NS_TEST_ASSERT_MSG_EQ(b2.Project(0, basis, 1), 0.5, "random in " << basis.GetName());
            // XX = +1: partner 1; YY = -1: partner 0
            const uint32_t partner = basis.GetKind() == MeasurementBasis::X ? 1 : 0;
            NS_TEST_ASSERT_MSG_EQ(b2.GetOutcomeProbability(1, basis, partner),
                                  1.0,
                                  "partner in " << basis.GetName());
            NS_TEST_ASSERT_MSG_EQ(b2.Project(1, basis, partner), 1.0, "certain");
        }

        QUANTUM_EXPECT_ABORT(bell.Project(1, MeasurementBasis::ZBasis(), 0),
                             "StabilizerTableau::Project: outcome 0 of qubit 1 in the Z basis "
                             "has probability 0");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * RemoveQubit on GHZ states, product states, random states and across
 * 64-bit word boundaries.
 */
class StabilizerRemoveTestCase : public TestCase
{
  public:
    StabilizerRemoveTestCase()
        : TestCase("RemoveQubit measures, disentangles and deletes a qubit")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        QVector e00 = QVector::Zero(4);
        e00[0] = 1;
        QVector e11 = QVector::Zero(4);
        e11[3] = 1;

        // GHZ3: measure the middle qubit, remove it: |mm> remains
        for (uint32_t run = 0; run < 20; ++run)
        {
            StabilizerTableau ghz = MakeGhz(3);
            const uint32_t m = ghz.Measure(1, MeasurementBasis::ZBasis(), *rng);
            ghz.RemoveQubit(1, *rng);
            NS_TEST_ASSERT_MSG_EQ(ghz.GetNumQubits(), 2u, "qubit count");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(Overlap(m ? e11 : e00, ghz.GetStateVector()),
                                        1 - kStateTol,
                                        "GHZ3 after removing measured qubit 1 (m = " << m << ")");
        }
        // GHZ3: remove without measuring first: |00> or |11>, both occur
        uint32_t ones = 0;
        for (uint32_t run = 0; run < 40; ++run)
        {
            StabilizerTableau ghz = MakeGhz(3);
            ghz.RemoveQubit(run % 3, *rng);
            const QVector psi = ghz.GetStateVector();
            const bool is00 = Overlap(e00, psi) >= 1 - kStateTol;
            const bool is11 = Overlap(e11, psi) >= 1 - kStateTol;
            NS_TEST_ASSERT_MSG_EQ((is00 || is11), true, "GHZ3 minus one qubit: " << ghz.ToString());
            ones += is11 ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ((ones > 0 && ones < 40), true, "both outcomes occur");

        // product state: removing the middle factor leaves the rest unchanged
        for (uint32_t trial = 0; trial < 30; ++trial)
        {
            StabilizerTableau a(3);
            QVector refA = ZeroVector(3);
            RandomCircuit(rng, a, refA, 20);
            StabilizerTableau mid(1);
            const std::vector<QuantumGate> prep = {QuantumGate::Identity(),
                                                   QuantumGate::PauliX(),
                                                   QuantumGate::Hadamard(),
                                                   QuantumGate::Ry(-M_PI / 2)};
            mid.ApplyGate(prep[trial % 4], {0});
            StabilizerTableau c(2);
            QVector refC = ZeroVector(2);
            RandomCircuit(rng, c, refC, 10);
            Ptr<QuantumState> joint = a.Tensor(mid)->Tensor(c);
            joint->RemoveQubit(3, *rng);
            auto tab = DynamicCast<StabilizerTableau>(joint);
            NS_TEST_ASSERT_MSG_EQ(joint->GetNumQubits(), 5u, "qubit count");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(
                Overlap(quantumlinalg::KronVector(refA, refC), tab->GetStateVector()),
                1 - kStateTol,
                "product state changed by removal");
        }

        // random 5-qubit states: the result is one of the two normalised
        // conditional states of the remaining qubits
        const uint32_t n = 5;
        for (uint32_t trial = 0; trial < 100; ++trial)
        {
            StabilizerTableau tab(n);
            QVector ref = ZeroVector(n);
            RandomCircuit(rng, tab, ref, 40);
            const uint32_t t = rng->GetInteger(0, n - 1);
            if (trial % 2)
            {
                // make the removal deterministic (exercises that path)
                tab.Measure(t, MeasurementBasis::ZBasis(), *rng);
            }
            const QVector before = tab.GetStateVector();
            tab.RemoveQubit(t, *rng);
            const QVector after = tab.GetStateVector();
            const uint32_t bit = quantumlinalg::BitOf(n, t);
            double best = 0;
            for (uint32_t m = 0; m < 2; ++m)
            {
                QVector cond = QVector::Zero(Eigen::Index(1) << (n - 1));
                for (uint64_t j = 0; j < (uint64_t(1) << n); ++j)
                {
                    if (((j >> bit) & 1) == m)
                    {
                        const uint64_t low = j & ((uint64_t(1) << bit) - 1);
                        const uint64_t high = (j >> (bit + 1)) << bit;
                        cond[high | low] = before[j];
                    }
                }
                if (cond.norm() > 1e-6)
                {
                    best = std::max(best, Overlap(cond / cond.norm(), after));
                }
            }
            NS_TEST_ASSERT_MSG_GT_OR_EQ(best,
                                        1 - kStateTol,
                                        "trial " << trial << ": removal of qubit " << t);
        }

        // across word boundaries: 130 qubits, GHZ on all but t, t in |+>;
        // after removal the 129 qubits are a GHZ state (Z all equal, X parity even)
        for (uint32_t t : {0u, 1u, 63u, 64u, 65u, 127u, 128u, 129u})
        {
            const uint32_t big = 130;
            StabilizerTableau tab(big);
            std::vector<uint32_t> others;
            for (uint32_t q = 0; q < big; ++q)
            {
                if (q != t)
                {
                    others.push_back(q);
                }
            }
            tab.ApplyGate(QuantumGate::Hadamard(), {t});
            tab.ApplyGate(QuantumGate::Hadamard(), {others[0]});
            for (size_t i = 0; i + 1 < others.size(); ++i)
            {
                tab.ApplyGate(QuantumGate::Cnot(), {others[i], others[i + 1]});
            }
            tab.RemoveQubit(t, *rng);
            NS_TEST_ASSERT_MSG_EQ(tab.GetNumQubits(), big - 1, "qubit count");
            StabilizerTableau zCopy = tab;
            const uint32_t first = zCopy.Measure(0, MeasurementBasis::ZBasis(), *rng);
            bool allEqual = true;
            uint32_t parity = 0;
            for (uint32_t q = 0; q < big - 1; ++q)
            {
                allEqual = allEqual && zCopy.Measure(q, MeasurementBasis::ZBasis(), *rng) == first;
                parity ^= tab.Measure(q, MeasurementBasis::XBasis(), *rng);
            }
            NS_TEST_ASSERT_MSG_EQ(allEqual, true, "Z outcomes after removing qubit " << t);
            NS_TEST_ASSERT_MSG_EQ(parity, 0u, "X parity after removing qubit " << t);
        }

        // across word boundaries, deterministic path: GHZ on 130 qubits, t
        // measured first (many destabilizers have x_t = 1 afterwards)
        for (uint32_t t : {0u, 63u, 64u, 129u})
        {
            StabilizerTableau tab = MakeGhz(130);
            const uint32_t m = tab.Measure(t, MeasurementBasis::ZBasis(), *rng);
            tab.RemoveQubit(t, *rng);
            bool allEqual = true;
            for (uint32_t q = 0; q < 129; ++q)
            {
                allEqual
                    = allEqual && tab.GetOutcomeProbability(q, MeasurementBasis::ZBasis(), m) == 1;
            }
            NS_TEST_ASSERT_MSG_EQ(allEqual, true, "GHZ after measuring and removing qubit " << t);
        }

        // down to zero qubits
        StabilizerTableau one(1);
        one.ApplyGate(QuantumGate::Hadamard(), {0});
        one.RemoveQubit(0, *rng);
        NS_TEST_ASSERT_MSG_EQ(one.GetNumQubits(), 0u, "empty state");
        NS_TEST_ASSERT_MSG_EQ(one.GetStateVector().size(), Eigen::Index(1), "empty state vector");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Tensor products, small (dense check) and across word boundaries.
 */
class StabilizerTensorTestCase : public TestCase
{
  public:
    StabilizerTensorTestCase()
        : TestCase("Tensor is the block-diagonal direct sum")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        for (uint32_t trial = 0; trial < 50; ++trial)
        {
            StabilizerTableau a(2 + trial % 2);
            QVector refA = ZeroVector(a.GetNumQubits());
            RandomCircuit(rng, a, refA, 20);
            StabilizerTableau b(3);
            QVector refB = ZeroVector(3);
            RandomCircuit(rng, b, refB, 20);
            Ptr<QuantumState> ab = a.Tensor(b);
            NS_TEST_ASSERT_MSG_EQ(ab->GetNumQubits(), a.GetNumQubits() + 3, "qubit count");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(
                Overlap(quantumlinalg::KronVector(refA, refB),
                        DynamicCast<StabilizerTableau>(ab)->GetStateVector()),
                1 - kStateTol,
                "tensor product state");
        }

        // generators of a (x) b are a's padded with I, then I's and b's
        for (uint32_t n1 : {1u, 63u, 64u, 70u})
        {
            const uint32_t n2 = 70;
            StabilizerTableau a = MakeGhz(n1);
            a.ApplyGate(QuantumGate::PauliY(), {n1 - 1});
            StabilizerTableau b = MakeGhz(n2);
            b.ApplyGate(QuantumGate::Phase(), {5});
            b.ApplyGate(QuantumGate::PauliZ(), {69});
            Ptr<QuantumState> ab = a.Tensor(b);
            const auto stabs = DynamicCast<StabilizerTableau>(ab)->GetStabilizers();
            const auto sa = a.GetStabilizers();
            const auto sb = b.GetStabilizers();
            bool ok = stabs.size() == n1 + n2;
            for (uint32_t i = 0; ok && i < n1; ++i)
            {
                ok = stabs[i] == sa[i] + std::string(n2, 'I');
            }
            for (uint32_t j = 0; ok && j < n2; ++j)
            {
                ok = stabs[n1 + j] == sb[j].substr(0, 1) + std::string(n1, 'I') + sb[j].substr(1);
            }
            NS_TEST_ASSERT_MSG_EQ(ok, true, "generators of the tensor product, n1 = " << n1);

            // both blocks are still GHZ states
            Ptr<QuantumState> m = ab->Copy();
            m->ApplyGate(QuantumGate::PauliY(), {n1 - 1}); // undo the Y
            const uint32_t fa = m->Measure(0, MeasurementBasis::ZBasis(), *rng);
            const uint32_t fb = m->Measure(n1, MeasurementBasis::ZBasis(), *rng);
            bool equal = true;
            for (uint32_t q = 0; q < n1 + n2; ++q)
            {
                equal = equal
                        && m->Measure(q, MeasurementBasis::ZBasis(), *rng) == (q < n1 ? fa : fb);
            }
            NS_TEST_ASSERT_MSG_EQ(equal, true, "GHZ blocks after tensor, n1 = " << n1);
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Exact reduced density matrices (any n) against the dense partial trace,
 * and on large states.
 */
class StabilizerReducedTestCase : public TestCase
{
  public:
    StabilizerReducedTestCase()
        : TestCase("Reduced density matrices of stabilizer states")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        const uint32_t n = 5;
        for (uint32_t trial = 0; trial < 100; ++trial)
        {
            StabilizerTableau tab(n);
            QVector ref = ZeroVector(n);
            RandomCircuit(rng, tab, ref, 40);
            // a random ordered subset of 0 .. n qubits
            std::vector<uint32_t> perm = {0, 1, 2, 3, 4};
            for (uint32_t i = n - 1; i > 0; --i)
            {
                std::swap(perm[i], perm[rng->GetInteger(0, i)]);
            }
            const std::vector<uint32_t> keep(perm.begin(), perm.begin() + trial % (n + 1));
            const QMatrix expected = quantumlinalg::ReducedFromVector(ref, n, keep);
            const QMatrix rho = tab.GetReducedDensityMatrix(keep);
            NS_TEST_ASSERT_MSG_LT((rho - expected).cwiseAbs().maxCoeff(),
                                  1e-9,
                                  "trial " << trial << ": reduced density matrix of " << keep.size()
                                           << " qubits");
        }

        // a 200-qubit state: GHZ on 0 .. 99 (via Tensor), a Bell pair on
        // (110, 150): fidelity 1 with Phi+, and the marginals
        Ptr<StabilizerTableau> big
            = DynamicCast<StabilizerTableau>(MakeGhz(100).Tensor(StabilizerTableau(100)));
        big->ApplyGate(QuantumGate::Hadamard(), {110});
        big->ApplyGate(QuantumGate::Cnot(), {110, 150});
        QVector phiPlus = QVector::Zero(4);
        phiPlus[0] = phiPlus[3] = 1 / std::sqrt(2.0);
        NS_TEST_ASSERT_MSG_EQ_TOL(big->GetFidelity(phiPlus, {110, 150}), 1.0, 1e-12, "Bell pair");
        NS_TEST_ASSERT_MSG_EQ_TOL(big->GetFidelity(phiPlus, {150, 110}), 1.0, 1e-12, "Bell pair");
        QMatrix ghzMarginal = QMatrix::Zero(4, 4);
        ghzMarginal(0, 0) = ghzMarginal(3, 3) = 0.5;
        NS_TEST_ASSERT_MSG_LT(
            (big->GetReducedDensityMatrix({12, 99}) - ghzMarginal).cwiseAbs().maxCoeff(),
            1e-12,
            "two qubits of a GHZ state");
        QMatrix mixed = QMatrix::Identity(2, 2) / 2.0;
        NS_TEST_ASSERT_MSG_LT((big->GetReducedDensityMatrix({150}) - mixed).cwiseAbs().maxCoeff(),
                              1e-12,
                              "half of a Bell pair");
        const QMatrix mixed2 = QMatrix::Identity(4, 4) / 4.0;
        NS_TEST_ASSERT_MSG_LT(
            (big->GetReducedDensityMatrix({150, 12}) - mixed2).cwiseAbs().maxCoeff(),
            1e-12,
            "one qubit of each");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Sampled Pauli channels.
 */
class StabilizerChannelTestCase : public TestCase
{
  public:
    StabilizerChannelTestCase()
        : TestCase("Sampled Pauli channels: statistics and qubit order")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng();
        // Depolarizing(p): rho -> (1 - p) rho + p I / 2 (kraus-channel.h), so
        // P(1) = p / 2 for |0>.  N = 20,000, gate at 5 sigma.
        const double p = 0.3;
        const uint32_t runs = 20000;
        const KrausChannel dep = KrausChannel::Depolarizing(p);
        uint32_t ones = 0;
        for (uint32_t run = 0; run < runs; ++run)
        {
            StabilizerTableau q(1);
            q.ApplyChannel(dep, {0}, *rng);
            ones += q.Measure(0, MeasurementBasis::ZBasis(), *rng);
        }
        const double expected = p / 2;
        const double sigma = quantumtest::BinomialSigma(expected, runs);
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(ones) / runs,
                                  expected,
                                  5 * sigma,
                                  "depolarizing flip fraction");

        // two-qubit Pauli index 4 a + b: a on targets[0].  X (x) Z applied to
        // |0>|+> on targets (0, 1) gives |1>|->.
        std::vector<double> probs(16, 0.0);
        probs[4 * 1 + 3] = 1.0;
        const KrausChannel xz = KrausChannel::Pauli(probs, "XZ");
        for (uint32_t order = 0; order < 2; ++order)
        {
            StabilizerTableau t(2);
            const uint32_t zTarget = 1 - order;
            t.ApplyGate(QuantumGate::Hadamard(), {zTarget});
            t.ApplyChannel(xz, {order, zTarget}, *rng);
            NS_TEST_ASSERT_MSG_EQ(t.GetOutcomeProbability(order, MeasurementBasis::ZBasis(), 1),
                                  1.0,
                                  "X on targets[0]");
            NS_TEST_ASSERT_MSG_EQ(t.GetOutcomeProbability(zTarget, MeasurementBasis::XBasis(), 1),
                                  1.0,
                                  "Z on targets[1]");
        }

        // two-qubit depolarizing on a Bell pair: the ZZ parity flips with
        // probability 8/16 p (X or Y on exactly one side) = p / 2
        const KrausChannel dep2 = KrausChannel::Depolarizing(p, 2);
        uint32_t flips = 0;
        const uint32_t runs2 = 5000;
        for (uint32_t run = 0; run < runs2; ++run)
        {
            StabilizerTableau bell = MakeGhz(2);
            bell.ApplyChannel(dep2, {0, 1}, *rng);
            flips += bell.Measure(0, MeasurementBasis::ZBasis(), *rng)
                     ^ bell.Measure(1, MeasurementBasis::ZBasis(), *rng);
        }
        const double sigma2 = quantumtest::BinomialSigma(expected, runs2);
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(flips) / runs2,
                                  expected,
                                  5 * sigma2,
                                  "two-qubit depolarizing parity flips");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The stabilizer-formalism test suite.
 */
class StabilizerTableauTestSuite : public TestSuite
{
  public:
    StabilizerTableauTestSuite()
        : TestSuite("quantum-stabilizer", Type::UNIT)
    {
        AddTestCase(new StabilizerCliffordTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerBasicsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerGhzTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerBellTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerMeasurementTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerProjectTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerRemoveTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerTensorTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerReducedTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new StabilizerChannelTestCase, QUANTUM_TEST_QUICK);
    }
};

/// Static instance registering the suite.
static StabilizerTableauTestSuite g_stabilizerTableauTestSuite;
