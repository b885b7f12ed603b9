/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "single-photon-source.h"

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

NS_LOG_COMPONENT_DEFINE("SinglePhotonSource");

NS_OBJECT_ENSURE_REGISTERED(SinglePhotonSource);

namespace
{

/**
 * Abort unless a probability attribute is in [0, 1].
 * @param attribute the attribute name
 * @param p the value
 */
void
CheckUnit(const char* attribute, double p)
{
    NS_ABORT_MSG_IF(!(p >= 0 && p <= 1),
                    "SinglePhotonSource: " << attribute << " = " << p
                                           << " is outside the valid range [0, 1]");
}

/**
 * The Clifford preparations of the six stabilizer states from |0>.
 */
struct StabilizerPreparation
{
    QVector state;                  //!< the target state
    std::vector<QuantumGate> gates; //!< gates applied to |0>, in order
};

/**
 * @return the six single-qubit stabilizer states and their preparations
 */
std::vector<StabilizerPreparation>
StabilizerPreparations()
{
    const double r = 1 / std::sqrt(2.0);
    const QComplex i(0, 1);
    std::vector<StabilizerPreparation> v;
    QVector s(2);
    s << 1, 0;
    v.push_back({s, {}});
    s << 0, 1;
    v.push_back({s, {QuantumGate::PauliX()}});
    s << r, r;
    v.push_back({s, {QuantumGate::Hadamard()}});
    s << r, -r;
    v.push_back({s, {QuantumGate::PauliX(), QuantumGate::Hadamard()}});
    s << r, i * r;
    v.push_back({s, {QuantumGate::Hadamard(), QuantumGate::Phase()}});
    s << r, -i * r;
    v.push_back({s, {QuantumGate::Hadamard(), QuantumGate::PhaseDagger()}});
    return v;
}

} // namespace

TypeId
SinglePhotonSource::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SinglePhotonSource")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<SinglePhotonSource>()
              .AddAttribute("Efficiency",
                            "Probability that a trigger yields a photon, in [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&SinglePhotonSource::SetEfficiency,
                                               &SinglePhotonSource::GetEfficiency),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("MultiPhotonProbability",
                            "Probability of two photons given an emission, in [0, 1] (sets "
                            "g2(0)); MODE pulses only.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&SinglePhotonSource::SetMultiPhotonProbability,
                                               &SinglePhotonSource::GetMultiPhotonProbability),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("WavelengthNm",
                            "Wavelength of the emitted photons in nm.",
                            DoubleValue(1550.0),
                            MakeDoubleAccessor(&SinglePhotonSource::m_wavelengthNm),
                            MakeDoubleChecker<double>(1.0, 1e6))
              .AddAttribute("Formalism",
                            "Formalism of the qubits of QUBIT photons: the registry's default, "
                            "or DensityMatrix, StateVector, Stabilizer (stabilizer states only).",
                            EnumValue(FORMALISM_DEFAULT),
                            MakeEnumAccessor(&SinglePhotonSource::m_formalism),
                            MakeEnumChecker(FORMALISM_DEFAULT,
                                            "Default",
                                            static_cast<int>(QuantumFormalism::DENSITY_MATRIX),
                                            "DensityMatrix",
                                            static_cast<int>(QuantumFormalism::STATE_VECTOR),
                                            "StateVector",
                                            static_cast<int>(QuantumFormalism::STABILIZER),
                                            "Stabilizer"))
              .AddAttribute("Encoding",
                            "Photonic encoding of QUBIT photons.",
                            EnumValue(QuantumSignal::POLARIZATION),
                            MakeEnumAccessor(&SinglePhotonSource::m_encoding),
                            MakeEnumChecker(QuantumSignal::POLARIZATION,
                                            "Polarization",
                                            QuantumSignal::TIME_BIN,
                                            "TimeBin"))
              .AddAttribute("Registry",
                            "The state engine photons are created in; the simulation's default "
                            "registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&SinglePhotonSource::m_registry),
                            MakePointerChecker<QuantumStateRegistry>())
              .AddTraceSource("Trigger",
                              "A trigger and the photon number it emitted (ground truth).",
                              MakeTraceSourceAccessor(&SinglePhotonSource::m_triggerTrace),
                              "ns3::SinglePhotonSource::TriggerTracedCallback")
              .AddTraceSource("Emission",
                              "A signal left the source.",
                              MakeTraceSourceAccessor(&SinglePhotonSource::m_emissionTrace),
                              "ns3::SinglePhotonSource::EmissionTracedCallback");
    return tid;
}

SinglePhotonSource::SinglePhotonSource()
    : m_efficiency(1.0)
    , m_multiPhoton(0.0)
    , m_wavelengthNm(1550.0)
    , m_formalism(FORMALISM_DEFAULT)
    , m_encoding(QuantumSignal::POLARIZATION)
    , m_pulseIndex(0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

SinglePhotonSource::~SinglePhotonSource()
{
    NS_LOG_FUNCTION(this);
}

void
SinglePhotonSource::DoDispose()
{
    m_registry = nullptr;
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
SinglePhotonSource::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

Ptr<QuantumStateRegistry>
SinglePhotonSource::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

void
SinglePhotonSource::SetEfficiency(double efficiency)
{
    CheckUnit("Efficiency", efficiency);
    m_efficiency = efficiency;
}

double
SinglePhotonSource::GetEfficiency() const
{
    return m_efficiency;
}

void
SinglePhotonSource::SetMultiPhotonProbability(double p)
{
    CheckUnit("MultiPhotonProbability", p);
    m_multiPhoton = p;
}

double
SinglePhotonSource::GetMultiPhotonProbability() const
{
    return m_multiPhoton;
}

double
SinglePhotonSource::GetPhotonNumberProbability(uint32_t n) const
{
    switch (n)
    {
        case 0:
            return 1 - m_efficiency;
        case 1:
            return m_efficiency * (1 - m_multiPhoton);
        case 2:
            return m_efficiency * m_multiPhoton;
        default:
            return 0;
    }
}

double
SinglePhotonSource::GetSecondOrderCoherence() const
{
    const double p1 = GetPhotonNumberProbability(1);
    const double p2 = GetPhotonNumberProbability(2);
    const double mean = p1 + 2 * p2;
    return mean > 0 ? 2 * p2 / (mean * mean) : 0.0;
}

uint64_t
SinglePhotonSource::GetPulseCount() const
{
    return m_pulseIndex;
}

uint32_t
SinglePhotonSource::DrawPhotonNumber()
{
    if (!(m_uniform->GetValue() < m_efficiency))
    {
        return 0;
    }
    if (m_multiPhoton > 0 && m_uniform->GetValue() < m_multiPhoton)
    {
        return 2;
    }
    return 1;
}

void
SinglePhotonSource::Stamp(Ptr<QuantumSignal> signal, uint64_t pulseIndex)
{
    signal->SetEmissionTime(Simulator::Now());
    signal->SetWavelengthMeters(m_wavelengthNm * 1e-9);
    signal->SetTimeBin(pulseIndex);
    m_emissionTrace(signal);
}

Ptr<QuantumSignal>
SinglePhotonSource::EmitMode(uint8_t basis, uint8_t bit)
{
    NS_LOG_FUNCTION(this << int(basis) << int(bit));
    NS_ABORT_MSG_IF(basis > 1 || bit > 1,
                    "SinglePhotonSource::EmitMode: basis " << int(basis) << " and bit " << int(bit)
                                                           << " must be 0 or 1");
    const uint64_t index = m_pulseIndex++;
    const uint32_t n = DrawPhotonNumber();
    m_triggerTrace(index, n);
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::FOCK, n, basis, bit);
    Stamp(s, index);
    return s;
}

Ptr<QuantumSignal>
SinglePhotonSource::EmitQubit(const MeasurementBasis& basis, uint32_t bit)
{
    NS_ABORT_MSG_IF(bit > 1, "SinglePhotonSource::EmitQubit: bit " << bit << " must be 0 or 1");
    return EmitQubit(basis.GetEigenvector(bit));
}

Ptr<QuantumSignal>
SinglePhotonSource::EmitQubit(const QVector& state)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(state.size() != 2,
                    "SinglePhotonSource::EmitQubit: a photon carries one qubit; got a state of "
                        << state.size() << " amplitudes, expected 2");
    NS_ABORT_MSG_IF(std::abs(state.squaredNorm() - 1) > 1e-9,
                    "SinglePhotonSource::EmitQubit: the state is not normalised (norm^2 = "
                        << state.squaredNorm() << ")");
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    const QuantumFormalism f = m_formalism == FORMALISM_DEFAULT
                                   ? reg->GetDefaultFormalism()
                                   : static_cast<QuantumFormalism>(m_formalism);
    const StabilizerPreparation* prep = nullptr;
    static const std::vector<StabilizerPreparation> preps = StabilizerPreparations();
    if (f == QuantumFormalism::STABILIZER)
    {
        for (const auto& p : preps)
        {
            if (std::norm(p.state.dot(state)) > 1 - 1e-9)
            {
                prep = &p;
                break;
            }
        }
        NS_ABORT_MSG_IF(!prep,
                        "SinglePhotonSource::EmitQubit: the state ("
                            << state(0) << ", " << state(1)
                            << ") is not a stabilizer state; the Stabilizer formalism holds only "
                               "|0>, |1>, |+>, |->, |+i>, |-i> (set Formalism to DensityMatrix "
                               "or StateVector)");
    }
    const uint64_t index = m_pulseIndex++;
    const bool emitted = m_uniform->GetValue() < m_efficiency;
    m_triggerTrace(index, emitted ? 1 : 0);
    if (!emitted)
    {
        return nullptr;
    }
    QubitHandle q;
    if (prep)
    {
        q = reg->CreateQubit(QuantumFormalism::STABILIZER);
        for (const auto& g : prep->gates)
        {
            reg->ApplyGate(g, {q});
        }
    }
    else
    {
        q = reg->CreateState(state, f)[0];
    }
    Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(q, m_encoding);
    Stamp(s, index);
    return s;
}

} // namespace ns3
