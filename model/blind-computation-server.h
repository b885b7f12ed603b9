/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BLIND_COMPUTATION_SERVER_H
#define BLIND_COMPUTATION_SERVER_H

#include "quantum-signal.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <utility>
#include <vector>

namespace ns3
{

class Socket;
class QuantumMemory;
class QuantumNetDevice;

/**
 * @ingroup quantum
 * @brief The server of universal blind quantum computation (Broadbent,
 * Fitzsimons, Kashefi 2009, protocol 1).
 *
 * For each shot the client announces the public graph (START).  The server
 * stores each arriving photon in its QuantumMemory (decaying lazily while it
 * waits) and acknowledges it; a photon for an index it already holds
 * replaces the stored one (the client resent it).  When every qubit is
 * stored it applies CZ on every edge, building the graph state.  Then for
 * each DELTA(i, delta_i) it measures qubit i in the basis
 * {|+_delta>, |-_delta>} (outcome 0 for |+_delta> = (|0> + e^{i delta}|1>)/sqrt 2)
 * and returns the outcome.  It never sees theta_i, r_i or phi_i.
 *
 * Gates are ideal and take no time; the memory's readout errors and
 * decoherence apply.
 */
class BlindComputationServer : public Application
{
  public:
    /**
     * Signature of the DeltaReceived trace: what the server learns.
     * @param shot the shot
     * @param index the qubit
     * @param deltaIndex k with delta = k pi/4
     */
    typedef void (*DeltaTracedCallback)(uint32_t shot, uint32_t index, uint8_t deltaIndex);
    /**
     * Signature of the Measured trace.
     * @param shot the shot
     * @param index the qubit
     * @param outcome the reported outcome
     * @param storageTime how long the qubit waited in memory
     */
    typedef void (*MeasuredTracedCallback)(uint32_t shot,
                                           uint32_t index,
                                           uint8_t outcome,
                                           Time storageTime);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    BlindComputationServer();
    ~BlindComputationServer() override;

    /**
     * @param device the optical port photons arrive on (default: the
     *        node's first QuantumNetDevice)
     */
    void SetQuantumDevice(Ptr<QuantumNetDevice> device);
    /** @return the memory holding the qubits (after start) */
    Ptr<QuantumMemory> GetMemory() const;
    /** @return the number of photons stored (all shots) */
    uint64_t GetPhotonsReceived() const;
    /** @return the number of measurements made (all shots) */
    uint64_t GetMeasurements() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /**
     * @param socket the UDP socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * A photon arrived.
     * @param signal the signal
     * @param device the receiving port
     */
    void ReceivePhoton(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device);
    /** Release every qubit still stored. */
    void ReleaseAll();
    /** Apply CZ on every edge once all qubits are stored. */
    void Entangle();
    /**
     * @param type message type
     * @param index qubit index
     * @param value attempt (ACK) or outcome (OUTCOME)
     */
    void Reply(uint8_t type, uint32_t index, uint8_t value);

    uint16_t m_port;                                          //!< UDP port
    uint16_t m_quantumPort;                                   //!< quantum port
    Ptr<QuantumMemory> m_memory;                              //!< memory (attribute or own)
    Ptr<QuantumNetDevice> m_device;                           //!< optical port
    Ptr<Socket> m_socket;                                     //!< UDP socket
    Address m_client;                                         //!< client address (from START)
    bool m_ownMemory;                                         //!< the server created m_memory
    bool m_active;                                            //!< a shot is running
    bool m_entangled;                                         //!< CZs applied for this shot
    uint32_t m_shot;                                          //!< current shot
    uint32_t m_numQubits;                                     //!< graph size
    std::vector<std::pair<uint16_t, uint16_t>> m_edges;       //!< graph edges
    std::vector<int32_t> m_slots;                             //!< memory slot per qubit (-1: none)
    std::vector<int32_t> m_attempts;                          //!< attempt of the stored photon
    uint32_t m_stored;                                        //!< qubits stored this shot
    uint64_t m_photons;                                       //!< photons stored, all shots
    uint64_t m_measurements;                                  //!< measurements, all shots
    TracedCallback<uint32_t, uint32_t, uint8_t> m_deltaTrace; //!< DeltaReceived
    TracedCallback<uint32_t, uint32_t, uint8_t, Time> m_measuredTrace; //!< Measured
    TracedCallback<uint32_t, uint32_t> m_storedTrace;                  //!< QubitStored
};

} // namespace ns3

#endif /* BLIND_COMPUTATION_SERVER_H */
