/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "entangled-sensing-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

EntangledSensingHelper::EntangledSensingHelper()
    : m_agentPort(9800)
{
    m_sensorFactory.SetTypeId(EntangledSensorApplication::GetTypeId());
    m_fusionFactory.SetTypeId(SensorFusionApplication::GetTypeId());
}

void
EntangledSensingHelper::SetSensorAttribute(const std::string& name, const AttributeValue& value)
{
    m_sensorFactory.Set(name, value);
}

void
EntangledSensingHelper::SetFusionAttribute(const std::string& name, const AttributeValue& value)
{
    m_fusionFactory.Set(name, value);
}

void
EntangledSensingHelper::SetAgentBasePort(uint16_t port)
{
    m_agentPort = port;
}

EntangledSensorNetwork
EntangledSensingHelper::Install(Ptr<Node> centre,
                                NodeContainer sensors,
                                const std::vector<double>& phases,
                                SensorFusionApplication::Strategy strategy,
                                QuantumRepeaterHelper& repeaters)
{
    const uint32_t n = sensors.GetN();
    NS_ABORT_MSG_IF(!centre, "EntangledSensingHelper::Install: null centre node");
    NS_ABORT_MSG_IF(n == 0, "EntangledSensingHelper::Install: no sensor nodes");
    NS_ABORT_MSG_IF(phases.size() != n,
                    "EntangledSensingHelper::Install: " << n << " sensors but " << phases.size()
                                                        << " phases");
    NS_ABORT_MSG_IF(n > 60000u - m_agentPort,
                    "EntangledSensingHelper::Install: too many sensors ("
                        << n << ") for the port range");
    EntangledSensorNetwork net;
    net.centre = centre;
    net.sensorNodes = sensors;
    net.fusion = m_fusionFactory.Create<SensorFusionApplication>();
    net.fusion->SetAttribute("Strategy", EnumValue(strategy));
    const double angle = strategy == SensorFusionApplication::GHZ ? -M_PI / (2.0 * n) : -M_PI / 2;
    std::vector<Ipv4Address> addresses;
    std::vector<Ptr<RepeaterNodeAgent>> agents;
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Node> s = sensors.Get(i);
        Ptr<EntangledSensorApplication> app = m_sensorFactory.Create<EntangledSensorApplication>();
        app->SetAttribute("PhaseRad", DoubleValue(phases[i]));
        app->SetAttribute("ReadoutAngle", DoubleValue(angle));
        if (strategy == SensorFusionApplication::GHZ)
        {
            repeaters.SetAgentAttribute("OnDemand", BooleanValue(true));
            repeaters.SetAgentAttribute("Port", UintegerValue(m_agentPort + i));
            RepeaterChain chain = repeaters.InstallChain(NodeContainer(centre, s));
            agents.push_back(chain.First());
            app->SetAgent(chain.Last());
            net.chains.push_back(chain);
        }
        const auto addrs = repeaters.GetClassicalLink(centre, s);
        addresses.push_back(addrs.second);
        app->SetFusionCentre(static_cast<uint16_t>(i), addrs.first);
        s->AddApplication(app);
        net.sensors.push_back(app);
    }
    net.fusion->SetSensors(addresses, agents);
    centre->AddApplication(net.fusion);
    return net;
}

int64_t
EntangledSensingHelper::AssignStreams(const EntangledSensorNetwork& net, int64_t stream)
{
    int64_t used = 0;
    for (const auto& c : net.chains)
    {
        used += QuantumRepeaterHelper::AssignStreams(c, stream + used);
    }
    return used;
}

} // namespace ns3
