/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ENTANGLED_SENSING_HELPER_H
#define ENTANGLED_SENSING_HELPER_H

#include "ns3/entangled-sensor-application.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/sensor-fusion-application.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief What EntangledSensingHelper built.
 */
struct EntangledSensorNetwork
{
    Ptr<Node> centre;                                     //!< the hub / fusion centre
    NodeContainer sensorNodes;                            //!< the sensor nodes
    Ptr<SensorFusionApplication> fusion;                  //!< the centre's application
    std::vector<Ptr<EntangledSensorApplication>> sensors; //!< one per sensor node
    std::vector<RepeaterChain> chains;                    //!< GHZ: centre -> sensor i chains
};

/**
 * @ingroup quantum
 * @brief Builds an entangled sensor network: a star of two-node repeater
 * chains (centre, sensor i) built by a QuantumRepeaterHelper (its link,
 * agent and classical-link settings apply; the agents are made OnDemand with
 * UDP port AgentBasePort + i), a SensorFusionApplication on the centre and
 * an EntangledSensorApplication on each sensor, with the readout angles at
 * the working point: a_i = -pi/(2N) for GHZ (sum a_i = -pi/2), a_i = -pi/2
 * for separable probes.  All nodes need a QuantumMemory and a
 * QuantumProcessor (QuantumNodeHelper).
 */
class EntangledSensingHelper
{
  public:
    EntangledSensingHelper();

    /**
     * @param name an EntangledSensorApplication attribute
     * @param value its value
     */
    void SetSensorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @param name a SensorFusionApplication attribute
     * @param value its value
     */
    void SetFusionAttribute(const std::string& name, const AttributeValue& value);

    /** @param port UDP port of the first chain's agents (chain i uses port + i) */
    void SetAgentBasePort(uint16_t port);

    /**
     * Build the network.
     * @param centre the hub and fusion centre
     * @param sensors the sensor nodes (at least 1)
     * @param phases the phase of each sensor, rad (as many as sensors)
     * @param strategy GHZ (chains are built) or SEPARABLE (classical links only)
     * @param repeaters builds the chains and classical links
     * @return what was built
     */
    EntangledSensorNetwork Install(Ptr<Node> centre,
                                   NodeContainer sensors,
                                   const std::vector<double>& phases,
                                   SensorFusionApplication::Strategy strategy,
                                   QuantumRepeaterHelper& repeaters);

    /**
     * @param net a network built by this helper
     * @param stream first stream index
     * @return the number of streams used (the chains')
     */
    static int64_t AssignStreams(const EntangledSensorNetwork& net, int64_t stream);

  private:
    ObjectFactory m_sensorFactory; //!< EntangledSensorApplication
    ObjectFactory m_fusionFactory; //!< SensorFusionApplication
    uint16_t m_agentPort;          //!< agent base port
};

} // namespace ns3

#endif /* ENTANGLED_SENSING_HELPER_H */
