/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-link-helper.h"

#include "quantum-channel-helper.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-net-device.h"
#include "ns3/simulator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/uinteger.h"

#include <map>
#include <sstream>

namespace ns3
{

namespace
{
/** Next UDP port of link ends per node id (several links per node). */
std::map<uint32_t, uint16_t> g_nextUdpPort;
/** Links built with UDP transport (for distinct subnets). */
uint32_t g_udpLinks = 0;
/** Whether the reset at Simulator::Destroy is scheduled. */
bool g_resetScheduled = false;

/** Forget the ports and subnets handed out: the next simulation starts afresh. */
void
ResetLinkNumbering()
{
    g_nextUdpPort.clear();
    g_udpLinks = 0;
    g_resetScheduled = false;
}

/** Make sure the numbering is reset when this simulation is destroyed. */
void
ScheduleNumberingReset()
{
    if (!g_resetScheduled)
    {
        Simulator::ScheduleDestroy(&ResetLinkNumbering);
        g_resetScheduled = true;
    }
}

/**
 * Abort unless the type has the attribute.
 * @param where the calling method
 * @param tid the type
 * @param name the attribute
 */
void
CheckAttribute(const char* where, TypeId tid, const std::string& name)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_IF(!tid.LookupAttributeByName(name, &info),
                    "QuantumLinkHelper::" << where << ": " << tid.GetName()
                                          << " has no attribute \"" << name << "\"");
}
} // namespace

QuantumLinkHelper::QuantumLinkHelper()
    : m_distanceKm(1.0)
{
    m_stationFactory.SetTypeId(HeraldingStation::GetTypeId());
    m_endFactory.SetTypeId(HeraldedLinkLayer::GetTypeId());
}

void
QuantumLinkHelper::SetDistanceKm(double km)
{
    NS_ABORT_MSG_IF(!(km >= 0 && km <= 2e6),
                    "QuantumLinkHelper::SetDistanceKm: distance " << km << " km outside [0, 2e6]");
    m_distanceKm = km;
}

void
QuantumLinkHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute("SetChannelAttribute", QuantumChannel::GetTypeId(), name);
    m_channelAttributes.emplace_back(name, value.Copy());
}

void
QuantumLinkHelper::SetStationAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute("SetStationAttribute", HeraldingStation::GetTypeId(), name);
    m_stationFactory.Set(name, value);
}

void
QuantumLinkHelper::SetDetectorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute("SetDetectorAttribute", SinglePhotonDetector::GetTypeId(), name);
    m_detectorAttributes.emplace_back(name, value.Copy());
}

void
QuantumLinkHelper::SetLinkLayerAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute("SetLinkLayerAttribute", HeraldedLinkLayer::GetTypeId(), name);
    m_endFactory.Set(name, value);
}

void
QuantumLinkHelper::SetPointToPointDeviceAttribute(const std::string& name,
                                                  const AttributeValue& value)
{
    m_p2pDeviceAttributes.emplace_back(name, value.Copy());
}

void
QuantumLinkHelper::SetPointToPointChannelAttribute(const std::string& name,
                                                   const AttributeValue& value)
{
    m_p2pChannelAttributes.emplace_back(name, value.Copy());
}

HeraldedLink
QuantumLinkHelper::Install(Ptr<Node> a, Ptr<Node> b)
{
    NS_ABORT_MSG_IF(!a || !b || a == b, "QuantumLinkHelper::Install: need two distinct nodes");
    Ptr<QuantumMemory> mem[2] = {a->GetObject<QuantumMemory>(), b->GetObject<QuantumMemory>()};
    for (uint32_t i = 0; i < 2; ++i)
    {
        NS_ABORT_MSG_IF(!mem[i],
                        "QuantumLinkHelper::Install: node "
                            << (i == 0 ? a : b)->GetId()
                            << " has no QuantumMemory (install one with QuantumNodeHelper)");
    }
    HeraldedLink link;
    link.stationNode = CreateObject<Node>();
    QuantumChannelHelper fibre;
    for (const auto& [name, value] : m_channelAttributes)
    {
        fibre.SetChannelAttribute(name, *value);
    }
    fibre.SetChannelAttribute("LengthKm", DoubleValue(m_distanceKm / 2));
    NetDeviceContainer armA = fibre.Install(a, link.stationNode);
    NetDeviceContainer armB = fibre.Install(b, link.stationNode);
    link.fibreDevices.Add(armA);
    link.fibreDevices.Add(armB);

    link.station = m_stationFactory.Create<HeraldingStation>();
    link.stationNode->AggregateObject(link.station);
    for (uint32_t j = 0; j < 2; ++j)
    {
        for (const auto& [name, value] : m_detectorAttributes)
        {
            link.station->GetDetector(j)->SetAttribute(name, *value);
        }
    }
    Ptr<Node> nodes[2] = {a, b};
    NetDeviceContainer arms[2] = {armA, armB};
    for (uint32_t i = 0; i < 2; ++i)
    {
        link.ends[i] = m_endFactory.Create<HeraldedLinkLayer>();
        ScheduleNumberingReset();
        auto it = g_nextUdpPort.find(nodes[i]->GetId());
        const uint16_t port = it == g_nextUdpPort.end() ? 7000 : it->second;
        NS_ABORT_MSG_IF(port == 65535,
                        "QuantumLinkHelper::Install: node "
                            << nodes[i]->GetId()
                            << " has run out of UDP ports for link ends (7000-65534)");
        g_nextUdpPort[nodes[i]->GetId()] = port + 1;
        link.ends[i]->SetAttribute("UdpPort", UintegerValue(port));
        link.ends[i]->Setup(nodes[i],
                            mem[i],
                            DynamicCast<QuantumNetDevice>(arms[i].Get(0)),
                            link.station,
                            i);
        link.station->SetArm(i, DynamicCast<QuantumNetDevice>(arms[i].Get(1)), link.ends[i]);
    }
    link.ends[0]->SetPeer(link.ends[1]);
    link.ends[1]->SetPeer(link.ends[0]);

    if (link.station->GetTransport() == HeraldTransport::UDP)
    {
        InternetStackHelper internet;
        for (Ptr<Node> n : {a, b, link.stationNode})
        {
            if (!n->GetObject<Ipv4>())
            {
                internet.Install(n);
            }
        }
        PointToPointHelper p2p;
        for (const auto& [name, value] : m_p2pDeviceAttributes)
        {
            p2p.SetDeviceAttribute(name, *value);
        }
        for (const auto& [name, value] : m_p2pChannelAttributes)
        {
            p2p.SetChannelAttribute(name, *value);
        }
        NetDeviceContainer dA = p2p.Install(a, link.stationNode);
        NetDeviceContainer dB = p2p.Install(link.stationNode, b);
        link.udpDevices.Add(dA);
        link.udpDevices.Add(dB);
        Ipv4AddressHelper addr;
        const uint32_t k = g_udpLinks++;
        NS_ABORT_MSG_IF(k * 2 + 1 >= 156 * 256,
                        "QuantumLinkHelper::Install: more than "
                            << 156 * 256 / 2
                            << " heralded links with UDP heralds in one simulation: the herald "
                               "subnets 10.100.0.0-10.255.255.0 are used up");
        std::ostringstream netA;
        std::ostringstream netB;
        netA << "10." << (k * 2) / 256 + 100 << "." << (k * 2) % 256 << ".0";
        netB << "10." << (k * 2 + 1) / 256 + 100 << "." << (k * 2 + 1) % 256 << ".0";
        addr.SetBase(netA.str().c_str(), "255.255.255.0");
        Ipv4InterfaceContainer ifA = addr.Assign(dA); // a, station
        addr.SetBase(netB.str().c_str(), "255.255.255.0");
        Ipv4InterfaceContainer ifB = addr.Assign(dB); // station, b
        // Host routes between A and B through the station.
        Ipv4StaticRoutingHelper srh;
        Ptr<Ipv4> ipA = a->GetObject<Ipv4>();
        Ptr<Ipv4> ipB = b->GetObject<Ipv4>();
        srh.GetStaticRouting(ipA)->AddHostRouteTo(ifB.GetAddress(1),
                                                  ifA.GetAddress(1),
                                                  ipA->GetInterfaceForDevice(dA.Get(0)));
        srh.GetStaticRouting(ipB)->AddHostRouteTo(ifA.GetAddress(0),
                                                  ifB.GetAddress(0),
                                                  ipB->GetInterfaceForDevice(dB.Get(1)));
        const Ipv4Address addrA = ifA.GetAddress(0);
        const Ipv4Address addrB = ifB.GetAddress(1);
        link.ends[0]->SetUdpPeer(InetSocketAddress(addrB, link.ends[1]->GetUdpPort()));
        link.ends[1]->SetUdpPeer(InetSocketAddress(addrA, link.ends[0]->GetUdpPort()));
        link.station->SetUdpDestination(0, InetSocketAddress(addrA, link.ends[0]->GetUdpPort()));
        link.station->SetUdpDestination(1, InetSocketAddress(addrB, link.ends[1]->GetUdpPort()));
    }
    link.station->Refresh();
    return link;
}

int64_t
QuantumLinkHelper::AssignStreams(const HeraldedLink& link, int64_t stream)
{
    int64_t used = link.station->AssignStreams(stream);
    for (uint32_t j = 0; j < 2; ++j)
    {
        used += link.station->GetDetector(j)->AssignStreams(stream + used);
    }
    used += QuantumChannelHelper::AssignStreams(link.fibreDevices, stream + used);
    return used;
}

} // namespace ns3
