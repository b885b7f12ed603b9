/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TELEPORTATION_APPLICATION_H
#define TELEPORTATION_APPLICATION_H

#include "repeater-node-agent.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

class Socket;

/**
 * @ingroup quantum
 * @brief Teleports a qubit state over each end-to-end pair of a repeater
 * chain (Bennett et al., PRL 70, 1895 (1993)).
 *
 * The sender (at the first end) prepares |psi> = cos(theta/2)|0> +
 * e^{i phi} sin(theta/2)|1> in a memory slot when a pair is delivered,
 * measures it with its half in the Bell basis (EntanglementSwapper: processor
 * durations and noise) and sends the Bell label as a UDP packet
 * (RepeaterMessageHeader TELEPORT_BITS) to the receiver.  The receiver (at the
 * other end) combines it with the pair's Bell label, applies the Pauli
 * correction X^x then Z^z (a noiseless Pauli-frame update) and reports the
 * ground-truth fidelity of its qubit with |psi> through the Teleported trace;
 * for a Werner pair of fidelity F it is (2F + 1)/3 for every input state
 * (Horodecki, Horodecki, Horodecki, PRA 60, 1888 (1999)).
 */
class TeleportationApplication : public Application
{
  public:
    /**
     * TracedCallback signature for teleported states.
     * @param round the delivery used
     * @param fidelity ground-truth fidelity of the received state with |psi>
     */
    typedef void (*TeleportedTracedCallback)(uint32_t round, double fidelity);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    TeleportationApplication();
    ~TeleportationApplication() override;

    /**
     * Sender role.
     * @param agent the repeater agent at this end (its deliveries are used)
     * @param receiver the receiver's address
     */
    void SetSender(Ptr<RepeaterNodeAgent> agent, Ipv4Address receiver);

    /**
     * Receiver role.
     * @param agent the repeater agent at this end
     */
    void SetReceiver(Ptr<RepeaterNodeAgent> agent);

    /** @return states received and corrected */
    uint32_t GetReceived() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * A pair was delivered at this end.
     * @param d the delivery
     * @return true: the application keeps the slot
     */
    bool OnDelivery(const RepeaterDelivery& d);

    /**
     * Sender: the Bell measurement completed.
     * @param round the delivery
     * @param ok success
     * @param m outcome
     */
    void Measured(uint32_t round, bool ok, BellState m);

    /** @param socket the socket */
    void HandleRead(Ptr<Socket> socket);

    /**
     * Receiver: both the pair and the bits are here.
     * @param round the delivery
     */
    void TryCorrect(uint32_t round);

    /** What the receiver knows of one delivery. */
    struct Pending
    {
        int32_t slot = -1;      //!< its half (-1: not yet delivered)
        int32_t pairLabel = -1; //!< Bell label of the pair
        int32_t bits = -1;      //!< the sender's label (-1: not yet received)
    };

    bool m_isSender;                                    //!< role
    Ptr<RepeaterNodeAgent> m_agent;                     //!< the repeater agent
    Ipv4Address m_receiver;                             //!< receiver address (sender)
    uint16_t m_port;                                    //!< UDP port
    double m_theta;                                     //!< Bloch polar angle
    double m_phi;                                       //!< Bloch azimuth
    Ptr<Socket> m_socket;                               //!< socket
    std::map<uint32_t, Pending> m_pending;              //!< receiver state by round
    uint32_t m_received;                                //!< states received
    TracedCallback<uint32_t, double> m_teleportedTrace; //!< Teleported
};

} // namespace ns3

#endif /* TELEPORTATION_APPLICATION_H */
