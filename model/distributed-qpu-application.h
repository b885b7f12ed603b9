/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DISTRIBUTED_QPU_APPLICATION_H
#define DISTRIBUTED_QPU_APPLICATION_H

#include "distributed-circuit.h"
#include "distributed-gate-header.h"
#include "quantum-link-layer.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

namespace ns3
{

class QuantumMemory;
class QuantumProcessor;
class Socket;

/**
 * @ingroup quantum
 * @brief One node's share of a distributed quantum computation: executes
 * the operations of a DistributedCircuit that involve this node, on the
 * node's QuantumProcessor and QuantumMemory, and the non-local CNOTs by gate
 * teleportation over entangled pairs of the link-layer service.
 *
 * Every node of the computation runs one instance with the same circuit and
 * its own node index.  A shot starts by initialising the node's qubits in
 * memory slots (QuantumMemory::Allocate); the node then walks through the
 * circuit's operations in order, skipping those it takes no part in:
 *
 * - a gate on local qubits is a QuantumProcessor instruction (its duration
 *   and depolarizing noise; memory decay of the slots is applied);
 * - a measurement is a QuantumProcessor measurement (duration, flip error);
 *   the outcome goes to the Measured trace;
 * - a CNOT from a qubit c on this node to a qubit t on node j (or from j to
 *   here) is a non-local CNOT (Eisert, Jacobs, Papadopoulos, Plenio, PRA 62,
 *   052317 (2000), Fig. 1): one entangled pair (a here, b at j) is requested
 *   from the link-layer end registered for j (by whichever end is the
 *   requester); the control node runs CNOT(c, a), measures a in Z and sends
 *   the bit m1 in a UDP packet (DistributedGateHeader ENTANGLER_BIT); the
 *   target node brings its half to |Phi+> with the pair's Bell label (a
 *   noiseless Pauli-frame update), applies X to b if m1 = 1, runs CNOT(b, t),
 *   measures b in X and sends the bit m2 back (DISENTANGLER_BIT); the
 *   control applies Z to c if m2 = 1.  All four gates and both measurements
 *   are processor instructions; the pair halves decay in memory while the
 *   nodes wait for pairs and packets.
 *
 * Operations run one after the other at each node; nodes synchronise only
 * through the non-local CNOTs.  Because the circuit order is a total order
 * and a link's requester asks for the next pair only when it reaches that
 * gate, at most one pair per link is in flight and both ends use the pairs
 * of a link in the same order.  Shots follow each other at each node: shot
 * s + 1 starts ShotInterval after shot s started at this node, or when this
 * node has finished shot s if that is later.  The qubits of a finished shot
 * stay in their slots until the next shot starts (for analysis).
 *
 * Protocols cannot peek: the application only uses outcomes, messages and
 * link-layer confirmations.  The true state is available to analysis code
 * through GetQubitForAnalysis.
 */
class DistributedQpuApplication : public Application
{
  public:
    /**
     * TracedCallback signature for measurement outcomes.
     * @param shot the shot
     * @param index the measurement's index in the circuit's register
     * @param outcome the reported outcome
     */
    typedef void (*MeasuredTracedCallback)(uint32_t shot, uint32_t index, uint32_t outcome);

    /**
     * TracedCallback signature for the end of this node's part of a shot.
     * @param shot the shot
     * @param start when this node started it
     * @param end now
     * @param pairsUsed pairs consumed by non-local CNOTs this node controlled
     */
    typedef void (*ShotTracedCallback)(uint32_t shot, Time start, Time end, uint32_t pairsUsed);

    /**
     * TracedCallback signature for completed non-local CNOTs (at the control node).
     * @param shot the shot
     * @param operation the operation index in the circuit
     * @param waitForPair time from reaching the gate to holding the pair
     * @param duration time from reaching the gate to its completion
     */
    typedef void (*NonLocalGateTracedCallback)(uint32_t shot,
                                               uint32_t operation,
                                               Time waitForPair,
                                               Time duration);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    DistributedQpuApplication();
    ~DistributedQpuApplication() override;

    /**
     * @param circuit the shared circuit
     * @param nodeIndex this node's index in it (< circuit.GetNumNodes())
     */
    void SetCircuit(const DistributedCircuit& circuit, uint32_t nodeIndex);

    /**
     * Register the entanglement and classical connection to another node of
     * the circuit.
     * @param peerIndex the other node's index in the circuit
     * @param address the other node's IPv4 address
     * @param link this node's end of a link-layer service to it (a direct
     *        link, a heralded link, or a ChainLinkLayer over a repeater chain)
     * @param requester true if this end issues the CREATE requests (exactly
     *        one end of each link; the origin end for a ChainLinkLayer)
     */
    void AddPeer(uint32_t peerIndex,
                 Ipv4Address address,
                 Ptr<QuantumLinkLayer> link,
                 bool requester);

    /** @return the circuit (aborts before SetCircuit) */
    const DistributedCircuit& GetCircuit() const;

    /** @return this node's index in the circuit */
    uint32_t GetNodeIndex() const;

    /** @return shots this node has completed */
    uint32_t GetShotsCompleted() const;

    /**
     * Analysis only: the qubit a local index of the circuit holds now, its
     * memory decay brought up to date (QuantumMemory::Access).
     * @param localIndex a local qubit index (< circuit.GetNumLocalQubits(node))
     * @return the qubit handle
     */
    QubitHandle GetQubitForAnalysis(uint32_t localIndex) const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used: the node's QuantumMemory and
     *         QuantumProcessor, and the AbstractLinkLayer ends registered here
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** What this node waits for. */
    enum Wait
    {
        IDLE,                //!< nothing (between operations or shots)
        LOCAL,               //!< a local instruction
        CONTROL_PAIR,        //!< control: the pair
        CONTROL_BUSY,        //!< control: CNOT / measurement in progress
        CONTROL_BIT,         //!< control: the disentangler bit
        TARGET_PAIR_AND_BIT, //!< target: the pair and the entangler bit
        TARGET_BUSY,         //!< target: X / CNOT / measurement in progress
    };

    /** A connection to another node. */
    struct Peer
    {
        Ipv4Address address;                //!< the peer's address
        Ptr<QuantumLinkLayer> link;         //!< this end of the link
        bool requester = false;             //!< this end issues CREATE
        std::deque<EntanglementPair> pairs; //!< delivered, unused pairs
    };

    /** Start (or queue) the next shot. */
    void ShotDue();
    /** Begin a shot now. */
    void BeginShot();
    /** Start the next operation involving this node, or finish the shot. */
    void Advance();
    /** The current operation completed. */
    void OperationDone();
    /**
     * A measurement completed.
     * @param index register index
     * @param outcome reported outcome
     */
    void MeasureDone(uint32_t index, uint32_t outcome);
    /** Make progress on the current non-local CNOT if what it waits for is here. */
    void TryNonLocal();
    /** Control: CNOT(c, a) completed. */
    void ControlCnotDone();
    /**
     * Control: Z measurement of a completed.
     * @param m1 the outcome
     */
    void ControlMeasured(uint32_t m1);
    /** Control: the Z correction completed (or was not needed). */
    void ControlZDone();
    /** Target: CNOT(b, t) completed (after the optional X). */
    void TargetCnotDone();
    /**
     * Target: X measurement of b completed.
     * @param m2 the outcome
     */
    void TargetMeasured(uint32_t m2);
    /** Target: the X correction completed. */
    void TargetXDone();
    /**
     * A pair was delivered by a link.
     * @param peer the peer index
     * @param pair the pair
     */
    void OnPair(uint32_t peer, const EntanglementPair& pair);
    /**
     * A request failed.
     * @param peer the peer index
     * @param id request id
     * @param e error
     * @param n pairs delivered
     */
    void OnLinkError(uint32_t peer, uint32_t id, EntanglementError e, uint32_t n);
    /**
     * A delivered half expired in memory.
     * @param peer the peer index
     * @param pairId the pair
     * @param slot the slot
     */
    void OnExpire(uint32_t peer, uint64_t pairId, int32_t slot);
    /** @param socket the socket */
    void HandleRead(Ptr<Socket> socket);
    /**
     * Send one bit of the current non-local CNOT.
     * @param kind which bit
     * @param bit the bit
     */
    void SendBit(DistributedGateHeader::Kind kind, uint32_t bit);
    /** @return the current operation */
    const DistributedCircuit::Operation& CurrentOp() const;
    /** @return the other node of the current (non-local) operation */
    uint32_t CurrentPeer() const;
    /**
     * @param globalQubit a qubit of this node (global index)
     * @return its slot
     */
    uint32_t SlotOf(uint32_t globalQubit) const;

    std::unique_ptr<DistributedCircuit> m_circuit; //!< the shared circuit
    uint32_t m_index;                              //!< this node's index
    std::vector<uint32_t> m_myOps;                 //!< operations involving this node
    std::map<uint32_t, Peer> m_peers;              //!< connections by peer index
    Ptr<QuantumMemory> m_memory;                   //!< the node's memory
    Ptr<QuantumProcessor> m_processor;             //!< the node's processor
    Ptr<Socket> m_socket;                          //!< UDP socket
    uint16_t m_port;                               //!< UDP port
    uint32_t m_shots;                              //!< shots to run
    Time m_interval;                               //!< shot interval
    uint32_t m_shot;                               //!< current shot
    uint32_t m_pos;                                //!< position in m_myOps
    Wait m_wait;                                   //!< what the node waits for
    bool m_inShot;                                 //!< a shot is running
    bool m_shotPending;                            //!< the next shot is due
    uint32_t m_shotsDone;                          //!< completed shots
    std::vector<int32_t> m_slots;                  //!< slot of each local qubit
    int32_t m_pairSlot;                            //!< slot of the pair half in use
    uint32_t m_entanglerBit;                       //!< target: m1 received
    Time m_shotStart;                              //!< start of the current shot
    Time m_gateStart;                              //!< start of the current non-local CNOT
    Time m_pairArrival;                            //!< when its pair was in hand
    uint32_t m_pairsUsed;                          //!< pairs used this shot (as control)
    EventId m_nextShot;                            //!< next shot's due event
    std::map<std::tuple<uint32_t, uint32_t, uint8_t>, uint8_t> m_bits; //!< received bits
    TracedCallback<uint32_t, uint32_t, uint32_t> m_measuredTrace;      //!< Measured
    TracedCallback<uint32_t, Time, Time, uint32_t> m_shotTrace;        //!< ShotCompleted
    TracedCallback<uint32_t, uint32_t, Time, Time> m_nonLocalTrace;    //!< NonLocalGate
};

} // namespace ns3

#endif /* DISTRIBUTED_QPU_APPLICATION_H */
