/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_SIGNAL_H
#define QUANTUM_SIGNAL_H

#include "kraus-channel.h"
#include "qubit-handle.h"

#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief What travels on a QuantumChannel: one optical pulse.
 *
 * A signal is either
 *  - a QUBIT photon: a single photon whose polarization or time-bin degree of
 *    freedom is a qubit of the QuantumStateRegistry (possibly entangled with a
 *    stored qubit); loss erases the qubit and noise acts on it as a channel; or
 *  - a MODE pulse for prepare-and-measure protocols: a photon-number
 *    distribution (Fock, Poisson or thermal with a mean photon number) carrying
 *    an encoded basis and bit.  Loss is kept exactly as a transmittance (binomial
 *    thinning maps Poisson(mu) to Poisson(eta mu), thermal to thermal and
 *    Fock(n) to Binomial(n, eta)), and noise as a single-qubit Pauli channel
 *    composed along the way, so a detector can compute exact click and error
 *    probabilities.
 *
 * A MODE signal can also stand for a *pulse train*: N identical pulses
 * emitted GetPulsePeriod() apart, the first at the emission time
 * (SetPulseTrain).  The channel treats the train as one signal (one event,
 * one transmittance, one noise channel, FIFO up to its last pulse), and
 * SinglePhotonDetector::DetectTrain samples which pulses click by geometric
 * skipping, so the cost of a train grows with its clicks, not its pulses.
 *
 * Signals are reference counted (SimpleRefCount: no Object, no virtual
 * functions) and never copied by the channel; their memory comes from a
 * per-thread free list, since a pulse train may put thousands of them in
 * flight at once.  The fields
 * marked "ground truth" (intensity label, encoded basis and bit) are what the
 * sender prepared; receivers must only use what their detectors report.
 */
class QuantumSignal : public SimpleRefCount<QuantumSignal>
{
  public:
    /** Signal kinds. */
    enum Kind
    {
        QUBIT, //!< a single photon carrying a registry qubit
        MODE,  //!< a pulse described by its photon-number distribution
    };

    /** Photon-number statistics of a MODE pulse. */
    enum Statistics
    {
        FOCK,    //!< exactly n photons (n = mean photon number, an integer)
        POISSON, //!< coherent state (laser pulse)
        THERMAL, //!< single-mode thermal (one arm of SPDC)
    };

    /** Photonic encodings. */
    enum Encoding
    {
        POLARIZATION, //!< H/V (Z), D/A (X)
        TIME_BIN,     //!< early/late (Z), phase (X)
    };

    /**
     * A photon carrying a qubit.
     * @param qubit the registry qubit
     * @param encoding its photonic encoding
     * @return the signal
     */
    static Ptr<QuantumSignal> CreateQubit(QubitHandle qubit, Encoding encoding = POLARIZATION);

    /**
     * A prepare-and-measure pulse.
     * @param statistics photon-number statistics
     * @param meanPhotonNumber mean photon number (>= 0; an integer for FOCK)
     * @param basis encoded basis (0: Z, 1: X)
     * @param bit encoded bit
     * @return the signal
     */
    static Ptr<QuantumSignal> CreateMode(Statistics statistics,
                                         double meanPhotonNumber,
                                         uint8_t basis,
                                         uint8_t bit);

    /** @return the kind */
    Kind GetKind() const
    {
        return m_kind;
    }

    /** @return a unique id */
    uint64_t GetId() const
    {
        return m_id;
    }

    /** @return the qubit (QUBIT signals) */
    QubitHandle GetQubit() const
    {
        return m_qubit;
    }

    /** @return the encoding */
    Encoding GetEncoding() const
    {
        return m_encoding;
    }

    /** @return the photon-number statistics (MODE signals) */
    Statistics GetStatistics() const
    {
        return m_statistics;
    }

    /** @return the mean photon number at emission (MODE signals) */
    double GetMeanPhotonNumber() const
    {
        return m_mean;
    }

    /** @return the mean photon number after the loss so far: transmittance x emitted mean */
    double GetArrivingMeanPhotonNumber() const
    {
        return m_mean * m_transmittance;
    }

    /** @return the encoded basis (ground truth) */
    uint8_t GetBasis() const
    {
        return m_basis;
    }

    /** @return the encoded bit (ground truth) */
    uint8_t GetBit() const
    {
        return m_bit;
    }

    /** @return the product of all transmittances applied so far (MODE) */
    double GetTransmittance() const
    {
        return m_transmittance;
    }

    /**
     * Multiply the transmittance (MODE signals; QUBIT loss is sampled by the channel).
     * @param eta a transmittance in [0, 1]
     */
    void ApplyTransmittance(double eta)
    {
        if (!(eta >= 0 && eta <= 1))
        {
            AbortBadTransmittance(eta);
        }
        m_transmittance *= eta;
    }

    /**
     * Compose a single-qubit Pauli channel into the noise a MODE pulse carries.
     * @param channel a one-qubit Pauli channel (aborts otherwise)
     */
    void ComposePauliNoise(const KrausChannel& channel);

    /** @return the accumulated Pauli probabilities (I, X, Y, Z) of a MODE pulse */
    const std::array<double, 4>& GetPauliNoise() const
    {
        return m_noise;
    }

    /**
     * @param basis a measurement basis (0: Z, 1: X) equal to the encoded one
     * @return the probability that the noise flips the encoded bit in that basis
     */
    double GetFlipProbability(uint8_t basis) const
    {
        // Z-basis states are flipped by X and Y; X-basis states by Z and Y.
        return basis == 0 ? m_noise[1] + m_noise[2] : m_noise[3] + m_noise[2];
    }

    /** @return the emission time */
    Time GetEmissionTime() const
    {
        return m_emission;
    }

    /** @param t the emission time */
    void SetEmissionTime(Time t)
    {
        m_emission = t;
    }

    /** @return the wavelength in metres */
    double GetWavelengthMeters() const
    {
        return m_wavelength;
    }

    /** @param lambda the wavelength in metres (> 0) */
    void SetWavelengthMeters(double lambda);

    /** @return the time-bin index (or pulse index) set by the source */
    uint64_t GetTimeBin() const
    {
        return m_timeBin;
    }

    /** @param bin the time-bin index */
    void SetTimeBin(uint64_t bin)
    {
        m_timeBin = bin;
    }

    /**
     * Make this MODE signal a train of identical pulses: pulse i is emitted at
     * GetEmissionTime() + i * period and reaches the receiver period apart.
     * Aborts for a QUBIT signal (each photon carries its own qubit), for zero
     * pulses, and for a non-positive period when pulses > 1.
     * @param pulses number of pulses (>= 1; 1 is an ordinary pulse)
     * @param period time between consecutive pulses
     */
    void SetPulseTrain(uint64_t pulses, Time period);

    /** @return the number of pulses this signal stands for (1 unless a train) */
    uint64_t GetPulseCount() const
    {
        return m_pulses;
    }

    /** @return the time between consecutive pulses of a train (zero for one pulse) */
    Time GetPulsePeriod() const
    {
        return m_period;
    }

    /**
     * Add an independent per-pulse timing spread: a channel's timing jitter
     * cannot delay each pulse of a train separately, so it records the
     * variance here and the detector adds it to each click's time stamp.
     * @param varianceSeconds2 variance to add, in s^2 (>= 0)
     */
    void AddTimingVariance(double varianceSeconds2);

    /** @return the accumulated per-pulse timing variance, in s^2 */
    double GetTimingVariance() const
    {
        return m_timingVariance;
    }

    /** @return the quantum port the receiving device dispatches on */
    uint16_t GetPort() const
    {
        return m_port;
    }

    /** @param port the destination quantum port */
    void SetPort(uint16_t port)
    {
        m_port = port;
    }

    /** @return the intensity label of a decoy-state source (ground truth) */
    uint32_t GetIntensityLabel() const
    {
        return m_intensityLabel;
    }

    /** @param label the intensity label */
    void SetIntensityLabel(uint32_t label)
    {
        m_intensityLabel = label;
    }

    /**
     * Allocation from a per-thread free list of signal-sized blocks: a pulse
     * train puts thousands of signals in flight at once, more than the
     * allocator's per-thread cache holds.  Behaves like the global operator
     * new (bad_alloc on failure).
     * @param size bytes (sizeof(QuantumSignal) unless a subclass)
     * @return the memory
     */
    static void* operator new(std::size_t size);

    /**
     * Return a block to the free list (bounded; beyond it to the global heap).
     * @param p the memory
     * @param size bytes
     */
    static void operator delete(void* p, std::size_t size);

  private:
    QuantumSignal();

    /**
     * Abort for a transmittance outside [0, 1] (out of line: the check is inlined).
     * @param eta the bad value
     */
    [[noreturn]] static void AbortBadTransmittance(double eta);

    Kind m_kind;                   //!< kind
    uint64_t m_id;                 //!< unique id
    QubitHandle m_qubit;           //!< qubit of a QUBIT signal
    Encoding m_encoding;           //!< photonic encoding
    Statistics m_statistics;       //!< photon-number statistics (MODE)
    double m_mean;                 //!< mean photon number at emission (MODE)
    double m_transmittance;        //!< accumulated transmittance (MODE)
    std::array<double, 4> m_noise; //!< accumulated Pauli noise (MODE)
    uint8_t m_basis;               //!< encoded basis (MODE, ground truth)
    uint8_t m_bit;                 //!< encoded bit (MODE, ground truth)
    Time m_emission;               //!< emission time
    double m_wavelength;           //!< wavelength in metres
    uint64_t m_timeBin;            //!< time-bin / pulse index
    uint16_t m_port;               //!< destination quantum port
    uint32_t m_intensityLabel;     //!< decoy intensity label (ground truth)
    uint64_t m_pulses;             //!< pulses in the train (1: a single pulse)
    Time m_period;                 //!< pulse period of a train
    double m_timingVariance;       //!< per-pulse timing variance of a train, s^2
};

} // namespace ns3

#endif /* QUANTUM_SIGNAL_H */
