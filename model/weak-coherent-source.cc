/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "weak-coherent-source.h"

#include "ns3/abort.h"
#include "ns3/attribute-container.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WeakCoherentSource");

NS_OBJECT_ENSURE_REGISTERED(WeakCoherentSource);

TypeId
WeakCoherentSource::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::WeakCoherentSource")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<WeakCoherentSource>()
              .AddAttribute(
                  "Intensities",
                  "Mean photon number of each intensity label, comma-separated (label 0: "
                  "signal; e.g. signal, decoy, vacuum).  Each finite and >= 0.",
                  AttributeContainerValue<DoubleValue>(std::vector<double>{0.5, 0.1, 0.0}),
                  MakeAttributeContainerAccessor<DoubleValue>(&WeakCoherentSource::SetIntensities,
                                                              &WeakCoherentSource::GetIntensities),
                  MakeAttributeContainerChecker<DoubleValue>(MakeDoubleChecker<double>(0.0)))
              .AddAttribute(
                  "Probabilities",
                  "Probability of each intensity label, comma-separated, as many as "
                  "Intensities; each in [0, 1], summing to 1.",
                  AttributeContainerValue<DoubleValue>(std::vector<double>{0.8, 0.1, 0.1}),
                  MakeAttributeContainerAccessor<DoubleValue>(
                      &WeakCoherentSource::SetProbabilities,
                      &WeakCoherentSource::GetProbabilities),
                  MakeAttributeContainerChecker<DoubleValue>(MakeDoubleChecker<double>(0.0, 1.0)))
              .AddAttribute("WavelengthNm",
                            "Wavelength of the pulses in nm.",
                            DoubleValue(1550.0),
                            MakeDoubleAccessor(&WeakCoherentSource::m_wavelengthNm),
                            MakeDoubleChecker<double>(1.0, 1e6))
              .AddTraceSource("PulseEmitted",
                              "A pulse left the source (its intensity label is ground truth).",
                              MakeTraceSourceAccessor(&WeakCoherentSource::m_pulseTrace),
                              "ns3::WeakCoherentSource::PulseTracedCallback");
    return tid;
}

WeakCoherentSource::WeakCoherentSource()
    : m_wavelengthNm(1550.0)
    , m_pulseIndex(0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

WeakCoherentSource::~WeakCoherentSource()
{
    NS_LOG_FUNCTION(this);
}

void
WeakCoherentSource::DoDispose()
{
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
WeakCoherentSource::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

void
WeakCoherentSource::SetIntensities(const std::vector<double>& intensities)
{
    NS_ABORT_MSG_IF(intensities.empty(),
                    "WeakCoherentSource: Intensities is empty; give at least one intensity");
    for (size_t i = 0; i < intensities.size(); ++i)
    {
        NS_ABORT_MSG_IF(!(intensities[i] >= 0) || !std::isfinite(intensities[i]),
                        "WeakCoherentSource: Intensities[" << i << "] = " << intensities[i]
                                                           << " is outside the valid range "
                                                              "[0, infinity)");
    }
    m_intensities = intensities;
}

std::vector<double>
WeakCoherentSource::GetIntensities() const
{
    return m_intensities;
}

void
WeakCoherentSource::SetProbabilities(const std::vector<double>& probabilities)
{
    NS_ABORT_MSG_IF(probabilities.empty(),
                    "WeakCoherentSource: Probabilities is empty; give one per intensity");
    double sum = 0;
    std::vector<double> cumulative;
    for (size_t i = 0; i < probabilities.size(); ++i)
    {
        NS_ABORT_MSG_IF(!(probabilities[i] >= 0 && probabilities[i] <= 1),
                        "WeakCoherentSource: Probabilities[" << i << "] = " << probabilities[i]
                                                             << " is outside the valid range "
                                                                "[0, 1]");
        sum += probabilities[i];
        cumulative.push_back(sum);
    }
    NS_ABORT_MSG_IF(std::abs(sum - 1) > 1e-9,
                    "WeakCoherentSource: Probabilities sum to " << sum << ", not 1");
    m_probabilities = probabilities;
    m_cumulative = cumulative;
}

std::vector<double>
WeakCoherentSource::GetProbabilities() const
{
    return m_probabilities;
}

void
WeakCoherentSource::CheckConsistent() const
{
    NS_ABORT_MSG_IF(m_intensities.size() != m_probabilities.size(),
                    "WeakCoherentSource: Intensities has "
                        << m_intensities.size() << " levels but Probabilities has "
                        << m_probabilities.size() << "; give one probability per intensity");
}

uint32_t
WeakCoherentSource::GetNumIntensities() const
{
    CheckConsistent();
    return m_intensities.size();
}

double
WeakCoherentSource::GetIntensity(uint32_t label) const
{
    CheckConsistent();
    NS_ABORT_MSG_IF(label >= m_intensities.size(),
                    "WeakCoherentSource::GetIntensity: label "
                        << label << " out of range; " << m_intensities.size() << " intensities");
    return m_intensities[label];
}

double
WeakCoherentSource::GetIntensityProbability(uint32_t label) const
{
    CheckConsistent();
    NS_ABORT_MSG_IF(label >= m_probabilities.size(),
                    "WeakCoherentSource::GetIntensityProbability: label "
                        << label << " out of range; " << m_probabilities.size() << " intensities");
    return m_probabilities[label];
}

uint64_t
WeakCoherentSource::GetPulseCount() const
{
    return m_pulseIndex;
}

Ptr<QuantumSignal>
WeakCoherentSource::EmitPulse(uint8_t basis, uint8_t bit)
{
    NS_LOG_FUNCTION(this << int(basis) << int(bit));
    CheckConsistent();
    NS_ABORT_MSG_IF(basis > 1 || bit > 1,
                    "WeakCoherentSource::EmitPulse: basis " << int(basis) << " and bit " << int(bit)
                                                            << " must be 0 or 1");
    uint32_t label = m_intensities.size() - 1;
    if (m_intensities.size() > 1)
    {
        const double u = m_uniform->GetValue();
        for (uint32_t l = 0; l < m_cumulative.size(); ++l)
        {
            if (u < m_cumulative[l])
            {
                label = l;
                break;
            }
        }
        // Rounding of the cumulative sum must not pick a label of probability 0.
        while (m_probabilities[label] == 0 && label > 0)
        {
            --label;
        }
    }
    Ptr<QuantumSignal> s
        = QuantumSignal::CreateMode(QuantumSignal::POISSON, m_intensities[label], basis, bit);
    s->SetIntensityLabel(label);
    s->SetEmissionTime(Simulator::Now());
    s->SetWavelengthMeters(m_wavelengthNm * 1e-9);
    s->SetTimeBin(m_pulseIndex++);
    m_pulseTrace(s);
    return s;
}

} // namespace ns3
