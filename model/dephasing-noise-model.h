/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPHASING_NOISE_MODEL_H
#define DEPHASING_NOISE_MODEL_H

#include "quantum-channel-model.h"

#include <optional>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Pure dephasing that grows with the length and the travel time of
 * the path (e.g. phase drift of a time-bin interferometer, or polarization
 * dephasing in a fibre).
 *
 * The coherence rho_01 of the photon decays as exp(-(r_k L_km + r_s t)),
 * with r_k "RatePerKm", r_s "RatePerSecond" and t the propagation delay.
 * The photon undergoes KrausChannel::Dephasing(p): rho -> (1 - p) rho +
 * p Z rho Z, which multiplies rho_01 by 1 - 2p, so
 *
 *   p = (1 - exp(-(r_k L_km + r_s t))) / 2.
 *
 * A Z-basis (H/V, early/late) bit is never flipped; an X-basis bit is
 * flipped with probability p.
 */
class DephasingNoiseModel : public QuantumChannelModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DephasingNoiseModel();
    ~DephasingNoiseModel() override;

    /**
     * @param lengthMeters path length in metres
     * @param delay propagation delay
     * @return the phase-flip probability p = (1 - exp(-(r_k L_km + r_s t))) / 2
     */
    double GetProbability(double lengthMeters, Time delay) const;

  protected:
    Time DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context) override;

  private:
    double m_ratePerKm;         //!< coherence decay rate per km
    double m_ratePerSecond;     //!< coherence decay rate per second of travel
    double m_cachedProbability; //!< p of the cached channel
    std::optional<KrausChannel>
        m_channel; //!< channel for m_cachedProbability (a fixed path repeats it)
};

} // namespace ns3

#endif /* DEPHASING_NOISE_MODEL_H */
