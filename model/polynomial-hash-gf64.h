/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef POLYNOMIAL_HASH_GF64_H
#define POLYNOMIAL_HASH_GF64_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Polynomial evaluation hashing over GF(2^64), an almost-XOR-universal
 * hash family for Wegman-Carter authentication.
 *
 * Field: GF(2)[x] modulo the irreducible pentanomial x^64 + x^4 + x^3 + x + 1
 * (Seroussi, "Table of low-weight binary irreducible polynomials", HP Labs
 * HPL-98-135 (1998)); an element is a 64-bit word, bit i the coefficient of
 * x^i.  A message of len bytes is cut into L = ceil(len / 8) little-endian
 * 64-bit blocks m_1..m_L (the last zero padded) followed by the length block
 * m_{L+1} = len, and hashed with the key k as
 *   h_k(M) = sum_{i=1}^{L+1} m_i k^{L+2-i}   (Horner's rule).
 * For messages M != M' of at most L blocks, h_k(M) - h_k(M') is a non-zero
 * polynomial in k of degree <= L + 1 without constant term, so for any
 * Delta, Pr_k[h_k(M) + h_k(M') = Delta] <= (L + 1) / 2^64 (the family is
 * (L+1)/2^64-almost XOR universal; Wegman and Carter, J. Comput. Syst. Sci.
 * 22, 265 (1981); den Boer, Eurocrypt 1993; Shoup, CRYPTO 1996).
 */
class PolynomialHashGf64
{
  public:
    /** The reduction polynomial without its x^64 term: x^4 + x^3 + x + 1. */
    static constexpr uint64_t REDUCTION = 0x1B;

    /**
     * @param a a field element
     * @param b a field element
     * @return a b in GF(2^64)
     */
    static uint64_t Multiply(uint64_t a, uint64_t b);

    /**
     * @param a a field element
     * @param exponent e
     * @return a^e in GF(2^64)
     */
    static uint64_t Power(uint64_t a, uint64_t exponent);

    /**
     * @param key the hash key k
     * @param data message bytes (may be null if length is 0)
     * @param length message length in bytes
     * @return h_k(M)
     */
    static uint64_t Hash(uint64_t key, const uint8_t* data, size_t length);

    /**
     * @param key the hash key k
     * @param message message bytes
     * @return h_k(M)
     */
    static uint64_t Hash(uint64_t key, const std::vector<uint8_t>& message);

    /**
     * @param messageBytes the length of the longer of two messages
     * @return (L + 1) / 2^64, the bound on Pr[h_k(M) + h_k(M') = Delta]
     */
    static double DifferentialBound(size_t messageBytes);
};

} // namespace ns3

#endif /* POLYNOMIAL_HASH_GF64_H */
