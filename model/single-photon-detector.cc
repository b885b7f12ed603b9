/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "single-photon-detector.h"

#include "photon-number-statistics.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SinglePhotonDetector");

NS_OBJECT_ENSURE_REGISTERED(SinglePhotonDetector);

namespace
{

/**
 * Abort unless a probability attribute is in [0, 1].
 * @param attribute the attribute name
 * @param p the value
 */
void
CheckUnit(const char* attribute, double p)
{
    NS_ABORT_MSG_IF(!(p >= 0 && p <= 1),
                    "SinglePhotonDetector: " << attribute << " = " << p
                                             << " is outside the valid range [0, 1]");
}

/**
 * Abort unless a time attribute is >= 0.
 * @param attribute the attribute name
 * @param t the value
 */
void
CheckNonNegative(const char* attribute, Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "SinglePhotonDetector: " << attribute << " = " << t.As(Time::S)
                                             << " is negative; the valid range is >= 0");
}

} // namespace

TypeId
SinglePhotonDetector::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SinglePhotonDetector")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<SinglePhotonDetector>()
              .AddAttribute("Efficiency",
                            "Detection efficiency: probability that an arriving photon is "
                            "detected, in [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&SinglePhotonDetector::SetEfficiency,
                                               &SinglePhotonDetector::GetEfficiency),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("DarkCountProbability",
                            "Dark-count probability per detection gate, in [0, 1]; used only "
                            "when DarkCountRateHz is 0.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&SinglePhotonDetector::SetDarkCountProbability,
                                               &SinglePhotonDetector::GetDarkCountProbability),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("DarkCountRateHz",
                            "Dark-count rate in Hz (>= 0).  When > 0 it wins over "
                            "DarkCountProbability: p_dark = 1 - exp(-DarkCountRateHz x GateWidth).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&SinglePhotonDetector::SetDarkCountRateHz,
                                               &SinglePhotonDetector::GetDarkCountRateHz),
                            MakeDoubleChecker<double>(0.0))
              .AddAttribute("GateWidth",
                            "Width of a detection gate (>= 0), used with DarkCountRateHz.",
                            TimeValue(NanoSeconds(1)),
                            MakeTimeAccessor(&SinglePhotonDetector::SetGateWidth,
                                             &SinglePhotonDetector::GetGateWidth),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("DeadTime",
                            "Dead time after a click (>= 0; 0: none): a gate earlier than "
                            "last click + DeadTime cannot click, not even from a dark count.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&SinglePhotonDetector::SetDeadTime,
                                             &SinglePhotonDetector::GetDeadTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TimingJitter",
                            "Standard deviation of the Gaussian jitter of the reported click "
                            "time (>= 0; 0: none).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&SinglePhotonDetector::SetTimingJitter,
                                             &SinglePhotonDetector::GetTimingJitter),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("PhotonNumberResolving",
                            "Report the number of detected photons (plus one count per dark "
                            "count or after-pulse) instead of 0/1.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&SinglePhotonDetector::SetPhotonNumberResolving,
                                                &SinglePhotonDetector::IsPhotonNumberResolving),
                            MakeBooleanChecker())
              .AddAttribute("AfterpulseProbability",
                            "Extra click probability, in [0, 1], of a gate opened after the "
                            "dead time but within AfterpulseWindow of the last click.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&SinglePhotonDetector::SetAfterpulseProbability,
                                               &SinglePhotonDetector::GetAfterpulseProbability),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("AfterpulseWindow",
                            "Time after a click (>= 0) during which after-pulses occur; a window "
                            "not longer than DeadTime means no after-pulses.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&SinglePhotonDetector::SetAfterpulseWindow,
                                             &SinglePhotonDetector::GetAfterpulseWindow),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Registry",
                            "The state engine of QUBIT photons; the simulation's default "
                            "registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&SinglePhotonDetector::m_registry),
                            MakePointerChecker<QuantumStateRegistry>())
              .AddTraceSource("Click",
                              "The detector clicked (reported time and count, and whether no "
                              "signal photon was detected: ground truth).",
                              MakeTraceSourceAccessor(&SinglePhotonDetector::m_clickTrace),
                              "ns3::SinglePhotonDetector::ClickTracedCallback")
              .AddTraceSource("Gate",
                              "A detection gate (ground truth: signal photons detected, blind).",
                              MakeTraceSourceAccessor(&SinglePhotonDetector::m_gateTrace),
                              "ns3::SinglePhotonDetector::GateTracedCallback")
              .AddTraceSource("Afterpulse",
                              "An after-pulse occurred in a gate (ground truth).",
                              MakeTraceSourceAccessor(&SinglePhotonDetector::m_afterpulseTrace),
                              "ns3::SinglePhotonDetector::AfterpulseTracedCallback");
    return tid;
}

SinglePhotonDetector::SinglePhotonDetector()
    : m_efficiency(1.0)
    , m_darkCountProbability(0.0)
    , m_darkCountRateHz(0.0)
    , m_gateWidth(NanoSeconds(1))
    , m_effectiveDarkCountProbability(0.0)
    , m_deadTime(Seconds(0))
    , m_timingJitter(Seconds(0))
    , m_pnr(false)
    , m_afterpulseProbability(0.0)
    , m_afterpulseWindow(Seconds(0))
    , m_hasClicked(false)
    , m_lastClick(Seconds(0))
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
    m_normal = CreateObject<NormalRandomVariable>();
}

SinglePhotonDetector::~SinglePhotonDetector()
{
    NS_LOG_FUNCTION(this);
}

void
SinglePhotonDetector::DoDispose()
{
    m_registry = nullptr;
    m_uniform = nullptr;
    m_normal = nullptr;
    Object::DoDispose();
}

int64_t
SinglePhotonDetector::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    m_normal->SetStream(stream + 1);
    return 2;
}

Ptr<QuantumStateRegistry>
SinglePhotonDetector::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

// --- attributes -------------------------------------------------------------

void
SinglePhotonDetector::SetEfficiency(double efficiency)
{
    CheckUnit("Efficiency", efficiency);
    m_efficiency = efficiency;
}

double
SinglePhotonDetector::GetEfficiency() const
{
    return m_efficiency;
}

void
SinglePhotonDetector::SetDarkCountProbability(double p)
{
    CheckUnit("DarkCountProbability", p);
    m_darkCountProbability = p;
    UpdateEffectiveDarkCountProbability();
}

double
SinglePhotonDetector::GetDarkCountProbability() const
{
    return m_darkCountProbability;
}

void
SinglePhotonDetector::SetDarkCountRateHz(double rateHz)
{
    NS_ABORT_MSG_IF(!(rateHz >= 0) || !std::isfinite(rateHz),
                    "SinglePhotonDetector: DarkCountRateHz = "
                        << rateHz << " is outside the valid range [0, infinity)");
    m_darkCountRateHz = rateHz;
    UpdateEffectiveDarkCountProbability();
}

double
SinglePhotonDetector::GetDarkCountRateHz() const
{
    return m_darkCountRateHz;
}

void
SinglePhotonDetector::SetGateWidth(Time gate)
{
    CheckNonNegative("GateWidth", gate);
    m_gateWidth = gate;
    UpdateEffectiveDarkCountProbability();
}

Time
SinglePhotonDetector::GetGateWidth() const
{
    return m_gateWidth;
}

double
SinglePhotonDetector::GetEffectiveDarkCountProbability() const
{
    return m_effectiveDarkCountProbability;
}

void
SinglePhotonDetector::UpdateEffectiveDarkCountProbability()
{
    m_effectiveDarkCountProbability
        = m_darkCountRateHz > 0 ? DarkCountProbabilityFromRate(m_darkCountRateHz, m_gateWidth)
                                : m_darkCountProbability;
}

void
SinglePhotonDetector::SetDeadTime(Time deadTime)
{
    CheckNonNegative("DeadTime", deadTime);
    m_deadTime = deadTime;
}

Time
SinglePhotonDetector::GetDeadTime() const
{
    return m_deadTime;
}

void
SinglePhotonDetector::SetTimingJitter(Time jitter)
{
    CheckNonNegative("TimingJitter", jitter);
    m_timingJitter = jitter;
}

Time
SinglePhotonDetector::GetTimingJitter() const
{
    return m_timingJitter;
}

void
SinglePhotonDetector::SetAfterpulseProbability(double p)
{
    CheckUnit("AfterpulseProbability", p);
    m_afterpulseProbability = p;
}

double
SinglePhotonDetector::GetAfterpulseProbability() const
{
    return m_afterpulseProbability;
}

void
SinglePhotonDetector::SetAfterpulseWindow(Time window)
{
    CheckNonNegative("AfterpulseWindow", window);
    m_afterpulseWindow = window;
}

Time
SinglePhotonDetector::GetAfterpulseWindow() const
{
    return m_afterpulseWindow;
}

void
SinglePhotonDetector::SetPhotonNumberResolving(bool pnr)
{
    m_pnr = pnr;
}

bool
SinglePhotonDetector::IsPhotonNumberResolving() const
{
    return m_pnr;
}

// --- analytic ---------------------------------------------------------------

double
SinglePhotonDetector::DarkCountProbabilityFromRate(double darkCountRateHz, Time gateWidth)
{
    NS_ABORT_MSG_IF(!(darkCountRateHz >= 0) || !std::isfinite(darkCountRateHz),
                    "SinglePhotonDetector::DarkCountProbabilityFromRate: rate "
                        << darkCountRateHz << " Hz is outside the valid range [0, infinity)");
    CheckNonNegative("GateWidth", gateWidth);
    return -std::expm1(-darkCountRateHz * gateWidth.GetSeconds());
}

double
SinglePhotonDetector::ClickProbability(QuantumSignal::Statistics statistics,
                                       double meanArrivingPhotons,
                                       double efficiency,
                                       double pDark)
{
    CheckUnit("Efficiency", efficiency);
    CheckUnit("DarkCountProbability", pDark);
    return 1
           - (1 - pDark)
                 * PhotonNumberStatistics::NoPhotonProbability(statistics,
                                                               meanArrivingPhotons,
                                                               efficiency);
}

double
SinglePhotonDetector::ClickProbability(Ptr<const QuantumSignal> signal,
                                       double efficiency,
                                       double pDark)
{
    NS_ABORT_MSG_IF(!signal, "SinglePhotonDetector::ClickProbability: null signal");
    CheckUnit("Efficiency", efficiency);
    CheckUnit("DarkCountProbability", pDark);
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        return 1 - (1 - pDark) * (1 - efficiency);
    }
    return 1
           - (1 - pDark)
                 * PhotonNumberStatistics::NoPhotonProbability(signal->GetStatistics(),
                                                               signal->GetMeanPhotonNumber(),
                                                               efficiency
                                                                   * signal->GetTransmittance());
}

double
SinglePhotonDetector::GetClickProbability(Ptr<const QuantumSignal> signal) const
{
    NS_ABORT_MSG_IF(!signal, "SinglePhotonDetector::GetClickProbability: null signal");
    const double pd = GetEffectiveDarkCountProbability();
    if (signal->GetKind() == QuantumSignal::QUBIT && GetRegistry()->IsErased(signal->GetQubit()))
    {
        return pd;
    }
    return ClickProbability(signal, m_efficiency, pd);
}

// --- detection --------------------------------------------------------------

bool
SinglePhotonDetector::IsInDeadTime() const
{
    return IsInDeadTimeAt(Simulator::Now());
}

DetectionResult
SinglePhotonDetector::Detect(Ptr<const QuantumSignal> signal)
{
    NS_LOG_FUNCTION(this << signal);
    NS_ABORT_MSG_IF(!signal, "SinglePhotonDetector::Detect: null signal");
    NS_ABORT_MSG_IF(signal->GetPulseCount() > 1,
                    "SinglePhotonDetector::Detect: signal "
                        << signal->GetId() << " is a train of " << signal->GetPulseCount()
                        << " pulses; use DetectTrain (one gate per pulse)");
    const Time now = Simulator::Now();
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        Ptr<QuantumStateRegistry> reg = GetRegistry();
        const QubitHandle q = signal->GetQubit();
        NS_ABORT_MSG_IF(!reg->IsAlive(q),
                        "SinglePhotonDetector::Detect: the qubit "
                            << q << " of QUBIT photon " << signal->GetId()
                            << " no longer exists in the registry (detected twice, or "
                               "another registry?)");
        const bool present = !reg->IsErased(q);
        reg->Discard(q); // absorbed: partial trace (or free the erased handle)
        if (IsInDeadTimeAt(now))
        {
            return BlindGate(now);
        }
        const uint32_t detected = (present && m_uniform->GetValue() < m_efficiency) ? 1 : 0;
        return FinishGate(now, detected);
    }
    if (IsInDeadTimeAt(now))
    {
        return BlindGate(now);
    }
    const uint32_t detected
        = PhotonNumberStatistics::Sample(signal->GetStatistics(),
                                         signal->GetMeanPhotonNumber(),
                                         signal->GetTransmittance() * m_efficiency,
                                         *m_uniform);
    return FinishGate(now, detected);
}

DetectionResult
SinglePhotonDetector::DetectPhotons(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    const Time now = Simulator::Now();
    if (IsInDeadTimeAt(now))
    {
        return BlindGate(now);
    }
    return FinishGate(now, PhotonNumberStatistics::SampleBinomial(n, m_efficiency, *m_uniform));
}

DetectionResult
SinglePhotonDetector::DetectDarkOnly()
{
    NS_LOG_FUNCTION(this);
    const Time now = Simulator::Now();
    if (IsInDeadTimeAt(now))
    {
        return BlindGate(now);
    }
    return FinishGate(now, 0);
}

DetectionResult
SinglePhotonDetector::BlindGate(Time now)
{
    if (!m_gateTrace.IsEmpty())
    {
        m_gateTrace(now, 0, true);
    }
    DetectionResult r;
    r.blind = true;
    r.clickTime = now;
    return r;
}

DetectionResult
SinglePhotonDetector::FinishGate(Time now, uint32_t signalPhotons, double extraVariance)
{
    const double pd = m_effectiveDarkCountProbability;
    const bool dark = pd > 0 && m_uniform->GetValue() < pd;
    bool afterpulse = false;
    if (m_afterpulseProbability > 0 && m_hasClicked && now < m_lastClick + m_afterpulseWindow)
    {
        afterpulse = m_uniform->GetValue() < m_afterpulseProbability;
    }
    if (!m_gateTrace.IsEmpty())
    {
        m_gateTrace(now, signalPhotons, false);
    }
    if (afterpulse)
    {
        m_afterpulseTrace(now);
    }
    DetectionResult r;
    r.clickTime = now;
    r.clicked = signalPhotons > 0 || dark || afterpulse;
    if (!r.clicked)
    {
        return r;
    }
    r.photons = m_pnr ? signalPhotons + (dark ? 1 : 0) + (afterpulse ? 1 : 0) : 1;
    NS_LOG_LOGIC("click: " << signalPhotons << " signal photons, dark " << dark << ", after-pulse "
                           << afterpulse);
    r.clickTime = RecordClick(now, r.photons, signalPhotons, extraVariance);
    return r;
}

Time
SinglePhotonDetector::RecordClick(Time now,
                                  uint32_t photons,
                                  uint32_t signalPhotons,
                                  double extraVariance)
{
    Time stamp = now;
    const double sigma = m_timingJitter.GetSeconds();
    const double variance = sigma * sigma + extraVariance;
    if (variance > 0)
    {
        stamp = now + Seconds(m_normal->GetValue(0.0, variance));
    }
    m_hasClicked = true;
    m_lastClick = now;
    NS_LOG_LOGIC("click at " << stamp.As(Time::NS) << ", " << photons << " counts");
    if (!m_clickTrace.IsEmpty())
    {
        m_clickTrace(stamp, photons, signalPhotons == 0);
    }
    return stamp;
}

// --- pulse trains -------------------------------------------------------------

TrainDetectionResult
SinglePhotonDetector::DetectTrain(Ptr<const QuantumSignal> signal)
{
    NS_LOG_FUNCTION(this << signal);
    NS_ABORT_MSG_IF(!signal, "SinglePhotonDetector::DetectTrain: null signal");
    TrainDetectionResult result;
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        const DetectionResult r = Detect(signal);
        result.gates = 1;
        result.blindGates = r.blind ? 1 : 0;
        if (r.clicked)
        {
            result.clicks.push_back(TrainClick{0, r.clickTime, r.photons});
        }
        return result;
    }
    result.gates = signal->GetPulseCount();
    if (m_pnr || m_afterpulseProbability > 0 || !m_gateTrace.IsEmpty())
    {
        DetectTrainGateByGate(signal, result);
    }
    else
    {
        DetectTrainBySkipping(signal, result);
    }
    return result;
}

void
SinglePhotonDetector::DetectTrainGateByGate(Ptr<const QuantumSignal> signal,
                                            TrainDetectionResult& result)
{
    const Time t0 = Simulator::Now();
    const Time period = signal->GetPulsePeriod();
    const double eta = signal->GetTransmittance() * m_efficiency;
    for (uint64_t i = 0; i < result.gates; ++i)
    {
        const Time t = t0 + period * int64_t(i);
        if (IsInDeadTimeAt(t))
        {
            BlindGate(t);
            ++result.blindGates;
            continue;
        }
        const uint32_t detected = PhotonNumberStatistics::Sample(signal->GetStatistics(),
                                                                 signal->GetMeanPhotonNumber(),
                                                                 eta,
                                                                 *m_uniform);
        const DetectionResult r = FinishGate(t, detected, signal->GetTimingVariance());
        if (r.clicked)
        {
            result.clicks.push_back(TrainClick{i, r.clickTime, r.photons});
        }
    }
}

void
SinglePhotonDetector::DetectTrainBySkipping(Ptr<const QuantumSignal> signal,
                                            TrainDetectionResult& result)
{
    const Time t0 = Simulator::Now();
    const Time period = signal->GetPulsePeriod();
    const uint64_t n = result.gates;
    const double pd = m_effectiveDarkCountProbability;
    const double p0
        = PhotonNumberStatistics::NoPhotonProbability(signal->GetStatistics(),
                                                      signal->GetMeanPhotonNumber(),
                                                      signal->GetTransmittance() * m_efficiency);
    const double pClick = 1 - (1 - pd) * p0;
    // P(no signal photon | click): the click trace's dark flag (ground truth).
    const double pDarkGivenClick = pClick > 0 ? pd * p0 / pClick : 0;
    const double logMiss = std::log1p(-pClick);
    const double extraVariance = signal->GetTimingVariance();
    // Gates blinded by a click at gate i: those j > i with (j - i) period < DeadTime.
    const int64_t periodTicks = period.GetTimeStep();
    const int64_t deadTicks = m_deadTime.GetTimeStep();
    const uint64_t blindAfterClick
        = (deadTicks <= 0 || n < 2) ? 0 : uint64_t((deadTicks - 1) / periodTicks);
    uint64_t i = 0;
    if (IsInDeadTimeAt(t0))
    {
        // The dead time of an earlier click covers the first gates.
        const int64_t remaining = (m_lastClick + m_deadTime - t0).GetTimeStep();
        i = n < 2 ? 1 : std::min<uint64_t>(n, uint64_t((remaining - 1) / periodTicks) + 1);
        result.blindGates += i;
    }
    while (i < n && pClick > 0)
    {
        if (pClick < 1)
        {
            // Silent gates before the next click: geometric by inversion.
            const double u = 1 - m_uniform->GetValue(); // (0, 1]
            const double skip = std::floor(std::log(u) / logMiss);
            if (skip >= double(n - i))
            {
                break;
            }
            i += uint64_t(skip);
        }
        const Time t = t0 + period * int64_t(i);
        const bool dark = pDarkGivenClick > 0 && m_uniform->GetValue() < pDarkGivenClick;
        const Time stamp = RecordClick(t, 1, dark ? 0 : 1, extraVariance);
        result.clicks.push_back(TrainClick{i, stamp, 1});
        const uint64_t blind = std::min<uint64_t>(blindAfterClick, n - 1 - i);
        result.blindGates += blind;
        i += 1 + blind;
    }
}

} // namespace ns3
