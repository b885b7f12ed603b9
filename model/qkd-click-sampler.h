/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_CLICK_SAMPLER_H
#define QKD_CLICK_SAMPLER_H

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief One detection event drawn by a QkdClickSampler.
 */
struct QkdClickEvent
{
    uint64_t gate;    //!< absolute gate (pulse) index
    uint32_t cls;     //!< the pulse class (what was sent, ground truth)
    uint32_t pattern; //!< bit k set: detector k clicked
};

/**
 * @ingroup quantum
 * @brief Exact geometric-skipping sampler of the detection gates of a QKD
 * receiver in which at least one detector clicks: cost per click, not per
 * pulse.
 *
 * Model.  The detectors are grouped in arms of two (the two outputs of one
 * PolarizationAnalyzer: detector 2a and 2a + 1 belong to arm a).  Every gate
 * independently carries a pulse of class c with probability pi_c (the
 * sender's choices, the intensity, the photon number, an eavesdropper's
 * branch...); given the class, the arms are independent and arm a shows
 * (none, only 0, only 1, both) with probabilities A_{c,a}, given by the
 * closed form PolarizationAnalyzer::OutcomeProbabilities (dark counts
 * included).  A detector that clicked is blind for DeadTimeGates gates
 * (each detector on its own, as SinglePhotonDetector: a gate k is blind if
 * k - k_click < DeadTime x pulse rate).
 *
 * Sampling.  While the set S of live detectors is constant the gates are
 * i.i.d. and a gate shows a click on S with probability
 * p_S = sum_c pi_c (1 - P(no click on S | c)); the number of gates to the
 * next click is geometric, K = floor(ln U / ln(1 - p_S)).  When the skip
 * would pass the end of a dead time the sampler moves to that gate (no click
 * before it: by memorylessness this is exact) and resumes with the new live
 * set.  At a click the class and the click pattern are drawn jointly from
 * pi_c P(pattern | c, S) / p_S, with the dead detectors' outcomes summed
 * out.  No approximation is made: the events have exactly the distribution
 * of the per-gate process (tested against the per-pulse simulation of the
 * physical-layer objects).  After-pulsing is not part of this model.
 *
 * The gates without a click are counted per live set (GetSilentGates), so
 * that the classes of the silent gates can be drawn afterwards from
 * pi_c P(no click on S | c) / (1 - p_S) if needed.
 */
class QkdClickSampler : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdClickSampler();
    ~QkdClickSampler() override;

    /**
     * Forget all classes and set the number of arms.
     * @param numArms 1 to 4 (2 detectors each)
     */
    void Reset(uint32_t numArms);

    /**
     * Add a pulse class.
     * @param probability pi_c (>= 0; the sum over classes must be 1 within 1e-9)
     * @param arms per arm, the probabilities of (none, only 0, only 1, both)
     * @return the class index
     */
    uint32_t AddClass(double probability, const std::vector<std::array<double, 4>>& arms);

    /**
     * @param gates gates a detector stays blind after its click (0: none)
     */
    void SetDeadTimeGates(uint64_t gates);

    /** Build the tables; call after the last AddClass. */
    void Prepare();

    /**
     * Draw the click events of the next numGates gates (the gate counter and
     * the detectors' dead times carry over from call to call).
     * @param numGates number of gates
     * @param events the events are appended here
     */
    void Sample(uint64_t numGates, std::vector<QkdClickEvent>& events);

    /**
     * @param liveMask bit k set: detector k is live
     * @return p_S, the probability that a gate shows a click on S
     */
    double GetClickProbability(uint32_t liveMask) const;

    /**
     * @param liveMask live detectors
     * @param cls a class
     * @return P(no click on the live detectors | class)
     */
    double GetSilentProbability(uint32_t liveMask, uint32_t cls) const;

    /** @return the number of gates sampled so far */
    uint64_t GetGateCount() const;

    /**
     * @return per live set, the number of gates without a click since the
     *         last ClearSilentGates (index: live mask)
     */
    const std::vector<uint64_t>& GetSilentGates() const;

    /** Set the silent-gate counters to zero. */
    void ClearSilentGates();

    /** @return the number of classes */
    uint32_t GetNumClasses() const;

    /** @return the class probabilities */
    const std::vector<double>& GetClassProbabilities() const;

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** The table of one live set. */
    struct Table
    {
        double clickProbability{0};         //!< p_S
        double logSilent{0};                //!< ln(1 - p_S)
        std::vector<double> cumulative;     //!< cumulative pi_c P(pattern | c, S) / p_S
        std::vector<uint32_t> cls;          //!< class of each entry
        std::vector<uint32_t> pattern;      //!< pattern of each entry
        std::vector<double> aliasThreshold; //!< Walker alias table: keep entry i below this
        std::vector<uint32_t> alias;        //!< Walker alias table: else take this entry
    };

    /**
     * Seed the per-click generator (xoshiro256**, Blackman and Vigna 2018)
     * from two draws of m_uniform, expanded by SplitMix64; called at the
     * start of every Sample, so that the stream assigned by AssignStreams
     * determines every draw.
     */
    void SeedFast();

    /**
     * @return the next 64 random bits of the per-click generator
     */
    uint64_t NextFast();

    /**
     * @param liveMask live detectors
     * @param cls class
     * @param pattern clicked detectors (a subset of liveMask)
     * @return P(exactly these live detectors click | class)
     */
    double PatternProbability(uint32_t liveMask, uint32_t cls, uint32_t pattern) const;

    uint32_t m_numArms;                                     //!< arms
    uint32_t m_numDetectors;                                //!< 2 x arms
    std::vector<double> m_prob;                             //!< pi_c
    std::vector<std::vector<std::array<double, 4>>> m_arms; //!< A_{c,a}
    std::vector<Table> m_tables;                            //!< per live mask
    uint64_t m_deadGates;                                   //!< dead time in gates
    uint64_t m_gate;                                        //!< next gate
    std::vector<uint64_t> m_liveFrom;                       //!< first live gate per detector
    std::vector<uint64_t> m_silent;                         //!< silent gates per live mask
    bool m_prepared;                                        //!< tables are current
    Ptr<UniformRandomVariable> m_uniform;                   //!< draws (seeds m_fast)
    uint64_t m_fast[4];                                     //!< xoshiro256** state
};

} // namespace ns3

#endif /* QKD_CLICK_SAMPLER_H */
