/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-gate.h"

#include "ns3/abort.h"

#include <cmath>
#include <sstream>

namespace ns3
{

namespace
{
const QComplex kI(0, 1); //!< imaginary unit

/**
 * @param a00 entry (0, 0)
 * @param a01 entry (0, 1)
 * @param a10 entry (1, 0)
 * @param a11 entry (1, 1)
 * @return the 2x2 matrix
 */
QMatrix
M2(QComplex a00, QComplex a01, QComplex a10, QComplex a11)
{
    QMatrix m(2, 2);
    m << a00, a01, a10, a11;
    return m;
}

/**
 * @param theta angle
 * @return true if theta is a multiple of pi/2 within 1e-12
 */
bool
IsQuarterTurn(double theta)
{
    const double k = theta / (M_PI / 2);
    return std::abs(k - std::round(k)) < 1e-12;
}
} // namespace

QuantumGate::QuantumGate(Kind kind, const std::string& name, double angle, const QMatrix& m)
    : m_kind(kind)
    , m_name(name)
    , m_angle(angle)
    , m_matrix(m)
{
}

QuantumGate
QuantumGate::Identity()
{
    return QuantumGate(I, "I", 0, QMatrix::Identity(2, 2));
}

QuantumGate
QuantumGate::PauliX()
{
    return QuantumGate(X, "X", 0, M2(0, 1, 1, 0));
}

QuantumGate
QuantumGate::PauliY()
{
    return QuantumGate(Y, "Y", 0, M2(0, -kI, kI, 0));
}

QuantumGate
QuantumGate::PauliZ()
{
    return QuantumGate(Z, "Z", 0, M2(1, 0, 0, -1));
}

QuantumGate
QuantumGate::Hadamard()
{
    const double r = 1 / std::sqrt(2.0);
    return QuantumGate(H, "H", 0, M2(r, r, r, -r));
}

QuantumGate
QuantumGate::Phase()
{
    return QuantumGate(S, "S", 0, M2(1, 0, 0, kI));
}

QuantumGate
QuantumGate::PhaseDagger()
{
    return QuantumGate(SDG, "Sdg", 0, M2(1, 0, 0, -kI));
}

QuantumGate
QuantumGate::TGate()
{
    return QuantumGate(T, "T", 0, M2(1, 0, 0, std::exp(kI * (M_PI / 4))));
}

QuantumGate
QuantumGate::TDagger()
{
    return QuantumGate(TDG, "Tdg", 0, M2(1, 0, 0, std::exp(-kI * (M_PI / 4))));
}

QuantumGate
QuantumGate::Rx(double theta)
{
    const double c = std::cos(theta / 2);
    const double s = std::sin(theta / 2);
    std::ostringstream n;
    n << "Rx(" << theta << ")";
    return QuantumGate(RX, n.str(), theta, M2(c, -kI * s, -kI * s, c));
}

QuantumGate
QuantumGate::Ry(double theta)
{
    const double c = std::cos(theta / 2);
    const double s = std::sin(theta / 2);
    std::ostringstream n;
    n << "Ry(" << theta << ")";
    return QuantumGate(RY, n.str(), theta, M2(c, -s, s, c));
}

QuantumGate
QuantumGate::Rz(double theta)
{
    std::ostringstream n;
    n << "Rz(" << theta << ")";
    return QuantumGate(RZ,
                       n.str(),
                       theta,
                       M2(std::exp(-kI * (theta / 2)), 0, 0, std::exp(kI * (theta / 2))));
}

QuantumGate
QuantumGate::Cnot()
{
    QMatrix m = QMatrix::Zero(4, 4);
    m(0, 0) = 1;
    m(1, 1) = 1;
    m(2, 3) = 1;
    m(3, 2) = 1;
    return QuantumGate(CNOT, "CNOT", 0, m);
}

QuantumGate
QuantumGate::Cz()
{
    QMatrix m = QMatrix::Identity(4, 4);
    m(3, 3) = -1;
    return QuantumGate(CZ, "CZ", 0, m);
}

QuantumGate
QuantumGate::Swap()
{
    QMatrix m = QMatrix::Zero(4, 4);
    m(0, 0) = 1;
    m(1, 2) = 1;
    m(2, 1) = 1;
    m(3, 3) = 1;
    return QuantumGate(SWAP, "SWAP", 0, m);
}

QuantumGate
QuantumGate::Unitary(const QMatrix& u, const std::string& name, double tolerance)
{
    const auto dim = u.rows();
    NS_ABORT_MSG_IF(dim != u.cols() || dim < 2 || (dim & (dim - 1)) != 0,
                    "QuantumGate::Unitary '" << name << "': matrix is " << u.rows() << "x"
                                             << u.cols()
                                             << "; it must be square with dimension 2^k, k >= 1");
    const double err = quantumlinalg::UnitarityError(u);
    NS_ABORT_MSG_IF(!(err <= tolerance),
                    "QuantumGate::Unitary '"
                        << name << "': matrix is not unitary, max |U^dagger U - I| = " << err
                        << " exceeds the tolerance " << tolerance);
    return QuantumGate(UNITARY, name, 0, u);
}

QuantumGate::Kind
QuantumGate::GetKind() const
{
    return m_kind;
}

std::string
QuantumGate::GetName() const
{
    return m_name;
}

uint32_t
QuantumGate::GetNumQubits() const
{
    uint32_t k = 0;
    while ((Eigen::Index(1) << k) < m_matrix.rows())
    {
        ++k;
    }
    return k;
}

double
QuantumGate::GetAngle() const
{
    return m_angle;
}

const QMatrix&
QuantumGate::GetMatrix() const
{
    return m_matrix;
}

bool
QuantumGate::IsClifford() const
{
    switch (m_kind)
    {
        case I:
        case X:
        case Y:
        case Z:
        case H:
        case S:
        case SDG:
        case CNOT:
        case CZ:
        case SWAP:
            return true;
        case RX:
        case RY:
        case RZ:
            return IsQuarterTurn(m_angle);
        default:
            return false;
    }
}

bool
QuantumGate::IsPauli() const
{
    return m_kind == I || m_kind == X || m_kind == Y || m_kind == Z;
}

} // namespace ns3
