/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_SESSION_H
#define QKD_SESSION_H

#include "cascade-parity-responder.h"
#include "cascade-reconciliation.h"
#include "qkd-bit-string.h"
#include "qkd-key-pool.h"
#include "qkd-key-rate-calculator.h"
#include "qkd-key-verifier.h"
#include "qkd-quantum-link.h"
#include "wegman-carter-authenticator.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Cumulative measured quantities of a QkdSession (what the party
 * itself estimated; Bob's are complete, Alice's hold the key counts).
 */
struct QkdSessionStatistics
{
    uint32_t frames{0};                           //!< frames post-processed
    uint32_t abortedFrames{0};                    //!< frames aborted (QBER above threshold)
    uint64_t pulses{0};                           //!< pulses sent (per Alice's announcement)
    uint64_t detections{0};                       //!< Bob's detections
    uint64_t siftedBits{0};                       //!< sifted bits (all intensities)
    uint64_t keyCandidateBits{0};                 //!< signal sifted bits not disclosed
    uint64_t sampleBits{0};                       //!< disclosed signal bits (parameter estimation)
    uint64_t sampleErrors{0};                     //!< errors among them
    std::array<uint64_t, 3> sampleBitsPerBasis{}; //!< per Alice basis / setting
    std::array<uint64_t, 3> sampleErrorsPerBasis{}; //!< per Alice basis / setting
    std::vector<uint64_t> pulsesPerLabel;           //!< per intensity
    std::vector<uint64_t> detectionsPerLabel;       //!< per intensity
    std::vector<uint64_t> disclosedPerLabel;        //!< disclosed sifted bits per intensity
    std::vector<uint64_t> errorsPerLabel;           //!< errors among them
    uint64_t leakedBits{0};                         //!< Cascade parities disclosed
    uint64_t correctedErrors{0};                    //!< bits Cascade flipped
    uint64_t verifyFailures{0};                     //!< frames whose verification failed
    uint64_t secretKeyBits{0};        //!< key bits delivered (after authentication refill)
    uint64_t privacyAmplifiedBits{0}; //!< key bits out of privacy amplification
    uint64_t authKeyBits{0};          //!< key bits consumed by authentication
    uint64_t bytesSent{0};            //!< classical bytes sent
    uint32_t cascadeRounds{0};        //!< Cascade exchanges
    double chshS{0};                  //!< E91: measured CHSH value (cumulative)
    std::array<std::array<uint64_t, 3>, 3> chshCount{}; //!< E91 coincidences per setting pair
    std::array<std::array<uint64_t, 3>, 3> chshEqual{}; //!< E91 equal bits per setting pair
    Time lastKeyTime;                                   //!< time of the last key delivery

    /** @return the QBER of the disclosed signal sample */
    double GetQber() const;
    /**
     * @param label an intensity label
     * @return measured gain Q_l = detections / pulses of that intensity
     */
    double GetGain(uint32_t label) const;
    /**
     * @param label an intensity label
     * @return measured QBER E_l of the disclosed bits of that intensity (signal: the sample)
     */
    double GetQberOfLabel(uint32_t label) const;
    /** @return Cascade's efficiency f = leaked / (n h(Q)), with the corrected error fraction */
    double GetCascadeEfficiency() const;
};

/**
 * @ingroup quantum
 * @brief One end (Alice or Bob) of the classical post-processing of a QKD
 * link, over a real ns-3 TCP connection: sifting, parameter estimation,
 * decoy-state bounds, Cascade error correction, verification, privacy
 * amplification and Wegman-Carter authentication.
 *
 * Frames of detection records arrive from a QkdQuantumLink (each party sees
 * only its own records).  Frames are post-processed one after the other, so
 * a slow classical link delays the key.  Messages (QkdSessionHeader, payload,
 * 16-byte Wegman-Carter tag) per frame:
 *
 *  1. Bob -> Alice, SIFT: his detections (pulse-index gaps as LEB128
 *     varints) and bases (1 bit each; 2 bits for E91's three settings).
 *  2. Alice -> Bob, SIFT_REPLY: per detection whether she has a record
 *     (entanglement: a coincidence), her basis and intensity label; her
 *     pulse counts per intensity; a 64-bit sample seed; and her bits of the
 *     disclosed positions: a random sample of SampleFraction of the
 *     signal-intensity sifted bits (CascadePermutation of the seed), all
 *     decoy-intensity sifted bits, and (E91) the CHSH coincidences.
 *  3. Bob -> Alice, PE_RESULT: abort flag and QBER estimate.  Bob aborts
 *     when the sample QBER exceeds QberThreshold or no key can be extracted;
 *     both ends then drop the frame (no key).
 *  4. Cascade (CascadeReconciliation at Bob, CascadeParityResponder at
 *     Alice): CASCADE_REQUEST / CASCADE_RESPONSE until Bob is done, then
 *     EC_DONE with the leaked count.
 *  5. Alice -> Bob, VERIFY: QkdKeyVerifier seed and tag.
 *  6. Bob -> Alice, PRIVACY: the final length l and a Toeplitz seed of
 *     n + l - 1 bits; both hash (ToeplitzHasher).
 *
 * Final length: l = floor(n_1 (1 - h(e_1)) - leak_EC - t_verify) with n the
 * undisclosed signal sifted bits and (asymptotic, GLLP): single-photon
 * source or entanglement n_1 = n, e_1 = E (Shor-Preskill; with the source's
 * two-photon probability the GLLP worst case); weak coherent pulses with
 * signal, weak decoy and vacuum the vacuum + weak decoy bounds (Ma, Qi, Zhao
 * and Lo 2005, eqs. (34), (37)) n_1 = n Q_1^L / Q_mu, e_1 = e_1^U; with one
 * intensity GLLP's worst case.  FiniteKey: the bound of Tomamichel et al.
 * 2012 (QkdFiniteKeyAnalysis; single-photon source and entanglement only).
 *
 * Authentication: every message is tagged by a WegmanCarterAuthenticator
 * drawing from a key pool per direction, filled with PresharedKeyBits
 * shared bits at start (SetPresharedKeys) and, after every frame that
 * produced key, refilled with the key bits that frame's messages consumed
 * (taken from the front of the new key, at both ends in the same order).
 * The rest of the key is delivered by the SecretKey trace.  If a pool runs
 * dry the session stops (trace Halted).
 */
class QkdSession : public Application
{
  public:
    /** Roles. */
    enum Role
    {
        ALICE, //!< sender / listens for the connection
        BOB,   //!< receiver / connects, drives sifting and Cascade
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature of SecretKey: a block of final key, identical
     * at both ends.
     * @param key the key bits
     * @param blockId the block id (the frame index; equal at both ends)
     * @param aliceNodeId Alice's node id
     * @param bobNodeId Bob's node id
     */
    typedef void (*SecretKeyTracedCallback)(const QkdBitString& key,
                                            uint64_t blockId,
                                            uint32_t aliceNodeId,
                                            uint32_t bobNodeId);
    /**
     * TracedCallback signature of per-frame measurements.
     * @param frame frame index
     * @param value the quantity (QBER, or a number of bits)
     */
    typedef void (*FrameValueTracedCallback)(uint32_t frame, double value);

    QkdSession();
    ~QkdSession() override;

    /**
     * @param link the quantum link whose frames this session post-processes
     *        (the session registers itself for its role's views)
     */
    void SetLink(Ptr<QkdQuantumLink> link);
    /** @return the quantum link */
    Ptr<QkdQuantumLink> GetLink() const;
    /**
     * Set the pre-shared authentication keys, replacing those of an earlier
     * call; call before the session starts.
     * @param aliceToBob pre-shared authentication key of the direction Alice -> Bob
     * @param bobToAlice pre-shared authentication key of the direction Bob -> Alice
     */
    void SetPresharedKeys(const QkdBitString& aliceToBob, const QkdBitString& bobToAlice);
    /** @param address the peer's IPv4 address (Bob connects to it) */
    void SetPeerAddress(Ipv4Address address);
    /** @return the role */
    Role GetRole() const;
    /** @return the measured quantities */
    const QkdSessionStatistics& GetStatistics() const;
    /** @return true if no frame is pending or in progress and the link is finished */
    bool IsIdle() const;
    /**
     * The asymptotic secret-key rate per pulse sent from the measured
     * quantities (Bob): q p_signal { -Q_mu f h(E_mu) + Q_1 [1 - h(e_1)] } with
     * q the sifting probability, f the ErrorCorrectionEfficiency attribute
     * and (Q_1, e_1) as for the final length (decoy bounds, GLLP, or
     * Shor-Preskill); for entanglement the same per pump pulse.
     * @return bits per pulse (0 if none)
     */
    double GetAsymptoticRatePerPulse() const;
    /**
     * @param single set to the single-photon estimate used (Q_1, e_1, Y_1)
     * @return true if the estimate exists (enough data)
     */
    bool GetSinglePhotonEstimate(QkdSinglePhotonEstimate& single) const;
    /**
     * @param stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** Per-detection information both parties know after SIFT_REPLY. */
    struct Sifted
    {
        std::vector<uint32_t> signalKey; //!< indices (into the detection list) of key candidates
        std::vector<uint32_t> sample;    //!< indices of the disclosed signal sample
        std::vector<uint32_t> decoy;     //!< indices of disclosed decoy sifted detections
        std::vector<uint32_t> chsh;      //!< indices of E91 CHSH coincidences
    };

    /** State of the frame being post-processed. */
    struct Frame
    {
        uint32_t id{0};                            //!< frame index
        Ptr<const QkdFrameView> view;              //!< own records
        std::vector<QkdDetectionRecord> joint;     //!< per Bob detection: own record (Alice: hers)
        std::vector<uint8_t> hasRecord;            //!< Alice has a record for the detection
        std::vector<uint8_t> aliceSetting;         //!< per detection
        std::vector<uint8_t> bobSetting;           //!< per detection
        std::vector<uint8_t> label;                //!< per detection
        std::vector<uint8_t> ownBit;               //!< per detection: own bit
        Sifted sifted;                             //!< sifted index sets
        QkdBitString key;                          //!< own key candidates
        double qber{0};                            //!< sample QBER
        uint64_t messagesAliceToBob{0};            //!< messages of this frame, A -> B
        uint64_t messagesBobToAlice{0};            //!< messages of this frame, B -> A
        QkdSinglePhotonEstimate single{0, 0.5, 0}; //!< single-photon estimate of this frame
        double singleFraction{0};                  //!< n_1 / n
        uint64_t sampleSize{0};                    //!< disclosed signal bits
    };

    /** @param view Alice's frame view */
    void ReceiveAliceView(Ptr<const QkdFrameView> view);
    /** @param view Bob's frame view */
    void ReceiveBobView(Ptr<const QkdFrameView> view);
    /** Bob: start the next queued frame if idle. */
    void BobNext();
    /**
     * @param socket the accepted socket
     * @param from the peer
     */
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    /** @param socket the connected socket */
    void HandleConnect(Ptr<Socket> socket);
    /** @param socket the failed socket */
    void HandleConnectFail(Ptr<Socket> socket);
    /** @param socket a socket with data */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @param socket the socket
     * @param available bytes free in its buffer
     */
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /** Push queued bytes into the socket. */
    void Flush();
    /**
     * Authenticate and queue a message.
     * @param type message type
     * @param frame frame index
     * @param payload payload bytes
     */
    void SendMessage(uint8_t type, uint32_t frame, const std::vector<uint8_t>& payload);
    /**
     * Handle a verified message.
     * @param type message type
     * @param frame frame index
     * @param payload payload bytes
     */
    void HandleMessage(uint8_t type, uint32_t frame, const std::vector<uint8_t>& payload);
    /**
     * @param frame frame index
     * @param payload SIFT payload (Alice)
     */
    void OnSift(uint32_t frame, const std::vector<uint8_t>& payload);
    /** @param payload SIFT_REPLY payload (Bob) */
    void OnSiftReply(const std::vector<uint8_t>& payload);
    /** @param payload PE_RESULT payload (Alice) */
    void OnPeResult(const std::vector<uint8_t>& payload);
    /** @param payload CASCADE_REQUEST payload (Alice) */
    void OnCascadeRequest(const std::vector<uint8_t>& payload);
    /** @param payload CASCADE_RESPONSE payload (Bob) */
    void OnCascadeResponse(const std::vector<uint8_t>& payload);
    /** @param payload EC_DONE payload (Alice) */
    void OnEcDone(const std::vector<uint8_t>& payload);
    /** @param payload VERIFY payload (Bob) */
    void OnVerify(const std::vector<uint8_t>& payload);
    /** @param payload PRIVACY payload (Alice) */
    void OnPrivacy(const std::vector<uint8_t>& payload);
    /**
     * Compute the sifted index sets of the current frame (both parties).
     * @param seed the public sample seed
     */
    void ComputeSifted(uint64_t seed);
    /** Bob: send the next Cascade request or EC_DONE. */
    void BobCascadeStep();
    /**
     * End of a frame: refill the authentication pools, deliver the key.
     * @param finalKey the privacy-amplified key (empty if none)
     * @param aborted the frame was aborted
     */
    void FinishFrame(const QkdBitString& finalKey, bool aborted);
    /**
     * @param leaked bits leaked by error correction
     * @return the final key length of the current frame after error correction
     */
    uint64_t FinalLength(uint64_t leaked) const;
    /**
     * Single-photon estimate from measured quantities.
     * @param s the measured quantities
     * @param single set to (Q_1, e_1, Y_1)
     * @param fraction set to Q_1 / Q_signal
     * @return false if there is not enough data
     */
    bool Estimate(const QkdSessionStatistics& s,
                  QkdSinglePhotonEstimate& single,
                  double& fraction) const;
    /** Stop: the authentication key ran out. */
    void Halt();

    Role m_role;                                              //!< role
    uint16_t m_port;                                          //!< TCP port
    Ipv4Address m_peer;                                       //!< peer address (Bob)
    double m_qberThreshold;                                   //!< abort threshold
    double m_sampleFraction;                                  //!< PE sample fraction
    bool m_finiteKey;                                         //!< finite-key option
    double m_epsSec;                                          //!< finite-key secrecy
    double m_ecEfficiency;                                    //!< f for the asymptotic rate report
    uint32_t m_socketBufferBytes;                             //!< socket buffer sizes
    Ptr<QkdQuantumLink> m_link;                               //!< quantum layer
    Ptr<Socket> m_listen;                                     //!< Alice's listening socket
    Ptr<Socket> m_socket;                                     //!< the connection
    bool m_connected;                                         //!< connection established
    std::deque<uint8_t> m_txQueue;                            //!< bytes waiting for the socket
    std::vector<uint8_t> m_rxBuffer;                          //!< received bytes not yet parsed
    std::map<uint32_t, Ptr<const QkdFrameView>> m_aliceViews; //!< Alice: views by frame
    std::map<uint32_t, std::vector<uint8_t>> m_pendingSift;   //!< Alice: SIFT before her view
    std::deque<Ptr<const QkdFrameView>> m_bobViews;           //!< Bob: views waiting
    bool m_busy;                                              //!< a frame is in progress
    bool m_halted;                            //!< stopped (authentication key exhausted)
    Frame m_frame;                            //!< current frame
    Ptr<QkdKeyPool> m_poolAliceToBob;         //!< authentication key, A -> B
    Ptr<QkdKeyPool> m_poolBobToAlice;         //!< authentication key, B -> A
    Ptr<WegmanCarterAuthenticator> m_authOut; //!< tags outgoing messages
    Ptr<WegmanCarterAuthenticator> m_authIn;  //!< verifies incoming messages
    Ptr<CascadeReconciliation> m_cascade;     //!< Bob's Cascade
    Ptr<CascadeParityResponder> m_responder;  //!< Alice's Cascade
    Ptr<QkdKeyVerifier> m_verifier;           //!< error verification
    Ptr<UniformRandomVariable> m_uniform;     //!< seeds
    QkdSessionStatistics m_stats;             //!< measurements
    TracedCallback<const QkdBitString&, uint64_t, uint32_t, uint32_t> m_secretKeyTrace; //!< keys
    TracedCallback<uint32_t, double> m_qberTrace;       //!< per-frame QBER
    TracedCallback<uint32_t, double> m_siftedTrace;     //!< per-frame sifted bits
    TracedCallback<uint32_t, double> m_secretBitsTrace; //!< per-frame secret bits
    TracedCallback<uint32_t, double> m_abortTrace;      //!< aborted frames (QBER)
    TracedCallback<> m_haltTrace;                       //!< authentication key exhausted
};

} // namespace ns3

#endif /* QKD_SESSION_H */
