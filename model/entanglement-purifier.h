/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ENTANGLEMENT_PURIFIER_H
#define ENTANGLEMENT_PURIFIER_H

#include "deferred-uniform-random-variable.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The quantum part of a two-node purification step (BBPSSW or
 * DEJMPS) on the two ends of a link or segment.
 *
 * Each end submits its local operation (bilateral CNOT from its half of the
 * kept pair onto its half of the sacrificed pair, then a Z measurement of
 * the latter; DEJMPS first rotates by Rx(+pi/2) at side 0 and Rx(-pi/2) at
 * side 1).  The local operation lasts the node processor's CNOT plus
 * measurement durations (plus a one-qubit gate for DEJMPS), during which the
 * qubits decay in memory.  When both ends have completed, the step is done
 * by the state engine, QuantumStateRegistry::Purify (exact Bell-diagonal
 * algebra for Bell-diagonal pairs, gates and measurements otherwise); the
 * processors' two-qubit depolarizing noise is a channel on each side's
 * (kept, sacrificed) qubits before it (the depolarizing channel commutes with
 * the CNOT), and the measurement error flips each reported outcome.  Each end
 * receives only its own outcome; the protocol (RepeaterNodeAgent) exchanges
 * them over the classical network and keeps the pair when they agree.
 *
 * BBPSSW (Bennett et al., PRL 76, 722 (1996)) twirls both pairs into Werner
 * form first: the initiator draws one of the three bilateral rotations
 * {1, B_x B_y, B_y B_x} (B = U (x) U*, U = Rx(pi/2), Ry(pi/2)), which
 * permute cyclically the three non-|Phi+> Bell states, and sends it with the
 * start message.  DEJMPS (Deutsch et al., PRL 77, 2818 (1996)) does not
 * twirl.  The ideal twirl rotations are applied without processor noise.
 *
 * The joint step is applied at the later of the two local completions.
 * For pure dephasing memories (T1 infinite) this is exact: the earlier side's
 * sacrificed qubit is measured at its own completion (nothing decays after
 * that) and dephasing of the kept qubit commutes with the CNOT it controls.
 */
class EntanglementPurifier : public Object
{
  public:
    /** Outcome callback of one side: the reported Z outcome of its sacrificed qubit. */
    typedef Callback<void, uint32_t> OutcomeCallback;

    /**
     * TracedCallback signature for purification steps.
     * @param success the two true outcomes agreed (before measurement errors)
     * @param variant 0 = BBPSSW, 1 = DEJMPS
     */
    typedef void (*StepTracedCallback)(bool success, uint32_t variant);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EntanglementPurifier();
    ~EntanglementPurifier() override;

    /**
     * Submit one side's local operation of step `session`.
     * @param session a step identifier shared by both sides (the sacrificed pair's id)
     * @param side 0 (initiator) or 1
     * @param nodeId the node of this side (context of the callback)
     * @param memory its memory
     * @param processor its processor (may be null: ideal and instantaneous)
     * @param keepSlot the slot of its half of the kept pair
     * @param sacSlot the slot of its half of the sacrificed pair (freed by the step)
     * @param variant BBPSSW or DEJMPS
     * @param twirl BBPSSW twirl choice 0, 1, 2 (ignored for DEJMPS)
     * @param done called with this side's reported outcome
     */
    void Submit(uint64_t session,
                uint32_t side,
                uint32_t nodeId,
                Ptr<QuantumMemory> memory,
                Ptr<QuantumProcessor> processor,
                uint32_t keepSlot,
                uint32_t sacSlot,
                PurificationVariant variant,
                uint32_t twirl,
                OutcomeCallback done);

    /**
     * @param processor a processor (may be null)
     * @param variant the variant
     * @return the duration of one side's local operation
     */
    static Time GetLocalDuration(Ptr<QuantumProcessor> processor, PurificationVariant variant);

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1: measurement errors)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** One side's part of a step. */
    struct Part
    {
        bool ready = false;              //!< local operation completed
        uint32_t nodeId = 0;             //!< node
        Ptr<QuantumMemory> memory;       //!< memory
        Ptr<QuantumProcessor> processor; //!< processor
        uint32_t keepSlot = 0;           //!< kept half
        uint32_t sacSlot = 0;            //!< sacrificed half
        QubitHandle keepQubit;           //!< kept qubit at submission
        QubitHandle sacQubit;            //!< sacrificed qubit at submission
        OutcomeCallback done;            //!< outcome callback
    };

    /** A step in progress. */
    struct Session
    {
        Part parts[2];                                             //!< the sides
        PurificationVariant variant = PurificationVariant::BBPSSW; //!< variant
        uint32_t twirl = 0;                                        //!< twirl choice
    };

    /**
     * A side's local operation completed.
     * @param session the step
     * @param side the side
     */
    void LocalDone(uint64_t session, uint32_t side);

    /**
     * Both sides done: run the step in the state engine.
     * @param s the step
     */
    void Execute(Session& s);

    /**
     * @param p a side
     * @param keep check the kept slot (else the sacrificed one)
     * @return true if the slot still holds the qubit submitted
     */
    static bool Holds(const Part& p, bool keep);

    std::map<uint64_t, Session> m_sessions;     //!< steps in progress
    DeferredUniformRandomVariable m_rng;        //!< measurement errors
    TracedCallback<bool, uint32_t> m_stepTrace; //!< PurificationStep
};

} // namespace ns3

#endif /* ENTANGLEMENT_PURIFIER_H */
