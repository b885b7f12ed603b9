/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DISTRIBUTED_COMPUTING_HELPER_H
#define DISTRIBUTED_COMPUTING_HELPER_H

#include "ns3/abstract-link-layer.h"
#include "ns3/application-container.h"
#include "ns3/distributed-circuit.h"
#include "ns3/distributed-qpu-application.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-repeater-helper.h"

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief One shot of a distributed circuit, as recorded by
 * DistributedComputingHelper::RecordShots from the applications' traces.
 */
struct DistributedShotRecord
{
    std::vector<int32_t> outcomes; //!< the register (-1: not measured yet)
    Time start = Time(0);          //!< latest start of the shot over the nodes
    Time end = Time(0);            //!< latest end of the shot over the nodes
    uint32_t nodesDone = 0;        //!< nodes that finished the shot
    uint32_t pairsUsed = 0;        //!< entangled pairs consumed

    /**
     * @return end - start once every node finished: from the time every node
     *         has started the shot (its qubits initialised, the previous shot
     *         done there) to the time every node has finished it
     */
    Time GetLatency() const;
};

/**
 * @ingroup quantum
 * Shots by index.
 */
typedef std::map<uint32_t, DistributedShotRecord> DistributedShotTable;

/**
 * @ingroup quantum
 * @brief Installs DistributedQpuApplication instances that run one
 * DistributedCircuit together, connects them over link-layer services, and
 * records their shots.
 */
class DistributedComputingHelper
{
  public:
    DistributedComputingHelper();

    /**
     * @param name a DistributedQpuApplication attribute
     * @param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * One application per node; node i of the container is circuit node i.
     * The nodes need a QuantumMemory and a QuantumProcessor (QuantumNodeHelper).
     * @param nodes as many nodes as the circuit spans
     * @param circuit the circuit
     * @return the applications, in node order
     */
    ApplicationContainer Install(NodeContainer nodes, const DistributedCircuit& circuit) const;

    /**
     * Connect two applications over a link-layer service and their
     * classical addresses.
     * @param apps applications made by Install
     * @param requester circuit node whose link end issues the CREATE requests
     * @param responder the other circuit node
     * @param requesterEnd the requester's link end
     * @param responderEnd the responder's link end
     * @param requesterAddress the requester's IPv4 address
     * @param responderAddress the responder's IPv4 address
     */
    static void Connect(ApplicationContainer apps,
                        uint32_t requester,
                        uint32_t responder,
                        Ptr<QuantumLinkLayer> requesterEnd,
                        Ptr<QuantumLinkLayer> responderEnd,
                        Ipv4Address requesterAddress,
                        Ipv4Address responderAddress);

    /**
     * For every pair of circuit nodes joined by a non-local CNOT, a direct
     * abstract link and a point-to-point classical link, made by the given
     * repeater helper (its link attributes and SetClassicalLink apply); the
     * node with the smaller index is the requester.
     * @param apps applications made by Install
     * @param links the helper that builds the links
     * @return the link ends (requester's, responder's)
     */
    static std::vector<std::pair<Ptr<AbstractLinkLayer>, Ptr<AbstractLinkLayer>>>
    InstallAbstractLinks(ApplicationContainer apps, QuantumRepeaterHelper& links);

    /**
     * Connect circuit nodes a and b through a repeater chain (a, repeaters...,
     * b) built by the given repeater helper over abstract links (its link,
     * swapper, policy and agent attributes and SetClassicalLink apply): the
     * chain delivers one end-to-end pair per request (RepeaterNodeAgent
     * OnDemand), served to the applications through a ChainLinkLayer at
     * each end; a is the requester.  Call
     * Ipv4GlobalRoutingHelper::PopulateRoutingTables afterwards: the
     * applications' bits travel through the repeater nodes.
     * @param apps applications made by Install
     * @param a one circuit node (the chain's first end)
     * @param b another circuit node (the chain's last end)
     * @param repeaters the repeater nodes between them, in order (each needs a
     *        QuantumMemory with two slots and, for gate noise, a QuantumProcessor)
     * @param links the helper that builds the chain
     * @param agentPort UDP port of this chain's repeater protocol (distinct for
     *        every chain that shares a node, and from the applications' Port)
     * @return the chain
     */
    static RepeaterChain InstallChainLink(ApplicationContainer apps,
                                          uint32_t a,
                                          uint32_t b,
                                          NodeContainer repeaters,
                                          QuantumRepeaterHelper& links,
                                          uint16_t agentPort);

    /**
     * Record every shot from the applications' Measured and ShotCompleted
     * traces; the table fills while the simulation runs.
     * @param apps applications made by Install
     * @return the table
     */
    static std::shared_ptr<DistributedShotTable> RecordShots(ApplicationContainer apps);

    /**
     * @param apps applications made by Install
     * @param stream first stream index
     * @return the number of streams used (memories, processors, abstract link ends)
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

  private:
    ObjectFactory m_factory; //!< DistributedQpuApplication
};

} // namespace ns3

#endif /* DISTRIBUTED_COMPUTING_HELPER_H */
