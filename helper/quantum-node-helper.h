/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_NODE_HELPER_H
#define QUANTUM_NODE_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-hardware-preset.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Gives nodes a QuantumMemory and a QuantumProcessor (and, when the
 * preset describes one, a QuantumTransducer), aggregated to the node.
 *
 * Attributes are applied in this order: the classes' defaults, then the
 * hardware preset (SetPreset), then the attributes set on the helper, so an
 * explicit SetMemoryAttribute overrides the preset.
 *
 * @code
 * QuantumNodeHelper helper;
 * helper.SetPreset("nv-centre");
 * helper.SetMemoryAttribute("NumSlots", UintegerValue(4));
 * helper.Install(nodes);
 * helper.AssignStreams(nodes, 100);
 * Ptr<QuantumMemory> m = nodes.Get(0)->GetObject<QuantumMemory>();
 * @endcode
 */
class QuantumNodeHelper
{
  public:
    QuantumNodeHelper();

    /**
     * @param name a QuantumMemory attribute (aborts if unknown)
     * @param value its value
     */
    void SetMemoryAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @param name a QuantumProcessor attribute (aborts if unknown)
     * @param value its value
     */
    void SetProcessorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @param name a QuantumTransducer attribute (aborts if unknown)
     * @param value its value
     */
    void SetTransducerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Load a hardware preset (QuantumHardwarePreset::Load; errors abort here).
     * @param pathOrName a preset file or name
     */
    void SetPreset(const std::string& pathOrName);

    /**
     * @param install also aggregate a QuantumTransducer to each node (done
     *        anyway when the preset has a transducer section)
     */
    void SetInstallTransducer(bool install);

    /**
     * Aggregate a QuantumMemory and a QuantumProcessor (working on that
     * memory) to each node; aborts if a node already has a QuantumMemory.
     * @param nodes the nodes
     */
    void Install(NodeContainer nodes) const;

    /**
     * @param node a node
     */
    void Install(Ptr<Node> node) const;

    /**
     * Assign streams to the memories, processors and transducers of the nodes.
     * @param nodes the nodes
     * @param stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

  private:
    /** Attributes set on the helper, applied after the preset. */
    using Settings = std::vector<std::pair<std::string, Ptr<AttributeValue>>>;

    /**
     * @param tid the class
     * @param what the helper method, for messages
     * @param name an attribute name
     */
    static void CheckAttribute(TypeId tid, const char* what, const std::string& name);

    Settings m_memoryAttributes;                     //!< memory attributes
    Settings m_processorAttributes;                  //!< processor attributes
    Settings m_transducerAttributes;                 //!< transducer attributes
    std::shared_ptr<QuantumHardwarePreset> m_preset; //!< the preset, if any
    bool m_installTransducer;                        //!< aggregate a transducer
};

} // namespace ns3

#endif /* QUANTUM_NODE_HELPER_H */
