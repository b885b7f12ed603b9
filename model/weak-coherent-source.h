/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEAK_COHERENT_SOURCE_H
#define WEAK_COHERENT_SOURCE_H

#include "quantum-signal.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief An attenuated, phase-randomised laser with decoy intensities, for
 * prepare-and-measure QKD (BB84 with decoy states: Hwang 2003; Lo, Ma and
 * Chen 2005; Ma, Qi, Zhao and Lo 2005).
 *
 * Each pulse picks intensity label l with probability p_l and is a
 * phase-randomised coherent state, i.e. a Poisson mixture of photon numbers
 * with mean mu_l (a POISSON MODE pulse); the label is ground truth carried by
 * the signal (QuantumSignal::GetIntensityLabel) and revealed by the sender
 * only in the classical post-processing.
 *
 * Intensities and probabilities are two lists of equal length given as
 * ns-3 AttributeContainerValue<DoubleValue> attributes, so they can be set
 * from a string "0.5,0.1,0" (CommandLine, Config::SetDefault) or from a
 * std::vector<double> (SetIntensities, SetProbabilities).  Label 0 is the
 * signal intensity by convention.  Each intensity must be finite and >= 0,
 * each probability in [0, 1] and the probabilities must sum to 1 (within
 * 1e-9); that the lists have equal length is checked when the source is
 * used, since the two attributes are set one after the other.
 */
class WeakCoherentSource : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for an emitted pulse.
     * @param signal the pulse (its intensity label is ground truth)
     */
    typedef void (*PulseTracedCallback)(Ptr<const QuantumSignal> signal);

    WeakCoherentSource();
    ~WeakCoherentSource() override;

    /**
     * Emit one pulse: draw the intensity label, build a POISSON MODE pulse.
     * @param basis encoded basis (0: Z, 1: X)
     * @param bit encoded bit
     * @return the pulse
     */
    Ptr<QuantumSignal> EmitPulse(uint8_t basis, uint8_t bit);

    /** @return the number of intensity levels */
    uint32_t GetNumIntensities() const;

    /**
     * @param label an intensity label
     * @return its mean photon number
     */
    double GetIntensity(uint32_t label) const;

    /**
     * @param label an intensity label
     * @return the probability that a pulse takes it
     */
    double GetIntensityProbability(uint32_t label) const;

    /** @param intensities mean photon numbers, one per label (each finite and >= 0) */
    void SetIntensities(const std::vector<double>& intensities);
    /** @return the intensities */
    std::vector<double> GetIntensities() const;
    /** @param probabilities the probability of each label (each in [0, 1], sum 1) */
    void SetProbabilities(const std::vector<double>& probabilities);
    /** @return the probabilities */
    std::vector<double> GetProbabilities() const;

    /** @return the number of pulses emitted so far (the next pulse index) */
    uint64_t GetPulseCount() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** Abort unless intensities and probabilities have equal, non-zero length. */
    void CheckConsistent() const;

    std::vector<double> m_intensities;                     //!< mean photon number per label
    std::vector<double> m_probabilities;                   //!< probability per label
    std::vector<double> m_cumulative;                      //!< cumulative probabilities
    double m_wavelengthNm;                                 //!< wavelength in nm
    uint64_t m_pulseIndex;                                 //!< next pulse index
    Ptr<UniformRandomVariable> m_uniform;                  //!< label draws
    TracedCallback<Ptr<const QuantumSignal>> m_pulseTrace; //!< emitted pulses
};

} // namespace ns3

#endif /* WEAK_COHERENT_SOURCE_H */
