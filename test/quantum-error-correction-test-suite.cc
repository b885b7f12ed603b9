/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Quantum error correction: the 3-qubit bit-flip code and the Steane
// [[7,1,3]] code (A. M. Steane, Phys. Rev. Lett. 77, 793 (1996); Nielsen and
// Chuang, "Quantum Computation and Quantum Information", 2000, ch. 10;
// D. Gottesman, PhD thesis, Caltech 1997) held by a LogicalQubitMemory in the
// stabilizer formalism, against exact enumerations and closed forms.

#include "quantum-test-utils.h"

#include "ns3/double.h"
#include "ns3/kraus-channel.h"
#include "ns3/logical-qubit-memory.h"
#include "ns3/pointer.h"
#include "ns3/quantum-density-matrix.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/stabilizer-code-circuit.h"
#include "ns3/stabilizer-code.h"
#include "ns3/string.h"
#include "ns3/syndrome-lookup-decoder.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <bitset>
#include <cmath>
#include <functional>
#include <limits>

using namespace ns3;

namespace
{

uint32_t g_outcome = 99;      //!< last logical readout
uint32_t g_lastSyndrome = 0;  //!< last syndrome seen by the trace
std::string g_lastCorrection; //!< last correction seen by the trace

/**
 * Readout callback.
 * @param o the outcome
 */
void
RecordOutcome(uint32_t o)
{
    g_outcome = o;
}

/**
 * SyndromeMeasured trace sink.
 * @param round round
 * @param syndrome syndrome
 * @param correction correction
 */
void
RecordSyndrome(uint32_t round, uint32_t syndrome, std::string correction)
{
    g_lastSyndrome = syndrome;
    g_lastCorrection = correction;
}

/**
 * @param v a mask
 * @return its parity
 */
uint32_t
Parity(uint32_t v)
{
    return static_cast<uint32_t>(std::bitset<32>(v).count() & 1);
}

/** A node's quantum hardware holding one logical qubit. */
struct Rig
{
    Ptr<QuantumStateRegistry> reg; //!< state engine
    Ptr<QuantumMemory> mem;        //!< memory
    Ptr<QuantumProcessor> proc;    //!< processor
    Ptr<LogicalQubitMemory> lqm;   //!< the logical qubit
};

/**
 * @param code "BitFlip3" or "Steane7"
 * @param slots memory slots
 * @return the hardware, noiseless, zero durations, streams assigned
 */
Rig
MakeRig(const std::string& code, uint32_t slots = 13)
{
    Rig r;
    r.reg = CreateObject<QuantumStateRegistry>();
    r.mem = CreateObject<QuantumMemory>();
    r.mem->SetAttribute("Registry", PointerValue(r.reg));
    r.mem->SetAttribute("NumSlots", UintegerValue(slots));
    r.proc = CreateObject<QuantumProcessor>();
    r.proc->SetMemory(r.mem);
    r.lqm = CreateObject<LogicalQubitMemory>();
    r.lqm->SetAttribute("Code", StringValue(code));
    r.lqm->SetProcessor(r.proc);
    r.reg->AssignStreams(1);
    r.proc->AssignStreams(2);
    r.mem->AssignStreams(3);
    return r;
}

/**
 * One memory experiment: encode, noise, rounds, readout.
 * @param r the hardware
 * @param state the logical state
 * @param noise applied right after encoding (may be empty)
 * @param rounds syndrome rounds
 * @param basis readout basis
 * @return the decoded logical outcome
 */
uint32_t
RunTrial(Rig& r,
         LogicalQubitMemory::LogicalState state,
         const std::function<void()>& noise,
         uint32_t rounds,
         const MeasurementBasis& basis)
{
    r.lqm->Encode(state, Callback<void>());
    Simulator::Run();
    if (noise)
    {
        noise();
    }
    if (rounds > 0)
    {
        r.lqm->RunRounds(rounds, Callback<void>());
        Simulator::Run();
    }
    g_outcome = 99;
    r.lqm->ReadOut(basis, MakeCallback(&RecordOutcome));
    Simulator::Run();
    return g_outcome;
}

/**
 * The code states built from the code description alone (not from the
 * encoder): |0_L> = 2^{-r/2} sum over the X-type stabilizer group of |x>,
 * |1_L> = X_L |0_L>, |+_L> and |-_L> their (anti)symmetric sums.
 * @param code a CSS code
 * @param state which logical state
 * @return the 2^n amplitudes, qubit 0 the most significant bit
 */
QVector
CodeState(const StabilizerCode& code, LogicalQubitMemory::LogicalState state)
{
    const uint32_t n = code.GetNumQubits();
    std::vector<uint32_t> xrows;
    for (uint32_t i = 0; i < code.GetNumStabilizers(); ++i)
    {
        if (code.GetStabilizer(i).x != 0)
        {
            xrows.push_back(code.GetStabilizer(i).x);
        }
    }
    auto index = [n](uint32_t mask) {
        uint32_t idx = 0;
        for (uint32_t j = 0; j < n; ++j)
        {
            if ((mask >> j) & 1)
            {
                idx |= 1u << (n - 1 - j);
            }
        }
        return idx;
    };
    QVector zero = QVector::Zero(1u << n);
    QVector one = QVector::Zero(1u << n);
    for (uint32_t sub = 0; sub < (1u << xrows.size()); ++sub)
    {
        uint32_t c = 0;
        for (size_t k = 0; k < xrows.size(); ++k)
        {
            if ((sub >> k) & 1)
            {
                c ^= xrows[k];
            }
        }
        zero[index(c)] += 1;
        one[index(c ^ code.GetLogicalX().x)] += 1;
    }
    zero.normalize();
    one.normalize();
    switch (state)
    {
        case LogicalQubitMemory::ZERO:
            return zero;
        case LogicalQubitMemory::ONE:
            return one;
        case LogicalQubitMemory::PLUS:
            return (zero + one) / std::sqrt(2.0);
        default:
            return (zero - one) / std::sqrt(2.0);
    }
}

/**
 * Exact code-capacity logical error rate of a CSS code with the
 * minimum-weight lookup decoder against independent X flips of probability
 * p, by enumerating all 2^n flip patterns with a decoder written here from
 * the parity checks (independent of SyndromeLookupDecoder).
 * @param code the code
 * @param p flip probability
 * @return P(the decoded Z_L readout is wrong)
 */
double
EnumeratedLogicalXError(const StabilizerCode& code, double p)
{
    const uint32_t n = code.GetNumQubits();
    auto syndrome = [&code](uint32_t x) {
        uint32_t s = 0;
        for (uint32_t i = 0; i < code.GetNumStabilizers(); ++i)
        {
            s |= Parity(code.GetStabilizer(i).z & x) << i;
        }
        return s;
    };
    double pl = 0;
    for (uint32_t e = 0; e < (1u << n); ++e)
    {
        // minimum-weight pattern with the same syndrome (lowest mask on ties)
        uint32_t best = 0;
        uint32_t bestW = 99;
        for (uint32_t c = 0; c < (1u << n); ++c)
        {
            const uint32_t w = std::bitset<32>(c).count();
            if (syndrome(c) == syndrome(e) && w < bestW)
            {
                best = c;
                bestW = w;
            }
        }
        const uint32_t w = std::bitset<32>(e).count();
        if (Parity((e ^ best) & code.GetLogicalZ().z))
        {
            pl += std::pow(p, w) * std::pow(1 - p, n - w);
        }
    }
    return pl;
}

/**
 * N&C eq. 10.4 (majority vote of three): p_L = 3p^2(1-p) + p^3.
 * @param p flip probability
 * @return logical error probability
 */
double
RepetitionPl(double p)
{
    return 3 * p * p * (1 - p) + p * p * p;
}

/**
 * Steane code, X flips of probability p, exact: the residual after
 * decoding is a Hamming codeword; it is a logical error when odd (weight 3
 * or 7).  Counting the flip patterns by weight w (A_w = Hamming weight
 * enumerator 1, 0, 0, 7, 7, 0, 0, 1): every w = 2 pattern fails (21), of
 * w = 3 only the 7 codewords, of w = 4 the 35 - 7 non-codewords, none of
 * w = 5, all 7 of w = 6 and the one of w = 7:
 * p_L = 21 p^2 q^5 + 7 p^3 q^4 + 28 p^4 q^3 + 7 p^6 q + p^7, q = 1 - p.
 * The often quoted 1 - q^7 - 7 p q^6 counts every pattern of weight >= 2
 * as fatal and is only an upper bound.
 * @param p flip probability
 * @return logical error probability
 */
double
SteanePl(double p)
{
    const double q = 1 - p;
    return 21 * std::pow(p, 2) * std::pow(q, 5) + 7 * std::pow(p, 3) * std::pow(q, 4)
           + 28 * std::pow(p, 4) * std::pow(q, 3) + 7 * std::pow(p, 6) * q + std::pow(p, 7);
}

/**
 * @param p flip probability
 * @return the upper bound 1 - (1-p)^7 - 7p(1-p)^6
 */
double
SteaneBound(double p)
{
    return 1 - std::pow(1 - p, 7) - 7 * p * std::pow(1 - p, 6);
}

} // namespace

/**
 * @ingroup quantum-tests
 * The built-in codes are valid stabilizer codes with the documented
 * structure, their single-qubit errors have distinct non-zero syndromes (X
 * and Z separately), the decoder returns each single error as its own
 * correction, and the exact enumeration reproduces the closed forms.
 */
class StabilizerCodeStructureTestCase : public TestCase
{
  public:
    StabilizerCodeStructureTestCase()
        : TestCase("built-in codes, syndromes, decoder tables, exact p_L closed forms")
    {
    }

  private:
    void DoRun() override
    {
        const StabilizerCode rep = StabilizerCode::BitFlipRepetition3();
        const StabilizerCode steane = StabilizerCode::Steane7();
        NS_TEST_ASSERT_MSG_EQ(rep.GetNumQubits(), 3, "repetition code n");
        NS_TEST_ASSERT_MSG_EQ(steane.GetNumQubits(), 7, "Steane n");
        NS_TEST_ASSERT_MSG_EQ(steane.IsCss(), true, "Steane is CSS");
        NS_TEST_ASSERT_MSG_EQ(steane.GetStabilizer(0).ToString(7), "IIIXXXX", "Steane g1");
        // X_L and Z_L are not in the stabilizer group; their product with a
        // stabilizer is a logical of weight 3 (distance 3).
        NS_TEST_ASSERT_MSG_EQ(steane.IsInStabilizerGroup(steane.GetLogicalX()), false, "X_L");
        NS_TEST_ASSERT_MSG_EQ(
            steane.IsInStabilizerGroup(steane.GetStabilizer(0) * steane.GetStabilizer(1)),
            true,
            "product of generators");
        NS_TEST_ASSERT_MSG_EQ((steane.GetLogicalX() * steane.GetStabilizer(0)).GetWeight(),
                              3,
                              "weight-3 logical X");
        // Single errors: distinct non-zero syndromes per type; the decoder
        // returns the error itself.
        for (const StabilizerCode* code : {&rep, &steane})
        {
            SyndromeLookupDecoder dec(*code);
            NS_TEST_ASSERT_MSG_EQ(dec.GetMaxCorrectionWeight(), 1, "perfect codes need weight 1");
            const uint32_t n = code->GetNumQubits();
            for (uint32_t type = 0; type < (code == &rep ? 1u : 3u); ++type)
            {
                for (uint32_t j = 0; j < n; ++j)
                {
                    PauliMask e;
                    e.x = (type == 0 || type == 1) ? 1u << j : 0;
                    e.z = (type == 1 || type == 2) ? 1u << j : 0;
                    const uint32_t s = code->GetSyndrome(e);
                    NS_TEST_ASSERT_MSG_NE(s, 0, "single error detected");
                    NS_TEST_ASSERT_MSG_EQ((dec.Decode(s) == e),
                                          true,
                                          code->GetName() << " decodes " << e.ToString(n));
                }
            }
        }
        // Encoder documented structure.
        StabilizerCodeCircuit circ(steane);
        NS_TEST_ASSERT_MSG_EQ(circ.GetInputQubit(), 2, "Steane encoder input qubit");
        NS_TEST_ASSERT_MSG_EQ(StabilizerCodeCircuit(rep).GetEncodingCircuit().size(),
                              2,
                              "repetition encoder is two CNOTs");
        // The closed forms equal the brute-force enumeration with an
        // independent minimum-weight decoder.
        for (double p : {0.01, 0.1, 0.3, 0.5, 0.8})
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(EnumeratedLogicalXError(rep, p),
                                      RepetitionPl(p),
                                      1e-12,
                                      "repetition p_L, p = " << p);
            NS_TEST_EXPECT_MSG_EQ_TOL(EnumeratedLogicalXError(steane, p),
                                      SteanePl(p),
                                      1e-12,
                                      "Steane p_L, p = " << p);
        }
    }
};

/**
 * @ingroup quantum-tests
 * Noiseless encoding gives exactly the code state built from the code
 * description (fidelity 1 to 1e-12) for |0_L>, |1_L>, |+_L>, |-_L>; a
 * noiseless round measures the zero syndrome; unencoding returns the input
 * state on the logical slot (fidelity 1 to 1e-12) and |0> on the others.
 */
class EncodeDecodeFidelityTestCase : public TestCase
{
  public:
    EncodeDecodeFidelityTestCase()
        : TestCase("noiseless encode, round and unencode are exact")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(31);
        RngSeedManager::SetRun(1);
        const double s = 1 / std::sqrt(2.0);
        for (const std::string name : {"BitFlip3", "Steane7"})
        {
            Rig r = MakeRig(name);
            r.lqm->TraceConnectWithoutContext("SyndromeMeasured", MakeCallback(&RecordSyndrome));
            const uint32_t n = r.lqm->GetCode().GetNumQubits();
            for (auto st : {LogicalQubitMemory::ZERO,
                            LogicalQubitMemory::ONE,
                            LogicalQubitMemory::PLUS,
                            LogicalQubitMemory::MINUS})
            {
                r.lqm->Encode(st, Callback<void>());
                Simulator::Run();
                const QVector code = CodeState(r.lqm->GetCode(), st);
                NS_TEST_EXPECT_MSG_EQ_TOL(r.reg->GetFidelity(r.lqm->GetDataQubits(), code),
                                          1.0,
                                          1e-12,
                                          name << " encoded state " << st);
                g_lastSyndrome = 99;
                r.lqm->RunRounds(1, Callback<void>());
                Simulator::Run();
                NS_TEST_EXPECT_MSG_EQ(g_lastSyndrome, 0, name << " noiseless syndrome");
                NS_TEST_EXPECT_MSG_EQ(g_lastCorrection, std::string(n, 'I'), "no correction");
                NS_TEST_EXPECT_MSG_EQ_TOL(r.reg->GetFidelity(r.lqm->GetDataQubits(), code),
                                          1.0,
                                          1e-12,
                                          name << " state after a round " << st);
                const auto data = r.lqm->GetDataQubits();
                r.lqm->Unencode(Callback<void>());
                Simulator::Run();
                QVector in(2);
                switch (st)
                {
                    case LogicalQubitMemory::ZERO:
                        in << 1, 0;
                        break;
                    case LogicalQubitMemory::ONE:
                        in << 0, 1;
                        break;
                    case LogicalQubitMemory::PLUS:
                        in << s, s;
                        break;
                    default:
                        in << s, -s;
                }
                const uint32_t inputQubit = StabilizerCodeCircuit(r.lqm->GetCode()).GetInputQubit();
                NS_TEST_EXPECT_MSG_EQ_TOL(r.reg->GetFidelity({data[inputQubit]}, in),
                                          1.0,
                                          1e-12,
                                          name << " unencoded state " << st);
                QVector ket0(2);
                ket0 << 1, 0;
                for (uint32_t j = 0; j < n; ++j)
                {
                    if (j != inputQubit)
                    {
                        NS_TEST_EXPECT_MSG_EQ_TOL(r.reg->GetFidelity({data[j]}, ket0),
                                                  1.0,
                                                  1e-12,
                                                  name << " qubit " << j << " back to |0>");
                    }
                }
                r.lqm->Release();
                NS_TEST_EXPECT_MSG_EQ(r.mem->GetNumFree(), 13, "all slots freed");
            }
            // Noiseless readout returns the logical value with certainty.
            NS_TEST_EXPECT_MSG_EQ(
                RunTrial(r, LogicalQubitMemory::ONE, nullptr, 1, MeasurementBasis::ZBasis()),
                1,
                "|1_L> reads 1");
            NS_TEST_EXPECT_MSG_EQ(
                RunTrial(r, LogicalQubitMemory::MINUS, nullptr, 1, MeasurementBasis::XBasis()),
                1,
                "|-_L> reads 1 in X");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Exhaustive: every single-qubit error (X on each qubit for the repetition
 * code; X, Y and Z on each qubit for the Steane code), injected into |0_L>
 * and |+_L>, gives its syndrome, is corrected exactly (state fidelity 1 with
 * the code state) and the readout is right in both bases.
 */
class SingleErrorCorrectionTestCase : public TestCase
{
  public:
    SingleErrorCorrectionTestCase()
        : TestCase("every single-qubit error is corrected (exhaustive)")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(32);
        RngSeedManager::SetRun(1);
        for (const std::string name : {"BitFlip3", "Steane7"})
        {
            Rig r = MakeRig(name);
            r.lqm->TraceConnectWithoutContext("SyndromeMeasured", MakeCallback(&RecordSyndrome));
            const StabilizerCode& code = r.lqm->GetCode();
            const uint32_t n = code.GetNumQubits();
            const std::string types = name == "BitFlip3" ? "X" : "XYZ";
            for (char t : types)
            {
                for (uint32_t j = 0; j < n; ++j)
                {
                    std::string err(n, 'I');
                    err[j] = t;
                    const uint32_t expected
                        = code.GetSyndrome(StabilizerCode::ParsePauli(err, "test"));
                    for (auto st : {LogicalQubitMemory::ZERO, LogicalQubitMemory::PLUS})
                    {
                        r.lqm->Encode(st, Callback<void>());
                        Simulator::Run();
                        r.lqm->InjectError(err);
                        r.lqm->RunRounds(1, Callback<void>());
                        Simulator::Run();
                        NS_TEST_EXPECT_MSG_EQ(g_lastSyndrome,
                                              expected,
                                              name << " syndrome of " << err);
                        NS_TEST_EXPECT_MSG_EQ(g_lastCorrection,
                                              err,
                                              name << " correction of " << err);
                        NS_TEST_EXPECT_MSG_EQ_TOL(
                            r.reg->GetFidelity(r.lqm->GetDataQubits(), CodeState(code, st)),
                            1.0,
                            1e-12,
                            name << " corrected state after " << err);
                        g_outcome = 99;
                        r.lqm->ReadOut(st == LogicalQubitMemory::ZERO ? MeasurementBasis::ZBasis()
                                                                      : MeasurementBasis::XBasis(),
                                       MakeCallback(&RecordOutcome));
                        Simulator::Run();
                        NS_TEST_EXPECT_MSG_EQ(g_outcome, 0, name << " readout after " << err);
                    }
                    // Without a round, the readout's classical decoding
                    // corrects the error too (single X before a Z readout).
                    if (t != 'Z')
                    {
                        NS_TEST_EXPECT_MSG_EQ(RunTrial(
                                                  r,
                                                  LogicalQubitMemory::ONE,
                                                  [&r, err]() {
                                                      r.lqm->InjectError(err);
                                                  },
                                                  0,
                                                  MeasurementBasis::ZBasis()),
                                              1,
                                              name << " decoded readout after " << err);
                    }
                }
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Code-capacity noise (independent X flips of probability p on each data
 * qubit, perfect syndrome extraction), repetition code: p_L =
 * 3p^2(1-p) + p^3 (Nielsen and Chuang eq. 10.4) within 5 standard errors,
 * and the pseudo-threshold at p = 1/2: p_L < p below it, p_L > p above it,
 * each by more than 5 standard errors.
 */
class RepetitionCodeCapacityTestCase : public TestCase
{
  public:
    RepetitionCodeCapacityTestCase()
        : TestCase("repetition code: code-capacity p_L and the p = 0.5 crossing")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(33);
        RngSeedManager::SetRun(1);
        Rig r = MakeRig("BitFlip3", 5);
        const uint32_t trials = 20000;
        for (double p : {0.05, 0.1, 0.3, 0.5, 0.7})
        {
            uint32_t fails = 0;
            for (uint32_t k = 0; k < trials; ++k)
            {
                fails += RunTrial(
                    r,
                    LogicalQubitMemory::ZERO,
                    [&r, p]() {
                        r.lqm->ApplyDataNoise(p, 0, 0);
                    },
                    1,
                    MeasurementBasis::ZBasis());
            }
            const double pl = double(fails) / trials;
            const double exact = RepetitionPl(p);
            const double sigma = quantumtest::BinomialSigma(exact, trials);
            NS_TEST_EXPECT_MSG_EQ_TOL(pl, exact, 5 * sigma, "repetition p_L at p = " << p);
            if (p < 0.45)
            {
                NS_TEST_EXPECT_MSG_GT(p - pl, 5 * sigma, "below threshold p_L < p, p = " << p);
            }
            else if (p > 0.55)
            {
                NS_TEST_EXPECT_MSG_GT(pl - p, 5 * sigma, "above threshold p_L > p, p = " << p);
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Code-capacity noise on the Steane code with independent X and Z flips of
 * probability p on each qubit (Y when both): the logical X error rate (|0_L>
 * read in Z) and the logical Z error rate (|+_L> read in X) both equal the
 * exact SteanePl(p) within 5 standard errors; p_L < p below the
 * pseudo-threshold; and at p = 0.15 the measured p_L is below the common
 * bound 1 - (1-p)^7 - 7p(1-p)^6 by more than 5 standard errors (the decoder
 * corrects 28 of the 35 weight-3 patterns).
 */
class SteaneCodeCapacityTestCase : public TestCase
{
  public:
    SteaneCodeCapacityTestCase()
        : TestCase("Steane code: code-capacity p_L for X and Z flips")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(34);
        RngSeedManager::SetRun(1);
        Rig r = MakeRig("Steane7");
        const uint32_t trials = 8000;
        for (double p : {0.02, 0.05, 0.15})
        {
            for (bool xBasis : {false, true})
            {
                uint32_t fails = 0;
                for (uint32_t k = 0; k < trials; ++k)
                {
                    fails += RunTrial(
                        r,
                        xBasis ? LogicalQubitMemory::PLUS : LogicalQubitMemory::ZERO,
                        [&r, p]() {
                            r.lqm->ApplyDataNoise(p * (1 - p), p * p, p * (1 - p));
                        },
                        1,
                        xBasis ? MeasurementBasis::XBasis() : MeasurementBasis::ZBasis());
                }
                const double pl = double(fails) / trials;
                const double exact = SteanePl(p);
                const double sigma = quantumtest::BinomialSigma(exact, trials);
                NS_TEST_EXPECT_MSG_EQ_TOL(pl,
                                          exact,
                                          5 * sigma,
                                          "Steane p_L," << (xBasis ? "Z" : "X") << " at p = " << p);
                if (p < 0.04)
                {
                    NS_TEST_EXPECT_MSG_GT(p - pl, 5 * sigma, "below pseudo-threshold, p = " << p);
                }
                else if (p > 0.1)
                {
                    NS_TEST_EXPECT_MSG_GT(SteaneBound(p) - pl,
                                          5 * sigma,
                                          "the simple bound overestimates p_L, p = " << p);
                }
            }
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Phenomenological noise with measurement errors, repetition code: before
 * each of R = 3 rounds the data idle for RoundInterval with PhysicalT1 (T2 =
 * 2 T1), whose Pauli twirl flips each data qubit (X or Y) with probability
 * p = (1 - e^{-tau/T1}) / 2; every ancilla and data measurement is reported
 * wrong with probability q; each round's lookup correction is applied at
 * once; the final readout is a majority vote.  The exact logical error rate
 * is computed here by propagating the probability distribution of the
 * 3-bit error pattern through the rounds (8 states, 2^3 flip and 2^2
 * measurement-error patterns per round, 2^3 readout-error patterns), and the
 * simulation must match it within 5 standard errors.  A second case with
 * q = 0 checks the same chain without measurement errors.
 */
class PhenomenologicalNoiseTestCase : public TestCase
{
  public:
    PhenomenologicalNoiseTestCase()
        : TestCase("repeated rounds with memory decay and measurement errors, exact chain")
    {
    }

  private:
    /**
     * @param p data flip probability per round
     * @param q measurement flip probability
     * @param rounds rounds
     * @return exact logical error probability
     */
    static double ExactChain(double p, double q, uint32_t rounds)
    {
        auto prob = [](uint32_t pattern, uint32_t bits, double x) {
            const uint32_t w = std::bitset<32>(pattern).count();
            return std::pow(x, w) * std::pow(1 - x, bits - w);
        };
        // lookup table of the (Z0Z1, Z1Z2) syndrome: bit 0 = Z0Z1
        const uint32_t corr[4] = {0, 1, 4, 2};
        std::vector<double> dist(8, 0.0);
        dist[0] = 1;
        for (uint32_t r = 0; r < rounds; ++r)
        {
            std::vector<double> next(8, 0.0);
            for (uint32_t e = 0; e < 8; ++e)
            {
                for (uint32_t f = 0; f < 8; ++f)
                {
                    const uint32_t e1 = e ^ f;
                    const uint32_t s
                        = ((e1 & 1) ^ ((e1 >> 1) & 1)) | ((((e1 >> 1) & 1) ^ ((e1 >> 2) & 1)) << 1);
                    for (uint32_t m = 0; m < 4; ++m)
                    {
                        next[e1 ^ corr[s ^ m]] += dist[e] * prob(f, 3, p) * prob(m, 2, q);
                    }
                }
            }
            dist = next;
        }
        double fail = 0;
        for (uint32_t e = 0; e < 8; ++e)
        {
            for (uint32_t m = 0; m < 8; ++m)
            {
                if (std::bitset<3>(e ^ m).count() >= 2)
                {
                    fail += dist[e] * prob(m, 3, q);
                }
            }
        }
        return fail;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(35);
        RngSeedManager::SetRun(1);
        const double tauS = 1e-3;
        const double t1S = 5e-3;
        const double p = (1 - std::exp(-tauS / t1S)) / 2;
        const uint32_t rounds = 3;
        const uint32_t trials = 20000;
        for (double q : {0.05, 0.0})
        {
            Rig r = MakeRig("BitFlip3", 5);
            r.lqm->SetAttribute("RoundInterval", TimeValue(Seconds(tauS)));
            r.lqm->SetAttribute("PhysicalT1", TimeValue(Seconds(t1S)));
            r.proc->SetAttribute("MeasurementError", DoubleValue(q));
            uint32_t fails = 0;
            for (uint32_t k = 0; k < trials; ++k)
            {
                fails += RunTrial(r,
                                  LogicalQubitMemory::ZERO,
                                  nullptr,
                                  rounds,
                                  MeasurementBasis::ZBasis());
            }
            const double pl = double(fails) / trials;
            const double exact = ExactChain(p, q, rounds);
            NS_TEST_EXPECT_MSG_EQ_TOL(pl,
                                      exact,
                                      5 * quantumtest::BinomialSigma(exact, trials),
                                      "phenomenological p_L, p = " << p << ", q = " << q);
        }
        // Sanity of the chain itself: one round without measurement errors
        // is the code-capacity formula.
        NS_TEST_EXPECT_MSG_EQ_TOL(ExactChain(0.1, 0, 1), RepetitionPl(0.1), 1e-12, "chain, R = 1");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The Pauli twirl of T1/T2 decay keeps the Pauli transfer matrix diagonal
 * of the exact channel (KrausChannel::MemoryDecay run in the density-matrix
 * formalism): <X> of |+> decays as e^{-t/T2} and the Z-to-Z element is
 * e^{-t/T1}, to 1e-12.
 */
class TwirledDecayTestCase : public TestCase
{
  public:
    TwirledDecayTestCase()
        : TestCase("Pauli-twirled T1 T2 decay keeps the exact channel's Pauli transfer diagonal")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        for (double t : {1e-4, 1e-3, 5e-3})
        {
            const double t1 = 2e-3;
            const double t2 = 1.5e-3;
            const auto pr = LogicalQubitMemory::TwirledDecay(t, t1, t2);
            const double lx = pr[0] + pr[1] - pr[2] - pr[3];
            const double lz = pr[0] - pr[1] - pr[2] + pr[3];
            const KrausChannel exact = KrausChannel::MemoryDecay(t, t1, t2);
            QMatrix plus(2, 2);
            plus << 0.5, 0.5, 0.5, 0.5;
            QuantumDensityMatrix a(plus);
            a.ApplyChannel(exact, {0}, *rng);
            const double xExact = 2 * a.GetMatrix()(0, 1).real();
            QMatrix zero(2, 2);
            zero << 1, 0, 0, 0;
            QMatrix one(2, 2);
            one << 0, 0, 0, 1;
            QuantumDensityMatrix b0(zero);
            QuantumDensityMatrix b1(one);
            b0.ApplyChannel(exact, {0}, *rng);
            b1.ApplyChannel(exact, {0}, *rng);
            const double zz = ((b0.GetMatrix()(0, 0) - b0.GetMatrix()(1, 1)).real()
                               - (b1.GetMatrix()(0, 0) - b1.GetMatrix()(1, 1)).real())
                              / 2;
            NS_TEST_EXPECT_MSG_EQ_TOL(lx, xExact, 1e-12, "X transfer, t = " << t);
            NS_TEST_EXPECT_MSG_EQ_TOL(lz, zz, 1e-12, "Z transfer, t = " << t);
            NS_TEST_EXPECT_MSG_EQ_TOL(pr[1], pr[2], 1e-15, "p_X = p_Y");
        }
    }
};

/**
 * @ingroup quantum-tests
 * Bad input aborts with a clear message.
 */
class ErrorCorrectionBadInputTestCase : public TestCase
{
  public:
    ErrorCorrectionBadInputTestCase()
        : TestCase("bad codes and bad use of the logical memory abort")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZQI", "IZZ"}, "XXX", "ZII"),
                             "letter 'Q' at position 1");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"XXI", "ZII"}, "XXX", "ZZZ"), "do not commute");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZZ", "IZZ"}, "XXX", "ZII"), "has 2 letters");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZZI"}, "XXX", "ZII"), "needs exactly 2");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZZI", "ZZI"}, "XXX", "ZII"), "independent");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZZI", "IZZ"}, "XXX", "ZZI"),
                             "commute; they must anticommute");
        QUANTUM_EXPECT_ABORT(StabilizerCode("bad", {"ZZI", "IZZ"}, "XII", "ZII"),
                             "logical X 'XII' does not commute");
        QUANTUM_EXPECT_ABORT(StabilizerCode::FromName("Shor9"), "unknown code 'Shor9'");
        // The [[5,1,3]] code is a valid (non-CSS) description, but the
        // memory needs a CSS code.
        const StabilizerCode five("FiveQubit",
                                  {"XZZXI", "IXZZX", "XIXZZ", "ZXIXZ"},
                                  "XXXXX",
                                  "ZZZZZ");
        NS_TEST_EXPECT_MSG_EQ(five.IsCss(), false, "[[5,1,3]] is not CSS");
        QUANTUM_EXPECT_ABORT(CreateObject<LogicalQubitMemory>()->SetCode(five), "is not CSS");
        QUANTUM_EXPECT_ABORT(SyndromeLookupDecoder{five}, "is not CSS");
        QUANTUM_EXPECT_ABORT(
            {
                Rig r = MakeRig("Steane7", 10);
                r.lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
            },
            "needs 13 free memory slots (7 data + 6 ancillas), but the memory has 10 free");
        QUANTUM_EXPECT_ABORT(
            {
                Rig r = MakeRig("Steane7");
                r.mem->SetAttribute("T1", TimeValue(Seconds(1)));
                r.lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
            },
            "Set the memory's T1 and T2 to 0");
        QUANTUM_EXPECT_ABORT(
            {
                Rig r = MakeRig("BitFlip3");
                r.lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
                Simulator::Run();
                r.lqm->InjectError("XI");
            },
            "has 2 letters; the code has 3 data qubits");
        QUANTUM_EXPECT_ABORT(
            {
                Rig r = MakeRig("BitFlip3");
                r.lqm->RunRounds(1, Callback<void>());
            },
            "no logical qubit is encoded");
        QUANTUM_EXPECT_ABORT(
            {
                Rig r = MakeRig("BitFlip3");
                r.lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
                Simulator::Run();
                r.lqm->ReadOut(MeasurementBasis::YBasis(), Callback<void, uint32_t>());
            },
            "basis Y is not supported");
        QUANTUM_EXPECT_ABORT(
            CreateObject<LogicalQubitMemory>()->SetAttribute("Code", StringValue("Foo")),
            "unknown code 'Foo'");
        QUANTUM_EXPECT_ABORT(LogicalQubitMemory::TwirledDecay(1, 1, 3), "T2 <= 2 T1");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Randomness comes only from the streams of the registry and processor: the
 * same seed and run reproduce a sequence of Steane shots exactly, another
 * run gives a different sequence.
 */
class ErrorCorrectionReplicationTestCase : public TestCase
{
  public:
    ErrorCorrectionReplicationTestCase()
        : TestCase("same run reproduces, another run differs")
    {
    }

  private:
    /**
     * @param run the RngRun
     * @return outcomes of 300 noisy Steane shots
     */
    static std::vector<uint32_t> Shots(uint32_t run)
    {
        RngSeedManager::SetSeed(36);
        RngSeedManager::SetRun(run);
        Rig r = MakeRig("Steane7");
        r.proc->SetAttribute("MeasurementError", DoubleValue(0.05));
        std::vector<uint32_t> out;
        for (uint32_t k = 0; k < 300; ++k)
        {
            out.push_back(RunTrial(
                r,
                LogicalQubitMemory::ZERO,
                [&r]() {
                    r.lqm->ApplyDataNoise(0.1, 0.0, 0.1);
                },
                1,
                MeasurementBasis::ZBasis()));
        }
        Simulator::Destroy();
        return out;
    }

    void DoRun() override
    {
        const auto a = Shots(1);
        const auto b = Shots(1);
        const auto c = Shots(2);
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same seed and run reproduce the shots");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "another run gives other shots");
    }
};

/**
 * @ingroup quantum-tests
 * The quantum error correction test suite.
 */
class QuantumErrorCorrectionTestSuite : public TestSuite
{
  public:
    QuantumErrorCorrectionTestSuite()
        : TestSuite("quantum-error-correction", Type::UNIT)
    {
        AddTestCase(new StabilizerCodeStructureTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new EncodeDecodeFidelityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SingleErrorCorrectionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new TwirledDecayTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new RepetitionCodeCapacityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SteaneCodeCapacityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PhenomenologicalNoiseTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ErrorCorrectionReplicationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ErrorCorrectionBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** Static instance. */
static QuantumErrorCorrectionTestSuite g_quantumErrorCorrectionTestSuite;
