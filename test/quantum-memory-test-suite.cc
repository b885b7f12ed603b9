/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// QuantumMemory, QuantumProcessor and QuantumTransducer against closed forms.
// Memory decay: amplitude damping and dephasing (Nielsen & Chuang 2000,
// section 8.3), composed lazily from time stamps; Bell-pair fidelities as in
// doc/quantum.rst (F_both, F_one); depolarizing gate noise F = 1 - 3p/4 on
// |Phi+>; statistical tests at 5 standard errors with fixed seeds.

#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/pointer.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/quantum-transducer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>
#include <vector>

using namespace ns3;

namespace
{

/** One Read trace event. */
struct ReadRecord
{
    uint32_t slot;    //!< slot
    uint32_t outcome; //!< reported outcome
    double fidelity;  //!< ground-truth fidelity
    Time at;          //!< when
};

/**
 * Read trace sink.
 * @param log where to record
 * @param slot slot
 * @param outcome outcome
 * @param fidelity fidelity
 */
void
RecordRead(std::vector<ReadRecord>* log, uint32_t slot, uint32_t outcome, double fidelity)
{
    log->push_back({slot, outcome, fidelity, Simulator::Now()});
}

/**
 * @param reg the registry
 * @param slots number of slots
 * @param t1 T1 (0 = infinite)
 * @param t2 T2 (0 = infinite)
 * @return a memory on that registry
 */
Ptr<QuantumMemory>
MakeMemory(Ptr<QuantumStateRegistry> reg, uint32_t slots, Time t1, Time t2)
{
    Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
    m->SetAttribute("Registry", PointerValue(reg));
    m->SetAttribute("NumSlots", UintegerValue(slots));
    m->SetAttribute("T1", TimeValue(t1));
    m->SetAttribute("T2", TimeValue(t2));
    return m;
}

/**
 * @param reg the registry
 * @param psi a one-qubit state
 * @return a new qubit in that state (density-matrix formalism)
 */
QubitHandle
MakeQubit(Ptr<QuantumStateRegistry> reg, const QVector& psi)
{
    return reg->CreateState(psi, QuantumFormalism::DENSITY_MATRIX)[0];
}

/** @return |1> */
QVector
Ket1()
{
    QVector v(2);
    v << 0, 1;
    return v;
}

/** @return |+> */
QVector
KetPlus()
{
    QVector v(2);
    v << 1 / std::sqrt(2.0), 1 / std::sqrt(2.0);
    return v;
}

/**
 * F_both of doc/quantum.rst: both halves of |Phi+> stored for t.
 * @param t time (s)
 * @param t1 T1 (s)
 * @param t2 T2 (s)
 * @return fidelity
 */
double
FBoth(double t, double t1, double t2)
{
    const double g = 1 - std::exp(-t / t1);
    return 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * std::exp(-2 * t / t2);
}

/**
 * F_one of doc/quantum.rst: one half of |Phi+> stored for t.
 * @param t time (s)
 * @param t1 T1 (s)
 * @param t2 T2 (s)
 * @return fidelity
 */
double
FOne(double t, double t1, double t2)
{
    const double g = 1 - std::exp(-t / t1);
    return 0.25 * (2 - g) + 0.5 * std::exp(-t / t2);
}

} // namespace

/**
 * @ingroup quantum-tests
 * T1 relaxation of |1> and T2 dephasing of |+> stored in a memory, read at
 * scheduled times: <1|rho|1> = exp(-t/T1), <+|rho|+> = (1 + exp(-t/T2))/2.
 */
class MemoryT1T2TestCase : public TestCase
{
  public:
    MemoryT1T2TestCase()
        : TestCase("T1 and T2 decay through the memory match exp(-t over T1) and exp(-t over T2)")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(11);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const double t1 = 2.0;
        const double t2 = 1.5;
        Ptr<QuantumMemory> m = MakeMemory(reg, 16, Seconds(t1), Seconds(t2));
        m->AssignStreams(10);
        std::vector<ReadRecord> log;
        m->TraceConnectWithoutContext("Read", MakeBoundCallback(&RecordRead, &log));
        const std::vector<double> times = {0.0, 0.1, 0.5, 1.0, 3.0};
        std::vector<uint32_t> oneSlots;
        std::vector<uint32_t> plusSlots;
        for (size_t i = 0; i < times.size(); ++i)
        {
            oneSlots.push_back(m->Store(MakeQubit(reg, Ket1())));
            m->SetReference(oneSlots.back(), Ket1());
            plusSlots.push_back(m->Store(MakeQubit(reg, KetPlus())));
            m->SetReference(plusSlots.back(), KetPlus());
        }
        // Lazy decay: storing schedules nothing.
        NS_TEST_EXPECT_MSG_EQ(Simulator::IsFinished(), true, "storing must schedule no event");
        for (size_t i = 0; i < times.size(); ++i)
        {
            Simulator::Schedule(Seconds(times[i]), [m, i, &oneSlots, &plusSlots]() {
                m->Read(oneSlots[i]);
                m->Read(plusSlots[i], MeasurementBasis::XBasis());
            });
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(log.size(), 2 * times.size(), "every read traced");
        for (size_t i = 0; i < times.size(); ++i)
        {
            const ReadRecord& one = log[2 * i];
            const ReadRecord& plus = log[2 * i + 1];
            NS_TEST_EXPECT_MSG_EQ(one.at, Seconds(times[i]), "read time");
            NS_TEST_EXPECT_MSG_EQ_TOL(one.fidelity, std::exp(-times[i] / t1), 1e-12, "T1 decay");
            NS_TEST_EXPECT_MSG_EQ_TOL(plus.fidelity,
                                      0.5 + 0.5 * std::exp(-times[i] / t2),
                                      1e-12,
                                      "T2 decay");
        }
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), 16, "reads free the slots");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "reads consume the qubits");
        Simulator::Destroy();

        // T2 = 0 with a finite T1 means no pure dephasing: T2 = 2 T1, so the
        // coherence of |+> decays as exp(-t / (2 T1)) (Nielsen & Chuang 8.3.5).
        Ptr<QuantumMemory> r = MakeMemory(reg, 4, Seconds(t1), Seconds(0));
        NS_TEST_EXPECT_MSG_EQ(r->GetT2(), Seconds(2 * t1), "effective T2 = 2 T1");
        std::vector<ReadRecord> rlog;
        r->TraceConnectWithoutContext("Read", MakeBoundCallback(&RecordRead, &rlog));
        const uint32_t plus = r->Store(MakeQubit(reg, KetPlus()));
        r->SetReference(plus, KetPlus());
        Simulator::Schedule(Seconds(1.0), [r, plus]() {
            r->Read(plus, MeasurementBasis::XBasis());
        });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(rlog.size(), 1, "read traced");
        NS_TEST_EXPECT_MSG_EQ_TOL(rlog[0].fidelity,
                                  0.5 + 0.5 * std::exp(-1.0 / (2 * t1)),
                                  1e-12,
                                  "T1-limited coherence");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * A Bell pair with both halves in two memories (F_both) or one half in a
 * memory (F_one), read at scheduled times; exact in the density matrix.
 */
class MemoryBellPairTestCase : public TestCase
{
  public:
    MemoryBellPairTestCase()
        : TestCase("stored Bell pair fidelity matches F_both and F_one")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(12);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const double t1 = 1.0;
        const double t2 = 0.4;
        Ptr<QuantumMemory> a = MakeMemory(reg, 8, Seconds(t1), Seconds(t2));
        Ptr<QuantumMemory> b = MakeMemory(reg, 8, Seconds(t1), Seconds(t2));
        std::vector<ReadRecord> logA;
        std::vector<ReadRecord> logB;
        a->TraceConnectWithoutContext("Read", MakeBoundCallback(&RecordRead, &logA));
        b->TraceConnectWithoutContext("Read", MakeBoundCallback(&RecordRead, &logB));
        const QVector phi = BellStateVector(BellState::PHI_PLUS);
        const std::vector<double> times = {0.0, 0.05, 0.2, 0.7};
        for (double t : times)
        {
            // Both halves stored.
            auto [qa, qb]
                = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
            const uint32_t sa = a->Store(qa);
            const uint32_t sb = b->Store(qb);
            a->SetReference(sa, phi, {qb});
            Simulator::Schedule(Seconds(t), [a, b, sa, sb]() {
                b->Access(sb); // bring the partner up to date
                a->Read(sa);
                b->Release(sb);
            });
            // One half stored; the other is kept ideal by the analysis.
            auto [pa, pb]
                = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
            const uint32_t s = b->Store(pb);
            b->SetReference(s, phi, {pa});
            Simulator::Schedule(Seconds(t), [b, s, reg, pa = pa]() {
                b->Read(s);
                reg->Discard(pa);
            });
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(logA.size(), times.size(), "reads of A");
        NS_TEST_ASSERT_MSG_EQ(logB.size(), times.size(), "reads of B");
        for (size_t i = 0; i < times.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(logA[i].fidelity, FBoth(times[i], t1, t2), 1e-12, "F_both");
            NS_TEST_EXPECT_MSG_EQ_TOL(logB[i].fidelity, FOne(times[i], t1, t2), 1e-12, "F_one");
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "nothing left");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Lazy decay is exact: 1,000 accesses at uneven times give the same state as
 * a single access at the end, to 1e-12; and idle memories schedule no events.
 */
class MemoryLazyDecayTestCase : public TestCase
{
  public:
    MemoryLazyDecayTestCase()
        : TestCase("many small accesses equal one long one (lazy decay is exact)")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(13);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumMemory> often = MakeMemory(reg, 1, Seconds(0.8), Seconds(0.5));
        Ptr<QuantumMemory> once = MakeMemory(reg, 1, Seconds(0.8), Seconds(0.5));
        QVector psi(2);
        psi << std::cos(0.35), std::exp(QComplex(0, 0.3)) * std::sin(0.35);
        const uint32_t s1 = often->Store(MakeQubit(reg, psi));
        const uint32_t s2 = once->Store(MakeQubit(reg, psi));
        double t = 0;
        for (int k = 1; k <= 1000; ++k)
        {
            t += 1e-3 * (1 + 0.9 * std::sin(k)); // uneven steps, total ~1 s
            Simulator::Schedule(Seconds(t), [often, s1]() {
                often->Access(s1);
            });
        }
        const Time end = Seconds(t + 0.01);
        QMatrix a;
        QMatrix b;
        Simulator::Schedule(end, [&]() {
            a = reg->GetDensityMatrix({often->Access(s1)});
            b = reg->GetDensityMatrix({once->Access(s2)});
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_LT((a - b).cwiseAbs().maxCoeff(), 1e-12, "lazy decay composes exactly");
        // And both equal the closed form: rho11 = |psi1|^2 exp(-t/T1), |rho01| = ... exp(-t/T2).
        const double tt = end.GetSeconds();
        NS_TEST_EXPECT_MSG_EQ_TOL(std::real(b(1, 1)),
                                  std::norm(psi(1)) * std::exp(-tt / 0.8),
                                  1e-12,
                                  "population");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::abs(b(0, 1)),
                                  std::abs(psi(0) * std::conj(psi(1))) * std::exp(-tt / 0.5),
                                  1e-12,
                                  "coherence");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Asymmetric readout errors: P(read 1 | 0) = e0 and P(read 0 | 1) = e1 within
 * 5 standard errors over 20,000 reads each; the same run repeats exactly and
 * another run gives a different sequence.
 */
class MemoryReadoutErrorTestCase : public TestCase
{
  public:
    MemoryReadoutErrorTestCase()
        : TestCase("readout error rates match ReadoutError0 and ReadoutError1")
    {
    }

  private:
    /**
     * @param run the RngRun
     * @param n reads per state
     * @param e0 ReadoutError0
     * @param e1 ReadoutError1
     * @return the reported outcomes, first for |0>, then for |1>
     */
    std::vector<uint32_t> Reads(uint32_t run, uint32_t n, double e0, double e1)
    {
        RngSeedManager::SetSeed(14);
        RngSeedManager::SetRun(run);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumMemory> m = MakeMemory(reg, 1, Seconds(0), Seconds(0));
        m->SetAttribute("ReadoutError0", DoubleValue(e0));
        m->SetAttribute("ReadoutError1", DoubleValue(e1));
        m->AssignStreams(100);
        std::vector<uint32_t> out;
        for (uint32_t i = 0; i < n; ++i)
        {
            out.push_back(m->Read(m->Allocate()));
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            const uint32_t s = m->Allocate();
            reg->ApplyGate(QuantumGate::PauliX(), {m->Access(s)});
            out.push_back(m->Read(s));
        }
        Simulator::Destroy();
        return out;
    }

    void DoRun() override
    {
        const uint32_t n = 20000;
        const double e0 = 0.03;
        const double e1 = 0.08;
        const std::vector<uint32_t> r = Reads(1, n, e0, e1);
        double ones = 0;
        double zeros = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            ones += r[i];
            zeros += 1 - r[n + i];
        }
        NS_TEST_EXPECT_MSG_LT(std::abs(ones / n - e0),
                              5 * quantumtest::BinomialSigma(e0, n),
                              "P(read 1 | 0)");
        NS_TEST_EXPECT_MSG_LT(std::abs(zeros / n - e1),
                              5 * quantumtest::BinomialSigma(e1, n),
                              "P(read 0 | 1)");
        NS_TEST_EXPECT_MSG_EQ((Reads(1, 2000, e0, e1) == Reads(1, 2000, e0, e1)),
                              true,
                              "same run, same outcomes");
        NS_TEST_EXPECT_MSG_EQ((Reads(1, 2000, e0, e1) != Reads(2, 2000, e0, e1)),
                              true,
                              "another run, other outcomes");
    }
};

/**
 * @ingroup quantum-tests
 * Cut-off: a qubit stored at 1 s with a 0.25 s cut-off expires at exactly
 * 1.25 s (trace and callback); releasing early cancels the event, and a new
 * qubit in the same slot gets its own cut-off.
 */
class MemoryCutoffTestCase : public TestCase
{
  public:
    MemoryCutoffTestCase()
        : TestCase("cut-off expires at exactly the cut-off time and is cancelled by release")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(15);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumMemory> m = MakeMemory(reg, 2, Seconds(0), Seconds(0));
        m->SetAttribute("CutoffTime", TimeValue(MilliSeconds(250)));
        std::vector<std::pair<uint32_t, Time>> traced;
        std::vector<std::pair<uint32_t, Time>> called;
        m->TraceConnectWithoutContext(
            "Expired",
            MakeCallback(+[](std::vector<std::pair<uint32_t, Time>>* v, uint32_t s) {
                v->emplace_back(s, Simulator::Now());
            }).Bind(&traced));
        auto onExpiry = [&called](uint32_t s) {
            called.emplace_back(s, Simulator::Now());
        };
        Simulator::Schedule(Seconds(1), [&]() {
            const uint32_t s = m->Store(reg->CreateQubit());
            m->SetExpiryCallback(s, Callback<void, uint32_t>(onExpiry));
        });
        // Slot 1: stored at 1 s, released at 1.1 s, re-used at 1.2 s.
        Simulator::Schedule(Seconds(1), [&]() {
            m->Initialize(1);
        });
        Simulator::Schedule(Seconds(1.1), [&]() {
            m->Release(1);
        });
        Simulator::Schedule(Seconds(1.2), [&]() {
            m->Initialize(1);
        });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(traced.size(), 2, "two expiries");
        NS_TEST_EXPECT_MSG_EQ(traced[0].first, 0, "slot 0 first");
        NS_TEST_EXPECT_MSG_EQ(traced[0].second, Seconds(1) + MilliSeconds(250), "exact time");
        NS_TEST_EXPECT_MSG_EQ(traced[1].first, 1, "slot 1 after");
        NS_TEST_EXPECT_MSG_EQ(traced[1].second,
                              Seconds(1.2) + MilliSeconds(250),
                              "the released qubit's event was cancelled");
        NS_TEST_ASSERT_MSG_EQ(called.size(), 1, "the callback of slot 0 only");
        NS_TEST_EXPECT_MSG_EQ(called[0].second, Seconds(1.25), "callback time");
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), 2, "expired slots are free");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "expired qubits are discarded");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * A fresh qubit is F|0><0| + (1-F)|1><1| exactly; Initialize replaces a
 * stored qubit; the spin-photon pair has fidelity F with |Phi+>.
 */
class MemoryInitializationTestCase : public TestCase
{
  public:
    MemoryInitializationTestCase()
        : TestCase("initialisation fidelity of fresh qubits and spin-photon pairs")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(16);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumMemory> m = MakeMemory(reg, 2, Seconds(0), Seconds(0));
        const double f = 0.9;
        m->SetAttribute("InitializationFidelity", DoubleValue(f));
        const int32_t s = m->Allocate();
        NS_TEST_ASSERT_MSG_EQ(s, 0, "lowest free slot");
        QMatrix rho = reg->GetDensityMatrix({m->Access(s)});
        NS_TEST_EXPECT_MSG_EQ_TOL(std::real(rho(0, 0)), f, 1e-14, "populations");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::abs(rho(0, 1)), 0.0, 1e-14, "no coherence");
        const QubitHandle old = m->Access(s);
        reg->ApplyGate(QuantumGate::PauliX(), {old});
        m->Initialize(s);
        NS_TEST_EXPECT_MSG_EQ(reg->IsAlive(old), false, "the old qubit is discarded");
        rho = reg->GetDensityMatrix({m->Access(s)});
        NS_TEST_EXPECT_MSG_EQ_TOL(std::real(rho(0, 0)), f, 1e-14, "re-initialised");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 1, "second slot");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), -1, "full");
        NS_TEST_EXPECT_MSG_EQ(m->Store(reg->CreateQubit()), -1, "full for Store too");
        // Spin-photon pair: F |Phi+><Phi+| + (1 - F) |Phi-><Phi-|.
        Ptr<QuantumSignal> photon = m->EmitEntangledPhoton(0, 7);
        NS_TEST_EXPECT_MSG_EQ(photon->GetKind(), QuantumSignal::QUBIT, "a qubit photon");
        NS_TEST_EXPECT_MSG_EQ(photon->GetPort(), 7, "port");
        const QubitHandle spin = m->Access(0);
        NS_TEST_EXPECT_MSG_EQ_TOL(
            reg->GetFidelity({spin, photon->GetQubit()}, BellStateVector(BellState::PHI_PLUS)),
            f,
            1e-14,
            "spin-photon fidelity");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            reg->GetFidelity({spin, photon->GetQubit()}, BellStateVector(BellState::PHI_MINUS)),
            1 - f,
            1e-14,
            "phase error");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Emission efficiency and retrieval efficiency with storage-time decay
 * eta0 exp(-(t/tau)^2): loss rates within 5 standard errors.
 */
class MemoryEmissionTestCase : public TestCase
{
  public:
    MemoryEmissionTestCase()
        : TestCase("emission and retrieval efficiencies match their formulas")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(17);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        const uint32_t n = 20000;
        Ptr<QuantumMemory> m = MakeMemory(reg, n, Seconds(0), Seconds(0));
        const double eta = 0.3;
        m->SetAttribute("EmissionEfficiency", DoubleValue(eta));
        m->SetAttribute("RetrievalEfficiency", DoubleValue(0.8));
        m->SetAttribute("EfficiencyDecayTime", TimeValue(MilliSeconds(1)));
        m->AssignStreams(50);
        uint32_t lostTraced = 0;
        m->TraceConnectWithoutContext("PhotonEmitted",
                                      MakeCallback(+[](uint32_t* c, uint32_t, bool lost) {
                                          *c += lost ? 1 : 0;
                                      }).Bind(&lostTraced));
        double survived = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<QuantumSignal> s = m->EmitEntangledPhoton(0, 1);
            if (!reg->IsErased(s->GetQubit()))
            {
                survived += 1;
                NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({m->Access(0), s->GetQubit()},
                                                           BellStateVector(BellState::PHI_PLUS)),
                                          1.0,
                                          1e-14,
                                          "|Phi+>");
            }
            reg->Discard(s->GetQubit());
            m->Release(0);
        }
        NS_TEST_EXPECT_MSG_LT(std::abs(survived / n - eta),
                              5 * quantumtest::BinomialSigma(eta, n),
                              "emission efficiency");
        NS_TEST_EXPECT_MSG_EQ(lostTraced, n - survived, "lost photons traced");
        // Retrieval after 0.7 ms: 0.8 exp(-0.49).
        const double expected = 0.8 * std::exp(-0.49);
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetRetrievalEfficiency(MicroSeconds(700)),
                                  expected,
                                  1e-15,
                                  "formula");
        for (uint32_t i = 0; i < n; ++i)
        {
            m->Store(reg->CreateQubit());
        }
        double retrieved = 0;
        Simulator::Schedule(MicroSeconds(700), [&]() {
            for (uint32_t i = 0; i < n; ++i)
            {
                Ptr<QuantumSignal> s = m->Retrieve(i, 2);
                retrieved += reg->IsErased(s->GetQubit()) ? 0 : 1;
                reg->Discard(s->GetQubit());
            }
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_LT(std::abs(retrieved / n - expected),
                              5 * quantumtest::BinomialSigma(expected, n),
                              "retrieval efficiency after storage");
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), n, "retrieval frees the slots");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Processor timing: completion exactly after the duration, per-instruction
 * overrides, serial queueing and parallel overlap with per-slot FIFO order.
 */
class ProcessorTimingTestCase : public TestCase
{
  public:
    ProcessorTimingTestCase()
        : TestCase("processor durations, serial queueing and parallel overlap")
    {
    }

  private:
    /**
     * @param mode execution mode
     * @return completion times of H(0), X(1), CNOT(0,1), Z(2), Y(1), issued at 0.5 s
     */
    std::vector<Time> Run(QuantumProcessor::ExecutionMode mode)
    {
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumMemory> m = MakeMemory(reg, 3, Seconds(0), Seconds(0));
        Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
        p->SetMemory(m);
        p->SetAttribute("SingleQubitGateDuration", TimeValue(MicroSeconds(10)));
        p->SetAttribute("TwoQubitGateDuration", TimeValue(MicroSeconds(100)));
        p->SetAttribute("ExecutionMode", EnumValue(mode));
        p->SetInstruction("X", MicroSeconds(7), 0);
        std::vector<Time> done(5);
        Simulator::Schedule(Seconds(0.5), [&]() {
            m->Allocate();
            m->Allocate();
            m->Allocate();
            p->Execute(QuantumGate::Hadamard(), {0}, Callback<void>([&]() {
                           done[0] = Simulator::Now();
                       }));
            p->Execute(QuantumGate::PauliX(), {1}, Callback<void>([&]() {
                           done[1] = Simulator::Now();
                       }));
            p->Execute(QuantumGate::Cnot(), {0, 1}, Callback<void>([&]() {
                           done[2] = Simulator::Now();
                       }));
            p->Execute(QuantumGate::PauliZ(), {2}, Callback<void>([&]() {
                           done[3] = Simulator::Now();
                       }));
            p->Execute(QuantumGate::PauliY(), {1}, Callback<void>([&]() {
                           done[4] = Simulator::Now();
                       }));
            NS_TEST_EXPECT_MSG_EQ(p->IsBusy(), true, "busy");
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(p->IsBusy(), false, "idle at the end");
        NS_TEST_EXPECT_MSG_EQ(p->GetQueueLength(), 0, "queue drained");
        Simulator::Destroy();
        return done;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(18);
        RngSeedManager::SetRun(1);
        const Time t0 = Seconds(0.5);
        const Time one = MicroSeconds(10);
        const Time x = MicroSeconds(7);
        const Time two = MicroSeconds(100);
        std::vector<Time> serial = Run(QuantumProcessor::SERIAL);
        NS_TEST_EXPECT_MSG_EQ(serial[0], t0 + one, "serial H");
        NS_TEST_EXPECT_MSG_EQ(serial[1], t0 + one + x, "serial X (override 7 us)");
        NS_TEST_EXPECT_MSG_EQ(serial[2], t0 + one + x + two, "serial CNOT");
        NS_TEST_EXPECT_MSG_EQ(serial[3], t0 + one + x + two + one, "serial Z");
        NS_TEST_EXPECT_MSG_EQ(serial[4], t0 + one + x + two + 2 * one, "serial Y");
        std::vector<Time> parallel = Run(QuantumProcessor::PARALLEL);
        NS_TEST_EXPECT_MSG_EQ(parallel[0], t0 + one, "parallel H");
        NS_TEST_EXPECT_MSG_EQ(parallel[1], t0 + x, "parallel X overlaps H");
        NS_TEST_EXPECT_MSG_EQ(parallel[2], t0 + one + two, "CNOT waits for H and X");
        NS_TEST_EXPECT_MSG_EQ(parallel[3], t0 + one, "Z on a free slot overlaps");
        NS_TEST_EXPECT_MSG_EQ(parallel[4],
                              t0 + one + two + one,
                              "Y on slot 1 keeps FIFO order behind the CNOT");
    }
};

/**
 * @ingroup quantum-tests
 * Gate noise and decay during instructions: a noisy CNOT making |Phi+> from
 * |+>|0> gives F = 1 - 3p/4; an H on a stored |+> applies the decay over its
 * duration first: <0|rho|0> = (1 + exp(-d/T2))/2; measurement error rate.
 */
class ProcessorNoiseTestCase : public TestCase
{
  public:
    ProcessorNoiseTestCase()
        : TestCase("processor gate noise, decay during gates and measurement error")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(19);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        {
            const double p = 0.12;
            Ptr<QuantumMemory> m = MakeMemory(reg, 2, Seconds(0), Seconds(0));
            Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
            proc->SetMemory(m);
            proc->SetAttribute("TwoQubitGateDepolarizing", DoubleValue(p));
            proc->SetAttribute("TwoQubitGateDuration", TimeValue(MicroSeconds(5)));
            m->Allocate();
            m->Allocate();
            double f = -1;
            proc->Execute(QuantumGate::Hadamard(), {0}, Callback<void>());
            proc->Execute(QuantumGate::Cnot(), {0, 1}, Callback<void>([&]() {
                              f = reg->GetFidelity({m->Access(0), m->Access(1)},
                                                   BellStateVector(BellState::PHI_PLUS));
                          }));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ_TOL(f, 1 - 3 * p / 4, 1e-12, "noisy CNOT: F = 1 - 3p/4");
            Simulator::Destroy();
        }
        {
            const double t2 = 1e-3;
            const Time d = MicroSeconds(300);
            Ptr<QuantumMemory> m = MakeMemory(reg, 1, Seconds(0), Seconds(t2));
            Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
            proc->SetMemory(m);
            proc->SetInstruction("H", d, 0);
            const uint32_t s = m->Store(MakeQubit(reg, KetPlus()));
            double p0 = -1;
            proc->Execute(QuantumGate::Hadamard(), {s}, Callback<void>([&]() {
                              p0 = std::real(reg->GetDensityMatrix({m->Access(s)})(0, 0));
                          }));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ_TOL(p0,
                                      0.5 + 0.5 * std::exp(-d.GetSeconds() / t2),
                                      1e-12,
                                      "decay over the gate, then the gate");
            m->Release(s);
            Simulator::Destroy();
        }
        {
            const uint32_t n = 20000;
            const double e = 0.1;
            Ptr<QuantumMemory> m = MakeMemory(reg, n, Seconds(0), Seconds(0));
            Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
            proc->SetMemory(m);
            proc->SetAttribute("MeasurementError", DoubleValue(e));
            proc->SetAttribute("MeasurementDuration", TimeValue(NanoSeconds(100)));
            proc->AssignStreams(7);
            double ones = 0;
            for (uint32_t i = 0; i < n; ++i)
            {
                proc->Measure(m->Allocate(),
                              MeasurementBasis::ZBasis(),
                              Callback<void, uint32_t>([&ones](uint32_t o) {
                                  ones += o;
                              }));
            }
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(Simulator::Now(), NanoSeconds(100) * n, "serial measurements");
            NS_TEST_EXPECT_MSG_LT(std::abs(ones / n - e),
                                  5 * quantumtest::BinomialSigma(e, n),
                                  "measurement error rate");
            NS_TEST_EXPECT_MSG_EQ(m->IsOccupied(0), true, "measurement is non-destructive");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * Transducer: conversion efficiency (5 sigma), exact latency, added noise on
 * a converted half of |Phi+> (F = 1 - 3p/4), exact loss and noise of a MODE
 * pulse, output wavelength.
 */
class TransducerTestCase : public TestCase
{
  public:
    TransducerTestCase()
        : TestCase("transducer efficiency, latency and added noise")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(20);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(0);
        Ptr<QuantumTransducer> t = CreateObject<QuantumTransducer>();
        t->SetAttribute("Registry", PointerValue(reg));
        const double eta = 0.4;
        const double p = 0.2;
        t->SetAttribute("Efficiency", DoubleValue(eta));
        t->SetAttribute("AddedNoise", DoubleValue(p));
        t->SetAttribute("Latency", TimeValue(MicroSeconds(3)));
        t->SetAttribute("OutputWavelengthNm", DoubleValue(1310));
        t->AssignStreams(3);
        uint32_t lostTraced = 0;
        uint32_t convertedTraced = 0;
        t->TraceConnectWithoutContext("Lost",
                                      MakeCallback(+[](uint32_t* c, Ptr<const QuantumSignal>) {
                                          ++*c;
                                      }).Bind(&lostTraced));
        t->TraceConnectWithoutContext("Converted",
                                      MakeCallback(+[](uint32_t* c, Ptr<const QuantumSignal>) {
                                          ++*c;
                                      }).Bind(&convertedTraced));
        const uint32_t n = 20000;
        double survived = 0;
        double fidelitySum = 0;
        std::vector<std::pair<QubitHandle, QubitHandle>> pairs;
        Simulator::Schedule(Seconds(2), [&]() {
            for (uint32_t i = 0; i < n; ++i)
            {
                auto pr
                    = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
                pairs.push_back(pr);
                Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(pr.second);
                t->Convert(s, Callback<void, Ptr<QuantumSignal>>([&, pr](Ptr<QuantumSignal> out) {
                               NS_TEST_EXPECT_MSG_EQ(Simulator::Now(),
                                                     Seconds(2) + MicroSeconds(3),
                                                     "latency");
                               NS_TEST_EXPECT_MSG_EQ_TOL(out->GetWavelengthMeters(),
                                                         1310e-9,
                                                         1e-18,
                                                         "wavelength");
                               if (!reg->IsErased(out->GetQubit()))
                               {
                                   survived += 1;
                                   fidelitySum
                                       += reg->GetFidelity({pr.first, out->GetQubit()},
                                                           BellStateVector(BellState::PHI_PLUS));
                               }
                               reg->Discard(pr.first);
                               reg->Discard(out->GetQubit());
                           }));
            }
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_LT(std::abs(survived / n - eta),
                              5 * quantumtest::BinomialSigma(eta, n),
                              "conversion efficiency");
        NS_TEST_EXPECT_MSG_EQ_TOL(fidelitySum / survived, 1 - 3 * p / 4, 1e-12, "added noise");
        NS_TEST_EXPECT_MSG_EQ(lostTraced + convertedTraced, n, "every photon traced");
        NS_TEST_EXPECT_MSG_EQ(convertedTraced, survived, "converted traced");
        // MODE pulse: exact transmittance and Pauli noise (flip in Z = p/2).
        Ptr<QuantumSignal> pulse = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 0, 1);
        t->Convert(pulse, Callback<void, Ptr<QuantumSignal>>());
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ_TOL(pulse->GetTransmittance(), eta, 1e-15, "MODE transmittance");
        NS_TEST_EXPECT_MSG_EQ_TOL(pulse->GetFlipProbability(0), p / 2, 1e-15, "MODE noise");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Changing NumSlots keeps the occupied slots and their qubits, adds free
 * slots, and Allocate hands out the lowest free slot across the 64-slot words
 * and the summary words of the free-slot bit set (more than 4096 slots).
 */
class MemoryResizeTestCase : public TestCase
{
  public:
    MemoryResizeTestCase()
        : TestCase("Resizing keeps occupied slots; Allocate takes the lowest free slot")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
        m->SetAttribute("NumSlots", UintegerValue(2));
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 0, "first slot");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 1, "second slot");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), -1, "full");
        const QubitHandle kept = m->GetStoredQubit(1);
        m->Release(0);
        const uint32_t n = 5000;
        m->SetAttribute("NumSlots", UintegerValue(n));
        NS_TEST_EXPECT_MSG_EQ(m->GetNumSlots(), n, "grown");
        NS_TEST_EXPECT_MSG_EQ(m->IsOccupied(0), false, "released slot stays free");
        NS_TEST_EXPECT_MSG_EQ(m->IsOccupied(1), true, "occupied slot stays occupied");
        NS_TEST_EXPECT_MSG_EQ(m->GetStoredQubit(1), kept, "with its qubit");
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), n - 1, "new slots are free");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 0, "lowest free slot");
        for (uint32_t s = 2; s < n; ++s)
        {
            NS_TEST_ASSERT_MSG_EQ(m->Allocate(), static_cast<int32_t>(s), "slots in order");
        }
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), -1, "full again");
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), 0u, "no free slot");
        m->Release(4097);
        m->Release(70);
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 70, "lowest of two free slots");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 4097, "free slot in the second summary word");
        for (uint32_t s = 2; s < n; ++s)
        {
            m->Release(s);
        }
        m->SetAttribute("NumSlots", UintegerValue(3));
        NS_TEST_EXPECT_MSG_EQ(m->GetNumFree(), 1u, "shrunk: slot 2 free");
        NS_TEST_EXPECT_MSG_EQ(m->IsOccupied(1), true, "slot 1 still occupied");
        NS_TEST_EXPECT_MSG_EQ(m->GetStoredQubit(1), kept, "with its qubit");
        NS_TEST_EXPECT_MSG_EQ(m->Allocate(), 2, "the free slot");
        m->Dispose();
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad input aborts with a clear message.
 */
class MemoryBadInputTestCase : public TestCase
{
  public:
    MemoryBadInputTestCase()
        : TestCase("bad memory, processor and transducer input aborts with a clear message")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("T1", TimeValue(Seconds(1)));
                m->SetAttribute("T2", TimeValue(Seconds(3)));
                m->Allocate();
            },
            "attribute T2");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(0));
            },
            "NumSlots");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("InitializationFidelity", DoubleValue(1.5));
            },
            "InitializationFidelity");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->Read(0);
            },
            "slot 0 holds no qubit");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->Access(3);
            },
            "slot 3 does not exist");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(4));
                m->Initialize(3);
                m->SetAttribute("NumSlots", UintegerValue(2));
            },
            "while slot 3 holds a qubit");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetReference(m->Allocate(), BellStateVector(BellState::PHI_PLUS));
            },
            "needs 2 amplitudes");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(2));
                Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
                p->SetMemory(m);
                m->Allocate();
                p->Execute(QuantumGate::Cnot(), {0}, Callback<void>());
            },
            "acts on 2 qubit(s), but 1 slot(s)");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                m->SetAttribute("NumSlots", UintegerValue(2));
                Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
                p->SetMemory(m);
                m->Allocate();
                m->Allocate();
                p->Execute(QuantumGate::Cnot(), {1, 1}, Callback<void>());
            },
            "named twice");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
                Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
                p->SetMemory(m);
                p->SetAttribute("SingleQubitGateDuration", TimeValue(Seconds(1)));
                m->Allocate();
                p->Execute(QuantumGate::Hadamard(), {0}, Callback<void>());
                Simulator::Schedule(Seconds(0.5), [m]() {
                    m->Release(0);
                });
                Simulator::Run();
            },
            "while instruction H was executing");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
                p->Measure(0, MeasurementBasis::ZBasis(), Callback<void, uint32_t>());
            },
            "no memory");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumProcessor> p = CreateObject<QuantumProcessor>();
                p->SetInstruction("CNOT", Seconds(1), 1.5);
            },
            "must be in [0, 1]");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumTransducer> t = CreateObject<QuantumTransducer>();
                t->SetAttribute("Efficiency", DoubleValue(-0.1));
            },
            "Efficiency");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
                QubitHandle q = reg->CreateQubit();
                reg->Erase(q);
                Ptr<QuantumTransducer> t = CreateObject<QuantumTransducer>();
                t->Convert(QuantumSignal::CreateQubit(q), Callback<void, Ptr<QuantumSignal>>());
            },
            "already lost");
    }
};

/**
 * @ingroup quantum-tests
 * The memory, processor and transducer suite.
 */
class QuantumMemoryTestSuite : public TestSuite
{
  public:
    QuantumMemoryTestSuite()
        : TestSuite("quantum-memory", Type::UNIT)
    {
        AddTestCase(new MemoryT1T2TestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryBellPairTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryLazyDecayTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryReadoutErrorTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryCutoffTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryInitializationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryEmissionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ProcessorTimingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ProcessorNoiseTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new TransducerTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryResizeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new MemoryBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumMemoryTestSuite g_quantumMemoryTestSuite;
