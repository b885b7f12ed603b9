/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-bit-string.h"

#include "ns3/abort.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

namespace
{

/**
 * @param numBits a length in bits
 * @return the number of 64-bit words needed
 */
size_t
WordsFor(size_t numBits)
{
    return (numBits + 63) / 64;
}

/**
 * @param n number of low bits to keep, 0..64
 * @return a mask of the n low bits
 */
uint64_t
LowMask(size_t n)
{
    return n >= 64 ? ~uint64_t(0) : ((uint64_t(1) << n) - 1);
}

} // namespace

QkdBitString::QkdBitString()
    : m_size(0)
{
}

QkdBitString::QkdBitString(size_t numBits)
    : m_words(WordsFor(numBits), 0)
    , m_size(numBits)
{
}

QkdBitString
QkdBitString::FromBits(const std::vector<uint8_t>& bits)
{
    QkdBitString s(bits.size());
    for (size_t i = 0; i < bits.size(); ++i)
    {
        NS_ABORT_MSG_IF(bits[i] > 1,
                        "QkdBitString::FromBits: entry " << i << " is " << unsigned(bits[i])
                                                         << "; bits must be 0 or 1");
        if (bits[i])
        {
            s.m_words[i / 64] |= uint64_t(1) << (i % 64);
        }
    }
    return s;
}

QkdBitString
QkdBitString::FromWords(std::vector<uint64_t> words, size_t numBits)
{
    NS_ABORT_MSG_IF(words.size() != WordsFor(numBits),
                    "QkdBitString::FromWords: " << words.size() << " words given for " << numBits
                                                << " bits; expected " << WordsFor(numBits));
    QkdBitString s;
    s.m_words = std::move(words);
    s.m_size = numBits;
    s.ClearTail();
    return s;
}

QkdBitString
QkdBitString::Random(size_t numBits, Ptr<UniformRandomVariable> rng)
{
    NS_ABORT_MSG_IF(!rng, "QkdBitString::Random: no random variable given");
    QkdBitString s(numBits);
    for (auto& w : s.m_words)
    {
        const uint64_t lo = rng->GetInteger(0, 0xFFFFFFFFu);
        const uint64_t hi = rng->GetInteger(0, 0xFFFFFFFFu);
        w = lo | (hi << 32);
    }
    s.ClearTail();
    return s;
}

std::vector<uint8_t>
QkdBitString::ToBits() const
{
    std::vector<uint8_t> bits(m_size);
    for (size_t i = 0; i < m_size; ++i)
    {
        bits[i] = (m_words[i / 64] >> (i % 64)) & 1;
    }
    return bits;
}

std::string
QkdBitString::ToString() const
{
    std::string s(m_size, '0');
    for (size_t i = 0; i < m_size; ++i)
    {
        if (Get(i))
        {
            s[i] = '1';
        }
    }
    return s;
}

size_t
QkdBitString::GetSize() const
{
    return m_size;
}

bool
QkdBitString::IsEmpty() const
{
    return m_size == 0;
}

bool
QkdBitString::Get(size_t index) const
{
    NS_ABORT_MSG_IF(index >= m_size,
                    "QkdBitString::Get: index " << index << " is outside [0, " << m_size << ")");
    return (m_words[index / 64] >> (index % 64)) & 1;
}

void
QkdBitString::Set(size_t index, bool value)
{
    NS_ABORT_MSG_IF(index >= m_size,
                    "QkdBitString::Set: index " << index << " is outside [0, " << m_size << ")");
    const uint64_t bit = uint64_t(1) << (index % 64);
    if (value)
    {
        m_words[index / 64] |= bit;
    }
    else
    {
        m_words[index / 64] &= ~bit;
    }
}

void
QkdBitString::Flip(size_t index)
{
    NS_ABORT_MSG_IF(index >= m_size,
                    "QkdBitString::Flip: index " << index << " is outside [0, " << m_size << ")");
    m_words[index / 64] ^= uint64_t(1) << (index % 64);
}

size_t
QkdBitString::CountOnes() const
{
    size_t n = 0;
    for (uint64_t w : m_words)
    {
        n += __builtin_popcountll(w);
    }
    return n;
}

bool
QkdBitString::GetParity() const
{
    uint64_t acc = 0;
    for (uint64_t w : m_words)
    {
        acc ^= w;
    }
    return __builtin_parityll(acc);
}

bool
QkdBitString::GetRangeParity(size_t begin, size_t end) const
{
    NS_ABORT_MSG_IF(begin > end || end > m_size,
                    "QkdBitString::GetRangeParity: range ["
                        << begin << ", " << end << ") is not inside [0, " << m_size << ")");
    if (begin == end)
    {
        return false;
    }
    const size_t first = begin / 64;
    const size_t last = (end - 1) / 64;
    const uint64_t headMask = ~LowMask(begin % 64);
    const uint64_t tailMask = LowMask(end - 64 * last);
    if (first == last)
    {
        return __builtin_parityll(m_words[first] & headMask & tailMask);
    }
    uint64_t acc = m_words[first] & headMask;
    for (size_t w = first + 1; w < last; ++w)
    {
        acc ^= m_words[w];
    }
    acc ^= m_words[last] & tailMask;
    return __builtin_parityll(acc);
}

QkdBitString
QkdBitString::Slice(size_t begin, size_t end) const
{
    NS_ABORT_MSG_IF(begin > end || end > m_size,
                    "QkdBitString::Slice: range [" << begin << ", " << end << ") is not inside [0, "
                                                   << m_size << ")");
    QkdBitString out(end - begin);
    const size_t shift = begin % 64;
    const size_t base = begin / 64;
    for (size_t w = 0; w < out.m_words.size(); ++w)
    {
        uint64_t v = m_words[base + w] >> shift;
        if (shift != 0 && base + w + 1 < m_words.size())
        {
            v |= m_words[base + w + 1] << (64 - shift);
        }
        out.m_words[w] = v;
    }
    out.ClearTail();
    return out;
}

void
QkdBitString::Append(const QkdBitString& other)
{
    if (other.m_size == 0)
    {
        return;
    }
    const size_t oldSize = m_size;
    const size_t shift = oldSize % 64;
    m_size += other.m_size;
    m_words.resize(WordsFor(m_size), 0);
    const size_t base = oldSize / 64;
    for (size_t w = 0; w < other.m_words.size(); ++w)
    {
        const uint64_t v = other.m_words[w];
        m_words[base + w] |= v << shift;
        if (shift != 0 && base + w + 1 < m_words.size())
        {
            m_words[base + w + 1] |= v >> (64 - shift);
        }
    }
    ClearTail();
}

size_t
QkdBitString::HammingDistance(const QkdBitString& other) const
{
    NS_ABORT_MSG_IF(other.m_size != m_size,
                    "QkdBitString::HammingDistance: lengths differ (" << m_size << " and "
                                                                      << other.m_size << ")");
    size_t n = 0;
    for (size_t w = 0; w < m_words.size(); ++w)
    {
        n += __builtin_popcountll(m_words[w] ^ other.m_words[w]);
    }
    return n;
}

QkdBitString&
QkdBitString::operator^=(const QkdBitString& other)
{
    NS_ABORT_MSG_IF(other.m_size != m_size,
                    "QkdBitString: XOR of strings of different lengths (" << m_size << " and "
                                                                          << other.m_size << ")");
    for (size_t w = 0; w < m_words.size(); ++w)
    {
        m_words[w] ^= other.m_words[w];
    }
    return *this;
}

const std::vector<uint64_t>&
QkdBitString::GetWords() const
{
    return m_words;
}

size_t
QkdBitString::GetNumWords() const
{
    return m_words.size();
}

void
QkdBitString::ClearTail()
{
    if (m_size % 64 != 0 && !m_words.empty())
    {
        m_words.back() &= LowMask(m_size % 64);
    }
}

QkdBitString
operator^(const QkdBitString& a, const QkdBitString& b)
{
    QkdBitString r = a;
    r ^= b;
    return r;
}

bool
operator==(const QkdBitString& a, const QkdBitString& b)
{
    return a.GetSize() == b.GetSize() && a.GetWords() == b.GetWords();
}

bool
operator!=(const QkdBitString& a, const QkdBitString& b)
{
    return !(a == b);
}

std::ostream&
operator<<(std::ostream& os, const QkdBitString& bits)
{
    return os << bits.ToString();
}

} // namespace ns3
