/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-signal.h"

#include "ns3/abort.h"

#include <cmath>

namespace ns3
{

namespace
{
uint64_t g_nextSignalId = 1; //!< next signal id (process-wide, for traces only)
} // namespace

QuantumSignal::QuantumSignal()
    : m_kind(MODE),
      m_id(g_nextSignalId++),
      m_encoding(POLARIZATION),
      m_statistics(POISSON),
      m_mean(0),
      m_transmittance(1),
      m_noise{1, 0, 0, 0},
      m_basis(0),
      m_bit(0),
      m_emission(Seconds(0)),
      m_wavelength(1550e-9),
      m_timeBin(0),
      m_port(0),
      m_intensityLabel(0)
{
}

Ptr<QuantumSignal>
QuantumSignal::CreateQubit(QubitHandle qubit, Encoding encoding)
{
    NS_ABORT_MSG_IF(!qubit.IsValid(), "QuantumSignal::CreateQubit: invalid qubit handle");
    Ptr<QuantumSignal> s = Ptr<QuantumSignal>(new QuantumSignal(), false);
    s->m_kind = QUBIT;
    s->m_qubit = qubit;
    s->m_encoding = encoding;
    s->m_statistics = FOCK;
    s->m_mean = 1;
    return s;
}

Ptr<QuantumSignal>
QuantumSignal::CreateMode(Statistics statistics, double meanPhotonNumber, uint8_t basis, uint8_t bit)
{
    NS_ABORT_MSG_IF(!(meanPhotonNumber >= 0) || !std::isfinite(meanPhotonNumber),
                    "QuantumSignal::CreateMode: mean photon number " << meanPhotonNumber
                                                                     << " must be finite and >= 0");
    NS_ABORT_MSG_IF(statistics == FOCK && meanPhotonNumber != std::floor(meanPhotonNumber),
                    "QuantumSignal::CreateMode: a Fock state needs an integer photon number, got "
                        << meanPhotonNumber);
    NS_ABORT_MSG_IF(basis > 1 || bit > 1,
                    "QuantumSignal::CreateMode: basis " << int(basis) << " and bit " << int(bit)
                                                        << " must be 0 or 1");
    Ptr<QuantumSignal> s = Ptr<QuantumSignal>(new QuantumSignal(), false);
    s->m_kind = MODE;
    s->m_statistics = statistics;
    s->m_mean = meanPhotonNumber;
    s->m_basis = basis;
    s->m_bit = bit;
    return s;
}

QuantumSignal::Kind
QuantumSignal::GetKind() const
{
    return m_kind;
}

uint64_t
QuantumSignal::GetId() const
{
    return m_id;
}

QubitHandle
QuantumSignal::GetQubit() const
{
    return m_qubit;
}

QuantumSignal::Encoding
QuantumSignal::GetEncoding() const
{
    return m_encoding;
}

QuantumSignal::Statistics
QuantumSignal::GetStatistics() const
{
    return m_statistics;
}

double
QuantumSignal::GetMeanPhotonNumber() const
{
    return m_mean;
}

double
QuantumSignal::GetArrivingMeanPhotonNumber() const
{
    return m_mean * m_transmittance;
}

uint8_t
QuantumSignal::GetBasis() const
{
    return m_basis;
}

uint8_t
QuantumSignal::GetBit() const
{
    return m_bit;
}

double
QuantumSignal::GetTransmittance() const
{
    return m_transmittance;
}

void
QuantumSignal::ApplyTransmittance(double eta)
{
    NS_ABORT_MSG_IF(!(eta >= 0 && eta <= 1),
                    "QuantumSignal::ApplyTransmittance: " << eta << " is outside [0, 1]");
    m_transmittance *= eta;
}

void
QuantumSignal::ComposePauliNoise(const KrausChannel& channel)
{
    NS_ABORT_MSG_IF(!channel.IsPauli() || channel.GetNumQubits() != 1,
                    "QuantumSignal::ComposePauliNoise: channel "
                        << channel.GetName()
                        << " is not a single-qubit Pauli channel; a MODE pulse carries Pauli noise "
                           "only");
    const auto& q = channel.GetPauliProbabilities();
    // Paulis compose as the Klein group (up to phase): index XOR on (x, z) bits.
    // Pauli index -> (x, z): I (0,0), X (1,0), Y (1,1), Z (0,1).
    static const uint32_t toXz[4] = {0, 1, 3, 2};
    static const uint32_t fromXz[4] = {0, 1, 3, 2};
    std::array<double, 4> r{0, 0, 0, 0};
    for (uint32_t a = 0; a < 4; ++a)
    {
        for (uint32_t b = 0; b < 4; ++b)
        {
            r[fromXz[toXz[a] ^ toXz[b]]] += m_noise[a] * q[b];
        }
    }
    m_noise = r;
}

const std::array<double, 4>&
QuantumSignal::GetPauliNoise() const
{
    return m_noise;
}

double
QuantumSignal::GetFlipProbability(uint8_t basis) const
{
    // Z-basis states are flipped by X and Y; X-basis states by Z and Y.
    return basis == 0 ? m_noise[1] + m_noise[2] : m_noise[3] + m_noise[2];
}

Time
QuantumSignal::GetEmissionTime() const
{
    return m_emission;
}

void
QuantumSignal::SetEmissionTime(Time t)
{
    m_emission = t;
}

double
QuantumSignal::GetWavelengthMeters() const
{
    return m_wavelength;
}

void
QuantumSignal::SetWavelengthMeters(double lambda)
{
    NS_ABORT_MSG_IF(!(lambda > 0), "QuantumSignal::SetWavelengthMeters: " << lambda << " must be > 0");
    m_wavelength = lambda;
}

uint64_t
QuantumSignal::GetTimeBin() const
{
    return m_timeBin;
}

void
QuantumSignal::SetTimeBin(uint64_t bin)
{
    m_timeBin = bin;
}

uint16_t
QuantumSignal::GetPort() const
{
    return m_port;
}

void
QuantumSignal::SetPort(uint16_t port)
{
    m_port = port;
}

uint32_t
QuantumSignal::GetIntensityLabel() const
{
    return m_intensityLabel;
}

void
QuantumSignal::SetIntensityLabel(uint32_t label)
{
    m_intensityLabel = label;
}

} // namespace ns3
