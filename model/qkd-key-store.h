/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_STORE_H
#define QKD_KEY_STORE_H

#include "qkd-bit-string.h"

#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A contiguous range of bits of one key block: the unit in which two
 * key managers name the key material they use.
 */
struct QkdKeySegment
{
    uint64_t blockId; //!< id of the key block (identical at both ends)
    uint32_t offset;  //!< first bit of the range inside the block
    uint32_t length;  //!< number of bits
};

/**
 * @ingroup quantum
 * @brief One end of a pairwise secret-key store: key blocks with ids,
 * identical at both ends of a QKD link (or of a trusted-relay path), with a
 * capacity.
 *
 * Key material enters with AddKey(blockId, bits), called at both ends with
 * the same id and the same bits (by a QKD protocol's secret-key output, by a
 * key-supply model, or by the trusted relay).  Every block is split into two
 * shares: bits [0, s) may be allocated only by the end with the lower node id,
 * bits [s, n) only by the other end (s = floor(n LowerEndShare), or given per
 * block).  Each end allocates from its own share (Allocate(), oldest block
 * first) and tells the peer which segments it used; the peer removes exactly
 * those bits (ConsumePeer()).  The split makes concurrent allocations at the
 * two ends collision-free without a lock protocol.
 *
 * Full store: a block that would raise the stored bits above CapacityBits is
 * dropped whole (KeyDropped trace, counted in GetDroppedBits()).  Empty
 * store: Allocate() returns false and changes nothing; the key manager turns
 * this into the INSUFFICIENT_KEY status.  Fully consumed blocks are freed, so
 * memory is bounded by the stored bits.
 *
 * The level is the number of stored, not yet consumed bits (both shares), as
 * the TracedValue "StoredBits".
 */
class QkdKeyStore : public Object
{
  public:
    /** Result of ConsumePeer(). */
    enum ConsumeStatus
    {
        CONSUME_OK = 0,        //!< the bits were removed and returned
        CONSUME_BLOCK_MISSING, //!< a segment names a block this end does not hold
        CONSUME_INVALID_RANGE  //!< no segments, or one outside the peer's share, overlapping, or
                               //!< already consumed
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdKeyStore();
    ~QkdKeyStore() override;

    /**
     * TracedCallback signature of KeyAdded and KeyDropped.
     * @param blockId the block id
     * @param numBits the block length in bits
     */
    typedef void (*BlockTracedCallback)(uint64_t blockId, uint32_t numBits);

    /**
     * TracedCallback signature of KeyConsumed.
     * @param numBits bits removed from the store
     * @param byPeer true if the peer allocated them (ConsumePeer), false if
     *        this end did (Allocate)
     */
    typedef void (*ConsumedTracedCallback)(uint32_t numBits, bool byPeer);

    /**
     * Name the two ends.  Must be called once, before the first AddKey.
     * @param localNodeId the node of this end
     * @param peerNodeId the node at the other end, != localNodeId (aborts otherwise)
     */
    void SetEnds(uint32_t localNodeId, uint32_t peerNodeId);

    /** @return the node id of this end */
    uint32_t GetLocalNodeId() const;

    /** @return the node id of the other end */
    uint32_t GetPeerNodeId() const;

    /**
     * Add a key block, split by the LowerEndShare attribute.
     * @param blockId id, identical at both ends, not held by this store (aborts otherwise)
     * @param bits the key bits, 1 to 2^32 - 1 bits (aborts otherwise)
     * @return true if stored, false if dropped because the store is full
     */
    bool AddKey(uint64_t blockId, const QkdBitString& bits);

    /**
     * Add a key block with an explicit split.
     * @param blockId id, identical at both ends, not held by this store (aborts otherwise)
     * @param bits the key bits, 1 to 2^32 - 1 bits (aborts otherwise)
     * @param lowerEndBits the first lowerEndBits bits belong to the lower-id
     *        end, the rest to the other; <= bits.GetSize() (aborts otherwise)
     * @return true if stored, false if dropped because the store is full
     */
    bool AddKey(uint64_t blockId, const QkdBitString& bits, uint32_t lowerEndBits);

    /**
     * Allocate key from this end's share, oldest block first.
     * @param numBits how many bits, >= 1 (aborts otherwise)
     * @param segments receives the segments used (to tell the peer)
     * @param bits receives the key bits, in segment order
     * @return false (and nothing changes) if fewer than numBits are allocatable
     */
    bool Allocate(uint64_t numBits, std::vector<QkdKeySegment>& segments, QkdBitString& bits);

    /**
     * Remove the bits the peer allocated (all or nothing).
     * @param segments the segments named by the peer
     * @param bits receives the key bits, in segment order
     * @return the status
     */
    ConsumeStatus ConsumePeer(const std::vector<QkdKeySegment>& segments, QkdBitString& bits);

    /** @return stored, unconsumed bits (both shares): the store level */
    uint64_t GetStoredBits() const;

    /** @return bits this end may still allocate (its own share) */
    uint64_t GetAllocatableBits() const;

    /** @return the capacity in bits */
    uint64_t GetCapacityBits() const;

    /** @return total bits of the blocks accepted so far */
    uint64_t GetAddedBits() const;

    /** @return total bits of the blocks dropped because the store was full */
    uint64_t GetDroppedBits() const;

    /** @return total bits removed so far (own allocations and peer consumption) */
    uint64_t GetConsumedBits() const;

    /** @return the number of blocks held (not fully consumed) */
    size_t GetNumBlocks() const;

  private:
    /** One stored block. */
    struct Block
    {
        QkdBitString bits;     //!< the key bits
        QkdBitString consumed; //!< 1 where the bit was consumed
        uint32_t split;        //!< bits [0, split) belong to the lower-id end
        uint32_t ownBegin;     //!< first bit of this end's share
        uint32_t ownEnd;       //!< one past the last bit of this end's share
        uint32_t ownCursor;    //!< next own bit to allocate
        uint32_t remaining;    //!< unconsumed bits in the block
    };

    /**
     * Remove [offset, offset + length) of a block and update the level.
     * @param it the block
     * @param offset first bit
     * @param length number of bits
     * @return the removed bits
     */
    QkdBitString Take(std::map<uint64_t, Block>::iterator it, uint32_t offset, uint32_t length);

    uint64_t m_capacityBits;                         //!< capacity
    double m_lowerEndShare;                          //!< default split
    uint32_t m_localNodeId;                          //!< this end
    uint32_t m_peerNodeId;                           //!< other end
    bool m_endsSet;                                  //!< SetEnds called
    std::map<uint64_t, Block> m_blocks;              //!< blocks by id (allocation order = id order)
    uint64_t m_allocatable;                          //!< own-share bits not yet allocated
    uint64_t m_added;                                //!< bits accepted
    uint64_t m_dropped;                              //!< bits dropped (full)
    uint64_t m_consumed;                             //!< bits removed
    TracedValue<uint64_t> m_storedBits;              //!< level (trace source)
    TracedCallback<uint64_t, uint32_t> m_addedTrace; //!< KeyAdded
    TracedCallback<uint64_t, uint32_t> m_droppedTrace; //!< KeyDropped
    TracedCallback<uint32_t, bool> m_consumedTrace;    //!< KeyConsumed
};

} // namespace ns3

#endif /* QKD_KEY_STORE_H */
