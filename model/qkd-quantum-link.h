/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_QUANTUM_LINK_H
#define QKD_QUANTUM_LINK_H

#include "qkd-click-sampler.h"
#include "qkd-eavesdropper.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simple-ref-count.h"
#include "ns3/traced-callback.h"

#include <array>
#include <vector>

namespace ns3
{

class QuantumChannel;
class QuantumNetDevice;
class WeakCoherentSource;
class SinglePhotonSource;
class SpdcPairSource;
class PolarizationAnalyzer;

/**
 * @ingroup quantum
 * @brief QKD protocols of the quantum layer.
 */
enum class QkdProtocol : uint8_t
{
    BB84 = 0,  //!< prepare and measure (Bennett and Brassard 1984)
    BBM92 = 1, //!< entanglement based, Z and X (Bennett, Brassard and Mermin 1992)
    E91 = 2,   //!< entanglement based with the CHSH test (Ekert 1991)
};

/**
 * @ingroup quantum
 * @brief What one party recorded for one pulse (or one pump pulse).
 */
struct QkdDetectionRecord
{
    uint64_t pulse;  //!< pulse index
    uint8_t setting; //!< basis (BB84, BBM92: 0 Z, 1 X) or E91 setting index (0, 1, 2)
    uint8_t bit;     //!< prepared bit (sender) or measured bit (receiver, squashed)
    uint8_t label;   //!< intensity label (BB84 sender; 0 otherwise)
};

/**
 * @ingroup quantum
 * @brief One party's view of one frame of pulses: only what this party's
 * own hardware knows.
 *
 * BB84: the sender's view lists her choices for the pulses the receiver
 * detected (her choices for the other pulses are never needed by the
 * protocol and are not materialised; drawing them lazily is equivalent in
 * distribution) and her exact number of pulses per intensity; the
 * receiver's view lists his clicks.  BBM92/E91: each view lists that
 * party's own clicks.
 */
struct QkdFrameView : public SimpleRefCount<QkdFrameView>
{
    uint32_t frame{0};                       //!< frame index
    uint64_t firstPulse{0};                  //!< first pulse index of the frame
    uint64_t numPulses{0};                   //!< pulses in the frame
    std::vector<QkdDetectionRecord> records; //!< records, in pulse order
    std::vector<uint64_t> pulsesPerLabel;    //!< BB84 sender: pulses sent per intensity
};

/**
 * @ingroup quantum
 * @brief Ground-truth counters of a QkdQuantumLink, for analysis and tests.
 */
struct QkdLinkTruth
{
    uint64_t pulses{0};                       //!< pulses (pump pulses) sent
    uint64_t events{0};                       //!< gates with at least one click
    uint64_t doubleClicks{0};                 //!< receiver double clicks (squashed)
    std::vector<uint64_t> pulsesPerLabel;     //!< BB84: pulses per intensity
    std::vector<uint64_t> detectionsPerLabel; //!< BB84: receiver detections per intensity
    std::vector<uint64_t> siftedPerLabel;     //!< BB84: basis-matched detections per intensity
    std::vector<uint64_t> errorsPerLabel;     //!< BB84: errors among them
    uint64_t aliceClicks{0};                  //!< entanglement: gates where Alice clicked
    uint64_t bobClicks{0};                    //!< entanglement: gates where Bob clicked
    uint64_t coincidences{0};                 //!< entanglement: both clicked
    std::array<std::array<uint64_t, 3>, 3> coincidencesPerSetting{}; //!< [a][b] coincidences
    std::array<std::array<uint64_t, 3>, 3> equalPerSetting{};        //!< [a][b] equal bits
};

/**
 * @ingroup quantum
 * @brief The quantum layer of a QKD link: the sender's (or the pair
 * source's) pulses, the fibre, an optional eavesdropper and the receivers'
 * analyzers, turned into frames of detection records for the two parties.
 *
 * BB84: a WeakCoherentSource (intensities and probabilities: signal, weak
 * decoy, vacuum) or a SinglePhotonSource at Alice, a QuantumChannel from
 * Alice's to Bob's QuantumNetDevice (fibre attenuation, insertion loss, the
 * model chain, e.g. a PolarizationMisalignmentModel for e_d), and Bob's
 * PolarizationAnalyzer with two threshold detectors (efficiency, dark-count
 * probability per gate, dead time).  Alice and Bob choose the Z basis with
 * probability ZBasisProbability.  Double clicks get a random bit (squashing,
 * Beaufour et al.; Lütkenhaus 1999).
 *
 * BBM92/E91: an SpdcPairSource between two channels (source to Alice, source
 * to Bob) and two analyzers.  A single pair (n = 1) in the source's Bell
 * state gives, for measurement directions n_A, n_B in the X-Z plane of the
 * Bloch sphere and Pauli channel noise that scales the Bloch components by
 * s = (p_I + p_X - p_Y - p_Z, ., p_I - p_X - p_Y + p_Z) on each arm, the
 * correlation E = sum_i T_ii n_A,i s_A,i s_B,i n_B,i (T the Bell state's
 * correlation tensor, diag(1, -1, 1) for Phi+); the photon of each arm goes
 * to the port of its outcome.  Multi-pair emissions (n >= 2) carry
 * uncorrelated polarizations (the I/4 model of SpdcPairSource) and n photons
 * per arm, counted exactly by the threshold detectors.  BBM92 uses the
 * directions {Z, X} on both sides; E91 Alice {0, pi/4, pi/2} and Bob
 * {pi/4, pi/2, 3 pi/4} (Bloch angles from Z; polarizer angles 0, 22.5, 45
 * and 22.5, 45, 67.5 degrees), key from the equal directions.
 *
 * Two simulation paths (Mode):
 *  - FAST: QkdClickSampler draws only the gates with a click, with the exact
 *    per-pulse click probabilities from the closed form
 *    PolarizationAnalyzer::OutcomeProbabilities (dark counts, efficiencies,
 *    per intensity, per eavesdropper branch) and the detectors' dead times
 *    handled exactly (see QkdClickSampler); one event per frame.
 *  - EXACT (BB84 only): one event per pulse; the source emits a pulse, the
 *    eavesdropper taps it, the channel's transmittance and noise act on it
 *    and Bob's PolarizationAnalyzer analyses it with its real detectors.  It
 *    is the reference the fast path is tested against.
 *
 * Encoding (attribute Encoding) sets the per-basis error model at Bob's
 * (and, for BBM92/E91, at each party's) analyzer:
 *  - POLARIZATION: the channel chain's Pauli noise (p_I, p_X, p_Y, p_Z) acts
 *    on both bases: e_Z = p_X + p_Y, e_X = p_Z + p_Y (a
 *    PolarizationMisalignmentModel gives e_Z = e_X = e_d).
 *  - TIME_BIN: Z = arrival time (early/late), X = phase read by an
 *    unbalanced interferometer (Gisin et al., Rev. Mod. Phys. 74, 145
 *    (2002), Sec. IV).  The X basis sees the channel chain's Pauli noise as
 *    above, so the misalignment e_d of the chain is the interferometer's
 *    error e_X = (1 - V)/2 for visibility V (one source of truth); the Z
 *    basis does not see the chain's phase noise but a time-bin flip with
 *    probability TimeBinZError (e.g. timing jitter): e_Z = TimeBinZError.
 *    The loss model is unchanged (no passive-basis-choice loss is added).
 *
 * The channel's model chain must act on MODE pulses deterministically
 * (transmittance and Pauli composition), which all models of the module do:
 * its effect is read once from a probe pulse.  After-pulsing is not
 * supported (aborts).
 *
 * Frames of FramePulses pulses run back to back from Start; at the end of a
 * frame each party's view is delivered in its node's context after the
 * propagation delay to that party.
 */
class QkdQuantumLink : public Object
{
  public:
    /** Simulation paths. */
    enum Mode
    {
        FAST,  //!< geometric skipping, cost per click
        EXACT, //!< one event per pulse through the physical-layer objects
    };

    /** Encodings of the qubit (per-basis error model). */
    enum Encoding
    {
        POLARIZATION, //!< polarization: the chain's noise in both bases
        TIME_BIN,     //!< time bin: Z error TimeBinZError, X error from the chain
    };

    /** BB84 sources. */
    enum SourceType
    {
        WCP,           //!< weak coherent pulses with decoy states
        SINGLE_PHOTON, //!< a single-photon source
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /** Receiver of a party's frame views. */
    typedef Callback<void, Ptr<const QkdFrameView>> FrameCallback;

    /**
     * TracedCallback signature for generated frames.
     * @param frame frame index
     * @param pulses pulses in the frame
     * @param events gates with a click
     */
    typedef void (*FrameTracedCallback)(uint32_t frame, uint64_t pulses, uint64_t events);

    QkdQuantumLink();
    ~QkdQuantumLink() override;

    /**
     * BB84: the fibre from Alice to Bob.
     * @param alice Alice's device
     * @param bob Bob's device (attached to the same QuantumChannel)
     */
    void SetBb84Channel(Ptr<QuantumNetDevice> alice, Ptr<QuantumNetDevice> bob);

    /**
     * BBM92/E91: the fibres from the pair source to Alice and to Bob.
     * @param sourceA the source's device towards Alice
     * @param alice Alice's device
     * @param sourceB the source's device towards Bob
     * @param bob Bob's device
     */
    void SetPairChannels(Ptr<QuantumNetDevice> sourceA,
                         Ptr<QuantumNetDevice> alice,
                         Ptr<QuantumNetDevice> sourceB,
                         Ptr<QuantumNetDevice> bob);

    /** @param cb receives Alice's frame views (in Alice's node context) */
    void SetAliceCallback(FrameCallback cb);
    /** @param cb receives Bob's frame views (in Bob's node context) */
    void SetBobCallback(FrameCallback cb);

    /** @return the protocol */
    QkdProtocol GetProtocol() const;
    /** @return the BB84 source type */
    SourceType GetSourceType() const;
    /** @return the encoding */
    Encoding GetEncoding() const;
    /**
     * @param basis the measurement basis (0 Z, 1 X) of a party
     * @return the Pauli noise (p_I, p_X, p_Y, p_Z) a measurement in this
     *         basis sees at Bob (BB84: of the Alice-to-Bob channel) with the
     *         link's encoding; its error rate in that basis is p_X + p_Y
     *         (Z) or p_Z + p_Y (X)
     */
    std::array<double, 4> GetBobBasisNoise(uint8_t basis);
    /** @return the pulse rate in Hz */
    double GetPulseRateHz() const;
    /** @return the weak coherent source (created on first use) */
    Ptr<WeakCoherentSource> GetWeakCoherentSource();
    /** @return the single-photon source (created on first use) */
    Ptr<SinglePhotonSource> GetSinglePhotonSource();
    /** @return the pair source (created on first use) */
    Ptr<SpdcPairSource> GetPairSource();
    /** @return Bob's analyzer (created on first use) */
    Ptr<PolarizationAnalyzer> GetBobAnalyzer();
    /** @return Alice's analyzer (entanglement; created on first use) */
    Ptr<PolarizationAnalyzer> GetAliceAnalyzer();
    /** @param eve an eavesdropper (BB84), or nullptr */
    void SetEavesdropper(Ptr<QkdEavesdropper> eve);
    /** @return Alice's node */
    Ptr<Node> GetAliceNode() const;
    /** @return Bob's node */
    Ptr<Node> GetBobNode() const;

    /**
     * @return the number of intensity labels Alice uses (BB84 WCP: the
     *         source's; otherwise 1)
     */
    uint32_t GetNumLabels();
    /**
     * @param label an intensity label
     * @return its mean photon number (WCP), or the mean photon number of the
     *         single-photon source, or the mean pair number
     */
    double GetIntensity(uint32_t label);

    /**
     * @return the total transmittance to Bob's analyzer (BB84: the channel;
     *         entanglement: the source-to-Bob channel)
     */
    double GetBobChannelTransmittance();
    /** @return the total transmittance of the source-to-Alice channel (entanglement) */
    double GetAliceChannelTransmittance();

    /**
     * Start generating frames.
     * @param delay start after this delay
     */
    void Start(Time delay);
    /** Stop after the current frame. */
    void Stop();
    /** @return true once TotalPulses pulses have been sent (or Stop was called) */
    bool IsFinished() const;

    /**
     * Generate one frame now (FAST: at once; EXACT: aborts, use Start).
     * Exposed for tests and benchmarks.
     * @param numPulses pulses
     * @param alice Alice's view (filled)
     * @param bob Bob's view (filled)
     */
    void GenerateFrame(uint64_t numPulses, QkdFrameView& alice, QkdFrameView& bob);

    /** @return the ground-truth counters */
    const QkdLinkTruth& GetTruth() const;

    /** @return the click sampler (FAST mode) */
    Ptr<QkdClickSampler> GetSampler() const;

    /**
     * Ground truth for analysis: E91 setting directions.
     * @param alice true for Alice's settings
     * @param setting 0, 1, 2 (BBM92: 0, 1)
     * @return the Bloch angle from the Z axis in the X-Z plane
     */
    double GetSettingAngle(bool alice, uint32_t setting) const;

    /**
     * @param a Alice's setting
     * @param b Bob's setting
     * @return true if the pair of settings makes key (equal directions)
     */
    bool IsKeySettingPair(uint32_t a, uint32_t b) const;

    /** @return the number of measurement settings per party (2 or 3) */
    uint32_t GetNumSettings() const;

    /**
     * The per-frame sampler setup, done at Start; exposed for tests.
     */
    void Prepare();

    /**
     * @param stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** Class meta data of the sampler's classes. */
    struct ClassInfo
    {
        uint8_t aSetting; //!< Alice's basis / setting
        uint8_t aBit;     //!< Alice's bit (BB84)
        uint8_t bSetting; //!< Bob's basis / setting
        uint8_t label;    //!< intensity label
    };

    /**
     * Attribute setter.
     * @param value a QkdProtocol
     */
    void SetProtocolValue(int value);
    /**
     * Attribute getter.
     * @return the QkdProtocol
     */
    int GetProtocolValue() const;
    /** Run one frame (scheduled). */
    void RunFrame();
    /** EXACT: one pulse. */
    void ExactPulse();
    /** EXACT: the frame is complete. */
    void FinishExactFrame();
    /**
     * Deliver the views of a frame.
     * @param alice Alice's view
     * @param bob Bob's view
     */
    void Deliver(Ptr<QkdFrameView> alice, Ptr<QkdFrameView> bob);
    /** Build the BB84 classes. */
    void PrepareBb84();
    /** Build the entanglement classes. */
    void PreparePairs();
    /**
     * @param from sending device
     * @param to receiving device
     * @param noise set to the Pauli noise of the channel's model chain
     * @return the transmittance
     */
    double ChannelEffect(Ptr<QuantumNetDevice> from,
                         Ptr<QuantumNetDevice> to,
                         std::array<double, 4>& noise) const;
    /**
     * @param analyzer an analyzer
     * @param k detector index
     * @param efficiency set to its efficiency
     * @param dark set to its dark-count probability per gate
     */
    void DetectorParameters(Ptr<PolarizationAnalyzer> analyzer,
                            uint32_t k,
                            double& efficiency,
                            double& dark);
    /**
     * @param pulse the pulse state at Alice
     * @param bobBasis Bob's basis
     * @return the arm outcome probabilities at Bob, averaged over the eavesdropper's branches
     */
    std::array<double, 4> Bb84Outcome(const QkdPulseState& pulse, uint8_t bobBasis);
    /**
     * @param channelNoise the channel chain's Pauli noise
     * @param basis the measurement basis (0 Z, 1 X)
     * @return the Pauli noise seen in that basis with the link's encoding
     */
    std::array<double, 4> BasisNoise(const std::array<double, 4>& channelNoise,
                                     uint8_t basis) const;
    /**
     * @param pattern the two detectors of an arm (bits 0, 1)
     * @return the squashed bit
     */
    uint8_t Squash(uint32_t pattern);
    /**
     * Sample the intensity labels of the silent gates of the last frame.
     * @return the intensity label of each silent gate
     */
    std::vector<uint64_t> SilentLabels();

    QkdProtocol m_protocol;                    //!< protocol
    SourceType m_sourceType;                   //!< BB84 source
    Mode m_mode;                               //!< simulation path
    Encoding m_encoding;                       //!< qubit encoding
    double m_timeBinZError;                    //!< TIME_BIN: Z-basis (arrival-time) error
    double m_pulseRateHz;                      //!< pulse rate
    uint64_t m_framePulses;                    //!< pulses per frame
    uint64_t m_totalPulses;                    //!< pulses to send (0: until Stop)
    double m_zProbability;                     //!< BB84/BBM92 Z-basis probability
    Ptr<WeakCoherentSource> m_wcp;             //!< WCP source
    Ptr<SinglePhotonSource> m_sps;             //!< single-photon source
    Ptr<SpdcPairSource> m_spdc;                //!< pair source
    Ptr<PolarizationAnalyzer> m_bobAnalyzer;   //!< Bob's analyzer
    Ptr<PolarizationAnalyzer> m_aliceAnalyzer; //!< Alice's analyzer
    Ptr<QkdEavesdropper> m_eve;                //!< eavesdropper (BB84)
    Ptr<QuantumNetDevice> m_aliceDevice;       //!< BB84: sender; pairs: Alice's receiver
    Ptr<QuantumNetDevice> m_bobDevice;         //!< receiver
    Ptr<QuantumNetDevice> m_sourceToAlice;     //!< pairs: source port to Alice
    Ptr<QuantumNetDevice> m_sourceToBob;       //!< pairs: source port to Bob
    FrameCallback m_aliceCallback;             //!< Alice's receiver
    FrameCallback m_bobCallback;               //!< Bob's receiver
    Ptr<QkdClickSampler> m_sampler;            //!< FAST sampler
    std::vector<ClassInfo> m_classes;          //!< per sampler class
    Ptr<UniformRandomVariable> m_uniform;      //!< choices, squashing, silent labels
    bool m_prepared;                           //!< tables built
    bool m_stopped;                            //!< Stop called
    uint32_t m_frame;                          //!< next frame index
    uint64_t m_pulse;                          //!< next pulse index
    Time m_start;                              //!< time of pulse 0
    EventId m_event;                           //!< next frame / pulse
    QkdLinkTruth m_truth;                      //!< ground truth
    // EXACT path state
    Ptr<QkdFrameView> m_exactAlice;   //!< frame under construction (Alice)
    Ptr<QkdFrameView> m_exactBob;     //!< frame under construction (Bob)
    uint64_t m_exactEnd;              //!< one past the frame's last pulse
    double m_bobT;                    //!< cached channel transmittance to Bob
    std::array<double, 4> m_bobNoise; //!< cached channel noise to Bob
    TracedCallback<uint32_t, uint64_t, uint64_t> m_frameTrace; //!< frames
};

} // namespace ns3

#endif /* QKD_QUANTUM_LINK_H */
