/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASCADE_PARITY_MESSAGES_H
#define CASCADE_PARITY_MESSAGES_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Start of a Cascade pass, announced by Bob: Alice shuffles her key
 * with CascadePermutation(n, seed), cuts it into blocks of blockSize bits
 * (the last may be shorter) and returns all their parities.
 */
struct CascadePassAnnouncement
{
    uint32_t pass;      //!< pass index (0, 1, 2, ...), announced in order
    uint64_t seed;      //!< permutation seed
    uint32_t blockSize; //!< top-level block size k_i

    /**
     * @param keyLength n
     * @return the number of top-level blocks, ceil(n / blockSize)
     */
    uint32_t GetNumBlocks(uint32_t keyLength) const;
};

/**
 * @ingroup quantum
 * @brief A request for the parity of Alice's shuffled key of a pass over the
 * positions [begin, end).
 */
struct CascadeParityQuery
{
    uint32_t pass;  //!< pass index (must have been announced)
    uint32_t begin; //!< first position
    uint32_t end;   //!< one past the last position
};

/**
 * @ingroup quantum
 * @brief One message from Bob to Alice: new passes and parity queries.
 */
struct CascadeParityRequest
{
    std::vector<CascadePassAnnouncement> announcements; //!< passes started by this message
    std::vector<CascadeParityQuery> queries;            //!< sub-block parity queries

    /**
     * @param keyLength n
     * @return the number of parities Alice must return
     */
    uint32_t GetNumParities(uint32_t keyLength) const;

    /**
     * Size on the wire: two 4-byte counts, 16 bytes per announcement (pass,
     * seed, block size) and 12 bytes per query.
     * @return bytes
     */
    uint32_t GetSerializedSize() const;
};

/**
 * @ingroup quantum
 * @brief Alice's answer: the parities (0 or 1) of the top-level blocks of
 * every announced pass, in announcement and block order, followed by one
 * parity per query in query order.
 */
struct CascadeParityResponse
{
    std::vector<uint8_t> parities; //!< one entry (0 or 1) per disclosed parity

    /**
     * Size on the wire: a 4-byte count and the parities packed 8 per byte.
     * @return bytes
     */
    uint32_t GetSerializedSize() const;
};

} // namespace ns3

#endif /* CASCADE_PARITY_MESSAGES_H */
