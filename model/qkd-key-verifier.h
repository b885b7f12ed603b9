/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_VERIFIER_H
#define QKD_KEY_VERIFIER_H

#include "qkd-bit-string.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Error verification after reconciliation: Alice and Bob compare a
 * short two-universal hash (tag) of their corrected keys.
 *
 * Alice draws a random Toeplitz seed (GenerateSeed) and sends it with her tag
 * (ComputeTag); Bob accepts if his tag matches (Verify).  Since the Toeplitz
 * family is two-universal (Carter and Wegman 1979), two different keys give
 * the same t-bit tag with probability exactly 2^-t over the seed: any
 * remaining error is detected with probability 1 - 2^-t, and a protocol that
 * continues only on equal tags is eps_cor-correct with eps_cor = 2^-t
 * (Tomamichel et al., Nat. Commun. 3, 634 (2012), Table I).  The t tag bits
 * are public and count as leaked information for privacy amplification.
 */
class QkdKeyVerifier : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdKeyVerifier();
    ~QkdKeyVerifier() override;

    /** @return the tag length t in bits */
    uint32_t GetTagLength() const;

    /** @return the probability 2^-t that different keys pass */
    double GetFailureProbability() const;

    /**
     * @param keyLength n, the length of the keys to compare, > 0
     * @return a fresh uniformly random Toeplitz seed of n + t - 1 bits
     */
    QkdBitString GenerateSeed(size_t keyLength);

    /**
     * @param key the key (n bits)
     * @param seed a seed of n + t - 1 bits (aborts otherwise)
     * @return the t-bit tag
     */
    QkdBitString ComputeTag(const QkdBitString& key, const QkdBitString& seed) const;

    /**
     * @param key the local key
     * @param seed the seed received from the peer
     * @param peerTag the peer's tag (t bits, aborts otherwise)
     * @return true if the local tag equals the peer's
     */
    bool Verify(const QkdBitString& key,
                const QkdBitString& seed,
                const QkdBitString& peerTag) const;

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    uint32_t m_tagLength;             //!< tag length t in bits
    Ptr<UniformRandomVariable> m_rng; //!< seed randomness
};

} // namespace ns3

#endif /* QKD_KEY_VERIFIER_H */
