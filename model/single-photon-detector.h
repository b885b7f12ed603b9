/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SINGLE_PHOTON_DETECTOR_H
#define SINGLE_PHOTON_DETECTOR_H

#include "quantum-signal.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class QuantumStateRegistry;

/**
 * @ingroup quantum
 * @brief What a detector reports for one detection gate.
 *
 * Only what real detector electronics know: whether it clicked, the count it
 * reports, the time stamp, and whether the gate fell into its own dead time.
 * Whether a click came from a signal photon or from a dark count is ground
 * truth and is available only through the detector's trace sources.
 */
struct DetectionResult
{
    bool clicked{false}; //!< the detector clicked in this gate
    uint32_t photons{0}; //!< reported count: PNR: detected photons plus noise counts; else 0/1
    Time clickTime;      //!< time stamp of the click (gate time plus jitter); the gate time if none
    bool blind{false};   //!< the gate fell into the dead time of an earlier click
};

/**
 * @ingroup quantum
 * @brief One click of a pulse train (SinglePhotonDetector::DetectTrain).
 */
struct TrainClick
{
    uint64_t pulse{0};   //!< index of the pulse whose gate clicked (0 = first pulse)
    Time clickTime;      //!< time stamp: the pulse's gate time plus jitter
    uint32_t photons{0}; //!< reported count (1 for a threshold detector)
};

/**
 * @ingroup quantum
 * @brief What a detector reports for a pulse train: one gate per pulse.
 */
struct TrainDetectionResult
{
    uint64_t gates{0};              //!< gates opened (the pulses of the train)
    uint64_t blindGates{0};         //!< gates that fell into the dead time of a click
    std::vector<TrainClick> clicks; //!< the clicks, in pulse order
};

/**
 * @ingroup quantum
 * @brief A gated single-photon detector (SPAD, SNSPD or photon-number
 * resolving detector) with efficiency, dark counts, dead time, after-pulsing
 * and timing jitter.
 *
 * An ns3::Object that can be aggregated to a Node or owned by an application
 * or an analyzer.  Each call of Detect() (or DetectPhotons(), DetectDarkOnly())
 * is one detection gate at Simulator::Now():
 *
 *  1. Dead time: if a click happened at t_c and now < t_c + DeadTime, the gate
 *     is blind: no click at all, neither from signal nor from noise.  Dead
 *     time, after-pulse window and gates are measured on the true gate times
 *     (the jitter only affects the reported time stamp).  Every click (signal,
 *     dark count or after-pulse) starts a dead time.
 *  2. Signal: the number of detected photons is drawn exactly from the pulse's
 *     statistics thinned by its transmittance T and the efficiency eta
 *     (PhotonNumberStatistics): Poisson(eta T mu), thermal with mean eta T mu,
 *     Binomial(n, eta T) for Fock n; a QUBIT photon is one photon (none if its
 *     qubit was erased by loss) detected with probability eta.
 *  3. Dark count with probability p_dark per gate, where
 *     p_dark = 1 - exp(-DarkCountRateHz x GateWidth) if DarkCountRateHz > 0
 *     (the rate wins), else p_dark = DarkCountProbability.
 *  4. After-pulse: if a click happened at t_c and t_c + DeadTime <= now <
 *     t_c + AfterpulseWindow, the gate clicks with the extra, independent
 *     probability AfterpulseProbability.
 *
 * A threshold detector clicks if at least one photon is detected or a noise
 * count occurs, so with no dead time or after-pulse
 *
 *   P(click) = 1 - (1 - p_dark) G(1 - eta),
 *
 * G the photon-number generating function (ClickProbability).  A
 * photon-number-resolving (PNR) detector reports the detected photons plus
 * one count for a dark count and one for an after-pulse.  The click time is
 * now + N(0, TimingJitter^2); with ns-3's default time resolution (1 ns)
 * sub-nanosecond jitter rounds away: call Time::SetResolution(Time::PS) at
 * the top of a script that needs picosecond time stamps.
 *
 * DetectTrain() opens one gate per pulse of a pulse train
 * (QuantumSignal::SetPulseTrain), with the same model.  For a threshold
 * detector without after-pulsing and with no Gate trace sink, it draws the
 * number of silent gates before the next click from the geometric
 * distribution of P(click) (Devroye 1986, ch. X.2: inversion, one uniform per
 * click) and skips the gates blinded by each click's dead time, so its cost
 * is proportional to the clicks; otherwise it walks the gates one by one.
 * Both give the same distribution of clicks.
 *
 * Detection is destructive: the qubit of a QUBIT photon is discarded in the
 * state engine (partial trace, which is what absorption without a
 * polarization measurement does to an entangled partner), whether or not the
 * detector clicked.
 */
class SinglePhotonDetector : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * TracedCallback signature for a click (ground truth included).
     * @param clickTime the reported click time (with jitter)
     * @param photons the reported count
     * @param isDark true if no signal photon was detected (dark count or after-pulse)
     */
    typedef void (*ClickTracedCallback)(Time clickTime, uint32_t photons, bool isDark);

    /**
     * TracedCallback signature for a detection gate (ground truth).
     * @param gateTime the gate time
     * @param signalPhotons signal photons detected in the gate (0 if blind)
     * @param blind true if the gate fell into the dead time
     */
    typedef void (*GateTracedCallback)(Time gateTime, uint32_t signalPhotons, bool blind);

    /**
     * TracedCallback signature for an after-pulse (ground truth).
     * @param gateTime the gate time
     */
    typedef void (*AfterpulseTracedCallback)(Time gateTime);

    SinglePhotonDetector();
    ~SinglePhotonDetector() override;

    /**
     * One detection gate, now, for an arriving signal.  A QUBIT photon's
     * qubit is discarded (or, if erased, its handle freed).
     * @param signal the arriving signal
     * @return what the detector reports
     */
    DetectionResult Detect(Ptr<const QuantumSignal> signal);

    /**
     * One detection gate, now, with n photons reaching the detector (each
     * detected with probability Efficiency).  Used by analyzers and
     * heralding stations that route photons themselves.
     * @param n arriving photons
     * @return what the detector reports
     */
    DetectionResult DetectPhotons(uint32_t n);

    /**
     * One gate per pulse of a MODE pulse train that arrives now (its first
     * pulse now, the others GetPulsePeriod() apart; a single pulse is a train
     * of one).  The gates after now are decided at once, so a Detect() call
     * before the train's last gate must not follow; the dead time and
     * after-pulse state carry over to later gates.  Each click's time stamp
     * adds the signal's timing variance (a channel's jitter) to TimingJitter.
     * A QUBIT photon is detected as by Detect().
     * @param signal the arriving train
     * @return the gates, blind gates and clicks
     */
    TrainDetectionResult DetectTrain(Ptr<const QuantumSignal> signal);

    /**
     * One detection gate, now, with no signal (dark counts and after-pulses only).
     * @return what the detector reports
     */
    DetectionResult DetectDarkOnly();

    /**
     * @return true if a gate now would be blind (the dead time of the last
     *         click has not elapsed); the detector electronics know this
     */
    bool IsInDeadTime() const;

    /**
     * Threshold-detector click probability, without dead time or after-pulsing:
     *   1 - (1 - pDark) G(1 - efficiency),
     * G = exp(-eta mu) (Poisson), 1 / (1 + eta mu) (thermal), (1 - eta)^n (Fock n).
     * @param statistics photon-number statistics of the arriving light
     * @param meanArrivingPhotons mean arriving photon number (the photon number
     *        n for FOCK, which must be an integer)
     * @param efficiency detection efficiency, in [0, 1]
     * @param pDark dark-count probability per gate, in [0, 1]
     * @return the click probability
     */
    static double ClickProbability(QuantumSignal::Statistics statistics,
                                   double meanArrivingPhotons,
                                   double efficiency,
                                   double pDark);

    /**
     * The same for a signal as it arrives, with its transmittance (a Fock
     * pulse of n photons and transmittance T gives 1 - (1 - pDark)(1 - eta T)^n;
     * a QUBIT photon counts as one photon: 1 - (1 - pDark)(1 - eta)).
     * @param signal the signal
     * @param efficiency detection efficiency
     * @param pDark dark-count probability per gate
     * @return the click probability
     */
    static double ClickProbability(Ptr<const QuantumSignal> signal,
                                   double efficiency,
                                   double pDark);

    /**
     * @param darkCountRateHz dark-count rate, Hz (>= 0)
     * @param gateWidth the detection gate
     * @return 1 - exp(-rate x gate)
     */
    static double DarkCountProbabilityFromRate(double darkCountRateHz, Time gateWidth);

    /**
     * Ground truth, for analysis: uses the registry to see whether a QUBIT
     * photon was erased (then only a dark count can click).
     * @param signal a signal
     * @return this detector's click probability for it in a live gate
     *         without after-pulse (ClickProbability with its attributes)
     */
    double GetClickProbability(Ptr<const QuantumSignal> signal) const;

    /** @param efficiency detection efficiency, in [0, 1] */
    void SetEfficiency(double efficiency);
    /** @return the detection efficiency */
    double GetEfficiency() const;
    /** @param p dark-count probability per gate, in [0, 1] (used when DarkCountRateHz is 0) */
    void SetDarkCountProbability(double p);
    /** @return the configured DarkCountProbability (see GetEffectiveDarkCountProbability) */
    double GetDarkCountProbability() const;
    /** @param rateHz dark-count rate in Hz (>= 0; when > 0 it overrides DarkCountProbability) */
    void SetDarkCountRateHz(double rateHz);
    /** @return the dark-count rate in Hz */
    double GetDarkCountRateHz() const;
    /** @param gate the gate width (>= 0), used with DarkCountRateHz */
    void SetGateWidth(Time gate);
    /** @return the gate width */
    Time GetGateWidth() const;
    /**
     * @return the dark-count probability per gate actually used:
     *         1 - exp(-DarkCountRateHz x GateWidth) if the rate is > 0, else
     *         DarkCountProbability
     */
    double GetEffectiveDarkCountProbability() const;
    /** @param deadTime the dead time (>= 0; 0: none) */
    void SetDeadTime(Time deadTime);
    /** @return the dead time */
    Time GetDeadTime() const;
    /** @param jitter the Gaussian standard deviation of the click time (>= 0) */
    void SetTimingJitter(Time jitter);
    /** @return the timing jitter */
    Time GetTimingJitter() const;
    /** @param p after-pulse probability, in [0, 1] */
    void SetAfterpulseProbability(double p);
    /** @return the after-pulse probability */
    double GetAfterpulseProbability() const;
    /** @param window the after-pulse window after a click (>= 0) */
    void SetAfterpulseWindow(Time window);
    /** @return the after-pulse window */
    Time GetAfterpulseWindow() const;
    /** @param pnr true for a photon-number-resolving detector */
    void SetPhotonNumberResolving(bool pnr);
    /** @return true for a photon-number-resolving detector */
    bool IsPhotonNumberResolving() const;

    /**
     * @param stream first stream index to use
     * @return the number of streams used (2)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /**
     * Finish a gate: noise counts, click, dead time, traces.
     * @param now gate time
     * @param signalPhotons detected signal photons (the gate is live)
     * @param extraVariance timing variance added to TimingJitter^2, s^2
     * @return the report
     */
    DetectionResult FinishGate(Time now, uint32_t signalPhotons, double extraVariance = 0);

    /**
     * A click at a gate: dead time, time stamp, click trace.
     * @param now gate time
     * @param photons reported count
     * @param signalPhotons detected signal photons (for the trace's dark flag)
     * @param extraVariance timing variance added to TimingJitter^2, s^2
     * @return the click's time stamp
     */
    Time RecordClick(Time now, uint32_t photons, uint32_t signalPhotons, double extraVariance);

    /**
     * DetectTrain by walking the gates one by one (PNR, after-pulsing or a
     * Gate trace sink).
     * @param signal the train
     * @param result filled in
     */
    void DetectTrainGateByGate(Ptr<const QuantumSignal> signal, TrainDetectionResult& result);

    /**
     * DetectTrain by geometric skipping from click to click.
     * @param signal the train
     * @param result filled in
     */
    void DetectTrainBySkipping(Ptr<const QuantumSignal> signal, TrainDetectionResult& result);

    /**
     * A blind gate: traced, no click.
     * @param now gate time
     * @return the report
     */
    DetectionResult BlindGate(Time now);

    /** @return the registry QUBIT photons live in */
    Ptr<QuantumStateRegistry> GetRegistry() const;

    /** Recompute the cached dark-count probability per gate from the attributes. */
    void UpdateEffectiveDarkCountProbability();

    /**
     * @param now a gate time
     * @return true if a gate at that time is blind (dead time of the last click)
     */
    bool IsInDeadTimeAt(Time now) const
    {
        return m_hasClicked && now < m_lastClick + m_deadTime;
    }

    double m_efficiency;           //!< detection efficiency
    double m_darkCountProbability; //!< dark-count probability per gate
    double m_darkCountRateHz;      //!< dark-count rate (overrides the probability when > 0)
    Time m_gateWidth;              //!< gate width for the rate
    double m_effectiveDarkCountProbability;            //!< p_dark per gate, from the three above
    Time m_deadTime;                                   //!< dead time after a click
    Time m_timingJitter;                               //!< Gaussian sigma of the click time
    bool m_pnr;                                        //!< photon-number resolving
    double m_afterpulseProbability;                    //!< after-pulse probability
    Time m_afterpulseWindow;                           //!< after-pulse window after a click
    bool m_hasClicked;                                 //!< a click happened
    Time m_lastClick;                                  //!< gate time of the last click
    Ptr<QuantumStateRegistry> m_registry;              //!< state engine (default if unset)
    Ptr<UniformRandomVariable> m_uniform;              //!< photon, dark and after-pulse draws
    Ptr<NormalRandomVariable> m_normal;                //!< jitter draws
    TracedCallback<Time, uint32_t, bool> m_clickTrace; //!< clicks
    TracedCallback<Time, uint32_t, bool> m_gateTrace;  //!< gates
    TracedCallback<Time> m_afterpulseTrace;            //!< after-pulses
};

} // namespace ns3

#endif /* SINGLE_PHOTON_DETECTOR_H */
