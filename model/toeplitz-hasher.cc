/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "toeplitz-hasher.h"

#include "ns3/abort.h"

#include <algorithm>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace ns3
{

namespace
{

/**
 * @param v a word
 * @return v with its 64 bits in reverse order
 */
/// Words below which the schoolbook product is used.
constexpr size_t kKaratsubaLeafWords = 24;

/**
 * Carry-less 64 x 64 -> 128-bit product, portable version (4-bit windows).
 * @param a first factor
 * @param b second factor
 * @param hi set to the upper 64 bits
 * @return the lower 64 bits
 */
uint64_t
ClmulPortable(uint64_t a, uint64_t b, uint64_t& hi)
{
    uint64_t tlo[16];
    uint64_t thi[16];
    tlo[0] = 0;
    thi[0] = 0;
    for (unsigned i = 1; i < 16; ++i)
    {
        // a * i for the 4-bit polynomial i
        uint64_t lo = 0;
        uint64_t h = 0;
        for (unsigned k = 0; k < 4; ++k)
        {
            if (i & (1u << k))
            {
                lo ^= a << k;
                h ^= k == 0 ? 0 : a >> (64 - k);
            }
        }
        tlo[i] = lo;
        thi[i] = h;
    }
    uint64_t lo = 0;
    uint64_t h = 0;
    for (int shift = 60; shift >= 0; shift -= 4)
    {
        // (h, lo) <<= 4, then xor the window's product
        h = (h << 4) | (lo >> 60);
        lo <<= 4;
        const unsigned w = (b >> shift) & 15;
        lo ^= tlo[w];
        h ^= thi[w];
    }
    hi = h;
    return lo;
}

/**
 * Schoolbook carry-less product of two n-word polynomials (portable).
 * @param a first factor (n words)
 * @param b second factor (n words)
 * @param n words
 * @param r the product (2 n words, overwritten)
 */
void
MultiplyLeafPortable(const uint64_t* a, const uint64_t* b, size_t n, uint64_t* r)
{
    std::fill(r, r + 2 * n, 0);
    for (size_t i = 0; i < n; ++i)
    {
        if (a[i] == 0)
        {
            continue;
        }
        for (size_t j = 0; j < n; ++j)
        {
            uint64_t hi;
            const uint64_t lo = ClmulPortable(a[i], b[j], hi);
            r[i + j] ^= lo;
            r[i + j + 1] ^= hi;
        }
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/**
 * Schoolbook carry-less product with the PCLMULQDQ instruction.
 * @param a first factor (n words)
 * @param b second factor (n words)
 * @param n words
 * @param r the product (2 n words, overwritten)
 */
__attribute__((target("pclmul,sse2"))) void
MultiplyLeafPclmul(const uint64_t* a, const uint64_t* b, size_t n, uint64_t* r)
{
    std::fill(r, r + 2 * n, 0);
    for (size_t i = 0; i < n; ++i)
    {
        const __m128i ai = _mm_set_epi64x(0, static_cast<long long>(a[i]));
        for (size_t j = 0; j < n; ++j)
        {
            const __m128i bj = _mm_set_epi64x(0, static_cast<long long>(b[j]));
            const __m128i c = _mm_clmulepi64_si128(ai, bj, 0x00);
            r[i + j] ^= static_cast<uint64_t>(_mm_cvtsi128_si64(c));
            r[i + j + 1] ^= static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(c, c)));
        }
    }
}

/**
 * @return whether the CPU has PCLMULQDQ
 */
bool
HavePclmul()
{
    static const bool have = __builtin_cpu_supports("pclmul");
    return have;
}
#endif

/// Use PCLMULQDQ when available (SetHardwareCarrylessMultiply).
bool g_useHardwareClmul = true;

/**
 * Schoolbook leaf product, with PCLMULQDQ when the CPU has it.
 * @param a first factor
 * @param b second factor
 * @param n words
 * @param r the product (2 n words)
 */
void
MultiplyLeaf(const uint64_t* a, const uint64_t* b, size_t n, uint64_t* r)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (g_useHardwareClmul && HavePclmul())
    {
        MultiplyLeafPclmul(a, b, n, r);
        return;
    }
#endif
    MultiplyLeafPortable(a, b, n, r);
}

/**
 * Scratch words KaratsubaMultiply needs for n-word factors.
 * @param n words
 * @return scratch words
 */
size_t
ScratchWords(size_t n)
{
    size_t total = 0;
    while (n > kKaratsubaLeafWords)
    {
        const size_t h = (n + 1) / 2;
        total += 4 * h; // two sums (h each) and their product (2 h)
        n = h;
    }
    return total + 1;
}

/**
 * Karatsuba carry-less product of two n-word polynomials over GF(2):
 * with a = a0 + t^h a1 and b = b0 + t^h b1, a b = z0 + t^h z1 + t^{2h} z2,
 * z0 = a0 b0, z2 = a1 b1, z1 = (a0 + a1)(b0 + b1) + z0 + z2.
 * @param a first factor (n words)
 * @param b second factor (n words)
 * @param n words
 * @param r the product (2 n words, overwritten)
 * @param scratch ScratchWords(n) words
 */
void
KaratsubaMultiply(const uint64_t* a, const uint64_t* b, size_t n, uint64_t* r, uint64_t* scratch)
{
    if (n <= kKaratsubaLeafWords)
    {
        MultiplyLeaf(a, b, n, r);
        return;
    }
    const size_t h = (n + 1) / 2;
    const size_t l = n - h;
    uint64_t* sa = scratch;
    uint64_t* sb = sa + h;
    uint64_t* z1 = sb + h;
    uint64_t* next = z1 + 2 * h;
    KaratsubaMultiply(a, b, h, r, next);                 // z0 in r[0, 2h)
    KaratsubaMultiply(a + h, b + h, l, r + 2 * h, next); // z2 in r[2h, 2n)
    for (size_t i = 0; i < h; ++i)
    {
        sa[i] = a[i] ^ (i < l ? a[h + i] : 0);
        sb[i] = b[i] ^ (i < l ? b[h + i] : 0);
    }
    KaratsubaMultiply(sa, sb, h, z1, next);
    for (size_t i = 0; i < 2 * h; ++i)
    {
        z1[i] ^= r[i];
    }
    for (size_t i = 0; i < 2 * l; ++i)
    {
        z1[i] ^= r[2 * h + i];
    }
    for (size_t i = 0; i < 2 * h; ++i)
    {
        r[h + i] ^= z1[i];
    }
}

void
CheckArguments(const char* method, size_t n, size_t m, size_t seedLength)
{
    NS_ABORT_MSG_IF(n == 0, "ToeplitzHasher::" << method << ": the input has no bits");
    NS_ABORT_MSG_IF(m == 0, "ToeplitzHasher::" << method << ": the output length must be > 0");
    NS_ABORT_MSG_IF(seedLength != n + m - 1,
                    "ToeplitzHasher::" << method << ": the seed has " << seedLength << " bits; an "
                                       << m << " x " << n
                                       << " Toeplitz matrix needs n + m - 1 = " << n + m - 1);
}

} // namespace

void
ToeplitzHasher::SetHardwareCarrylessMultiply(bool enable)
{
    g_useHardwareClmul = enable;
}

size_t
ToeplitzHasher::GetSeedLength(size_t inputLength, size_t outputLength)
{
    NS_ABORT_MSG_IF(inputLength == 0 || outputLength == 0,
                    "ToeplitzHasher::GetSeedLength: input and output lengths must be > 0 (got "
                        << inputLength << " and " << outputLength << ")");
    return inputLength + outputLength - 1;
}

QkdBitString
ToeplitzHasher::Hash(const QkdBitString& bits, size_t outputLength, const QkdBitString& seed)
{
    const size_t n = bits.GetSize();
    const size_t m = outputLength;
    CheckArguments("Hash", n, m, seed.GetSize());
    // y_i = sum_j s_{i + n - 1 - j} x_j is the coefficient of t^{n - 1 + i}
    // of the GF(2) polynomial product S(t) X(t), S = sum_k s_k t^k,
    // X = sum_j x_j t^j.  The product is computed by Karatsuba recursion
    // over 64-bit words with carry-less multiplication at the leaves.
    const std::vector<uint64_t>& x = bits.GetWords();
    const std::vector<uint64_t>& s = seed.GetWords();
    const size_t len = std::max(x.size(), s.size());
    std::vector<uint64_t> a(len, 0);
    std::vector<uint64_t> b(len, 0);
    std::copy(s.begin(), s.end(), a.begin());
    std::copy(x.begin(), x.end(), b.begin());
    std::vector<uint64_t> p(2 * len, 0);
    std::vector<uint64_t> scratch(ScratchWords(len), 0);
    KaratsubaMultiply(a.data(), b.data(), len, p.data(), scratch.data());

    const size_t words = (m + 63) / 64;
    std::vector<uint64_t> out(words, 0);
    const size_t first = (n - 1) / 64;
    const unsigned shift = (n - 1) % 64;
    for (size_t k = 0; k < words; ++k)
    {
        const size_t w = first + k;
        uint64_t v = w < p.size() ? p[w] >> shift : 0;
        if (shift != 0 && w + 1 < p.size())
        {
            v |= p[w + 1] << (64 - shift);
        }
        out[k] = v;
    }
    return QkdBitString::FromWords(std::move(out), m);
}

QkdBitString
ToeplitzHasher::HashByDefinition(const QkdBitString& bits,
                                 size_t outputLength,
                                 const QkdBitString& seed)
{
    const size_t n = bits.GetSize();
    const size_t m = outputLength;
    CheckArguments("HashByDefinition", n, m, seed.GetSize());
    QkdBitString y(m);
    for (size_t i = 0; i < m; ++i)
    {
        bool acc = false;
        for (size_t j = 0; j < n; ++j)
        {
            acc ^= seed.Get(i + n - 1 - j) && bits.Get(j);
        }
        y.Set(i, acc);
    }
    return y;
}

} // namespace ns3
