/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-manager-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/qkd-key-store.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyManagerHelper");

namespace
{
/**
 * The adapter of MakeLinkKeySink.
 * @param km key manager
 * @param peer other end of the link
 * @param blockId block id
 * @param bits key bits
 * @return true if stored
 */
bool
FeedLinkKey(Ptr<QkdKeyManager> km, uint32_t peer, uint64_t blockId, const QkdBitString& bits)
{
    return km->AddLinkKey(peer, blockId, bits);
}

/**
 * The adapter of MakeSessionKeySink.
 * @param sink a MakeLinkKeySink callback
 * @param key key bits
 * @param blockId block id
 */
void
FeedSessionKey(Callback<bool, uint64_t, const QkdBitString&> sink,
               const QkdBitString& key,
               uint64_t blockId,
               uint32_t,
               uint32_t)
{
    sink(blockId, key);
}
} // namespace

QkdKeyManagerHelper::QkdKeyManagerHelper()
{
    m_kmFactory.SetTypeId("ns3::QkdKeyManager");
    m_storeFactory.SetTypeId("ns3::QkdKeyStore");
}

void
QkdKeyManagerHelper::SetKeyManagerAttribute(const std::string& name, const AttributeValue& value)
{
    m_kmFactory.Set(name, value);
}

void
QkdKeyManagerHelper::SetStoreAttribute(const std::string& name, const AttributeValue& value)
{
    m_storeFactory.Set(name, value);
}

void
QkdKeyManagerHelper::Install(NodeContainer nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        NS_ABORT_MSG_IF(node->GetObject<QkdKeyManager>(),
                        "QkdKeyManagerHelper::Install: node " << node->GetId()
                                                              << " already has a key manager");
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2,
                        "QkdKeyManagerHelper::Install: node "
                            << node->GetId()
                            << " has no IPv4 address; install the Internet stack and assign "
                               "addresses first");
        Ptr<QkdKeyManager> km = m_kmFactory.Create<QkdKeyManager>();
        km->SetNode(node);
        node->AggregateObject(km);
        m_installed.Add(node);
    }
    for (auto i = m_installed.Begin(); i != m_installed.End(); ++i)
    {
        Ptr<QkdKeyManager> km = (*i)->GetObject<QkdKeyManager>();
        for (auto j = m_installed.Begin(); j != m_installed.End(); ++j)
        {
            if (*i != *j)
            {
                km->SetPeerAddress((*j)->GetId(),
                                   (*j)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
            }
        }
    }
}

Ptr<QkdKeyManager>
QkdKeyManagerHelper::GetKeyManager(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "QkdKeyManagerHelper: null node");
    Ptr<QkdKeyManager> km = node->GetObject<QkdKeyManager>();
    NS_ABORT_MSG_IF(!km,
                    "QkdKeyManagerHelper: node " << node->GetId()
                                                 << " has no key manager (call Install first)");
    return km;
}

void
QkdKeyManagerHelper::CreateLink(Ptr<Node> a, Ptr<Node> b, double weight)
{
    NS_ABORT_MSG_IF(!(weight > 0),
                    "QkdKeyManagerHelper::CreateLink: weight = " << weight << " must be > 0");
    Ptr<QkdKeyManager> ka = GetKeyManager(a);
    Ptr<QkdKeyManager> kb = GetKeyManager(b);
    NS_ABORT_MSG_IF(a == b, "QkdKeyManagerHelper::CreateLink: both ends are node " << a->GetId());
    Ptr<QkdKeyStore> sa = m_storeFactory.Create<QkdKeyStore>();
    Ptr<QkdKeyStore> sb = m_storeFactory.Create<QkdKeyStore>();
    sa->SetEnds(a->GetId(), b->GetId());
    sb->SetEnds(b->GetId(), a->GetId());
    ka->AddLinkStore(sa);
    kb->AddLinkStore(sb);
    m_links.push_back({a->GetId(), b->GetId(), weight});
}

void
QkdKeyManagerHelper::SetTrustedRelay(Ptr<Node> node, bool trusted)
{
    GetKeyManager(node)->SetAttribute("TrustedRelay", BooleanValue(trusted));
}

std::vector<uint32_t>
QkdKeyManagerHelper::ShortestTrustedPath(uint32_t from, uint32_t to) const
{
    using Graph = boost::adjacency_list<boost::vecS,
                                        boost::vecS,
                                        boost::undirectedS,
                                        boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;
    const uint32_t n = NodeList::GetNNodes();
    NS_ABORT_MSG_IF(from >= n || to >= n,
                    "QkdKeyManagerHelper::ShortestTrustedPath: unknown node "
                        << std::max(from, to) << " (there are " << n << " nodes)");
    auto usable = [from, to](uint32_t id) {
        if (id == from || id == to)
        {
            return true;
        }
        Ptr<QkdKeyManager> km = NodeList::GetNode(id)->GetObject<QkdKeyManager>();
        return km && km->IsTrustedRelay();
    };
    Graph g(n);
    for (const Link& l : m_links)
    {
        if (usable(l.a) && usable(l.b))
        {
            boost::add_edge(l.a, l.b, l.weight, g);
        }
    }
    std::vector<Graph::vertex_descriptor> pred(n);
    std::vector<double> dist(n);
    boost::dijkstra_shortest_paths(g,
                                   from,
                                   boost::predecessor_map(pred.data()).distance_map(dist.data()));
    NS_ABORT_MSG_IF(dist[to] == std::numeric_limits<double>::max()
                        || (pred[to] == to && to != from),
                    "QkdKeyManagerHelper: no path of QKD links through trusted relays from node "
                        << from << " to node " << to);
    std::vector<uint32_t> path;
    for (uint32_t v = to; v != from; v = static_cast<uint32_t>(pred[v]))
    {
        path.push_back(v);
    }
    path.push_back(from);
    std::reverse(path.begin(), path.end());
    return path;
}

std::vector<uint32_t>
QkdKeyManagerHelper::RegisterSaePair(uint32_t masterSae,
                                     Ptr<Node> master,
                                     uint32_t slaveSae,
                                     Ptr<Node> slave)
{
    Ptr<QkdKeyManager> km = GetKeyManager(master);
    Ptr<QkdKeyManager> ks = GetKeyManager(slave);
    km->RegisterSaePair(masterSae, master->GetId(), slaveSae, slave->GetId());
    ks->RegisterSaePair(masterSae, master->GetId(), slaveSae, slave->GetId());
    if (km->HasLink(slave->GetId()))
    {
        return {};
    }
    std::vector<uint32_t> path = ShortestTrustedPath(master->GetId(), slave->GetId());
    km->SetRelayPath(path);
    return path;
}

Ptr<QkdKeySupplyModel>
QkdKeyManagerHelper::InstallRateModel(Ptr<Node> a,
                                      Ptr<Node> b,
                                      double secretKeyRateBps,
                                      uint32_t blockBits)
{
    Ptr<QkdKeySupplyModel> s = CreateObject<QkdKeySupplyModel>();
    s->SetAttribute("SecretKeyRateBps", DoubleValue(secretKeyRateBps));
    s->SetAttribute("BlockBits", UintegerValue(blockBits));
    s->SetLink(GetKeyManager(a), GetKeyManager(b));
    s->Start();
    m_supplies.push_back(s);
    return s;
}

Callback<bool, uint64_t, const QkdBitString&>
QkdKeyManagerHelper::MakeLinkKeySink(Ptr<Node> local, Ptr<Node> peer)
{
    Ptr<QkdKeyManager> km = GetKeyManager(local);
    NS_ABORT_MSG_IF(!km->HasLink(peer->GetId()),
                    "QkdKeyManagerHelper::MakeLinkKeySink: no QKD link between nodes "
                        << local->GetId() << " and " << peer->GetId());
    return MakeBoundCallback(&FeedLinkKey, km, peer->GetId());
}

std::vector<std::pair<uint32_t, uint32_t>>
QkdKeyManagerHelper::GetLinks() const
{
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const Link& l : m_links)
    {
        out.emplace_back(l.a, l.b);
    }
    return out;
}

int64_t
QkdKeyManagerHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t used = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        used += GetKeyManager(*it)->AssignStreams(stream + used);
    }
    for (auto& s : m_supplies)
    {
        used += s->AssignStreams(stream + used);
    }
    return used;
}

Callback<void, const QkdBitString&, uint64_t, uint32_t, uint32_t>
QkdKeyManagerHelper::MakeSessionKeySink(Ptr<Node> local, Ptr<Node> peer)
{
    return MakeBoundCallback(&FeedSessionKey, MakeLinkKeySink(local, peer));
}

} // namespace ns3
