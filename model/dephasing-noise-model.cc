/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dephasing-noise-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DephasingNoiseModel");

NS_OBJECT_ENSURE_REGISTERED(DephasingNoiseModel);

TypeId
DephasingNoiseModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DephasingNoiseModel")
              .SetParent<QuantumChannelModel>()
              .SetGroupName("Quantum")
              .AddConstructor<DephasingNoiseModel>()
              .AddAttribute("RatePerKm",
                            "Decay rate of the coherence per km of path, in [0, 1e6] 1/km.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&DephasingNoiseModel::m_ratePerKm),
                            MakeDoubleChecker<double>(0.0, 1e6))
              .AddAttribute("RatePerSecond",
                            "Decay rate of the coherence per second of propagation delay, in "
                            "[0, 1e15] 1/s.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&DephasingNoiseModel::m_ratePerSecond),
                            MakeDoubleChecker<double>(0.0, 1e15));
    return tid;
}

DephasingNoiseModel::DephasingNoiseModel()
    : m_ratePerKm(0.0)
    , m_ratePerSecond(0.0)
    , m_cachedProbability(-1.0)
{
    NS_LOG_FUNCTION(this);
}

DephasingNoiseModel::~DephasingNoiseModel()
{
    NS_LOG_FUNCTION(this);
}

double
DephasingNoiseModel::GetProbability(double lengthMeters, Time delay) const
{
    const double exponent
        = m_ratePerKm * lengthMeters / 1000.0 + m_ratePerSecond * delay.GetSeconds();
    return -0.5 * std::expm1(-exponent);
}

Time
DephasingNoiseModel::DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context)
{
    const double p = GetProbability(context.lengthMeters, context.propagationDelay);
    NS_LOG_FUNCTION(this << signal->GetId() << p);
    if (p > 0)
    {
        if (!m_channel || p != m_cachedProbability)
        {
            m_channel = KrausChannel::Dephasing(p);
            m_cachedProbability = p;
        }
        ApplyNoise(signal, *m_channel, context);
    }
    return Seconds(0);
}

} // namespace ns3
