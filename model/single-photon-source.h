/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SINGLE_PHOTON_SOURCE_H
#define SINGLE_PHOTON_SOURCE_H

#include "measurement-basis.h"
#include "quantum-linalg.h"
#include "quantum-signal.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief A triggered (heralded or deterministic) single-photon source:
 * quantum dot, colour centre, or heralded SPDC, described by its efficiency
 * and its multi-photon probability.
 *
 * On each trigger the source emits nothing with probability 1 - Efficiency,
 * else one photon, or two with probability MultiPhotonProbability:
 *
 *   P(0) = 1 - e,  P(1) = e (1 - m),  P(2) = e m,
 *
 * so that g2(0) = ⟨n(n-1)⟩ / ⟨n⟩^2 = 2 e m / (e (1 + m))^2
 * (GetSecondOrderCoherence; Loudon 2000, section 6.4).
 *
 *  - EmitMode(basis, bit) returns a MODE pulse with FOCK statistics of the
 *    drawn photon number (0, 1 or 2; a vacuum pulse for 0, so receivers still
 *    open their gate), for prepare-and-measure protocols.
 *  - EmitQubit(state) returns a QUBIT photon in the given single-qubit state,
 *    created in the state engine, or nullptr when no photon was emitted.
 *    Multi-photon emission is a MODE-only feature and is ignored here: a
 *    register of qubits describes one photon's polarization (or time bin), not
 *    a superposition or mixture of photon numbers, so a two-photon term cannot
 *    be carried by a qubit signal.  Use EmitMode for multi-photon statistics.
 *
 * Every trigger advances a pulse counter (SetTimeBin of the signal) and
 * stamps the emission time (Simulator::Now()) and wavelength.
 */
class SinglePhotonSource : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for a trigger (ground truth).
     * @param pulseIndex the trigger's pulse index
     * @param photons the emitted photon number
     */
    typedef void (*TriggerTracedCallback)(uint64_t pulseIndex, uint32_t photons);

    /**
     * TracedCallback signature for an emitted signal.
     * @param signal the signal
     */
    typedef void (*EmissionTracedCallback)(Ptr<const QuantumSignal> signal);

    /** Value of the Formalism attribute meaning "the registry's default". */
    static constexpr int FORMALISM_DEFAULT = 255;

    SinglePhotonSource();
    ~SinglePhotonSource() override;

    /**
     * Trigger the source for a prepare-and-measure pulse.
     * @param basis encoded basis (0: Z, 1: X)
     * @param bit encoded bit
     * @return a FOCK MODE pulse of 0, 1 or 2 photons
     */
    Ptr<QuantumSignal> EmitMode(uint8_t basis, uint8_t bit);

    /**
     * Trigger the source for a photon carrying a qubit.
     * @param state a normalised single-qubit state (2 amplitudes)
     * @return the photon, or nullptr if none was emitted
     */
    Ptr<QuantumSignal> EmitQubit(const QVector& state);

    /**
     * Trigger the source for a photon in an eigenstate of a basis.
     * @param basis the basis
     * @param bit the eigenstate (0 or 1)
     * @return the photon, or nullptr if none was emitted
     */
    Ptr<QuantumSignal> EmitQubit(const MeasurementBasis& basis, uint32_t bit);

    /**
     * @param n a photon number
     * @return the probability that a trigger emits n photons
     */
    double GetPhotonNumberProbability(uint32_t n) const;

    /** @return g2(0) of the emitted light, 2 P(2) / (P(1) + 2 P(2))^2 (0 if nothing is emitted) */
    double GetSecondOrderCoherence() const;

    /** @return the number of triggers so far (the next pulse index) */
    uint64_t GetPulseCount() const;

    /** @param efficiency the probability that a trigger yields a photon, in [0, 1] */
    void SetEfficiency(double efficiency);
    /** @return the efficiency */
    double GetEfficiency() const;
    /** @param p the probability of two photons given an emission, in [0, 1] */
    void SetMultiPhotonProbability(double p);
    /** @return the multi-photon probability */
    double GetMultiPhotonProbability() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** @return the emitted photon number of one trigger (0, 1, 2) */
    uint32_t DrawPhotonNumber();

    /**
     * Stamp a signal with time, wavelength and pulse index, and trace it.
     * @param signal the signal
     * @param pulseIndex the trigger's pulse index
     */
    void Stamp(Ptr<QuantumSignal> signal, uint64_t pulseIndex);

    /** @return the registry photons are created in */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    double m_efficiency;                               //!< P(at least one photon)
    double m_multiPhoton;                              //!< P(two photons | emission)
    double m_wavelengthNm;                             //!< wavelength in nm
    int m_formalism;                                   //!< QuantumFormalism, or FORMALISM_DEFAULT
    QuantumSignal::Encoding m_encoding;                //!< photonic encoding of QUBIT photons
    uint64_t m_pulseIndex;                             //!< next pulse index
    Ptr<QuantumStateRegistry> m_registry;              //!< state engine (default if unset)
    Ptr<UniformRandomVariable> m_uniform;              //!< emission draws
    TracedCallback<uint64_t, uint32_t> m_triggerTrace; //!< triggers
    TracedCallback<Ptr<const QuantumSignal>> m_emissionTrace; //!< emitted signals
};

} // namespace ns3

#endif /* SINGLE_PHOTON_SOURCE_H */
