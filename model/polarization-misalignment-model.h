/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef POLARIZATION_MISALIGNMENT_MODEL_H
#define POLARIZATION_MISALIGNMENT_MODEL_H

#include "quantum-channel-model.h"

#include <optional>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A fixed misalignment of the polarization (or time-bin phase)
 * reference frames of sender and receiver by an angle theta ("AngleRad").
 *
 * On a QUBIT photon it applies the exact unitary Ry(2 theta) =
 * exp(-i theta Y): a rotation of the polarization by theta, which is a
 * rotation by 2 theta on the Bloch sphere.  A MODE pulse carries Pauli noise
 * only, so it gets the Pauli twirl of that unitary: I with probability
 * cos^2(theta) and Y with probability sin^2(theta).  Both give a BB84 error
 * rate of sin^2(theta) in the Z and in the X basis, the misalignment error
 * e_d of decoy-state analyses (Gottesman, Lo, Luetkenhaus and Preskill,
 * Quantum Inf. Comput. 4, 325 (2004); Ma, Qi, Zhao and Lo, Phys. Rev. A 72,
 * 012326 (2005)).
 *
 * Ry(2 theta) is not a Clifford gate unless theta is a multiple of pi/4: a
 * QUBIT photon in the stabilizer formalism is rejected by the state engine
 * with a clear message.
 */
class PolarizationMisalignmentModel : public QuantumChannelModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PolarizationMisalignmentModel();
    ~PolarizationMisalignmentModel() override;

    /** @return the misalignment angle theta in radians */
    double GetAngleRad() const;

    /** @return the BB84 error rate sin^2(theta) it causes in either basis */
    double GetErrorRate() const;

  protected:
    Time DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context) override;

  private:
    double m_angle;                      //!< theta in radians
    double m_cachedAngle;                //!< theta of the cached twirl
    std::optional<KrausChannel> m_twirl; //!< Pauli twirl for m_cachedAngle
};

} // namespace ns3

#endif /* POLARIZATION_MISALIGNMENT_MODEL_H */
