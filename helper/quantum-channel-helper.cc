/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-channel-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/quantum-channel-model.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumChannelHelper");

QuantumChannelHelper::QuantumChannelHelper()
{
    m_channelFactory.SetTypeId("ns3::QuantumChannel");
}

void
QuantumChannelHelper::SetChannelType(const std::string& type)
{
    TypeId tid;
    NS_ABORT_MSG_IF(!TypeId::LookupByNameFailSafe(type, &tid),
                    "QuantumChannelHelper::SetChannelType: unknown type '"
                        << type
                        << "'; use ns3::QuantumChannel, ns3::FreeSpaceQuantumChannel or another "
                           "subclass of ns3::QuantumChannel");
    NS_ABORT_MSG_IF(!tid.IsChildOf(QuantumChannel::GetTypeId())
                        && tid != QuantumChannel::GetTypeId(),
                    "QuantumChannelHelper::SetChannelType: '"
                        << type << "' is not a subclass of ns3::QuantumChannel");
    // The attributes set so far are kept; each must exist in the new type.
    for (const std::string& name : m_channelAttributeNames)
    {
        TypeId::AttributeInformation info;
        NS_ABORT_MSG_IF(!tid.LookupAttributeByName(name, &info),
                        "QuantumChannelHelper::SetChannelType: attribute '"
                            << name << "', set earlier, does not exist in " << type);
    }
    m_channelFactory.SetTypeId(tid);
}

void
QuantumChannelHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute("SetChannelAttribute", m_channelFactory.GetTypeId(), name, value);
    m_channelFactory.Set(name, value);
    m_channelAttributeNames.push_back(name);
}

void
QuantumChannelHelper::CheckAttribute(const std::string& where,
                                     TypeId tid,
                                     const std::string& name,
                                     const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_IF(!tid.LookupAttributeByName(name, &info),
                    "QuantumChannelHelper::" << where << ": " << tid.GetName()
                                             << " has no attribute '" << name << "'");
    NS_ABORT_MSG_IF(!(info.flags & TypeId::ATTR_SET) || !info.accessor->HasSetter(),
                    "QuantumChannelHelper::" << where << ": attribute '" << name << "' of "
                                             << tid.GetName() << " cannot be set");
    Ptr<AttributeValue> valid = info.checker->CreateValidValue(value);
    NS_ABORT_MSG_IF(!valid,
                    "QuantumChannelHelper::" << where << ": attribute '" << name << "' of "
                                             << tid.GetName() << " cannot take the value "
                                             << value.SerializeToString(info.checker) << " ("
                                             << info.help << ")");
}

ObjectFactory
QuantumChannelHelper::MakeModelFactory(const std::string& type)
{
    TypeId tid;
    NS_ABORT_MSG_IF(!TypeId::LookupByNameFailSafe(type, &tid),
                    "QuantumChannelHelper::AddModel: unknown type '"
                        << type << "'; use a subclass of ns3::QuantumChannelModel such as "
                        << "ns3::FixedLossModel or ns3::DepolarizingNoiseModel");
    NS_ABORT_MSG_IF(!tid.IsChildOf(QuantumChannelModel::GetTypeId()),
                    "QuantumChannelHelper::AddModel: '"
                        << type << "' is not a subclass of ns3::QuantumChannelModel");
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory;
}

void
QuantumChannelHelper::ClearModels()
{
    m_modelFactories.clear();
}

std::size_t
QuantumChannelHelper::GetNModels() const
{
    return m_modelFactories.size();
}

NetDeviceContainer
QuantumChannelHelper::Install(Ptr<Node> a, Ptr<Node> b) const
{
    NS_ABORT_MSG_IF(!a || !b, "QuantumChannelHelper::Install: null node");
    Ptr<QuantumChannel> channel = m_channelFactory.Create<QuantumChannel>();
    NetDeviceContainer devices;
    for (const Ptr<Node>& node : {a, b})
    {
        Ptr<QuantumNetDevice> device = CreateObject<QuantumNetDevice>();
        node->AddDevice(device);
        device->Attach(channel);
        devices.Add(device);
    }
    for (const ObjectFactory& f : m_modelFactories)
    {
        channel->AddModel(f.Create<QuantumChannelModel>());
    }
    NS_LOG_INFO("quantum link between nodes " << a->GetId() << " and " << b->GetId() << " ("
                                              << m_channelFactory.GetTypeId().GetName() << ", "
                                              << m_modelFactories.size() << " models)");
    return devices;
}

NetDeviceContainer
QuantumChannelHelper::Install(const NodeContainer& nodes) const
{
    NS_ABORT_MSG_IF(nodes.GetN() != 2,
                    "QuantumChannelHelper::Install: a quantum link joins exactly 2 nodes, got "
                        << nodes.GetN());
    return Install(nodes.Get(0), nodes.Get(1));
}

Ptr<QuantumChannel>
QuantumChannelHelper::GetChannel(Ptr<NetDevice> device)
{
    Ptr<QuantumNetDevice> qd = DynamicCast<QuantumNetDevice>(device);
    NS_ABORT_MSG_IF(!qd, "QuantumChannelHelper::GetChannel: the device is not a QuantumNetDevice");
    return qd->GetQuantumChannel();
}

int64_t
QuantumChannelHelper::AssignStreams(NetDeviceContainer devices, int64_t stream)
{
    int64_t current = stream;
    std::set<QuantumChannel*> done;
    for (auto it = devices.Begin(); it != devices.End(); ++it)
    {
        Ptr<QuantumNetDevice> qd = DynamicCast<QuantumNetDevice>(*it);
        if (!qd || !qd->GetQuantumChannel())
        {
            continue;
        }
        Ptr<QuantumChannel> channel = qd->GetQuantumChannel();
        if (done.insert(PeekPointer(channel)).second)
        {
            current += channel->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
