/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "bell-diagonal-state.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/random-variable-stream.h"

#include <cmath>

namespace ns3
{

BellDiagonalState::BellDiagonalState(const Coefficients& coefficients)
{
    SetCoefficients(coefficients);
}

void
BellDiagonalState::SetCoefficients(const Coefficients& coefficients)
{
    double total = 0;
    for (uint32_t i = 0; i < 4; ++i)
    {
        NS_ABORT_MSG_IF(!(coefficients[i] >= -1e-12 && coefficients[i] <= 1 + 1e-12),
                        "BellDiagonalState: coefficient of "
                            << BellStateName(BellStateFromLabel(i)) << " = " << coefficients[i]
                            << " is outside the valid range [0, 1]");
        total += coefficients[i];
    }
    NS_ABORT_MSG_IF(std::abs(total - 1) > 1e-9,
                    "BellDiagonalState: coefficients sum to " << total << ", not 1");
    m_p = coefficients;
}

Ptr<BellDiagonalState>
BellDiagonalState::Werner(double fidelity)
{
    NS_ABORT_MSG_IF(!(fidelity >= 0 && fidelity <= 1),
                    "BellDiagonalState::Werner: fidelity " << fidelity
                                                           << " is outside the valid range [0, 1]");
    const double r = (1 - fidelity) / 3;
    return Create<BellDiagonalState>(Coefficients{fidelity, r, r, r});
}

const BellDiagonalState::Coefficients&
BellDiagonalState::GetCoefficients() const
{
    return m_p;
}

BellDiagonalState::Coefficients
BellDiagonalState::Swap(const Coefficients& p, const Coefficients& q, BellState outcome)
{
    const uint32_t m = static_cast<uint32_t>(outcome);
    Coefficients r{0, 0, 0, 0};
    for (uint32_t i = 0; i < 4; ++i)
    {
        for (uint32_t j = 0; j < 4; ++j)
        {
            r[i ^ j ^ m] += p[i] * q[j];
        }
    }
    return r;
}

BellDiagonalState::Coefficients
BellDiagonalState::DejmpsRotation(const Coefficients& p)
{
    return Coefficients{p[0], p[1], p[3], p[2]};
}

BellDiagonalState::Coefficients
BellDiagonalState::BilateralCnotMeasure(const Coefficients& keep,
                                        const Coefficients& sacrifice,
                                        uint32_t parity,
                                        double& probability)
{
    NS_ASSERT(parity < 2);
    // Label bits: x = label & 1 (Psi vs Phi), z = label >> 1 (phase).  The
    // bilateral CNOT maps (x1, z1), (x2, z2) to (x1, z1 ^ z2), (x1 ^ x2, z2)
    // [Bennett et al. 1996]; the Z outcomes on the sacrificed pair differ iff
    // its new x bit, x1 ^ x2, is 1.
    Coefficients out{0, 0, 0, 0};
    probability = 0;
    for (uint32_t l1 = 0; l1 < 4; ++l1)
    {
        for (uint32_t l2 = 0; l2 < 4; ++l2)
        {
            const uint32_t x1 = l1 & 1;
            const uint32_t z1 = l1 >> 1;
            const uint32_t x2 = l2 & 1;
            const uint32_t z2 = l2 >> 1;
            if ((x1 ^ x2) != parity)
            {
                continue;
            }
            const double w = keep[l1] * sacrifice[l2];
            out[x1 | ((z1 ^ z2) << 1)] += w;
            probability += w;
        }
    }
    if (probability > 0)
    {
        for (auto& c : out)
        {
            c /= probability;
        }
    }
    return out;
}

BellDiagonalState::Coefficients
BellDiagonalState::ApplyPauliChannel(const Coefficients& p,
                                     const std::vector<double>& pauliProbabilities)
{
    NS_ASSERT(pauliProbabilities.size() == 4);
    Coefficients r{0, 0, 0, 0};
    for (uint32_t s = 0; s < 4; ++s)
    {
        const double w = pauliProbabilities[s];
        if (w == 0)
        {
            continue;
        }
        const uint32_t l = BellLabelOfPauli(s);
        for (uint32_t m = 0; m < 4; ++m)
        {
            r[m ^ l] += w * p[m];
        }
    }
    return r;
}

QuantumFormalism
BellDiagonalState::GetFormalism() const
{
    return QuantumFormalism::BELL_DIAGONAL;
}

uint32_t
BellDiagonalState::GetNumQubits() const
{
    return 2;
}

Ptr<QuantumState>
BellDiagonalState::Copy() const
{
    return Create<BellDiagonalState>(m_p);
}

bool
BellDiagonalState::SupportsTensor() const
{
    return false;
}

Ptr<QuantumState>
BellDiagonalState::Tensor(const QuantumState& other) const
{
    NS_ASSERT_MSG(false, "BellDiagonalState cannot hold more than two qubits");
    return nullptr;
}

bool
BellDiagonalState::SupportsGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) const
{
    return gate.IsPauli();
}

void
BellDiagonalState::ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets)
{
    NS_ASSERT(gate.IsPauli() && targets.size() == 1 && targets[0] < 2);
    uint32_t pauli = 0;
    switch (gate.GetKind())
    {
        case QuantumGate::X:
            pauli = 1;
            break;
        case QuantumGate::Y:
            pauli = 2;
            break;
        case QuantumGate::Z:
            pauli = 3;
            break;
        default:
            return;
    }
    const uint32_t l = BellLabelOfPauli(pauli);
    Coefficients r;
    for (uint32_t m = 0; m < 4; ++m)
    {
        r[m ^ l] = m_p[m];
    }
    m_p = r;
}

bool
BellDiagonalState::SupportsChannel(const KrausChannel& channel,
                                   const std::vector<uint32_t>& targets) const
{
    return channel.IsPauli();
}

void
BellDiagonalState::ApplyChannel(const KrausChannel& channel,
                                const std::vector<uint32_t>& targets,
                                RandomVariableStream& rng)
{
    NS_ASSERT(channel.IsPauli());
    const auto& probs = channel.GetPauliProbabilities();
    if (probs.size() == 4)
    {
        m_p = ApplyPauliChannel(m_p, probs);
        return;
    }
    // Two-qubit Pauli channel: sigma_a (x) sigma_b changes the label by
    // label(a) xor label(b), whichever qubit order the targets have.
    NS_ASSERT(probs.size() == 16 && targets.size() == 2);
    Coefficients r{0, 0, 0, 0};
    for (uint32_t s = 0; s < 16; ++s)
    {
        if (probs[s] == 0)
        {
            continue;
        }
        const uint32_t l = BellLabelOfPauli(s / 4) ^ BellLabelOfPauli(s % 4);
        for (uint32_t m = 0; m < 4; ++m)
        {
            r[m ^ l] += probs[s] * m_p[m];
        }
    }
    m_p = r;
}

bool
BellDiagonalState::SupportsMeasurement(const MeasurementBasis& basis) const
{
    return false;
}

uint32_t
BellDiagonalState::Measure(uint32_t target,
                           const MeasurementBasis& basis,
                           RandomVariableStream& rng)
{
    NS_ASSERT_MSG(false, "BellDiagonalState: single-qubit measurement needs a density matrix");
    return 0;
}

double
BellDiagonalState::GetOutcomeProbability(uint32_t target,
                                         const MeasurementBasis& basis,
                                         uint32_t outcome) const
{
    // Every Bell-diagonal state has a maximally mixed single-qubit marginal.
    return 0.5;
}

double
BellDiagonalState::Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome)
{
    NS_ASSERT_MSG(false, "BellDiagonalState: projection needs a density matrix");
    return 0;
}

bool
BellDiagonalState::SupportsRemoval() const
{
    return false;
}

void
BellDiagonalState::RemoveQubit(uint32_t target, RandomVariableStream& rng)
{
    NS_ASSERT_MSG(false, "BellDiagonalState: partial trace needs a density matrix");
}

QMatrix
BellDiagonalState::GetDensityMatrix() const
{
    QMatrix rho = QMatrix::Zero(4, 4);
    for (uint32_t m = 0; m < 4; ++m)
    {
        const QVector b = BellStateVector(BellStateFromLabel(m));
        rho += m_p[m] * b * b.adjoint();
    }
    return rho;
}

double
BellDiagonalState::GetFidelity(const QVector& reference, const std::vector<uint32_t>& targets) const
{
    if (targets.size() == 2)
    {
        // Fast path for a Bell-state reference.
        for (uint32_t m = 0; m < 4; ++m)
        {
            const QVector b = BellStateVector(BellStateFromLabel(m));
            if (std::abs(std::abs(b.dot(reference)) - 1) < 1e-12)
            {
                return m_p[m];
            }
        }
    }
    return QuantumState::GetFidelity(reference, targets);
}

BellState
BellDiagonalState::SampleBellMeasurement(RandomVariableStream& rng) const
{
    const double u = rng.GetValue();
    double c = 0;
    uint32_t last = 0;
    for (uint32_t m = 0; m < 4; ++m)
    {
        if (m_p[m] <= 0)
        {
            continue;
        }
        last = m;
        c += m_p[m];
        if (u < c)
        {
            return BellStateFromLabel(m);
        }
    }
    return BellStateFromLabel(last);
}

bool
BellDiagonalState::FromDensityMatrix(const QMatrix& rho,
                                     double tolerance,
                                     Coefficients& coefficients)
{
    if (rho.rows() != 4 || rho.cols() != 4)
    {
        return false;
    }
    QMatrix basis(4, 4);
    for (uint32_t m = 0; m < 4; ++m)
    {
        basis.col(m) = BellStateVector(BellStateFromLabel(m));
    }
    const QMatrix inBell = basis.adjoint() * rho * basis;
    for (uint32_t i = 0; i < 4; ++i)
    {
        for (uint32_t j = 0; j < 4; ++j)
        {
            if (i != j && std::abs(inBell(i, j)) > tolerance)
            {
                return false;
            }
        }
        coefficients[i] = std::max(0.0, std::real(inBell(i, i)));
    }
    return true;
}

} // namespace ns3
