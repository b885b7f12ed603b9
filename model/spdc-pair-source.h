/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SPDC_PAIR_SOURCE_H
#define SPDC_PAIR_SOURCE_H

#include "bell-state.h"
#include "quantum-signal.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief What one pump pulse of an SpdcPairSource produced.
 *
 * The pair number is ground truth (a real source does not announce it);
 * protocols see only the photons.
 */
struct SpdcEmission
{
    uint32_t pairs{0};          //!< number of pairs n (ground truth)
    Ptr<QuantumSignal> photonA; //!< arm A: QUBIT photon (n >= 1), else nullptr
    Ptr<QuantumSignal> photonB; //!< arm B: QUBIT photon (n >= 1), else nullptr
    Ptr<QuantumSignal> modeA;   //!< arm A: FOCK n MODE description (n >= 1), else nullptr
    Ptr<QuantumSignal> modeB;   //!< arm B: FOCK n MODE description (n >= 1), else nullptr
};

/**
 * @ingroup quantum
 * @brief A pulsed source of polarization-entangled photon pairs by
 * spontaneous parametric down-conversion (single-mode model).
 *
 * The pair number of one pump pulse is thermal (Bose-Einstein),
 *
 *   P(n) = mu^n / (1 + mu)^(n+1),  mean mu = MeanPairNumber,
 *
 * the statistics of a single-mode two-mode-squeezed vacuum
 * sqrt(1 - l^2) sum_n l^n |n, n> with mu = l^2 / (1 - l^2) (Kok and Lovett,
 * Introduction to Optical Quantum Information Processing, 2010, on parametric
 * down-conversion), and each arm alone is thermal with mean mu.  (A
 * polarization-entangled source built from two such processes has the
 * two-mode distribution (n + 1) l^n / (1 + l)^(n+2) used by Ma, Fung and Lo,
 * Phys. Rev. A 76, 012307, 2007; this class implements the single-mode
 * model.)  Emit():
 *
 *  - n = 0: no photons;
 *  - n = 1: two QUBIT photons sharing the Bell state BellState, created in the
 *    state engine;
 *  - n >= 2: two QUBIT photons in the maximally mixed two-qubit state I/4.
 *    This is the threshold-detector approximation of multi-pair emission: with
 *    non-resolving detectors and low efficiencies a coincidence from an
 *    n-pair emission is, with probability about (n - 1)/n, an accidental
 *    coincidence between photons of different pairs, whose polarizations are
 *    uncorrelated (error rate 1/2, like the background counts of Ma, Fung and
 *    Lo 2007); replacing the whole n-pair polarization state by I/4 is the
 *    worst-case (conservative) version of this and keeps one qubit per arm.
 *    Its fidelity with any Bell state is 1/4.  In the StateVector and
 *    Stabilizer formalisms, which cannot hold mixed states, a Bell state
 *    drawn uniformly at random is created instead (the uniform mixture of the
 *    four Bell states is I/4, so this is exact in distribution).
 *
 * For every n >= 1 the emission also carries the photon-number description
 * of the two arms for that pulse, modeA and modeB: FOCK MODE pulses of n
 * photons with unpolarized marginals (fully depolarizing Pauli noise).  A
 * QUBIT photon is one photon, so a detector that sees photonA clicks with
 * probability eta, while an n-pair arm clicks with 1 - (1 - eta)^n: analytic
 * users and detectors that must count multi-pair clicks exactly use the
 * modes.  CreateArmMode() gives the unconditional arm (THERMAL, mean mu).
 *
 * Each pump pulse advances a pulse counter (SetTimeBin) and stamps the
 * emission time (Simulator::Now()) and the wavelengths.
 */
class SpdcPairSource : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for a pump pulse (ground truth).
     * @param pulseIndex the pulse index
     * @param pairs the number of pairs emitted
     */
    typedef void (*PairEmissionTracedCallback)(uint64_t pulseIndex, uint32_t pairs);

    /** Value of the Formalism attribute meaning "the registry's default". */
    static constexpr int FORMALISM_DEFAULT = 255;

    SpdcPairSource();
    ~SpdcPairSource() override;

    /**
     * One pump pulse.
     * @return the pairs and photons it produced
     */
    SpdcEmission Emit();

    /**
     * @param n a pair number
     * @return P(n) = mu^n / (1 + mu)^(n+1)
     */
    double GetPairNumberProbability(uint32_t n) const;

    /**
     * @return the unconditional photon-number description of one arm: a
     *         THERMAL MODE pulse of mean mu, unpolarized (for analytic users;
     *         not stamped, no pulse counted)
     */
    Ptr<QuantumSignal> CreateArmMode() const;

    /** @param mu the mean pair number per pulse (finite, >= 0) */
    void SetMeanPairNumber(double mu);
    /** @return the mean pair number per pulse */
    double GetMeanPairNumber() const;

    /** @return the number of pump pulses so far (the next pulse index) */
    uint64_t GetPulseCount() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * Attribute setter.
     * @param value a BellState label
     */
    void SetBellStateValue(int value);
    /**
     * Attribute getter.
     * @return the BellState label
     */
    int GetBellStateValue() const;

    /** @return the registry photons are created in */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /**
     * Stamp a signal of arm A or B.
     * @param signal the signal
     * @param armB true for arm B
     * @param pulseIndex the pulse index
     */
    void Stamp(Ptr<QuantumSignal> signal, bool armB, uint64_t pulseIndex) const;

    double m_mu;                                    //!< mean pair number
    BellState m_bellState;                          //!< state of a single pair
    int m_formalism;                                //!< QuantumFormalism, or FORMALISM_DEFAULT
    QuantumSignal::Encoding m_encoding;             //!< photonic encoding
    double m_wavelengthNm;                          //!< arm A wavelength, nm
    double m_idlerWavelengthNm;                     //!< arm B wavelength, nm (0: as arm A)
    uint64_t m_pulseIndex;                          //!< next pulse index
    Ptr<QuantumStateRegistry> m_registry;           //!< state engine (default if unset)
    Ptr<UniformRandomVariable> m_uniform;           //!< pair-number and mixture draws
    TracedCallback<uint64_t, uint32_t> m_pairTrace; //!< pump pulses
};

} // namespace ns3

#endif /* SPDC_PAIR_SOURCE_H */
