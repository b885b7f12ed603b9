/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SENSOR_FUSION_APPLICATION_H
#define SENSOR_FUSION_APPLICATION_H

#include "repeater-node-agent.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Socket;

/**
 * @ingroup quantum
 * @brief Hub and fusion centre of an entangled sensor network: it
 * distributes the probe state to N sensors (EntangledSensorApplication),
 * collects their readouts as UDP packets and estimates the mean phase
 * phi = (sum_i phi_i) / N.
 *
 * Entangled strategy (GHZ; Giovannetti, Lloyd, Maccone, Science 306, 1330
 * (2004)): for every shot the centre asks each chain to the sensors for one
 * Bell pair (RepeaterNodeAgent::RequestRound, OnDemand agents), corrects its
 * halves to |Phi+> (Pauli frame), and fuses them on its QuantumProcessor:
 * CNOT(h_0, h_k) and a Z measurement of h_k (outcome m_k) for k = 1..N-1,
 * then an X measurement of h_0 (outcome m_0).  The sensors then share
 * (|0...0> + |1...1>)/sqrt 2 up to X^{m_k} on sensor k and Z^{m_0} on
 * sensor 0, which the centre sends as CORRECTION messages.  Sensor i reads
 * out in the basis of cos(a_i) X + sin(a_i) Y; the parity of the N readouts
 * has mean <P> = C cos(sum phi_i - sum a_i), C the GHZ coherence.  If not
 * every pair of a shot is delivered within ShotTimeout, the shot fails: the
 * centre drops the halves it holds, sends ABORT, and starts the next shot
 * once the late pairs have arrived (and been dropped).
 *
 * Separable strategy: each shot the centre sends START; every sensor
 * prepares its own |+> probe; readout i has mean C_i cos(phi_i - a_i).
 *
 * Estimates (one per ShotsPerEstimate successful shots, mean readouts
 * Pbar or Xbar_i): on the branch where the argument lies in [0, pi],
 * GHZ: phi_hat = (sum a_i + pi/2 + asin(-Pbar)) / N; separable:
 * phi_hat = (1/N) sum_i (a_i + pi/2 + asin(-Xbar_i)).  At the working point
 * sum a_i = -pi/2 (GHZ) or a_i = -pi/2 (separable) and a small phase the
 * standard errors are 1/(N sqrt M) and 1/sqrt(N M) for M shots (derivation
 * in the manual, "Entangled sensor network").
 */
class SensorFusionApplication : public Application
{
  public:
    /** The sensing strategy. */
    enum Strategy
    {
        GHZ = 0,       //!< entangled probes (GHZ state over the network)
        SEPARABLE = 1, //!< independent local |+> probes
    };

    /**
     * TracedCallback signature for shots.
     * @param shot the shot
     * @param success all readouts arrived (false: a pair was not delivered in time)
     * @param parity product of the N readouts (+1 or -1; 0 if failed)
     * @param meanReadout mean of the N readouts (+1 or -1 each; 0 if failed)
     */
    typedef void (*ShotTracedCallback)(uint32_t shot,
                                       bool success,
                                       int32_t parity,
                                       double meanReadout);

    /**
     * TracedCallback signature for estimates.
     * @param batch the estimate's index
     * @param phaseEstimate estimate of the mean phase, rad
     */
    typedef void (*EstimateTracedCallback)(uint32_t batch, double phaseEstimate);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    SensorFusionApplication();
    ~SensorFusionApplication() override;

    /**
     * @param sensors the sensors' addresses, index i = sensor i
     * @param agents GHZ strategy: the centre's agent (position 0) of the
     *        chain to each sensor, in the same order; empty for SEPARABLE
     */
    void SetSensors(const std::vector<Ipv4Address>& sensors,
                    const std::vector<Ptr<RepeaterNodeAgent>>& agents);

    /** @return shots completed (all readouts in) */
    uint32_t GetShotsCompleted() const;
    /** @return shots failed (a pair not delivered in time) */
    uint32_t GetShotsFailed() const;
    /** @return the phase estimates so far */
    const std::vector<double>& GetEstimates() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** Start the next shot. */
    void StartShot();

    /**
     * A pair was delivered on the chain to a sensor.
     * @param sensor the sensor index
     * @param d the delivery
     * @return true: the application keeps the slot
     */
    bool OnDelivery(uint32_t sensor, const RepeaterDelivery& d);

    /** GHZ: the shot's pairs did not all arrive in time. */
    void Timeout();

    /**
     * GHZ fusion step k (1 .. N-1: CNOT and Z measurement; N: X measurement of h_0).
     * @param k the step
     */
    void FuseStep(uint32_t k);

    /**
     * GHZ fusion: CNOT(h_0, h_k) completed; measure h_k in Z.
     * @param k the step
     */
    void FuseCnotDone(uint32_t k);

    /**
     * A fusion measurement completed.
     * @param k the step
     * @param outcome its outcome
     */
    void FuseMeasured(uint32_t k, uint32_t outcome);

    /**
     * Send one message to a sensor.
     * @param sensor the sensor
     * @param type message type
     * @param bits its bits
     */
    void SendTo(uint32_t sensor, uint8_t type, uint8_t bits);

    /** @param socket the socket */
    void HandleRead(Ptr<Socket> socket);

    /** Shot over (completed or failed): continue once the chains are idle. */
    void ShotDone();

    /** Start the next shot if the current one is over and every chain is idle. */
    void TryNext();

    uint16_t m_port;                              //!< UDP port
    Strategy m_strategy;                          //!< strategy
    uint32_t m_numShots;                          //!< shots to run
    uint32_t m_shotsPerEstimate;                  //!< M
    Time m_timeout;                               //!< ShotTimeout (0: none)
    std::vector<Ipv4Address> m_sensors;           //!< sensor addresses
    std::vector<Ptr<RepeaterNodeAgent>> m_agents; //!< chain ends (GHZ)
    Ptr<Socket> m_socket;                         //!< socket
    uint32_t m_shot;                              //!< current shot
    bool m_shotFailed;                            //!< current shot failed
    bool m_shotOver;                              //!< current shot over, waiting for chains
    bool m_running;                               //!< between start and stop
    std::vector<int32_t> m_slots;                 //!< GHZ: hub halves of this shot
    std::vector<uint32_t> m_delivered;            //!< GHZ: rounds delivered per chain
    uint32_t m_numDelivered;                      //!< GHZ: pairs of this shot in hand
    std::vector<uint8_t> m_fusion;                //!< GHZ: fusion outcomes m_k
    std::vector<int32_t> m_readout;               //!< readouts of this shot (-1: missing)
    std::vector<double> m_angle;                  //!< readout angles reported
    uint32_t m_numReadouts;                       //!< readouts of this shot in hand
    EventId m_timeoutEvent;                       //!< shot timeout
    uint32_t m_completed;                         //!< shots completed
    uint32_t m_failed;                            //!< shots failed
    uint32_t m_batchShots;                        //!< shots in the current batch
    std::vector<double> m_batchSum;               //!< readout sums of the batch
    double m_batchParity;                         //!< parity sum of the batch
    std::vector<double> m_estimates;              //!< estimates
    TracedCallback<uint32_t, bool, int32_t, double> m_shotTrace; //!< Shot
    TracedCallback<uint32_t, double> m_estimateTrace;            //!< Estimate
};

} // namespace ns3

#endif /* SENSOR_FUSION_APPLICATION_H */
