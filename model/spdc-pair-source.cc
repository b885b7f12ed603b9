/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "spdc-pair-source.h"

#include "photon-number-statistics.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SpdcPairSource");

NS_OBJECT_ENSURE_REGISTERED(SpdcPairSource);

namespace
{

/** @return the fully depolarizing single-qubit Pauli channel */
const KrausChannel&
Unpolarized()
{
    static const KrausChannel c
        = KrausChannel::Pauli({0.25, 0.25, 0.25, 0.25}, "unpolarized SPDC arm");
    return c;
}

} // namespace

TypeId
SpdcPairSource::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SpdcPairSource")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<SpdcPairSource>()
              .AddAttribute("MeanPairNumber",
                            "Mean number of pairs per pump pulse, mu (>= 0); pair numbers are "
                            "thermal, P(n) = mu^n / (1 + mu)^(n+1).",
                            DoubleValue(0.01),
                            MakeDoubleAccessor(&SpdcPairSource::SetMeanPairNumber,
                                               &SpdcPairSource::GetMeanPairNumber),
                            MakeDoubleChecker<double>(0.0))
              .AddAttribute("BellState",
                            "The two-photon state of a single pair.",
                            EnumValue(static_cast<int>(BellState::PHI_PLUS)),
                            MakeEnumAccessor(&SpdcPairSource::SetBellStateValue,
                                             &SpdcPairSource::GetBellStateValue),
                            MakeEnumChecker(static_cast<int>(BellState::PHI_PLUS),
                                            "PhiPlus",
                                            static_cast<int>(BellState::PSI_PLUS),
                                            "PsiPlus",
                                            static_cast<int>(BellState::PHI_MINUS),
                                            "PhiMinus",
                                            static_cast<int>(BellState::PSI_MINUS),
                                            "PsiMinus"))
              .AddAttribute("Formalism",
                            "Formalism of the photon pairs: the registry's default, or "
                            "DensityMatrix, StateVector, BellDiagonal, Stabilizer.",
                            EnumValue(FORMALISM_DEFAULT),
                            MakeEnumAccessor(&SpdcPairSource::m_formalism),
                            MakeEnumChecker(FORMALISM_DEFAULT,
                                            "Default",
                                            static_cast<int>(QuantumFormalism::DENSITY_MATRIX),
                                            "DensityMatrix",
                                            static_cast<int>(QuantumFormalism::STATE_VECTOR),
                                            "StateVector",
                                            static_cast<int>(QuantumFormalism::BELL_DIAGONAL),
                                            "BellDiagonal",
                                            static_cast<int>(QuantumFormalism::STABILIZER),
                                            "Stabilizer"))
              .AddAttribute("Encoding",
                            "Photonic encoding of the pairs.",
                            EnumValue(QuantumSignal::POLARIZATION),
                            MakeEnumAccessor(&SpdcPairSource::m_encoding),
                            MakeEnumChecker(QuantumSignal::POLARIZATION,
                                            "Polarization",
                                            QuantumSignal::TIME_BIN,
                                            "TimeBin"))
              .AddAttribute("WavelengthNm",
                            "Wavelength of arm A (signal) in nm.",
                            DoubleValue(1550.0),
                            MakeDoubleAccessor(&SpdcPairSource::m_wavelengthNm),
                            MakeDoubleChecker<double>(1.0, 1e6))
              .AddAttribute("IdlerWavelengthNm",
                            "Wavelength of arm B (idler) in nm; 0: the same as WavelengthNm "
                            "(degenerate down-conversion).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&SpdcPairSource::m_idlerWavelengthNm),
                            MakeDoubleChecker<double>(0.0, 1e6))
              .AddAttribute("Registry",
                            "The state engine photons are created in; the simulation's default "
                            "registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&SpdcPairSource::m_registry),
                            MakePointerChecker<QuantumStateRegistry>())
              .AddTraceSource("PairEmission",
                              "A pump pulse and its pair number (ground truth).",
                              MakeTraceSourceAccessor(&SpdcPairSource::m_pairTrace),
                              "ns3::SpdcPairSource::PairEmissionTracedCallback");
    return tid;
}

SpdcPairSource::SpdcPairSource()
    : m_mu(0.01)
    , m_bellState(BellState::PHI_PLUS)
    , m_formalism(FORMALISM_DEFAULT)
    , m_encoding(QuantumSignal::POLARIZATION)
    , m_wavelengthNm(1550.0)
    , m_idlerWavelengthNm(0.0)
    , m_pulseIndex(0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

SpdcPairSource::~SpdcPairSource()
{
    NS_LOG_FUNCTION(this);
}

void
SpdcPairSource::DoDispose()
{
    m_registry = nullptr;
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
SpdcPairSource::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

Ptr<QuantumStateRegistry>
SpdcPairSource::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

void
SpdcPairSource::SetMeanPairNumber(double mu)
{
    NS_ABORT_MSG_IF(!(mu >= 0) || !std::isfinite(mu),
                    "SpdcPairSource: MeanPairNumber = " << mu
                                                        << " is outside the valid range "
                                                           "[0, infinity)");
    m_mu = mu;
}

double
SpdcPairSource::GetMeanPairNumber() const
{
    return m_mu;
}

void
SpdcPairSource::SetBellStateValue(int value)
{
    m_bellState = BellStateFromLabel(value);
}

int
SpdcPairSource::GetBellStateValue() const
{
    return static_cast<int>(m_bellState);
}

uint64_t
SpdcPairSource::GetPulseCount() const
{
    return m_pulseIndex;
}

double
SpdcPairSource::GetPairNumberProbability(uint32_t n) const
{
    return PhotonNumberStatistics::Probability(QuantumSignal::THERMAL, m_mu, n);
}

Ptr<QuantumSignal>
SpdcPairSource::CreateArmMode() const
{
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::THERMAL, m_mu, 0, 0);
    s->ComposePauliNoise(Unpolarized());
    return s;
}

void
SpdcPairSource::Stamp(Ptr<QuantumSignal> signal, bool armB, uint64_t pulseIndex) const
{
    const double nm = (armB && m_idlerWavelengthNm > 0) ? m_idlerWavelengthNm : m_wavelengthNm;
    signal->SetEmissionTime(Simulator::Now());
    signal->SetWavelengthMeters(nm * 1e-9);
    signal->SetTimeBin(pulseIndex);
}

SpdcEmission
SpdcPairSource::Emit()
{
    NS_LOG_FUNCTION(this);
    const uint64_t index = m_pulseIndex++;
    SpdcEmission e;
    e.pairs = PhotonNumberStatistics::SampleThermal(m_mu, *m_uniform);
    m_pairTrace(index, e.pairs);
    if (e.pairs == 0)
    {
        return e;
    }
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    const QuantumFormalism f = m_formalism == FORMALISM_DEFAULT
                                   ? reg->GetDefaultFormalism()
                                   : static_cast<QuantumFormalism>(m_formalism);
    std::pair<QubitHandle, QubitHandle> qubits;
    if (e.pairs == 1)
    {
        qubits = reg->CreateBellPair(m_bellState, f);
    }
    else
    {
        switch (f)
        {
            case QuantumFormalism::DENSITY_MATRIX: {
                const std::vector<QubitHandle> q
                    = reg->CreateMixedState(QMatrix::Identity(4, 4) * 0.25);
                qubits = {q[0], q[1]};
                break;
            }
            case QuantumFormalism::BELL_DIAGONAL:
                qubits = reg->CreateBellDiagonalPair({0.25, 0.25, 0.25, 0.25});
                break;
            default:
                // Pure-state formalisms: a uniformly random Bell state (I/4 in distribution).
                qubits = reg->CreateBellPair(BellStateFromLabel(m_uniform->GetInteger(0, 3)), f);
        }
    }
    e.photonA = QuantumSignal::CreateQubit(qubits.first, m_encoding);
    e.photonB = QuantumSignal::CreateQubit(qubits.second, m_encoding);
    e.modeA = QuantumSignal::CreateMode(QuantumSignal::FOCK, e.pairs, 0, 0);
    e.modeB = QuantumSignal::CreateMode(QuantumSignal::FOCK, e.pairs, 0, 0);
    e.modeA->ComposePauliNoise(Unpolarized());
    e.modeB->ComposePauliNoise(Unpolarized());
    Stamp(e.photonA, false, index);
    Stamp(e.photonB, true, index);
    Stamp(e.modeA, false, index);
    Stamp(e.modeB, true, index);
    return e;
}

} // namespace ns3
