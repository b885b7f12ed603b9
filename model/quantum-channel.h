/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_CHANNEL_H
#define QUANTUM_CHANNEL_H

#include "quantum-channel-model.h"
#include "quantum-signal.h"

#include "ns3/channel.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <vector>

namespace ns3
{

class QuantumNetDevice;
class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief An optical fibre between two or more QuantumNetDevices.
 *
 * A signal sent at time t arrives at t + L / v_g plus the delay of the model
 * chain, delivered with Simulator::ScheduleWithContext in the receiving
 * node's context.  Deliveries between a pair of devices never overtake one
 * another (FIFO), even with timing jitter.  The transmittance is
 *
 *   eta = 10^(-(alpha L + IL) / 10) x (product of the chain's transmittances),
 *
 * with alpha the attenuation in dB/km and IL the insertion loss in dB.  A
 * QUBIT photon survives with probability eta; a lost photon's qubit is erased
 * in the state engine (whatever it was entangled with loses that
 * entanglement), SignalLost fires while the erased handle is still valid,
 * and the handle is then freed, so lost photons cost no event and no memory.
 * A MODE pulse always arrives, carrying eta in its photon-number
 * distribution.  Cost therefore scales with delivered photons.
 *
 * A signal enters the channel when it is sent, or at its emission time if
 * the source stamped one in the future (a pulse train generated in one
 * event: each pulse then arrives at its own emission time plus the travel
 * time, without an event per pulse at the source).
 *
 * Signals in flight between a pair of devices wait in a per-pair FIFO queue
 * and only its head has a scheduler event, so the ns-3 event list holds one
 * event per busy pair however many photons are in the fibre.
 */
class QuantumChannel : public Channel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for a delivered signal.
     * @param signal the signal
     * @param delay its total travel time: arrival minus entry into the channel
     *        (propagation delay plus the chain's delays and any FIFO hold-back)
     */
    typedef void (*DeliveredTracedCallback)(Ptr<const QuantumSignal> signal, Time delay);

    /**
     * TracedCallback signature for a sent or lost signal.
     * @param signal the signal
     */
    typedef void (*SignalTracedCallback)(Ptr<const QuantumSignal> signal);

    QuantumChannel();
    ~QuantumChannel() override;

    /**
     * Called by QuantumNetDevice::Attach.
     * @param device the device
     */
    void AddDevice(Ptr<QuantumNetDevice> device);

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

    /**
     * Append a model to the chain (applied after those already added).
     * @param model the model
     */
    void AddModel(Ptr<QuantumChannelModel> model);

    /** @return the first model of the chain (or nullptr) */
    Ptr<QuantumChannelModel> GetFirstModel() const;

    /**
     * Send a signal; called by QuantumNetDevice::SendSignal.
     * @param signal the signal
     * @param source the sending device
     * @param destination the receiving device, or nullptr for the other end
     */
    void Transmit(Ptr<QuantumSignal> signal,
                  Ptr<QuantumNetDevice> source,
                  Ptr<QuantumNetDevice> destination);

    /**
     * @param source sending device
     * @param destination receiving device
     * @return the path length in metres
     */
    virtual double GetLengthMeters(Ptr<const QuantumNetDevice> source,
                                   Ptr<const QuantumNetDevice> destination) const;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return length / group velocity
     */
    virtual Time GetPropagationDelay(Ptr<const QuantumNetDevice> source,
                                     Ptr<const QuantumNetDevice> destination) const;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return the total transmittance, intrinsic loss times the chain's
     */
    double GetTransmittance(Ptr<const QuantumNetDevice> source,
                            Ptr<const QuantumNetDevice> destination) const;

    /** @return the state engine the channel acts on */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /**
     * @param stream first stream index
     * @return the number of streams used (the channel's and its models')
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

    /** @return the insertion loss in dB ("InsertionLossDb") */
    double GetInsertionLossDb() const;

    /**
     * @param context the transmission
     * @return the transmittance of the medium itself (fibre attenuation and insertion loss)
     */
    virtual double GetIntrinsicTransmittance(const QuantumChannelContext& context) const;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return the context the models see
     */
    QuantumChannelContext MakeContext(Ptr<const QuantumNetDevice> source,
                                      Ptr<const QuantumNetDevice> destination) const;

  private:
    /** A signal in flight between a pair of devices. */
    struct InFlight
    {
        Time arrival;              //!< absolute arrival time
        Time travel;               //!< arrival minus entry into the channel
        Ptr<QuantumSignal> signal; //!< the signal
    };

    /**
     * The signals in flight from one device to another, in arrival order.
     * Only the head has a scheduler event, so the ns-3 event queue holds one
     * event per busy pair, however many photons are in the fibre.
     */
    struct PairQueue
    {
        std::deque<InFlight> queue; //!< signals in flight, FIFO
        Time lastArrival;           //!< arrival time of the last signal sent (FIFO order)
        bool delivering = false;    //!< DeliverPending is running for this pair
    };

    /**
     * @param si index of the sending device
     * @param di index of the receiving device
     * @return the pair's queue
     */
    PairQueue& GetPair(std::size_t si, std::size_t di);

    /**
     * Hand every signal of the pair that has arrived to the receiving device
     * (scheduled in the receiving node's context), then schedule the next.
     * @param si index of the sending device
     * @param di index of the receiving device
     */
    void DeliverPending(uint32_t si, uint32_t di);

    /**
     * @param source sending device
     * @param destination requested destination (may be null)
     * @return the destination device
     */
    Ptr<QuantumNetDevice> ResolveDestination(Ptr<QuantumNetDevice> source,
                                             Ptr<QuantumNetDevice> destination) const;

    std::vector<Ptr<QuantumNetDevice>> m_devices; //!< attached devices
    std::vector<PairQueue> m_pairs;               //!< per (src, dst) pair, index src * n + dst
    Ptr<QuantumChannelModel> m_firstModel;        //!< chain head
    Ptr<QuantumStateRegistry> m_registry;         //!< the state engine (default if unset)
    double m_lengthKm;                            //!< fibre length
    double m_groupVelocity;                       //!< group velocity (m/s)
    double m_attenuationDbPerKm;                  //!< fibre attenuation
    double m_insertionLossDb;                     //!< insertion loss
    Ptr<UniformRandomVariable> m_uniform;         //!< loss sampling
    mutable double m_cachedLossInputs[3];  //!< length, attenuation, insertion loss of m_cachedEta
    mutable double m_cachedEta;            //!< intrinsic transmittance for those inputs
    mutable double m_cachedDelayInputs[2]; //!< length and group velocity of m_cachedDelay
    mutable Time m_cachedDelay;            //!< propagation delay for those inputs
    TracedCallback<Ptr<const QuantumSignal>> m_sentTrace;            //!< sent
    TracedCallback<Ptr<const QuantumSignal>> m_lostTrace;            //!< lost
    TracedCallback<Ptr<const QuantumSignal>, Time> m_deliveredTrace; //!< delivered
};

inline QuantumChannel::PairQueue&
QuantumChannel::GetPair(std::size_t si, std::size_t di)
{
    return m_pairs[si * m_devices.size() + di];
}

} // namespace ns3

#endif /* QUANTUM_CHANNEL_H */
