/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STABILIZER_CODE_CIRCUIT_H
#define STABILIZER_CODE_CIRCUIT_H

#include "quantum-gate.h"
#include "stabilizer-code.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief One gate of a circuit on local qubit indices (data qubits 0..n-1,
 * ancillas from n on).
 */
struct CircuitStep
{
    QuantumGate gate;             //!< the gate
    std::vector<uint32_t> qubits; //!< local qubit indices, in gate order
};

/**
 * @ingroup quantum
 * @brief The Clifford circuits of a CSS code: the encoder and the syndrome
 * extraction circuit of each generator.
 *
 * Encoder (the standard-form construction of D. Gottesman, PhD thesis,
 * Caltech 1997, section 4.2, specialised to CSS codes): the X parts of the
 * X-type generators are brought to reduced row-echelon form over GF(2), with
 * pivot qubits p_r; X_L is multiplied by generators until it has no support
 * on a pivot, giving X_L'.  The input qubit is the lowest qubit of X_L'.
 * The circuit is CNOT(input, j) for the other qubits j of X_L', then H on
 * every pivot and CNOT(p_r, j) for the other qubits j of row r.  It maps
 * a|0> + b|1> on the input qubit (all others |0>) to a|0_L> + b|1_L> with
 * |0_L> = 2^{-r/2} sum over the X-type stabilizer group applied to |0..0>
 * (a +1 eigenstate of every generator and of Z_L) and |1_L> = X_L|0_L>.
 * For the Steane code this gives the input qubit 2 and pivots 0, 1, 3; for
 * the repetition code CNOT(0, 1), CNOT(0, 2).  Every gate is self-inverse,
 * so the decoder (unencoder) is the same list in reverse order.
 *
 * Syndrome extraction of a generator with one ancilla in |0> (Nielsen and
 * Chuang, Fig. 10.16): Z-type generators by CNOTs from each data qubit of
 * its support onto the ancilla; X-type ones by H on the ancilla, CNOTs from
 * the ancilla onto the support, H on the ancilla.  Measuring the ancilla in Z
 * then gives 1 exactly when the data anticommute with the generator (the
 * -1 eigenvalue).
 */
class StabilizerCodeCircuit
{
  public:
    /**
     * Build the encoder.  Aborts unless the code is CSS.
     * @param code the code
     */
    explicit StabilizerCodeCircuit(const StabilizerCode& code);

    /** @return the data qubit that carries the state to encode */
    uint32_t GetInputQubit() const;

    /** @return the encoding circuit on the data qubits 0..n-1 */
    const std::vector<CircuitStep>& GetEncodingCircuit() const;

    /** @return the encoding circuit reversed: the unencoder */
    std::vector<CircuitStep> GetDecodingCircuit() const;

    /**
     * @param generator generator index (< n - 1)
     * @param ancilla local index of the ancilla (>= n)
     * @return the gates that copy the generator's eigenvalue onto the ancilla
     *         (the ancilla is then measured in Z)
     */
    std::vector<CircuitStep> GetSyndromeCircuit(uint32_t generator, uint32_t ancilla) const;

  private:
    StabilizerCode m_code;              //!< the code
    uint32_t m_input;                   //!< input qubit
    std::vector<CircuitStep> m_encoder; //!< encoding circuit
};

} // namespace ns3

#endif /* STABILIZER_CODE_CIRCUIT_H */
