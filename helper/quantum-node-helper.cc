/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-node-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-transducer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumNodeHelper");

QuantumNodeHelper::QuantumNodeHelper()
    : m_installTransducer(false)
{
}

void
QuantumNodeHelper::CheckAttribute(TypeId tid, const char* what, const std::string& name)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_IF(!tid.LookupAttributeByName(name, &info),
                    "QuantumNodeHelper::" << what << ": " << tid.GetName() << " has no attribute '"
                                          << name << "'");
}

void
QuantumNodeHelper::SetMemoryAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(QuantumMemory::GetTypeId(), "SetMemoryAttribute", name);
    m_memoryAttributes.emplace_back(name, value.Copy());
}

void
QuantumNodeHelper::SetProcessorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(QuantumProcessor::GetTypeId(), "SetProcessorAttribute", name);
    m_processorAttributes.emplace_back(name, value.Copy());
}

void
QuantumNodeHelper::SetTransducerAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(QuantumTransducer::GetTypeId(), "SetTransducerAttribute", name);
    m_transducerAttributes.emplace_back(name, value.Copy());
}

void
QuantumNodeHelper::SetPreset(const std::string& pathOrName)
{
    m_preset = std::make_shared<QuantumHardwarePreset>(QuantumHardwarePreset::Load(pathOrName));
}

void
QuantumNodeHelper::SetInstallTransducer(bool install)
{
    m_installTransducer = install;
}

void
QuantumNodeHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

void
QuantumNodeHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(!node, "QuantumNodeHelper::Install: null node");
    NS_ABORT_MSG_IF(node->GetObject<QuantumMemory>(),
                    "QuantumNodeHelper::Install: node " << node->GetId()
                                                        << " already has a QuantumMemory");
    Ptr<QuantumMemory> memory = CreateObject<QuantumMemory>();
    Ptr<QuantumProcessor> processor = CreateObject<QuantumProcessor>();
    Ptr<QuantumTransducer> transducer;
    const bool wantTransducer
        = m_installTransducer
          || (m_preset && m_preset->HasSection(QuantumHardwarePreset::TRANSDUCER));
    if (wantTransducer)
    {
        transducer = CreateObject<QuantumTransducer>();
    }
    if (m_preset)
    {
        m_preset->Apply(memory, processor);
        if (transducer)
        {
            m_preset->ApplyTransducer(transducer);
        }
    }
    for (const auto& [name, value] : m_memoryAttributes)
    {
        memory->SetAttribute(name, *value);
    }
    for (const auto& [name, value] : m_processorAttributes)
    {
        processor->SetAttribute(name, *value);
    }
    processor->SetMemory(memory);
    node->AggregateObject(memory);
    node->AggregateObject(processor);
    if (transducer)
    {
        for (const auto& [name, value] : m_transducerAttributes)
        {
            transducer->SetAttribute(name, *value);
        }
        node->AggregateObject(transducer);
    }
}

int64_t
QuantumNodeHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t used = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        if (Ptr<QuantumMemory> m = node->GetObject<QuantumMemory>())
        {
            used += m->AssignStreams(stream + used);
        }
        if (Ptr<QuantumProcessor> p = node->GetObject<QuantumProcessor>())
        {
            used += p->AssignStreams(stream + used);
        }
        if (Ptr<QuantumTransducer> t = node->GetObject<QuantumTransducer>())
        {
            used += t->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3
