/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BLIND_COMPUTATION_HELPER_H
#define BLIND_COMPUTATION_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/blind-computation-client.h"
#include "ns3/blind-computation-pattern.h"
#include "ns3/blind-computation-server.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Installs a BlindComputationClient and a BlindComputationServer on
 * two nodes that share a quantum channel (QuantumChannelHelper) and an IPv4
 * network.
 *
 * A thin wrapper around two ObjectFactory objects: attributes set here are
 * applied to every application it creates.  Install returns the client
 * (index 0) and the server (index 1).
 */
class BlindComputationHelper
{
  public:
    BlindComputationHelper();

    /**
     * @param name attribute of ns3::BlindComputationClient
     * @param value its value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::BlindComputationServer
     * @param value its value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param pattern the computation the clients run
     */
    void SetPattern(const BlindComputationPattern& pattern);

    /**
     * Install a client on clientNode and a server on serverNode.  The
     * client's RemoteAddress is serverAddress at the server's Port, and both
     * use the same QuantumPort.  Each node must have a QuantumNetDevice.
     * @param clientNode the client's node
     * @param serverNode the server's node
     * @param serverAddress the server's IPv4 address
     * @return the client (0) and the server (1)
     */
    ApplicationContainer Install(Ptr<Node> clientNode,
                                 Ptr<Node> serverNode,
                                 Ipv4Address serverAddress) const;

    /**
     * @param apps applications from Install
     * @param stream first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

  private:
    ObjectFactory m_clientFactory;     //!< client factory
    ObjectFactory m_serverFactory;     //!< server factory
    BlindComputationPattern m_pattern; //!< the computation
};

} // namespace ns3

#endif /* BLIND_COMPUTATION_HELPER_H */
