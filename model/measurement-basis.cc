/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "measurement-basis.h"

#include "ns3/abort.h"

#include <cmath>
#include <sstream>

namespace ns3
{

MeasurementBasis::MeasurementBasis(Kind kind, double theta, double phi)
    : m_kind(kind)
    , m_theta(theta)
    , m_phi(phi)
{
}

MeasurementBasis
MeasurementBasis::ZBasis()
{
    return MeasurementBasis(Z, 0, 0);
}

MeasurementBasis
MeasurementBasis::XBasis()
{
    return MeasurementBasis(X, M_PI / 2, 0);
}

MeasurementBasis
MeasurementBasis::YBasis()
{
    return MeasurementBasis(Y, M_PI / 2, M_PI / 2);
}

MeasurementBasis
MeasurementBasis::Bloch(double theta, double phi)
{
    NS_ABORT_MSG_IF(!std::isfinite(theta) || !std::isfinite(phi),
                    "MeasurementBasis::Bloch: angles must be finite, got theta = "
                        << theta << ", phi = " << phi);
    return MeasurementBasis(GENERAL, theta, phi);
}

MeasurementBasis::Kind
MeasurementBasis::GetKind() const
{
    return m_kind;
}

double
MeasurementBasis::GetTheta() const
{
    return m_theta;
}

double
MeasurementBasis::GetPhi() const
{
    return m_phi;
}

std::string
MeasurementBasis::GetName() const
{
    switch (m_kind)
    {
        case Z:
            return "Z";
        case X:
            return "X";
        case Y:
            return "Y";
        default: {
            std::ostringstream s;
            s << "Bloch(" << m_theta << "," << m_phi << ")";
            return s.str();
        }
    }
}

QMatrix
MeasurementBasis::GetRotation() const
{
    const double c = std::cos(m_theta / 2);
    const double s = std::sin(m_theta / 2);
    const QComplex e = std::exp(QComplex(0, m_phi));
    QMatrix u(2, 2);
    // columns: |n> and |n_perp> = sin(theta/2)|0> - e^{i phi} cos(theta/2)|1>
    u << c, s, e * s, -e * c;
    return u;
}

QVector
MeasurementBasis::GetEigenvector(uint32_t outcome) const
{
    NS_ABORT_MSG_IF(outcome > 1,
                    "MeasurementBasis::GetEigenvector: outcome " << outcome << " is not 0 or 1");
    return GetRotation().col(outcome);
}

QMatrix
MeasurementBasis::GetProjector(uint32_t outcome) const
{
    const QVector v = GetEigenvector(outcome);
    return v * v.adjoint();
}

} // namespace ns3
