/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TOEPLITZ_HASHER_H
#define TOEPLITZ_HASHER_H

#include "qkd-bit-string.h"

#include <cstddef>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Two-universal hashing by random Toeplitz matrices, the privacy
 * amplification (and error verification) hash of QKD post-processing.
 *
 * An m x n Toeplitz matrix is constant along its diagonals, so it is fixed by
 * a seed s of n + m - 1 bits: T[i][j] = s[i - j + n - 1].  The hash of an
 * n-bit string x is the m-bit string y = T x over GF(2).  For a uniformly
 * random seed the family is two-universal (Carter and Wegman, J. Comput.
 * Syst. Sci. 18, 143 (1979); Toeplitz matrices: Mansour, Nisan and Tiwari,
 * STOC 1990; Krawczyk, CRYPTO 1994): for any x != x', T x and T x' collide
 * with probability exactly 2^-m, and T x is uniformly distributed for any
 * x != 0.  By the leftover hash lemma the output is close to uniform and
 * independent of an eavesdropper's information when m is below the smooth
 * min-entropy of x given that information.
 *
 * Cost: y is a window of the carry-less (GF(2)[z]) product of the seed and
 * the reversed input, computed with Karatsuba multiplication on 64-bit
 * words whose small leaves use the PCLMULQDQ instruction when the CPU has
 * it (a portable schoolbook leaf otherwise, see
 * SetHardwareCarrylessMultiply): O((n + m)^1.585 / 64^1.585) word products.
 */
class ToeplitzHasher
{
  public:
    /**
     * @param inputLength n, > 0
     * @param outputLength m, > 0
     * @return the seed length n + m - 1
     */
    static size_t GetSeedLength(size_t inputLength, size_t outputLength);

    /**
     * Hash bits with the Toeplitz matrix of a seed.
     * @param bits the input x (n > 0 bits)
     * @param outputLength m > 0
     * @param seed n + m - 1 bits (aborts otherwise)
     * @return y = T x (m bits)
     */
    static QkdBitString Hash(const QkdBitString& bits,
                             size_t outputLength,
                             const QkdBitString& seed);

    /**
     * Choose the carry-less multiply used at the leaves of Hash's Karatsuba
     * recursion: the PCLMULQDQ instruction (default, used only when the CPU
     * has it) or the portable 4-bit-window version.  The result does not
     * depend on the choice; tests use it to exercise both kernels.
     * @param enable true: the instruction when available; false: portable
     */
    static void SetHardwareCarrylessMultiply(bool enable);

    /**
     * The same hash by the definition, one matrix element at a time
     * (O(n m) bit operations); a reference for tests.
     * @param bits the input x
     * @param outputLength m
     * @param seed n + m - 1 bits
     * @return y = T x
     */
    static QkdBitString HashByDefinition(const QkdBitString& bits,
                                         size_t outputLength,
                                         const QkdBitString& seed);
};

} // namespace ns3

#endif /* TOEPLITZ_HASHER_H */
