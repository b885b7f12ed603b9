/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_REPEATER_HELPER_H
#define QUANTUM_REPEATER_HELPER_H

#include "ns3/abstract-link-layer.h"
#include "ns3/data-rate.h"
#include "ns3/entanglement-purifier.h"
#include "ns3/entanglement-swapper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-route-controller.h"
#include "ns3/repeater-chain-policy.h"
#include "ns3/repeater-node-agent.h"

#include <map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief One abstract link of a network built by QuantumRepeaterHelper::InstallNetwork.
 */
struct QuantumNetworkLink
{
    uint32_t a = 0;                   //!< index of one end in the node container
    uint32_t b = 0;                   //!< index of the other end
    double successProbability = -1.0; //!< per attempt; negative: the helper's link attribute
    double fidelity = -1.0;           //!< Werner fidelity; negative: the helper's link attribute
};

/**
 * @ingroup quantum
 * @brief What QuantumRepeaterHelper::InstallNetwork built.
 */
struct QuantumNetwork
{
    NodeContainer nodes;                    //!< the nodes
    Ptr<QuantumRouteController> controller; //!< serves end-to-end requests
    std::vector<std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>>> links; //!< link ends
    std::vector<Ptr<EntanglementPurifier>> purifiers;                             //!< one per link
};

/**
 * @ingroup quantum
 * @brief What QuantumRepeaterHelper built for one chain or route.
 */
struct RepeaterChain
{
    NodeContainer nodes;                        //!< the nodes, in chain order
    std::vector<Ptr<RepeaterNodeAgent>> agents; //!< one agent per node
    std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links; //!< link ends
    /** one per link when the policy purifies; empty otherwise */
    std::vector<Ptr<EntanglementPurifier>> purifiers;
    Ptr<RepeaterChainPolicy> policy; //!< the chain policy
    /** InstallNestedChain: the sub-chains behind the ChainLinkLayer links, lowest level first */
    std::vector<RepeaterChain> subChains;

    /** @return the agent at position 0 (deliveries and the Delivered trace) */
    Ptr<RepeaterNodeAgent> First() const;
    /** @return the agent at the last position */
    Ptr<RepeaterNodeAgent> Last() const;
};

/**
 * @ingroup quantum
 * @brief Builds repeater chains: abstract links (or given link layers),
 * the classical network between neighbours, an EntanglementSwapper per
 * node, an EntanglementPurifier per link (when the policy purifies) and a
 * RepeaterNodeAgent per node.
 *
 * The classical network is by default UDP over an Internet stack and a
 * point-to-point link per pair of neighbours.  SetClassicalTransport can
 * instead give chains link-layer frames over a SimpleNetDevice pair per
 * pair of neighbours (same data rate, delay and transmit queue; no IP, no
 * Internet stack needed): the repeater protocol only talks to neighbours,
 * and a frame costs a fifth of a UDP datagram's simulation time.
 *
 * The nodes must already carry a QuantumMemory (and, for gate durations and
 * noise, a QuantumProcessor): use QuantumNodeHelper first.
 */
class QuantumRepeaterHelper
{
  public:
    /** How chain agents reach their neighbours. */
    enum ClassicalTransport
    {
        UDP_POINT_TO_POINT,    //!< UDP over IPv4 and a PointToPointNetDevice pair (default)
        FRAMES_SIMPLE_CHANNEL, //!< link-layer frames over a SimpleNetDevice pair
    };

    QuantumRepeaterHelper();

    /**
     * Transport of the classical messages of the chains installed from now
     * on (InstallChain, InstallNestedChain).  InstallNetwork always uses UDP
     * (its routes span several classical hops).
     * @param transport the transport
     */
    void SetClassicalTransport(ClassicalTransport transport);

    /**
     * @param name an AbstractLinkLayer attribute
     * @param value its value
     */
    void SetLinkAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name an EntanglementSwapper attribute
     * @param value its value
     */
    void SetSwapperAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a RepeaterChainPolicy attribute
     * @param value its value
     */
    void SetPolicyAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a RepeaterNodeAgent attribute
     * @param value its value
     */
    void SetAgentAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name an EntanglementPurifier attribute
     * @param value its value
     */
    void SetPurifierAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Classical links between neighbours.
     * @param rate data rate
     * @param delay propagation delay (0: instantaneous apart from transmission)
     */
    void SetClassicalLink(DataRate rate, Time delay);

    /**
     * An abstract link between two nodes (both need a QuantumMemory).
     * @param a one node
     * @param b the other
     * @return the two ends (a's, b's)
     */
    std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>> InstallAbstractLink(
        Ptr<Node> a,
        Ptr<Node> b) const;

    /**
     * A chain over abstract links.
     * @param nodes the nodes in chain order (at least 2)
     * @return what was built
     */
    RepeaterChain InstallChain(NodeContainer nodes);

    /**
     * Nested doubling (Briegel, Duer, Cirac, Zoller, PRL 81, 5932 (1998)) with
     * purification at every level: the pairs of every nesting level are
     * purified with the policy's protocol and pumping rounds before they are
     * swapped to the next level.  Built recursively: each pair of level k
     * between nodes i and i + 2^k (k >= 1) is the end-to-end pair of a
     * three-node sub-chain (i, i + 2^(k-1), i + 2^k) over two level-(k-1)
     * links, served through a ChainLinkLayer, so the link-level pumping of
     * the RepeaterNodeAgent applies at every level; the top chain's swap
     * makes the end-to-end pair (delivered without a further purification).
     * Each sub-chain uses its own UDP port (the agent Port attribute plus
     * 1, 2, ...) and direct classical links between its three nodes.
     * Aborts unless there are 2^n + 1 >= 3 nodes and each node's memory has
     * at least two slots per link end it serves at all levels.
     * @param nodes the nodes in chain order
     * @return the top chain (its subChains hold the lower levels)
     */
    RepeaterChain InstallNestedChain(NodeContainer nodes);

    /**
     * A chain over given link layers (e.g. heralded links).
     * @param nodes the nodes in chain order
     * @param links links[i] joins nodes i and i + 1: (node i's end, node i+1's end)
     * @return what was built
     */
    RepeaterChain InstallChain(
        NodeContainer nodes,
        const std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>>& links);

    /**
     * The classical point-to-point link between two nodes, created on first use.
     * @param a a node
     * @param b another node
     * @return the addresses of a and b on it
     */
    std::pair<Ipv4Address, Ipv4Address> GetClassicalLink(Ptr<Node> a, Ptr<Node> b);

    /**
     * The classical frame link (a SimpleNetDevice on each node, joined by a
     * SimpleChannel with the classical delay, devices at the classical data
     * rate) between two nodes, created on first use.
     * @param a a node
     * @param b another node
     * @return the devices of a and b on it
     */
    std::pair<Ptr<NetDevice>, Ptr<NetDevice>> GetClassicalFrameLink(Ptr<Node> a, Ptr<Node> b);

    /**
     * @param chain a chain built by this helper
     * @param stream first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(const RepeaterChain& chain, int64_t stream);

    /**
     * @param name a QuantumRouter attribute (e.g. "Metric")
     * @param value its value
     */
    void SetRouterAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Build a quantum network of abstract links (one per entry, with its
     * classical point-to-point link and purification engine), a swapper on
     * every node, and a QuantumRouteController that serves end-to-end
     * requests on it with this helper's policy and router attributes.
     * @param nodes the nodes (each needs a QuantumMemory)
     * @param links the links, by node index
     * @return what was built
     */
    QuantumNetwork InstallNetwork(NodeContainer nodes,
                                  const std::vector<QuantumNetworkLink>& links);

    /**
     * @param network a network built by this helper
     * @param stream first stream index
     * @return the number of streams used (links, purifiers, node devices, controller)
     */
    static int64_t AssignStreams(const QuantumNetwork& network, int64_t stream);

  private:
    ObjectFactory m_linkFactory;     //!< AbstractLinkLayer
    ObjectFactory m_swapperFactory;  //!< EntanglementSwapper
    ObjectFactory m_policyFactory;   //!< RepeaterChainPolicy
    ObjectFactory m_agentFactory;    //!< RepeaterNodeAgent
    ObjectFactory m_purifierFactory; //!< EntanglementPurifier
    ObjectFactory m_routerFactory;   //!< QuantumRouter
    DataRate m_rate;                 //!< classical data rate
    Time m_delay;                    //!< classical delay
    uint32_t m_subnet;               //!< next /30 subnet index
    ClassicalTransport m_transport;  //!< transport of chain messages
    std::map<std::pair<uint32_t, uint32_t>, std::pair<Ipv4Address, Ipv4Address>>
        m_classical; //!< classical links by (node id, node id)
    std::map<std::pair<uint32_t, uint32_t>, std::pair<Ptr<NetDevice>, Ptr<NetDevice>>>
        m_frameLinks; //!< frame links by (node id, node id): devices of the lower, higher id
};

} // namespace ns3

#endif /* QUANTUM_REPEATER_HELPER_H */
