/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASCADE_PARITY_RESPONDER_H
#define CASCADE_PARITY_RESPONDER_H

#include "cascade-parity-messages.h"
#include "qkd-bit-string.h"

#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Alice's side of Cascade: she holds the reference key and answers
 * Bob's parity requests (CascadeReconciliation drives the protocol).
 *
 * Every parity she returns is public and counted as disclosed (leaked)
 * information.  Malformed requests (passes out of order, ranges outside the
 * key, queries on passes never announced) abort with a message.
 */
class CascadeParityResponder : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CascadeParityResponder();
    ~CascadeParityResponder() override;

    /**
     * Set the reference key and forget any previous session.
     * @param key Alice's sifted key (non-empty, at most 2^32 - 1 bits)
     */
    void SetKey(const QkdBitString& key);

    /** @return the reference key */
    const QkdBitString& GetKey() const;

    /**
     * @param request Bob's request
     * @return the parities it asks for
     */
    CascadeParityResponse Answer(const CascadeParityRequest& request);

    /** @return the number of parities disclosed since SetKey */
    uint64_t GetDisclosedParities() const;

    /**
     * TracedCallback signature for answered requests.
     * @param parities the number of parities disclosed by the answer
     */
    typedef void (*AnswerTracedCallback)(uint32_t parities);

  private:
    QkdBitString m_key;                     //!< Alice's key
    std::vector<QkdBitString> m_shuffled;   //!< shuffled key of each announced pass
    uint64_t m_disclosed;                   //!< parities disclosed
    TracedCallback<uint32_t> m_answerTrace; //!< answered requests
};

} // namespace ns3

#endif /* CASCADE_PARITY_RESPONDER_H */
