/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOLARIZING_NOISE_MODEL_H
#define DEPOLARIZING_NOISE_MODEL_H

#include "quantum-channel-model.h"

#include <optional>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Depolarizing noise that grows with the length and the travel time
 * of the path.
 *
 * Complete depolarization happens as a Poisson process in distance and in
 * time, with rates r_k per km ("RatePerKm") and r_s per second
 * ("RatePerSecond", times the propagation delay t).  The probability that it
 * happened at least once is
 *
 *   p = 1 - exp(-(r_k L_km + r_s t)),
 *
 * and the photon undergoes KrausChannel::Depolarizing(p):
 * rho -> (1 - p) rho + p I/2 (Nielsen and Chuang 2000, eq. 8.102).  QUBIT
 * photons get the channel through the state engine (exact mixed state in
 * the density-matrix formalism, sampled in the state-vector and stabilizer
 * formalisms); MODE pulses compose the Pauli probabilities
 * (1 - 3p/4, p/4, p/4, p/4), so a BB84 bit is flipped with probability p/2
 * in either basis.
 */
class DepolarizingNoiseModel : public QuantumChannelModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DepolarizingNoiseModel();
    ~DepolarizingNoiseModel() override;

    /**
     * @param lengthMeters path length in metres
     * @param delay propagation delay
     * @return the depolarizing probability p = 1 - exp(-(r_k L_km + r_s t))
     */
    double GetProbability(double lengthMeters, Time delay) const;

  protected:
    Time DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context) override;

  private:
    double m_ratePerKm;         //!< depolarization rate per km
    double m_ratePerSecond;     //!< depolarization rate per second of travel
    double m_cachedProbability; //!< p of the cached channel
    std::optional<KrausChannel>
        m_channel; //!< channel for m_cachedProbability (a fixed path repeats it)
};

} // namespace ns3

#endif /* DEPOLARIZING_NOISE_MODEL_H */
