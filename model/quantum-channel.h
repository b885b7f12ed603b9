/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_CHANNEL_H
#define QUANTUM_CHANNEL_H

#include "quantum-channel-model.h"
#include "quantum-signal.h"

#include "ns3/channel.h"
#include "ns3/event-impl.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

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
 * event per busy pair however many photons are in the fibre.  That event is
 * one reusable ns3::EventImpl per pair, rescheduled for each arrival time
 * (no allocation per photon).
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
    void Transmit(const Ptr<QuantumSignal>& signal,
                  const Ptr<QuantumNetDevice>& source,
                  const Ptr<QuantumNetDevice>& destination);

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
     * The scheduler event of one pair of devices: a single EventImpl
     * rescheduled for the arrival of each queue head.  It refers to its
     * channel without owning it; the channel detaches it when disposed, so
     * an event still in the scheduler then does nothing.
     */
    class DeliveryEvent : public EventImpl
    {
      public:
        /**
         * @param channel the channel
         * @param si index of the sending device
         * @param di index of the receiving device
         */
        DeliveryEvent(QuantumChannel* channel, uint32_t si, uint32_t di);
        /** The channel is going away: do nothing when invoked. */
        void Detach();

      protected:
        void Notify() override;

      private:
        QuantumChannel* m_channel; //!< the channel, or null once detached
        uint32_t m_si;             //!< sending device index
        uint32_t m_di;             //!< receiving device index
    };

    /**
     * The signals in flight from one device to another, in arrival order, in
     * a ring buffer (capacity a power of two).  Only the head has a scheduler
     * event, so the ns-3 event queue holds one event per busy pair, however
     * many photons are in the fibre.
     */
    struct PairQueue
    {
        std::vector<InFlight> ring; //!< ring buffer storage
        std::size_t mask = 0;       //!< ring capacity minus one (0 before the first push)
        std::size_t head = 0;       //!< index of the oldest signal
        std::size_t count = 0;      //!< signals in flight
        Time lastArrival;           //!< arrival time of the last signal sent (FIFO order)
        bool delivering = false;    //!< DeliverPending is running for this pair
        Ptr<DeliveryEvent> event;   //!< this pair's scheduler event (created on first use)

        /** @return true if no signal is in flight */
        bool Empty() const
        {
            return count == 0;
        }

        /** @return the oldest signal in flight */
        InFlight& Front()
        {
            return ring[head];
        }

        /**
         * Append a signal entering the fibre at the tail.
         * @param arrival absolute arrival time
         * @param travel arrival minus entry into the channel
         * @param signal the signal
         */
        void Push(Time arrival, Time travel, const Ptr<QuantumSignal>& signal)
        {
            if (count == ring.size())
            {
                Grow();
            }
            InFlight& f = ring[(head + count) & mask];
            f.arrival = arrival;
            f.travel = travel;
            f.signal = signal;
            ++count;
        }

        /** Double the capacity (at least 16), oldest signal first. */
        void Grow();

        /** @return the oldest signal, removed from the queue */
        InFlight Pop()
        {
            InFlight f = std::move(ring[head]);
            head = (head + 1) & mask;
            --count;
            return f;
        }
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
     * Detach and drop the pairs' scheduler events.
     */
    void DetachEvents();

    /**
     * @param lengthMeters a fibre length
     * @return length / group velocity (cached)
     */
    Time DelayForLength(double lengthMeters) const;

    /**
     * @param lengthMeters a fibre length
     * @return 10^(-(alpha L + IL) / 10) (cached)
     */
    double EtaForLength(double lengthMeters) const;

    /**
     * @param source sending device
     * @param destination requested destination (may be null)
     * @return the index of the destination device
     */
    std::size_t ResolveDestination(const Ptr<QuantumNetDevice>& source,
                                   const Ptr<QuantumNetDevice>& destination) const;

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
    int8_t m_plainType;                    //!< 1: the object is a QuantumChannel, not a subclass;
                                           //!< 0: a subclass; -1: not checked yet
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
