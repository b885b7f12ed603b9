/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_GATE_H
#define QUANTUM_GATE_H

#include "quantum-linalg.h"

#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A quantum gate: a named unitary on one or two qubits, or an
 * arbitrary checked unitary on k qubits.
 *
 * Named gates carry their kind so that formalisms which cannot hold an
 * arbitrary unitary (stabilizer tableau, Bell-diagonal pairs) can recognise
 * the Clifford and Pauli gates they support.  Matrices use the module's
 * qubit ordering: for a two-qubit gate on (a, b), a is the most significant
 * bit of the matrix index (so CNOT(a, b) has control a and target b).
 */
class QuantumGate
{
  public:
    /** The gate kinds. */
    enum Kind
    {
        I,       //!< identity
        X,       //!< Pauli X
        Y,       //!< Pauli Y
        Z,       //!< Pauli Z
        H,       //!< Hadamard
        S,       //!< phase gate diag(1, i)
        SDG,     //!< S dagger
        T,       //!< diag(1, e^{i pi/4})
        TDG,     //!< T dagger
        RX,      //!< exp(-i theta X / 2)
        RY,      //!< exp(-i theta Y / 2)
        RZ,      //!< exp(-i theta Z / 2)
        CNOT,    //!< controlled NOT, control first
        CZ,      //!< controlled Z
        SWAP,    //!< swap of two qubits
        UNITARY, //!< arbitrary unitary given as a matrix
    };

    /** @return the identity gate */
    static QuantumGate Identity();
    /** @return Pauli X */
    static QuantumGate PauliX();
    /** @return Pauli Y */
    static QuantumGate PauliY();
    /** @return Pauli Z */
    static QuantumGate PauliZ();
    /** @return Hadamard */
    static QuantumGate Hadamard();
    /** @return S = diag(1, i) */
    static QuantumGate Phase();
    /** @return S dagger */
    static QuantumGate PhaseDagger();
    /** @return T = diag(1, e^{i pi / 4}) */
    static QuantumGate TGate();
    /** @return T dagger */
    static QuantumGate TDagger();
    /**
     * @param theta rotation angle in radians
     * @return Rx(theta) = exp(-i theta X / 2)
     */
    static QuantumGate Rx(double theta);
    /**
     * @param theta rotation angle in radians
     * @return Ry(theta) = exp(-i theta Y / 2)
     */
    static QuantumGate Ry(double theta);
    /**
     * @param theta rotation angle in radians
     * @return Rz(theta) = exp(-i theta Z / 2)
     */
    static QuantumGate Rz(double theta);
    /** @return CNOT, control is the first target */
    static QuantumGate Cnot();
    /** @return controlled Z */
    static QuantumGate Cz();
    /** @return SWAP */
    static QuantumGate Swap();
    /**
     * An arbitrary unitary.  Aborts with a clear message if the matrix is not
     * square with a power-of-two dimension, or is not unitary within
     * the given tolerance.
     * @param u the matrix, 2^k x 2^k
     * @param name a name used in messages and traces
     * @param tolerance the largest allowed entry of |U^dagger U - I|
     * @return the gate
     */
    static QuantumGate Unitary(const QMatrix& u,
                               const std::string& name = "U",
                               double tolerance = 1e-9);

    /** @return the gate kind */
    Kind GetKind() const;
    /** @return the gate name ("H", "CNOT", "Rx(0.5)", ...) */
    std::string GetName() const;
    /** @return the number of qubits the gate acts on */
    uint32_t GetNumQubits() const;
    /** @return the rotation angle (RX, RY, RZ), else 0 */
    double GetAngle() const;
    /** @return the unitary matrix */
    const QMatrix& GetMatrix() const;
    /** @return true if the gate is in the Clifford group (named Clifford gates,
     *  and rotations by multiples of pi/2) */
    bool IsClifford() const;
    /** @return true if the gate is a Pauli operator (I, X, Y, Z) */
    bool IsPauli() const;

  private:
    /**
     * @param kind the kind
     * @param name the name
     * @param angle rotation angle
     * @param m the matrix
     */
    QuantumGate(Kind kind, const std::string& name, double angle, const QMatrix& m);

    Kind m_kind;        //!< gate kind
    std::string m_name; //!< gate name
    double m_angle;     //!< rotation angle
    QMatrix m_matrix;   //!< unitary matrix
};

} // namespace ns3

#endif /* QUANTUM_GATE_H */
