/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cascade-permutation.h"

#include "ns3/abort.h"

#include <numeric>
#include <utility>

namespace ns3
{

namespace
{

/**
 * SplitMix64 step (Steele, Lea and Flood 2014).
 * @param state the generator state, advanced
 * @return 64 pseudo-random bits
 */
uint64_t
SplitMix64(uint64_t& state)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/**
 * @param state generator state
 * @param bound the number of outcomes, > 0
 * @return an unbiased uniform integer in [0, bound)
 */
uint64_t
UniformBelow(uint64_t& state, uint64_t bound)
{
    // Lemire's multiply-and-reject method (ACM TOMACS 29, 3 (2019)): the
    // high word of r * bound, rejecting the low words below 2^64 mod bound;
    // exactly uniform, and a division only in the rare rejection check.
    unsigned __int128 m = static_cast<unsigned __int128>(SplitMix64(state)) * bound;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < bound)
    {
        const uint64_t threshold = (0 - bound) % bound; // 2^64 mod bound
        while (low < threshold)
        {
            m = static_cast<unsigned __int128>(SplitMix64(state)) * bound;
            low = static_cast<uint64_t>(m);
        }
    }
    return static_cast<uint64_t>(m >> 64);
}

} // namespace

CascadePermutation::CascadePermutation()
    : m_seed(0)
{
}

CascadePermutation::CascadePermutation(uint32_t size, uint64_t seed)
    : m_seed(seed)
    , m_forward(size)
    , m_inverse(size)
{
    std::iota(m_forward.begin(), m_forward.end(), 0u);
    uint64_t state = seed;
    for (uint32_t i = size; i > 1; --i)
    {
        const uint32_t j = static_cast<uint32_t>(UniformBelow(state, i));
        std::swap(m_forward[i - 1], m_forward[j]);
    }
    for (uint32_t p = 0; p < size; ++p)
    {
        m_inverse[m_forward[p]] = p;
    }
}

uint32_t
CascadePermutation::GetSize() const
{
    return static_cast<uint32_t>(m_forward.size());
}

uint64_t
CascadePermutation::GetSeed() const
{
    return m_seed;
}

uint32_t
CascadePermutation::Forward(uint32_t position) const
{
    NS_ABORT_MSG_IF(position >= m_forward.size(),
                    "CascadePermutation::Forward: position " << position << " is outside [0, "
                                                             << m_forward.size() << ")");
    return m_forward[position];
}

uint32_t
CascadePermutation::Inverse(uint32_t keyIndex) const
{
    NS_ABORT_MSG_IF(keyIndex >= m_inverse.size(),
                    "CascadePermutation::Inverse: key index " << keyIndex << " is outside [0, "
                                                              << m_inverse.size() << ")");
    return m_inverse[keyIndex];
}

QkdBitString
CascadePermutation::Apply(const QkdBitString& key) const
{
    NS_ABORT_MSG_IF(key.GetSize() != m_forward.size(),
                    "CascadePermutation::Apply: the key has "
                        << key.GetSize() << " bits; the permutation " << m_forward.size());
    const std::vector<uint64_t>& in = key.GetWords();
    std::vector<uint64_t> out(key.GetNumWords(), 0);
    for (size_t p = 0; p < m_forward.size(); ++p)
    {
        const uint32_t k = m_forward[p];
        out[p / 64] |= ((in[k / 64] >> (k % 64)) & 1) << (p % 64);
    }
    return QkdBitString::FromWords(std::move(out), key.GetSize());
}

} // namespace ns3
