/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASCADE_RECONCILIATION_H
#define CASCADE_RECONCILIATION_H

#include "cascade-parity-messages.h"
#include "cascade-permutation.h"
#include "qkd-bit-string.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Outcome of a local Cascade run (CascadeReconciliation::Reconcile).
 */
struct CascadeResult
{
    QkdBitString key;         //!< Bob's corrected key
    uint64_t leakedBits;      //!< parities disclosed by Alice
    uint32_t correctedErrors; //!< bits Bob flipped
    uint32_t rounds;          //!< request/response exchanges
    uint64_t bytesToAlice;    //!< serialized size of Bob's requests
    uint64_t bytesToBob;      //!< serialized size of Alice's responses
    double efficiency;        //!< f = leakedBits / (n h(correctedErrors / n))
    uint32_t residualErrors;  //!< ground truth: bits still differing from Alice's key
};

/**
 * @ingroup quantum
 * @brief Bob's side of the Cascade error-correction protocol (Brassard and
 * Salvail, "Secret-key reconciliation by public discussion", Eurocrypt 1993),
 * as a message-driven state machine.
 *
 * Protocol: in pass i Bob shuffles the key with a permutation derived from a
 * fresh public seed (CascadePermutation), cuts it into blocks of k_i bits and
 * learns Alice's parity of every block.  In each block whose parity differs
 * from his, he runs a binary search (BINARY): he asks for the parity of the
 * left half and infers the right half from the block parity, so every search
 * level costs one disclosed parity, until a single wrong bit is found and
 * flipped.  Flipping a bit changes the parity of every block of every pass
 * that contains it; Bob searches again in the smallest such block whose
 * parity Alice has disclosed (top-level blocks and sub-blocks of earlier
 * searches alike) and which now differs: the cascade.  All parities Alice
 * has disclosed are remembered, so none is asked twice.
 *
 * Block sizes (attributes): k_1 = ceil(FirstBlockSizeFactor / Q), doubling
 * for the first DoublingPasses passes, k_i = ceil(n / 2) afterwards, for
 * NumPasses passes in all.  FirstBlockSizeFactor = 0.73 with doubling is the
 * original choice of Brassard and Salvail (4 passes, DoublingPasses = 4);
 * the defaults (DoublingPasses = 2, NumPasses = 16) follow Martinez-Mateo,
 * Pacher, Peev, Ciurana and Martin, "Demystifying the information
 * reconciliation protocol Cascade", Quantum Inf. Comput. 15, 453 (2015):
 * two passes with growing blocks, then cheap passes of two half-key blocks
 * that clean up the remaining error pairs, with the sub-block reuse
 * described above.  Measured on 10^5-bit keys: f = 1.08, 1.09, 1.09, 1.11 at
 * Q = 1, 2, 5, 10 % (test suite qkd-postprocessing).
 *
 * Message flow (Alice's side is CascadeParityResponder): Bob calls Start,
 * then repeatedly GetNextRequest -> (send) -> Alice's Answer -> (send) ->
 * ProcessResponse until IsFinished.  All searches that are waiting for a
 * parity are batched into one request, so the number of round trips grows
 * with the search depth, not with the number of errors.  Reconcile runs both
 * sides locally.
 */
class CascadeReconciliation : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CascadeReconciliation();
    ~CascadeReconciliation() override;

    /**
     * Begin reconciling Bob's key.
     * @param noisyKey Bob's sifted key (non-empty, < 2^32 - 1 bits)
     * @param qberEstimate the estimated QBER Q, in (0, 0.5) (aborts otherwise);
     *        sets the block sizes
     */
    void Start(const QkdBitString& noisyKey, double qberEstimate);

    /** @return true when all passes are complete */
    bool IsFinished() const;

    /**
     * @return the next message to Alice (aborts if not started, finished, or a
     *         request is still unanswered)
     */
    CascadeParityRequest GetNextRequest();

    /**
     * @param response Alice's answer to the last request (aborts if it holds the
     *        wrong number of parities or entries other than 0 and 1)
     */
    void ProcessResponse(const CascadeParityResponse& response);

    /** @return Bob's key, corrected so far */
    const QkdBitString& GetKey() const;

    /** @return the parities Alice has disclosed so far (the leaked bits) */
    uint64_t GetLeakedBits() const;

    /** @return the number of bits Bob has flipped */
    uint32_t GetCorrectedErrors() const;

    /** @return the number of request/response exchanges so far */
    uint32_t GetRounds() const;

    /** @return the NumPasses attribute */
    uint32_t GetNumPasses() const;

    /**
     * @param pass pass index, < NumPasses
     * @param keyLength n
     * @param qberEstimate Q in (0, 0.5)
     * @return the top-level block size k of that pass
     */
    uint32_t GetBlockSize(uint32_t pass, uint32_t keyLength, double qberEstimate) const;

    /**
     * Run Bob's and Alice's sides locally until done.
     * @param aliceKey Alice's key
     * @param bobKey Bob's key, same length (aborts otherwise)
     * @param qberEstimate Q in (0, 0.5)
     * @return the outcome
     */
    CascadeResult Reconcile(const QkdBitString& aliceKey,
                            const QkdBitString& bobKey,
                            double qberEstimate);

    /**
     * Reconciliation efficiency f = leaked / (n h(Q)) (1 is the Slepian-Wolf
     * limit for one-way reconciliation of a binary symmetric channel).
     * @param leakedBits disclosed bits
     * @param keyLength n > 0
     * @param qber Q in (0, 0.5]
     * @return f
     */
    static double Efficiency(uint64_t leakedBits, uint64_t keyLength, double qber);

    /**
     * @param stream first stream index
     * @return the number of streams used (1: the permutation seeds)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for completed exchanges.
     * @param pass the current pass
     * @param parities parities received in the exchange
     * @param corrected total bits flipped so far
     */
    typedef void (*RoundTracedCallback)(uint32_t pass, uint32_t parities, uint32_t corrected);

  protected:
    void DoDispose() override;

  private:
    /** One pass: its shuffle and what is known about it. */
    struct PassState
    {
        uint32_t blockSize;                          //!< top-level block size
        CascadePermutation permutation;              //!< the shuffle
        QkdBitString shuffled;                       //!< Bob's shuffled key, kept current
        std::unordered_map<uint64_t, uint8_t> known; //!< Alice's disclosed or inferred parities
        std::vector<uint8_t> searching;              //!< top-level blocks with an active search
    };

    /** A binary search for one error in a range of a pass. */
    struct Search
    {
        uint32_t pass;  //!< pass index
        uint32_t begin; //!< first position of the current range
        uint32_t end;   //!< one past the last position
    };

    /**
     * @param begin first position
     * @param end one past the last position
     * @return the key of the range in PassState::known
     */
    static uint64_t RangeKey(uint32_t begin, uint32_t end);

    /**
     * @param pass pass index
     * @param begin first position
     * @param end one past the last position
     * @param parity set to Alice's parity if known
     * @return true if Alice's parity of the range is known
     */
    bool Known(uint32_t pass, uint32_t begin, uint32_t end, uint8_t& parity) const;

    /**
     * Record Alice's parity of a range.
     * @param pass pass index
     * @param begin first position
     * @param end one past the last position
     * @param parity the parity
     */
    void Learn(uint32_t pass, uint32_t begin, uint32_t end, uint8_t parity);

    /**
     * @param pass pass index
     * @param begin first position
     * @param end one past the last position
     * @return Bob's current parity of the range
     */
    uint8_t BobParity(uint32_t pass, uint32_t begin, uint32_t end) const;

    /** Create the state of the next pass (draws its seed). */
    void BeginPass();

    /**
     * Start a search in a range known to mismatch.
     * @param pass pass index
     * @param begin first position
     * @param end one past the last position
     */
    void StartSearch(uint32_t pass, uint32_t begin, uint32_t end);

    /**
     * Flip a key bit everywhere and schedule the cascade checks.
     * @param keyIndex the key bit
     */
    void CorrectBit(uint32_t keyIndex);

    /**
     * @param pass pass index
     * @param position a position in the pass
     * @param begin set to the first position of the result
     * @param end set to one past the last position of the result
     * @return true if some range containing the position has a known parity
     *         that differs from Bob's; the smallest such range is returned
     */
    bool SmallestMismatch(uint32_t pass, uint32_t position, uint32_t& begin, uint32_t& end) const;

    /**
     * Advance the searches as far as known parities allow, flip the bits
     * they find, and start the cascade searches, until every search waits
     * for a parity from Alice.
     */
    void Settle();

    uint32_t m_numPasses;             //!< NumPasses attribute
    uint32_t m_doublingPasses;        //!< DoublingPasses attribute
    double m_firstBlockFactor;        //!< FirstBlockSizeFactor attribute
    Ptr<UniformRandomVariable> m_rng; //!< permutation seeds

    QkdBitString m_key;                                        //!< Bob's key
    double m_qber;                                             //!< estimated QBER
    std::vector<PassState> m_passes;                           //!< started passes
    std::vector<Search> m_searches;                            //!< active searches
    std::vector<std::pair<uint32_t, uint32_t>> m_checks;       //!< (key bit, pass) cascade checks
    CascadeParityRequest m_outstanding;                        //!< the unanswered request
    bool m_started;                                            //!< Start was called
    bool m_finished;                                           //!< all passes done
    bool m_awaiting;                                           //!< a request is unanswered
    bool m_announcePending;                                    //!< next request starts a pass
    uint64_t m_leaked;                                         //!< parities received
    uint32_t m_corrected;                                      //!< bits flipped
    uint32_t m_rounds;                                         //!< exchanges
    TracedCallback<uint32_t, uint32_t, uint32_t> m_roundTrace; //!< completed exchanges
};

} // namespace ns3

#endif /* CASCADE_RECONCILIATION_H */
