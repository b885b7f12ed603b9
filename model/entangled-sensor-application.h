/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ENTANGLED_SENSOR_APPLICATION_H
#define ENTANGLED_SENSOR_APPLICATION_H

#include "repeater-node-agent.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <utility>

namespace ns3
{

class Socket;
class SensingMessageHeader;

/**
 * @ingroup quantum
 * @brief One node of an entangled sensor network: its probe qubit picks up
 * the phase PhaseRad during SensingTime, then it is measured in the
 * equatorial basis of azimuth ReadoutAngle (eigenbasis of
 * cos(a) X + sin(a) Y) and the outcome is sent to the fusion centre
 * (SensorFusionApplication) as a UDP packet.
 *
 * Entangled strategy: the probe is this node's half of a Bell pair delivered
 * by the repeater chain to the centre (SetAgent); the centre fuses the pairs
 * of all sensors into a GHZ state and sends the Pauli correction
 * (SensingMessageHeader CORRECTION), which the sensor applies (a noiseless
 * Pauli-frame update) before sensing.  Separable strategy: on a START
 * message the sensor takes a fresh memory qubit and prepares |+> with a
 * Hadamard on its QuantumProcessor.
 *
 * The phase is the signal: a noiseless Rz(PhaseRad) applied to the stored
 * qubit at the end of the sensing interval (it commutes with the memory's
 * dephasing, which the QuantumMemory applies for the whole storage time).
 * The readout is QuantumMemory::Read (readout errors included).
 */
class EntangledSensorApplication : public Application
{
  public:
    /**
     * TracedCallback signature for readouts.
     * @param shot the shot
     * @param outcome the reported outcome (0: +1 eigenvalue, 1: -1)
     * @param storageTime how long the probe qubit was stored in memory
     */
    typedef void (*MeasuredTracedCallback)(uint32_t shot, uint32_t outcome, Time storageTime);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EntangledSensorApplication();
    ~EntangledSensorApplication() override;

    /**
     * @param index this sensor's index (0 .. N - 1)
     * @param centre the fusion centre's address
     */
    void SetFusionCentre(uint16_t index, Ipv4Address centre);

    /**
     * Entangled strategy: the agent at this end of the chain to the centre
     * (position 1 of a two-node chain); its deliveries are the probes.
     * @param agent the agent
     */
    void SetAgent(Ptr<RepeaterNodeAgent> agent);

    /** @return probes measured and reported */
    uint32_t GetMeasured() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * A pair half was delivered.
     * @param d the delivery
     * @return true: the application keeps the slot
     */
    bool OnDelivery(const RepeaterDelivery& d);

    /** @param socket the socket */
    void HandleRead(Ptr<Socket> socket);

    /**
     * Entangled strategy: start sensing when both the half and the
     * correction of a shot are here.
     * @param shot the shot
     */
    void TryStart(uint32_t shot);

    /**
     * Separable strategy: prepare a |+> probe.
     * @param shot the shot
     */
    void PrepareProbe(uint32_t shot);

    /**
     * Start the sensing interval of a probe.
     * @param shot the shot
     * @param slot its memory slot
     */
    void StartSensing(uint32_t shot, int32_t slot);

    /**
     * End of the sensing interval: phase, readout, report.
     * @param shot the shot
     * @param slot the memory slot
     */
    void Finish(uint32_t shot, int32_t slot);

    /** What the sensor knows of one entangled shot. */
    struct Pending
    {
        int32_t slot = -1;       //!< its half (-1: not yet delivered)
        int32_t correction = -1; //!< x + 2 z (-1: not yet received)
    };

    uint16_t m_index;                                          //!< sensor index
    Ipv4Address m_centre;                                      //!< centre address
    Ptr<RepeaterNodeAgent> m_agent;                            //!< chain end (entangled)
    uint16_t m_port;                                           //!< UDP port
    double m_phase;                                            //!< phase picked up, rad
    double m_readoutAngle;                                     //!< readout azimuth, rad
    Time m_sensingTime;                                        //!< sensing interval
    Ptr<Socket> m_socket;                                      //!< socket
    std::map<uint32_t, Pending> m_pending;                     //!< entangled shots in progress
    std::set<uint32_t> m_aborted;                              //!< aborted shots not yet delivered
    std::map<uint32_t, std::pair<int32_t, EventId>> m_sensing; //!< slot and end event, by shot
    uint32_t m_measured;                                       //!< probes measured
    TracedCallback<uint32_t, uint32_t, Time> m_measuredTrace;  //!< Measured
};

} // namespace ns3

#endif /* ENTANGLED_SENSOR_APPLICATION_H */
