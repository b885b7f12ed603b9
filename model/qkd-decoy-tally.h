/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_DECOY_TALLY_H
#define QKD_DECOY_TALLY_H

#include "qkd-quantum-link.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Per-intensity tallies of a decoy-state BB84 run, from the two
 * parties' frame views: pulses sent, detections, basis-matched (sifted)
 * detections and errors among them, for each intensity label; and the gains
 * Q_l and QBERs E_l that decoy-state analysis takes (Lo, Ma, Chen, PRL 94,
 * 230504 (2005); Ma et al., PRA 72, 012326 (2005)).
 *
 * Analysis only: the tally compares the sender's prepared bits with the
 * receiver's measured bits, which no protocol party sees together.
 */
class QkdDecoyTally
{
  public:
    /** @param numLabels intensity labels (3: signal, weak decoy, vacuum); at least 1 */
    explicit QkdDecoyTally(uint32_t numLabels = 3);

    /**
     * Add one frame.
     * @param sender the sender's view (records with intensity labels,
     *        pulsesPerLabel)
     * @param receiver the receiver's view of the same frame (the same
     *        detections, in pulse order)
     */
    void Add(const QkdFrameView& sender, const QkdFrameView& receiver);

    /**
     * Generate frames on a BB84 link until `pulses` pulses are sent, at most
     * `framePulses` per frame (which bounds the memory of one frame's
     * records), and add them.
     * @param link the link
     * @param pulses pulses to send
     * @param framePulses pulses per frame (> 0)
     */
    void AddFrames(Ptr<QkdQuantumLink> link, uint64_t pulses, uint64_t framePulses);

    /** @return the number of intensity labels */
    uint32_t GetNumLabels() const;
    /** @param label an intensity label @return pulses sent with it */
    uint64_t GetPulses(uint32_t label) const;
    /** @param label an intensity label @return its detections */
    uint64_t GetDetections(uint32_t label) const;
    /** @param label an intensity label @return its basis-matched detections */
    uint64_t GetSifted(uint32_t label) const;
    /** @param label an intensity label @return errors among its sifted detections */
    uint64_t GetErrors(uint32_t label) const;
    /** @param label an intensity label @return gain Q_l = detections / pulses (0 without pulses) */
    double GetGain(uint32_t label) const;
    /**
     * @param label an intensity label
     * @return QBER E_l = errors / sifted detections (0.5 without sifted detections)
     */
    double GetQber(uint32_t label) const;

  private:
    /**
     * @param what the calling method
     * @param label a label; aborts unless below GetNumLabels()
     */
    void CheckLabel(const char* what, uint32_t label) const;

    std::vector<uint64_t> m_pulses;     //!< pulses per label
    std::vector<uint64_t> m_detections; //!< detections per label
    std::vector<uint64_t> m_sifted;     //!< sifted detections per label
    std::vector<uint64_t> m_errors;     //!< errors per label
};

} // namespace ns3

#endif /* QKD_DECOY_TALLY_H */
