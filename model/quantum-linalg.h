/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_LINALG_H
#define QUANTUM_LINALG_H

#include <Eigen/Dense>
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * Complex amplitude.
 */
using QComplex = std::complex<double>;
/**
 * @ingroup quantum
 * Dense complex matrix (column-major, Eigen).
 */
using QMatrix = Eigen::MatrixXcd;
/**
 * @ingroup quantum
 * Dense complex vector (Eigen).
 */
using QVector = Eigen::VectorXcd;

/**
 * @ingroup quantum
 * @brief Dense linear-algebra kernels shared by the state-vector and
 * density-matrix formalisms.
 *
 * Qubit ordering: in a register of n qubits, qubit k (0-based) is bit
 * (n - 1 - k) of a basis-state index, so |q0 q1 ... q(n-1)> reads left to
 * right and the Kronecker product A (x) B puts A's qubits first.
 */
namespace quantumlinalg
{

/**
 * Apply a 2^k x 2^k matrix to the bits of a flat amplitude array.
 *
 * @param data the array of 2^nBits amplitudes (modified in place)
 * @param nBits the number of index bits of data
 * @param bitPositions the k bit positions the matrix acts on; bitPositions[0]
 *        is the most significant bit of the matrix index
 * @param m the matrix
 */
void ApplyMatrixToBits(QComplex* data,
                       uint32_t nBits,
                       const std::vector<uint32_t>& bitPositions,
                       const QMatrix& m);

/**
 * @param n number of qubits in the register
 * @param qubit the qubit index
 * @return the bit position of the qubit in a basis-state index
 */
uint32_t BitOf(uint32_t n, uint32_t qubit);

/**
 * Partial trace of a density matrix.
 *
 * @param rho density matrix of n qubits
 * @param n number of qubits
 * @param keep the qubits to keep, in the order they take in the result
 * @return the reduced density matrix of the kept qubits
 */
QMatrix PartialTrace(const QMatrix& rho, uint32_t n, const std::vector<uint32_t>& keep);

/**
 * Reduced density matrix of a subset of the qubits of a pure state.
 *
 * @param psi state vector of n qubits
 * @param n number of qubits
 * @param keep the qubits to keep, in the order they take in the result
 * @return the reduced density matrix
 */
QMatrix ReducedFromVector(const QVector& psi, uint32_t n, const std::vector<uint32_t>& keep);

/**
 * @param m a square matrix
 * @return the largest absolute entry of m^dagger m - I, as a measure of non-unitarity
 */
double UnitarityError(const QMatrix& m);

/**
 * Check the invariants of a density matrix.
 *
 * @param rho the matrix
 * @param tolerance allowed deviation
 * @param checkPositivity also compute the smallest eigenvalue (costly)
 * @return an empty string when rho has unit trace, is Hermitian and (when
 *         asked) positive semidefinite within the tolerance, else a sentence
 *         saying which invariant fails and by how much
 */
std::string CheckDensityMatrix(const QMatrix& rho, double tolerance, bool checkPositivity);

/**
 * @param a left operand
 * @param b right operand
 * @return the Kronecker product a (x) b
 */
QMatrix Kron(const QMatrix& a, const QMatrix& b);

/**
 * @param a left operand
 * @param b right operand
 * @return the Kronecker product a (x) b
 */
QVector KronVector(const QVector& a, const QVector& b);

} // namespace quantumlinalg
} // namespace ns3

#endif /* QUANTUM_LINALG_H */
