/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BELL_DIAGONAL_STATE_H
#define BELL_DIAGONAL_STATE_H

#include "bell-state.h"
#include "quantum-state.h"

#include <array>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A two-qubit state diagonal in the Bell basis:
 * rho = sum_m p_m |B_m><B_m|, with p indexed by BellState label.
 *
 * Exact under Pauli gates and Pauli channels on either qubit (they permute
 * or mix the labels), under a Bell measurement of one qubit of each of two
 * pairs (entanglement swapping), and under the bilateral-CNOT step of the
 * BBPSSW and DEJMPS purification protocols.  It is the fast path for link
 * layers and repeater chains: four doubles per pair.  Anything else (a
 * non-Pauli channel such as amplitude damping, a single-qubit measurement,
 * a Hadamard) is done by converting to the density matrix, which is exact.
 *
 * References: C. H. Bennett, D. P. DiVincenzo, J. A. Smolin and
 * W. K. Wootters, Phys. Rev. A 54, 3824 (1996) (Bell-diagonal algebra,
 * bilateral CNOT); D. Deutsch et al., Phys. Rev. Lett. 77, 2818 (1996) (DEJMPS).
 */
class BellDiagonalState : public QuantumState
{
  public:
    /** Coefficients indexed by BellState label. */
    using Coefficients = std::array<double, 4>;

    /**
     * @param coefficients p_m in [0, 1], summing to 1 within 1e-9 (aborts otherwise)
     */
    explicit BellDiagonalState(const Coefficients& coefficients);

    /**
     * @param fidelity the weight of |Phi+>, in [0, 1]
     * @return the Werner state F |Phi+><Phi+| + (1 - F)/3 (other Bell states)
     */
    static Ptr<BellDiagonalState> Werner(double fidelity);

    /** @return the coefficients */
    const Coefficients& GetCoefficients() const;

    /**
     * @param coefficients new p_m in [0, 1], summing to 1 within 1e-9 (aborts otherwise)
     */
    void SetCoefficients(const Coefficients& coefficients);

    /**
     * Bell-state coefficients after entanglement swapping.  Pair (a, b) has
     * coefficients p, pair (c, d) has q; a Bell measurement of (b, c) with
     * outcome m leaves (a, d) with r_L = sum_{i xor j = L xor m} p_i q_j.
     * Every outcome has probability 1/4 for Bell-diagonal inputs.
     * @param p first pair
     * @param q second pair
     * @param outcome the Bell-measurement outcome
     * @return the coefficients of the remaining pair
     */
    static Coefficients Swap(const Coefficients& p, const Coefficients& q, BellState outcome);

    /**
     * The local rotation of DEJMPS (Rx(pi/2) on one side, Rx(-pi/2) on the
     * other): exchanges the weights of |Phi-> and |Psi->.
     * @param p coefficients
     * @return the rotated coefficients
     */
    static Coefficients DejmpsRotation(const Coefficients& p);

    /**
     * Bilateral CNOT from pair `keep` (controls) to pair `sacrifice` (targets),
     * then Z measurement of both qubits of the sacrificed pair.
     * @param keep coefficients of the kept pair
     * @param sacrifice coefficients of the sacrificed pair
     * @param parity the parity of the two outcomes (0: equal, the success case)
     * @param probability [out] the probability of that parity
     * @return the coefficients of the kept pair given that parity
     */
    static Coefficients BilateralCnotMeasure(const Coefficients& keep,
                                             const Coefficients& sacrifice,
                                             uint32_t parity,
                                             double& probability);

    /**
     * @param p coefficients
     * @param pauliProbabilities a single-qubit Pauli channel (I, X, Y, Z)
     * @return the coefficients after the channel on either qubit
     */
    static Coefficients ApplyPauliChannel(const Coefficients& p,
                                          const std::vector<double>& pauliProbabilities);

    QuantumFormalism GetFormalism() const override;
    uint32_t GetNumQubits() const override;
    Ptr<QuantumState> Copy() const override;
    bool SupportsTensor() const override;
    Ptr<QuantumState> Tensor(const QuantumState& other) const override;
    bool SupportsGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) const override;
    void ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) override;
    bool SupportsChannel(const KrausChannel& channel,
                         const std::vector<uint32_t>& targets) const override;
    void ApplyChannel(const KrausChannel& channel,
                      const std::vector<uint32_t>& targets,
                      RandomVariableStream& rng) override;
    bool SupportsMeasurement(const MeasurementBasis& basis) const override;
    uint32_t Measure(uint32_t target,
                     const MeasurementBasis& basis,
                     RandomVariableStream& rng) override;
    double GetOutcomeProbability(uint32_t target,
                                 const MeasurementBasis& basis,
                                 uint32_t outcome) const override;
    double Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome) override;
    bool SupportsRemoval() const override;
    void RemoveQubit(uint32_t target, RandomVariableStream& rng) override;
    QMatrix GetDensityMatrix() const override;
    double GetFidelity(const QVector& reference,
                       const std::vector<uint32_t>& targets) const override;

    /**
     * Sample a Bell label from the coefficients (a Bell measurement of the pair
     * itself).
     * @param rng uniform random numbers
     * @return the label
     */
    BellState SampleBellMeasurement(RandomVariableStream& rng) const;

    /**
     * @param rho a two-qubit density matrix
     * @param tolerance the largest allowed off-diagonal Bell-basis element
     * @param coefficients [out] the Bell-basis diagonal
     * @return true if rho is Bell-diagonal within the tolerance
     */
    static bool FromDensityMatrix(const QMatrix& rho, double tolerance, Coefficients& coefficients);

  private:
    Coefficients m_p; //!< coefficients by Bell label
};

} // namespace ns3

#endif /* BELL_DIAGONAL_STATE_H */
