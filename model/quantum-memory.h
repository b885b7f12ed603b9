/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_MEMORY_H
#define QUANTUM_MEMORY_H

#include "deferred-uniform-random-variable.h"
#include "measurement-basis.h"
#include "quantum-linalg.h"
#include "quantum-signal.h"
#include "qubit-handle.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <unordered_map>
#include <vector>

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief A node's quantum memory: a set of slots that each hold one qubit
 * of the QuantumStateRegistry, with T1/T2 decoherence, imperfect
 * initialisation and readout, an optional storage cut-off, and photon
 * emission and retrieval.
 *
 * Decoherence is applied lazily and exactly.  Each slot remembers the time of
 * its last access; every access (Access, Read, Retrieve, a QuantumProcessor
 * instruction) first applies KrausChannel::MemoryDecay(now - last, T1, T2) to
 * the stored qubit through the registry.  Because these channels compose (two
 * decays of dt1 and dt2 equal one of dt1 + dt2), the result is the same as
 * continuous decay, and
 * an idle memory schedules no events: the cost of an access does not depend
 * on how long the qubit was idle.
 *
 * Slot numbers are what protocols use.  The qubit handle is given out by
 * Access (for processors and analysis code) after the decay has been brought
 * up to date; a protocol that keeps a handle across simulated time and uses
 * it directly with the registry bypasses the decay and is wrong.
 *
 * Ground truth (the fidelity of a stored qubit with a reference state) is
 * only available through the Read trace source, after analysis code has
 * registered a reference with SetReference.
 */
class QuantumMemory : public Object
{
  public:
    /**
     * TracedCallback signature for slot events (Stored, Expired, Released).
     * @param slot the slot
     */
    typedef void (*SlotTracedCallback)(uint32_t slot);

    /**
     * TracedCallback signature for readouts.
     * @param slot the slot that was read
     * @param outcome the reported outcome (after readout errors)
     * @param fidelity ground-truth fidelity with the reference set by
     *        SetReference just before the readout, or NaN without a reference
     */
    typedef void (*ReadTracedCallback)(uint32_t slot, uint32_t outcome, double fidelity);

    /**
     * TracedCallback signature for photons leaving the memory (emission or
     * retrieval).
     * @param slot the slot
     * @param lost true if the photon was lost (its qubit erased)
     */
    typedef void (*PhotonTracedCallback)(uint32_t slot, bool lost);

    /** Callback invoked when a slot's storage cut-off expires; gets the slot. */
    using ExpiryCallback = Callback<void, uint32_t>;

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumMemory();
    ~QuantumMemory() override;

    /**
     * Store a qubit in the lowest free slot.  The memory takes ownership of
     * the qubit: it is discarded when the slot is released or expires.
     * @param qubit a live qubit of the memory's registry
     * @return the slot, or -1 if the memory is full (the qubit is then not
     *         stored and stays the caller's)
     */
    int32_t Store(QubitHandle qubit);

    /**
     * Take the lowest free slot and initialise a fresh qubit in it
     * (InitializationFidelity |0><0| + (1 - F) |1><1|).
     * @return the slot, or -1 if the memory is full
     */
    int32_t Allocate();

    /**
     * (Re)initialise a slot: a qubit it holds is discarded and replaced by a
     * fresh one (as in Allocate); a free slot becomes occupied.  The storage
     * clock and the cut-off restart.
     * @param slot the slot (< NumSlots)
     */
    void Initialize(uint32_t slot);

    /**
     * Bring the decay of a stored qubit up to now and return its handle, for
     * a QuantumProcessor or for analysis code.
     * @param slot an occupied slot
     * @return the qubit handle
     */
    QubitHandle Access(uint32_t slot);

    /**
     * The handle of a stored qubit without bringing its decay up to now: it
     * identifies the qubit (for example, to find which slot holds the partner
     * of a pair); call Access before using the qubit's state.
     * @param slot an occupied slot
     * @return the qubit handle
     */
    QubitHandle GetStoredQubit(uint32_t slot) const;

    /**
     * Destructive readout: decay up to now, projective measurement in the
     * basis, then the readout error (outcome 0 is reported as 1 with
     * probability ReadoutError0, outcome 1 as 0 with ReadoutError1).  The
     * qubit is consumed and the slot freed.
     * @param slot an occupied slot
     * @param basis the measurement basis
     * @return the reported outcome
     */
    uint32_t Read(uint32_t slot, const MeasurementBasis& basis = MeasurementBasis::ZBasis());

    /**
     * Discard the stored qubit (partial trace) and free the slot; cancels its
     * cut-off event.  If the qubit was already consumed by a registry
     * operation (QuantumStateRegistry::MeasureBell or Purify free the qubits
     * they measure), the slot is only freed.  No decay is applied first: a channel on a qubit that
     * is then traced out does not change the other qubits, so this is exact.
     * @param slot an occupied slot
     */
    void Release(uint32_t slot);

    /**
     * Spin-photon entanglement: the slot's qubit is (re)initialised and a
     * photon qubit is created so that the pair is |Phi+> =
     * (|0>|0> + |1>|1>)/sqrt(2).  An initialisation error becomes a phase
     * error of the pair (F |Phi+><Phi+| + (1 - F) |Phi-><Phi-|, as H and CNOT
     * would map a |1> admixture).  With probability 1 - EmissionEfficiency
     * the photon is lost: its qubit is erased but the signal is still
     * returned, so that the caller or the channel sees the loss (a detector
     * registers no click); the memory qubit then holds the maximally mixed
     * marginal.
     * @param slot the slot (< NumSlots), free or occupied
     * @param port the destination quantum port set on the signal
     * @return a QUBIT signal carrying the photon qubit
     */
    Ptr<QuantumSignal> EmitEntangledPhoton(uint32_t slot, uint16_t port);

    /**
     * Retrieval of a stored photonic qubit (absorptive memories: atomic
     * frequency combs, atomic ensembles): the qubit leaves the memory as a
     * photon and the slot is freed.  The photon survives with probability
     * RetrievalEfficiency * exp(-(t / EfficiencyDecayTime)^2), t the storage
     * time, and is otherwise erased (the signal is still returned).
     * @param slot an occupied slot
     * @param port the destination quantum port set on the signal
     * @return a QUBIT signal carrying the stored qubit
     */
    Ptr<QuantumSignal> Retrieve(uint32_t slot, uint16_t port);

    /**
     * @param storageTime the storage time
     * @return the retrieval efficiency after that storage time:
     *         RetrievalEfficiency * exp(-(t / EfficiencyDecayTime)^2)
     */
    double GetRetrievalEfficiency(Time storageTime) const;

    /**
     * Register the callback called (after the Expired trace) when the
     * cut-off of this slot's qubit expires.  Cleared when the slot is freed.
     * @param slot an occupied slot
     * @param cb the callback
     */
    void SetExpiryCallback(uint32_t slot, ExpiryCallback cb);

    /**
     * @return the storage cut-off (attribute CutoffTime; 0: none, then no
     * qubit expires and expiry callbacks are never called)
     */
    Time GetCutoffTime() const;

    /**
     * Analysis only: register a pure reference state for the ground-truth
     * fidelity reported by the Read trace.  The reference is over the slot's
     * qubit followed by the partner qubits (e.g. the other half of a Bell
     * pair).  Partners are taken as the registry holds them: bring partners
     * stored in other memories up to date with their memory's Access before
     * the read.  Cleared when the slot is freed.
     * @param slot an occupied slot
     * @param reference a normalised state of 1 + partners.size() qubits
     * @param partners other qubits included in the fidelity
     */
    void SetReference(uint32_t slot,
                      const QVector& reference,
                      const std::vector<QubitHandle>& partners = {});

    /**
     * @param slot a slot (< NumSlots)
     * @return true if the slot holds a qubit
     */
    bool IsOccupied(uint32_t slot) const;

    /** @return the number of free slots */
    uint32_t GetNumFree() const;

    /** @return the number of slots */
    uint32_t GetNumSlots() const;

    /**
     * @param slot an occupied slot
     * @return the time since the qubit was stored (or initialised)
     */
    Time GetStorageTime(uint32_t slot) const;

    /** @return the state registry used (the "Registry" attribute or the default) */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /** @return T1 (0 = infinite) */
    Time GetT1() const;
    /**
     * @return the effective T2: the attribute, or 2 T1 when the attribute is
     *         0 and T1 is finite (no pure dephasing); 0 = infinite
     */
    Time GetT2() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (2: readout errors, photon loss)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * One memory slot.  Whether it holds a qubit is kept in m_freeBits.  The
     * time stamps are Time::GetTimeStep() values rather than Time members: in
     * ns-3 every Time object constructed before Simulator::Run costs a node in
     * the set of marked times.
     */
    struct Slot
    {
        QubitHandle qubit;       //!< the stored qubit
        int64_t lastAccess = 0;  //!< when the decay was last brought up to date (time steps)
        int64_t storedAt = 0;    //!< when the qubit was stored (time steps)
        EventId expiry;          //!< the cut-off event
        ExpiryCallback onExpiry; //!< the owner's expiry callback
    };

    /** Ground-truth reference of a slot (analysis only). */
    struct Reference
    {
        QVector state;                     //!< reference state
        std::vector<QubitHandle> partners; //!< qubits after the slot's one
    };

    /**
     * Attribute setter: resizes the slot table.
     * @param n number of slots
     */
    void SetNumSlots(uint32_t n);

    /**
     * @param what the calling method, for messages
     * @param slot a slot
     * @param mustBeOccupied abort unless the slot holds a qubit
     */
    void CheckSlot(const char* what, uint32_t slot, bool mustBeOccupied) const;

    /** Abort with a message naming the attributes if T2 > 2 T1. */
    void CheckCoherenceTimes() const;

    /**
     * Apply the decay since the last access of a slot.
     * @param slot an occupied slot
     */
    void BringUpToDate(uint32_t slot);

    /**
     * Mark a slot occupied by a qubit, start its storage clock and cut-off.
     * @param slot a free slot
     * @param qubit the qubit
     */
    void Occupy(uint32_t slot, QubitHandle qubit);

    /**
     * Free a slot (the qubit must already be consumed or discarded).
     * @param slot an occupied slot
     */
    void Vacate(uint32_t slot);

    /**
     * Discard the slot's qubit from the registry unless a registry operation
     * already consumed it.
     * @param slot an occupied slot
     */
    void DiscardStored(uint32_t slot);

    /** @return a fresh qubit in the initial state */
    QubitHandle MakeInitialisedQubit();

    /**
     * Cut-off event.
     * @param slot the slot
     */
    void Expire(uint32_t slot);

    /**
     * @param slot a slot
     * @param photon the photon qubit
     * @param port the port
     * @param survival probability that the photon is not lost
     * @return the signal
     */
    Ptr<QuantumSignal> MakePhoton(uint32_t slot,
                                  QubitHandle photon,
                                  uint16_t port,
                                  double survival);

    /** @return the lowest free slot, or -1 */
    int32_t FindFree() const;
    /**
     * @param slot a slot (< NumSlots)
     * @return true if the slot holds a qubit (its bit in m_freeBits is clear)
     */
    bool IsSlotOccupied(uint32_t slot) const;
    /** @return the number of words of the free-slot bit set, ceil(NumSlots / 64) */
    size_t GetNumFreeWords() const;
    /**
     * @param slot a slot
     * @param isFree its new free state
     */
    void MarkFree(uint32_t slot, bool isFree);

    std::vector<Slot> m_slots; //!< the slots
    /**
     * Bit set of free slots (the first GetNumFreeWords() words), followed by
     * the summary bit set of its non-zero words.
     */
    std::vector<uint64_t> m_freeBits;
    uint32_t m_numFree;                                   //!< number of free slots
    std::unordered_map<uint32_t, Reference> m_references; //!< analysis references by slot
    Ptr<QuantumStateRegistry> m_registry;                 //!< the state engine (null: default)
    Time m_t1;                                            //!< T1 (0 = infinite)
    Time m_t2;                                            //!< T2 (0 = infinite)
    double m_initFidelity;                                //!< initialisation fidelity
    double m_readoutError0;                               //!< P(read 1 | 0)
    double m_readoutError1;                               //!< P(read 0 | 1)
    Time m_cutoff;                                        //!< storage cut-off (0 = none)
    double m_emissionEfficiency;                          //!< emission-and-collection efficiency
    double m_retrievalEfficiency;                         //!< retrieval efficiency at t = 0
    Time m_efficiencyDecayTime;                           //!< retrieval efficiency decay (0 = none)
    double m_wavelengthNm;                                //!< wavelength of emitted photons
    DeferredUniformRandomVariable m_readoutRng;           //!< readout errors
    DeferredUniformRandomVariable m_lossRng;              //!< photon loss
    TracedCallback<uint32_t> m_storedTrace;               //!< Stored
    TracedCallback<uint32_t, uint32_t, double> m_readTrace; //!< Read
    TracedCallback<uint32_t> m_expiredTrace;                //!< Expired
    TracedCallback<uint32_t> m_releasedTrace;               //!< Released
    TracedCallback<uint32_t, bool> m_photonTrace;           //!< PhotonEmitted
};

} // namespace ns3

#endif /* QUANTUM_MEMORY_H */
