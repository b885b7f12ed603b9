/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The state registry: handles, merging and splitting, bounded memory,
// reproducible and independent randomness, and clear errors on misuse.

#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;

/**
 * @ingroup quantum-tests
 * Groups merge on multi-qubit gates and split on measurement and discard;
 * handles of discarded qubits become invalid.
 */
class RegistryGroupingTestCase : public TestCase
{
  public:
    RegistryGroupingTestCase()
        : TestCase("groups merge on joint operations and split on measurement and discard")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        for (auto f : {QuantumFormalism::STATE_VECTOR,
                       QuantumFormalism::DENSITY_MATRIX,
                       QuantumFormalism::STABILIZER})
        {
            Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
            reg->AssignStreams(0);
            QubitHandle a = reg->CreateQubit(f);
            QubitHandle b = reg->CreateQubit(f);
            QubitHandle c = reg->CreateQubit(f);
            NS_TEST_EXPECT_MSG_EQ(reg->GetNumGroups(), 3, "three separate qubits");
            reg->ApplyGate(QuantumGate::Hadamard(), {a});
            reg->ApplyGate(QuantumGate::Cnot(), {a, b});
            NS_TEST_EXPECT_MSG_EQ(reg->InSameGroup(a, b), true, "a, b joined");
            NS_TEST_EXPECT_MSG_EQ(reg->InSameGroup(a, c), false, "c separate");
            reg->ApplyGate(QuantumGate::Cnot(), {b, c});
            NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(c), 3, "GHZ group");
            QVector ghz = QVector::Zero(8);
            ghz(0) = ghz(7) = 1 / std::sqrt(2.0);
            NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({a, b, c}, ghz), 1.0, 1e-12, "GHZ made");
            // Order of the requested qubits is honoured.
            NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({c, a, b}, ghz),
                                      1.0,
                                      1e-12,
                                      "GHZ reordered");
            const uint32_t m = reg->Measure(b, MeasurementBasis::ZBasis());
            NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(b), 1, "measured qubit split off");
            NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(a), 2, "others stay together");
            QVector mm = QVector::Zero(4);
            mm(m ? 3 : 0) = 1;
            NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({a, c}, mm),
                                      1.0,
                                      1e-12,
                                      "collapsed partner");
            reg->Discard(a);
            NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(a), false, "discarded");
            NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(c), 1, "c alone");
            reg->Discard(b);
            reg->Discard(c);
            NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "all discarded");
            NS_TEST_EXPECT_MSG_EQ(reg->GetNumGroups(), 0, "no groups");
            // A new qubit reuses a slot with a new generation: the old handle stays dead.
            QubitHandle d = reg->CreateQubit(f);
            NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(d), true, "new qubit");
            NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(a) || reg->IsAlive(b) || reg->IsAlive(c),
                                  false,
                                  "stale handles stay invalid");
            reg->Dispose();
        }
        // Mixed formalisms join in the density matrix.
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        auto [p, q] = reg->CreateWernerPair(0.9);
        QubitHandle v = reg->CreateQubit(QuantumFormalism::STATE_VECTOR);
        reg->ApplyGate(QuantumGate::Cnot(), {q, v});
        NS_TEST_EXPECT_MSG_EQ(reg->GetFormalism(v),
                              QuantumFormalism::DENSITY_MATRIX,
                              "Bell-diagonal joined with a vector becomes a density matrix");
        NS_TEST_EXPECT_MSG_EQ(reg->GetGroupSize(p), 3, "joined");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Measured again in the same basis, every formalism repeats the outcome,
 * including entangled qubits measured in X and Y.
 */
class RegistryRepeatMeasurementTestCase : public TestCase
{
  public:
    RegistryRepeatMeasurementTestCase()
        : TestCase("post-measurement states are right in every basis and formalism")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(2);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        for (auto f : {QuantumFormalism::STATE_VECTOR,
                       QuantumFormalism::DENSITY_MATRIX,
                       QuantumFormalism::STABILIZER,
                       QuantumFormalism::BELL_DIAGONAL})
        {
            std::vector<MeasurementBasis> bases = {MeasurementBasis::ZBasis(),
                                                   MeasurementBasis::XBasis(),
                                                   MeasurementBasis::YBasis()};
            if (f != QuantumFormalism::STABILIZER)
            {
                bases.push_back(MeasurementBasis::Bloch(2.1, -0.7));
            }
            for (const auto& basis : bases)
            {
                for (int i = 0; i < 50; ++i)
                {
                    auto [a, b] = reg->CreateBellPair(BellState::PHI_PLUS, f);
                    const uint32_t ma = reg->Measure(a, basis);
                    const uint32_t mb = reg->Measure(b, basis);
                    for (int k = 0; k < 3; ++k)
                    {
                        NS_TEST_EXPECT_MSG_EQ(reg->Measure(a, basis), ma, "repeat a");
                        NS_TEST_EXPECT_MSG_EQ(reg->Measure(b, basis), mb, "repeat b");
                    }
                    // Phi+ correlations: Z and X equal, Y opposite.
                    if (basis.GetKind() == MeasurementBasis::Y)
                    {
                        NS_TEST_EXPECT_MSG_NE(ma, mb, "YY anti-correlated");
                    }
                    else if (basis.GetKind() != MeasurementBasis::GENERAL)
                    {
                        NS_TEST_EXPECT_MSG_EQ(ma,
                                              mb,
                                              basis.GetName() << basis.GetName() << " correlated");
                    }
                    reg->Discard(a);
                    reg->Discard(b);
                }
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * A million create/measure cycles run in constant memory: slots and groups
 * are recycled, nothing scans the history.
 */
class RegistryBoundedStateTestCase : public TestCase
{
  public:
    RegistryBoundedStateTestCase()
        : TestCase("a million create, entangle and measure cycles use constant memory")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(4);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const uint32_t cycles = 1000000;
        uint32_t equal = 0;
        for (uint32_t i = 0; i < cycles; ++i)
        {
            auto [a, b] = reg->CreateWernerPair(1.0);
            equal += (reg->MeasureBell(a, b) == BellState::PHI_PLUS);
            if (i % 4 == 0)
            {
                QubitHandle q = reg->CreateQubit(QuantumFormalism::STATE_VECTOR);
                reg->ApplyGate(QuantumGate::Hadamard(), {q});
                reg->Measure(q, MeasurementBasis::ZBasis(), true);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(equal, cycles, "perfect pairs always measure Phi+");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "nothing alive");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(reg->GetSlotCapacity(), 2, "slots recycled");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(reg->GetGroupCapacity(), 1, "groups recycled");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Randomness comes only from the registry's stream: the same seed and run
 * repeat exactly; other runs are statistically independent.
 */
class RegistryReproducibilityTestCase : public TestCase
{
  public:
    RegistryReproducibilityTestCase()
        : TestCase("same run repeats exactly; different runs are independent")
    {
    }

  private:
    /**
     * @param run the RngRun
     * @return 4,000 outcomes of |+> measured in Z
     */
    static std::vector<uint32_t> Outcomes(uint32_t run)
    {
        RngSeedManager::SetSeed(12345);
        RngSeedManager::SetRun(run);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        std::vector<uint32_t> out;
        for (int i = 0; i < 4000; ++i)
        {
            QubitHandle q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
            reg->ApplyGate(QuantumGate::Hadamard(), {q});
            out.push_back(reg->Measure(q, MeasurementBasis::ZBasis(), true));
        }
        return out;
    }

    void DoRun() override
    {
        const auto a = Outcomes(1);
        const auto b = Outcomes(1);
        const auto c = Outcomes(2);
        NS_TEST_EXPECT_MSG_EQ(bool(a == b), true, "same run, identical outcomes");
        // Independence: agreement between runs 1 and 2 is 1/2 per position
        // (not a shifted or reordered copy): check the lag-0..3 agreements.
        const double n = a.size();
        for (int lag = 0; lag < 4; ++lag)
        {
            uint32_t agree = 0;
            for (size_t i = lag; i < a.size(); ++i)
            {
                agree += (a[i] == c[i - lag]);
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(agree / (n - lag),
                                      0.5,
                                      5 * quantumtest::BinomialSigma(0.5, n - lag),
                                      "runs 1 and 2 agree by chance only (lag " << lag << ")");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Erasure (loss) keeps the handle but removes the quantum content.
 */
class RegistryErasureTestCase : public TestCase
{
  public:
    RegistryErasureTestCase()
        : TestCase("erasure traces a qubit out and marks it lost")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        auto [a, b] = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
        reg->Erase(b);
        NS_TEST_EXPECT_MSG_EQ(reg->IsErased(b), true, "erased");
        NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(b), true, "handle still valid");
        const QMatrix rho = reg->GetDensityMatrix({a});
        NS_TEST_EXPECT_MSG_LT((rho - 0.5 * QMatrix::Identity(2, 2)).cwiseAbs().maxCoeff(),
                              1e-12,
                              "the partner of a lost photon is maximally mixed");
        reg->Discard(b);
        NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(b), false, "freed");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->Erase(q);
                reg->Measure(q);
            },
            "was erased (lost)");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Misuse of handles and operations aborts with clear messages.
 */
class RegistryBadInputTestCase : public TestCase
{
  public:
    RegistryBadInputTestCase()
        : TestCase("misuse aborts: discarded handles, wrong arity, duplicates, bad attributes")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->Discard(q);
                reg->ApplyGate(QuantumGate::Hadamard(), {q});
            },
            "no longer exists");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->Measure(q, MeasurementBasis::ZBasis(), true);
                reg->Measure(q);
            },
            "no longer exists");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->ApplyGate(QuantumGate::Cnot(), {q});
            },
            "acts on 2 qubits, but 1 were given");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->ApplyGate(QuantumGate::Cnot(), {q, q});
            },
            "is named twice");
        QUANTUM_EXPECT_ABORT(reg->ApplyGate(QuantumGate::PauliX(), {QubitHandle()}),
                             "invalid (default-constructed)");
        QUANTUM_EXPECT_ABORT(reg->ApplyGate(QuantumGate::PauliX(), {QubitHandle(999, 1)}),
                             "was not issued by this registry");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->ApplyChannel(KrausChannel::Depolarizing(0.1, 2), {q});
            },
            "acts on 2 qubits");
        QUANTUM_EXPECT_ABORT(
            reg->SetAttribute("DefaultFormalism",
                              EnumValue(static_cast<int>(QuantumFormalism::BELL_DIAGONAL))),
            "DefaultFormalism");
        QUANTUM_EXPECT_ABORT(reg->CreateQubit(QuantumFormalism::BELL_DIAGONAL), "holds pairs only");
        QUANTUM_EXPECT_ABORT(
            reg->CreateState(QVector::Ones(3) / std::sqrt(3.0), QuantumFormalism::STATE_VECTOR),
            "must be 2^n");
        QUANTUM_EXPECT_ABORT(
            {
                QubitHandle q = reg->CreateQubit();
                reg->ApplyMemoryDecay(q, 1.0, 1.0, 2.5);
            },
            "exceeds 2*T1");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The registry test suite.
 */
class QuantumStateRegistryTestSuite : public TestSuite
{
  public:
    QuantumStateRegistryTestSuite()
        : TestSuite("quantum-state-registry", Type::UNIT)
    {
        AddTestCase(new RegistryGroupingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryRepeatMeasurementTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryBoundedStateTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryReproducibilityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryErasureTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RegistryBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumStateRegistryTestSuite g_quantumStateRegistryTestSuite;
