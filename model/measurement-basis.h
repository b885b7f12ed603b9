/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MEASUREMENT_BASIS_H
#define MEASUREMENT_BASIS_H

#include "quantum-linalg.h"

#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A projective single-qubit measurement basis.
 *
 * Outcome 0 projects onto |n> = cos(theta/2)|0> + e^{i phi} sin(theta/2)|1>,
 * the Bloch vector with polar angle theta and azimuth phi; outcome 1 onto the
 * orthogonal state.  Z is (0, 0), X is (pi/2, 0) and Y is (pi/2, pi/2), so
 * outcome 0 is |0>, |+> and |+i> respectively.
 */
class MeasurementBasis
{
  public:
    /** Basis kinds. */
    enum Kind
    {
        Z,       //!< computational basis
        X,       //!< |+>, |->
        Y,       //!< |+i>, |-i>
        GENERAL, //!< any Bloch direction
    };

    /** @return the Z basis */
    static MeasurementBasis ZBasis();
    /** @return the X basis */
    static MeasurementBasis XBasis();
    /** @return the Y basis */
    static MeasurementBasis YBasis();
    /**
     * @param theta polar angle in radians
     * @param phi azimuth in radians
     * @return the basis whose outcome 0 is the Bloch direction (theta, phi)
     */
    static MeasurementBasis Bloch(double theta, double phi);

    /** @return the kind */
    Kind GetKind() const;
    /** @return the polar angle */
    double GetTheta() const;
    /** @return the azimuth */
    double GetPhi() const;
    /** @return a name such as "Z" or "Bloch(0.3,1.2)" */
    std::string GetName() const;
    /**
     * @param outcome 0 or 1
     * @return the eigenvector of that outcome
     */
    QVector GetEigenvector(uint32_t outcome) const;
    /**
     * @param outcome 0 or 1
     * @return the projector onto that outcome
     */
    QMatrix GetProjector(uint32_t outcome) const;
    /** @return the unitary U with U|0> = |n>, U|1> = |n_perp> */
    QMatrix GetRotation() const;

  private:
    /**
     * @param kind the kind
     * @param theta polar angle
     * @param phi azimuth
     */
    MeasurementBasis(Kind kind, double theta, double phi);

    Kind m_kind;    //!< kind
    double m_theta; //!< polar angle
    double m_phi;   //!< azimuth
};

} // namespace ns3

#endif /* MEASUREMENT_BASIS_H */
