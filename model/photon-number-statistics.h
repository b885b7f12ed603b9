/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PHOTON_NUMBER_STATISTICS_H
#define PHOTON_NUMBER_STATISTICS_H

#include "quantum-signal.h"

#include "ns3/random-variable-stream.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Photon-number distributions of optical pulses and their exact
 * thinning by loss and detector inefficiency.
 *
 * A pulse of photon-number distribution P(n) that passes an element of
 * transmittance t (each photon independently survives with probability t)
 * has the photon-number generating function
 *
 *   G_t(z) = G(1 - t + t z),    G(z) = sum_n P(n) z^n,
 *
 * so its probability to leave no photon is G(1 - t).  The three statistics of
 * QuantumSignal are closed under thinning:
 *
 *  - FOCK n:   G(z) = z^n,                 thinned: Binomial(n, t);
 *  - POISSON:  G(z) = exp(-mu (1 - z)),    thinned: Poisson(t mu);
 *  - THERMAL:  G(z) = 1 / (1 + mu (1 - z)), thinned: thermal with mean t mu
 *              (P(n) = m^n / (1 + m)^(n+1), Bose-Einstein / geometric).
 *
 * (Loudon, The Quantum Theory of Light, 3rd ed., 2000, sections 5.8 and 6.10;
 * Kok and Lovett, Introduction to Optical Quantum Information Processing,
 * 2010, chapter 3.)  Samplers draw from a UniformRandomVariable stream only,
 * so results are reproducible with AssignStreams.  This class has static
 * members only.
 */
class PhotonNumberStatistics
{
  public:
    /**
     * @param statistics FOCK, POISSON or THERMAL
     * @param mean mean photon number (the photon number n for FOCK)
     * @param n a photon number
     * @return P(n)
     */
    static double Probability(QuantumSignal::Statistics statistics, double mean, uint32_t n);

    /**
     * @param statistics FOCK, POISSON or THERMAL
     * @param mean mean photon number (the photon number for FOCK)
     * @param z argument, in [0, 1]
     * @return the generating function G(z) = E[z^N]
     */
    static double GeneratingFunction(QuantumSignal::Statistics statistics, double mean, double z);

    /**
     * Probability that no photon survives thinning by t: G(1 - t).
     * @param statistics FOCK, POISSON or THERMAL
     * @param mean mean photon number before thinning (the photon number for FOCK)
     * @param thinning survival probability of each photon, in [0, 1]
     * @return the probability of no surviving photon
     */
    static double NoPhotonProbability(QuantumSignal::Statistics statistics,
                                      double mean,
                                      double thinning);

    /**
     * Draw the number of photons that survive thinning by t.
     * @param statistics FOCK, POISSON or THERMAL
     * @param mean mean photon number before thinning (the photon number for FOCK)
     * @param thinning survival probability of each photon, in [0, 1]
     * @param rng the stream to draw from
     * @return the surviving photon number
     */
    static uint32_t Sample(QuantumSignal::Statistics statistics,
                           double mean,
                           double thinning,
                           UniformRandomVariable& rng);

    /**
     * @param mean the mean (>= 0)
     * @param rng the stream
     * @return a Poisson(mean) draw (inversion for mean <= 30, else the
     *         standard library's exact rejection sampler fed by rng)
     */
    static uint32_t SamplePoisson(double mean, UniformRandomVariable& rng);

    /**
     * @param mean the mean (>= 0)
     * @param rng the stream
     * @return a draw from the thermal (geometric) distribution of that mean,
     *         by inversion: floor(ln U / ln(mean / (1 + mean)))
     */
    static uint32_t SampleThermal(double mean, UniformRandomVariable& rng);

    /**
     * @param n number of trials
     * @param p success probability, in [0, 1]
     * @param rng the stream
     * @return a Binomial(n, p) draw (Bernoulli trials for n <= 64)
     */
    static uint32_t SampleBinomial(uint32_t n, double p, UniformRandomVariable& rng);

    /**
     * @param statistics a statistics value
     * @return "Fock", "Poisson" or "Thermal"
     */
    static const char* GetName(QuantumSignal::Statistics statistics);
};

} // namespace ns3

#endif /* PHOTON_NUMBER_STATISTICS_H */
