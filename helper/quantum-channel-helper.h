/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_CHANNEL_HELPER_H
#define QUANTUM_CHANNEL_HELPER_H

#include "ns3/attribute.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class QuantumChannel;
class QuantumNetDevice;

/**
 * @ingroup quantum
 * @brief Builds quantum links: a QuantumNetDevice on each of two nodes,
 * joined by a QuantumChannel (fibre) or a FreeSpaceQuantumChannel, with a
 * chain of loss, noise and delay models.
 *
 * @code
 *   QuantumChannelHelper helper;
 *   helper.SetChannelAttribute("LengthKm", DoubleValue(25));
 *   helper.AddModel("ns3::FixedLossModel", "LossDb", DoubleValue(1.5));
 *   helper.AddModel("ns3::DepolarizingNoiseModel", "RatePerKm", DoubleValue(1e-3));
 *   NetDeviceContainer devices = helper.Install(alice, bob);
 *   helper.AssignStreams(devices, 100);
 * @endcode
 *
 * Models are applied in the order they were added.  Every Install creates
 * its own channel and its own model objects from the stored factories.
 * Attribute values are checked when they are given, with a message naming
 * the type, the attribute, the value and the attribute's help (which states
 * its valid range).
 */
class QuantumChannelHelper
{
  public:
    /** A helper that builds fibre channels (ns3::QuantumChannel). */
    QuantumChannelHelper();

    /**
     * @param type "ns3::QuantumChannel", "ns3::FreeSpaceQuantumChannel" or
     *        another subclass of QuantumChannel
     */
    void SetChannelType(const std::string& type);

    /**
     * @param name an attribute of the channel type
     * @param value its value
     */
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Append a model to the chain each installed channel gets.
     * @tparam Ts name/value pairs: std::string, AttributeValue, ...
     * @param type a subclass of QuantumChannelModel, e.g. "ns3::FixedLossModel"
     * @param args attribute name/value pairs
     */
    template<typename... Ts>
    void AddModel(const std::string& type, Ts&&... args);

    /** Forget the models added so far. */
    void ClearModels();

    /** @return the number of models each channel gets */
    std::size_t GetNModels() const;

    /**
     * Create a QuantumNetDevice on each node (Node::AddDevice), a channel
     * joining them, and the model chain.
     * @param a first node
     * @param b second node
     * @return the two devices, a's first
     */
    NetDeviceContainer Install(Ptr<Node> a, Ptr<Node> b) const;

    /**
     * @param nodes exactly two nodes
     * @return the two devices, in node order
     */
    NetDeviceContainer Install(const NodeContainer& nodes) const;

    /**
     * @param device a QuantumNetDevice (aborts otherwise)
     * @return its channel
     */
    static Ptr<QuantumChannel> GetChannel(Ptr<NetDevice> device);

    /**
     * Fix the random streams of the channels (and their models) the devices
     * are attached to; each channel is counted once.
     * @param devices devices returned by Install (others are ignored)
     * @param stream first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(NetDeviceContainer devices, int64_t stream);

  private:
    /**
     * @param where the calling method, for messages
     * @param tid the type
     * @param name an attribute name
     * @param value a value
     * Aborts with a clear message unless the type has a settable attribute
     * of that name accepting the value.
     */
    static void CheckAttribute(const std::string& where,
                               TypeId tid,
                               const std::string& name,
                               const AttributeValue& value);

    /**
     * @param type a type name
     * @return a factory for it; aborts unless it is a QuantumChannelModel
     */
    static ObjectFactory MakeModelFactory(const std::string& type);

    /**
     * End of the name/value recursion.
     * @param factory the factory
     */
    static void SetModelAttributes(ObjectFactory& factory)
    {
    }

    /**
     * Set name/value pairs on a model factory, checked.
     * @tparam Ts the remaining pairs
     * @param factory the factory
     * @param name attribute name
     * @param value attribute value
     * @param rest further pairs
     */
    template<typename... Ts>
    static void SetModelAttributes(ObjectFactory& factory,
                                   const std::string& name,
                                   const AttributeValue& value,
                                   Ts&&... rest);

    ObjectFactory m_channelFactory;                   //!< channel factory
    std::vector<std::string> m_channelAttributeNames; //!< channel attributes set so far
    std::vector<ObjectFactory> m_modelFactories;      //!< model factories, in chain order
};

template<typename... Ts>
void
QuantumChannelHelper::AddModel(const std::string& type, Ts&&... args)
{
    static_assert(sizeof...(Ts) % 2 == 0,
                  "QuantumChannelHelper::AddModel takes attribute name/value pairs");
    ObjectFactory factory = MakeModelFactory(type);
    SetModelAttributes(factory, std::forward<Ts>(args)...);
    m_modelFactories.push_back(factory);
}

template<typename... Ts>
void
QuantumChannelHelper::SetModelAttributes(ObjectFactory& factory,
                                         const std::string& name,
                                         const AttributeValue& value,
                                         Ts&&... rest)
{
    CheckAttribute("AddModel", factory.GetTypeId(), name, value);
    factory.Set(name, value);
    SetModelAttributes(factory, std::forward<Ts>(rest)...);
}

} // namespace ns3

#endif /* QUANTUM_CHANNEL_HELPER_H */
