/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Gates, unitaries and projective measurement against hand-computed matrices
// and the Born rule (Nielsen & Chuang 2000, sections 4.2-4.3 and 2.2.5).

#include "quantum-test-utils.h"

#include "ns3/measurement-basis.h"
#include "ns3/quantum-density-matrix.h"
#include "ns3/quantum-gate.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/quantum-state-vector.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;

namespace
{

const QComplex I1(0, 1); //!< imaginary unit

/**
 * @param a a matrix
 * @param b a matrix
 * @return max |a - b|
 */
double
MaxDiff(const QMatrix& a, const QMatrix& b)
{
    return (a - b).cwiseAbs().maxCoeff();
}

/**
 * @param a00 entry
 * @param a01 entry
 * @param a10 entry
 * @param a11 entry
 * @return the 2x2 matrix
 */
QMatrix
Mat2(QComplex a00, QComplex a01, QComplex a10, QComplex a11)
{
    QMatrix m(2, 2);
    m << a00, a01, a10, a11;
    return m;
}

} // namespace

/**
 * @ingroup quantum-tests
 * Every named gate against its textbook matrix.
 */
class QuantumGateMatrixTestCase : public TestCase
{
  public:
    QuantumGateMatrixTestCase()
        : TestCase("named gate matrices match Nielsen & Chuang")
    {
    }

  private:
    void DoRun() override
    {
        const double r = 1 / std::sqrt(2.0);
        const double th = 0.7;
        const double c = std::cos(th / 2);
        const double s = std::sin(th / 2);

        struct Case
        {
            QuantumGate gate;
            QMatrix expected;
        };

        QMatrix cnot = QMatrix::Zero(4, 4);
        cnot(0, 0) = cnot(1, 1) = cnot(2, 3) = cnot(3, 2) = 1;
        QMatrix cz = QMatrix::Identity(4, 4);
        cz(3, 3) = -1;
        QMatrix swap = QMatrix::Zero(4, 4);
        swap(0, 0) = swap(1, 2) = swap(2, 1) = swap(3, 3) = 1;
        const std::vector<Case> cases = {
            {QuantumGate::Identity(), Mat2(1, 0, 0, 1)},
            {QuantumGate::PauliX(), Mat2(0, 1, 1, 0)},
            {QuantumGate::PauliY(), Mat2(0, -I1, I1, 0)},
            {QuantumGate::PauliZ(), Mat2(1, 0, 0, -1)},
            {QuantumGate::Hadamard(), Mat2(r, r, r, -r)},
            {QuantumGate::Phase(), Mat2(1, 0, 0, I1)},
            {QuantumGate::PhaseDagger(), Mat2(1, 0, 0, -I1)},
            {QuantumGate::TGate(), Mat2(1, 0, 0, QComplex(r, r))},
            {QuantumGate::TDagger(), Mat2(1, 0, 0, QComplex(r, -r))},
            {QuantumGate::Rx(th), Mat2(c, -I1 * s, -I1 * s, c)},
            {QuantumGate::Ry(th), Mat2(c, -s, s, c)},
            {QuantumGate::Rz(th), Mat2(std::exp(-I1 * (th / 2)), 0, 0, std::exp(I1 * (th / 2)))},
            {QuantumGate::Cnot(), cnot},
            {QuantumGate::Cz(), cz},
            {QuantumGate::Swap(), swap},
        };
        for (const auto& k : cases)
        {
            NS_TEST_EXPECT_MSG_LT(MaxDiff(k.gate.GetMatrix(), k.expected),
                                  1e-15,
                                  "matrix of " << k.gate.GetName());
            NS_TEST_EXPECT_MSG_LT(quantumlinalg::UnitarityError(k.gate.GetMatrix()),
                                  1e-14,
                                  k.gate.GetName() << " is unitary");
        }
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::Hadamard().IsClifford(), true, "H is Clifford");
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::TGate().IsClifford(), false, "T is not Clifford");
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::Rx(M_PI / 2).IsClifford(), true, "Rx(pi/2) Clifford");
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::Rx(0.3).IsClifford(), false, "Rx(0.3) not Clifford");
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::PauliY().IsPauli(), true, "Y is Pauli");
        NS_TEST_EXPECT_MSG_EQ(QuantumGate::Cnot().GetNumQubits(), 2, "CNOT has 2 qubits");
    }
};

/**
 * @ingroup quantum-tests
 * Gates applied through the state-vector and density-matrix kernels on
 * multi-qubit registers equal the Kronecker-product reference.
 */
class QuantumGateKernelTestCase : public TestCase
{
  public:
    QuantumGateKernelTestCase()
        : TestCase("gate kernels on 3-qubit registers equal the Kronecker reference")
    {
    }

  private:
    void DoRun() override
    {
        // A fixed, entangled 3-qubit state.
        QVector psi(8);
        for (int i = 0; i < 8; ++i)
        {
            psi(i) = QComplex(std::cos(0.3 * i + 0.1), std::sin(0.7 * i));
        }
        psi /= psi.norm();
        const QMatrix id = QMatrix::Identity(2, 2);
        const QuantumGate h = QuantumGate::Hadamard();
        const QuantumGate ry = QuantumGate::Ry(1.1);
        // Single-qubit gate on qubit 1 of 3: I (x) G (x) I.
        const QMatrix ref1 = quantumlinalg::Kron(quantumlinalg::Kron(id, ry.GetMatrix()), id);
        // CNOT(0, 2): control qubit 0, target qubit 2.
        QMatrix cnot02 = QMatrix::Zero(8, 8);
        for (int i = 0; i < 8; ++i)
        {
            const int j = (i & 4) ? (i ^ 1) : i;
            cnot02(j, i) = 1;
        }
        // SWAP(2, 0) given in reverse order must still be the swap of qubits 0 and 2.
        QMatrix swap20 = QMatrix::Zero(8, 8);
        for (int i = 0; i < 8; ++i)
        {
            const int b0 = (i >> 2) & 1;
            const int b2 = i & 1;
            const int j = (i & 2) | (b2 << 2) | b0;
            swap20(j, i) = 1;
        }
        QMatrix cnot20 = QMatrix::Zero(8, 8); // control 2, target 0
        for (int i = 0; i < 8; ++i)
        {
            const int j = (i & 1) ? (i ^ 4) : i;
            cnot20(j, i) = 1;
        }

        struct Case
        {
            QuantumGate gate;
            std::vector<uint32_t> targets;
            QMatrix full;
        };

        const std::vector<Case> cases = {
            {ry, {1}, ref1},
            {h, {0}, quantumlinalg::Kron(h.GetMatrix(), QMatrix::Identity(4, 4))},
            {QuantumGate::Cnot(), {0, 2}, cnot02},
            {QuantumGate::Cnot(), {2, 0}, cnot20},
            {QuantumGate::Swap(), {2, 0}, swap20},
        };
        for (const auto& c : cases)
        {
            QuantumStateVector sv(psi);
            sv.ApplyGate(c.gate, c.targets);
            const QVector expected = c.full * psi;
            NS_TEST_EXPECT_MSG_LT((sv.GetAmplitudes() - expected).cwiseAbs().maxCoeff(),
                                  1e-13,
                                  "state vector: " << c.gate.GetName());
            QuantumDensityMatrix dm(QMatrix(psi * psi.adjoint()));
            dm.ApplyGate(c.gate, c.targets);
            const QMatrix expectedRho = expected * expected.adjoint();
            NS_TEST_EXPECT_MSG_LT(MaxDiff(dm.GetMatrix(), expectedRho),
                                  1e-13,
                                  "density matrix: " << c.gate.GetName());
        }
        // Arbitrary checked unitary: a random-ish 2-qubit unitary from QR.
        QMatrix a(4, 4);
        for (int i = 0; i < 4; ++i)
        {
            for (int j = 0; j < 4; ++j)
            {
                a(i, j) = QComplex(std::sin(1.3 * i + 0.4 * j), std::cos(0.9 * i * j + 0.2));
            }
        }
        const QMatrix q = Eigen::HouseholderQR<QMatrix>(a).householderQ();
        const QuantumGate u = QuantumGate::Unitary(q, "U4");
        NS_TEST_EXPECT_MSG_EQ(u.GetNumQubits(), 2, "U4 acts on 2 qubits");
        QuantumStateVector sv(psi);
        sv.ApplyGate(u, {0, 1});
        const QVector expected = quantumlinalg::Kron(q, id) * psi;
        NS_TEST_EXPECT_MSG_LT((sv.GetAmplitudes() - expected).cwiseAbs().maxCoeff(),
                              1e-13,
                              "arbitrary unitary");
    }
};

/**
 * @ingroup quantum-tests
 * Measurement statistics follow the Born rule and a repeated measurement in
 * the same basis repeats the outcome, in every dense formalism and basis.
 */
class QuantumMeasurementTestCase : public TestCase
{
  public:
    QuantumMeasurementTestCase()
        : TestCase("Born rule and repeatable measurement in Z, X, Y and any basis")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(11);
        RngSeedManager::SetRun(1);
        const std::vector<MeasurementBasis> bases = {MeasurementBasis::ZBasis(),
                                                     MeasurementBasis::XBasis(),
                                                     MeasurementBasis::YBasis(),
                                                     MeasurementBasis::Bloch(1.0, 2.0)};
        // Prepare Ry(0.9) then Rz(0.4) on |0>: Bloch vector (sin .9 cos .4, sin .9 sin .4, cos .9).
        const double a = 0.9;
        const double b = 0.4;
        const double bx = std::sin(a) * std::cos(b);
        const double by = std::sin(a) * std::sin(b);
        const double bz = std::cos(a);
        for (auto f : {QuantumFormalism::STATE_VECTOR, QuantumFormalism::DENSITY_MATRIX})
        {
            for (const auto& basis : bases)
            {
                Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
                reg->AssignStreams(1);
                const double nx = std::sin(basis.GetTheta()) * std::cos(basis.GetPhi());
                const double ny = std::sin(basis.GetTheta()) * std::sin(basis.GetPhi());
                const double nz = std::cos(basis.GetTheta());
                // Born rule: P(0) = (1 + n . r) / 2
                const double p0 = 0.5 * (1 + nx * bx + ny * by + nz * bz);
                const uint32_t n = 20000;
                uint32_t zeros = 0;
                for (uint32_t i = 0; i < n; ++i)
                {
                    QubitHandle q = reg->CreateQubit(f);
                    reg->ApplyGate(QuantumGate::Ry(a), {q});
                    reg->ApplyGate(QuantumGate::Rz(b), {q});
                    const uint32_t m = reg->Measure(q, basis);
                    zeros += (m == 0);
                    if (i < 200)
                    {
                        // The post-measurement state is the eigenstate: repeat.
                        for (int k = 0; k < 3; ++k)
                        {
                            NS_TEST_EXPECT_MSG_EQ(reg->Measure(q, basis),
                                                  m,
                                                  "repeat in " << basis.GetName() << " ("
                                                               << QuantumFormalismName(f) << ")");
                        }
                    }
                    reg->Discard(q);
                }
                const double sigma = quantumtest::BinomialSigma(p0, n);
                NS_TEST_EXPECT_MSG_EQ_TOL(double(zeros) / n,
                                          p0,
                                          5 * sigma,
                                          "Born rule in " << basis.GetName() << " ("
                                                          << QuantumFormalismName(f) << ")");
                NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "all qubits freed");
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad gates abort with a clear message.
 */
class QuantumGateBadInputTestCase : public TestCase
{
  public:
    QuantumGateBadInputTestCase()
        : TestCase("non-unitary and mis-sized matrices abort")
    {
    }

  private:
    void DoRun() override
    {
        QMatrix notUnitary = QMatrix::Identity(2, 2);
        notUnitary(0, 1) = 0.5;
        QUANTUM_EXPECT_ABORT(QuantumGate::Unitary(notUnitary, "bad"), "is not unitary");
        QUANTUM_EXPECT_ABORT(QuantumGate::Unitary(QMatrix::Identity(3, 3), "three"),
                             "dimension 2^k");
        QUANTUM_EXPECT_ABORT(QuantumGate::Unitary(QMatrix::Identity(2, 4), "rect"),
                             "must be square");
        QUANTUM_EXPECT_ABORT(MeasurementBasis::Bloch(NAN, 0), "angles must be finite");
        QUANTUM_EXPECT_ABORT(Create<QuantumStateVector>(QVector::Ones(4)), "squared norm");
    }
};

/**
 * @ingroup quantum-tests
 * The gate test suite.
 */
class QuantumGateTestSuite : public TestSuite
{
  public:
    QuantumGateTestSuite()
        : TestSuite("quantum-gates", Type::UNIT)
    {
        AddTestCase(new QuantumGateMatrixTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QuantumGateKernelTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QuantumMeasurementTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QuantumGateBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumGateTestSuite g_quantumGateTestSuite;
