/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_STATE_VECTOR_H
#define QUANTUM_STATE_VECTOR_H

#include "quantum-state.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Pure joint state as a dense vector of 2^n amplitudes.
 *
 * Gates are exact.  Noise channels are applied as quantum trajectories: the
 * Kraus operator K_i is drawn with probability ||K_i psi||^2 and the state
 * renormalised, so averages over runs equal the density-matrix result
 * (this is the module's Monte-Carlo formalism; use DensityMatrixState for
 * exact mixed states).
 */
class QuantumStateVector : public QuantumState
{
  public:
    /**
     * @param numQubits number of qubits, all in |0>
     */
    explicit QuantumStateVector(uint32_t numQubits);

    /**
     * @param amplitudes 2^n amplitudes; aborts unless the size is a power of
     *        two and the norm is 1 within 1e-9
     */
    explicit QuantumStateVector(const QVector& amplitudes);

    /** @return the amplitudes */
    const QVector& GetAmplitudes() const;

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
    QMatrix GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const override;

  private:
    /**
     * @param targets local qubits
     * @return their bit positions
     */
    std::vector<uint32_t> Bits(const std::vector<uint32_t>& targets) const;

    QVector m_psi; //!< amplitudes
    uint32_t m_n;  //!< number of qubits
};

} // namespace ns3

#endif /* QUANTUM_STATE_VECTOR_H */
