/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_LINK_HELPER_H
#define QUANTUM_LINK_HELPER_H

#include "ns3/attribute.h"
#include "ns3/heralded-link-layer.h"
#include "ns3/heralding-station.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * What QuantumLinkHelper::Install builds for one link.
 */
struct HeraldedLink
{
    Ptr<Node> stationNode;           //!< the midpoint node
    Ptr<HeraldingStation> station;   //!< the station (aggregated to stationNode)
    Ptr<HeraldedLinkLayer> ends[2];  //!< the link ends on node A and node B
    NetDeviceContainer fibreDevices; //!< A's, station's arm A, B's, station's arm B
    NetDeviceContainer udpDevices;   //!< point-to-point devices (UDP transport only)
};

/**
 * @ingroup quantum
 * @brief Builds heralded links: a station node in the middle of two nodes,
 * two fibre arms of half the distance each (QuantumChannelHelper), the
 * station's detectors, the herald transport (signal line, or UDP over
 * point-to-point links station-A and station-B with static routes between
 * A and B), and a HeraldedLinkLayer on each end bound to the node's
 * QuantumMemory (install one with QuantumNodeHelper first).
 *
 * A node may be in several links (a repeater chain: node i to node i + 1):
 * each link gets its own station, fibres and link ends, and the ends of one
 * node share its memory; UDP ports are chosen per node so they do not clash.
 *
 * @code
 *   QuantumLinkHelper link;
 *   link.SetDistanceKm(10);
 *   link.SetStationAttribute("Protocol", StringValue("double-click"));
 *   link.SetLinkLayerAttribute("Mode", StringValue("fast"));
 *   HeraldedLink l = link.Install(a, b);
 *   link.AssignStreams(l, 100);
 *   l.ends[0]->Create(request);
 * @endcode
 */
class QuantumLinkHelper
{
  public:
    QuantumLinkHelper();

    /** @param km node-to-node distance (the station sits in the middle), >= 0 */
    void SetDistanceKm(double km);
    /**
     * @param name a QuantumChannel attribute for both arms (LengthKm is set from the distance)
     * @param value its value
     */
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a HeraldingStation attribute
     * @param value its value
     */
    void SetStationAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a SinglePhotonDetector attribute, for both detectors
     * @param value its value
     */
    void SetDetectorAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a HeraldedLinkLayer attribute, for both ends
     * @param value its value
     */
    void SetLinkLayerAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a PointToPointNetDevice attribute (UDP transport), e.g. "DataRate"
     * @param value its value
     */
    void SetPointToPointDeviceAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name a PointToPointChannel attribute (UDP transport), e.g. "Delay"
     * @param value its value
     */
    void SetPointToPointChannelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Build one link.  Aborts if a node has no QuantumMemory.
     * @param a node A (arm 0)
     * @param b node B (arm 1)
     * @return what was built
     */
    HeraldedLink Install(Ptr<Node> a, Ptr<Node> b);

    /**
     * @param link a link built by Install
     * @param stream first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(const HeraldedLink& link, int64_t stream);

  private:
    /** Name/value pairs. */
    using Settings = std::vector<std::pair<std::string, Ptr<AttributeValue>>>;

    double m_distanceKm;             //!< node-to-node distance
    Settings m_channelAttributes;    //!< fibre attributes
    ObjectFactory m_stationFactory;  //!< station factory
    ObjectFactory m_endFactory;      //!< link-layer factory
    Settings m_detectorAttributes;   //!< detector attributes
    Settings m_p2pDeviceAttributes;  //!< point-to-point device attributes
    Settings m_p2pChannelAttributes; //!< point-to-point channel attributes
};

} // namespace ns3

#endif /* QUANTUM_LINK_HELPER_H */
