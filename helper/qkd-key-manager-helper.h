/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_MANAGER_HELPER_H
#define QKD_KEY_MANAGER_HELPER_H

#include "ns3/callback.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/qkd-bit-string.h"
#include "ns3/qkd-key-manager.h"
#include "ns3/qkd-key-supply-model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Builds a QKD key-management network: a QkdKeyManager on every node,
 * a pair of QkdKeyStore objects for every QKD link, trusted relays, SAE pairs
 * with their trusted-relay paths, and (optionally) rate-model key supply.
 *
 * Order of use: the Internet stack and IPv4 addresses first (the key
 * managers talk over UDP and learn each node's first IPv4 address), then
 * Install(), CreateLink() for every QKD link, SetTrustedRelay(), and
 * RegisterSaePair() last (paths are computed on the links that exist).
 *
 * Relay paths are shortest paths (Dijkstra, Boost Graph Library) on the graph
 * of QKD links, weighted by the link weight given to CreateLink (1 = hop
 * count), using only trusted nodes as intermediates.
 */
class QkdKeyManagerHelper
{
  public:
    QkdKeyManagerHelper();

    /**
     * @param name attribute of ns3::QkdKeyManager
     * @param value its value
     */
    void SetKeyManagerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @param name attribute of ns3::QkdKeyStore (applied to link stores)
     * @param value its value
     */
    void SetStoreAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Install a key manager on every node (aborts if one already has one)
     * and tell all installed key managers each other's IPv4 addresses.
     * @param nodes nodes with an Internet stack and an IPv4 address
     */
    void Install(NodeContainer nodes);

    /**
     * @param node a node
     * @return its key manager (aborts if it has none)
     */
    static Ptr<QkdKeyManager> GetKeyManager(Ptr<Node> node);

    /**
     * Create the two stores of a QKD link between a and b.
     * @param a one end (with a key manager)
     * @param b other end (with a key manager), != a
     * @param weight path weight (> 0), e.g. 1 for hop count or the length
     */
    void CreateLink(Ptr<Node> a, Ptr<Node> b, double weight = 1.0);

    /**
     * @param node a node with a key manager
     * @param trusted whether it may relay keys
     */
    void SetTrustedRelay(Ptr<Node> node, bool trusted = true);

    /**
     * Register a master/slave SAE pair on both key managers; for non-adjacent
     * nodes, compute the trusted-relay path and give it to the master's KME.
     * @param masterSae master SAE id
     * @param master master's node
     * @param slaveSae slave SAE id
     * @param slave slave's node
     * @return the relay path (empty if the nodes share a QKD link)
     */
    std::vector<uint32_t> RegisterSaePair(uint32_t masterSae,
                                          Ptr<Node> master,
                                          uint32_t slaveSae,
                                          Ptr<Node> slave);

    /**
     * @param from a node id
     * @param to another node id
     * @return the shortest path over trusted intermediates (aborts if none)
     */
    std::vector<uint32_t> ShortestTrustedPath(uint32_t from, uint32_t to) const;

    /**
     * Feed a link from a rate model (QkdKeySupplyModel), started now.
     * @param a one end of an existing link
     * @param b the other end
     * @param secretKeyRateBps secret-key rate, > 0
     * @param blockBits block size
     * @return the supply model
     */
    Ptr<QkdKeySupplyModel> InstallRateModel(Ptr<Node> a,
                                            Ptr<Node> b,
                                            double secretKeyRateBps,
                                            uint32_t blockBits);

    /**
     * A callback feeding one end of a link, for a QKD protocol's secret-key
     * output (connect it at both ends): (blockId, bits) -> AddLinkKey.
     * @param local the node whose key manager receives the key
     * @param peer the other end of the link
     * @return the callback
     */
    static Callback<bool, uint64_t, const QkdBitString&> MakeLinkKeySink(Ptr<Node> local,
                                                                         Ptr<Node> peer);

    /**
     * MakeLinkKeySink for a QkdSession's "SecretKey" trace source
     * (QkdSession::SecretKeyTracedCallback: key, blockId, aliceNodeId,
     * bobNodeId); connect Alice's session with (alice, bob) and Bob's with
     * (bob, alice), so that both stores get the block under the same id.
     * @param local the node whose key manager receives the key
     * @param peer the other end of the link
     * @return the callback
     */
    static Callback<void, const QkdBitString&, uint64_t, uint32_t, uint32_t> MakeSessionKeySink(
        Ptr<Node> local,
        Ptr<Node> peer);

    /** @return the QKD links created, as (node id, node id) */
    std::vector<std::pair<uint32_t, uint32_t>> GetLinks() const;

    /**
     * @param nodes nodes with key managers
     * @param stream first stream index
     * @return streams used (key managers, then rate models of this helper)
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    /** A QKD link. */
    struct Link
    {
        uint32_t a;    //!< one end
        uint32_t b;    //!< other end
        double weight; //!< path weight
    };

    ObjectFactory m_kmFactory;                      //!< key managers
    ObjectFactory m_storeFactory;                   //!< link stores
    std::vector<Link> m_links;                      //!< links created
    NodeContainer m_installed;                      //!< nodes with a key manager
    std::vector<Ptr<QkdKeySupplyModel>> m_supplies; //!< rate models
};

} // namespace ns3

#endif /* QKD_KEY_MANAGER_HELPER_H */
