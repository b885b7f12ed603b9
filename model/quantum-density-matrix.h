/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_DENSITY_MATRIX_H
#define QUANTUM_DENSITY_MATRIX_H

#include "quantum-state.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Mixed joint state as a dense 2^n x 2^n density matrix.
 *
 * Gates (rho -> U rho U^dagger), Kraus channels (rho -> sum K rho K^dagger),
 * projective measurement and partial trace are all exact.  Invariants (unit
 * trace, Hermiticity, and positivity for small states) are checked after every
 * operation in builds with NS3_ASSERT_ENABLE.
 */
class QuantumDensityMatrix : public QuantumState
{
  public:
    /** The largest number of qubits a density matrix may hold. */
    static constexpr uint32_t MAX_QUBITS = 13;

    /**
     * @param numQubits number of qubits, all in |0>
     */
    explicit QuantumDensityMatrix(uint32_t numQubits);

    /**
     * @param rho a 2^n x 2^n density matrix; aborts with the failing
     *        invariant unless it has unit trace, is Hermitian and positive
     *        semidefinite within 1e-9
     */
    explicit QuantumDensityMatrix(const QMatrix& rho);

    /**
     * @param psi a normalised pure state
     * @return the density matrix |psi><psi|
     */
    static Ptr<QuantumDensityMatrix> FromPure(const QVector& psi);

    /** @return the matrix */
    const QMatrix& GetMatrix() const;

    QuantumFormalism GetFormalism() const override;
    uint32_t GetNumQubits() const override;
    Ptr<QuantumState> Copy() const override;
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
    void RemoveQubit(uint32_t target, RandomVariableStream& rng) override;
    QMatrix GetDensityMatrix() const override;

  private:
    /**
     * rho -> M rho M^dagger (M need not be unitary).
     * @param m the matrix
     * @param targets local qubits
     * @param rho the matrix to transform in place
     */
    void Sandwich(const QMatrix& m, const std::vector<uint32_t>& targets, QMatrix& rho) const;

    /** Check the invariants in builds with asserts enabled. */
    void CheckInvariants() const;

    QMatrix m_rho; //!< the density matrix
    uint32_t m_n;  //!< number of qubits
};

} // namespace ns3

#endif /* QUANTUM_DENSITY_MATRIX_H */
