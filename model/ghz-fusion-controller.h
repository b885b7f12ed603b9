/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GHZ_FUSION_CONTROLLER_H
#define GHZ_FUSION_CONTROLLER_H

#include "quantum-linalg.h"
#include "quantum-link-layer.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class QuantumProcessor;
class QuantumMemory;

/**
 * @ingroup quantum
 * @brief What one round of GhzFusionController produced (ground truth for
 * analysis: the true states come from the state registry).
 */
struct GhzFusionRecord
{
    uint32_t round = 0;                     //!< round index (from 0)
    Time roundStart;                        //!< when the round's first request went out
    Time link1Herald;                       //!< when the station heralded link 1
    Time link2Herald;                       //!< when the station heralded link 2
    Time link1Time;                         //!< Alice-Bob pair at both ends
    Time link2Time;                         //!< Bob-Charlie pair at both ends
    Time fusionTime;                        //!< the fusion measurement was read
    BellState label1 = BellState::PSI_PLUS; //!< heralded state of (Alice, Bob 1)
    BellState label2 = BellState::PSI_PLUS; //!< heralded state of (Bob 2, Charlie)
    uint32_t outcome = 0;                   //!< reported outcome of Bob's Z readout
    double link1Fidelity = 0;               //!< true fidelity of link 1 at link1Time
    double link2Fidelity = 0;               //!< true fidelity of link 2 at link2Time
    QMatrix link1State;                     //!< true state of (Alice, Bob 1) at link1Time
    QMatrix link2State;                     //!< true state of (Bob 2, Charlie) at link2Time
    double ghzFidelity = 0;                 //!< true fidelity of (Alice, Bob 1, Charlie)
};

/**
 * @ingroup quantum
 * @brief Three-node GHZ generation by fusion at the middle node, in the
 * spirit of the Delft three-node network (Pompili et al., Science 372, 259
 * (2021)): Bob asks for one pair on the Alice-Bob link, keeps his half in
 * memory while he asks for one pair on the Bob-Charlie link, then applies
 * CNOT (control: the first pair's qubit, target: the second's) on his
 * QuantumProcessor and reads the target destructively in Z (with the
 * memory's readout errors).  With link states Bell(l1) on (A, B1) and
 * Bell(l2) on (B2, C) and reported outcome m, the three remaining qubits
 * (A, B1, C) hold, up to the link and gate noise, the GHZ-class state
 * obtained by projecting CNOT(B1, B2) Bell(l1) Bell(l2) on B2 = m: a local
 * Pauli frame (tracked here, not applied) away from (|000> + |111>)/sqrt 2.
 * Every round ends with a GhzCreated trace carrying the true fidelity to
 * that reference, the qubits are released and the next round starts, until
 * NumRounds rounds are done.
 */
class GhzFusionController : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    GhzFusionController();
    ~GhzFusionController() override;

    /**
     * TracedCallback signature for GHZ states made.
     * @param record what the round produced
     */
    typedef void (*GhzTracedCallback)(const GhzFusionRecord& record);

    /**
     * Bind the controller to the two links (each end on its node) and Bob's
     * processor; takes over the OK callbacks of the four ends.
     * @param aliceEnd Alice's end of link 1
     * @param bobEnd1 Bob's end of link 1
     * @param bobEnd2 Bob's end of link 2
     * @param charlieEnd Charlie's end of link 2
     * @param bobProcessor the processor acting on Bob's memory
     */
    void Setup(Ptr<QuantumLinkLayer> aliceEnd,
               Ptr<QuantumLinkLayer> bobEnd1,
               Ptr<QuantumLinkLayer> bobEnd2,
               Ptr<QuantumLinkLayer> charlieEnd,
               Ptr<QuantumProcessor> bobProcessor);

    /** Start the first round now (in Bob's context). */
    void Start();

    /** @return the rounds completed */
    uint32_t GetRoundsDone() const;

    /**
     * The ideal state of (A, B1, C) after the fusion, the Pauli frame of the
     * round: CNOT(B1, B2) applied to Bell(l1) (x) Bell(l2), projected on B2 = m.
     * @param l1 Bell state of (A, B1)
     * @param l2 Bell state of (B2, C)
     * @param m outcome of B2
     * @return the normalised 3-qubit reference (A most significant)
     */
    static QVector FusionReference(BellState l1, BellState l2, uint32_t m);

  protected:
    void DoDispose() override;

  private:
    /** Start one round. */
    void StartRound();
    /**
     * @param link 0 (Alice-Bob) or 1 (Bob-Charlie)
     * @param end 0 (the node other than Bob) or 1 (Bob)
     * @param pair the OK
     */
    void OnOk(uint32_t link, uint32_t end, const EntanglementPair& pair);
    /**
     * A link's pair is at both ends.
     * @param link 0 or 1
     */
    void OnLinkReady(uint32_t link);
    /** The CNOT completed. */
    void OnFused();

    Ptr<QuantumLinkLayer> m_ends[2][2];                //!< [link][0: Alice/Charlie, 1: Bob]
    Ptr<QuantumProcessor> m_processor;                 //!< Bob's processor
    Ptr<QuantumMemory> m_memories[2][2];               //!< memories of the ends
    int32_t m_slots[2][2];                             //!< delivered slots
    bool m_got[2][2];                                  //!< OK seen
    uint32_t m_numRounds;                              //!< NumRounds attribute
    uint32_t m_roundsDone;                             //!< rounds done
    GhzFusionRecord m_record;                          //!< the round in progress
    TracedCallback<const GhzFusionRecord&> m_ghzTrace; //!< GhzCreated
};

} // namespace ns3

#endif /* GHZ_FUSION_CONTROLLER_H */
