/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ENTANGLEMENT_SWAPPER_H
#define ENTANGLEMENT_SWAPPER_H

#include "bell-state.h"
#include "deferred-uniform-random-variable.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "qubit-handle.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Bell-state measurement of two stored qubits at one node: the local
 * step of entanglement swapping (and of teleportation).
 *
 * The measurement is the circuit CNOT(a, b), H(a), Z measurements of a and b
 * (outcomes s1, s2; Bell label x = s2, z = s1) on the node's
 * QuantumProcessor: it lasts the processor's two-qubit gate, one-qubit gate
 * and measurement durations (the two measurements in parallel), and both
 * qubits decay in memory until it completes.  The processor's noise enters
 * exactly: a two-qubit depolarizing channel of probability p2 after the CNOT
 * changes the Bell outcome by a uniformly random Pauli label with probability
 * 3 p2 / 4, which is a one-qubit depolarizing channel of probability p2 on
 * either measured qubit before the measurement; depolarizing of probability
 * p1 after the H flips s1 with probability p1 / 2 (a Z error before the
 * measurement); each reported outcome is flipped with the measurement error
 * e (a Z error for s1, an X error for s2).  These Pauli channels are applied
 * through the state registry, followed by QuantumStateRegistry::MeasureBell,
 * which for two halves of Bell-diagonal pairs is the exact swap algebra.
 *
 * With SuccessProbability < 1 the measurement is a linear-optics Bell-state
 * measurement that succeeds with that probability; on failure both qubits
 * are lost (destroying the pairs they belonged to).
 */
class EntanglementSwapper : public Object
{
  public:
    /** Completion callback: success, Bell label (valid on success). */
    typedef Callback<void, bool, BellState> DoneCallback;

    /**
     * TracedCallback signature for completed Bell measurements.
     * @param success whether the measurement succeeded
     * @param outcome the Bell label (PHI_PLUS on failure)
     */
    typedef void (*SwapTracedCallback)(bool success, BellState outcome);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EntanglementSwapper();
    ~EntanglementSwapper() override;

    /**
     * @param memory the memory holding the qubits
     * @param processor the processor whose durations and noise apply (may be
     *        null: ideal and instantaneous)
     */
    void SetDevices(Ptr<QuantumMemory> memory, Ptr<QuantumProcessor> processor);

    /**
     * Measure two occupied slots in the Bell basis.  Both slots are freed
     * when the measurement completes, after which done is called.
     * @param slotA first slot
     * @param slotB second slot
     * @param done completion callback
     */
    void MeasureBell(uint32_t slotA, uint32_t slotB, DoneCallback done);

    /** @return the duration of one Bell-state measurement */
    Time GetDuration() const;

    /** @return the success probability */
    double GetSuccessProbability() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * Completion of a measurement.
     * @param slotA first slot
     * @param slotB second slot
     * @param qa the qubit in slotA at the start
     * @param qb the qubit in slotB at the start
     * @param done the callback
     */
    void Complete(uint32_t slotA,
                  uint32_t slotB,
                  QubitHandle qa,
                  QubitHandle qb,
                  DoneCallback done);

    Ptr<QuantumMemory> m_memory;                 //!< memory
    Ptr<QuantumProcessor> m_processor;           //!< processor (may be null)
    double m_successProbability;                 //!< linear-optics success probability
    DeferredUniformRandomVariable m_rng;         //!< success draws
    TracedCallback<bool, BellState> m_swapTrace; //!< BellMeasurement
};

} // namespace ns3

#endif /* ENTANGLEMENT_SWAPPER_H */
