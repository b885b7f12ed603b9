/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_ROUTER_H
#define QUANTUM_ROUTER_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Node;

/**
 * @ingroup quantum
 * Why an end-to-end request cannot be served.
 */
enum class QuantumRouteError : uint8_t
{
    NONE = 0,                 //!< served
    NO_PATH = 1,              //!< the two nodes are not connected by quantum links
    NO_RESOURCES = 2,         //!< every path has a node without enough free memory slots
    FIDELITY_UNREACHABLE = 3, //!< no path reaches the required end-to-end fidelity
    INCOMPATIBLE_SCHEME = 4,  //!< the chain scheme cannot run on the chosen path
};

/**
 * @ingroup quantum
 * @param e an error code
 * @return its name ("NO_PATH", ...)
 */
std::string QuantumRouteErrorName(QuantumRouteError e);

/**
 * @ingroup quantum
 * @brief A path through the quantum network, with its expected figures.
 */
struct QuantumRoute
{
    QuantumRouteError error = QuantumRouteError::NONE; //!< NONE if the route is usable
    std::vector<uint32_t> nodes;                       //!< ns-3 node ids, source first
    std::vector<uint32_t> links;   //!< router link indices, nodes[i] -- nodes[i+1]
    double expectedRateHz = 0.0;   //!< estimated end-to-end pair rate (see QuantumRouter)
    double expectedFidelity = 0.0; //!< Werner composition of the link fidelities
};

/**
 * @ingroup quantum
 * @brief Path selection on a quantum network graph (Boost Graph Library).
 *
 * Vertices are ns-3 nodes, edges are quantum links with their attempt period
 * T, success probability per attempt p and Werner fidelity F (Werner
 * parameter w = (4F - 1)/3).  For a path with links e and intermediate nodes
 * v (swap success probability p_s(v), from the node's EntanglementSwapper,
 * 1 without one):
 *
 * - expected fidelity: the Werner composition of entanglement swapping,
 *   F_path = (1 + 3 prod_e w_e)/4 (memory decay and gate noise not included);
 * - expected rate: R_path = prod_v p_s(v) * min_e (p_e / T_e), the rate of
 *   the slowest link times the swap success probabilities (an upper estimate
 *   of the swap-ASAP rate, used to rank paths).
 *
 * With Metric = Fidelity the path of highest F_path is chosen (Dijkstra on
 * -ln w_e, exact).  With Metric = Rate the path of highest R_path is chosen
 * exactly: for every distinct link time T_e/p_e taken as the bottleneck,
 * Dijkstra on -ln p_s over the links no slower than it; if that path misses
 * the required fidelity, the highest-fidelity path is used instead.
 * Links with F <= 1/4 carry no entanglement and are never used.
 *
 * Admission: a node can be an intermediate (end) node of a path only if
 * the caller's capacity predicate accepts it.  Refusals, checked in order:
 * NO_PATH (no path at all), NO_RESOURCES (no path through nodes with
 * capacity), FIDELITY_UNREACHABLE (the best F_path through nodes with
 * capacity is below the requirement).
 */
class QuantumRouter : public Object
{
  public:
    /** Path metrics. */
    enum Metric
    {
        RATE = 0,     //!< highest expected rate
        FIDELITY = 1, //!< highest expected fidelity
    };

    /**
     * Capacity predicate: (ns-3 node id, true if the node would be an end of
     * the path) -> the node can take the request.
     */
    typedef std::function<bool(uint32_t, bool)> CapacityPredicate;

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumRouter();
    ~QuantumRouter() override;

    /**
     * Add a node (links add their nodes too).
     * @param node the node
     */
    void AddNode(Ptr<Node> node);

    /**
     * Add a quantum link.
     * @param a one end
     * @param b the other end
     * @param attemptPeriod duration of one attempt (positive)
     * @param successProbability per attempt, in (0, 1]
     * @param fidelity Werner fidelity of its pairs, in [0, 1]
     * @return the link index
     */
    uint32_t AddLink(Ptr<Node> a,
                     Ptr<Node> b,
                     Time attemptPeriod,
                     double successProbability,
                     double fidelity);

    /**
     * @param src source node id
     * @param dst destination node id
     * @param minFidelity required expected fidelity, in [0, 1]
     * @param capacity admission predicate (empty: every node has capacity)
     * @return the route, or a route whose error says why there is none
     */
    QuantumRoute FindRoute(uint32_t src,
                           uint32_t dst,
                           double minFidelity,
                           CapacityPredicate capacity = CapacityPredicate()) const;

    /**
     * @param nodes node ids of a path
     * @param links its link indices
     * @return the path with its expected rate and fidelity filled in
     */
    QuantumRoute Evaluate(const std::vector<uint32_t>& nodes,
                          const std::vector<uint32_t>& links) const;

    /** @return the number of links */
    uint32_t GetNLinks() const;
    /** @return the number of nodes */
    uint32_t GetNNodes() const;
    /**
     * @param link a link index
     * @return its two node ids
     */
    std::pair<uint32_t, uint32_t> GetLinkNodes(uint32_t link) const;
    /** @param nodeId a node id @return true if it is in the graph */
    bool HasNode(uint32_t nodeId) const;
    /** @return the metric */
    Metric GetMetric() const;

  private:
    /** A link of the graph. */
    struct Link
    {
        uint32_t a = 0;      //!< vertex of one end
        uint32_t b = 0;      //!< vertex of the other end
        double timeS = 0.0;  //!< expected time per pair T/p, seconds
        double werner = 0.0; //!< Werner parameter
    };

    /**
     * @param v a vertex
     * @return the swap success probability of its node
     */
    double SwapProbability(uint32_t v) const;

    /**
     * Dijkstra over the allowed part of the graph.
     * @param s source vertex
     * @param t target vertex
     * @param linkOk which links may be used
     * @param vertexOk which vertices may be used as intermediate nodes
     * @param weight link weight (non-negative) given the link and the vertex it leads to
     * @param[out] route vertices and links of the path
     * @return false if t is unreachable
     */
    bool ShortestPath(uint32_t s,
                      uint32_t t,
                      const std::function<bool(uint32_t)>& linkOk,
                      const std::vector<bool>& vertexOk,
                      const std::function<double(uint32_t)>& weight,
                      QuantumRoute& route) const;

    Metric m_metric;                       //!< path metric
    std::vector<Ptr<Node>> m_nodes;        //!< vertex -> node
    std::map<uint32_t, uint32_t> m_vertex; //!< node id -> vertex
    std::vector<Link> m_links;             //!< links
};

} // namespace ns3

#endif /* QUANTUM_ROUTER_H */
