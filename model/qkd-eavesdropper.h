/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_EAVESDROPPER_H
#define QKD_EAVESDROPPER_H

#include "quantum-signal.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The description of one prepare-and-measure pulse between the
 * sender's output and the receiver's analyzer: photon-number statistics,
 * encoded state, accumulated Pauli noise, and whether the fibre loss still
 * applies.
 *
 * QuantumSignal has no setters for its statistics and encoded state (a
 * sender fixes them); an eavesdropper that re-prepares a pulse changes this
 * description instead, and QkdQuantumLink builds the QuantumSignal the
 * receiver analyses from it (ToSignal).  Ground truth: never shown to a
 * protocol.
 */
struct QkdPulseState
{
    QuantumSignal::Statistics statistics{QuantumSignal::POISSON}; //!< photon-number statistics
    double mean{0};                            //!< mean photon number (n for FOCK)
    uint8_t basis{0};                          //!< encoded basis (0: Z, 1: X)
    uint8_t bit{0};                            //!< encoded bit
    uint32_t label{0};                         //!< intensity label (decoy states)
    double transmittance{1};                   //!< transmittance applied by a tap
    std::array<double, 4> pauli{{1, 0, 0, 0}}; //!< Pauli noise (I, X, Y, Z)
    bool bypassChannel{false}; //!< the pulse does not suffer the fibre's loss (a tap replaced it)

    /**
     * Build the MODE signal with this description, after a channel of
     * transmittance channelTransmittance (ignored if bypassChannel) and Pauli
     * noise channelNoise.
     * @param channelTransmittance the channel's total transmittance
     * @param channelNoise the channel chain's Pauli noise (I, X, Y, Z)
     * @return the signal as it reaches the receiver's analyzer
     */
    Ptr<QuantumSignal> ToSignal(double channelTransmittance,
                                const std::array<double, 4>& channelNoise) const;
};

/**
 * @ingroup quantum
 * @brief One possible effect of a tap on a pulse, with its probability.
 */
struct QkdTapBranch
{
    double probability;  //!< probability of this branch
    QkdPulseState pulse; //!< the pulse that continues towards the receiver
};

/**
 * @ingroup quantum
 * @brief An eavesdropper tapping a prepare-and-measure QKD channel at the
 * sender's output.
 *
 * Its action on a pulse is a finite mixture of branches (GetBranches), each
 * a re-prepared pulse with a probability.  The exact per-pulse path samples
 * one branch per pulse (Tap); the click sampler of QkdQuantumLink weighs
 * the receiver's exact click probabilities with the branch probabilities, so
 * both paths see the same physics.  What Eve learns is ground truth and is
 * only traced (Tapped).
 */
class QkdEavesdropper : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for a tapped pulse (ground truth).
     * @param label the pulse's intensity label
     * @param branch the index of the branch that happened
     */
    typedef void (*TappedTracedCallback)(uint32_t label, uint32_t branch);

    QkdEavesdropper();
    ~QkdEavesdropper() override;

    /**
     * @param in the pulse leaving the sender
     * @return the mixture of pulses that continue (probabilities sum to 1)
     */
    virtual std::vector<QkdTapBranch> GetBranches(const QkdPulseState& in) const = 0;

    /**
     * Apply the tap to one pulse: draw a branch.
     * @param in the pulse leaving the sender
     * @return the pulse that continues
     */
    QkdPulseState Tap(const QkdPulseState& in);

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    Ptr<UniformRandomVariable> m_uniform;             //!< branch draws
    TracedCallback<uint32_t, uint32_t> m_tappedTrace; //!< tapped pulses
};

} // namespace ns3

#endif /* QKD_EAVESDROPPER_H */
