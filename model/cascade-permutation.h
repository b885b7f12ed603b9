/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASCADE_PERMUTATION_H
#define CASCADE_PERMUTATION_H

#include "qkd-bit-string.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The shuffle of one Cascade pass, derived from a public 64-bit seed
 * so that both parties compute the same permutation from an 8-byte message.
 *
 * Algorithm (fixed, so independent implementations agree): Fisher-Yates
 * (Durstenfeld) shuffle of the identity, i = n-1 down to 1, swapping a[i]
 * with a[j], j uniform in [0, i], drawn from the SplitMix64 generator
 * (Steele, Lea and Flood, OOPSLA 2014) seeded with the seed, by rejection of
 * the r < (2^64 - (i+1)) mod (i+1) outputs and j = r mod (i+1).  Position p
 * of the shuffled key holds key bit Forward(p).
 */
class CascadePermutation
{
  public:
    /** An empty permutation. */
    CascadePermutation();

    /**
     * @param size n, the key length
     * @param seed the public seed
     */
    CascadePermutation(uint32_t size, uint64_t seed);

    /** @return n */
    uint32_t GetSize() const;

    /** @return the seed */
    uint64_t GetSeed() const;

    /**
     * @param position a position of the shuffled key, < n
     * @return the key index at that position
     */
    uint32_t Forward(uint32_t position) const;

    /**
     * @param keyIndex a key index, < n
     * @return its position in the shuffled key
     */
    uint32_t Inverse(uint32_t keyIndex) const;

    /**
     * @param key a key of n bits (aborts otherwise)
     * @return the shuffled key: bit p is key bit Forward(p)
     */
    QkdBitString Apply(const QkdBitString& key) const;

  private:
    uint64_t m_seed;                 //!< the seed
    std::vector<uint32_t> m_forward; //!< position -> key index
    std::vector<uint32_t> m_inverse; //!< key index -> position
};

} // namespace ns3

#endif /* CASCADE_PERMUTATION_H */
