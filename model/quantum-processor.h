/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_PROCESSOR_H
#define QUANTUM_PROCESSOR_H

#include "deferred-uniform-random-variable.h"
#include "measurement-basis.h"
#include "quantum-gate.h"
#include "qubit-handle.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <list>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class QuantumMemory;

/**
 * @ingroup quantum
 * @brief Timed, noisy operations on the qubits of a QuantumMemory.
 *
 * Every instruction (a gate on one or more slots, or a measurement of one
 * slot) takes time: it starts, the memory's decay is brought up to date on
 * its slots (QuantumMemory::Access), and after its duration a scheduled event
 * completes it: the decay during the instruction is applied (Access again),
 * then the gate, then the gate noise (KrausChannel::Depolarizing(p, k) on the
 * k qubits of the gate), and finally the caller's callback runs.  A
 * measurement projects the qubit (it stays in its slot, in the eigenstate of
 * the true outcome) and reports the outcome flipped with probability
 * MeasurementError.
 *
 * In Serial mode one instruction executes at a time and later ones wait in a
 * FIFO queue.  In Parallel mode instructions on disjoint slots overlap; an
 * instruction that shares a slot with one executing or queued before it
 * waits (FIFO order is kept per slot).
 *
 * Durations and noise default to the attributes by kind (one-qubit gate,
 * two-qubit gate, measurement) and can be overridden per instruction name
 * with SetInstruction, as hardware presets do.  The slots an instruction
 * works on must stay occupied until it completes; releasing one (or letting
 * its cut-off expire) under an executing instruction is a protocol error and
 * aborts with a message naming the slot and the instruction.
 */
class QuantumProcessor : public Object
{
  public:
    /** How instructions share the processor. */
    enum ExecutionMode
    {
        SERIAL,   //!< one instruction at a time, FIFO queue
        PARALLEL, //!< instructions on disjoint slots overlap
    };

    /**
     * TracedCallback signature for instruction events.
     * @param name the instruction name (gate name, or "MEASURE")
     * @param duration its duration
     */
    typedef void (*InstructionTracedCallback)(std::string name, Time duration);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumProcessor();
    ~QuantumProcessor() override;

    /**
     * @param memory the memory whose slots the instructions use; when none is
     *        set, the QuantumMemory aggregated to the same object (node) is used
     */
    void SetMemory(Ptr<QuantumMemory> memory);

    /** @return the memory used (aborts if there is none) */
    Ptr<QuantumMemory> GetMemory() const;

    /**
     * Override the duration and noise of one instruction.
     * @param name a gate name as QuantumGate::GetName() gives it ("H", "CNOT",
     *        "CZ", ...), a rotation family ("Rx", "Ry", "Rz": matches any
     *        angle), or "MEASURE"
     * @param duration its duration (>= 0)
     * @param noise for gates the depolarizing probability applied after the
     *        gate, for "MEASURE" the outcome flip probability; in [0, 1]
     */
    void SetInstruction(const std::string& name, Time duration, double noise);

    /** Remove every SetInstruction override. */
    void ClearInstructions();

    /**
     * @param gate a gate
     * @return its duration (override or attribute default)
     */
    Time GetDuration(const QuantumGate& gate) const;

    /**
     * @param gate a gate
     * @return its depolarizing probability (override or attribute default)
     */
    double GetDepolarizing(const QuantumGate& gate) const;

    /** @return the measurement duration (override or attribute default) */
    Time GetMeasurementDuration() const;

    /** @return the measurement flip probability (override or attribute default) */
    double GetMeasurementError() const;

    /**
     * Execute a gate on memory slots.
     * @param gate the gate
     * @param slots as many distinct occupied slots as the gate acts on, in
     *        gate order (CNOT: control first)
     * @param done called when the gate has completed (may be null)
     */
    void Execute(const QuantumGate& gate, std::vector<uint32_t> slots, Callback<void> done);

    /**
     * Measure a slot (non-destructive: the qubit stays in the slot).
     * @param slot an occupied slot
     * @param basis the basis
     * @param done called with the reported outcome when the measurement has
     *        completed (may be null)
     */
    void Measure(uint32_t slot, const MeasurementBasis& basis, Callback<void, uint32_t> done);

    /** @return true while an instruction is executing */
    bool IsBusy() const;

    /** @return the number of instructions waiting to start */
    uint32_t GetQueueLength() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1: measurement errors)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** Duration and noise of one instruction. */
    struct InstructionSpec
    {
        Time duration; //!< duration
        double noise;  //!< depolarizing or flip probability
    };

    /** One instruction, queued or executing. */
    struct Instruction
    {
        uint64_t id;                                         //!< sequence number
        bool isMeasurement;                                  //!< measurement or gate
        QuantumGate gate = QuantumGate::Identity();          //!< the gate (gates)
        MeasurementBasis basis = MeasurementBasis::ZBasis(); //!< the basis (measurements)
        std::vector<uint32_t> slots;                         //!< the slots
        std::vector<QubitHandle> qubits;                     //!< qubits at start (for checks)
        Callback<void> gateDone;                             //!< gate callback
        Callback<void, uint32_t> measureDone;                //!< measurement callback
        std::string name;                                    //!< instruction name
        Time duration;                                       //!< duration
        double noise;                                        //!< noise probability
        EventId event;                                       //!< completion event
    };

    /**
     * @param name an instruction name
     * @param found set to true if an override exists
     * @return the override
     */
    InstructionSpec LookUp(const std::string& name, bool& found) const;

    /**
     * @param what the calling method
     * @param slots the slots to check (occupied and distinct)
     */
    void CheckSlots(const char* what, const std::vector<uint32_t>& slots) const;

    /**
     * @param ins an instruction
     * @return true if it can start now
     */
    bool CanStart(const Instruction& ins) const;

    /** Start every queued instruction that may start, in FIFO order. */
    void StartQueued();

    /**
     * @param ins the instruction to start
     */
    void Start(Instruction ins);

    /**
     * Completion event.
     * @param id the instruction's id
     */
    void Complete(uint64_t id);

    Ptr<QuantumMemory> m_memory;                        //!< memory (null: aggregated one)
    Time m_oneQubitDuration;                            //!< one-qubit gate duration
    Time m_twoQubitDuration;                            //!< two-qubit gate duration
    Time m_measurementDuration;                         //!< measurement duration
    double m_oneQubitDepolarizing;                      //!< one-qubit gate depolarizing probability
    double m_twoQubitDepolarizing;                      //!< two-qubit gate depolarizing probability
    double m_measurementError;                          //!< measurement flip probability
    ExecutionMode m_mode;                               //!< serial or parallel
    std::map<std::string, InstructionSpec> m_overrides; //!< per-instruction overrides
    /**
     * Waiting instructions, FIFO.  A std::list costs nothing while empty (an
     * empty libstdc++ std::deque allocates about 576 bytes), and erasing from
     * its middle (parallel mode) keeps the other iterators valid.
     */
    std::list<Instruction> m_queue;
    std::map<uint64_t, Instruction> m_running;          //!< executing instructions by id
    std::map<uint32_t, uint32_t> m_busySlots;           //!< slot -> executing instructions using it
    uint64_t m_nextId;                                  //!< next instruction id
    DeferredUniformRandomVariable m_rng;                //!< measurement errors
    TracedCallback<std::string, Time> m_startedTrace;   //!< InstructionStarted
    TracedCallback<std::string, Time> m_completedTrace; //!< InstructionCompleted
};

} // namespace ns3

#endif /* QUANTUM_PROCESSOR_H */
