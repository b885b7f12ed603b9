/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_TRANSDUCER_H
#define QUANTUM_TRANSDUCER_H

#include "quantum-signal.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief Converts a signal between platforms or wavelengths (for example a
 * superconducting qubit's microwave photon to a telecom optical photon).
 *
 * A conversion takes Latency and then calls the caller's callback with the
 * converted signal, whose wavelength is set to OutputWavelengthNm:
 *  - QUBIT signal: with probability Efficiency the photon is converted and
 *    its qubit goes through KrausChannel::Depolarizing(AddedNoise);
 *    otherwise the photon is lost, its qubit erased (the signal is still
 *    handed on, so that a detector registers the absence of the photon);
 *  - MODE signal: loss is exact, the transmittance is multiplied by
 *    Efficiency, and Depolarizing(AddedNoise) is composed into the pulse's
 *    Pauli noise.
 */
class QuantumTransducer : public Object
{
  public:
    /** Callback receiving the converted signal. */
    using ConvertedCallback = Callback<void, Ptr<QuantumSignal>>;

    /**
     * TracedCallback signature for conversions.
     * @param signal the signal
     */
    typedef void (*SignalTracedCallback)(Ptr<const QuantumSignal> signal);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumTransducer();
    ~QuantumTransducer() override;

    /**
     * Convert a signal; done is called after Latency.
     * @param signal the signal (a QUBIT signal must carry a live, non-erased qubit)
     * @param done receives the converted (or lost) signal
     */
    void Convert(Ptr<QuantumSignal> signal, ConvertedCallback done);

    /** @return the state registry used */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1: photon loss)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * The conversion, after the latency.
     * @param signal the signal
     * @param done the caller's callback
     */
    void Finish(Ptr<QuantumSignal> signal, ConvertedCallback done);

    double m_efficiency;                                       //!< conversion efficiency
    double m_addedNoise;                                       //!< depolarizing probability
    Time m_latency;                                            //!< latency
    double m_wavelengthNm;                                     //!< output wavelength
    Ptr<QuantumStateRegistry> m_registry;                      //!< the state engine (null: default)
    Ptr<UniformRandomVariable> m_rng;                          //!< photon loss
    TracedCallback<Ptr<const QuantumSignal>> m_convertedTrace; //!< Converted
    TracedCallback<Ptr<const QuantumSignal>> m_lostTrace;      //!< Lost
};

} // namespace ns3

#endif /* QUANTUM_TRANSDUCER_H */
