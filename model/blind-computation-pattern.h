/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BLIND_COMPUTATION_PATTERN_H
#define BLIND_COMPUTATION_PATTERN_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A measurement-based computation for universal blind quantum
 * computation (Broadbent, Fitzsimons, Kashefi, FOCS 2009, arXiv:0807.4154).
 *
 * The pattern is a graph on n qubits (numbered 0..n-1, which is also the
 * measurement order), one measurement angle phi_i = k_i pi/4 per qubit
 * (k_i in 0..7, every qubit is measured in the XY plane of the Bloch sphere,
 * outputs included: classical output), and a flow f: f(i) > i is the qubit
 * that receives the X byproduct of measuring i, or -1 for an output qubit.
 * The flow conditions of Danos and Kashefi (Phys. Rev. A 74, 052310, 2006)
 * are checked: f(i) is a neighbour of i, and every neighbour of f(i) other
 * than i is measured after i.  The X and Z dependencies follow:
 *
 *   s_X(i) = XOR of s_j over j with f(j) = i,
 *   s_Z(i) = XOR of s_j over j != i with i a neighbour of f(j).
 *
 * The graph, the flow and the measurement order are public in the protocol
 * (the server needs them); the angles are the client's secret.
 *
 * The factories build the computations the module demonstrates, with their
 * ideal output distribution computed from the logical circuit (see
 * doc/blind-computation.rst for the derivations).
 */
class BlindComputationPattern
{
  public:
    /** An edge of the graph (CZ between two qubits). */
    using Edge = std::pair<uint32_t, uint32_t>;

    /** An empty pattern (no qubits); not runnable. */
    BlindComputationPattern();

    /**
     * Build and check a pattern; aborts with a clear message when the angle
     * or flow counts do not match the number of qubits, an edge or flow entry
     * is out of range, an angle index exceeds 7, or the flow conditions fail.
     * @param numQubits number of qubits n (1..64)
     * @param edges the graph edges
     * @param angleIndices k_i for phi_i = k_i pi/4, one per qubit
     * @param flow f(i) per qubit, -1 for outputs
     * @param name a short name for reports
     */
    BlindComputationPattern(uint32_t numQubits,
                            const std::vector<Edge>& edges,
                            const std::vector<uint8_t>& angleIndices,
                            const std::vector<int32_t>& flow,
                            const std::string& name = "custom");

    /**
     * One logical qubit through a 1D cluster: for each rotation angle a_j =
     * k_j pi/4 two qubits measured at a_j and 0, then the output measured at
     * angle 0.  The two measurements apply J(0) J(-a_j) = Rz(-a_j) (up to a
     * phase), so the output is |+> rotated by -sum a_j measured in the X
     * basis: P(0) = cos^2(sum_j a_j / 2).  Deterministic when the sum is a
     * multiple of pi.
     * @param rotationIndices k_j of the rotations (at least one)
     * @return the pattern, n = 2 (number of rotations) + 1
     */
    static BlindComputationPattern RotationChain(const std::vector<uint8_t>& rotationIndices);

    /**
     * A two-qubit computation: CNOT on classical inputs (a, b) written into
     * the angles.  Graph: wire A = 0-1-2, wire B = 3-4-5, edge 1-3 (a
     * brickwork-style vertical CZ).  Logical circuit: A = J(-a pi)|+> = |a>;
     * CZ(A, B) with B = |+>; B <- J(0) J(-b pi) B = |a XOR b>; A <- J(0) A;
     * outputs measured at angle 0 after the final Hadamards give the bits
     * (a, a XOR b) deterministically.
     * @param a control input bit
     * @param b target input bit
     * @return the pattern (6 qubits)
     */
    static BlindComputationPattern Cnot(uint32_t a, uint32_t b);

    /** @return number of qubits */
    uint32_t GetNumQubits() const;
    /** @return the edges */
    const std::vector<Edge>& GetEdges() const;
    /**
     * @param i a qubit
     * @return k_i (phi_i = k_i pi/4)
     */
    uint8_t GetAngleIndex(uint32_t i) const;
    /**
     * @param i a qubit
     * @return f(i), or -1 for an output
     */
    int32_t GetFlow(uint32_t i) const;
    /**
     * @param i a qubit
     * @return true if i has no flow successor
     */
    bool IsOutput(uint32_t i) const;
    /** @return the output qubits, in increasing order (bit j of a result is output j) */
    const std::vector<uint32_t>& GetOutputs() const;
    /**
     * @param i a qubit
     * @return the qubits j whose outcome enters s_X(i)
     */
    const std::vector<uint32_t>& GetXDependencies(uint32_t i) const;
    /**
     * @param i a qubit
     * @return the qubits j whose outcome enters s_Z(i)
     */
    const std::vector<uint32_t>& GetZDependencies(uint32_t i) const;
    /**
     * Ideal output distribution: entry m is the probability of the result
     * whose bit j is output j.  Empty when the pattern was built by hand.
     * @return the distribution
     */
    const std::vector<double>& GetIdealDistribution() const;
    /**
     * @param distribution the ideal output distribution (2^outputs entries,
     *        summing to 1), for hand-built patterns
     */
    void SetIdealDistribution(const std::vector<double>& distribution);
    /** @return the name */
    const std::string& GetName() const;

  private:
    /** Check the pattern and derive outputs and dependencies. */
    void Build();

    uint32_t m_numQubits;                       //!< n
    std::vector<Edge> m_edges;                  //!< graph edges
    std::vector<uint8_t> m_angles;              //!< k_i
    std::vector<int32_t> m_flow;                //!< f(i)
    std::vector<uint32_t> m_outputs;            //!< outputs in order
    std::vector<std::vector<uint32_t>> m_xDeps; //!< X dependencies
    std::vector<std::vector<uint32_t>> m_zDeps; //!< Z dependencies
    std::vector<double> m_ideal;                //!< ideal output distribution
    std::string m_name;                         //!< name
};

} // namespace ns3

#endif /* BLIND_COMPUTATION_PATTERN_H */
