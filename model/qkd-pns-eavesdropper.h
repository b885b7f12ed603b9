/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_PNS_EAVESDROPPER_H
#define QKD_PNS_EAVESDROPPER_H

#include "qkd-eavesdropper.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Photon-number-splitting attack (Brassard, Lütkenhaus, Mor and
 * Sanders, PRL 85, 1330 (2000); the attack decoy states expose: Hwang, PRL
 * 91, 057901 (2003); Lo, Ma and Chen, PRL 94, 230504 (2005)).
 *
 * Eve measures the photon number n of every pulse without disturbing the
 * polarization (a quantum non-demolition measurement) and:
 *  - n = 0: nothing to do;
 *  - n = 1: blocks the pulse with probability SinglePhotonBlockProbability b,
 *    else lets it pass through the fibre unchanged;
 *  - n >= 2: keeps one photon in a quantum memory (she measures it after the
 *    basis announcement and knows the bit) and sends the other n - 1 to the
 *    receiver over her own channel of transmittance ForwardTransmittance t_E
 *    instead of the fibre (a FOCK n - 1 pulse that bypasses the fibre loss).
 *
 * Bob's yield of an n-photon pulse becomes Y_1' = (1 - b) Y_1 and
 * Y_n' = Y_0 + (1 - Y_0)(1 - (1 - t_E eta_Bob)^(n-1)): the signal gain can
 * stay close to its expected value while the yields of different
 * intensities no longer follow one Y_n, which the vacuum + weak decoy
 * bounds reveal (the single-photon yield bound collapses).
 *
 * Branches are enumerated over n from the input's photon-number
 * distribution up to the smallest n_max whose tail P(N > n_max) is below
 * 1e-15; the tail mass is added to the n_max branch (an error of at most
 * 1e-15 in any probability).
 */
class QkdPnsEavesdropper : public QkdEavesdropper
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdPnsEavesdropper();
    ~QkdPnsEavesdropper() override;

    std::vector<QkdTapBranch> GetBranches(const QkdPulseState& in) const override;

  private:
    double m_block;   //!< blocking probability of single-photon pulses
    double m_forward; //!< Eve's transmittance to the receiver for n >= 2
};

} // namespace ns3

#endif /* QKD_PNS_EAVESDROPPER_H */
