/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "timing-jitter-model.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/nstime.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TimingJitterModel");

NS_OBJECT_ENSURE_REGISTERED(TimingJitterModel);

TypeId
TimingJitterModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TimingJitterModel")
              .SetParent<QuantumChannelModel>()
              .SetGroupName("Quantum")
              .AddConstructor<TimingJitterModel>()
              .AddAttribute("StdDev",
                            "Standard deviation sigma of the Gaussian extra delay, in [0, 1 s] "
                            "(0: no jitter).  The delay is truncated at 0, so with MeanDelay = 0 "
                            "the delivered standard deviation is sigma sqrt(1 - 2/pi).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&TimingJitterModel::m_stdDev),
                            MakeTimeChecker(Seconds(0), Seconds(1)))
              .AddAttribute("MeanDelay",
                            "Mean mu of the Gaussian extra delay, in [0, 1 s].",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&TimingJitterModel::m_mean),
                            MakeTimeChecker(Seconds(0), Seconds(1)));
    return tid;
}

TimingJitterModel::TimingJitterModel()
{
    NS_LOG_FUNCTION(this);
    m_normal = CreateObject<NormalRandomVariable>();
    m_normal->SetAttribute("Mean", DoubleValue(0.0));
    m_normal->SetAttribute("Variance", DoubleValue(1.0));
}

TimingJitterModel::~TimingJitterModel()
{
    NS_LOG_FUNCTION(this);
}

void
TimingJitterModel::DoDispose()
{
    m_normal = nullptr;
    QuantumChannelModel::DoDispose();
}

double
TimingJitterModel::GetExpectedDelaySeconds() const
{
    const double mu = m_mean.GetSeconds();
    const double sigma = m_stdDev.GetSeconds();
    if (sigma == 0)
    {
        return mu;
    }
    const double alpha = -mu / sigma;
    const double phi = std::exp(-0.5 * alpha * alpha) / std::sqrt(2 * M_PI);
    const double tail = 0.5 * std::erfc(alpha / std::sqrt(2.0)); // 1 - Phi(alpha)
    return mu + sigma * phi / tail;
}

double
TimingJitterModel::GetDelayStdDevSeconds() const
{
    const double mu = m_mean.GetSeconds();
    const double sigma = m_stdDev.GetSeconds();
    if (sigma == 0)
    {
        return 0;
    }
    const double alpha = -mu / sigma;
    const double phi = std::exp(-0.5 * alpha * alpha) / std::sqrt(2 * M_PI);
    const double tail = 0.5 * std::erfc(alpha / std::sqrt(2.0));
    const double lambda = phi / tail;
    return sigma * std::sqrt(1 + alpha * lambda - lambda * lambda);
}

Time
TimingJitterModel::DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context)
{
    if (m_stdDev.IsZero())
    {
        return m_mean;
    }
    const double mu = m_mean.GetSeconds();
    const double sigma = m_stdDev.GetSeconds();
    if (signal->GetPulseCount() > 1)
    {
        // One delay cannot jitter each pulse of a train: the train takes the
        // mean delay and carries the per-pulse variance to the detector.
        signal->AddTimingVariance(sigma * sigma);
        return m_mean;
    }
    double d;
    do
    {
        d = mu + sigma * m_normal->GetValue();
    } while (d < 0);
    NS_LOG_FUNCTION(this << signal->GetId() << d);
    return Seconds(d);
}

int64_t
TimingJitterModel::DoAssignStreams(int64_t stream)
{
    m_normal->SetStream(stream);
    return 1;
}

} // namespace ns3
