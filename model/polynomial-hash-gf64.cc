/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "polynomial-hash-gf64.h"

#include "ns3/abort.h"

#include <cmath>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace ns3
{

namespace
{

/**
 * Carry-less product of two 64-bit polynomials over GF(2).
 * @param a a polynomial
 * @param b a polynomial
 * @param hi the coefficients of x^64 .. x^127 of the product
 * @return the coefficients of x^0 .. x^63 of the product
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/**
 * CarrylessMultiply with the PCLMULQDQ instruction.
 * @param a first factor
 * @param b second factor
 * @param hi set to the coefficients of x^64 .. x^127
 * @return the coefficients of x^0 .. x^63
 */
__attribute__((target("pclmul,sse2"))) uint64_t
CarrylessMultiplyPclmul(uint64_t a, uint64_t b, uint64_t& hi)
{
    const __m128i c = _mm_clmulepi64_si128(_mm_set_epi64x(0, static_cast<long long>(a)),
                                           _mm_set_epi64x(0, static_cast<long long>(b)),
                                           0x00);
    hi = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(c, c)));
    return static_cast<uint64_t>(_mm_cvtsi128_si64(c));
}

/**
 * @return whether the CPU has PCLMULQDQ
 */
bool
HavePclmul()
{
    static const bool have = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("pclmul") != 0;
    }();
    return have;
}
#endif

uint64_t
CarrylessMultiply(uint64_t a, uint64_t b, uint64_t& hi)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (HavePclmul())
    {
        return CarrylessMultiplyPclmul(a, b, hi);
    }
#endif
    uint64_t lo = 0;
    hi = 0;
    for (int i = 0; i < 64; ++i)
    {
        if ((b >> i) & 1)
        {
            lo ^= a << i;
            if (i != 0)
            {
                hi ^= a >> (64 - i);
            }
        }
    }
    return lo;
}

} // namespace

uint64_t
PolynomialHashGf64::Multiply(uint64_t a, uint64_t b)
{
    uint64_t hi = 0;
    uint64_t lo = CarrylessMultiply(a, b, hi);
    // x^64 = x^4 + x^3 + x + 1 (mod p): fold the high half twice (hi * 0x1B has
    // at most 68 bits, its overflow at most 4 bits).
    uint64_t hi2 = 0;
    lo ^= CarrylessMultiply(hi, REDUCTION, hi2);
    uint64_t hi3 = 0;
    lo ^= CarrylessMultiply(hi2, REDUCTION, hi3);
    return lo;
}

uint64_t
PolynomialHashGf64::Power(uint64_t a, uint64_t exponent)
{
    uint64_t result = 1;
    uint64_t base = a;
    while (exponent != 0)
    {
        if (exponent & 1)
        {
            result = Multiply(result, base);
        }
        base = Multiply(base, base);
        exponent >>= 1;
    }
    return result;
}

uint64_t
PolynomialHashGf64::Hash(uint64_t key, const uint8_t* data, size_t length)
{
    NS_ABORT_MSG_IF(data == nullptr && length != 0,
                    "PolynomialHashGf64::Hash: null data for a message of " << length << " bytes");
    uint64_t acc = 0;
    size_t offset = 0;
    while (offset < length)
    {
        uint8_t block[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        const size_t n = (length - offset < 8) ? length - offset : 8;
        std::memcpy(block, data + offset, n);
        uint64_t m = 0;
        for (int i = 7; i >= 0; --i)
        {
            m = (m << 8) | block[i];
        }
        acc = Multiply(acc ^ m, key);
        offset += n;
    }
    acc = Multiply(acc ^ static_cast<uint64_t>(length), key);
    return acc;
}

uint64_t
PolynomialHashGf64::Hash(uint64_t key, const std::vector<uint8_t>& message)
{
    return Hash(key, message.data(), message.size());
}

double
PolynomialHashGf64::DifferentialBound(size_t messageBytes)
{
    const double blocks = std::ceil(static_cast<double>(messageBytes) / 8.0) + 1.0;
    return std::ldexp(blocks, -64);
}

} // namespace ns3
