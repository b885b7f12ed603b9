/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distributed-circuit.h"

#include "quantum-state-registry.h"

#include "ns3/abort.h"

#include <set>

namespace ns3
{

DistributedCircuit::DistributedCircuit(uint32_t numNodes)
    : m_numNodes(numNodes)
    , m_localCount(numNodes, 0)
    , m_numMeasurements(0)
    , m_numNonLocal(0)
{
    NS_ABORT_MSG_IF(numNodes == 0, "DistributedCircuit: numNodes = 0, it must be at least 1");
}

uint32_t
DistributedCircuit::AddQubit(uint32_t node)
{
    NS_ABORT_MSG_IF(node >= m_numNodes,
                    "DistributedCircuit::AddQubit: node "
                        << node << " is unknown; valid nodes are 0 .. " << m_numNodes - 1);
    m_node.push_back(node);
    m_local.push_back(m_localCount[node]++);
    return static_cast<uint32_t>(m_node.size() - 1);
}

void
DistributedCircuit::CheckQubit(const char* what, uint32_t qubit) const
{
    NS_ABORT_MSG_IF(qubit >= m_node.size(),
                    "DistributedCircuit::" << what << ": qubit " << qubit
                                           << " is out of range; the circuit has " << m_node.size()
                                           << " qubits (0 .. "
                                           << static_cast<int64_t>(m_node.size()) - 1 << ")");
}

void
DistributedCircuit::AddGate(const QuantumGate& gate, const std::vector<uint32_t>& qubits)
{
    NS_ABORT_MSG_IF(qubits.size() != gate.GetNumQubits(),
                    "DistributedCircuit::AddGate: gate " << gate.GetName() << " acts on "
                                                         << gate.GetNumQubits() << " qubits, got "
                                                         << qubits.size());
    std::set<uint32_t> nodes;
    std::set<uint32_t> seen;
    for (uint32_t q : qubits)
    {
        CheckQubit("AddGate", q);
        NS_ABORT_MSG_IF(!seen.insert(q).second,
                        "DistributedCircuit::AddGate: gate " << gate.GetName() << " names qubit "
                                                             << q << " twice");
        nodes.insert(m_node[q]);
    }
    NS_ABORT_MSG_IF(nodes.size() > 1 && gate.GetKind() != QuantumGate::CNOT,
                    "DistributedCircuit::AddGate: gate "
                        << gate.GetName() << " spans " << nodes.size()
                        << " nodes; only CNOT can act across nodes (as a non-local CNOT)");
    Operation op;
    op.type = GATE;
    op.gate = gate;
    op.qubits = qubits;
    if (nodes.size() > 1)
    {
        ++m_numNonLocal;
    }
    m_ops.push_back(op);
}

uint32_t
DistributedCircuit::AddMeasurement(uint32_t qubit, const MeasurementBasis& basis)
{
    CheckQubit("AddMeasurement", qubit);
    Operation op;
    op.type = MEASURE;
    op.qubits = {qubit};
    op.basis = basis;
    op.measurementIndex = m_numMeasurements++;
    m_ops.push_back(op);
    return op.measurementIndex;
}

uint32_t
DistributedCircuit::GetNumNodes() const
{
    return m_numNodes;
}

uint32_t
DistributedCircuit::GetNumQubits() const
{
    return static_cast<uint32_t>(m_node.size());
}

uint32_t
DistributedCircuit::GetNumMeasurements() const
{
    return m_numMeasurements;
}

uint32_t
DistributedCircuit::GetNode(uint32_t qubit) const
{
    CheckQubit("GetNode", qubit);
    return m_node[qubit];
}

uint32_t
DistributedCircuit::GetLocalIndex(uint32_t qubit) const
{
    CheckQubit("GetLocalIndex", qubit);
    return m_local[qubit];
}

uint32_t
DistributedCircuit::GetNumLocalQubits(uint32_t node) const
{
    NS_ABORT_MSG_IF(node >= m_numNodes,
                    "DistributedCircuit::GetNumLocalQubits: node "
                        << node << " is unknown; valid nodes are 0 .. " << m_numNodes - 1);
    return m_localCount[node];
}

const std::vector<DistributedCircuit::Operation>&
DistributedCircuit::GetOperations() const
{
    return m_ops;
}

bool
DistributedCircuit::IsNonLocal(const Operation& op) const
{
    return op.type == GATE && op.qubits.size() == 2 && m_node[op.qubits[0]] != m_node[op.qubits[1]];
}

bool
DistributedCircuit::Involves(const Operation& op, uint32_t node) const
{
    for (uint32_t q : op.qubits)
    {
        if (m_node[q] == node)
        {
            return true;
        }
    }
    return false;
}

uint32_t
DistributedCircuit::GetNumNonLocal() const
{
    return m_numNonLocal;
}

std::vector<QubitHandle>
DistributedCircuit::RunOnOneProcessor(Ptr<QuantumStateRegistry> registry,
                                      QuantumFormalism formalism,
                                      std::vector<uint32_t>* outcomes) const
{
    NS_ABORT_MSG_IF(!registry, "DistributedCircuit::RunOnOneProcessor: null registry");
    std::vector<QubitHandle> q;
    for (uint32_t i = 0; i < m_node.size(); ++i)
    {
        q.push_back(registry->CreateQubit(formalism));
    }
    if (outcomes)
    {
        outcomes->assign(m_numMeasurements, 0);
    }
    for (const Operation& op : m_ops)
    {
        if (op.type == GATE)
        {
            std::vector<QubitHandle> h;
            for (uint32_t i : op.qubits)
            {
                h.push_back(q[i]);
            }
            registry->ApplyGate(op.gate, h);
        }
        else
        {
            const uint32_t m = registry->Measure(q[op.qubits[0]], op.basis);
            if (outcomes)
            {
                (*outcomes)[op.measurementIndex] = m;
            }
        }
    }
    return q;
}

DistributedCircuit
DistributedCircuit::Ghz(uint32_t numNodes, bool measure, const MeasurementBasis& measureBasis)
{
    NS_ABORT_MSG_IF(numNodes < 2,
                    "DistributedCircuit::Ghz: numNodes = " << numNodes
                                                           << ", it must be at least 2");
    DistributedCircuit c(numNodes);
    for (uint32_t n = 0; n < numNodes; ++n)
    {
        c.AddQubit(n);
    }
    c.AddGate(QuantumGate::Hadamard(), {0});
    for (uint32_t n = 0; n + 1 < numNodes; ++n)
    {
        c.AddGate(QuantumGate::Cnot(), {n, n + 1});
    }
    if (measure)
    {
        for (uint32_t n = 0; n < numNodes; ++n)
        {
            c.AddMeasurement(n, measureBasis);
        }
    }
    return c;
}

DistributedCircuit
DistributedCircuit::BernsteinVazirani(const std::string& secret, uint32_t numNodes)
{
    NS_ABORT_MSG_IF(numNodes < 2,
                    "DistributedCircuit::BernsteinVazirani: numNodes = "
                        << numNodes << ", it must be at least 2 (ancilla node + data nodes)");
    NS_ABORT_MSG_IF(secret.empty(), "DistributedCircuit::BernsteinVazirani: empty secret string");
    for (char ch : secret)
    {
        NS_ABORT_MSG_IF(ch != '0' && ch != '1',
                        "DistributedCircuit::BernsteinVazirani: secret \""
                            << secret << "\" has character '" << ch << "'; only '0' and '1'");
    }
    DistributedCircuit c(numNodes);
    std::vector<uint32_t> data;
    for (uint32_t i = 0; i < secret.size(); ++i)
    {
        data.push_back(c.AddQubit(1 + i % (numNodes - 1)));
    }
    const uint32_t anc = c.AddQubit(0);
    c.AddGate(QuantumGate::PauliX(), {anc});
    c.AddGate(QuantumGate::Hadamard(), {anc});
    for (uint32_t d : data)
    {
        c.AddGate(QuantumGate::Hadamard(), {d});
    }
    for (uint32_t i = 0; i < secret.size(); ++i)
    {
        if (secret[i] == '1')
        {
            c.AddGate(QuantumGate::Cnot(), {data[i], anc});
        }
    }
    for (uint32_t d : data)
    {
        c.AddGate(QuantumGate::Hadamard(), {d});
    }
    for (uint32_t d : data)
    {
        c.AddMeasurement(d, MeasurementBasis::ZBasis());
    }
    return c;
}

} // namespace ns3
