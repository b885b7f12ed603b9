/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kraus-channel.h"

#include "ns3/abort.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * Abort unless a probability-like parameter lies in [0, 1].
 * @param what the factory and parameter name
 * @param value the value
 */
void
CheckUnitInterval(const char* what, double value)
{
    NS_ABORT_MSG_IF(!(value >= 0.0 && value <= 1.0),
                    "KrausChannel::" << what << " = " << value
                                     << " is outside the valid range [0, 1]");
}

} // namespace

KrausChannel::KrausChannel()
    : m_numQubits(0)
{
}

QMatrix
KrausChannel::PauliMatrix(uint32_t pauliIndex)
{
    QMatrix m = QMatrix::Zero(2, 2);
    switch (pauliIndex)
    {
        case 0:
            m(0, 0) = 1;
            m(1, 1) = 1;
            break;
        case 1:
            m(0, 1) = 1;
            m(1, 0) = 1;
            break;
        case 2:
            m(0, 1) = QComplex(0, -1);
            m(1, 0) = QComplex(0, 1);
            break;
        case 3:
            m(0, 0) = 1;
            m(1, 1) = -1;
            break;
        default:
            NS_ABORT_MSG("KrausChannel::PauliMatrix: Pauli index " << pauliIndex
                                                                   << " is outside [0, 3]");
    }
    return m;
}

KrausChannel
KrausChannel::FromKraus(const std::vector<QMatrix>& kraus,
                        const std::string& name,
                        double tolerance)
{
    NS_ABORT_MSG_IF(kraus.empty(), "KrausChannel '" << name << "': no Kraus operators given");
    const auto dim = kraus.front().rows();
    NS_ABORT_MSG_IF(dim < 2 || (dim & (dim - 1)) != 0,
                    "KrausChannel '" << name << "': dimension " << dim
                                     << " is not a power of two >= 2");
    QMatrix sum = QMatrix::Zero(dim, dim);
    for (size_t i = 0; i < kraus.size(); ++i)
    {
        NS_ABORT_MSG_IF(kraus[i].rows() != dim || kraus[i].cols() != dim,
                        "KrausChannel '" << name << "': Kraus operator " << i << " is "
                                         << kraus[i].rows() << "x" << kraus[i].cols()
                                         << ", expected " << dim << "x" << dim);
        sum += kraus[i].adjoint() * kraus[i];
    }
    const double err = (sum - QMatrix::Identity(dim, dim)).cwiseAbs().maxCoeff();
    NS_ABORT_MSG_IF(!(err <= tolerance),
                    "KrausChannel '"
                        << name << "': not trace preserving, max |sum K^dagger K - I| = " << err
                        << " exceeds the tolerance " << tolerance);
    KrausChannel c;
    c.m_kraus = kraus;
    c.m_name = name;
    uint32_t k = 0;
    while ((Eigen::Index(1) << k) < dim)
    {
        ++k;
    }
    c.m_numQubits = k;
    return c;
}

KrausChannel
KrausChannel::Pauli(const std::vector<double>& probabilities, const std::string& name)
{
    const size_t n = probabilities.size();
    NS_ABORT_MSG_IF(n != 4 && n != 16,
                    "KrausChannel::Pauli '" << name << "': " << n
                                            << " probabilities given, expected 4 (one qubit) or "
                                               "16 (two qubits)");
    double total = 0;
    for (size_t i = 0; i < n; ++i)
    {
        NS_ABORT_MSG_IF(!(probabilities[i] >= 0.0 && probabilities[i] <= 1.0),
                        "KrausChannel::Pauli '" << name << "': probability " << i << " = "
                                                << probabilities[i]
                                                << " is outside the valid range [0, 1]");
        total += probabilities[i];
    }
    NS_ABORT_MSG_IF(std::abs(total - 1.0) > 1e-9,
                    "KrausChannel::Pauli '" << name << "': probabilities sum to " << total
                                            << ", not 1");
    std::vector<QMatrix> kraus;
    for (size_t i = 0; i < n; ++i)
    {
        if (probabilities[i] == 0)
        {
            continue;
        }
        QMatrix p = (n == 4) ? PauliMatrix(i)
                             : quantumlinalg::Kron(PauliMatrix(i / 4), PauliMatrix(i % 4));
        kraus.push_back(std::sqrt(probabilities[i]) * p);
    }
    KrausChannel c = FromKraus(kraus, name);
    c.m_pauli = probabilities;
    return c;
}

KrausChannel
KrausChannel::Depolarizing(double p, uint32_t numQubits)
{
    CheckUnitInterval("Depolarizing p", p);
    NS_ABORT_MSG_IF(numQubits != 1 && numQubits != 2,
                    "KrausChannel::Depolarizing: numQubits = " << numQubits
                                                               << " is not supported (1 or 2)");
    std::ostringstream name;
    name << "Depolarizing(" << p << ")";
    const size_t n = (numQubits == 1) ? 4 : 16;
    std::vector<double> probs(n, p / n);
    probs[0] = 1 - p + p / n;
    return Pauli(probs, name.str());
}

KrausChannel
KrausChannel::Dephasing(double p)
{
    CheckUnitInterval("Dephasing p", p);
    std::ostringstream name;
    name << "Dephasing(" << p << ")";
    return Pauli({1 - p, 0, 0, p}, name.str());
}

KrausChannel
KrausChannel::BitFlip(double p)
{
    CheckUnitInterval("BitFlip p", p);
    std::ostringstream name;
    name << "BitFlip(" << p << ")";
    return Pauli({1 - p, p, 0, 0}, name.str());
}

KrausChannel
KrausChannel::AmplitudeDamping(double gamma)
{
    return GeneralizedAmplitudeDamping(gamma, 1.0);
}

KrausChannel
KrausChannel::GeneralizedAmplitudeDamping(double gamma, double p)
{
    CheckUnitInterval("GeneralizedAmplitudeDamping gamma", gamma);
    CheckUnitInterval("GeneralizedAmplitudeDamping p", p);
    std::ostringstream name;
    name << (p == 1.0 ? "AmplitudeDamping(" : "GeneralizedAmplitudeDamping(") << gamma;
    if (p != 1.0)
    {
        name << ", " << p;
    }
    name << ")";
    if (gamma == 0)
    {
        return Pauli({1, 0, 0, 0}, name.str());
    }
    std::vector<QMatrix> k;
    const double sp = std::sqrt(p);
    const double sq = std::sqrt(1 - p);
    const double sg = std::sqrt(gamma);
    const double s1g = std::sqrt(1 - gamma);
    if (p > 0)
    {
        QMatrix k0 = QMatrix::Zero(2, 2);
        k0(0, 0) = sp;
        k0(1, 1) = sp * s1g;
        QMatrix k1 = QMatrix::Zero(2, 2);
        k1(0, 1) = sp * sg;
        k.push_back(k0);
        k.push_back(k1);
    }
    if (p < 1)
    {
        QMatrix k2 = QMatrix::Zero(2, 2);
        k2(0, 0) = sq * s1g;
        k2(1, 1) = sq;
        QMatrix k3 = QMatrix::Zero(2, 2);
        k3(1, 0) = sq * sg;
        k.push_back(k2);
        k.push_back(k3);
    }
    return FromKraus(k, name.str());
}

KrausChannel
KrausChannel::MemoryDecay(double dtSeconds, double t1Seconds, double t2Seconds)
{
    NS_ABORT_MSG_IF(!(dtSeconds >= 0),
                    "KrausChannel::MemoryDecay: duration " << dtSeconds
                                                           << " s is negative; it must be >= 0");
    NS_ABORT_MSG_IF(!(t1Seconds > 0),
                    "KrausChannel::MemoryDecay: T1 = " << t1Seconds
                                                       << " s must be > 0 (use infinity for no "
                                                          "energy relaxation)");
    NS_ABORT_MSG_IF(!(t2Seconds > 0),
                    "KrausChannel::MemoryDecay: T2 = " << t2Seconds
                                                       << " s must be > 0 (use infinity for no "
                                                          "dephasing)");
    NS_ABORT_MSG_IF(t2Seconds > 2 * t1Seconds,
                    "KrausChannel::MemoryDecay: T2 = " << t2Seconds
                                                       << " s exceeds 2*T1 = " << 2 * t1Seconds
                                                       << " s, which is unphysical (T2 <= 2 T1)");
    std::ostringstream name;
    name << "MemoryDecay(dt=" << dtSeconds << "s, T1=" << t1Seconds << "s, T2=" << t2Seconds
         << "s)";
    // Amplitude damping alone multiplies rho_01 by sqrt(1 - gamma) = exp(-dt / (2 T1));
    // the remaining factor exp(-dt (1/T2 - 1/(2 T1))) comes from pure dephasing with
    // 1 - 2 p = that factor.
    const double gamma = std::isinf(t1Seconds) ? 0.0 : -std::expm1(-dtSeconds / t1Seconds);
    const double rate = (std::isinf(t2Seconds) ? 0.0 : 1.0 / t2Seconds)
                        - (std::isinf(t1Seconds) ? 0.0 : 0.5 / t1Seconds);
    const double pz = 0.5 * (1 - std::exp(-dtSeconds * std::max(rate, 0.0)));
    if (gamma == 0)
    {
        return Pauli({1 - pz, 0, 0, pz}, name.str());
    }
    const KrausChannel ad = AmplitudeDamping(gamma);
    std::vector<QMatrix> k;
    const QMatrix z = PauliMatrix(3);
    for (const auto& a : ad.GetKrausOperators())
    {
        k.push_back(std::sqrt(1 - pz) * a);
        if (pz > 0)
        {
            k.push_back(std::sqrt(pz) * z * a);
        }
    }
    return FromKraus(k, name.str());
}

const std::vector<QMatrix>&
KrausChannel::GetKrausOperators() const
{
    return m_kraus;
}

uint32_t
KrausChannel::GetNumQubits() const
{
    return m_numQubits;
}

std::string
KrausChannel::GetName() const
{
    return m_name;
}

bool
KrausChannel::IsPauli() const
{
    return !m_pauli.empty();
}

const std::vector<double>&
KrausChannel::GetPauliProbabilities() const
{
    return m_pauli;
}

bool
KrausChannel::IsIdentity() const
{
    return IsPauli() && m_pauli[0] == 1.0;
}

} // namespace ns3
