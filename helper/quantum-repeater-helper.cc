/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-repeater-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/chain-link-layer.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/uinteger.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumRepeaterHelper");

Ptr<RepeaterNodeAgent>
RepeaterChain::First() const
{
    NS_ABORT_MSG_IF(agents.empty(), "RepeaterChain::First: empty chain");
    return agents.front();
}

Ptr<RepeaterNodeAgent>
RepeaterChain::Last() const
{
    NS_ABORT_MSG_IF(agents.empty(), "RepeaterChain::Last: empty chain");
    return agents.back();
}

QuantumRepeaterHelper::QuantumRepeaterHelper()
    : m_rate(DataRate("10Gbps"))
    , m_delay(Time(0))
    , m_subnet(0)
    , m_transport(UDP_POINT_TO_POINT)
{
    m_linkFactory.SetTypeId(AbstractLinkLayer::GetTypeId());
    m_swapperFactory.SetTypeId(EntanglementSwapper::GetTypeId());
    m_policyFactory.SetTypeId(RepeaterChainPolicy::GetTypeId());
    m_agentFactory.SetTypeId(RepeaterNodeAgent::GetTypeId());
    m_purifierFactory.SetTypeId(EntanglementPurifier::GetTypeId());
    m_routerFactory.SetTypeId(QuantumRouter::GetTypeId());
}

void
QuantumRepeaterHelper::SetRouterAttribute(const std::string& name, const AttributeValue& value)
{
    m_routerFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetLinkAttribute(const std::string& name, const AttributeValue& value)
{
    m_linkFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetSwapperAttribute(const std::string& name, const AttributeValue& value)
{
    m_swapperFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetPolicyAttribute(const std::string& name, const AttributeValue& value)
{
    m_policyFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetAgentAttribute(const std::string& name, const AttributeValue& value)
{
    m_agentFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetPurifierAttribute(const std::string& name, const AttributeValue& value)
{
    m_purifierFactory.Set(name, value);
}

void
QuantumRepeaterHelper::SetClassicalTransport(ClassicalTransport transport)
{
    m_transport = transport;
}

void
QuantumRepeaterHelper::SetClassicalLink(DataRate rate, Time delay)
{
    m_rate = rate;
    m_delay = delay;
}

std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>>
QuantumRepeaterHelper::InstallAbstractLink(Ptr<Node> a, Ptr<Node> b) const
{
    NS_ABORT_MSG_IF(!a || !b || a == b,
                    "QuantumRepeaterHelper::InstallAbstractLink: two distinct nodes needed");
    Ptr<QuantumMemory> ma = a->GetObject<QuantumMemory>();
    Ptr<QuantumMemory> mb = b->GetObject<QuantumMemory>();
    NS_ABORT_MSG_IF(!ma || !mb,
                    "QuantumRepeaterHelper: nodes " << a->GetId() << " and " << b->GetId()
                                                    << " need a QuantumMemory (QuantumNodeHelper)");
    Ptr<AbstractLinkLayer> la = m_linkFactory.Create<AbstractLinkLayer>();
    Ptr<AbstractLinkLayer> lb = m_linkFactory.Create<AbstractLinkLayer>();
    la->SetNode(a, ma);
    lb->SetNode(b, mb);
    la->SetPeer(lb);
    return {la, lb};
}

std::pair<Ipv4Address, Ipv4Address>
QuantumRepeaterHelper::GetClassicalLink(Ptr<Node> a, Ptr<Node> b)
{
    const auto key
        = std::make_pair(std::min(a->GetId(), b->GetId()), std::max(a->GetId(), b->GetId()));
    auto it = m_classical.find(key);
    if (it == m_classical.end())
    {
        // IPv4 only: the repeater protocol never uses IPv6.
        InternetStackHelper stack;
        stack.SetIpv6StackInstall(false);
        for (Ptr<Node> n : {a, b})
        {
            if (!n->GetObject<Ipv4>())
            {
                stack.Install(n);
            }
        }
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(m_rate));
        p2p.SetChannelAttribute("Delay", TimeValue(m_delay));
        NetDeviceContainer devs = p2p.Install(a, b);
        const uint32_t base = (10u << 24) + 4u * m_subnet++;
        NS_ABORT_MSG_IF(m_subnet >= (1u << 22), "QuantumRepeaterHelper: out of classical subnets");
        // Addresses set by hand rather than with Ipv4AddressHelper, which
        // would also install the default FqCoDel root queue disc on each
        // device: control messages go straight to the device queue (the
        // queue disc cost a quarter of the per-message time in a profile of
        // a 100-node chain).
        std::array<Ipv4Address, 2> ip{Ipv4Address(base + 1), Ipv4Address(base + 2)};
        for (uint32_t k = 0; k < 2; ++k)
        {
            Ptr<Ipv4> ipv4 = devs.Get(k)->GetNode()->GetObject<Ipv4>();
            const int32_t ifIndex = ipv4->AddInterface(devs.Get(k));
            ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(ip[k], Ipv4Mask("255.255.255.252")));
            ipv4->SetMetric(ifIndex, 1);
            ipv4->SetUp(ifIndex);
        }
        const auto addrs
            = a->GetId() < b->GetId() ? std::make_pair(ip[0], ip[1]) : std::make_pair(ip[1], ip[0]);
        it = m_classical.emplace(key, addrs).first;
    }
    return a->GetId() < b->GetId() ? it->second
                                   : std::make_pair(it->second.second, it->second.first);
}

std::pair<Ptr<NetDevice>, Ptr<NetDevice>>
QuantumRepeaterHelper::GetClassicalFrameLink(Ptr<Node> a, Ptr<Node> b)
{
    NS_ABORT_MSG_IF(!a || !b || a == b,
                    "QuantumRepeaterHelper::GetClassicalFrameLink: two distinct nodes needed");
    const bool aLow = a->GetId() < b->GetId();
    const auto key
        = aLow ? std::make_pair(a->GetId(), b->GetId()) : std::make_pair(b->GetId(), a->GetId());
    auto it = m_frameLinks.find(key);
    if (it == m_frameLinks.end())
    {
        Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
        channel->SetAttribute("Delay", TimeValue(m_delay));
        std::array<Ptr<SimpleNetDevice>, 2> dev;
        std::array<Ptr<Node>, 2> node{aLow ? a : b, aLow ? b : a};
        for (uint32_t k = 0; k < 2; ++k)
        {
            dev[k] = CreateObject<SimpleNetDevice>();
            dev[k]->SetAttribute("DataRate", DataRateValue(m_rate));
            dev[k]->SetAttribute("PointToPointMode", BooleanValue(true));
            dev[k]->SetAddress(Mac48Address::Allocate());
            node[k]->AddDevice(dev[k]);
            dev[k]->SetChannel(channel);
        }
        it = m_frameLinks.emplace(key, std::make_pair(dev[0], dev[1])).first;
    }
    return aLow ? it->second : std::make_pair(it->second.second, it->second.first);
}

RepeaterChain
QuantumRepeaterHelper::InstallChain(NodeContainer nodes)
{
    NS_ABORT_MSG_IF(nodes.GetN() < 2,
                    "QuantumRepeaterHelper::InstallChain: a chain needs at least 2 nodes, got "
                        << nodes.GetN());
    std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links;
    for (uint32_t i = 0; i + 1 < nodes.GetN(); ++i)
    {
        auto l = InstallAbstractLink(nodes.Get(i), nodes.Get(i + 1));
        links.emplace_back(l.first, l.second);
    }
    return InstallChain(nodes, links);
}

RepeaterChain
QuantumRepeaterHelper::InstallChain(
    NodeContainer nodes,
    const std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>>& links)
{
    const uint32_t n = nodes.GetN();
    NS_ABORT_MSG_IF(n < 2,
                    "QuantumRepeaterHelper::InstallChain: a chain needs at least 2 nodes, got "
                        << n);
    NS_ABORT_MSG_IF(links.size() + 1 != n,
                    "QuantumRepeaterHelper::InstallChain: " << n << " nodes need " << n - 1
                                                            << " links, got " << links.size());
    RepeaterChain chain;
    chain.nodes = nodes;
    chain.links = links;
    chain.policy = m_policyFactory.Create<RepeaterChainPolicy>();
    chain.policy->Validate(n);
    // Purification engines only when the policy purifies (they hold a
    // random stream and per-step state: a thousand-node chain without
    // purification need not carry them).
    for (uint32_t i = 0; i + 1 < n && chain.policy->GetPurifyRounds() > 0; ++i)
    {
        chain.purifiers.push_back(m_purifierFactory.Create<EntanglementPurifier>());
    }
    auto purifier = [&chain](uint32_t link) {
        return chain.purifiers.empty() ? nullptr : chain.purifiers[link];
    };
    // The agent of node i reaches neighbour j by UDP or by frames.
    auto connect = [this, &nodes](Ptr<RepeaterNodeAgent> agent,
                                  RepeaterNodeAgent::Side side,
                                  uint32_t i,
                                  uint32_t j,
                                  Ptr<QuantumLinkLayer> link,
                                  Ptr<EntanglementPurifier> p) {
        if (m_transport == FRAMES_SIMPLE_CHANNEL)
        {
            const auto devs = GetClassicalFrameLink(nodes.Get(i), nodes.Get(j));
            agent->SetLink(side, link, devs.first, devs.second->GetAddress(), p);
        }
        else
        {
            agent->SetLink(side, link, GetClassicalLink(nodes.Get(i), nodes.Get(j)).second, p);
        }
    };
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<QuantumMemory> mem = node->GetObject<QuantumMemory>();
        NS_ABORT_MSG_IF(!mem,
                        "QuantumRepeaterHelper::InstallChain: node " << node->GetId()
                                                                     << " has no QuantumMemory");
        Ptr<QuantumProcessor> proc = node->GetObject<QuantumProcessor>();
        Ptr<EntanglementSwapper> swapper = node->GetObject<EntanglementSwapper>();
        if (!swapper)
        {
            swapper = m_swapperFactory.Create<EntanglementSwapper>();
            swapper->SetDevices(mem, proc);
            node->AggregateObject(swapper);
        }
        Ptr<RepeaterNodeAgent> agent = m_agentFactory.Create<RepeaterNodeAgent>();
        agent->SetPosition(i, n);
        agent->SetDevices(mem, proc, swapper);
        agent->SetPolicy(chain.policy);
        if (i > 0)
        {
            connect(agent, RepeaterNodeAgent::LEFT, i, i - 1, links[i - 1].second, purifier(i - 1));
        }
        if (i + 1 < n)
        {
            connect(agent, RepeaterNodeAgent::RIGHT, i, i + 1, links[i].first, purifier(i));
        }
        node->AddApplication(agent);
        chain.agents.push_back(agent);
    }
    chain.agents.front()->SetFarEndForAnalysis(chain.agents.back());
    chain.agents.back()->SetFarEndForAnalysis(chain.agents.front());
    return chain;
}

RepeaterChain
QuantumRepeaterHelper::InstallNestedChain(NodeContainer nodes)
{
    const uint32_t n = nodes.GetN();
    const uint32_t segments = n < 2 ? 0 : n - 1;
    NS_ABORT_MSG_IF(n < 3 || (segments & (segments - 1)) != 0,
                    "QuantumRepeaterHelper::InstallNestedChain: nested doubling with "
                    "purification at every level needs 2^n + 1 nodes (3, 5, 9, 17, ...), got "
                        << n << " nodes");
    // Memory: a node serves, at each level, the link ends of the chains it
    // belongs to; each link end holds a pair and a sacrificial pair.
    for (uint32_t i = 0; i < n; ++i)
    {
        uint32_t ends = 0;
        for (uint32_t span = 1; span < segments; span *= 2)
        {
            // Level of span `span` is served by the chains whose links have that span.
            if (i % span == 0)
            {
                ends += (i > 0 ? 1 : 0) + (i + 1 < n ? 1 : 0);
            }
        }
        // The top chain's links span segments / 2, counted above; the
        // sub-chain end agents hold their own link halves while building.
        Ptr<QuantumMemory> mem = nodes.Get(i)->GetObject<QuantumMemory>();
        NS_ABORT_MSG_IF(!mem,
                        "QuantumRepeaterHelper::InstallNestedChain: node "
                            << nodes.Get(i)->GetId() << " has no QuantumMemory");
        TimeValue cutoff;
        mem->GetAttribute("CutoffTime", cutoff);
        NS_ABORT_MSG_IF(!cutoff.Get().IsZero(),
                        "QuantumRepeaterHelper::InstallNestedChain: node "
                            << nodes.Get(i)->GetId()
                            << ": QuantumMemory CutoffTime = " << cutoff.Get().As(Time::MS)
                            << " is not supported with purification at every level (use 0)");
        NS_ABORT_MSG_IF(mem->GetNumSlots() < 2 * ends,

                        "QuantumRepeaterHelper::InstallNestedChain: node "
                            << nodes.Get(i)->GetId() << " (position " << i << ") serves " << ends
                            << " link ends over all nesting levels and needs QuantumMemory "
                               "NumSlots >= "
                            << 2 * ends << ", got " << mem->GetNumSlots());
    }
    std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links;
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        auto l = InstallAbstractLink(nodes.Get(i), nodes.Get(i + 1));
        links.emplace_back(l.first, l.second);
    }
    const Time period = DynamicCast<AbstractLinkLayer>(links.front().first)->GetAttemptPeriod();
    std::vector<uint32_t> idx(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        idx[i] = i;
    }
    std::vector<RepeaterChain> subChains;
    uint32_t nextPort = 0;
    uint32_t basePort = 0;
    auto setPort = [&](RepeaterChain& c, uint32_t offset) {
        if (basePort == 0)
        {
            UintegerValue v;
            c.agents.front()->GetAttribute("Port", v);
            basePort = v.Get();
        }
        NS_ABORT_MSG_IF(basePort + offset > 65535,
                        "QuantumRepeaterHelper::InstallNestedChain: out of UDP ports above "
                            << basePort);
        for (Ptr<RepeaterNodeAgent> a : c.agents)
        {
            a->SetAttribute("Port", UintegerValue(basePort + offset));
        }
    };
    while (idx.size() > 3)
    {
        std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> upLinks;
        std::vector<uint32_t> upIdx;
        for (uint32_t m = 0; m + 2 < idx.size(); m += 2)
        {
            NodeContainer c;
            c.Add(nodes.Get(idx[m]));
            c.Add(nodes.Get(idx[m + 1]));
            c.Add(nodes.Get(idx[m + 2]));
            RepeaterChain sub = InstallChain(c, {links[m], links[m + 1]});
            setPort(sub, ++nextPort);
            for (Ptr<RepeaterNodeAgent> a : sub.agents)
            {
                a->SetAttribute("MaxDeliveries", UintegerValue(0));
            }
            sub.First()->SetAttribute("OnDemand", BooleanValue(true));
            Ptr<ChainLinkLayer> la = CreateObject<ChainLinkLayer>();
            Ptr<ChainLinkLayer> lb = CreateObject<ChainLinkLayer>();
            la->SetSubChain(sub.First(), true, nodes.Get(idx[m + 2])->GetId(), period);
            lb->SetSubChain(sub.Last(), false, nodes.Get(idx[m])->GetId(), period);
            upLinks.emplace_back(la, lb);
            upIdx.push_back(idx[m]);
            subChains.push_back(sub);
        }
        upIdx.push_back(idx.back());
        links = upLinks;
        idx = upIdx;
    }
    NodeContainer top;
    for (uint32_t i : idx)
    {
        top.Add(nodes.Get(i));
    }
    RepeaterChain chain = InstallChain(top, links);
    setPort(chain, 0);
    chain.subChains = subChains;
    return chain;
}

int64_t
QuantumRepeaterHelper::AssignStreams(const RepeaterChain& chain, int64_t stream)
{
    int64_t used = 0;
    for (const auto& sub : chain.subChains)
    {
        used += AssignStreams(sub, stream + used);
    }
    for (const auto& l : chain.links)
    {
        for (Ptr<QuantumLinkLayer> end : {l.first, l.second})
        {
            Ptr<AbstractLinkLayer> a = DynamicCast<AbstractLinkLayer>(end);
            if (a)
            {
                used += a->AssignStreams(stream + used);
            }
        }
    }
    for (const auto& p : chain.purifiers)
    {
        used += p->AssignStreams(stream + used);
    }
    for (const auto& a : chain.agents)
    {
        used += a->AssignStreams(stream + used);
        Ptr<EntanglementSwapper> s = a->GetNode()->GetObject<EntanglementSwapper>();
        if (s)
        {
            used += s->AssignStreams(stream + used);
        }
        Ptr<QuantumMemory> m = a->GetNode()->GetObject<QuantumMemory>();
        if (m)
        {
            used += m->AssignStreams(stream + used);
        }
        Ptr<QuantumProcessor> p = a->GetNode()->GetObject<QuantumProcessor>();
        if (p)
        {
            used += p->AssignStreams(stream + used);
        }
    }
    return used;
}

QuantumNetwork
QuantumRepeaterHelper::InstallNetwork(NodeContainer nodes,
                                      const std::vector<QuantumNetworkLink>& links)
{
    NS_ABORT_MSG_IF(m_transport != UDP_POINT_TO_POINT,
                    "QuantumRepeaterHelper::InstallNetwork: routes span several classical hops "
                    "and use UDP; SetClassicalTransport(FRAMES_SIMPLE_CHANNEL) applies to "
                    "InstallChain and InstallNestedChain only");
    QuantumNetwork net;
    net.nodes = nodes;
    net.controller = CreateObject<QuantumRouteController>();
    net.controller->SetAttribute("Router", PointerValue(m_routerFactory.Create<QuantumRouter>()));
    net.controller->SetAttribute("Policy",
                                 PointerValue(m_policyFactory.Create<RepeaterChainPolicy>()));
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<QuantumMemory> mem = node->GetObject<QuantumMemory>();
        NS_ABORT_MSG_IF(!mem,
                        "QuantumRepeaterHelper::InstallNetwork: node " << node->GetId()
                                                                       << " has no QuantumMemory");
        if (!node->GetObject<EntanglementSwapper>())
        {
            Ptr<EntanglementSwapper> swapper = m_swapperFactory.Create<EntanglementSwapper>();
            swapper->SetDevices(mem, node->GetObject<QuantumProcessor>());
            node->AggregateObject(swapper);
        }
    }
    for (const QuantumNetworkLink& l : links)
    {
        NS_ABORT_MSG_IF(l.a >= nodes.GetN() || l.b >= nodes.GetN() || l.a == l.b,
                        "QuantumRepeaterHelper::InstallNetwork: link "
                            << l.a << "--" << l.b << " needs two distinct node indices below "
                            << nodes.GetN());
        auto ends = InstallAbstractLink(nodes.Get(l.a), nodes.Get(l.b));
        if (l.successProbability >= 0.0)
        {
            for (auto e : {ends.first, ends.second})
            {
                e->SetAttribute("SuccessProbability", DoubleValue(l.successProbability));
            }
        }
        if (l.fidelity >= 0.0)
        {
            for (auto e : {ends.first, ends.second})
            {
                e->SetAttribute("LinkFidelity", DoubleValue(l.fidelity));
            }
        }
        const auto addrs = GetClassicalLink(nodes.Get(l.a), nodes.Get(l.b));
        Ptr<EntanglementPurifier> purifier = m_purifierFactory.Create<EntanglementPurifier>();
        net.controller->AddAbstractLink(ends.first,
                                        ends.second,
                                        addrs.first,
                                        addrs.second,
                                        purifier);
        net.links.push_back(ends);
        net.purifiers.push_back(purifier);
    }
    return net;
}

int64_t
QuantumRepeaterHelper::AssignStreams(const QuantumNetwork& network, int64_t stream)
{
    int64_t used = 0;
    for (const auto& l : network.links)
    {
        used += l.first->AssignStreams(stream + used);
        used += l.second->AssignStreams(stream + used);
    }
    for (const auto& p : network.purifiers)
    {
        used += p->AssignStreams(stream + used);
    }
    for (uint32_t i = 0; i < network.nodes.GetN(); ++i)
    {
        Ptr<Node> node = network.nodes.Get(i);
        if (Ptr<EntanglementSwapper> s = node->GetObject<EntanglementSwapper>())
        {
            used += s->AssignStreams(stream + used);
        }
        if (Ptr<QuantumMemory> m = node->GetObject<QuantumMemory>())
        {
            used += m->AssignStreams(stream + used);
        }
        if (Ptr<QuantumProcessor> p = node->GetObject<QuantumProcessor>())
        {
            used += p->AssignStreams(stream + used);
        }
    }
    used += network.controller->AssignStreams(stream + used);
    return used;
}

} // namespace ns3
