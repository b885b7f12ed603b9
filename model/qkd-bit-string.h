/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_BIT_STRING_H
#define QKD_BIT_STRING_H

#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class UniformRandomVariable;

/**
 * @ingroup quantum
 * @brief A packed string of key bits: the data type of QKD post-processing
 * (raw, sifted, reconciled and secret keys, hash seeds and tags).
 *
 * Bit i is stored in word i / 64 at bit position i % 64 (least significant
 * first).  Bits beyond GetSize() in the last word are always zero, so word
 * operations (XOR, popcount) need no masking.
 */
class QkdBitString
{
  public:
    /** An empty string. */
    QkdBitString();

    /**
     * @param numBits length; all bits are zero
     */
    explicit QkdBitString(size_t numBits);

    /**
     * @param bits one entry per bit, each 0 or 1 (aborts otherwise)
     * @return the packed string
     */
    static QkdBitString FromBits(const std::vector<uint8_t>& bits);

    /**
     * @param words packed words (bit i in word i / 64)
     * @param numBits length; words must hold exactly ceil(numBits / 64) words
     *        (aborts otherwise); bits beyond numBits are cleared
     * @return the string
     */
    static QkdBitString FromWords(std::vector<uint64_t> words, size_t numBits);

    /**
     * @param numBits length
     * @param rng source of randomness (32 random bits per draw)
     * @return uniformly random bits
     */
    static QkdBitString Random(size_t numBits, Ptr<UniformRandomVariable> rng);

    /** @return one entry per bit, each 0 or 1 */
    std::vector<uint8_t> ToBits() const;

    /** @return the bits as a string of '0' and '1', bit 0 first */
    std::string ToString() const;

    /** @return the number of bits */
    size_t GetSize() const;

    /** @return true if the string has no bits */
    bool IsEmpty() const;

    /**
     * @param index bit index, < GetSize() (aborts otherwise)
     * @return the bit
     */
    bool Get(size_t index) const;

    /**
     * @param index bit index, < GetSize() (aborts otherwise)
     * @param value the new value
     */
    void Set(size_t index, bool value);

    /**
     * @param index bit index, < GetSize() (aborts otherwise)
     */
    void Flip(size_t index);

    /** @return the number of ones (Hamming weight) */
    size_t CountOnes() const;

    /** @return the XOR of all bits */
    bool GetParity() const;

    /**
     * Parity of a contiguous range, at word level.
     * @param begin first bit
     * @param end one past the last bit; begin <= end <= GetSize() (aborts otherwise)
     * @return the XOR of the bits in [begin, end)
     */
    bool GetRangeParity(size_t begin, size_t end) const;

    /**
     * @param begin first bit
     * @param end one past the last bit; begin <= end <= GetSize() (aborts otherwise)
     * @return the bits in [begin, end)
     */
    QkdBitString Slice(size_t begin, size_t end) const;

    /**
     * @param other bits appended at the end
     */
    void Append(const QkdBitString& other);

    /**
     * @param other a string of the same length (aborts otherwise)
     * @return the number of positions where the strings differ
     */
    size_t HammingDistance(const QkdBitString& other) const;

    /**
     * @param other a string of the same length (aborts otherwise)
     * @return this string, XORed with other
     */
    QkdBitString& operator^=(const QkdBitString& other);

    /** @return the packed words (bits beyond GetSize() are zero) */
    const std::vector<uint64_t>& GetWords() const;

    /** @return the number of 64-bit words */
    size_t GetNumWords() const;

  private:
    /** Clear the unused bits of the last word. */
    void ClearTail();

    std::vector<uint64_t> m_words; //!< packed bits
    size_t m_size;                 //!< number of bits
};

/**
 * @param a a string
 * @param b a string of the same length (aborts otherwise)
 * @return a XOR b
 */
QkdBitString operator^(const QkdBitString& a, const QkdBitString& b);

/**
 * @param a a string
 * @param b a string
 * @return true if both have the same length and bits
 */
bool operator==(const QkdBitString& a, const QkdBitString& b);

/**
 * @param a a string
 * @param b a string
 * @return true unless a == b
 */
bool operator!=(const QkdBitString& a, const QkdBitString& b);

/**
 * @param os output stream
 * @param bits the string (printed as '0'/'1', bit 0 first)
 * @return os
 */
std::ostream& operator<<(std::ostream& os, const QkdBitString& bits);

} // namespace ns3

#endif /* QKD_BIT_STRING_H */
