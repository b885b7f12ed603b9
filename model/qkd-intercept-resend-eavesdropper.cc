/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-intercept-resend-eavesdropper.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdInterceptResendEavesdropper");

NS_OBJECT_ENSURE_REGISTERED(QkdInterceptResendEavesdropper);

TypeId
QkdInterceptResendEavesdropper::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdInterceptResendEavesdropper")
              .SetParent<QkdEavesdropper>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdInterceptResendEavesdropper>()
              .AddAttribute("InterceptFraction",
                            "Fraction f of the pulses Eve measures and re-prepares, in [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QkdInterceptResendEavesdropper::m_fraction),
                            MakeDoubleChecker<double>(0.0, 1.0));
    return tid;
}

QkdInterceptResendEavesdropper::QkdInterceptResendEavesdropper()
    : m_fraction(1.0)
{
    NS_LOG_FUNCTION(this);
}

QkdInterceptResendEavesdropper::~QkdInterceptResendEavesdropper()
{
    NS_LOG_FUNCTION(this);
}

double
QkdInterceptResendEavesdropper::GetInterceptFraction() const
{
    return m_fraction;
}

std::vector<QkdTapBranch>
QkdInterceptResendEavesdropper::GetBranches(const QkdPulseState& in) const
{
    std::vector<QkdTapBranch> out;
    out.push_back({1 - m_fraction / 2, in});
    if (m_fraction > 0)
    {
        for (uint8_t y = 0; y < 2; ++y)
        {
            QkdPulseState p = in;
            p.basis = 1 - in.basis;
            p.bit = y;
            out.push_back({m_fraction / 4, p});
        }
    }
    return out;
}

} // namespace ns3
