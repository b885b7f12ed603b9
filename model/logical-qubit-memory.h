/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOGICAL_QUBIT_MEMORY_H
#define LOGICAL_QUBIT_MEMORY_H

#include "measurement-basis.h"
#include "qubit-handle.h"
#include "stabilizer-code-circuit.h"
#include "stabilizer-code.h"
#include "syndrome-lookup-decoder.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class QuantumProcessor;
class QuantumMemory;
class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief One logical qubit of a CSS stabilizer code held in the slots of a
 * node's QuantumMemory and protected by rounds of syndrome extraction run
 * through the node's QuantumProcessor.
 *
 * Encode() takes 2n - 1 free slots of the processor's memory (n data qubits
 * and one ancilla per generator), prepares the input qubit in |0>, |1>, |+>
 * or |->, and runs the encoder of StabilizerCodeCircuit as processor
 * instructions, so each gate takes its duration and adds its depolarizing
 * noise, and fresh qubits carry the memory's InitializationFidelity as a
 * bit flip.  RunRounds() runs syndrome extraction rounds: before each round
 * the memory idles for RoundInterval; the ancillas are re-prepared, every
 * generator is copied onto its ancilla and the ancillas are measured (with
 * the processor's MeasurementError); SyndromeLookupDecoder turns the
 * syndrome into a minimum-weight correction, which is applied as an
 * instantaneous, noiseless Pauli operation: the same as keeping a Pauli
 * frame in software, as experiments do.  ReadOut() measures every data
 * qubit transversally in Z (or X), decodes the measured bits classically with
 * the Z-type (X-type) generators and reports the parity of Z_L (X_L).
 * Unencode() runs the encoder backwards, leaving the logical state on one
 * slot (GetLogicalSlot()).
 *
 * Memory noise.  The qubits live in a stabilizer tableau (Aaronson and
 * Gottesman 2004), which holds Clifford circuits and Pauli noise exactly, but
 * not amplitude damping.  T1/T2 decay of the data qubits is therefore
 * replaced by its Pauli twirl (the Pauli-twirling approximation: the
 * Pauli channel with the same diagonal Pauli transfer matrix, J. Ghosh,
 * A. G. Fowler, M. R. Geller, Phys. Rev. A 86, 062318 (2012)): for an idle
 * time t, p_X = p_Y = (1 - e^{-t/T1}) / 4 and
 * p_Z = (1 + e^{-t/T1} - 2 e^{-t/T2}) / 4, applied lazily for the time
 * elapsed since the last application at every round, unencoding and
 * readout.  The twirl keeps the decay of the Pauli expectation values
 * (e^{-t/T2} for X and Y, e^{-t/T1} for Z) but drops the drift towards |0>.
 * The attached QuantumMemory must have T1 = T2 = 0 (no decay of its own),
 * since the tableau cannot take its amplitude-damping channel.  Ancillas
 * live only during one round and are not given idle noise.
 */
class LogicalQubitMemory : public Object
{
  public:
    /** The logical states Encode() prepares. */
    enum LogicalState
    {
        ZERO,  //!< |0_L>
        ONE,   //!< |1_L>
        PLUS,  //!< |+_L>
        MINUS, //!< |-_L>
    };

    /**
     * TracedCallback signature for syndrome rounds.
     * @param round the round number, from 0 after each Encode()
     * @param syndrome bit i = measured outcome of generator i
     * @param correction the applied Pauli correction, n letters
     */
    typedef void (*SyndromeTracedCallback)(uint32_t round,
                                           uint32_t syndrome,
                                           std::string correction);

    /**
     * TracedCallback signature for logical readouts.
     * @param basis "Z" or "X"
     * @param outcome the decoded logical outcome
     */
    typedef void (*ReadoutTracedCallback)(std::string basis, uint32_t outcome);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LogicalQubitMemory();
    ~LogicalQubitMemory() override;

    /**
     * Use a code (must be CSS; not while a logical qubit is encoded).
     * @param code the code
     */
    void SetCode(const StabilizerCode& code);
    /** @return the code */
    const StabilizerCode& GetCode() const;

    /** @param processor the processor whose memory holds the qubits */
    void SetProcessor(Ptr<QuantumProcessor> processor);

    /** @return the number of memory slots Encode() needs: n data + (n - 1) ancillas */
    uint32_t GetRequiredSlots() const;

    /**
     * Encode a logical state.  Aborts if a logical qubit is already encoded,
     * if no processor is set, if the memory has T1 or T2 set, or if fewer
     * than GetRequiredSlots() slots are free.
     * @param state the logical state
     * @param done called when the encoder has completed (may be null)
     */
    void Encode(LogicalState state, Callback<void> done);

    /**
     * Run syndrome extraction rounds, each after an idle RoundInterval.
     * @param rounds number of rounds (>= 1)
     * @param done called after the last correction (may be null)
     */
    void RunRounds(uint32_t rounds, Callback<void> done);

    /**
     * Destructive transversal readout of the logical qubit; frees the slots.
     * @param basis Z or X
     * @param done called with the decoded logical outcome (may be null)
     */
    void ReadOut(const MeasurementBasis& basis, Callback<void, uint32_t> done);

    /**
     * Run the encoder backwards: the logical state moves onto the slot
     * GetLogicalSlot() and the other data qubits return to |0> (without noise).
     * @param done called when done (may be null)
     */
    void Unencode(Callback<void> done);

    /** @return the data slot that carries the state before encoding and after Unencode() */
    uint32_t GetLogicalSlot() const;

    /** Free every slot this object holds (after Unencode(), or to abandon the qubit). */
    void Release();

    /** @return true between Encode() and ReadOut() or Unencode() */
    bool IsEncoded() const;

    /**
     * Analysis and tests only (fault injection): apply a Pauli operator to
     * the data qubits now, without time or noise.
     * @param pauli n letters from I, X, Y, Z
     */
    void InjectError(const std::string& pauli);

    /**
     * Analysis and tests only (code-capacity noise): apply to every data
     * qubit, now, one sample of the Pauli channel with probabilities
     * (1 - pX - pY - pZ, pX, pY, pZ), drawn from the registry's stream.
     * @param pX X probability
     * @param pY Y probability
     * @param pZ Z probability
     */
    void ApplyDataNoise(double pX, double pY, double pZ);

    /**
     * Ground truth, for analysis only.
     * @return the data qubits' handles, decay brought up to date
     */
    std::vector<QubitHandle> GetDataQubits();

    /**
     * @param dtSeconds an idle time in seconds
     * @param t1Seconds T1 in seconds (infinity: none)
     * @param t2Seconds T2 in seconds (infinity: none), <= 2 T1
     * @return the Pauli-twirled T1/T2 probabilities (p_I, p_X, p_Y, p_Z)
     */
    static std::vector<double> TwirledDecay(double dtSeconds, double t1Seconds, double t2Seconds);

  protected:
    void DoDispose() override;

  private:
    /**
     * Attribute setter.
     * @param name a built-in code name
     */
    void SetCodeName(std::string name);
    /**
     * Attribute getter.
     * @return the code name
     */
    std::string GetCodeName() const;

    /** @return the memory (aborts without processor) */
    Ptr<QuantumMemory> GetMemory() const;
    /**
     * @param what the calling method
     */
    void CheckEncoded(const char* what) const;
    /** @return a fresh stabilizer qubit with the memory's initialisation error */
    QubitHandle FreshQubit();
    /** Apply the twirled idle decay for the time since the last application. */
    void ApplyIdleNoise();
    /**
     * Issue circuit steps as processor instructions.
     * @param steps the gates on local indices (data 0..n-1, ancilla n + i)
     * @param done attached to the last instruction (scheduled now if empty)
     */
    void RunSteps(const std::vector<CircuitStep>& steps, Callback<void> done);
    /**
     * @param local a local index
     * @return its memory slot
     */
    uint32_t SlotOf(uint32_t local) const;
    /**
     * Encoding finished.
     * @param done the caller's callback
     */
    void EncodeDone(Callback<void> done);
    /** Start one round (after the idle interval). */
    void DoRound();
    /**
     * One ancilla outcome arrived.
     * @param generator the generator index
     * @param outcome the reported outcome
     */
    void SyndromeBit(uint32_t generator, uint32_t outcome);
    /**
     * One data outcome of a readout arrived.
     * @param qubit the data qubit
     * @param outcome the reported outcome
     */
    void ReadoutBit(uint32_t qubit, uint32_t outcome);

    std::unique_ptr<StabilizerCode> m_code;           //!< the code
    std::unique_ptr<StabilizerCodeCircuit> m_circuit; //!< its circuits
    std::unique_ptr<SyndromeLookupDecoder> m_decoder; //!< its decoder
    Ptr<QuantumProcessor> m_processor;                //!< the processor
    Time m_roundInterval;                             //!< idle time before each round
    Time m_t1;                                        //!< physical T1 (0 = infinite)
    Time m_t2;                                        //!< physical T2 (0 = none beyond T1)
    std::vector<uint32_t> m_dataSlots;                //!< data qubit slots
    std::vector<uint32_t> m_ancillaSlots;             //!< ancilla slots
    bool m_encoded;                                   //!< a logical qubit is held
    Time m_lastIdle;                                  //!< last idle-noise update
    uint32_t m_round;                                 //!< rounds since Encode()
    uint32_t m_roundsLeft;                            //!< rounds still to run
    uint32_t m_syndrome;                              //!< syndrome being collected
    uint32_t m_bitsPending;                           //!< outcomes still expected
    Callback<void> m_roundsDone;                      //!< RunRounds callback
    bool m_readoutX;                                  //!< readout basis is X
    uint32_t m_readoutBits;                           //!< data outcomes collected
    Callback<void, uint32_t> m_readoutDone;           //!< ReadOut callback
    EventId m_roundEvent;                             //!< next round
    TracedCallback<uint32_t, uint32_t, std::string> m_syndromeTrace; //!< SyndromeMeasured
    TracedCallback<std::string, uint32_t> m_readoutTrace;            //!< LogicalReadout
};

} // namespace ns3

#endif /* LOGICAL_QUBIT_MEMORY_H */
