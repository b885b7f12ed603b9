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

#if defined(__SANITIZE_ADDRESS__)
#define QUANTUM_SIGNAL_NO_POOL 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QUANTUM_SIGNAL_NO_POOL 1
#endif
#endif

#ifndef QUANTUM_SIGNAL_NO_POOL
/**
 * Free list of signal-sized blocks (one per thread; a block freed on another
 * thread joins that thread's list).  Bounded, so a burst does not keep its
 * peak memory for the rest of the run beyond kMaxFreeSignals blocks.
 */
struct SignalFreeList
{
    void* head{nullptr}; //!< first free block (its first word links to the next)
    uint32_t size{0};    //!< blocks in the list
};

constexpr uint32_t kMaxFreeSignals = 1u << 16; //!< bound of the free list (about 10 MB)
thread_local SignalFreeList g_freeSignals;     //!< this thread's free list
#endif
} // namespace

void*
QuantumSignal::operator new(std::size_t size)
{
#ifndef QUANTUM_SIGNAL_NO_POOL
    SignalFreeList& fl = g_freeSignals;
    if (size == sizeof(QuantumSignal) && fl.head)
    {
        void* p = fl.head;
        fl.head = *static_cast<void**>(p);
        --fl.size;
        return p;
    }
#endif
    return ::operator new(size);
}

void
QuantumSignal::operator delete(void* p, std::size_t size)
{
#ifndef QUANTUM_SIGNAL_NO_POOL
    SignalFreeList& fl = g_freeSignals;
    if (size == sizeof(QuantumSignal) && fl.size < kMaxFreeSignals)
    {
        *static_cast<void**>(p) = fl.head;
        fl.head = p;
        ++fl.size;
        return;
    }
#endif
    ::operator delete(p);
}

QuantumSignal::QuantumSignal()
    : m_kind(MODE)
    , m_id(g_nextSignalId++)
    , m_encoding(POLARIZATION)
    , m_statistics(POISSON)
    , m_mean(0)
    , m_transmittance(1)
    , m_noise{1, 0, 0, 0}
    , m_basis(0)
    , m_bit(0)
    , m_emission()
    , // zero; cheaper than converting Seconds(0)
    m_wavelength(1550e-9)
    , m_timeBin(0)
    , m_port(0)
    , m_intensityLabel(0)
    , m_pulses(1)
    , m_period()
    , m_timingVariance(0)
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
QuantumSignal::CreateMode(Statistics statistics,
                          double meanPhotonNumber,
                          uint8_t basis,
                          uint8_t bit)
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

void
QuantumSignal::AbortBadTransmittance(double eta)
{
    NS_FATAL_ERROR("QuantumSignal::ApplyTransmittance: " << eta << " is outside [0, 1]");
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

void
QuantumSignal::SetPulseTrain(uint64_t pulses, Time period)
{
    NS_ABORT_MSG_IF(m_kind != MODE,
                    "QuantumSignal::SetPulseTrain: signal "
                        << m_id << " is a QUBIT photon; only MODE pulses form trains");
    NS_ABORT_MSG_IF(pulses == 0,
                    "QuantumSignal::SetPulseTrain: signal " << m_id
                                                            << ": pulses 0 is outside [1, 2^64)");
    NS_ABORT_MSG_IF(pulses > 1 && !period.IsStrictlyPositive(),
                    "QuantumSignal::SetPulseTrain: signal "
                        << m_id << ": period " << period.As(Time::NS)
                        << " must be > 0 for a train of " << pulses << " pulses");
    m_pulses = pulses;
    m_period = pulses > 1 ? period : Time();
}

void
QuantumSignal::AddTimingVariance(double varianceSeconds2)
{
    NS_ABORT_MSG_IF(!(varianceSeconds2 >= 0) || !std::isfinite(varianceSeconds2),
                    "QuantumSignal::AddTimingVariance: signal " << m_id << ": variance "
                                                                << varianceSeconds2
                                                                << " s^2 is outside [0, infinity)");
    m_timingVariance += varianceSeconds2;
}

void
QuantumSignal::SetWavelengthMeters(double lambda)
{
    NS_ABORT_MSG_IF(!(lambda > 0),
                    "QuantumSignal::SetWavelengthMeters: " << lambda << " must be > 0");
    m_wavelength = lambda;
}

} // namespace ns3
