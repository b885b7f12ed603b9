/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STABILIZER_CODE_H
#define STABILIZER_CODE_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A Pauli operator on up to 32 qubits as two bit masks, phase ignored:
 * qubit j carries X^{x_j} Z^{z_j} (I, X, Z, or Y when both bits are set).
 */
struct PauliMask
{
    uint32_t x = 0; //!< bit j set: X component on qubit j
    uint32_t z = 0; //!< bit j set: Z component on qubit j

    /**
     * @param other another Pauli on the same qubits
     * @return true if the two operators commute (even symplectic product)
     */
    bool CommutesWith(const PauliMask& other) const;

    /** @return the number of qubits on which the operator is not the identity */
    uint32_t GetWeight() const;

    /**
     * @param n number of qubits
     * @return the operator as n letters from I, X, Y, Z, qubit 0 first
     */
    std::string ToString(uint32_t n) const;

    /**
     * @param other another Pauli
     * @return the product, phase ignored
     */
    PauliMask operator*(const PauliMask& other) const;

    /**
     * @param other another Pauli
     * @return true if equal up to phase
     */
    bool operator==(const PauliMask& other) const;
};

/**
 * @ingroup quantum
 * @brief Description of an [[n, 1]] stabilizer code: n - 1 independent,
 * commuting stabilizer generators and the logical operators X_L and Z_L, all
 * given as Pauli strings (D. Gottesman, "Stabilizer codes and quantum error
 * correction", PhD thesis, Caltech, 1997, ch. 3; Nielsen and Chuang,
 * "Quantum Computation and Quantum Information", 2000, section 10.5).
 *
 * The constructor checks everything the theory requires and aborts with a
 * message naming the code and the offending string otherwise: letters from
 * I, X, Y, Z only, every string n letters long (1 < n <= 20), exactly n - 1
 * generators, pairwise commuting, independent over GF(2), logical operators
 * commuting with every generator and anticommuting with each other.
 *
 * A code is CSS (Calderbank–Shor–Steane) when every generator is X-type or
 * Z-type and X_L is X-type and Z_L is Z-type; LogicalQubitMemory needs that
 * (transversal readout, separate X and Z decoding).  The class is a plain
 * value: no ns-3 time, no randomness.
 */
class StabilizerCode
{
  public:
    /**
     * @param name a name used in messages
     * @param stabilizers the n - 1 generators, e.g. {"ZZI", "IZZ"}
     * @param logicalX the logical X operator, e.g. "XXX"
     * @param logicalZ the logical Z operator, e.g. "ZII"
     */
    StabilizerCode(const std::string& name,
                   const std::vector<std::string>& stabilizers,
                   const std::string& logicalX,
                   const std::string& logicalZ);

    /**
     * The three-qubit bit-flip repetition code [[3,1,1]] (distance 3 against
     * X errors only): generators Z0Z1, Z1Z2, X_L = XXX, Z_L = ZII
     * (Nielsen and Chuang section 10.1.1).
     * @return the code
     */
    static StabilizerCode BitFlipRepetition3();

    /**
     * The Steane [[7,1,3]] code (A. M. Steane, Phys. Rev. Lett. 77, 793
     * (1996)): X- and Z-type generators from the parity-check matrix of the
     * [7,4,3] Hamming code (Nielsen and Chuang Fig. 10.6), X_L = X^7,
     * Z_L = Z^7.
     * @return the code
     */
    static StabilizerCode Steane7();

    /**
     * @param name "BitFlip3" or "Steane7" (aborts otherwise)
     * @return the built-in code
     */
    static StabilizerCode FromName(const std::string& name);

    /**
     * Parse a Pauli string (aborts on a letter other than I, X, Y, Z, on an
     * empty string or on more than 32 letters).
     * @param pauli the string, qubit 0 first
     * @param what context for the message
     * @return the operator
     */
    static PauliMask ParsePauli(const std::string& pauli, const std::string& what);

    /** @return the name */
    std::string GetName() const;
    /** @return the number n of physical qubits */
    uint32_t GetNumQubits() const;
    /** @return the number of generators, n - 1 */
    uint32_t GetNumStabilizers() const;
    /**
     * @param i generator index (< GetNumStabilizers())
     * @return the generator
     */
    const PauliMask& GetStabilizer(uint32_t i) const;
    /** @return X_L */
    const PauliMask& GetLogicalX() const;
    /** @return Z_L */
    const PauliMask& GetLogicalZ() const;
    /** @return true for a CSS code (see the class description) */
    bool IsCss() const;

    /**
     * @param error a Pauli error on the n qubits
     * @return its syndrome: bit i set when the error anticommutes with
     *         generator i
     */
    uint32_t GetSyndrome(const PauliMask& error) const;

    /**
     * @param p a Pauli on the n qubits
     * @return true if p is (up to phase) a product of generators
     */
    bool IsInStabilizerGroup(const PauliMask& p) const;

  private:
    /**
     * @param v a Pauli packed as x | z << 32
     * @return v reduced against the row-echelon generators (zero iff in the group)
     */
    uint64_t Reduce(uint64_t v) const;

    std::string m_name;                    //!< name
    uint32_t m_n;                          //!< physical qubits
    std::vector<PauliMask> m_stabilizers;  //!< generators
    PauliMask m_logicalX;                  //!< X_L
    PauliMask m_logicalZ;                  //!< Z_L
    std::vector<uint64_t> m_echelon;       //!< generators in row-echelon form, x | z << 32
    std::vector<uint32_t> m_echelonPivots; //!< pivot bit of each echelon row
};

} // namespace ns3

#endif /* STABILIZER_CODE_H */
