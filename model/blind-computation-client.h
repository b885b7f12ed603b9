/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BLIND_COMPUTATION_CLIENT_H
#define BLIND_COMPUTATION_CLIENT_H

#include "blind-computation-pattern.h"
#include "quantum-state.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Socket;
class QuantumNetDevice;
class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief The client of universal blind quantum computation (Broadbent,
 * Fitzsimons, Kashefi, FOCS 2009, arXiv:0807.4154, protocol 1), for a
 * BlindComputationPattern.
 *
 * Per shot:
 *  1. START announces the public graph to the server, which answers READY.
 *  2. For each qubit i in order the client prepares |+_theta_i> =
 *     (|0> + e^{i theta_i}|1>)/sqrt 2 with secret theta_i = k pi/4, k
 *     uniform in 0..7, and sends it as a photon on the quantum channel
 *     (stop and wait).  The server acknowledges each stored photon; when no
 *     ACK arrives within AckTimeout the photon counts as lost and qubit i is
 *     sent again with a fresh theta_i (at most MaxAttemptsPerQubit times; then
 *     the shot fails and the client stops).
 *  3. For each qubit i in order: phi'_i = (-1)^{s_X(i)} phi_i + s_Z(i) pi
 *     (outputs: (-1)^{s_X(i)} phi_i; their s_Z goes to the Pauli frame),
 *     delta_i = phi'_i + theta_i + r_i pi with a secret random bit r_i, sent
 *     as DELTA; the server's outcome b_i decodes to s_i = b_i XOR r_i
 *     (outputs: XOR s_Z(i) as well).
 *  4. The result's bit j is s of output j.  It is compared with the
 *     pattern's ideal distribution (correct = the ideal probability of the
 *     result is positive, i.e. for a deterministic computation: equal to the
 *     ideal output).
 *
 * All angles are integers k in 0..7 (multiples of pi/4) on the wire.
 */
class BlindComputationClient : public Application
{
  public:
    /**
     * Signature of the AngleSent trace.
     * @param shot the shot
     * @param index the qubit
     * @param deltaIndex k with delta = k pi/4
     */
    typedef void (*AngleTracedCallback)(uint32_t shot, uint32_t index, uint8_t deltaIndex);
    /**
     * Signature of the OutcomeReceived trace.
     * @param shot the shot
     * @param index the qubit
     * @param outcome the server's (blinded) outcome b_i
     */
    typedef void (*OutcomeTracedCallback)(uint32_t shot, uint32_t index, uint8_t outcome);
    /**
     * Signature of the ComputationDone trace.
     * @param shot the shot
     * @param result the decoded result (bit j = output j)
     * @param correct the ideal probability of the result is positive
     */
    typedef void (*DoneTracedCallback)(uint32_t shot, uint32_t result, bool correct);
    /**
     * Signature of the PhotonLost trace.
     * @param shot the shot
     * @param index the qubit whose photon was not acknowledged in time
     */
    typedef void (*LostTracedCallback)(uint32_t shot, uint32_t index);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    BlindComputationClient();
    ~BlindComputationClient() override;

    /**
     * @param pattern the computation (secret angles included)
     */
    void SetPattern(const BlindComputationPattern& pattern);
    /** @return the computation */
    const BlindComputationPattern& GetPattern() const;
    /**
     * @param device the optical port to send photons from (default: the
     *        node's first QuantumNetDevice)
     */
    void SetQuantumDevice(Ptr<QuantumNetDevice> device);
    /**
     * @param stream first stream index
     * @return the number of streams used (2)
     */
    int64_t AssignStreams(int64_t stream);

    /** @return shots completed */
    uint32_t GetShotsDone() const;
    /** @return completed shots whose result was correct */
    uint32_t GetShotsCorrect() const;
    /** @return shots abandoned after MaxAttemptsPerQubit losses */
    uint32_t GetShotsFailed() const;
    /** @return photons sent (all attempts) */
    uint64_t GetQubitsSent() const;
    /** @return photons not acknowledged in time */
    uint64_t GetPhotonsLost() const;
    /** @return count of each result over the completed shots */
    const std::vector<uint64_t>& GetResultCounts() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** Begin a shot. */
    void StartShot();
    /** Prepare and send the photon of the current qubit. */
    void SendQubit();
    /** No ACK in time for the current photon. */
    void AckTimedOut();
    /** Send the angle of the current qubit. */
    void SendDelta();
    /** Decode the result and go on. */
    void FinishShot();
    /**
     * @param socket the UDP socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * @param deps the qubits whose outcomes enter
     * @return XOR of their decoded outcomes
     */
    uint32_t Parity(const std::vector<uint32_t>& deps) const;

    BlindComputationPattern m_pattern;     //!< the computation
    Address m_remote;                      //!< server address and port
    uint16_t m_quantumPort;                //!< quantum port of the photons
    uint32_t m_shots;                      //!< shots to run
    Time m_ackTimeout;                     //!< ACK timeout
    uint32_t m_maxAttempts;                //!< attempts per qubit before giving up
    int m_formalism;                       //!< formalism of the prepared qubits (QuantumFormalism)
    Ptr<UniformRandomVariable> m_thetaRng; //!< theta_i
    Ptr<UniformRandomVariable> m_rRng;     //!< r_i
    Ptr<QuantumNetDevice> m_device;        //!< optical port
    Ptr<QuantumStateRegistry> m_registry;  //!< state engine
    Ptr<Socket> m_socket;                  //!< UDP socket
    EventId m_timeout;                     //!< pending ACK timeout
    bool m_awaitingReady;                  //!< START sent, READY not yet received
    bool m_running;                        //!< started and not stopped
    uint32_t m_shot;                       //!< current shot
    uint32_t m_current;                    //!< current qubit
    uint32_t m_attempt;                    //!< attempts for the current qubit
    std::vector<uint8_t> m_theta;          //!< theta_i indices of this shot
    std::vector<uint8_t> m_r;              //!< r_i of this shot
    std::vector<uint8_t> m_s;              //!< decoded outcomes s_i
    std::vector<uint8_t> m_frame;          //!< Pauli-frame bit of output qubits
    uint32_t m_done;                       //!< shots completed
    uint32_t m_correct;                    //!< correct shots
    uint32_t m_failed;                     //!< failed shots
    uint64_t m_sent;                       //!< photons sent
    uint64_t m_lost;                       //!< photons lost
    std::vector<uint64_t> m_counts;        //!< result histogram
    TracedCallback<uint32_t, uint32_t, uint8_t> m_angleTrace;   //!< AngleSent
    TracedCallback<uint32_t, uint32_t, uint8_t> m_outcomeTrace; //!< OutcomeReceived
    TracedCallback<uint32_t, uint32_t, bool> m_doneTrace;       //!< ComputationDone
    TracedCallback<uint32_t, uint32_t> m_lostTrace;             //!< PhotonLost
};

} // namespace ns3

#endif /* BLIND_COMPUTATION_CLIENT_H */
