/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-pns-eavesdropper.h"

#include "photon-number-statistics.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdPnsEavesdropper");

NS_OBJECT_ENSURE_REGISTERED(QkdPnsEavesdropper);

TypeId
QkdPnsEavesdropper::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdPnsEavesdropper")
              .SetParent<QkdEavesdropper>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdPnsEavesdropper>()
              .AddAttribute("SinglePhotonBlockProbability",
                            "Probability b that Eve blocks a single-photon pulse, in [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QkdPnsEavesdropper::m_block),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("ForwardTransmittance",
                            "Transmittance t_E of Eve's channel to the receiver for the n - 1 "
                            "photons of a multi-photon pulse, in [0, 1] (1: lossless).",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QkdPnsEavesdropper::m_forward),
                            MakeDoubleChecker<double>(0.0, 1.0));
    return tid;
}

QkdPnsEavesdropper::QkdPnsEavesdropper()
    : m_block(1.0)
    , m_forward(1.0)
{
    NS_LOG_FUNCTION(this);
}

QkdPnsEavesdropper::~QkdPnsEavesdropper()
{
    NS_LOG_FUNCTION(this);
}

std::vector<QkdTapBranch>
QkdPnsEavesdropper::GetBranches(const QkdPulseState& in) const
{
    std::vector<QkdTapBranch> out;
    // Photon number distribution of the pulse (after any earlier thinning).
    double cum = 0;
    for (uint32_t n = 0;; ++n)
    {
        double p = 0;
        if (in.statistics == QuantumSignal::FOCK)
        {
            // Binomial thinning of a Fock state by the tap's transmittance.
            const uint32_t m = static_cast<uint32_t>(in.mean);
            if (n > m)
            {
                break;
            }
            p = PhotonNumberStatistics::Probability(QuantumSignal::FOCK, in.mean, n);
            if (in.transmittance < 1)
            {
                double c = 1;
                for (uint32_t i = 0; i < n; ++i)
                {
                    c = c * (m - i) / (i + 1);
                }
                p = c * std::pow(in.transmittance, n) * std::pow(1 - in.transmittance, m - n);
            }
        }
        else
        {
            p = PhotonNumberStatistics::Probability(in.statistics, in.mean * in.transmittance, n);
        }
        cum += p;
        const bool last = (in.statistics != QuantumSignal::FOCK && 1 - cum < 1e-15) || n > 10000;
        if (last)
        {
            p += std::max(0.0, 1 - cum);
        }
        QkdPulseState s = in;
        s.statistics = QuantumSignal::FOCK;
        s.transmittance = 1;
        if (n == 0)
        {
            s.mean = 0;
            out.push_back({p, s});
        }
        else if (n == 1)
        {
            s.mean = 1;
            if (m_block < 1)
            {
                out.push_back({p * (1 - m_block), s});
            }
            if (m_block > 0)
            {
                s.mean = 0;
                out.push_back({p * m_block, s});
            }
        }
        else
        {
            s.mean = n - 1;
            s.transmittance = m_forward;
            s.bypassChannel = true;
            out.push_back({p, s});
        }
        if (last)
        {
            break;
        }
    }
    return out;
}

} // namespace ns3
