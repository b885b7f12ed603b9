/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-channel-model.h"

#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumChannelModel");

NS_OBJECT_ENSURE_REGISTERED(QuantumChannelModel);

TypeId
QuantumChannelModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumChannelModel").SetParent<Object>().SetGroupName("Quantum");
    return tid;
}

QuantumChannelModel::QuantumChannelModel()
{
}

QuantumChannelModel::~QuantumChannelModel()
{
}

void
QuantumChannelModel::DoDispose()
{
    m_next = nullptr;
    Object::DoDispose();
}

void
QuantumChannelModel::SetNext(Ptr<QuantumChannelModel> next)
{
    NS_ABORT_MSG_IF(next == this, "QuantumChannelModel::SetNext: a model cannot follow itself");
    m_next = next;
}

Ptr<QuantumChannelModel>
QuantumChannelModel::GetNext() const
{
    return m_next;
}

double
QuantumChannelModel::GetTransmittance(const QuantumChannelContext& context) const
{
    double eta = DoGetTransmittance(context);
    if (m_next)
    {
        eta *= m_next->GetTransmittance(context);
    }
    return eta;
}

Time
QuantumChannelModel::Apply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context)
{
    Time extra = DoApply(signal, context);
    if (m_next)
    {
        extra += m_next->Apply(signal, context);
    }
    return extra;
}

int64_t
QuantumChannelModel::AssignStreams(int64_t stream)
{
    int64_t used = DoAssignStreams(stream);
    if (m_next)
    {
        used += m_next->AssignStreams(stream + used);
    }
    return used;
}

double
QuantumChannelModel::DoGetTransmittance(const QuantumChannelContext& context) const
{
    return 1.0;
}

Time
QuantumChannelModel::DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context)
{
    return Seconds(0);
}

int64_t
QuantumChannelModel::DoAssignStreams(int64_t stream)
{
    return 0;
}

void
QuantumChannelModel::ApplyNoise(Ptr<QuantumSignal> signal,
                                const KrausChannel& channel,
                                const QuantumChannelContext& context)
{
    if (channel.IsIdentity())
    {
        return;
    }
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        context.registry->ApplyChannel(channel, {signal->GetQubit()});
    }
    else
    {
        signal->ComposePauliNoise(channel);
    }
}

} // namespace ns3
