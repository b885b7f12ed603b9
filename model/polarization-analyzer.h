/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef POLARIZATION_ANALYZER_H
#define POLARIZATION_ANALYZER_H

#include "measurement-basis.h"
#include "quantum-signal.h"
#include "single-photon-detector.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <array>

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief What a PolarizationAnalyzer reports for one gate: the reports of its
 * two detectors.  Double clicks are possible; what to do with them
 * (squashing: assign a random bit) is the caller's decision.
 */
struct AnalyzerResult
{
    DetectionResult detector0; //!< detector of outcome 0 of the basis
    DetectionResult detector1; //!< detector of outcome 1 of the basis

    /** @return true if only detector 0 clicked */
    bool OnlyZero() const
    {
        return detector0.clicked && !detector1.clicked;
    }

    /** @return true if only detector 1 clicked */
    bool OnlyOne() const
    {
        return detector1.clicked && !detector0.clicked;
    }

    /** @return true if both detectors clicked */
    bool DoubleClick() const
    {
        return detector0.clicked && detector1.clicked;
    }

    /** @return true if no detector clicked */
    bool NoClick() const
    {
        return !detector0.clicked && !detector1.clicked;
    }
};

/**
 * @ingroup quantum
 * @brief A projective polarization (or time-bin) analyzer: a polarizing beam
 * splitter, or a wave plate and a PBS, in a chosen basis, followed by two
 * SinglePhotonDetectors, one per outcome.
 *
 * This is the receiver of prepare-and-measure QKD (BB84 with active basis
 * choice: pass the basis per call) and of entanglement-based QKD, and the
 * building block of heralding stations.
 *
 *  - A QUBIT photon that was not lost is measured in the basis through the
 *    state engine (destructively, so an entangled partner collapses exactly by
 *    the Born rule) and goes to detector k for outcome k; the other detector
 *    sees an empty gate.  An erased photon leaves both gates empty.  Measuring
 *    before the detector's efficiency acts is an exact unravelling: if the
 *    photon then goes undetected, the partner holds one of the post-measurement
 *    states with the Born probabilities, whose mixture is the partial trace.
 *  - A MODE pulse (Fock, Poisson or thermal, encoded basis b and bit x, Pauli
 *    noise (p_I, p_X, p_Y, p_Z) accumulated on the way) is analysed exactly:
 *    the arriving photon number N is drawn from its statistics thinned by its
 *    transmittance; one Pauli P is drawn for the pulse (the noise acts on the
 *    polarization mode, identically on all its photons, which keeps a coherent
 *    pulse coherent); each photon then goes to port 0 with probability
 *    q0 = (1 + n . r_P) / 2, r_P the Bloch vector of the encoded state after P
 *    and n that of outcome 0 of the basis, and the detectors thin their share
 *    by their efficiencies.  In the encoded basis a photon is therefore routed
 *    to the wrong port with QuantumSignal::GetFlipProbability(b); in a
 *    conjugate basis with probability 1/2.  With threshold detectors and no
 *    dark counts this gives exactly the error model of the decoy-state
 *    literature, E_mu Q_mu = e_d (1 - exp(-eta mu)) (Ma, Qi, Zhao and Lo,
 *    Phys. Rev. A 72, 012326, 2005, section II).
 *  - Both detectors add their dark counts, dead time and after-pulses.
 *
 * The analyzer uses its own random stream for the routing and the detectors'
 * streams for detection (AssignStreams).
 */
class PolarizationAnalyzer : public Object
{
  public:
    /** Named bases for the Basis attribute. */
    enum BasisName
    {
        BASIS_Z, //!< H/V (time-bin early/late)
        BASIS_X, //!< D/A (time-bin phase)
        BASIS_Y, //!< R/L
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PolarizationAnalyzer();
    ~PolarizationAnalyzer() override;

    /**
     * Analyse an arriving signal in the configured basis, now.
     * @param signal the signal (a QUBIT photon's qubit is consumed)
     * @return the two detectors' reports
     */
    AnalyzerResult Analyze(Ptr<const QuantumSignal> signal);

    /**
     * Analyse an arriving signal in the given basis (active basis choice).
     * @param signal the signal (a QUBIT photon's qubit is consumed)
     * @param basis the measurement basis; outcome k goes to detector k
     * @return the two detectors' reports
     */
    AnalyzerResult Analyze(Ptr<const QuantumSignal> signal, const MeasurementBasis& basis);

    /** @return the reports of an empty gate (dark counts and after-pulses only) */
    AnalyzerResult AnalyzeDarkOnly();

    /**
     * Exact probabilities of the four outcomes for a MODE pulse with
     * threshold detectors, without dead time and after-pulses:
     * (no click, only detector 0, only detector 1, both).  With a_k = T eta_k q_k
     * and P(no photon detected at a set S) = G(1 - sum_{k in S} a_k) for each
     * Pauli branch (q_k as in the class description),
     * P(no click at 0) = (1 - d0) G(1 - a0), P(none) = (1 - d0)(1 - d1) G(1 - a0 - a1),
     * averaged over the Pauli branches.
     * @param signal a MODE signal
     * @param basis the measurement basis
     * @param efficiency0 efficiency of detector 0
     * @param efficiency1 efficiency of detector 1
     * @param pDark0 dark-count probability of detector 0
     * @param pDark1 dark-count probability of detector 1
     * @return {P(no click), P(only 0), P(only 1), P(both)}
     */
    static std::array<double, 4> OutcomeProbabilities(Ptr<const QuantumSignal> signal,
                                                      const MeasurementBasis& basis,
                                                      double efficiency0,
                                                      double efficiency1,
                                                      double pDark0,
                                                      double pDark1);

    /**
     * Probability that one photon of a MODE pulse whose noise realised the
     * Pauli p goes to port 0 of the basis.
     * @param encodedBasis encoded basis (0: Z, 1: X)
     * @param bit encoded bit
     * @param pauli Pauli index (0 I, 1 X, 2 Y, 3 Z)
     * @param basis the measurement basis
     * @return q0
     */
    static double PortZeroProbability(uint8_t encodedBasis,
                                      uint8_t bit,
                                      uint32_t pauli,
                                      const MeasurementBasis& basis);

    /** @param basis the basis used by Analyze(signal) */
    void SetBasis(const MeasurementBasis& basis);
    /** @return the basis used by Analyze(signal) */
    MeasurementBasis GetBasis() const;

    /**
     * @param k 0 or 1
     * @return detector k (created with default attributes if none was set)
     */
    Ptr<SinglePhotonDetector> GetDetector(uint32_t k);

    /**
     * @param k 0 or 1
     * @param detector the detector behind port k
     */
    void SetDetector(uint32_t k, Ptr<SinglePhotonDetector> detector);

    /**
     * Assign the analyzer's stream and its two detectors' streams; call it
     * after replacing a detector (Detector0/1, SetDetector).
     * @param stream first stream index to use
     * @return the number of streams used (1 plus the detectors': 5)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * Attribute setter.
     * @param name a BasisName
     */
    void SetBasisName(int name);
    /**
     * Attribute getter.
     * @return the BasisName of the basis (BASIS_Z for a general basis)
     */
    int GetBasisName() const;

    /** @return the registry QUBIT photons live in */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /** Create default detectors where none was set. */
    void EnsureDetectors();

    MeasurementBasis m_basis;              //!< current basis
    Ptr<SinglePhotonDetector> m_detector0; //!< detector of outcome 0
    Ptr<SinglePhotonDetector> m_detector1; //!< detector of outcome 1
    Ptr<QuantumStateRegistry> m_registry;  //!< state engine (default if unset)
    Ptr<UniformRandomVariable> m_uniform;  //!< Pauli branch and routing draws
};

} // namespace ns3

#endif /* POLARIZATION_ANALYZER_H */
