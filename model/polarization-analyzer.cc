/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "polarization-analyzer.h"

#include "photon-number-statistics.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PolarizationAnalyzer");

NS_OBJECT_ENSURE_REGISTERED(PolarizationAnalyzer);

TypeId
PolarizationAnalyzer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PolarizationAnalyzer")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<PolarizationAnalyzer>()
              .AddAttribute("Basis",
                            "Measurement basis of Analyze(signal): Z (H/V), X (D/A) or Y (R/L); "
                            "SetBasis() accepts any MeasurementBasis.",
                            EnumValue(BASIS_Z),
                            MakeEnumAccessor(&PolarizationAnalyzer::SetBasisName,
                                             &PolarizationAnalyzer::GetBasisName),
                            MakeEnumChecker(BASIS_Z, "Z", BASIS_X, "X", BASIS_Y, "Y"))
              .AddAttribute("Detector0",
                            "Detector of outcome 0 (created with default attributes if unset).",
                            PointerValue(),
                            MakePointerAccessor(&PolarizationAnalyzer::m_detector0),
                            MakePointerChecker<SinglePhotonDetector>())
              .AddAttribute("Detector1",
                            "Detector of outcome 1 (created with default attributes if unset).",
                            PointerValue(),
                            MakePointerAccessor(&PolarizationAnalyzer::m_detector1),
                            MakePointerChecker<SinglePhotonDetector>())
              .AddAttribute("Registry",
                            "The state engine of QUBIT photons; the simulation's default "
                            "registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&PolarizationAnalyzer::m_registry),
                            MakePointerChecker<QuantumStateRegistry>());
    return tid;
}

PolarizationAnalyzer::PolarizationAnalyzer()
    : m_basis(MeasurementBasis::ZBasis())
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

PolarizationAnalyzer::~PolarizationAnalyzer()
{
    NS_LOG_FUNCTION(this);
}

void
PolarizationAnalyzer::DoDispose()
{
    if (m_detector0)
    {
        m_detector0->Dispose();
    }
    if (m_detector1)
    {
        m_detector1->Dispose();
    }
    m_detector0 = nullptr;
    m_detector1 = nullptr;
    m_registry = nullptr;
    m_uniform = nullptr;
    Object::DoDispose();
}

void
PolarizationAnalyzer::EnsureDetectors()
{
    if (!m_detector0)
    {
        m_detector0 = CreateObject<SinglePhotonDetector>();
    }
    if (!m_detector1)
    {
        m_detector1 = CreateObject<SinglePhotonDetector>();
    }
}

int64_t
PolarizationAnalyzer::AssignStreams(int64_t stream)
{
    EnsureDetectors();
    m_uniform->SetStream(stream);
    int64_t used = 1;
    used += m_detector0->AssignStreams(stream + used);
    used += m_detector1->AssignStreams(stream + used);
    return used;
}

Ptr<QuantumStateRegistry>
PolarizationAnalyzer::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

void
PolarizationAnalyzer::SetBasisName(int name)
{
    switch (name)
    {
        case BASIS_Z:
            m_basis = MeasurementBasis::ZBasis();
            return;
        case BASIS_X:
            m_basis = MeasurementBasis::XBasis();
            return;
        case BASIS_Y:
            m_basis = MeasurementBasis::YBasis();
            return;
    }
    NS_FATAL_ERROR("PolarizationAnalyzer: Basis = " << name << " is not one of Z, X, Y");
}

int
PolarizationAnalyzer::GetBasisName() const
{
    switch (m_basis.GetKind())
    {
        case MeasurementBasis::X:
            return BASIS_X;
        case MeasurementBasis::Y:
            return BASIS_Y;
        default:
            return BASIS_Z;
    }
}

void
PolarizationAnalyzer::SetBasis(const MeasurementBasis& basis)
{
    m_basis = basis;
}

MeasurementBasis
PolarizationAnalyzer::GetBasis() const
{
    return m_basis;
}

Ptr<SinglePhotonDetector>
PolarizationAnalyzer::GetDetector(uint32_t k)
{
    NS_ABORT_MSG_IF(k > 1, "PolarizationAnalyzer::GetDetector: index " << k << " is not 0 or 1");
    EnsureDetectors();
    return k == 0 ? m_detector0 : m_detector1;
}

void
PolarizationAnalyzer::SetDetector(uint32_t k, Ptr<SinglePhotonDetector> detector)
{
    NS_ABORT_MSG_IF(k > 1, "PolarizationAnalyzer::SetDetector: index " << k << " is not 0 or 1");
    NS_ABORT_MSG_IF(!detector, "PolarizationAnalyzer::SetDetector: null detector");
    (k == 0 ? m_detector0 : m_detector1) = detector;
    NS_ABORT_MSG_IF(m_detector0 == m_detector1,
                    "PolarizationAnalyzer::SetDetector: the same detector cannot sit behind "
                    "both ports");
}

double
PolarizationAnalyzer::PortZeroProbability(uint8_t encodedBasis,
                                          uint8_t bit,
                                          uint32_t pauli,
                                          const MeasurementBasis& basis)
{
    NS_ABORT_MSG_IF(encodedBasis > 1 || bit > 1 || pauli > 3,
                    "PolarizationAnalyzer::PortZeroProbability: encoded basis "
                        << int(encodedBasis) << " and bit " << int(bit)
                        << " must be 0 or 1, Pauli index " << pauli << " in 0..3");
    // Bloch vector of the encoded state: Z basis: (0, 0, +-1); X basis: (+-1, 0, 0).
    const double s = bit == 0 ? 1.0 : -1.0;
    double r[3] = {0, 0, 0};
    r[encodedBasis == 0 ? 2 : 0] = s;
    // A Pauli keeps its own axis and flips the other two.
    if (pauli != 0)
    {
        const uint32_t keep = pauli == 1 ? 0 : (pauli == 2 ? 1 : 2);
        for (uint32_t i = 0; i < 3; ++i)
        {
            if (i != keep)
            {
                r[i] = -r[i];
            }
        }
    }
    double n[3];
    switch (basis.GetKind())
    {
        case MeasurementBasis::Z:
            n[0] = 0;
            n[1] = 0;
            n[2] = 1;
            break;
        case MeasurementBasis::X:
            n[0] = 1;
            n[1] = 0;
            n[2] = 0;
            break;
        case MeasurementBasis::Y:
            n[0] = 0;
            n[1] = 1;
            n[2] = 0;
            break;
        default:
            n[0] = std::sin(basis.GetTheta()) * std::cos(basis.GetPhi());
            n[1] = std::sin(basis.GetTheta()) * std::sin(basis.GetPhi());
            n[2] = std::cos(basis.GetTheta());
    }
    const double q0 = 0.5 * (1 + n[0] * r[0] + n[1] * r[1] + n[2] * r[2]);
    return std::min(1.0, std::max(0.0, q0));
}

std::array<double, 4>
PolarizationAnalyzer::OutcomeProbabilities(Ptr<const QuantumSignal> signal,
                                           const MeasurementBasis& basis,
                                           double efficiency0,
                                           double efficiency1,
                                           double pDark0,
                                           double pDark1)
{
    NS_ABORT_MSG_IF(!signal, "PolarizationAnalyzer::OutcomeProbabilities: null signal");
    NS_ABORT_MSG_IF(signal->GetKind() != QuantumSignal::MODE,
                    "PolarizationAnalyzer::OutcomeProbabilities: signal "
                        << signal->GetId() << " is a QUBIT photon; the closed form is for MODE "
                        << "pulses (a qubit's statistics follow from its state)");
    for (double p : {efficiency0, efficiency1, pDark0, pDark1})
    {
        NS_ABORT_MSG_IF(!(p >= 0 && p <= 1),
                        "PolarizationAnalyzer::OutcomeProbabilities: efficiency or dark-count "
                        "probability "
                            << p << " is outside the valid range [0, 1]");
    }
    const auto& noise = signal->GetPauliNoise();
    const double t = signal->GetTransmittance();
    const auto stat = signal->GetStatistics();
    const double mean = signal->GetMeanPhotonNumber();
    std::array<double, 4> out{0, 0, 0, 0};
    for (uint32_t p = 0; p < 4; ++p)
    {
        if (noise[p] == 0)
        {
            continue;
        }
        const double q0 = PortZeroProbability(signal->GetBasis(), signal->GetBit(), p, basis);
        const double a0 = t * efficiency0 * q0;
        const double a1 = t * efficiency1 * (1 - q0);
        const double none
            = (1 - pDark0) * (1 - pDark1)
              * PhotonNumberStatistics::NoPhotonProbability(stat, mean, std::min(1.0, a0 + a1));
        const double noClick0
            = (1 - pDark0) * PhotonNumberStatistics::NoPhotonProbability(stat, mean, a0);
        const double noClick1
            = (1 - pDark1) * PhotonNumberStatistics::NoPhotonProbability(stat, mean, a1);
        out[0] += noise[p] * none;
        out[1] += noise[p] * (noClick1 - none);
        out[2] += noise[p] * (noClick0 - none);
        out[3] += noise[p] * (1 - noClick0 - noClick1 + none);
    }
    return out;
}

AnalyzerResult
PolarizationAnalyzer::Analyze(Ptr<const QuantumSignal> signal)
{
    return Analyze(signal, m_basis);
}

AnalyzerResult
PolarizationAnalyzer::Analyze(Ptr<const QuantumSignal> signal, const MeasurementBasis& basis)
{
    NS_LOG_FUNCTION(this << signal << basis.GetName());
    NS_ABORT_MSG_IF(!signal, "PolarizationAnalyzer::Analyze: null signal");
    EnsureDetectors();
    AnalyzerResult r;
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        Ptr<QuantumStateRegistry> reg = GetRegistry();
        const QubitHandle q = signal->GetQubit();
        NS_ABORT_MSG_IF(!reg->IsAlive(q),
                        "PolarizationAnalyzer::Analyze: the qubit "
                            << q << " of QUBIT photon " << signal->GetId()
                            << " no longer exists in the registry (analysed twice, or "
                               "another registry?)");
        if (reg->IsErased(q))
        {
            reg->Discard(q); // free the handle of the lost photon
            r.detector0 = m_detector0->DetectDarkOnly();
            r.detector1 = m_detector1->DetectDarkOnly();
            return r;
        }
        const uint32_t k = reg->Measure(q, basis, true);
        r.detector0 = k == 0 ? m_detector0->DetectPhotons(1) : m_detector0->DetectDarkOnly();
        r.detector1 = k == 1 ? m_detector1->DetectPhotons(1) : m_detector1->DetectDarkOnly();
        return r;
    }
    // MODE pulse: arriving photons, one Pauli branch per pulse, binomial routing.
    const uint32_t arriving = PhotonNumberStatistics::Sample(signal->GetStatistics(),
                                                             signal->GetMeanPhotonNumber(),
                                                             signal->GetTransmittance(),
                                                             *m_uniform);
    uint32_t n0 = 0;
    uint32_t n1 = 0;
    if (arriving > 0)
    {
        const auto& noise = signal->GetPauliNoise();
        uint32_t pauli = 0;
        if (noise[0] < 1)
        {
            const double u = m_uniform->GetValue();
            double cdf = 0;
            for (uint32_t p = 0; p < 4; ++p)
            {
                if (noise[p] == 0)
                {
                    continue;
                }
                pauli = p; // the last branch with weight absorbs rounding of the sum
                cdf += noise[p];
                if (u < cdf)
                {
                    break;
                }
            }
        }
        const double q0 = PortZeroProbability(signal->GetBasis(), signal->GetBit(), pauli, basis);
        n0 = PhotonNumberStatistics::SampleBinomial(arriving, q0, *m_uniform);
        n1 = arriving - n0;
    }
    r.detector0 = m_detector0->DetectPhotons(n0);
    r.detector1 = m_detector1->DetectPhotons(n1);
    return r;
}

AnalyzerResult
PolarizationAnalyzer::AnalyzeDarkOnly()
{
    EnsureDetectors();
    AnalyzerResult r;
    r.detector0 = m_detector0->DetectDarkOnly();
    r.detector1 = m_detector1->DetectDarkOnly();
    return r;
}

} // namespace ns3
