/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HERALDED_ENTANGLEMENT_MODEL_H
#define HERALDED_ENTANGLEMENT_MODEL_H

#include "bell-state.h"
#include "quantum-linalg.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * The heralded entanglement-generation protocols.
 */
enum class HeraldingProtocol : uint8_t
{
    SINGLE_CLICK = 0, //!< one photon-number (occupation) qubit per node, one click heralds
    BARRETT_KOK = 1,  //!< double click: two rounds with a pi pulse in between
};

/**
 * @ingroup quantum
 * @param p a protocol
 * @return "single-click" or "double-click"
 */
std::string HeraldingProtocolName(HeraldingProtocol p);

/**
 * @ingroup quantum
 * One herald outcome of an attempt: a click pattern with its probability and
 * the conditional two-spin state it leaves behind.
 */
struct HeraldedOutcome
{
    uint8_t clickPattern = 0; //!< bit 2r + j: detector j (0 = c, 1 = d) clicked in round r
    bool success = false;     //!< the pattern heralds entanglement
    BellState bellState = BellState::PSI_PLUS; //!< the heralded Bell state (success only)
    double probability = 0.0;                  //!< per-attempt probability of the pattern
    QMatrix state;         //!< normalised spin-spin state (qubit A first), success only
    double fidelity = 0.0; //!< <bellState| state |bellState> (success only)
};

/**
 * @ingroup quantum
 * @brief Per-attempt statistics of heralded entanglement generation at a
 * beam-splitter station, computed from the optics.
 *
 * Each node holds a spin (qubit) that emits a photon: for single-click
 * (Humphreys et al., Nature 558, 268 (2018), supplement) the spin is prepared
 * in sqrt(1 - alpha)|0> + sqrt(alpha)|1> and the bright state |1> emits one
 * photon (photon-number encoding); for Barrett-Kok (Barrett and Kok,
 * PRA 71, 060310(R) (2005)) the spin is in (|0> + |1>)/sqrt 2, |1> emits in
 * round 1 and, after a pi pulse on both spins, |0> emits in round 2 (time-bin
 * encoding); the final state is given in the original spin basis (the pi
 * pulses are undone).
 *
 * The computation is the Born rule on the full optical state, with no closed
 * form put in:
 *  - each photon's creation operator is a unitary dilation of its path: with
 *    amplitude sqrt(eta_X) it reaches the 50:50 beam splitter (a -> (c + d)/sqrt 2,
 *    b -> (c - d)/sqrt 2), with amplitude sqrt(1 - eta_X) it goes into an
 *    environment mode of its own (emission, collection and fibre loss);
 *  - partial distinguishability: the photon of node X is m|s> + sqrt(1 - m^2)|p_X>
 *    in a shared temporal mode s and a private one p_X, m = V^(1/4), so that the
 *    single-photon overlap is sqrt(V) and the two-photon (Hong-Ou-Mandel)
 *    visibility is V;
 *  - the photon states of every spin basis state are expanded in the Fock
 *    basis of all output modes (two photons in the shared mode bunch);
 *  - each detector j is a threshold detector with efficiency eta_j and dark-count
 *    probability p_j per window: P(no click | N photons) = (1 - p_j)(1 - eta_j)^N,
 *    with N the photons in all its temporal modes in that round;
 *  - the environment modes are traced out.
 * For every click pattern this gives the probability and the conditional
 * spin-spin density matrix rho_k[s, s'] = c_s c_s'^* sum_n f_k(n) phi_s(n) phi_s'(n)^*.
 * Optical phase noise (a Gaussian relative phase of standard deviation sigma
 * between the arms, constant during one attempt) multiplies the coherence
 * between the spin states of node B by exp(-sigma^2 / 2) for single-click and
 * is a global phase for Barrett-Kok.
 *
 * Heralds: single-click: only c clicks -> Psi+, only d -> Psi-; Barrett-Kok:
 * exactly one detector in each round, the same one -> Psi+, different ones ->
 * Psi-.  With unit visibility and no dark counts this reproduces the closed
 * forms P = 2 alpha (1 - alpha) eta + alpha^2 eta (2 - eta),
 * F = 2 (1 - alpha) / (2 - alpha eta) (single-click) and P = eta_A eta_B / 2,
 * F = (1 + V) / 2 (Barrett-Kok), eta the per-arm transmission including the
 * detector efficiency; the tests check this.
 */
class HeraldedEntanglementModel
{
  public:
    /** The physical parameters of one attempt. */
    struct Parameters
    {
        HeraldingProtocol protocol = HeraldingProtocol::SINGLE_CLICK; //!< protocol
        double etaA = 1.0; //!< transmission of arm A up to the beam splitter (emission x fibre)
        double etaB = 1.0; //!< transmission of arm B up to the beam splitter
        double detectorEfficiency[2] = {1.0, 1.0};   //!< efficiency of detectors c and d
        double darkCountProbability[2] = {0.0, 0.0}; //!< dark-count probability per window
        double visibility = 1.0;     //!< two-photon interference visibility V in [0, 1]
        double alphaA = 0.5;         //!< bright-state population of node A (single-click)
        double alphaB = 0.5;         //!< bright-state population of node B (single-click)
        double phaseNoiseStdRad = 0; //!< std. dev. of the optical phase between the arms

        /**
         * @param other other parameters
         * @return true if all fields are equal
         */
        bool operator==(const Parameters& other) const;
    };

    /** An empty model (no outcomes); assign a computed one before use. */
    HeraldedEntanglementModel();

    /**
     * Compute the outcome distribution.  Aborts with a clear message naming
     * the parameter, its value and the valid range if a parameter is bad.
     * @param params the parameters
     */
    explicit HeraldedEntanglementModel(const Parameters& params);

    /** @return the parameters */
    const Parameters& GetParameters() const;
    /** @return every click pattern with its probability (they sum to 1) */
    const std::vector<HeraldedOutcome>& GetOutcomes() const;
    /** @return the indices into GetOutcomes() of the successful patterns */
    const std::vector<uint32_t>& GetSuccessIndices() const;
    /** @return the per-attempt success probability */
    double GetSuccessProbability() const;
    /** @return the success-weighted mean fidelity to the heralded Bell state, at the herald */
    double GetMeanFidelity() const;
    /**
     * @param pattern a click pattern
     * @return the outcome with that pattern (aborts if there is none)
     */
    const HeraldedOutcome& GetOutcome(uint8_t pattern) const;
    /**
     * Draw a successful outcome from the conditional distribution.
     * @param u a uniform number in [0, 1)
     * @return the index into GetOutcomes()
     */
    uint32_t DrawSuccess(double u) const;
    /**
     * Draw any outcome (failure included) from the per-attempt distribution.
     * @param u a uniform number in [0, 1)
     * @return the index into GetOutcomes()
     */
    uint32_t DrawOutcome(double u) const;

    /**
     * @param protocol the protocol
     * @param pattern a click pattern
     * @return a name such as "c", "d", "cc", "cd", "-" (no click)
     */
    static std::string ClickPatternName(HeraldingProtocol protocol, uint8_t pattern);

  private:
    /** Validate the parameters (aborts). */
    void Check() const;
    /** Run the optics. */
    void Compute();

    Parameters m_params;                     //!< the parameters
    std::vector<HeraldedOutcome> m_outcomes; //!< all patterns
    std::vector<uint32_t> m_success;         //!< successful patterns
    std::vector<double> m_cumulative;        //!< cumulative probabilities of m_outcomes
    double m_pSuccess;                       //!< success probability
    double m_meanFidelity;                   //!< mean fidelity of successes
};

} // namespace ns3

#endif /* HERALDED_ENTANGLEMENT_MODEL_H */
