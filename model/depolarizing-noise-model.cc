/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depolarizing-noise-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepolarizingNoiseModel");

NS_OBJECT_ENSURE_REGISTERED(DepolarizingNoiseModel);

TypeId
DepolarizingNoiseModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DepolarizingNoiseModel")
              .SetParent<QuantumChannelModel>()
              .SetGroupName("Quantum")
              .AddConstructor<DepolarizingNoiseModel>()
              .AddAttribute("RatePerKm",
                            "Rate of complete depolarization per km of path, in [0, 1e6] 1/km.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&DepolarizingNoiseModel::m_ratePerKm),
                            MakeDoubleChecker<double>(0.0, 1e6))
              .AddAttribute("RatePerSecond",
                            "Rate of complete depolarization per second of propagation delay, in "
                            "[0, 1e15] 1/s.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&DepolarizingNoiseModel::m_ratePerSecond),
                            MakeDoubleChecker<double>(0.0, 1e15));
    return tid;
}

DepolarizingNoiseModel::DepolarizingNoiseModel()
    : m_ratePerKm(0.0)
    , m_ratePerSecond(0.0)
    , m_cachedProbability(-1.0)
{
    NS_LOG_FUNCTION(this);
}

DepolarizingNoiseModel::~DepolarizingNoiseModel()
{
    NS_LOG_FUNCTION(this);
}

double
DepolarizingNoiseModel::GetProbability(double lengthMeters, Time delay) const
{
    const double exponent
        = m_ratePerKm * lengthMeters / 1000.0 + m_ratePerSecond * delay.GetSeconds();
    return -std::expm1(-exponent);
}

Time
DepolarizingNoiseModel::DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context)
{
    const double p = GetProbability(context.lengthMeters, context.propagationDelay);
    NS_LOG_FUNCTION(this << signal->GetId() << p);
    if (p > 0)
    {
        if (!m_channel || p != m_cachedProbability)
        {
            m_channel = KrausChannel::Depolarizing(p);
            m_cachedProbability = p;
        }
        ApplyNoise(signal, *m_channel, context);
    }
    return Seconds(0);
}

} // namespace ns3
