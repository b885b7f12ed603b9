/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BELL_STATE_H
#define BELL_STATE_H

#include "quantum-linalg.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The four Bell states, labelled by the Pauli that maps |Phi+> to them.
 *
 * |B_{xz}> = (I (x) X^x Z^z) |Phi+>, label = x + 2 z:
 * PHI_PLUS = 0, PSI_PLUS = 1 (X), PHI_MINUS = 2 (Z), PSI_MINUS = 3 (XZ).
 * Labels combine by XOR: applying Pauli label l to either qubit of B_m
 * gives B_{m xor l} up to a global phase.
 */
enum class BellState : uint8_t
{
    PHI_PLUS = 0,  //!< (|00> + |11>)/sqrt 2
    PSI_PLUS = 1,  //!< (|01> + |10>)/sqrt 2
    PHI_MINUS = 2, //!< (|00> - |11>)/sqrt 2
    PSI_MINUS = 3, //!< (|01> - |10>)/sqrt 2
};

/**
 * @ingroup quantum
 * @param b a Bell state
 * @return its name ("Phi+", "Psi+", "Phi-", "Psi-")
 */
std::string BellStateName(BellState b);

/**
 * @ingroup quantum
 * @param b a Bell state
 * @return its state vector on two qubits
 */
QVector BellStateVector(BellState b);

/**
 * @ingroup quantum
 * @param pauliIndex Pauli index (0 = I, 1 = X, 2 = Y, 3 = Z)
 * @return the Bell label change that Pauli causes on either qubit of a pair
 */
uint8_t BellLabelOfPauli(uint32_t pauliIndex);

/**
 * @ingroup quantum
 * @param label 0..3 (aborts otherwise)
 * @return the Bell state with that label
 */
BellState BellStateFromLabel(uint32_t label);

} // namespace ns3

#endif /* BELL_STATE_H */
