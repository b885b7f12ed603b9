/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// QKD classical post-processing kernels: Cascade error correction (Brassard
// and Salvail 1993; Martinez-Mateo et al., QIC 15, 453 (2015)), Toeplitz
// two-universal hashing (Carter and Wegman 1979), error verification, and
// Wegman-Carter authentication (JCSS 22, 265 (1981)) with polynomial hashing
// over GF(2^64).

#include "quantum-test-utils.h"

#include "ns3/cascade-parity-responder.h"
#include "ns3/cascade-permutation.h"
#include "ns3/cascade-reconciliation.h"
#include "ns3/double.h"
#include "ns3/polynomial-hash-gf64.h"
#include "ns3/qkd-bit-string.h"
#include "ns3/qkd-key-pool.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/qkd-key-verifier.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/toeplitz-hasher.h"
#include "ns3/uinteger.h"
#include "ns3/wegman-carter-authenticator.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace ns3;
using ns3::quantumtest::BinomialSigma;

namespace
{

/**
 * @param seed RngSeedManager seed
 * @param run RngSeedManager run
 * @param stream stream index
 * @return a uniform random variable on a fixed stream
 */
Ptr<UniformRandomVariable>
MakeRng(uint32_t seed, uint64_t run, int64_t stream)
{
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(stream);
    return u;
}

/**
 * Flip exactly count distinct bits chosen uniformly at random (partial
 * Fisher-Yates shuffle of the positions).
 * @param key the key
 * @param count the number of errors
 * @param rng randomness
 * @return the noisy copy
 */
QkdBitString
WithErrors(const QkdBitString& key, uint32_t count, Ptr<UniformRandomVariable> rng)
{
    const uint32_t n = static_cast<uint32_t>(key.GetSize());
    std::vector<uint32_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0u);
    QkdBitString noisy = key;
    for (uint32_t i = 0; i < count; ++i)
    {
        const uint32_t j = i + rng->GetInteger(0, n - 1 - i);
        std::swap(idx[i], idx[j]);
        noisy.Flip(idx[i]);
    }
    return noisy;
}

/**
 * @param bytes message length
 * @param rng randomness
 * @return random bytes
 */
std::vector<uint8_t>
RandomBytes(size_t bytes, Ptr<UniformRandomVariable> rng)
{
    std::vector<uint8_t> m(bytes);
    for (auto& b : m)
    {
        b = static_cast<uint8_t>(rng->GetInteger(0, 255));
    }
    return m;
}

/**
 * Reference GF(2^64) multiplication, one bit at a time: r = r x + a b_i.
 * @param a element
 * @param b element
 * @return a b mod x^64 + x^4 + x^3 + x + 1
 */
uint64_t
ReferenceMultiply(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 63; i >= 0; --i)
    {
        r = (r << 1) ^ ((r >> 63) ? PolynomialHashGf64::REDUCTION : 0);
        if ((b >> i) & 1)
        {
            r ^= a;
        }
    }
    return r;
}

/**
 * @param a a GF(2) polynomial (bit i = coefficient of x^i)
 * @return its degree (-1 for zero)
 */
int
Degree(unsigned __int128 a)
{
    int d = -1;
    for (int i = 0; i < 128; ++i)
    {
        if ((a >> i) & 1)
        {
            d = i;
        }
    }
    return d;
}

/**
 * @param a a GF(2) polynomial
 * @param b a GF(2) polynomial
 * @return gcd(a, b)
 */
unsigned __int128
PolynomialGcd(unsigned __int128 a, unsigned __int128 b)
{
    while (b != 0)
    {
        while (Degree(a) >= Degree(b))
        {
            a ^= b << (Degree(a) - Degree(b));
        }
        std::swap(a, b);
    }
    return a;
}

} // namespace

/**
 * @ingroup quantum-tests
 * QkdBitString operations against a one-byte-per-bit model.
 */
class QkdBitStringTestCase : public TestCase
{
  public:
    QkdBitStringTestCase()
        : TestCase("packed bit strings agree with a byte-per-bit model")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(1, 1, 10);
        for (size_t n : {1, 63, 64, 65, 1000})
        {
            const QkdBitString s = QkdBitString::Random(n, rng);
            const std::vector<uint8_t> model = s.ToBits();
            NS_TEST_EXPECT_MSG_EQ((QkdBitString::FromBits(model) == s), true, "round trip");
            NS_TEST_EXPECT_MSG_EQ(s.CountOnes(),
                                  static_cast<size_t>(std::count(model.begin(), model.end(), 1)),
                                  "popcount");
            for (int t = 0; t < 300; ++t)
            {
                size_t b = rng->GetInteger(0, n);
                size_t e = rng->GetInteger(0, n);
                if (b > e)
                {
                    std::swap(b, e);
                }
                uint8_t parity = 0;
                for (size_t i = b; i < e; ++i)
                {
                    parity ^= model[i];
                }
                NS_TEST_EXPECT_MSG_EQ(s.GetRangeParity(b, e), (parity == 1), "range parity");
                const QkdBitString slice = s.Slice(b, e);
                NS_TEST_EXPECT_MSG_EQ(
                    (slice.ToBits() == std::vector<uint8_t>(model.begin() + b, model.begin() + e)),
                    true,
                    "slice [" << b << ", " << e << ")");
            }
            // Append in random chunks rebuilds the string.
            QkdBitString rebuilt;
            size_t pos = 0;
            while (pos < n)
            {
                const size_t len = std::min<size_t>(n - pos, rng->GetInteger(1, 100));
                rebuilt.Append(s.Slice(pos, pos + len));
                pos += len;
            }
            NS_TEST_EXPECT_MSG_EQ((rebuilt == s), true, "append");
            const QkdBitString other = QkdBitString::Random(n, rng);
            const QkdBitString x = s ^ other;
            size_t diff = 0;
            for (size_t i = 0; i < n; ++i)
            {
                diff += (model[i] != other.Get(i));
                NS_TEST_EXPECT_MSG_EQ(x.Get(i), ((model[i] == 1) != other.Get(i)), "xor");
            }
            NS_TEST_EXPECT_MSG_EQ(s.HammingDistance(other), diff, "Hamming distance");
        }
        QkdBitString s(10);
        s.Set(3, true);
        s.Flip(4);
        s.Flip(3);
        NS_TEST_EXPECT_MSG_EQ(s.ToString(), "0000100000", "set and flip");
        QUANTUM_EXPECT_ABORT(s.Get(10), "index 10 is outside [0, 10)");
        QUANTUM_EXPECT_ABORT(s ^ QkdBitString(11), "different lengths");
        QUANTUM_EXPECT_ABORT(QkdBitString::FromBits({0, 2}), "bits must be 0 or 1");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The seeded Cascade shuffle is a uniform permutation, reproducible from its
 * seed.
 */
class CascadePermutationTestCase : public TestCase
{
  public:
    CascadePermutationTestCase()
        : TestCase("Cascade permutations are reproducible from the seed and uniform")
    {
    }

  private:
    void DoRun() override
    {
        const CascadePermutation p(1000, 42);
        std::vector<uint32_t> seen(1000, 0);
        for (uint32_t i = 0; i < 1000; ++i)
        {
            ++seen[p.Forward(i)];
            NS_TEST_EXPECT_MSG_EQ(p.Inverse(p.Forward(i)), i, "inverse");
        }
        NS_TEST_EXPECT_MSG_EQ(std::count(seen.begin(), seen.end(), 1), 1000, "a permutation");
        const CascadePermutation same(1000, 42);
        const CascadePermutation other(1000, 43);
        bool identical = true;
        bool differs = false;
        for (uint32_t i = 0; i < 1000; ++i)
        {
            identical = identical && same.Forward(i) == p.Forward(i);
            differs = differs || other.Forward(i) != p.Forward(i);
        }
        NS_TEST_EXPECT_MSG_EQ(identical, true, "same seed, same permutation");
        NS_TEST_EXPECT_MSG_EQ(differs, true, "another seed, another permutation");
        Ptr<UniformRandomVariable> rng = MakeRng(2, 1, 11);
        const QkdBitString key = QkdBitString::Random(1000, rng);
        const QkdBitString shuffled = p.Apply(key);
        for (uint32_t i = 0; i < 1000; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(shuffled.Get(i), key.Get(p.Forward(i)), "Apply");
        }
        // Uniformity: where element 0 lands, over 16,000 seeds (5 sigma).
        const uint32_t seeds = 16000;
        std::vector<uint32_t> counts(8, 0);
        for (uint32_t s = 0; s < seeds; ++s)
        {
            ++counts[CascadePermutation(8, s).Inverse(0)];
        }
        for (uint32_t j = 0; j < 8; ++j)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(counts[j] / double(seeds),
                                      1.0 / 8,
                                      5 * BinomialSigma(1.0 / 8, seeds),
                                      "position " << j);
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Cascade corrects every error of a 10^5-bit key at a given QBER with
 * efficiency f <= 1.25, and the leaked bits are the parities exchanged.
 */
class CascadeCorrectionTestCase : public TestCase
{
  public:
    /**
     * @param qber the exact error rate of Bob's key
     */
    CascadeCorrectionTestCase(double qber)
        : TestCase("Cascade corrects all errors of 1e5 bits with f below 1.25 at QBER "
                   + std::to_string(qber))
        , m_qber(qber)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 100000;
        Ptr<UniformRandomVariable> rng = MakeRng(5, 1, 20);
        const QkdBitString alice = QkdBitString::Random(n, rng);
        const uint32_t errors = static_cast<uint32_t>(std::llround(m_qber * n));
        const QkdBitString bob = WithErrors(alice, errors, rng);
        NS_TEST_ASSERT_MSG_EQ(alice.HammingDistance(bob), errors, "error injection");

        // Run the two roles through their message interface.
        Ptr<CascadeParityResponder> responder = CreateObject<CascadeParityResponder>();
        responder->SetKey(alice);
        Ptr<CascadeReconciliation> cascade = CreateObject<CascadeReconciliation>();
        cascade->AssignStreams(30);
        cascade->Start(bob, m_qber);
        uint64_t exchanged = 0;
        uint64_t requested = 0;
        while (!cascade->IsFinished())
        {
            const CascadeParityRequest request = cascade->GetNextRequest();
            requested += request.GetNumParities(n);
            const CascadeParityResponse response = responder->Answer(request);
            exchanged += response.parities.size();
            cascade->ProcessResponse(response);
        }
        NS_TEST_EXPECT_MSG_EQ((cascade->GetKey() == alice), true, "every error corrected");
        NS_TEST_EXPECT_MSG_EQ(cascade->GetCorrectedErrors(), errors, "no spurious flips");
        NS_TEST_EXPECT_MSG_EQ(cascade->GetLeakedBits(), exchanged, "leaked = parities exchanged");
        NS_TEST_EXPECT_MSG_EQ(responder->GetDisclosedParities(), exchanged, "Alice's count");
        NS_TEST_EXPECT_MSG_EQ(requested, exchanged, "one parity per request item");
        const double f = CascadeReconciliation::Efficiency(exchanged, n, m_qber);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(f, 1.25, "efficiency");
        // Shannon: at least n h(Q) bits on average; allow 5 % for the finite block.
        NS_TEST_EXPECT_MSG_GT(f, 0.95, "efficiency cannot beat the Slepian-Wolf limit");
        std::cout << "Cascade n = " << n << ", QBER " << m_qber << ": f = " << f << ", "
                  << exchanged << " parities, " << cascade->GetRounds() << " rounds" << std::endl;
        Simulator::Destroy();
    }

    double m_qber; //!< error rate
};

/**
 * @ingroup quantum-tests
 * The Cascade message interface: reproducibility, independent runs, message
 * sizes, block sizes, and bad input.
 */
class CascadeProtocolTestCase : public TestCase
{
  public:
    CascadeProtocolTestCase()
        : TestCase("Cascade message flow is reproducible and rejects bad input")
    {
    }

  private:
    /**
     * @param run RngRun
     * @param alice Alice's key
     * @param bob Bob's key
     * @return the local reconciliation outcome and the first pass seed
     */
    static std::pair<CascadeResult, uint64_t> RunOnce(uint64_t run,
                                                      const QkdBitString& alice,
                                                      const QkdBitString& bob)
    {
        RngSeedManager::SetRun(run);
        Ptr<CascadeReconciliation> c = CreateObject<CascadeReconciliation>();
        c->AssignStreams(3);
        c->Start(bob, 0.03);
        const uint64_t seed = c->GetNextRequest().announcements.at(0).seed;
        c = CreateObject<CascadeReconciliation>();
        c->AssignStreams(3);
        return {c->Reconcile(alice, bob, 0.03), seed};
    }

    void DoRun() override
    {
        const uint32_t n = 20000;
        Ptr<UniformRandomVariable> rng = MakeRng(9, 1, 40);
        const QkdBitString alice = QkdBitString::Random(n, rng);
        const QkdBitString bob = WithErrors(alice, 600, rng);
        const auto [a, seedA] = RunOnce(1, alice, bob);
        const auto [b, seedB] = RunOnce(1, alice, bob);
        const auto [c, seedC] = RunOnce(2, alice, bob);
        NS_TEST_EXPECT_MSG_EQ((a.key == alice), true, "corrected");
        NS_TEST_EXPECT_MSG_EQ(a.residualErrors, 0, "no residual errors");
        NS_TEST_EXPECT_MSG_EQ(a.leakedBits, b.leakedBits, "same run: same leakage");
        NS_TEST_EXPECT_MSG_EQ(a.rounds, b.rounds, "same run: same rounds");
        NS_TEST_EXPECT_MSG_EQ(seedA, seedB, "same run: same seeds");
        NS_TEST_EXPECT_MSG_NE(seedA, seedC, "another run: other seeds");
        NS_TEST_EXPECT_MSG_EQ((c.key == alice), true, "corrected in run 2");
        // Bob sends 8 bytes + 16 per pass + 12 per query; Alice 4 + ceil(bits/8).
        NS_TEST_EXPECT_MSG_GT(a.bytesToAlice, 8 * a.rounds + 16 * 16, "request bytes");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(a.bytesToBob,
                                    4 * a.rounds + a.leakedBits / 8,
                                    "response bytes");
        NS_TEST_EXPECT_MSG_EQ_TOL(a.efficiency,
                                  a.leakedBits / (n * QkdKeyRateCalculator::BinaryEntropy(0.03)),
                                  1e-12,
                                  "efficiency definition");

        // Block sizes: k1 = ceil(0.73 / Q), doubled once, then ceil(n/2).
        Ptr<CascadeReconciliation> cascade = CreateObject<CascadeReconciliation>();
        NS_TEST_EXPECT_MSG_EQ(cascade->GetBlockSize(0, 100000, 0.01), 73, "k1");
        NS_TEST_EXPECT_MSG_EQ(cascade->GetBlockSize(1, 100000, 0.01), 146, "k2");
        NS_TEST_EXPECT_MSG_EQ(cascade->GetBlockSize(2, 100000, 0.01), 50000, "k3");
        NS_TEST_EXPECT_MSG_EQ(cascade->GetBlockSize(0, 50, 0.001), 50, "k <= n");

        // An error-free key: nothing flipped, only block parities disclosed.
        const CascadeResult clean = cascade->Reconcile(alice, alice, 0.02);
        NS_TEST_EXPECT_MSG_EQ(clean.correctedErrors, 0, "no errors, no flips");
        uint64_t blocks = 0;
        for (uint32_t p = 0; p < cascade->GetNumPasses(); ++p)
        {
            const uint32_t k = cascade->GetBlockSize(p, n, 0.02);
            blocks += (n + k - 1) / k;
        }
        NS_TEST_EXPECT_MSG_EQ(clean.leakedBits, blocks, "only top-level parities");

        // Bad input.
        QUANTUM_EXPECT_ABORT(cascade->Reconcile(alice, QkdBitString(n - 1), 0.02),
                             "Alice's key has 20000 bits but Bob's has 19999");
        for (double q : {0.0, 0.5, -0.1, 0.7})
        {
            QUANTUM_EXPECT_ABORT(cascade->Reconcile(alice, bob, q),
                                 "is outside the valid range (0, 0.5)");
        }
        QUANTUM_EXPECT_ABORT(cascade->Start(QkdBitString(), 0.02), "the key has no bits");
        // Protocol misuse.
        QUANTUM_EXPECT_ABORT(
            {
                cascade->Start(bob, 0.03);
                cascade->GetNextRequest();
                cascade->GetNextRequest();
            },
            "the previous request is unanswered");
        QUANTUM_EXPECT_ABORT(
            {
                cascade->Start(bob, 0.03);
                cascade->GetNextRequest();
                cascade->ProcessResponse(CascadeParityResponse{{0, 1}});
            },
            "2 parities received");
        Ptr<CascadeParityResponder> responder = CreateObject<CascadeParityResponder>();
        responder->SetKey(alice);
        QUANTUM_EXPECT_ABORT(responder->Answer(CascadeParityRequest{{}, {{0, 0, 10}}}),
                             "only 0 passes were announced");
        QUANTUM_EXPECT_ABORT(responder->Answer(CascadeParityRequest{{{1, 7, 100}}, {}}),
                             "pass 1 announced, but the next pass is 0");
        QUANTUM_EXPECT_ABORT(
            responder->Answer(CascadeParityRequest{{{0, 7, 100}}, {{0, 5, n + 1}}}),
            "is not a non-empty range inside [0, 20000)");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * On small and awkward keys Cascade terminates and only ever flips wrong
 * bits (a binary search in a range with an odd number of errors ends on an
 * error), so corrected + residual = initial errors.
 */
class CascadeSmallKeyTestCase : public TestCase
{
  public:
    CascadeSmallKeyTestCase()
        : TestCase("Cascade on small keys never flips a correct bit")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(11, 1, 45);
        Ptr<CascadeReconciliation> cascade = CreateObject<CascadeReconciliation>();
        cascade->AssignStreams(46);
        uint32_t cases = 0;
        uint32_t fullyCorrected = 0;
        for (uint32_t n : {1u, 2u, 3u, 7u, 64u, 65u, 333u, 1000u})
        {
            for (int t = 0; t < 25; ++t)
            {
                const QkdBitString alice = QkdBitString::Random(n, rng);
                const uint32_t errors = rng->GetInteger(0, std::max(1u, n / 5));
                const QkdBitString bob = WithErrors(alice, std::min(errors, n), rng);
                const double qberEstimate = std::clamp(double(errors) / n, 0.001, 0.25);
                const CascadeResult r = cascade->Reconcile(alice, bob, qberEstimate);
                NS_TEST_EXPECT_MSG_EQ(r.correctedErrors + r.residualErrors,
                                      alice.HammingDistance(bob),
                                      "n " << n << " errors " << errors);
                ++cases;
                fullyCorrected += (r.residualErrors == 0);
            }
        }
        // Sixteen passes leave an error only if every pass hides it in a
        // block with an even number of errors: rare even for small keys.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(fullyCorrected, cases - 2, "almost all keys corrected");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Toeplitz hashing: the fast kernel against the definition, linearity, and
 * two-universality (collision probability 2^-m, unbiased outputs).
 */
class ToeplitzHasherTestCase : public TestCase
{
  public:
    ToeplitzHasherTestCase()
        : TestCase("Toeplitz hashing matches its definition and is two-universal")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(3, 1, 50);
        for (size_t n : {1, 2, 63, 64, 65, 127, 300})
        {
            for (size_t m : {1, 5, 63, 64, 65, 130})
            {
                const QkdBitString x = QkdBitString::Random(n, rng);
                const QkdBitString s
                    = QkdBitString::Random(ToeplitzHasher::GetSeedLength(n, m), rng);
                const QkdBitString y = ToeplitzHasher::Hash(x, m, s);
                NS_TEST_EXPECT_MSG_EQ(y.GetSize(), m, "output length");
                NS_TEST_EXPECT_MSG_EQ((y == ToeplitzHasher::HashByDefinition(x, m, s)),
                                      true,
                                      "definition, n " << n << " m " << m);
            }
        }
        // Linearity and determinism.
        const size_t n = 5000;
        const size_t m = 1000;
        const QkdBitString s = QkdBitString::Random(n + m - 1, rng);
        const QkdBitString x = QkdBitString::Random(n, rng);
        const QkdBitString z = QkdBitString::Random(n, rng);
        NS_TEST_EXPECT_MSG_EQ((ToeplitzHasher::Hash(x ^ z, m, s)
                               == (ToeplitzHasher::Hash(x, m, s) ^ ToeplitzHasher::Hash(z, m, s))),
                              true,
                              "h(x ^ y) = h(x) ^ h(y)");
        NS_TEST_EXPECT_MSG_EQ((ToeplitzHasher::Hash(x, m, s) == ToeplitzHasher::Hash(x, m, s)),
                              true,
                              "identical inputs, identical outputs");
        NS_TEST_EXPECT_MSG_EQ(ToeplitzHasher::Hash(QkdBitString(n), m, s).CountOnes(),
                              0,
                              "h(0) = 0");
        // Collisions of random distinct inputs, fresh seed each time:
        // probability exactly 2^-m; m = 4, 20,000 pairs, 5 sigma.
        {
            const size_t mm = 4;
            const size_t nn = 200;
            const uint32_t trials = 20000;
            uint32_t collisions = 0;
            for (uint32_t t = 0; t < trials; ++t)
            {
                const QkdBitString a = QkdBitString::Random(nn, rng);
                QkdBitString b = QkdBitString::Random(nn, rng);
                if (a == b)
                {
                    b.Flip(0);
                }
                const QkdBitString seed = QkdBitString::Random(nn + mm - 1, rng);
                collisions
                    += ToeplitzHasher::Hash(a, mm, seed) == ToeplitzHasher::Hash(b, mm, seed);
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(collisions / double(trials),
                                      1.0 / 16,
                                      5 * BinomialSigma(1.0 / 16, trials),
                                      "collision rate 2^-4");
        }
        // Output bits are unbiased for a fixed non-zero input: 2,000 seeds x 64 bits.
        {
            const QkdBitString in = QkdBitString::Random(777, rng);
            const uint32_t seeds = 2000;
            uint64_t ones = 0;
            for (uint32_t t = 0; t < seeds; ++t)
            {
                ones += ToeplitzHasher::Hash(in, 64, QkdBitString::Random(777 + 63, rng))
                            .CountOnes();
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(ones / (64.0 * seeds),
                                      0.5,
                                      5 * BinomialSigma(0.5, 64.0 * seeds),
                                      "output bias");
        }
        QUANTUM_EXPECT_ABORT(ToeplitzHasher::Hash(x, m, QkdBitString(n + m)),
                             "needs n + m - 1 = 5999");
        QUANTUM_EXPECT_ABORT(ToeplitzHasher::Hash(x, 0, s), "the output length must be > 0");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Error verification detects a remaining error with probability 1 - 2^-t.
 */
class KeyVerifierTestCase : public TestCase
{
  public:
    KeyVerifierTestCase()
        : TestCase("error verification misses a single error with probability 2^-t")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(4, 1, 60);
        Ptr<QkdKeyVerifier> v = CreateObject<QkdKeyVerifier>();
        v->SetAttribute("TagLengthBits", UintegerValue(8));
        v->AssignStreams(61);
        NS_TEST_EXPECT_MSG_EQ_TOL(v->GetFailureProbability(), 1.0 / 256, 1e-18, "2^-8");
        const size_t n = 1000;
        const uint32_t trials = 20000;
        uint32_t missed = 0;
        for (uint32_t t = 0; t < trials; ++t)
        {
            const QkdBitString alice = QkdBitString::Random(n, rng);
            QkdBitString bob = alice;
            bob.Flip(rng->GetInteger(0, n - 1));
            const QkdBitString seed = v->GenerateSeed(n);
            const QkdBitString tag = v->ComputeTag(alice, seed);
            NS_TEST_ASSERT_MSG_EQ(v->Verify(alice, seed, tag), true, "equal keys pass");
            missed += v->Verify(bob, seed, tag);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(missed / double(trials),
                                  1.0 / 256,
                                  5 * BinomialSigma(1.0 / 256, trials),
                                  "single error missed with probability 2^-8");
        // A 32-bit tag: the chance of any miss in 2,000 trials is 5e-7.
        v->SetAttribute("TagLengthBits", UintegerValue(32));
        uint32_t missed32 = 0;
        for (uint32_t t = 0; t < 2000; ++t)
        {
            const QkdBitString alice = QkdBitString::Random(n, rng);
            QkdBitString bob = alice;
            bob.Flip(rng->GetInteger(0, n - 1));
            const QkdBitString seed = v->GenerateSeed(n);
            missed32 += v->Verify(bob, seed, v->ComputeTag(alice, seed));
        }
        NS_TEST_EXPECT_MSG_EQ(missed32, 0, "32-bit tags catch every single error");
        QUANTUM_EXPECT_ABORT(v->Verify(QkdBitString(n), v->GenerateSeed(n), QkdBitString(8)),
                             "the peer's tag has 8 bits; TagLengthBits is 32");
        QUANTUM_EXPECT_ABORT(v->ComputeTag(QkdBitString(n), QkdBitString(n)),
                             "the seed has 1000 bits");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * GF(2^64) arithmetic of the polynomial hash: the reduction polynomial is
 * irreducible (Rabin's test) and multiplication is right.
 */
class PolynomialHashTestCase : public TestCase
{
  public:
    PolynomialHashTestCase()
        : TestCase("GF(2^64) arithmetic is a field and the polynomial hash separates messages")
    {
    }

  private:
    void DoRun() override
    {
        using H = PolynomialHashGf64;
        // x * x^63 = x^64 = x^4 + x^3 + x + 1.
        NS_TEST_EXPECT_MSG_EQ(H::Multiply(2, uint64_t(1) << 63), H::REDUCTION, "x^64");
        Ptr<UniformRandomVariable> rng = MakeRng(6, 1, 70);
        auto word = [&]() {
            return (uint64_t(rng->GetInteger(0, 0xFFFFFFFFu)) << 32)
                   | rng->GetInteger(0, 0xFFFFFFFFu);
        };
        for (int t = 0; t < 200; ++t)
        {
            const uint64_t a = word();
            const uint64_t b = word();
            const uint64_t c = word();
            NS_TEST_EXPECT_MSG_EQ(H::Multiply(a, b), ReferenceMultiply(a, b), "reference");
            NS_TEST_EXPECT_MSG_EQ(H::Multiply(a, b), H::Multiply(b, a), "commutative");
            NS_TEST_EXPECT_MSG_EQ(H::Multiply(H::Multiply(a, b), c),
                                  H::Multiply(a, H::Multiply(b, c)),
                                  "associative");
            NS_TEST_EXPECT_MSG_EQ(H::Multiply(a, b ^ c),
                                  (H::Multiply(a, b) ^ H::Multiply(a, c)),
                                  "distributive");
            if (a != 0)
            {
                // Lagrange in the multiplicative group of a field of 2^64 elements.
                NS_TEST_EXPECT_MSG_EQ(H::Power(a, ~uint64_t(0)), 1, "a^(2^64 - 1) = 1");
            }
        }
        // Rabin's irreducibility test for degree 64 = 2^6: x^(2^64) = x (mod p)
        // and gcd(x^(2^32) - x, p) = 1.
        uint64_t t = 2; // the element x
        uint64_t x32 = 0;
        for (int i = 1; i <= 64; ++i)
        {
            t = H::Multiply(t, t);
            if (i == 32)
            {
                x32 = t;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(t, 2, "x^(2^64) = x");
        const unsigned __int128 p = (static_cast<unsigned __int128>(1) << 64) | H::REDUCTION;
        NS_TEST_EXPECT_MSG_EQ(static_cast<uint64_t>(PolynomialGcd(p, x32 ^ 2)),
                              1,
                              "gcd(x^(2^32) - x, p) = 1");
        // Messages that differ, or differ only by trailing zero bytes, hash apart.
        const uint64_t key = word();
        const std::vector<uint8_t> m = RandomBytes(37, rng);
        std::vector<uint8_t> longer = m;
        longer.push_back(0);
        std::vector<uint8_t> flipped = m;
        flipped[5] ^= 0x10;
        NS_TEST_EXPECT_MSG_NE(H::Hash(key, m), H::Hash(key, longer), "length block");
        NS_TEST_EXPECT_MSG_NE(H::Hash(key, m), H::Hash(key, flipped), "content");
        NS_TEST_EXPECT_MSG_EQ_TOL(H::DifferentialBound(37),
                                  6.0 / std::ldexp(1.0, 64),
                                  1e-30,
                                  "(L+1)/2^64");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Wegman-Carter authentication: tags verify, tampering fails, key use is
 * counted, and forgeries with short tags stay below the bound.
 */
class WegmanCarterTestCase : public TestCase
{
  public:
    WegmanCarterTestCase()
        : TestCase("Wegman-Carter tags verify, detect tampering and consume counted key")
    {
    }

  private:
    /** Key-consumption trace sink. */
    void KeyConsumed(uint64_t sequence, uint32_t bits)
    {
        m_traced += bits;
    }

    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(8, 1, 80);
        const QkdBitString shared = QkdBitString::Random(10000, rng);
        Ptr<QkdKeyPool> alicePool = CreateObject<QkdKeyPool>();
        Ptr<QkdKeyPool> bobPool = CreateObject<QkdKeyPool>();
        alicePool->Add(shared);
        bobPool->Add(shared);
        Ptr<WegmanCarterAuthenticator> sender = CreateObject<WegmanCarterAuthenticator>();
        Ptr<WegmanCarterAuthenticator> receiver = CreateObject<WegmanCarterAuthenticator>();
        sender->SetKeyPool(alicePool);
        receiver->SetKeyPool(bobPool);
        m_traced = 0;
        sender->TraceConnectWithoutContext("KeyConsumed",
                                           MakeCallback(&WegmanCarterTestCase::KeyConsumed, this));
        NS_TEST_EXPECT_MSG_EQ(sender->GetKeyBitsForNextMessage(), 128, "hash key + pad");
        for (uint32_t i = 0; i < 10; ++i)
        {
            const std::vector<uint8_t> msg = RandomBytes(1 + 50 * i, rng);
            const WegmanCarterTag tag = sender->Authenticate(msg);
            NS_TEST_EXPECT_MSG_EQ(tag.sequence, i, "sequence");
            NS_TEST_EXPECT_MSG_EQ(receiver->Verify(msg, tag), true, "authentic message " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(sender->GetConsumedKeyBits(), 64 + 10 * 64, "key consumed");
        NS_TEST_EXPECT_MSG_EQ(alicePool->GetConsumedBits(), 64 + 10 * 64, "pool consumption");
        NS_TEST_EXPECT_MSG_EQ(m_traced, 64 + 10 * 64, "traced consumption");
        NS_TEST_EXPECT_MSG_EQ(sender->GetKeyBitsForNextMessage(), 64, "pad only");
        // Tampered message, wrong tag, replay and wrong sequence all fail.
        std::vector<uint8_t> msg = RandomBytes(100, rng);
        WegmanCarterTag tag = sender->Authenticate(msg);
        std::vector<uint8_t> tampered = msg;
        tampered[17] ^= 1;
        NS_TEST_EXPECT_MSG_EQ(receiver->Verify(tampered, tag), false, "tampered message");
        tag = sender->Authenticate(msg);
        WegmanCarterTag bad = tag;
        bad.tag ^= uint64_t(1) << 40;
        NS_TEST_EXPECT_MSG_EQ(receiver->Verify(msg, bad), false, "tampered tag");
        const uint64_t before = bobPool->GetConsumedBits();
        NS_TEST_EXPECT_MSG_EQ(receiver->Verify(msg, tag), false, "replay");
        NS_TEST_EXPECT_MSG_EQ(bobPool->GetConsumedBits(), before, "rejected sequence costs no key");
        tag = sender->Authenticate(msg);
        NS_TEST_EXPECT_MSG_EQ(receiver->Verify(msg, tag), true, "back in step");
        NS_TEST_EXPECT_MSG_EQ(alicePool->GetAvailableBits(),
                              bobPool->GetAvailableBits(),
                              "pools in step");
        // Forgery with 8-bit tags: substituting a one-bit-different 16-byte
        // message succeeds with probability <= (L + 1) / 2^8 = 3/256.
        const uint32_t trials = 5000;
        uint32_t forged = 0;
        for (uint32_t t = 0; t < trials; ++t)
        {
            const QkdBitString k = QkdBitString::Random(72, rng);
            Ptr<WegmanCarterAuthenticator> s = CreateObject<WegmanCarterAuthenticator>();
            Ptr<WegmanCarterAuthenticator> r = CreateObject<WegmanCarterAuthenticator>();
            s->SetAttribute("TagLengthBits", UintegerValue(8));
            r->SetAttribute("TagLengthBits", UintegerValue(8));
            s->GetKeyPool()->Add(k);
            r->GetKeyPool()->Add(k);
            const std::vector<uint8_t> m = RandomBytes(16, rng);
            std::vector<uint8_t> f = m;
            f[rng->GetInteger(0, 15)] ^= uint8_t(1) << rng->GetInteger(0, 7);
            forged += r->Verify(f, s->Authenticate(m));
        }
        Ptr<WegmanCarterAuthenticator> eight = CreateObject<WegmanCarterAuthenticator>();
        eight->SetAttribute("TagLengthBits", UintegerValue(8));
        const double bound = eight->GetForgeryProbabilityBound(16);
        NS_TEST_EXPECT_MSG_EQ_TOL(bound, 3.0 / 256, 1e-15, "bound for 8-bit tags");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(forged / double(trials),
                                    bound + 5 * BinomialSigma(bound, trials),
                                    "forgery rate");
        std::cout << "Wegman-Carter 8-bit tags: " << forged << " forgeries in " << trials
                  << " trials (bound " << bound * trials << ")" << std::endl;
        // Running out of key is an error.
        Ptr<WegmanCarterAuthenticator> poor = CreateObject<WegmanCarterAuthenticator>();
        poor->GetKeyPool()->Add(QkdBitString(100));
        QUANTUM_EXPECT_ABORT(poor->Authenticate(msg),
                             "needs 128 key bits but the pool holds only 100");
        Simulator::Destroy();
    }

    uint64_t m_traced = 0; //!< traced key bits
};

/**
 * @ingroup quantum-tests
 * The key pool hands out bits first in, first out, each once.
 */
class KeyPoolTestCase : public TestCase
{
  public:
    KeyPoolTestCase()
        : TestCase("the key pool is first in first out and never reuses bits")
    {
    }

  private:
    /** Level trace sink. */
    void Level(uint64_t oldValue, uint64_t newValue)
    {
        m_level = newValue;
    }

    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = MakeRng(10, 1, 90);
        Ptr<QkdKeyPool> pool = CreateObject<QkdKeyPool>();
        pool->TraceConnectWithoutContext("AvailableBits",
                                         MakeCallback(&KeyPoolTestCase::Level, this));
        QkdBitString all;
        for (int i = 0; i < 20; ++i)
        {
            const QkdBitString k = QkdBitString::Random(rng->GetInteger(1, 300), rng);
            pool->Add(k);
            all.Append(k);
        }
        QkdBitString drawn;
        while (pool->GetAvailableBits() > 0)
        {
            const size_t want
                = std::min<uint64_t>(pool->GetAvailableBits(), rng->GetInteger(1, 200));
            drawn.Append(pool->Consume(want));
            if (drawn.GetSize() == 1000)
            {
                pool->Add(QkdBitString(5));
                all.Append(QkdBitString(5));
            }
            NS_TEST_EXPECT_MSG_EQ(m_level, pool->GetAvailableBits(), "traced level");
        }
        NS_TEST_EXPECT_MSG_EQ((drawn == all), true, "first in, first out");
        NS_TEST_EXPECT_MSG_EQ(pool->GetConsumedBits(), all.GetSize(), "consumed");
        NS_TEST_EXPECT_MSG_EQ(pool->GetAddedBits(), all.GetSize(), "added");
        QUANTUM_EXPECT_ABORT(pool->Consume(1), "1 bits requested but only 0 are available");
        Simulator::Destroy();
    }

    uint64_t m_level = 0; //!< last traced level
};

/**
 * @ingroup quantum-tests
 * QKD post-processing suite.
 */
class QkdPostprocessingTestSuite : public TestSuite
{
  public:
    QkdPostprocessingTestSuite()
        : TestSuite("qkd-postprocessing", Type::UNIT)
    {
        AddTestCase(new QkdBitStringTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new CascadePermutationTestCase, QUANTUM_TEST_QUICK);
        for (double q : {0.01, 0.02, 0.05, 0.10})
        {
            AddTestCase(new CascadeCorrectionTestCase(q), QUANTUM_TEST_QUICK);
        }
        AddTestCase(new CascadeProtocolTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new CascadeSmallKeyTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ToeplitzHasherTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new KeyVerifierTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PolynomialHashTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new WegmanCarterTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new KeyPoolTestCase, QUANTUM_TEST_QUICK);
    }
};

static QkdPostprocessingTestSuite g_qkdPostprocessingTestSuite; //!< static instance
