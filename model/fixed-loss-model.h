/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIXED_LOSS_MODEL_H
#define FIXED_LOSS_MODEL_H

#include "quantum-channel-model.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A fixed coupling or insertion loss of one optical component (a
 * connector, a beam splitter, the initial coupling loss of a fibre, a
 * filter), independent of distance and time.
 *
 * Transmittance 10^(-LossDb / 10).  A QUBIT photon survives with that
 * probability (the channel samples the product of the chain's
 * transmittances once); a MODE pulse carries it in its photon-number
 * distribution.
 */
class FixedLossModel : public QuantumChannelModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    FixedLossModel();
    ~FixedLossModel() override;

    /** @return the loss in dB */
    double GetLossDb() const;

  protected:
    double DoGetTransmittance(const QuantumChannelContext& context) const override;

  private:
    double m_lossDb; //!< loss in dB
};

} // namespace ns3

#endif /* FIXED_LOSS_MODEL_H */
