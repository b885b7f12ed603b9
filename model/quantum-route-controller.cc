/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-route-controller.h"

#include "abstract-link-layer.h"
#include "entanglement-purifier.h"
#include "entanglement-swapper.h"
#include "multiplexed-link-layer.h"
#include "quantum-link-multiplexer.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "repeater-chain-policy.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumRouteController");
NS_OBJECT_ENSURE_REGISTERED(QuantumRouteController);

TypeId
QuantumRouteController::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumRouteController")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumRouteController>()
              .AddAttribute("Router",
                            "The path-selection engine (its Metric attribute chooses Rate or "
                            "Fidelity).",
                            PointerValue(),
                            MakePointerAccessor(&QuantumRouteController::m_router),
                            MakePointerChecker<QuantumRouter>())
              .AddAttribute("Policy",
                            "Chain policy (scheme, purification) of every request.",
                            PointerValue(),
                            MakePointerAccessor(&QuantumRouteController::m_policy),
                            MakePointerChecker<RepeaterChainPolicy>())
              .AddAttribute("BasePort",
                            "UDP port of the agents of request 0; request k uses BasePort + k.",
                            UintegerValue(20000),
                            MakeUintegerAccessor(&QuantumRouteController::m_basePort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddTraceSource("Accepted",
                              "A request was accepted: request id, route.",
                              MakeTraceSourceAccessor(&QuantumRouteController::m_acceptedTrace),
                              "ns3::QuantumRouteController::AcceptedTracedCallback")
              .AddTraceSource("Refused",
                              "A request was refused: request id, error.",
                              MakeTraceSourceAccessor(&QuantumRouteController::m_refusedTrace),
                              "ns3::QuantumRouteController::RefusedTracedCallback")
              .AddTraceSource("Delivered",
                              "An end-to-end pair of a request reached one end: request id, "
                              "delivery, ground-truth fidelity (first end; NaN at the other).",
                              MakeTraceSourceAccessor(&QuantumRouteController::m_deliveredTrace),
                              "ns3::QuantumRouteController::DeliveredTracedCallback")
              .AddTraceSource("Completed",
                              "All pairs of a request reached both ends: request id.",
                              MakeTraceSourceAccessor(&QuantumRouteController::m_completedTrace),
                              "ns3::QuantumRouteController::CompletedTracedCallback");
    return tid;
}

QuantumRouteController::QuantumRouteController()
    : m_router(CreateObject<QuantumRouter>())
    , m_policy(CreateObject<RepeaterChainPolicy>())
    , m_basePort(20000)
    , m_nextStream(-1)
    , m_streamEnd(-1)
{
    // The controller, its requests' agents and multiplexers refer to each
    // other and none is aggregated to a node: dispose it at Simulator::Destroy
    // to break the cycles.
    Simulator::ScheduleDestroy(&QuantumRouteController::DisposeAtDestroy,
                               Ptr<QuantumRouteController>(this));
}

QuantumRouteController::~QuantumRouteController() = default;

void
QuantumRouteController::DisposeAtDestroy(Ptr<QuantumRouteController> controller)
{
    controller->Dispose();
}

void
QuantumRouteController::DoDispose()
{
    m_router = nullptr;
    m_policy = nullptr;
    m_links.clear();
    m_requests.clear();
    Object::DoDispose();
}

Ptr<QuantumRouter>
QuantumRouteController::GetRouter() const
{
    return m_router;
}

uint32_t
QuantumRouteController::AddLink(Ptr<QuantumLinkLayer> a,
                                Ptr<QuantumLinkLayer> b,
                                double successProbability,
                                double fidelity,
                                Ipv4Address addrA,
                                Ipv4Address addrB,
                                Ptr<EntanglementPurifier> purifier)
{
    NS_ABORT_MSG_IF(!a || !b, "QuantumRouteController::AddLink: null link end");
    NS_ABORT_MSG_IF(!m_router, "QuantumRouteController: attribute Router is null");
    const uint32_t index = m_router->AddLink(a->GetNode(),
                                             b->GetNode(),
                                             a->GetAttemptPeriod(),
                                             successProbability,
                                             fidelity);
    NS_ASSERT(index == m_links.size());
    LinkEntry e;
    e.mux = CreateObject<QuantumLinkMultiplexer>();
    e.mux->SetLink(a, b);
    e.address = {addrA, addrB};
    e.nodeId = {a->GetNode()->GetId(), b->GetNode()->GetId()};
    e.purifier = purifier;
    m_links.push_back(e);
    return index;
}

uint32_t
QuantumRouteController::AddAbstractLink(Ptr<AbstractLinkLayer> a,
                                        Ptr<AbstractLinkLayer> b,
                                        Ipv4Address addrA,
                                        Ipv4Address addrB,
                                        Ptr<EntanglementPurifier> purifier)
{
    NS_ABORT_MSG_IF(!a || !b, "QuantumRouteController::AddAbstractLink: null link end");
    return AddLink(a, b, a->GetSuccessProbability(), a->GetLinkFidelity(), addrA, addrB, purifier);
}

uint32_t
QuantumRouteController::SlotsNeeded(uint32_t position, uint32_t k) const
{
    const uint32_t perSide = m_policy->GetPurifyRounds() > 0 ? 2 : 1;
    return (position == 0 || position + 1 == k) ? perSide : 2 * perSide;
}

uint32_t
QuantumRouteController::FreeSlots(uint32_t nodeId) const
{
    Ptr<Node> node = NodeList::GetNode(nodeId);
    Ptr<QuantumMemory> mem = node->GetObject<QuantumMemory>();
    const uint32_t slots = mem ? mem->GetNumSlots() : 0;
    auto it = m_reserved.find(nodeId);
    const uint32_t used = it == m_reserved.end() ? 0 : it->second;
    return slots > used ? slots - used : 0;
}

uint32_t
QuantumRouteController::Submit(const QuantumRouteRequest& request)
{
    NS_ABORT_MSG_IF(!request.source || !request.destination,
                    "QuantumRouteController::Submit: the request needs a source and a "
                    "destination node");
    NS_ABORT_MSG_IF(request.source == request.destination,
                    "QuantumRouteController::Submit: source and destination are the same node "
                        << request.source->GetId());
    NS_ABORT_MSG_IF(request.numPairs == 0,
                    "QuantumRouteController::Submit: numPairs = 0 is invalid; at least 1");
    NS_ABORT_MSG_IF(!(request.minFidelity >= 0.0 && request.minFidelity <= 1.0),
                    "QuantumRouteController::Submit: minFidelity = "
                        << request.minFidelity << " is invalid; valid range [0, 1]");
    for (Ptr<Node> n : {request.source, request.destination})
    {
        NS_ABORT_MSG_IF(!m_router->HasNode(n->GetId()),
                        "QuantumRouteController::Submit: node "
                            << n->GetId() << " has no quantum link in this network");
    }
    NS_ABORT_MSG_IF(static_cast<uint32_t>(m_basePort) + m_requests.size() > 65535,
                    "QuantumRouteController::Submit: out of UDP ports (attribute BasePort = "
                        << m_basePort << ", " << m_requests.size() << " requests)");
    const auto id = static_cast<uint32_t>(m_requests.size());
    m_requests.emplace_back();
    m_requests[id].request = request;
    const uint32_t ends = SlotsNeeded(0, 3);
    const uint32_t inner = SlotsNeeded(1, 3);
    auto capacity = [this, ends, inner](uint32_t node, bool end) {
        return FreeSlots(node) >= (end ? ends : inner);
    };
    QuantumRoute route = m_router->FindRoute(request.source->GetId(),
                                             request.destination->GetId(),
                                             request.minFidelity,
                                             capacity);
    if (route.error == QuantumRouteError::NONE
        && m_policy->GetScheme() == RepeaterChainPolicy::DOUBLING)
    {
        const auto segments = static_cast<uint32_t>(route.links.size());
        if ((segments & (segments - 1)) != 0)
        {
            route.error = QuantumRouteError::INCOMPATIBLE_SCHEME;
        }
    }
    m_requests[id].route = route;
    if (route.error != QuantumRouteError::NONE)
    {
        Refuse(id, route.error);
        return id;
    }
    Install(id);
    m_acceptedTrace(id, m_requests[id].route);
    return id;
}

void
QuantumRouteController::Refuse(uint32_t id, QuantumRouteError error)
{
    NS_LOG_INFO("request " << id << " refused: " << QuantumRouteErrorName(error));
    RequestEntry& r = m_requests[id];
    r.route.nodes.clear();
    r.route.links.clear();
    m_refusedTrace(id, error);
}

void
QuantumRouteController::Install(uint32_t id)
{
    RequestEntry& r = m_requests[id];
    const std::vector<uint32_t>& path = r.route.nodes;
    const auto k = static_cast<uint32_t>(path.size());
    // Each request's views of the links of its path.
    std::vector<std::pair<Ptr<MultiplexedLinkLayer>, Ptr<MultiplexedLinkLayer>>> views;
    for (uint32_t l : r.route.links)
    {
        views.push_back(m_links[l].mux->AddUser());
    }
    for (uint32_t i = 0; i < k; ++i)
    {
        Ptr<Node> node = NodeList::GetNode(path[i]);
        Ptr<QuantumMemory> mem = node->GetObject<QuantumMemory>();
        Ptr<QuantumProcessor> proc = node->GetObject<QuantumProcessor>();
        Ptr<EntanglementSwapper> swapper = node->GetObject<EntanglementSwapper>();
        if (!swapper)
        {
            swapper = CreateObject<EntanglementSwapper>();
            swapper->SetDevices(mem, proc);
            node->AggregateObject(swapper);
        }
        Ptr<RepeaterNodeAgent> agent = CreateObject<RepeaterNodeAgent>();
        agent->SetAttribute("Port", UintegerValue(m_basePort + id));
        agent->SetAttribute("MaxDeliveries", UintegerValue(r.request.numPairs));
        agent->SetPosition(i, k);
        agent->SetDevices(mem, proc, swapper);
        agent->SetPolicy(m_policy);
        for (uint32_t side = 0; side < 2; ++side)
        {
            if ((side == 0 && i == 0) || (side == 1 && i + 1 == k))
            {
                continue;
            }
            const uint32_t hop = side == 0 ? i - 1 : i;
            const LinkEntry& e = m_links[r.route.links[hop]];
            const uint32_t end = e.nodeId[0] == path[i] ? 0 : 1;
            Ptr<QuantumLinkLayer> view = views[hop].second;
            if (end == 0)
            {
                view = views[hop].first;
            }
            agent->SetLink(side == 0 ? RepeaterNodeAgent::LEFT : RepeaterNodeAgent::RIGHT,
                           view,
                           e.address[1 - end],
                           e.purifier);
        }
        if (m_nextStream >= 0 && m_nextStream < m_streamEnd)
        {
            m_nextStream += agent->AssignStreams(m_nextStream);
        }
        const uint32_t need = SlotsNeeded(i, k);
        m_reserved[path[i]] += need;
        r.reserved.push_back(need);
        r.agents.push_back(agent);
        node->AddApplication(agent);
    }
    r.agents.front()->SetFarEndForAnalysis(r.agents.back());
    r.agents.back()->SetFarEndForAnalysis(r.agents.front());
    r.agents.front()->TraceConnectWithoutContext(
        "Delivered",
        MakeCallback(&QuantumRouteController::OnFirstEnd, this).Bind(id));
    r.agents.back()->SetDeliveryCallback(
        MakeCallback(&QuantumRouteController::OnLastEnd, this).Bind(id));
}

void
QuantumRouteController::OnFirstEnd(uint32_t id, const RepeaterDelivery& d, double trueFidelity)
{
    RequestEntry& r = m_requests[id];
    ++r.firstDeliveries;
    m_deliveredTrace(id, d, trueFidelity);
    CheckComplete(id);
}

bool
QuantumRouteController::OnLastEnd(uint32_t id, const RepeaterDelivery& d)
{
    RequestEntry& r = m_requests[id];
    ++r.lastDeliveries;
    m_deliveredTrace(id, d, std::numeric_limits<double>::quiet_NaN());
    CheckComplete(id);
    return false;
}

void
QuantumRouteController::CheckComplete(uint32_t id)
{
    RequestEntry& r = m_requests[id];
    if (r.complete || r.firstDeliveries < r.request.numPairs
        || r.lastDeliveries < r.request.numPairs)
    {
        return;
    }
    r.complete = true;
    for (size_t i = 0; i < r.route.nodes.size(); ++i)
    {
        m_reserved[r.route.nodes[i]] -= r.reserved[i];
    }
    NS_LOG_INFO("request " << id << " complete");
    m_completedTrace(id);
}

QuantumRouteError
QuantumRouteController::GetError(uint32_t requestId) const
{
    NS_ABORT_MSG_IF(requestId >= m_requests.size(),
                    "QuantumRouteController: no request " << requestId);
    return m_requests[requestId].route.error;
}

QuantumRoute
QuantumRouteController::GetRoute(uint32_t requestId) const
{
    NS_ABORT_MSG_IF(requestId >= m_requests.size(),
                    "QuantumRouteController: no request " << requestId);
    return m_requests[requestId].route;
}

uint32_t
QuantumRouteController::GetDeliveries(uint32_t requestId) const
{
    NS_ABORT_MSG_IF(requestId >= m_requests.size(),
                    "QuantumRouteController: no request " << requestId);
    return m_requests[requestId].lastDeliveries;
}

bool
QuantumRouteController::IsComplete(uint32_t requestId) const
{
    NS_ABORT_MSG_IF(requestId >= m_requests.size(),
                    "QuantumRouteController: no request " << requestId);
    return m_requests[requestId].complete;
}

uint32_t
QuantumRouteController::GetReservedSlots(uint32_t nodeId) const
{
    auto it = m_reserved.find(nodeId);
    return it == m_reserved.end() ? 0 : it->second;
}

std::vector<Ptr<RepeaterNodeAgent>>
QuantumRouteController::GetAgents(uint32_t requestId) const
{
    NS_ABORT_MSG_IF(requestId >= m_requests.size(),
                    "QuantumRouteController: no request " << requestId);
    return m_requests[requestId].agents;
}

int64_t
QuantumRouteController::AssignStreams(int64_t stream)
{
    const int64_t reserved = 65536;
    m_nextStream = stream;
    m_streamEnd = stream + reserved;
    return reserved;
}

} // namespace ns3
