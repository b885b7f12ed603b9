/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-eavesdropper.h"

#include "kraus-channel.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdEavesdropper");

NS_OBJECT_ENSURE_REGISTERED(QkdEavesdropper);

Ptr<QuantumSignal>
QkdPulseState::ToSignal(double channelTransmittance,
                        const std::array<double, 4>& channelNoise) const
{
    Ptr<QuantumSignal> s = QuantumSignal::CreateMode(statistics, mean, basis, bit);
    s->SetIntensityLabel(label);
    s->ApplyTransmittance(transmittance);
    if (!bypassChannel)
    {
        s->ApplyTransmittance(channelTransmittance);
    }
    if (pauli[0] != 1)
    {
        s->ComposePauliNoise(KrausChannel::Pauli({pauli[0], pauli[1], pauli[2], pauli[3]}));
    }
    if (channelNoise[0] != 1)
    {
        s->ComposePauliNoise(KrausChannel::Pauli(
            {channelNoise[0], channelNoise[1], channelNoise[2], channelNoise[3]}));
    }
    return s;
}

TypeId
QkdEavesdropper::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdEavesdropper")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddTraceSource("Tapped",
                              "A pulse was tapped (ground truth: its label and the branch).",
                              MakeTraceSourceAccessor(&QkdEavesdropper::m_tappedTrace),
                              "ns3::QkdEavesdropper::TappedTracedCallback");
    return tid;
}

QkdEavesdropper::QkdEavesdropper()
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

QkdEavesdropper::~QkdEavesdropper()
{
    NS_LOG_FUNCTION(this);
}

void
QkdEavesdropper::DoDispose()
{
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
QkdEavesdropper::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

QkdPulseState
QkdEavesdropper::Tap(const QkdPulseState& in)
{
    const std::vector<QkdTapBranch> branches = GetBranches(in);
    NS_ABORT_MSG_IF(branches.empty(),
                    "QkdEavesdropper::Tap: " << GetInstanceTypeId().GetName()
                                             << " returned no branch");
    const double u = m_uniform->GetValue();
    double cum = 0;
    for (uint32_t i = 0; i < branches.size(); ++i)
    {
        cum += branches[i].probability;
        if (u < cum || i + 1 == branches.size())
        {
            m_tappedTrace(in.label, i);
            return branches[i].pulse;
        }
    }
    return branches.back().pulse;
}

} // namespace ns3
