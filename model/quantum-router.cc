/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-router.h"

#include "entanglement-swapper.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumRouter");
NS_OBJECT_ENSURE_REGISTERED(QuantumRouter);

std::string
QuantumRouteErrorName(QuantumRouteError e)
{
    switch (e)
    {
        case QuantumRouteError::NONE:
            return "NONE";
        case QuantumRouteError::NO_PATH:
            return "NO_PATH";
        case QuantumRouteError::NO_RESOURCES:
            return "NO_RESOURCES";
        case QuantumRouteError::FIDELITY_UNREACHABLE:
            return "FIDELITY_UNREACHABLE";
        case QuantumRouteError::INCOMPATIBLE_SCHEME:
            return "INCOMPATIBLE_SCHEME";
    }
    return "UNKNOWN";
}

TypeId
QuantumRouter::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumRouter")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumRouter>()
              .AddAttribute("Metric",
                            "Path metric: Rate (highest prod p_s * min p/T) or Fidelity "
                            "(highest Werner composition of the link fidelities).",
                            EnumValue(RATE),
                            MakeEnumAccessor(&QuantumRouter::m_metric),
                            MakeEnumChecker(RATE, "Rate", FIDELITY, "Fidelity"));
    return tid;
}

QuantumRouter::QuantumRouter()
    : m_metric(RATE)
{
}

QuantumRouter::~QuantumRouter() = default;

void
QuantumRouter::AddNode(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "QuantumRouter::AddNode: null node");
    if (m_vertex.count(node->GetId()) == 0)
    {
        m_vertex[node->GetId()] = static_cast<uint32_t>(m_nodes.size());
        m_nodes.push_back(node);
    }
}

uint32_t
QuantumRouter::AddLink(Ptr<Node> a,
                       Ptr<Node> b,
                       Time attemptPeriod,
                       double successProbability,
                       double fidelity)
{
    NS_ABORT_MSG_IF(!a || !b || a == b, "QuantumRouter::AddLink: two distinct nodes are needed");
    NS_ABORT_MSG_IF(attemptPeriod <= Time(0),
                    "QuantumRouter::AddLink: attempt period "
                        << attemptPeriod.As(Time::S) << " of link " << a->GetId() << "--"
                        << b->GetId() << " is invalid; it must be positive");
    NS_ABORT_MSG_IF(!(successProbability > 0.0 && successProbability <= 1.0),
                    "QuantumRouter::AddLink: success probability "
                        << successProbability << " of link " << a->GetId() << "--" << b->GetId()
                        << " is invalid; valid range (0, 1]");
    NS_ABORT_MSG_IF(!(fidelity >= 0.0 && fidelity <= 1.0),
                    "QuantumRouter::AddLink: fidelity " << fidelity << " of link " << a->GetId()
                                                        << "--" << b->GetId()
                                                        << " is invalid; valid range [0, 1]");
    AddNode(a);
    AddNode(b);
    Link l;
    l.a = m_vertex.at(a->GetId());
    l.b = m_vertex.at(b->GetId());
    l.timeS = attemptPeriod.GetSeconds() / successProbability;
    l.werner = (4.0 * fidelity - 1.0) / 3.0;
    m_links.push_back(l);
    return static_cast<uint32_t>(m_links.size() - 1);
}

uint32_t
QuantumRouter::GetNLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

uint32_t
QuantumRouter::GetNNodes() const
{
    return static_cast<uint32_t>(m_nodes.size());
}

std::pair<uint32_t, uint32_t>
QuantumRouter::GetLinkNodes(uint32_t link) const
{
    NS_ABORT_MSG_IF(link >= m_links.size(),
                    "QuantumRouter::GetLinkNodes: link " << link << " does not exist ("
                                                         << m_links.size() << " links)");
    return {m_nodes[m_links[link].a]->GetId(), m_nodes[m_links[link].b]->GetId()};
}

bool
QuantumRouter::HasNode(uint32_t nodeId) const
{
    return m_vertex.count(nodeId) > 0;
}

QuantumRouter::Metric
QuantumRouter::GetMetric() const
{
    return m_metric;
}

double
QuantumRouter::SwapProbability(uint32_t v) const
{
    Ptr<EntanglementSwapper> s = m_nodes[v]->GetObject<EntanglementSwapper>();
    return s ? s->GetSuccessProbability() : 1.0;
}

QuantumRoute
QuantumRouter::Evaluate(const std::vector<uint32_t>& nodes,
                        const std::vector<uint32_t>& links) const
{
    NS_ABORT_MSG_IF(nodes.size() != links.size() + 1 || links.empty(),
                    "QuantumRouter::Evaluate: a path of " << links.size() << " links needs "
                                                          << links.size() + 1 << " nodes, got "
                                                          << nodes.size());
    QuantumRoute r;
    r.nodes = nodes;
    r.links = links;
    double w = 1.0;
    double slowest = 0.0;
    for (uint32_t l : links)
    {
        NS_ABORT_MSG_IF(l >= m_links.size(), "QuantumRouter::Evaluate: no link " << l);
        w *= m_links[l].werner;
        slowest = std::max(slowest, m_links[l].timeS);
    }
    double ps = 1.0;
    for (size_t i = 1; i + 1 < nodes.size(); ++i)
    {
        ps *= SwapProbability(m_vertex.at(nodes[i]));
    }
    r.expectedFidelity = (1.0 + 3.0 * w) / 4.0;
    r.expectedRateHz = ps / slowest;
    return r;
}

bool
QuantumRouter::ShortestPath(uint32_t s,
                            uint32_t t,
                            const std::function<bool(uint32_t)>& linkOk,
                            const std::vector<bool>& vertexOk,
                            const std::function<double(uint32_t)>& weight,
                            QuantumRoute& route) const
{
    typedef boost::adjacency_list<boost::vecS,
                                  boost::vecS,
                                  boost::undirectedS,
                                  boost::no_property,
                                  boost::property<boost::edge_weight_t,
                                                  double,
                                                  boost::property<boost::edge_index_t, uint32_t>>>
        Graph;
    typedef boost::graph_traits<Graph>::vertex_descriptor Vertex;
    const size_t n = m_nodes.size();
    Graph g(n);
    auto usable = [&](uint32_t v) {
        return v == s || v == t || vertexOk[v];
    };
    for (uint32_t l = 0; l < m_links.size(); ++l)
    {
        const Link& k = m_links[l];
        if (linkOk(l) && usable(k.a) && usable(k.b))
        {
            boost::add_edge(k.a, k.b, {weight(l), l}, g);
        }
    }
    std::vector<Vertex> pred(n);
    std::vector<double> dist(n);
    auto index = boost::get(boost::vertex_index, g);
    boost::dijkstra_shortest_paths(
        g,
        s,
        boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
            .distance_map(boost::make_iterator_property_map(dist.begin(), index)));
    if (pred[t] == t)
    {
        return false;
    }
    std::vector<uint32_t> vs;
    for (Vertex v = t; v != s; v = pred[v])
    {
        vs.push_back(static_cast<uint32_t>(v));
    }
    vs.push_back(s);
    std::reverse(vs.begin(), vs.end());
    route.nodes.clear();
    route.links.clear();
    auto wmap = boost::get(boost::edge_weight, g);
    auto imap = boost::get(boost::edge_index, g);
    for (size_t i = 0; i < vs.size(); ++i)
    {
        route.nodes.push_back(m_nodes[vs[i]]->GetId());
        if (i + 1 < vs.size())
        {
            // The lightest of the parallel links between the two vertices.
            double best = std::numeric_limits<double>::infinity();
            uint32_t bestLink = 0;
            for (auto [e, end] = boost::out_edges(vs[i], g); e != end; ++e)
            {
                if (boost::target(*e, g) == vs[i + 1] && wmap[*e] < best)
                {
                    best = wmap[*e];
                    bestLink = imap[*e];
                }
            }
            route.links.push_back(bestLink);
        }
    }
    return true;
}

QuantumRoute
QuantumRouter::FindRoute(uint32_t src,
                         uint32_t dst,
                         double minFidelity,
                         CapacityPredicate capacity) const
{
    NS_ABORT_MSG_IF(!HasNode(src) || !HasNode(dst),
                    "QuantumRouter::FindRoute: node " << (HasNode(src) ? dst : src)
                                                      << " is not in the router's graph");
    NS_ABORT_MSG_IF(src == dst,
                    "QuantumRouter::FindRoute: source and destination are the same node " << src);
    NS_ABORT_MSG_IF(!(minFidelity >= 0.0 && minFidelity <= 1.0),
                    "QuantumRouter::FindRoute: required fidelity " << minFidelity
                                                                   << " is invalid; valid range "
                                                                      "[0, 1]");
    const uint32_t s = m_vertex.at(src);
    const uint32_t t = m_vertex.at(dst);
    const size_t n = m_nodes.size();
    QuantumRoute fail;
    auto entangling = [this](uint32_t l) {
        return m_links[l].werner > 0.0;
    };
    auto fidelityWeight = [this](uint32_t l) {
        return -std::log(m_links[l].werner);
    };

    // 1. Is there any path?
    QuantumRoute r;
    const std::vector<bool> all(n, true);
    if (!ShortestPath(s, t, entangling, all, fidelityWeight, r))
    {
        fail.error = QuantumRouteError::NO_PATH;
        return fail;
    }
    // 2. Nodes with capacity.
    std::vector<bool> ok(n, true);
    if (capacity)
    {
        for (uint32_t v = 0; v < n; ++v)
        {
            ok[v] = capacity(m_nodes[v]->GetId(), v == s || v == t);
        }
    }
    if (!ok[s] || !ok[t] || !ShortestPath(s, t, entangling, ok, fidelityWeight, r))
    {
        fail.error = QuantumRouteError::NO_RESOURCES;
        return fail;
    }
    const QuantumRoute bestF = Evaluate(r.nodes, r.links);
    if (bestF.expectedFidelity < minFidelity)
    {
        fail.error = QuantumRouteError::FIDELITY_UNREACHABLE;
        fail.expectedFidelity = bestF.expectedFidelity;
        return fail;
    }
    if (m_metric == FIDELITY)
    {
        return bestF;
    }
    // 3. Highest rate: every link time taken in turn as the bottleneck.
    std::vector<double> swapCost(n, 0.0);
    std::vector<bool> okSwap = ok;
    for (uint32_t v = 0; v < n; ++v)
    {
        const double ps = SwapProbability(v);
        swapCost[v] = ps > 0.0 ? -std::log(ps) : 0.0;
        okSwap[v] = ok[v] && ps > 0.0;
    }
    auto half = [&](uint32_t v) {
        return (v == s || v == t) ? 0.0 : swapCost[v] / 2.0;
    };
    auto rateWeight = [&](uint32_t l) {
        return half(m_links[l].a) + half(m_links[l].b);
    };
    std::vector<double> times;
    for (const Link& l : m_links)
    {
        times.push_back(l.timeS);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    QuantumRoute best;
    best.expectedRateHz = -1.0;
    for (double tau : times)
    {
        QuantumRoute c;
        auto fastEnough = [&](uint32_t l) {
            return entangling(l) && m_links[l].timeS <= tau;
        };
        if (ShortestPath(s, t, fastEnough, okSwap, rateWeight, c))
        {
            const QuantumRoute e = Evaluate(c.nodes, c.links);
            if (e.expectedRateHz > best.expectedRateHz * (1.0 + 1e-12))
            {
                best = e;
            }
        }
    }
    if (best.expectedRateHz < 0.0 || best.expectedFidelity < minFidelity)
    {
        return bestF;
    }
    return best;
}

} // namespace ns3
