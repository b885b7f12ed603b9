/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "polarization-misalignment-model.h"

#include "quantum-gate.h"
#include "quantum-state-registry.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PolarizationMisalignmentModel");

NS_OBJECT_ENSURE_REGISTERED(PolarizationMisalignmentModel);

TypeId
PolarizationMisalignmentModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PolarizationMisalignmentModel")
              .SetParent<QuantumChannelModel>()
              .SetGroupName("Quantum")
              .AddConstructor<PolarizationMisalignmentModel>()
              .AddAttribute("AngleRad",
                            "Misalignment angle theta of the polarization reference frames in "
                            "radians, in [-pi, pi]; the BB84 error rate it causes is sin^2(theta).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&PolarizationMisalignmentModel::m_angle),
                            MakeDoubleChecker<double>(-M_PI, M_PI));
    return tid;
}

PolarizationMisalignmentModel::PolarizationMisalignmentModel()
    : m_angle(0.0)
    , m_cachedAngle(0.0)
{
    NS_LOG_FUNCTION(this);
}

PolarizationMisalignmentModel::~PolarizationMisalignmentModel()
{
    NS_LOG_FUNCTION(this);
}

double
PolarizationMisalignmentModel::GetAngleRad() const
{
    return m_angle;
}

double
PolarizationMisalignmentModel::GetErrorRate() const
{
    const double s = std::sin(m_angle);
    return s * s;
}

Time
PolarizationMisalignmentModel::DoApply(Ptr<QuantumSignal> signal,
                                       const QuantumChannelContext& context)
{
    NS_LOG_FUNCTION(this << signal->GetId() << m_angle);
    if (m_angle == 0.0)
    {
        return Seconds(0);
    }
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        context.registry->ApplyGate(QuantumGate::Ry(2 * m_angle), {signal->GetQubit()});
        return Seconds(0);
    }
    if (!m_twirl || m_cachedAngle != m_angle)
    {
        const double s2 = GetErrorRate();
        m_twirl = KrausChannel::Pauli({1 - s2, 0, s2, 0}, "MisalignmentTwirl");
        m_cachedAngle = m_angle;
    }
    signal->ComposePauliNoise(*m_twirl);
    return Seconds(0);
}

} // namespace ns3
