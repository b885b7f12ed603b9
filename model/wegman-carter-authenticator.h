/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEGMAN_CARTER_AUTHENTICATOR_H
#define WEGMAN_CARTER_AUTHENTICATOR_H

#include "qkd-key-pool.h"

#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief An authentication tag: the message sequence number and the tag bits.
 */
struct WegmanCarterTag
{
    uint64_t sequence; //!< index of the message in this direction (0, 1, 2, ...)
    uint64_t tag;      //!< tag bits (the low TagLengthBits bits; the rest are zero)
};

/**
 * @ingroup quantum
 * @brief Information-theoretically secure message authentication of the QKD
 * classical channel, consuming secret key (Wegman and Carter, J. Comput.
 * Syst. Sci. 22, 265 (1981)).
 *
 * tag = trunc_t( h_k(M) ) XOR p_s, where h_k is the polynomial hash over
 * GF(2^64) (PolynomialHashGf64) with a secret 64-bit key k drawn once from
 * the key pool and reused, and p_s is a fresh t-bit one-time pad drawn from
 * the pool for every message s.  Because h is (L+1)/2^64-almost XOR universal
 * and its truncation to t bits is (L+1)/2^t-almost XOR universal, an
 * adversary who has seen any number of authenticated messages substitutes a
 * message of at most L 64-bit blocks with success probability at most
 * (L+1)/2^t (Krawczyk, CRYPTO 1994, Theorem on AXU hashing with one-time
 * pads).  Key cost: 64 bits once (the hash key), then t bits per message.
 *
 * One instance serves one direction: the sender calls Authenticate, the
 * receiver's instance (whose pool holds the same bits) calls Verify, for the
 * same messages in the same order.  A tag whose sequence number is not the
 * next expected one is rejected without consuming key.
 */
class WegmanCarterAuthenticator : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    WegmanCarterAuthenticator();
    ~WegmanCarterAuthenticator() override;

    /**
     * @param pool the pool the hash key and the pads are drawn from (null: a
     *        fresh private pool)
     */
    void SetKeyPool(Ptr<QkdKeyPool> pool);

    /** @return the key pool */
    Ptr<QkdKeyPool> GetKeyPool() const;

    /** @return the tag length t in bits */
    uint32_t GetTagLength() const;

    /**
     * @return the key bits the next message costs (t, plus 64 for the hash key
     *         if it has not been drawn yet)
     */
    uint32_t GetKeyBitsForNextMessage() const;

    /**
     * Authenticate an outgoing message.  Aborts if the pool holds fewer than
     * GetKeyBitsForNextMessage() bits.
     * @param message the message bytes
     * @return the tag to send along
     */
    WegmanCarterTag Authenticate(const std::vector<uint8_t>& message);

    /**
     * @param packet the message (its bytes are authenticated)
     * @return the tag to send along
     */
    WegmanCarterTag Authenticate(Ptr<const Packet> packet);

    /**
     * Verify an incoming message.  Consumes the pad of the expected sequence
     * number (and the hash key the first time) unless the sequence number is
     * wrong.  Aborts if the pool holds too few bits.
     * @param message the message bytes
     * @param tag the received tag
     * @return true if the message is authentic
     */
    bool Verify(const std::vector<uint8_t>& message, const WegmanCarterTag& tag);

    /**
     * @param packet the message
     * @param tag the received tag
     * @return true if the message is authentic
     */
    bool Verify(Ptr<const Packet> packet, const WegmanCarterTag& tag);

    /** @return the key bits drawn from the pool so far (hash key and pads) */
    uint64_t GetConsumedKeyBits() const;

    /** @return the number of messages authenticated or verified */
    uint64_t GetMessageCount() const;

    /**
     * @param messageBytes the message length
     * @return the substitution (forgery) probability bound (L + 1) / 2^t
     */
    double GetForgeryProbabilityBound(size_t messageBytes) const;

    /**
     * TracedCallback signature for key consumption.
     * @param sequence the message sequence number
     * @param keyBits the key bits the message consumed
     */
    typedef void (*KeyConsumedTracedCallback)(uint64_t sequence, uint32_t keyBits);

  protected:
    void DoDispose() override;

  private:
    /**
     * Draw the hash key (if not yet drawn) and the next pad.
     * @param what "Authenticate" or "Verify", for messages
     * @return the pad bits
     */
    uint64_t DrawPad(const char* what);

    /**
     * @param message the bytes
     * @return the truncated hash of the message
     */
    uint64_t TruncatedHash(const std::vector<uint8_t>& message) const;

    Ptr<QkdKeyPool> m_pool;                                //!< key source
    uint32_t m_tagLength;                                  //!< t
    bool m_haveHashKey;                                    //!< the hash key has been drawn
    uint64_t m_hashKey;                                    //!< the secret hash key k
    uint64_t m_nextSequence;                               //!< sequence number of the next message
    uint64_t m_consumed;                                   //!< key bits drawn
    TracedCallback<uint64_t, uint32_t> m_keyConsumedTrace; //!< per-message key consumption
};

} // namespace ns3

#endif /* WEGMAN_CARTER_AUTHENTICATOR_H */
