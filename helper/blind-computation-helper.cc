/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "blind-computation-helper.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/uinteger.h"

namespace ns3
{

BlindComputationHelper::BlindComputationHelper()
{
    m_clientFactory.SetTypeId(BlindComputationClient::GetTypeId());
    m_serverFactory.SetTypeId(BlindComputationServer::GetTypeId());
}

void
BlindComputationHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
BlindComputationHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
BlindComputationHelper::SetPattern(const BlindComputationPattern& pattern)
{
    m_pattern = pattern;
}

ApplicationContainer
BlindComputationHelper::Install(Ptr<Node> clientNode,
                                Ptr<Node> serverNode,
                                Ipv4Address serverAddress) const
{
    NS_ABORT_MSG_IF(m_pattern.GetNumQubits() == 0,
                    "BlindComputationHelper::Install: no computation; call SetPattern first");
    NS_ABORT_MSG_IF(!clientNode || !serverNode, "BlindComputationHelper::Install: a node is null");
    Ptr<BlindComputationServer> server = m_serverFactory.Create<BlindComputationServer>();
    Ptr<BlindComputationClient> client = m_clientFactory.Create<BlindComputationClient>();
    UintegerValue port;
    UintegerValue quantumPort;
    server->GetAttribute("Port", port);
    server->GetAttribute("QuantumPort", quantumPort);
    client->SetAttribute(
        "RemoteAddress",
        AddressValue(InetSocketAddress(serverAddress, static_cast<uint16_t>(port.Get()))));
    client->SetAttribute("QuantumPort", quantumPort);
    client->SetPattern(m_pattern);
    serverNode->AddApplication(server);
    clientNode->AddApplication(client);
    ApplicationContainer apps;
    apps.Add(client);
    apps.Add(server);
    return apps;
}

int64_t
BlindComputationHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    int64_t used = 0;
    for (auto it = apps.Begin(); it != apps.End(); ++it)
    {
        Ptr<BlindComputationClient> client = DynamicCast<BlindComputationClient>(*it);
        if (client)
        {
            used += client->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3
