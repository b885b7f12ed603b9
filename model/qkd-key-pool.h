/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_POOL_H
#define QKD_KEY_POOL_H

#include "qkd-bit-string.h"

#include "ns3/object.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A first-in first-out reservoir of secret key bits that consumers
 * (one-time pads, authentication) draw from.
 *
 * Both ends of a link keep one pool each, fill them with the same key bits in
 * the same order and consume in the same order, so the bits they draw are
 * identical.  Drawn bits are removed and never handed out twice.
 */
class QkdKeyPool : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdKeyPool();
    ~QkdKeyPool() override;

    /**
     * @param key secret bits appended to the pool
     */
    void Add(const QkdBitString& key);

    /**
     * Draw and remove the oldest bits.
     * @param numBits how many; at most GetAvailableBits() (aborts otherwise)
     * @return the bits
     */
    QkdBitString Consume(size_t numBits);

    /** @return the number of bits that can be drawn */
    uint64_t GetAvailableBits() const;

    /** @return the number of bits drawn so far */
    uint64_t GetConsumedBits() const;

    /** @return the number of bits added so far */
    uint64_t GetAddedBits() const;

  private:
    QkdBitString m_buffer;             //!< bits not yet drawn start at m_readOffset
    size_t m_readOffset;               //!< first undrawn bit of m_buffer
    uint64_t m_consumed;               //!< bits drawn so far
    uint64_t m_added;                  //!< bits added so far
    TracedValue<uint64_t> m_available; //!< bits available (trace source)
};

} // namespace ns3

#endif /* QKD_KEY_POOL_H */
