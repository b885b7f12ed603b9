/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_ROUTE_CONTROLLER_H
#define QUANTUM_ROUTE_CONTROLLER_H

#include "quantum-router.h"
#include "repeater-node-agent.h"

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <vector>

namespace ns3
{

class AbstractLinkLayer;
class EntanglementPurifier;
class QuantumLinkLayer;
class QuantumLinkMultiplexer;
class RepeaterChainPolicy;

/**
 * @ingroup quantum
 * @brief An end-to-end entanglement request to the network layer.
 */
struct QuantumRouteRequest
{
    Ptr<Node> source;         //!< first end (its agent keeps the Pauli frame)
    Ptr<Node> destination;    //!< other end
    uint32_t numPairs = 1;    //!< end-to-end pairs wanted (at least 1)
    double minFidelity = 0.0; //!< required expected fidelity, in [0, 1]
};

/**
 * @ingroup quantum
 * @brief Serves end-to-end entanglement requests on a general quantum
 * network: admission and path choice through a QuantumRouter, then one
 * repeater chain per request along its path.
 *
 * Every quantum link is shared through a QuantumLinkMultiplexer, so the
 * requests whose paths cross a link each get their own view of it; every
 * node's QuantumMemory, QuantumProcessor and EntanglementSwapper are shared
 * by all requests through it.  A request runs RepeaterNodeAgents (one per
 * node of its path, positions 0 .. k - 1, UDP port BasePort + request id)
 * with the controller's RepeaterChainPolicy, exactly as a repeater chain
 * does, until numPairs end-to-end pairs have reached both ends.
 *
 * Admission control reserves memory slots: a request holds, on each
 * intermediate node, 2 slots (one pair per side) and on each end 1 slot,
 * twice that with purification (a sacrificial pair per side).  A node can
 * join a path only if its free (unreserved) slots suffice; the reservation
 * is released when the request completes.  Requests that cannot be served
 * are refused at once with a QuantumRouteError (Refused trace): NO_PATH,
 * NO_RESOURCES, FIDELITY_UNREACHABLE (see QuantumRouter), or
 * INCOMPATIBLE_SCHEME (nested doubling needs a path of 2^n + 1 nodes).
 */
class QuantumRouteController : public Object
{
  public:
    /**
     * TracedCallback signature for accepted requests.
     * @param requestId the request
     * @param route the chosen path
     */
    typedef void (*AcceptedTracedCallback)(uint32_t requestId, const QuantumRoute& route);
    /**
     * TracedCallback signature for refused requests.
     * @param requestId the request
     * @param error why
     */
    typedef void (*RefusedTracedCallback)(uint32_t requestId, QuantumRouteError error);
    /**
     * TracedCallback signature for end-to-end pairs.
     * @param requestId the request
     * @param delivery the delivery at one end (localNodeId says which)
     * @param trueFidelity ground truth at the first end (analysis only); NaN at the other end
     */
    typedef void (*DeliveredTracedCallback)(uint32_t requestId,
                                            const RepeaterDelivery& delivery,
                                            double trueFidelity);
    /**
     * TracedCallback signature for completed requests.
     * @param requestId the request
     */
    typedef void (*CompletedTracedCallback)(uint32_t requestId);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumRouteController();
    ~QuantumRouteController() override;

    /** @return the router (created with the controller; see its Metric attribute) */
    Ptr<QuantumRouter> GetRouter() const;

    /**
     * Add a quantum link with the classical link that runs beside it.
     * @param a link end on node A
     * @param b link end on node B
     * @param successProbability per attempt, for path choice, in (0, 1]
     * @param fidelity Werner fidelity of its pairs, for path choice, in [0, 1]
     * @param addrA node A's address on the classical link to B
     * @param addrB node B's address on the classical link to A
     * @param purifier the link's purification engine (may be null without purification)
     * @return the link index
     */
    uint32_t AddLink(Ptr<QuantumLinkLayer> a,
                     Ptr<QuantumLinkLayer> b,
                     double successProbability,
                     double fidelity,
                     Ipv4Address addrA,
                     Ipv4Address addrB,
                     Ptr<EntanglementPurifier> purifier);

    /**
     * AddLink with the success probability and fidelity of an abstract link.
     * @param a link end on node A
     * @param b link end on node B
     * @param addrA node A's classical address
     * @param addrB node B's classical address
     * @param purifier the purification engine (may be null)
     * @return the link index
     */
    uint32_t AddAbstractLink(Ptr<AbstractLinkLayer> a,
                             Ptr<AbstractLinkLayer> b,
                             Ipv4Address addrA,
                             Ipv4Address addrB,
                             Ptr<EntanglementPurifier> purifier);

    /**
     * Submit a request: it is accepted (Accepted trace, its agents start now)
     * or refused (Refused trace) before this returns.
     * @param request the request (bad values abort with a message)
     * @return the request id
     */
    uint32_t Submit(const QuantumRouteRequest& request);

    /**
     * @param requestId a request
     * @return NONE if accepted, the reason of the refusal otherwise
     */
    QuantumRouteError GetError(uint32_t requestId) const;
    /**
     * @param requestId a request
     * @return its path (empty if refused)
     */
    QuantumRoute GetRoute(uint32_t requestId) const;
    /**
     * @param requestId a request
     * @return end-to-end pairs delivered at the destination so far
     */
    uint32_t GetDeliveries(uint32_t requestId) const;
    /**
     * @param requestId a request
     * @return true when all its pairs reached both ends
     */
    bool IsComplete(uint32_t requestId) const;
    /**
     * @param nodeId a node id
     * @return memory slots reserved on it by running requests
     */
    uint32_t GetReservedSlots(uint32_t nodeId) const;
    /**
     * @param requestId a request
     * @return its agents, in path order (empty if refused)
     */
    std::vector<Ptr<RepeaterNodeAgent>> GetAgents(uint32_t requestId) const;

    /**
     * The agents of accepted requests take streams stream, stream + 1, ...
     * in the order they are created.
     * @param stream first stream index
     * @return the number of streams reserved (65536)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * Dispose a controller when the simulation is destroyed.
     * @param controller the controller
     */
    static void DisposeAtDestroy(Ptr<QuantumRouteController> controller);

    /** A quantum link with its classical side. */
    struct LinkEntry
    {
        Ptr<QuantumLinkMultiplexer> mux;    //!< shares the link
        std::array<Ipv4Address, 2> address; //!< classical addresses of end 0 and 1
        std::array<uint32_t, 2> nodeId;     //!< node ids of end 0 and 1
        Ptr<EntanglementPurifier> purifier; //!< purification engine
    };

    /** A request. */
    struct RequestEntry
    {
        QuantumRouteRequest request;                //!< what was asked
        QuantumRoute route;                         //!< the path, or the refusal
        std::vector<Ptr<RepeaterNodeAgent>> agents; //!< its agents
        std::vector<uint32_t> reserved;             //!< slots reserved per path node
        uint32_t firstDeliveries = 0;               //!< pairs completed at the source
        uint32_t lastDeliveries = 0;                //!< pairs completed at the destination
        bool complete = false;                      //!< all pairs at both ends
    };

    /**
     * @param position position on a path of k nodes
     * @param k path length
     * @return slots the request needs on that node
     */
    uint32_t SlotsNeeded(uint32_t position, uint32_t k) const;
    /** @param nodeId a node @return its free, unreserved slots */
    uint32_t FreeSlots(uint32_t nodeId) const;
    /** @param id the request; installs its agents */
    void Install(uint32_t id);
    /**
     * @param id request @param d delivery @param trueFidelity ground truth
     */
    void OnFirstEnd(uint32_t id, const RepeaterDelivery& d, double trueFidelity);
    /**
     * @param id request @param d delivery
     * @return false: the slot is released
     */
    bool OnLastEnd(uint32_t id, const RepeaterDelivery& d);
    /** @param id request: completes it if both ends are done */
    void CheckComplete(uint32_t id);
    /** @param id request @param error refusal */
    void Refuse(uint32_t id, QuantumRouteError error);

    Ptr<QuantumRouter> m_router;             //!< path choice
    Ptr<RepeaterChainPolicy> m_policy;       //!< chain policy of every request
    uint16_t m_basePort;                     //!< UDP port of request 0
    std::vector<LinkEntry> m_links;          //!< by router link index
    std::vector<RequestEntry> m_requests;    //!< by request id
    std::map<uint32_t, uint32_t> m_reserved; //!< node id -> reserved slots
    int64_t m_nextStream;                    //!< next stream for an agent (-1: none)
    int64_t m_streamEnd;                     //!< end of the reserved streams
    TracedCallback<uint32_t, const QuantumRoute&> m_acceptedTrace;              //!< Accepted
    TracedCallback<uint32_t, QuantumRouteError> m_refusedTrace;                 //!< Refused
    TracedCallback<uint32_t, const RepeaterDelivery&, double> m_deliveredTrace; //!< Delivered
    TracedCallback<uint32_t> m_completedTrace;                                  //!< Completed
};

} // namespace ns3

#endif /* QUANTUM_ROUTE_CONTROLLER_H */
