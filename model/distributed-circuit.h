/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DISTRIBUTED_CIRCUIT_H
#define DISTRIBUTED_CIRCUIT_H

#include "measurement-basis.h"
#include "quantum-gate.h"
#include "quantum-state.h"
#include "qubit-handle.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief A quantum circuit whose qubits live on the processors of several
 * nodes: the shared program of the DistributedQpuApplication instances.
 *
 * Qubits are numbered globally (0, 1, ...) in the order AddQubit creates
 * them; each belongs to one node (an index 0 .. numNodes - 1 into the node
 * container the helper installs on) and has a local index on it (0, 1, ...
 * in creation order on that node).  Operations run in the order they are
 * added: gates on qubits of one node are local instructions of that node's
 * QuantumProcessor; a CNOT whose control and target are on different nodes is
 * a non-local CNOT, executed by gate teleportation with one entangled pair and
 * two classical bits (Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317
 * (2000)).  Other gates on qubits of several nodes are refused.  A
 * measurement reads one qubit in a basis; its outcome is the next entry of the
 * circuit's classical register (measurement index 0, 1, ... in the order the
 * measurements are added).
 *
 * Every method checks its input and aborts with a message naming the method,
 * the bad value and the valid range.
 */
class DistributedCircuit
{
  public:
    /** Kinds of operations. */
    enum OpType
    {
        GATE,    //!< a gate on one or more qubits
        MEASURE, //!< a measurement of one qubit
    };

    /** One operation of the circuit. */
    struct Operation
    {
        OpType type = GATE;                                  //!< gate or measurement
        QuantumGate gate = QuantumGate::Identity();          //!< the gate (GATE)
        std::vector<uint32_t> qubits;                        //!< global qubit indices
        MeasurementBasis basis = MeasurementBasis::ZBasis(); //!< the basis (MEASURE)
        uint32_t measurementIndex = 0;                       //!< register entry (MEASURE)
    };

    /**
     * @param numNodes number of nodes the circuit spans (at least 1)
     */
    explicit DistributedCircuit(uint32_t numNodes);

    /**
     * Add a qubit, initialised in |0> at the start of each shot.
     * @param node the node holding it (< numNodes)
     * @return its global index
     */
    uint32_t AddQubit(uint32_t node);

    /**
     * Add a gate.
     * @param gate the gate
     * @param qubits as many distinct existing qubits as the gate acts on
     *        (CNOT: control first); qubits on different nodes only for CNOT
     */
    void AddGate(const QuantumGate& gate, const std::vector<uint32_t>& qubits);

    /**
     * Add a measurement.
     * @param qubit an existing qubit
     * @param basis the basis
     * @return its index in the classical register
     */
    uint32_t AddMeasurement(uint32_t qubit,
                            const MeasurementBasis& basis = MeasurementBasis::ZBasis());

    /** @return the number of nodes */
    uint32_t GetNumNodes() const;
    /** @return the number of qubits */
    uint32_t GetNumQubits() const;
    /** @return the number of measurements (register size) */
    uint32_t GetNumMeasurements() const;
    /**
     * @param qubit a qubit
     * @return the node holding it
     */
    uint32_t GetNode(uint32_t qubit) const;
    /**
     * @param qubit a qubit
     * @return its local index on its node
     */
    uint32_t GetLocalIndex(uint32_t qubit) const;
    /**
     * @param node a node
     * @return the number of qubits it holds
     */
    uint32_t GetNumLocalQubits(uint32_t node) const;
    /** @return the operations, in execution order */
    const std::vector<Operation>& GetOperations() const;
    /**
     * @param op an operation
     * @return true if it is a gate on qubits of two nodes (a non-local CNOT)
     */
    bool IsNonLocal(const Operation& op) const;
    /**
     * @param op an operation
     * @param node a node
     * @return true if the node takes part in it
     */
    bool Involves(const Operation& op, uint32_t node) const;
    /** @return the number of non-local CNOTs (pairs consumed per shot) */
    uint32_t GetNumNonLocal() const;

    /**
     * Reference: the same circuit on one ideal processor (no time, no noise),
     * directly in the state registry.  Measurements are performed (their
     * outcomes are written to outcomes if given).
     * @param registry the state engine
     * @param formalism formalism of the fresh qubits
     * @param outcomes if not null, receives the register
     * @return the qubits, by global index
     */
    std::vector<QubitHandle> RunOnOneProcessor(Ptr<QuantumStateRegistry> registry,
                                               QuantumFormalism formalism,
                                               std::vector<uint32_t>* outcomes = nullptr) const;

    /**
     * Distributed GHZ state (|0...0> + |1...1>)/sqrt(2): one qubit per node,
     * H on node 0, then a chain of CNOTs i -> i + 1, all non-local.  With
     * measureBasis set, every qubit is measured in it at the end.
     * @param numNodes number of nodes (at least 2)
     * @param measure add the final measurements
     * @param measureBasis their basis
     * @return the circuit
     */
    static DistributedCircuit Ghz(uint32_t numNodes,
                                  bool measure = false,
                                  const MeasurementBasis& measureBasis
                                  = MeasurementBasis::ZBasis());

    /**
     * Distributed Bernstein-Vazirani (Bernstein, Vazirani, SIAM J. Comput. 26,
     * 1411 (1997)): the oracle f(x) = s.x mod 2 is a CNOT from data qubit i to
     * the ancilla for each s_i = 1.  The ancilla (in |->) is on node 0, the
     * data qubits on nodes 1 .. numNodes - 1 in turn (data qubit i on node
     * 1 + i mod (numNodes - 1)), so every oracle CNOT is non-local.  The data
     * qubits are measured in Z; register entry i is bit s_i.
     * @param secret the secret string of '0' and '1' (at least one character)
     * @param numNodes number of nodes (at least 2)
     * @return the circuit
     */
    static DistributedCircuit BernsteinVazirani(const std::string& secret, uint32_t numNodes);

  private:
    /**
     * @param what the calling method
     * @param qubit a qubit index to check
     */
    void CheckQubit(const char* what, uint32_t qubit) const;

    uint32_t m_numNodes;                //!< nodes
    std::vector<uint32_t> m_node;       //!< node of each qubit
    std::vector<uint32_t> m_local;      //!< local index of each qubit
    std::vector<uint32_t> m_localCount; //!< qubits per node
    std::vector<Operation> m_ops;       //!< operations
    uint32_t m_numMeasurements;         //!< register size
    uint32_t m_numNonLocal;             //!< non-local CNOTs
};

} // namespace ns3

#endif /* DISTRIBUTED_CIRCUIT_H */
