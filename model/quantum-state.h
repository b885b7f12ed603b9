/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_STATE_H
#define QUANTUM_STATE_H

#include "kraus-channel.h"
#include "measurement-basis.h"
#include "quantum-gate.h"
#include "quantum-linalg.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class RandomVariableStream;

/**
 * @ingroup quantum
 * @brief The representations a joint quantum state can take.
 */
enum class QuantumFormalism : uint8_t
{
    STATE_VECTOR,   //!< pure state, dense vector; noise by quantum trajectories (Monte Carlo)
    DENSITY_MATRIX, //!< mixed state, dense matrix; noise applied exactly
    BELL_DIAGONAL,  //!< two-qubit state diagonal in the Bell basis (4 probabilities)
    STABILIZER,     //!< Aaronson–Gottesman tableau; Clifford gates, sampled Pauli noise
};

/**
 * @ingroup quantum
 * @param f a formalism
 * @return its name ("StateVector", "DensityMatrix", "BellDiagonal", "Stabilizer")
 */
std::string QuantumFormalismName(QuantumFormalism f);

/**
 * @ingroup quantum
 * @param os output stream
 * @param f a formalism
 * @return the stream, with the formalism's name written
 */
std::ostream& operator<<(std::ostream& os, QuantumFormalism f);

/**
 * @ingroup quantum
 * @brief The narrow interface every formalism implements: one joint state of
 * n qubits, addressed by local indices 0 .. n-1.
 *
 * A QuantumState knows nothing of ns-3 nodes, time or handles; the
 * QuantumStateRegistry maps qubit handles onto (state, index) pairs, merges
 * states when an operation spans several, and converts between formalisms
 * where that is exact.  Randomness is injected: operations that sample draw
 * from the RandomVariableStream they are given (uniform on [0, 1)).
 *
 * Operations a formalism cannot perform are announced by the Supports*
 * methods; calling them anyway is an internal error (NS_ASSERT), since the
 * registry always asks first.
 */
class QuantumState : public SimpleRefCount<QuantumState>
{
  public:
    virtual ~QuantumState();

    /** @return the formalism of this state */
    virtual QuantumFormalism GetFormalism() const = 0;

    /** @return the number of qubits */
    virtual uint32_t GetNumQubits() const = 0;

    /** @return a deep copy */
    virtual Ptr<QuantumState> Copy() const = 0;

    /**
     * @param other a state of the same formalism
     * @return this (x) other: this state's qubits first, then other's
     */
    virtual Ptr<QuantumState> Tensor(const QuantumState& other) const = 0;

    /** @return true if Tensor() is available in this formalism */
    virtual bool SupportsTensor() const;

    /**
     * @param gate a gate
     * @param targets the local qubits it would act on
     * @return true if this formalism can apply the gate exactly
     */
    virtual bool SupportsGate(const QuantumGate& gate,
                              const std::vector<uint32_t>& targets) const = 0;

    /**
     * Apply a gate.
     * @param gate the gate
     * @param targets local qubit indices, as many as the gate has qubits
     */
    virtual void ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) = 0;

    /**
     * @param channel a channel
     * @param targets the local qubits it would act on
     * @return true if this formalism can apply the channel
     */
    virtual bool SupportsChannel(const KrausChannel& channel,
                                 const std::vector<uint32_t>& targets) const = 0;

    /**
     * Apply a channel: exactly (density matrix, Bell-diagonal) or as one
     * sample of an unravelling (state vector: quantum trajectory; stabilizer:
     * sampled Pauli), drawing from rng where needed.
     * @param channel the channel
     * @param targets local qubit indices
     * @param rng uniform random numbers
     */
    virtual void ApplyChannel(const KrausChannel& channel,
                              const std::vector<uint32_t>& targets,
                              RandomVariableStream& rng)
        = 0;

    /**
     * @param basis a basis
     * @return true if this formalism can measure a single qubit in that basis
     */
    virtual bool SupportsMeasurement(const MeasurementBasis& basis) const = 0;

    /**
     * Measure one qubit and collapse the state (the qubit stays in the
     * post-measurement eigenstate).
     * @param target local qubit index
     * @param basis the basis
     * @param rng uniform random numbers
     * @return the outcome, 0 or 1
     */
    virtual uint32_t Measure(uint32_t target,
                             const MeasurementBasis& basis,
                             RandomVariableStream& rng)
        = 0;

    /**
     * Born-rule probability of an outcome, without collapse.
     * @param target local qubit index
     * @param basis the basis
     * @param outcome 0 or 1
     * @return the probability
     */
    virtual double GetOutcomeProbability(uint32_t target,
                                         const MeasurementBasis& basis,
                                         uint32_t outcome) const = 0;

    /**
     * Post-select an outcome: project, renormalise, and return the
     * probability the outcome had.  Aborts if that probability is zero.
     * @param target local qubit index
     * @param basis the basis
     * @param outcome 0 or 1
     * @return the probability of the outcome before projection
     */
    virtual double Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome) = 0;

    /**
     * Remove a qubit from the state.  The density matrix traces it out
     * exactly; the state-vector and stabilizer formalisms keep a pure state by
     * measuring the qubit in Z and dropping it, which is an exact unravelling
     * of the partial trace (and exact outright when the qubit is in a product
     * state, as after a measurement).
     * @param target local qubit index
     * @param rng uniform random numbers
     */
    virtual void RemoveQubit(uint32_t target, RandomVariableStream& rng) = 0;

    /** @return true if RemoveQubit() is available in this formalism */
    virtual bool SupportsRemoval() const;

    /**
     * @return the full density matrix (aborts for states too large for a
     * dense matrix)
     */
    virtual QMatrix GetDensityMatrix() const = 0;

    /**
     * @param keep local qubits to keep, in the order they take in the result
     * @return the reduced density matrix
     */
    virtual QMatrix GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const;

    /**
     * @param reference a pure state of |targets| qubits
     * @param targets local qubits, in the order of the reference
     * @return <reference| rho_targets |reference>
     */
    virtual double GetFidelity(const QVector& reference,
                               const std::vector<uint32_t>& targets) const;
};

} // namespace ns3

#endif /* QUANTUM_STATE_H */
