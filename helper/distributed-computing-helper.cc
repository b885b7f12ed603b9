/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distributed-computing-helper.h"

#include "quantum-repeater-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/chain-link-layer.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DistributedComputingHelper");

Time
DistributedShotRecord::GetLatency() const
{
    return nodesDone == 0 ? Time(0) : end - start;
}

namespace
{

/**
 * @param apps a container
 * @param i an index
 * @param what the caller, for messages
 * @return the application, checked
 */
Ptr<DistributedQpuApplication>
GetApp(ApplicationContainer apps, uint32_t i, const char* what)
{
    NS_ABORT_MSG_IF(i >= apps.GetN(),
                    "DistributedComputingHelper::" << what << ": circuit node " << i
                                                   << " is unknown; there are " << apps.GetN()
                                                   << " applications");
    Ptr<DistributedQpuApplication> a = DynamicCast<DistributedQpuApplication>(apps.Get(i));
    NS_ABORT_MSG_IF(!a,
                    "DistributedComputingHelper::" << what << ": application " << i
                                                   << " is not a DistributedQpuApplication");
    return a;
}

/**
 * Measured trace sink.
 * @param table the table
 * @param size register size
 * @param shot shot
 * @param index register index
 * @param outcome outcome
 */
void
RecordMeasured(std::shared_ptr<DistributedShotTable> table,
               uint32_t size,
               uint32_t shot,
               uint32_t index,
               uint32_t outcome)
{
    DistributedShotRecord& r = (*table)[shot];
    if (r.outcomes.size() != size)
    {
        r.outcomes.assign(size, -1);
    }
    r.outcomes[index] = static_cast<int32_t>(outcome);
}

/**
 * ShotCompleted trace sink.
 * @param table the table
 * @param size register size
 * @param shot shot
 * @param start start
 * @param end end
 * @param pairs pairs used
 */
void
RecordShot(std::shared_ptr<DistributedShotTable> table,
           uint32_t size,
           uint32_t shot,
           Time start,
           Time end,
           uint32_t pairs)
{
    DistributedShotRecord& r = (*table)[shot];
    if (r.outcomes.size() != size)
    {
        r.outcomes.assign(size, -1);
    }
    r.start = std::max(r.start, start);
    r.end = std::max(r.end, end);
    ++r.nodesDone;
    r.pairsUsed += pairs;
}

} // namespace

DistributedComputingHelper::DistributedComputingHelper()
{
    m_factory.SetTypeId(DistributedQpuApplication::GetTypeId());
}

void
DistributedComputingHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
DistributedComputingHelper::Install(NodeContainer nodes, const DistributedCircuit& circuit) const
{
    NS_ABORT_MSG_IF(nodes.GetN() != circuit.GetNumNodes(),
                    "DistributedComputingHelper::Install: the circuit spans "
                        << circuit.GetNumNodes() << " nodes, but " << nodes.GetN()
                        << " nodes were given");
    ApplicationContainer apps;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<DistributedQpuApplication> a = m_factory.Create<DistributedQpuApplication>();
        a->SetCircuit(circuit, i);
        nodes.Get(i)->AddApplication(a);
        apps.Add(a);
    }
    return apps;
}

void
DistributedComputingHelper::Connect(ApplicationContainer apps,
                                    uint32_t requester,
                                    uint32_t responder,
                                    Ptr<QuantumLinkLayer> requesterEnd,
                                    Ptr<QuantumLinkLayer> responderEnd,
                                    Ipv4Address requesterAddress,
                                    Ipv4Address responderAddress)
{
    Ptr<DistributedQpuApplication> a = GetApp(apps, requester, "Connect");
    Ptr<DistributedQpuApplication> b = GetApp(apps, responder, "Connect");
    NS_ABORT_MSG_IF(requester == responder,
                    "DistributedComputingHelper::Connect: node " << requester
                                                                 << " cannot connect to itself");
    NS_ABORT_MSG_IF(!requesterEnd || !responderEnd,
                    "DistributedComputingHelper::Connect: null link end");
    NS_ABORT_MSG_IF(requesterEnd->GetNode() != a->GetNode()
                        || responderEnd->GetNode() != b->GetNode(),
                    "DistributedComputingHelper::Connect: the link ends are not on the nodes "
                    "of circuit nodes "
                        << requester << " and " << responder);
    a->AddPeer(responder, responderAddress, requesterEnd, true);
    b->AddPeer(requester, requesterAddress, responderEnd, false);
}

std::vector<std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>>>
DistributedComputingHelper::InstallAbstractLinks(ApplicationContainer apps,
                                                 QuantumRepeaterHelper& links)
{
    const DistributedCircuit& c = GetApp(apps, 0, "InstallAbstractLinks")->GetCircuit();
    NS_ABORT_MSG_IF(apps.GetN() != c.GetNumNodes(),
                    "DistributedComputingHelper::InstallAbstractLinks: "
                        << apps.GetN() << " applications for a circuit of " << c.GetNumNodes()
                        << " nodes");
    std::set<std::pair<uint32_t, uint32_t>> joined;
    for (const auto& op : c.GetOperations())
    {
        if (c.IsNonLocal(op))
        {
            const uint32_t a = c.GetNode(op.qubits[0]);
            const uint32_t b = c.GetNode(op.qubits[1]);
            joined.insert({std::min(a, b), std::max(a, b)});
        }
    }
    std::vector<std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>>> out;
    for (const auto& j : joined)
    {
        Ptr<Node> na = apps.Get(j.first)->GetNode();
        Ptr<Node> nb = apps.Get(j.second)->GetNode();
        auto ends = links.InstallAbstractLink(na, nb);
        const auto addrs = links.GetClassicalLink(na, nb);
        Connect(apps, j.first, j.second, ends.first, ends.second, addrs.first, addrs.second);
        out.push_back(ends);
    }
    return out;
}

RepeaterChain
DistributedComputingHelper::InstallChainLink(ApplicationContainer apps,
                                             uint32_t a,
                                             uint32_t b,
                                             NodeContainer repeaters,
                                             QuantumRepeaterHelper& links,
                                             uint16_t agentPort)
{
    Ptr<DistributedQpuApplication> appA = GetApp(apps, a, "InstallChainLink");
    Ptr<DistributedQpuApplication> appB = GetApp(apps, b, "InstallChainLink");
    NS_ABORT_MSG_IF(a == b, "DistributedComputingHelper::InstallChainLink: a = b = " << a);
    UintegerValue appPort;
    appA->GetAttribute("Port", appPort);
    NS_ABORT_MSG_IF(agentPort == 0 || agentPort == appPort.Get(),
                    "DistributedComputingHelper::InstallChainLink: agentPort "
                        << agentPort << " must be non-zero and differ from the applications' Port "
                        << appPort.Get());
    NodeContainer chainNodes;
    chainNodes.Add(appA->GetNode());
    chainNodes.Add(repeaters);
    chainNodes.Add(appB->GetNode());
    RepeaterChain chain = links.InstallChain(chainNodes);
    for (Ptr<RepeaterNodeAgent> agent : chain.agents)
    {
        agent->SetAttribute("Port", UintegerValue(agentPort));
        agent->SetAttribute("MaxDeliveries", UintegerValue(0));
    }
    chain.First()->SetAttribute("OnDemand", BooleanValue(true));
    Ptr<AbstractLinkLayer> first = DynamicCast<AbstractLinkLayer>(chain.links.front().first);
    NS_ASSERT(first);
    Ptr<ChainLinkLayer> la = CreateObject<ChainLinkLayer>();
    Ptr<ChainLinkLayer> lb = CreateObject<ChainLinkLayer>();
    la->SetSubChain(chain.First(), true, appB->GetNode()->GetId(), first->GetAttemptPeriod());
    lb->SetSubChain(chain.Last(), false, appA->GetNode()->GetId(), first->GetAttemptPeriod());
    const Ipv4Address addrA = links.GetClassicalLink(appA->GetNode(), chainNodes.Get(1)).first;
    const Ipv4Address addrB
        = links.GetClassicalLink(appB->GetNode(), chainNodes.Get(chainNodes.GetN() - 2)).first;
    Connect(apps, a, b, la, lb, addrA, addrB);
    return chain;
}

std::shared_ptr<DistributedShotTable>
DistributedComputingHelper::RecordShots(ApplicationContainer apps)
{
    auto table = std::make_shared<DistributedShotTable>();
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        Ptr<DistributedQpuApplication> a = GetApp(apps, i, "RecordShots");
        const uint32_t size = a->GetCircuit().GetNumMeasurements();
        a->TraceConnectWithoutContext("Measured", MakeBoundCallback(&RecordMeasured, table, size));
        a->TraceConnectWithoutContext("ShotCompleted", MakeBoundCallback(&RecordShot, table, size));
    }
    return table;
}

int64_t
DistributedComputingHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    int64_t used = 0;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        used += GetApp(apps, i, "AssignStreams")->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
