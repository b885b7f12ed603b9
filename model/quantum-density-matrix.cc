/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-density-matrix.h"

#include "quantum-state-vector.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/random-variable-stream.h"

#include <cmath>

namespace ns3
{

namespace
{
/**
 * @param dim a dimension
 * @return log2(dim) if dim is a power of two, else aborts
 */
uint32_t
QubitsOfDimension(Eigen::Index dim)
{
    NS_ABORT_MSG_IF(dim < 1 || (dim & (dim - 1)) != 0,
                    "QuantumDensityMatrix: dimension " << dim << " is not a power of two");
    uint32_t n = 0;
    while ((Eigen::Index(1) << n) < dim)
    {
        ++n;
    }
    return n;
}
} // namespace

QuantumDensityMatrix::QuantumDensityMatrix(uint32_t numQubits)
    : m_n(numQubits)
{
    NS_ABORT_MSG_IF(numQubits > MAX_QUBITS,
                    "QuantumDensityMatrix: " << numQubits << " qubits exceed the limit of "
                                             << MAX_QUBITS);
    const Eigen::Index dim = Eigen::Index(1) << numQubits;
    m_rho = QMatrix::Zero(dim, dim);
    m_rho(0, 0) = 1;
}

QuantumDensityMatrix::QuantumDensityMatrix(const QMatrix& rho)
    : m_rho(rho)
    , m_n(QubitsOfDimension(rho.rows()))
{
    NS_ABORT_MSG_IF(m_n > MAX_QUBITS,
                    "QuantumDensityMatrix: " << m_n << " qubits exceed the limit of "
                                             << MAX_QUBITS);
    const std::string err
        = quantumlinalg::CheckDensityMatrix(rho, 1e-9, rho.rows() <= (Eigen::Index(1) << 8));
    NS_ABORT_MSG_IF(!err.empty(), "QuantumDensityMatrix: invalid density matrix: " << err);
}

Ptr<QuantumDensityMatrix>
QuantumDensityMatrix::FromPure(const QVector& psi)
{
    const double norm = psi.squaredNorm();
    NS_ABORT_MSG_IF(std::abs(norm - 1) > 1e-9,
                    "QuantumDensityMatrix::FromPure: state has squared norm " << norm << ", not 1");
    return Create<QuantumDensityMatrix>(QMatrix(psi * psi.adjoint()));
}

const QMatrix&
QuantumDensityMatrix::GetMatrix() const
{
    return m_rho;
}

QuantumFormalism
QuantumDensityMatrix::GetFormalism() const
{
    return QuantumFormalism::DENSITY_MATRIX;
}

uint32_t
QuantumDensityMatrix::GetNumQubits() const
{
    return m_n;
}

Ptr<QuantumState>
QuantumDensityMatrix::Copy() const
{
    return Create<QuantumDensityMatrix>(*this);
}

Ptr<QuantumState>
QuantumDensityMatrix::Tensor(const QuantumState& other) const
{
    NS_ASSERT(other.GetFormalism() == QuantumFormalism::DENSITY_MATRIX);
    const auto& o = static_cast<const QuantumDensityMatrix&>(other);
    NS_ABORT_MSG_IF(m_n + o.m_n > MAX_QUBITS,
                    "QuantumDensityMatrix: joining states of "
                        << m_n << " and " << o.m_n << " qubits exceeds the limit of " << MAX_QUBITS
                        << " qubits");
    return Create<QuantumDensityMatrix>(quantumlinalg::Kron(m_rho, o.m_rho));
}

void
QuantumDensityMatrix::Sandwich(const QMatrix& m,
                               const std::vector<uint32_t>& targets,
                               QMatrix& rho) const
{
    // Column-major storage: element (r, c) sits at r + c * 2^n, so row qubit k is
    // bit (n - 1 - k) and column qubit k is bit (2n - 1 - k) of the flat index.
    std::vector<uint32_t> rowBits;
    std::vector<uint32_t> colBits;
    for (uint32_t t : targets)
    {
        rowBits.push_back(quantumlinalg::BitOf(m_n, t));
        colBits.push_back(quantumlinalg::BitOf(m_n, t) + m_n);
    }
    quantumlinalg::ApplyMatrixToBits(rho.data(), 2 * m_n, rowBits, m);
    quantumlinalg::ApplyMatrixToBits(rho.data(), 2 * m_n, colBits, m.conjugate());
}

void
QuantumDensityMatrix::CheckInvariants() const
{
#ifdef NS3_ASSERT_ENABLE
    const std::string err
        = quantumlinalg::CheckDensityMatrix(m_rho, 1e-8, m_rho.rows() <= (Eigen::Index(1) << 5));
    NS_ASSERT_MSG(err.empty(), "QuantumDensityMatrix invariant violated: " << err);
#endif
}

bool
QuantumDensityMatrix::SupportsGate(const QuantumGate& gate,
                                   const std::vector<uint32_t>& targets) const
{
    return true;
}

void
QuantumDensityMatrix::ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets)
{
    NS_ASSERT(gate.GetNumQubits() == targets.size());
    Sandwich(gate.GetMatrix(), targets, m_rho);
    CheckInvariants();
}

bool
QuantumDensityMatrix::SupportsChannel(const KrausChannel& channel,
                                      const std::vector<uint32_t>& targets) const
{
    return true;
}

void
QuantumDensityMatrix::ApplyChannel(const KrausChannel& channel,
                                   const std::vector<uint32_t>& targets,
                                   RandomVariableStream& rng)
{
    NS_ASSERT(channel.GetNumQubits() == targets.size());
    if (channel.IsIdentity())
    {
        return;
    }
    QMatrix sum = QMatrix::Zero(m_rho.rows(), m_rho.cols());
    for (const auto& k : channel.GetKrausOperators())
    {
        QMatrix term = m_rho;
        Sandwich(k, targets, term);
        sum += term;
    }
    m_rho = sum;
    CheckInvariants();
}

bool
QuantumDensityMatrix::SupportsMeasurement(const MeasurementBasis& basis) const
{
    return true;
}

double
QuantumDensityMatrix::GetOutcomeProbability(uint32_t target,
                                            const MeasurementBasis& basis,
                                            uint32_t outcome) const
{
    NS_ASSERT(target < m_n && outcome < 2);
    const QMatrix reduced = quantumlinalg::PartialTrace(m_rho, m_n, {target});
    const QMatrix p = basis.GetProjector(outcome);
    return std::max(0.0, std::real((p * reduced).trace()));
}

double
QuantumDensityMatrix::Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome)
{
    const double p = GetOutcomeProbability(target, basis, outcome);
    NS_ABORT_MSG_IF(p <= 1e-15,
                    "QuantumDensityMatrix::Project: outcome " << outcome << " of qubit " << target
                                                              << " in basis " << basis.GetName()
                                                              << " has probability " << p);
    Sandwich(basis.GetProjector(outcome), {target}, m_rho);
    m_rho /= p;
    CheckInvariants();
    return p;
}

uint32_t
QuantumDensityMatrix::Measure(uint32_t target,
                              const MeasurementBasis& basis,
                              RandomVariableStream& rng)
{
    const double p0 = GetOutcomeProbability(target, basis, 0);
    const uint32_t outcome = (rng.GetValue() < p0) ? 0 : 1;
    Project(target, basis, outcome);
    return outcome;
}

void
QuantumDensityMatrix::RemoveQubit(uint32_t target, RandomVariableStream& rng)
{
    NS_ASSERT(target < m_n);
    std::vector<uint32_t> keep;
    for (uint32_t q = 0; q < m_n; ++q)
    {
        if (q != target)
        {
            keep.push_back(q);
        }
    }
    m_rho = quantumlinalg::PartialTrace(m_rho, m_n, keep);
    --m_n;
    CheckInvariants();
}

QMatrix
QuantumDensityMatrix::GetDensityMatrix() const
{
    return m_rho;
}

} // namespace ns3
