/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_STATE_REGISTRY_H
#define QUANTUM_STATE_REGISTRY_H

#include "bell-diagonal-state.h"
#include "bell-state.h"
#include "kraus-channel.h"
#include "measurement-basis.h"
#include "quantum-gate.h"
#include "quantum-state.h"
#include "qubit-handle.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The purification protocols the state engine runs as one step.
 */
enum class PurificationVariant : uint8_t
{
    BBPSSW, //!< bilateral CNOT and Z measurement (Bennett et al. 1996); twirling is the protocol's
    DEJMPS, //!< Rx(pi/2) / Rx(-pi/2) rotations, then as BBPSSW (Deutsch et al. 1996)
};

/**
 * @ingroup quantum
 * @brief The local measurement outcomes of one purification step.
 */
struct PurificationOutcome
{
    uint32_t outcomeA; //!< Z outcome of the sacrificed qubit at side A
    uint32_t outcomeB; //!< Z outcome of the sacrificed qubit at side B
};

/**
 * @ingroup quantum
 * @brief Owns every joint quantum state of a simulation and maps qubit
 * handles onto them.
 *
 * Qubits start in groups of their own; an operation spanning several groups
 * merges them (tensor product), and measurement, discarding and erasure
 * split qubits off again, so joint states stay as small as the physics
 * allows and a long simulation does not grow.  Slots and groups are reused
 * through free lists: a million create/measure cycles run in constant memory.
 *
 * Each group has one formalism (QuantumFormalism).  When an operation needs
 * a formalism change that is exact, the registry does it (Bell-diagonal ->
 * density matrix for a non-Pauli channel, state vector -> density matrix when
 * joined with a mixed state, stabilizer -> state vector for small groups);
 * when it is not exact (a non-Clifford gate on a stabilizer state, say), it
 * stops with an error naming the operation and the formalism.
 *
 * The registry knows nothing of nodes or time: durations are passed in and
 * randomness comes from its own RandomVariableStream (AssignStreams).
 * Protocols must not read states through the ground-truth accessors
 * (GetDensityMatrix, GetFidelity, GetFormalism); those exist for analysis,
 * tests and trace sources.
 */
class QuantumStateRegistry : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumStateRegistry();
    ~QuantumStateRegistry() override;

    /**
     * The simulation's default registry: created on first use and released
     * by Simulator::Destroy, so each simulation run gets a fresh one.
     * Components use it unless their "Registry" attribute names another.
     * @return the default registry
     */
    static Ptr<QuantumStateRegistry> GetDefault();

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** @return the formalism used when none is named */
    QuantumFormalism GetDefaultFormalism() const;

    /**
     * @param f the formalism used when none is named; Bell-diagonal is only
     *        valid for pairs, so it is rejected here
     */
    void SetDefaultFormalism(QuantumFormalism f);

    // --- creation --------------------------------------------------------

    /** @return a new qubit in |0>, in the default formalism */
    QubitHandle CreateQubit();

    /**
     * @param f formalism (not BELL_DIAGONAL)
     * @return a new qubit in |0>
     */
    QubitHandle CreateQubit(QuantumFormalism f);

    /**
     * Create n qubits in |0...0>.  In the stabilizer formalism they share one
     * tableau; otherwise each is a group of its own.
     * @param n number of qubits
     * @param f formalism (not BELL_DIAGONAL)
     * @return the handles
     */
    std::vector<QubitHandle> CreateQubits(uint32_t n, QuantumFormalism f);

    /**
     * @param psi a normalised pure state of n qubits
     * @param f STATE_VECTOR or DENSITY_MATRIX
     * @return the n handles, in the qubit order of psi
     */
    std::vector<QubitHandle> CreateState(const QVector& psi, QuantumFormalism f);

    /**
     * @param rho a density matrix of n qubits (checked)
     * @return the n handles, in a density-matrix group
     */
    std::vector<QubitHandle> CreateMixedState(const QMatrix& rho);

    /**
     * @param b the Bell state
     * @param f formalism of the pair (any)
     * @return the two qubits
     */
    std::pair<QubitHandle, QubitHandle> CreateBellPair(BellState b, QuantumFormalism f);

    /**
     * @param coefficients Bell-basis weights, indexed by BellState label
     * @return a Bell-diagonal pair
     */
    std::pair<QubitHandle, QubitHandle> CreateBellDiagonalPair(
        const BellDiagonalState::Coefficients& coefficients);

    /**
     * @param fidelity weight of |Phi+>, in [0, 1]
     * @return a Werner pair in the Bell-diagonal formalism
     */
    std::pair<QubitHandle, QubitHandle> CreateWernerPair(double fidelity);

    // --- operations --------------------------------------------------------

    /**
     * @param gate the gate
     * @param qubits as many distinct live qubits as the gate acts on
     */
    void ApplyGate(const QuantumGate& gate, const std::vector<QubitHandle>& qubits);

    /**
     * @param channel the channel
     * @param qubits as many distinct live qubits as the channel acts on
     */
    void ApplyChannel(const KrausChannel& channel, const std::vector<QubitHandle>& qubits);

    /**
     * T1/T2 decay of an idle qubit (KrausChannel::MemoryDecay).
     * @param qubit the qubit
     * @param dtSeconds idle time in seconds
     * @param t1Seconds T1 in seconds (infinity: none)
     * @param t2Seconds T2 in seconds (infinity: none)
     */
    void ApplyMemoryDecay(QubitHandle qubit, double dtSeconds, double t1Seconds, double t2Seconds);

    /**
     * Projective measurement.  The qubit is split from its group and left in
     * the eigenstate of its outcome, or freed if destructive.
     * @param qubit the qubit
     * @param basis the basis
     * @param destructive free the qubit afterwards (a detected photon)
     * @return the outcome, 0 or 1
     */
    uint32_t Measure(QubitHandle qubit,
                     const MeasurementBasis& basis = MeasurementBasis::ZBasis(),
                     bool destructive = false);

    /**
     * Bell-state measurement of two qubits, which are consumed (freed).
     * Equivalent to CNOT(a, b), H(a) and Z measurements a -> s1, b -> s2, with
     * label x = s2, z = s1.  Two halves of two Bell-diagonal pairs take the
     * exact fast path (entanglement swapping).
     * @param a first qubit
     * @param b second qubit
     * @return the Bell state the two qubits were projected on
     */
    BellState MeasureBell(QubitHandle a, QubitHandle b);

    /**
     * One purification step on pairs (keepA, keepB) and (sacA, sacB): at each
     * side CNOT from the kept to the sacrificed qubit (after the DEJMPS
     * rotations, for that variant), then a Z measurement of the sacrificed
     * qubit, which is freed.  Both sides act at the same instant; each side
     * learns only its own outcome.  Bell-diagonal pairs take the exact fast path.
     * @param keepA kept pair, side A
     * @param keepB kept pair, side B
     * @param sacA sacrificed pair, side A
     * @param sacB sacrificed pair, side B
     * @param variant BBPSSW or DEJMPS
     * @return the two outcomes (success when they are equal)
     */
    PurificationOutcome Purify(QubitHandle keepA,
                               QubitHandle keepB,
                               QubitHandle sacA,
                               QubitHandle sacB,
                               PurificationVariant variant);

    /**
     * Discard a qubit (partial trace) and free its handle.
     * @param qubit the qubit
     */
    void Discard(QubitHandle qubit);

    /**
     * Loss as erasure: the qubit's quantum content is traced out, but the
     * handle stays valid and IsErased() returns true, so a detector can
     * register the absence of the photon.  Gates, channels and measurements
     * on an erased qubit are errors.
     * @param qubit the qubit
     */
    void Erase(QubitHandle qubit);

    /**
     * @param qubit a handle
     * @return true if the qubit was erased (lost)
     */
    bool IsErased(QubitHandle qubit) const;

    /**
     * @param qubit a handle
     * @return true if the handle names a live qubit of this registry
     */
    bool IsAlive(QubitHandle qubit) const;

    /**
     * Convert the group holding a qubit to another formalism; aborts when
     * the conversion is not exact.
     * @param qubit the qubit
     * @param f the formalism
     */
    void Convert(QubitHandle qubit, QuantumFormalism f);

    // --- ground truth, for analysis and tests only ------------------------

    /**
     * @param qubits live qubits
     * @return their joint reduced density matrix, in the given order
     */
    QMatrix GetDensityMatrix(const std::vector<QubitHandle>& qubits) const;

    /**
     * @param qubits live qubits
     * @param reference pure state of as many qubits
     * @return <reference| rho |reference>
     */
    double GetFidelity(const std::vector<QubitHandle>& qubits, const QVector& reference) const;

    /**
     * @param qubit a live qubit
     * @return the formalism of its group
     */
    QuantumFormalism GetFormalism(QubitHandle qubit) const;

    /**
     * @param qubit a live, non-erased qubit
     * @return the number of qubits in its group
     */
    uint32_t GetGroupSize(QubitHandle qubit) const;

    /**
     * Ground truth, for analysis: the qubits that share a joint state.
     * @param qubit a live, non-erased qubit
     * @return the qubits of its group, itself included
     */
    std::vector<QubitHandle> GetGroupQubits(QubitHandle qubit) const;

    /**
     * @param a a qubit
     * @param b a qubit
     * @return true if both are in the same joint state
     */
    bool InSameGroup(QubitHandle a, QubitHandle b) const;

    /** @return the number of live qubits */
    uint32_t GetNumLiveQubits() const;

    /** @return the number of joint states */
    uint32_t GetNumGroups() const;

    /** @return the number of slots ever allocated (live plus free-listed) */
    uint32_t GetSlotCapacity() const;

    /** @return the number of group records ever allocated */
    uint32_t GetGroupCapacity() const;

  protected:
    void DoDispose() override;

  private:
    /** Where a qubit lives. */
    struct Slot
    {
        uint32_t generation; //!< current generation; odd/even carries no meaning
        uint32_t group;      //!< group index, or NO_GROUP when erased or free
        uint32_t index;      //!< local index in the group
        bool alive;          //!< issued and not freed
        bool erased;         //!< lost: no quantum content
    };

    /** One joint state. */
    struct Group
    {
        Ptr<QuantumState> state;     //!< the state (null when free)
        std::vector<uint32_t> slots; //!< slot of each local qubit
    };

    static constexpr uint32_t NO_GROUP = 0xffffffffu; //!< marks a slot without group

    /**
     * Attribute setter.
     * @param value a QuantumFormalism as int
     */
    void SetDefaultFormalismValue(int value);

    /**
     * Attribute getter.
     * @return the default formalism as int
     */
    int GetDefaultFormalismValue() const;

    /**
     * @param what the operation, for messages
     * @param h a handle
     * @param allowErased accept an erased qubit
     * @return its slot index; aborts with a clear message if it is not live
     */
    uint32_t Check(const char* what, QubitHandle h, bool allowErased = false) const;

    /**
     * Validate distinct live qubits.
     * @param what the operation
     * @param qubits the handles
     */
    void CheckDistinct(const char* what, const std::vector<QubitHandle>& qubits) const;

    /** @return a fresh slot index */
    uint32_t AllocSlot();

    /**
     * @param state a state
     * @return a new group index holding it with fresh slots for its qubits
     */
    uint32_t AddGroup(Ptr<QuantumState> state);

    /**
     * @param state a state
     * @return a group record holding it, with no slots yet
     */
    uint32_t NewGroupRecord(Ptr<QuantumState> state);

    /**
     * @param g group index
     * @return handles of the group's qubits in local order
     */
    std::vector<QubitHandle> HandlesOf(uint32_t g) const;

    /**
     * @param slot a slot
     * @return its current handle
     */
    QubitHandle HandleOf(uint32_t slot) const;

    /**
     * Free a group record (its slots must have been re-homed or freed).
     * @param g group index
     */
    void FreeGroup(uint32_t g);

    /**
     * Free a slot (its qubit must no longer be in a group).
     * @param slot the slot
     */
    void FreeSlot(uint32_t slot);

    /**
     * Merge the groups of the qubits into one.
     * @param what the operation, for messages
     * @param qubits the qubits
     * @return the group index
     */
    uint32_t Join(const char* what, const std::vector<QubitHandle>& qubits);

    /**
     * Convert a group's state.
     * @param what the operation, for messages
     * @param g group index
     * @param f target formalism
     */
    void ConvertGroup(const char* what, uint32_t g, QuantumFormalism f);

    /**
     * Take a qubit out of its group (the state must support removal, or is
     * converted); the slot keeps no group afterwards.
     * @param slot the slot
     */
    void DetachSlot(uint32_t slot);

    /**
     * @param qubits the qubits
     * @return their local indices in their (common) group
     */
    std::vector<uint32_t> LocalIndices(const std::vector<QubitHandle>& qubits) const;

    /**
     * @param f formalism
     * @param basis basis
     * @param outcome outcome
     * @return a one-qubit state in the outcome's eigenstate
     */
    Ptr<QuantumState> MakeEigenstate(QuantumFormalism f,
                                     const MeasurementBasis& basis,
                                     uint32_t outcome) const;

    /**
     * @param f formalism
     * @param n qubits
     * @return a state of n qubits in |0..0>
     */
    Ptr<QuantumState> MakeZeroState(QuantumFormalism f, uint32_t n) const;

    /**
     * @param slot a slot
     * @return true if its group is a Bell-diagonal pair
     */
    bool IsBellDiagonalPair(uint32_t slot) const;

    /**
     * @param slot a slot in a two-qubit group
     * @return the other slot of the group
     */
    uint32_t PartnerOf(uint32_t slot) const;

    std::vector<Slot> m_slots;            //!< all slots
    std::vector<uint32_t> m_freeSlots;    //!< free slot indices
    std::vector<Group> m_groups;          //!< all group records
    std::vector<uint32_t> m_freeGroups;   //!< free group indices
    uint32_t m_liveQubits;                //!< number of live qubits
    QuantumFormalism m_defaultFormalism;  //!< formalism when none is named
    uint32_t m_maxVectorQubits;           //!< largest state-vector group
    uint32_t m_maxDensityQubits;          //!< largest density-matrix group
    Ptr<UniformRandomVariable> m_uniform; //!< the registry's random stream
};

} // namespace ns3

#endif /* QUANTUM_STATE_REGISTRY_H */
