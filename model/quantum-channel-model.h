/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_CHANNEL_MODEL_H
#define QUANTUM_CHANNEL_MODEL_H

#include "kraus-channel.h"
#include "quantum-signal.h"

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief What a channel model may know about one transmission.
 */
struct QuantumChannelContext
{
    double lengthMeters;                  //!< path length
    Time propagationDelay;                //!< length / group velocity
    Ptr<Node> sender;                     //!< sending node
    Ptr<Node> receiver;                   //!< receiving node
    Ptr<QuantumStateRegistry> registry;   //!< the state engine
};

/**
 * @ingroup quantum
 * @brief One link of a QuantumChannel's chain of loss, noise and delay
 * models, in the spirit of ns3::PropagationLossModel::SetNext.
 *
 * The channel asks the chain, in the order the models were added (FIFO), for
 * the product of their transmittances, then lets each model act on a
 * surviving signal (noise) and add delay.  Subclasses override the Do*
 * methods they need.
 */
class QuantumChannelModel : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumChannelModel();
    ~QuantumChannelModel() override;

    /**
     * @param next the model applied after this one
     */
    void SetNext(Ptr<QuantumChannelModel> next);

    /** @return the model applied after this one */
    Ptr<QuantumChannelModel> GetNext() const;

    /**
     * @param context the transmission
     * @return the product of the transmittances of this model and the rest of the chain
     */
    double GetTransmittance(const QuantumChannelContext& context) const;

    /**
     * Apply noise and delay of this model and the rest of the chain to a
     * signal that survived the loss.
     * @param signal the signal
     * @param context the transmission
     * @return the extra delay added by the chain
     */
    Time Apply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context);

    /**
     * @param stream first stream index
     * @return the number of streams used by this model and the rest of the chain
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Apply a noise channel to a signal: through the state engine for a
     * QUBIT photon, composed into the Pauli noise of a MODE pulse.
     * @param signal the signal
     * @param channel a one-qubit channel (a Pauli channel for MODE pulses)
     * @param context the transmission
     */
    static void ApplyNoise(Ptr<QuantumSignal> signal,
                           const KrausChannel& channel,
                           const QuantumChannelContext& context);

  protected:
    void DoDispose() override;

    /**
     * @param context the transmission
     * @return this model's transmittance (default 1)
     */
    virtual double DoGetTransmittance(const QuantumChannelContext& context) const;

    /**
     * @param signal the signal
     * @param context the transmission
     * @return this model's extra delay (default 0)
     */
    virtual Time DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context);

    /**
     * @param stream first stream index
     * @return the number of streams this model uses (default 0)
     */
    virtual int64_t DoAssignStreams(int64_t stream);

  private:
    Ptr<QuantumChannelModel> m_next; //!< next model of the chain
};

} // namespace ns3

#endif /* QUANTUM_CHANNEL_MODEL_H */
