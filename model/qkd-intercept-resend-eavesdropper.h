/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_INTERCEPT_RESEND_EAVESDROPPER_H
#define QKD_INTERCEPT_RESEND_EAVESDROPPER_H

#include "qkd-eavesdropper.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Intercept-resend attack on a fraction of the pulses (Bennett,
 * Bessette, Brassard, Salvail and Smolin, J. Cryptology 5, 3 (1992)).
 *
 * With probability InterceptFraction f Eve measures the pulse's polarization
 * (time bin) in a basis she picks at random, Z or X with probability 1/2, and
 * re-prepares a pulse of the same photon-number statistics in the eigenstate
 * she found.  In the sender's basis she finds the encoded bit and the pulse
 * is unchanged; in the other basis her outcome is uniformly random, and a
 * receiver measuring in the sender's basis then finds a random bit.  Branches:
 * (1 - f/2) unchanged; f/4 each for the two eigenstates of the other basis.
 * The error rate added to the sifted key is therefore f/4 (25 % for f = 1).
 * Eve's measurement is idealised (a polarization measurement of the whole
 * pulse, no loss): a worst case for the sender, not a model of Eve's
 * hardware.
 */
class QkdInterceptResendEavesdropper : public QkdEavesdropper
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdInterceptResendEavesdropper();
    ~QkdInterceptResendEavesdropper() override;

    std::vector<QkdTapBranch> GetBranches(const QkdPulseState& in) const override;

    /** @return the intercepted fraction f */
    double GetInterceptFraction() const;

  private:
    double m_fraction; //!< intercepted fraction
};

} // namespace ns3

#endif /* QKD_INTERCEPT_RESEND_EAVESDROPPER_H */
