/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-state.h"

#include "ns3/abort.h"

namespace ns3
{

std::string
QuantumFormalismName(QuantumFormalism f)
{
    switch (f)
    {
        case QuantumFormalism::STATE_VECTOR:
            return "StateVector";
        case QuantumFormalism::DENSITY_MATRIX:
            return "DensityMatrix";
        case QuantumFormalism::BELL_DIAGONAL:
            return "BellDiagonal";
        case QuantumFormalism::STABILIZER:
            return "Stabilizer";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, QuantumFormalism f)
{
    return os << QuantumFormalismName(f);
}

QuantumState::~QuantumState()
{
}

bool
QuantumState::SupportsTensor() const
{
    return true;
}

bool
QuantumState::SupportsRemoval() const
{
    return true;
}

QMatrix
QuantumState::GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const
{
    return quantumlinalg::PartialTrace(GetDensityMatrix(), GetNumQubits(), keep);
}

double
QuantumState::GetFidelity(const QVector& reference, const std::vector<uint32_t>& targets) const
{
    NS_ABORT_MSG_IF(reference.size() != (Eigen::Index(1) << targets.size()),
                    "QuantumState::GetFidelity: reference has "
                        << reference.size() << " amplitudes, expected 2^" << targets.size());
    const QMatrix rho = GetReducedDensityMatrix(targets);
    const double norm = reference.squaredNorm();
    NS_ABORT_MSG_IF(std::abs(norm - 1) > 1e-9,
                    "QuantumState::GetFidelity: reference state has norm^2 " << norm << ", not 1");
    return std::real(reference.dot(rho * reference));
}

} // namespace ns3
