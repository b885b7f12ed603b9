/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-state-vector.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/random-variable-stream.h"

#include <cmath>

namespace ns3
{

QuantumStateVector::QuantumStateVector(uint32_t numQubits)
    : m_n(numQubits)
{
    NS_ABORT_MSG_IF(numQubits > 30,
                    "QuantumStateVector: " << numQubits << " qubits exceed the dense limit of 30");
    m_psi = QVector::Zero(Eigen::Index(1) << numQubits);
    m_psi(0) = 1;
}

QuantumStateVector::QuantumStateVector(const QVector& amplitudes)
    : m_psi(amplitudes)
    , m_n(0)
{
    const auto dim = amplitudes.size();
    NS_ABORT_MSG_IF(dim < 1 || (dim & (dim - 1)) != 0,
                    "QuantumStateVector: " << dim << " amplitudes given; the count must be 2^n");
    while ((Eigen::Index(1) << m_n) < dim)
    {
        ++m_n;
    }
    const double norm = amplitudes.squaredNorm();
    NS_ABORT_MSG_IF(std::abs(norm - 1) > 1e-9,
                    "QuantumStateVector: state has squared norm " << norm << ", not 1");
}

const QVector&
QuantumStateVector::GetAmplitudes() const
{
    return m_psi;
}

QuantumFormalism
QuantumStateVector::GetFormalism() const
{
    return QuantumFormalism::STATE_VECTOR;
}

uint32_t
QuantumStateVector::GetNumQubits() const
{
    return m_n;
}

Ptr<QuantumState>
QuantumStateVector::Copy() const
{
    return Create<QuantumStateVector>(m_psi);
}

Ptr<QuantumState>
QuantumStateVector::Tensor(const QuantumState& other) const
{
    NS_ASSERT(other.GetFormalism() == QuantumFormalism::STATE_VECTOR);
    const auto& o = static_cast<const QuantumStateVector&>(other);
    return Create<QuantumStateVector>(quantumlinalg::KronVector(m_psi, o.m_psi));
}

std::vector<uint32_t>
QuantumStateVector::Bits(const std::vector<uint32_t>& targets) const
{
    std::vector<uint32_t> bits;
    bits.reserve(targets.size());
    for (uint32_t t : targets)
    {
        bits.push_back(quantumlinalg::BitOf(m_n, t));
    }
    return bits;
}

bool
QuantumStateVector::SupportsGate(const QuantumGate& gate,
                                 const std::vector<uint32_t>& targets) const
{
    return true;
}

void
QuantumStateVector::ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets)
{
    NS_ASSERT(gate.GetNumQubits() == targets.size());
    quantumlinalg::ApplyMatrixToBits(m_psi.data(), m_n, Bits(targets), gate.GetMatrix());
}

bool
QuantumStateVector::SupportsChannel(const KrausChannel& channel,
                                    const std::vector<uint32_t>& targets) const
{
    return true;
}

void
QuantumStateVector::ApplyChannel(const KrausChannel& channel,
                                 const std::vector<uint32_t>& targets,
                                 RandomVariableStream& rng)
{
    NS_ASSERT(channel.GetNumQubits() == targets.size());
    if (channel.IsIdentity())
    {
        return;
    }
    const auto bits = Bits(targets);
    const auto& kraus = channel.GetKrausOperators();
    // Draw Kraus branch i with probability ||K_i psi||^2 (quantum trajectory).
    const double u = rng.GetValue();
    double cumulative = 0;
    QVector chosen;
    double chosenWeight = 0;
    for (const auto& k : kraus)
    {
        QVector candidate = m_psi;
        quantumlinalg::ApplyMatrixToBits(candidate.data(), m_n, bits, k);
        const double p = candidate.squaredNorm();
        cumulative += p;
        if (p > 0)
        {
            chosen = std::move(candidate);
            chosenWeight = p;
            if (u < cumulative)
            {
                break;
            }
        }
    }
    NS_ASSERT_MSG(chosenWeight > 0, "channel annihilated the state");
    m_psi = chosen / std::sqrt(chosenWeight);
}

bool
QuantumStateVector::SupportsMeasurement(const MeasurementBasis& basis) const
{
    return true;
}

double
QuantumStateVector::GetOutcomeProbability(uint32_t target,
                                          const MeasurementBasis& basis,
                                          uint32_t outcome) const
{
    NS_ASSERT(target < m_n && outcome < 2);
    const uint64_t mask = uint64_t(1) << quantumlinalg::BitOf(m_n, target);
    const QVector e = basis.GetEigenvector(outcome);
    const QComplex c0 = std::conj(e(0));
    const QComplex c1 = std::conj(e(1));
    double p = 0;
    for (uint64_t i = 0; i < static_cast<uint64_t>(m_psi.size()); ++i)
    {
        if (i & mask)
        {
            continue;
        }
        p += std::norm(c0 * m_psi(i) + c1 * m_psi(i | mask));
    }
    return p;
}

double
QuantumStateVector::Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome)
{
    const double p = GetOutcomeProbability(target, basis, outcome);
    NS_ABORT_MSG_IF(p <= 1e-15,
                    "QuantumStateVector::Project: outcome " << outcome << " of qubit " << target
                                                            << " in basis " << basis.GetName()
                                                            << " has probability " << p);
    quantumlinalg::ApplyMatrixToBits(m_psi.data(),
                                     m_n,
                                     {quantumlinalg::BitOf(m_n, target)},
                                     basis.GetProjector(outcome));
    m_psi /= std::sqrt(p);
    return p;
}

uint32_t
QuantumStateVector::Measure(uint32_t target,
                            const MeasurementBasis& basis,
                            RandomVariableStream& rng)
{
    const double p0 = GetOutcomeProbability(target, basis, 0);
    const uint32_t outcome = (rng.GetValue() < p0) ? 0 : 1;
    Project(target, basis, outcome);
    return outcome;
}

void
QuantumStateVector::RemoveQubit(uint32_t target, RandomVariableStream& rng)
{
    const uint32_t outcome = Measure(target, MeasurementBasis::ZBasis(), rng);
    const uint32_t bit = quantumlinalg::BitOf(m_n, target);
    const uint64_t lowMask = (uint64_t(1) << bit) - 1;
    QVector out(m_psi.size() / 2);
    for (uint64_t j = 0; j < static_cast<uint64_t>(out.size()); ++j)
    {
        const uint64_t full = ((j & ~lowMask) << 1) | (uint64_t(outcome) << bit) | (j & lowMask);
        out(j) = m_psi(full);
    }
    m_psi = out;
    --m_n;
}

QMatrix
QuantumStateVector::GetDensityMatrix() const
{
    NS_ABORT_MSG_IF(m_n > 14,
                    "QuantumStateVector::GetDensityMatrix: " << m_n
                                                             << " qubits exceed the limit of 14 "
                                                                "for a dense density matrix");
    return m_psi * m_psi.adjoint();
}

QMatrix
QuantumStateVector::GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const
{
    NS_ABORT_MSG_IF(keep.size() > 14,
                    "QuantumStateVector::GetReducedDensityMatrix: " << keep.size()
                                                                    << " qubits exceed the "
                                                                       "limit of 14");
    return quantumlinalg::ReducedFromVector(m_psi, m_n, keep);
}

} // namespace ns3
