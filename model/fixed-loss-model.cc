/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fixed-loss-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FixedLossModel");

NS_OBJECT_ENSURE_REGISTERED(FixedLossModel);

TypeId
FixedLossModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::FixedLossModel")
              .SetParent<QuantumChannelModel>()
              .SetGroupName("Quantum")
              .AddConstructor<FixedLossModel>()
              .AddAttribute("LossDb",
                            "Coupling or insertion loss of the component in dB, in [0, 1000]; "
                            "transmittance 10^(-LossDb/10).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&FixedLossModel::m_lossDb),
                            MakeDoubleChecker<double>(0.0, 1000.0));
    return tid;
}

FixedLossModel::FixedLossModel()
    : m_lossDb(0.0)
{
    NS_LOG_FUNCTION(this);
}

FixedLossModel::~FixedLossModel()
{
    NS_LOG_FUNCTION(this);
}

double
FixedLossModel::GetLossDb() const
{
    return m_lossDb;
}

double
FixedLossModel::DoGetTransmittance(const QuantumChannelContext& context) const
{
    return std::pow(10.0, -m_lossDb / 10.0);
}

} // namespace ns3
