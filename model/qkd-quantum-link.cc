/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-quantum-link.h"

#include "bell-state.h"
#include "measurement-basis.h"
#include "photon-number-statistics.h"
#include "polarization-analyzer.h"
#include "quantum-channel.h"
#include "quantum-net-device.h"
#include "quantum-state-registry.h"
#include "single-photon-detector.h"
#include "single-photon-source.h"
#include "spdc-pair-source.h"
#include "weak-coherent-source.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdQuantumLink");

NS_OBJECT_ENSURE_REGISTERED(QkdQuantumLink);

TypeId
QkdQuantumLink::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdQuantumLink")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdQuantumLink>()
              .AddAttribute("Protocol",
                            "BB84 (prepare and measure), BBM92 or E91 (entanglement based).",
                            EnumValue(static_cast<int>(QkdProtocol::BB84)),
                            MakeEnumAccessor(&QkdQuantumLink::SetProtocolValue,
                                             &QkdQuantumLink::GetProtocolValue),
                            MakeEnumChecker(static_cast<int>(QkdProtocol::BB84),
                                            "BB84",
                                            static_cast<int>(QkdProtocol::BBM92),
                                            "BBM92",
                                            static_cast<int>(QkdProtocol::E91),
                                            "E91"))
              .AddAttribute("SourceType",
                            "BB84 source: Wcp (weak coherent pulses with decoys) or SinglePhoton.",
                            EnumValue(QkdQuantumLink::WCP),
                            MakeEnumAccessor(&QkdQuantumLink::m_sourceType),
                            MakeEnumChecker(QkdQuantumLink::WCP,
                                            "Wcp",
                                            QkdQuantumLink::SINGLE_PHOTON,
                                            "SinglePhoton"))
              .AddAttribute(
                  "Mode",
                  "Fast (geometric skipping, cost per click) or Exact (one event per "
                  "pulse through the physical-layer objects; BB84 only).",
                  EnumValue(QkdQuantumLink::FAST),
                  MakeEnumAccessor(&QkdQuantumLink::m_mode),
                  MakeEnumChecker(QkdQuantumLink::FAST, "Fast", QkdQuantumLink::EXACT, "Exact"))
              .AddAttribute("Encoding",
                            "Qubit encoding, i.e. the per-basis error model: Polarization (the "
                            "channel chain's Pauli noise in both bases, e_Z = e_X = e_d for a "
                            "misalignment model) or TimeBin (Z = arrival time with error "
                            "TimeBinZError; X = phase from an unbalanced interferometer, whose "
                            "error (1 - V)/2 for visibility V is the chain's misalignment e_d).",
                            EnumValue(QkdQuantumLink::POLARIZATION),
                            MakeEnumAccessor(&QkdQuantumLink::m_encoding),
                            MakeEnumChecker(QkdQuantumLink::POLARIZATION,
                                            "Polarization",
                                            QkdQuantumLink::TIME_BIN,
                                            "TimeBin"))
              .AddAttribute("TimeBinZError",
                            "Encoding TimeBin: probability that a photon is detected in the "
                            "wrong time bin (e.g. timing jitter), the Z-basis error, in [0, 0.5]; "
                            "ignored for Polarization.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QkdQuantumLink::m_timeBinZError),
                            MakeDoubleChecker<double>(0.0, 0.5))
              .AddAttribute("PulseRateHz",
                            "Pulse (pump) repetition rate in Hz, in [1, 1e11].",
                            DoubleValue(1e9),
                            MakeDoubleAccessor(&QkdQuantumLink::m_pulseRateHz),
                            MakeDoubleChecker<double>(1.0, 1e11))
              .AddAttribute("FramePulses",
                            "Pulses per frame (the unit of post-processing), in [1, 4e9].",
                            UintegerValue(10000000),
                            MakeUintegerAccessor(&QkdQuantumLink::m_framePulses),
                            MakeUintegerChecker<uint64_t>(1, 4000000000ULL))
              .AddAttribute("TotalPulses",
                            "Pulses to send in all (0: until Stop).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&QkdQuantumLink::m_totalPulses),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute(
                  "ZBasisProbability",
                  "Probability that a party chooses the Z basis (BB84, BBM92), in (0, 1).",
                  DoubleValue(0.5),
                  MakeDoubleAccessor(&QkdQuantumLink::m_zProbability),
                  MakeDoubleChecker<double>(1e-6, 1 - 1e-6))
              .AddAttribute("WeakCoherentSource",
                            "Alice's weak coherent source (BB84, SourceType Wcp).",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_wcp),
                            MakePointerChecker<WeakCoherentSource>())
              .AddAttribute("SinglePhotonSource",
                            "Alice's single-photon source (BB84, SourceType SinglePhoton).",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_sps),
                            MakePointerChecker<SinglePhotonSource>())
              .AddAttribute("PairSource",
                            "The SPDC pair source (BBM92, E91).",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_spdc),
                            MakePointerChecker<SpdcPairSource>())
              .AddAttribute("BobAnalyzer",
                            "Bob's polarization analyzer and its two detectors.",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_bobAnalyzer),
                            MakePointerChecker<PolarizationAnalyzer>())
              .AddAttribute("AliceAnalyzer",
                            "Alice's polarization analyzer (BBM92, E91).",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_aliceAnalyzer),
                            MakePointerChecker<PolarizationAnalyzer>())
              .AddAttribute("Eavesdropper",
                            "A tap at Alice's output (BB84), or none.",
                            PointerValue(),
                            MakePointerAccessor(&QkdQuantumLink::m_eve),
                            MakePointerChecker<QkdEavesdropper>())
              .AddTraceSource("FrameGenerated",
                              "A frame of pulses was sent and detected (ground truth).",
                              MakeTraceSourceAccessor(&QkdQuantumLink::m_frameTrace),
                              "ns3::QkdQuantumLink::FrameTracedCallback");
    return tid;
}

QkdQuantumLink::QkdQuantumLink()
    : m_protocol(QkdProtocol::BB84)
    , m_sourceType(WCP)
    , m_mode(FAST)
    , m_encoding(POLARIZATION)
    , m_timeBinZError(0)
    , m_pulseRateHz(1e9)
    , m_framePulses(10000000)
    , m_totalPulses(0)
    , m_zProbability(0.5)
    , m_prepared(false)
    , m_stopped(false)
    , m_frame(0)
    , m_pulse(0)
    , m_exactEnd(0)
    , m_bobT(1)
    , m_bobNoise{{1, 0, 0, 0}}
{
    NS_LOG_FUNCTION(this);
    m_sampler = CreateObject<QkdClickSampler>();
    m_uniform = CreateObject<UniformRandomVariable>();
}

QkdQuantumLink::~QkdQuantumLink()
{
    NS_LOG_FUNCTION(this);
}

void
QkdQuantumLink::DoDispose()
{
    m_event.Cancel();
    m_wcp = nullptr;
    m_sps = nullptr;
    m_spdc = nullptr;
    m_bobAnalyzer = nullptr;
    m_aliceAnalyzer = nullptr;
    m_eve = nullptr;
    m_aliceDevice = nullptr;
    m_bobDevice = nullptr;
    m_sourceToAlice = nullptr;
    m_sourceToBob = nullptr;
    m_aliceCallback = FrameCallback();
    m_bobCallback = FrameCallback();
    m_sampler = nullptr;
    m_uniform = nullptr;
    m_exactAlice = nullptr;
    m_exactBob = nullptr;
    Object::DoDispose();
}

int64_t
QkdQuantumLink::AssignStreams(int64_t stream)
{
    int64_t n = 0;
    m_uniform->SetStream(stream + n++);
    n += m_sampler->AssignStreams(stream + n);
    n += GetWeakCoherentSource()->AssignStreams(stream + n);
    n += GetSinglePhotonSource()->AssignStreams(stream + n);
    n += GetPairSource()->AssignStreams(stream + n);
    n += GetBobAnalyzer()->AssignStreams(stream + n);
    n += GetAliceAnalyzer()->AssignStreams(stream + n);
    if (m_eve)
    {
        n += m_eve->AssignStreams(stream + n);
    }
    return n;
}

void
QkdQuantumLink::SetBb84Channel(Ptr<QuantumNetDevice> alice, Ptr<QuantumNetDevice> bob)
{
    NS_ABORT_MSG_IF(!alice || !bob, "QkdQuantumLink::SetBb84Channel: null device");
    NS_ABORT_MSG_IF(alice->GetChannel() != bob->GetChannel() || !alice->GetChannel(),
                    "QkdQuantumLink::SetBb84Channel: the devices are not on one QuantumChannel");
    m_aliceDevice = alice;
    m_bobDevice = bob;
    m_prepared = false;
}

void
QkdQuantumLink::SetPairChannels(Ptr<QuantumNetDevice> sourceA,
                                Ptr<QuantumNetDevice> alice,
                                Ptr<QuantumNetDevice> sourceB,
                                Ptr<QuantumNetDevice> bob)
{
    NS_ABORT_MSG_IF(!sourceA || !alice || !sourceB || !bob,
                    "QkdQuantumLink::SetPairChannels: null device");
    NS_ABORT_MSG_IF(sourceA->GetChannel() != alice->GetChannel()
                        || sourceB->GetChannel() != bob->GetChannel(),
                    "QkdQuantumLink::SetPairChannels: each source port must share a "
                    "QuantumChannel with its party");
    m_sourceToAlice = sourceA;
    m_aliceDevice = alice;
    m_sourceToBob = sourceB;
    m_bobDevice = bob;
    m_prepared = false;
}

void
QkdQuantumLink::SetAliceCallback(FrameCallback cb)
{
    m_aliceCallback = cb;
}

void
QkdQuantumLink::SetBobCallback(FrameCallback cb)
{
    m_bobCallback = cb;
}

void
QkdQuantumLink::SetProtocolValue(int value)
{
    m_protocol = static_cast<QkdProtocol>(value);
    m_prepared = false;
}

int
QkdQuantumLink::GetProtocolValue() const
{
    return static_cast<int>(m_protocol);
}

QkdProtocol
QkdQuantumLink::GetProtocol() const
{
    return m_protocol;
}

QkdQuantumLink::SourceType
QkdQuantumLink::GetSourceType() const
{
    return m_sourceType;
}

double
QkdQuantumLink::GetPulseRateHz() const
{
    return m_pulseRateHz;
}

Ptr<WeakCoherentSource>
QkdQuantumLink::GetWeakCoherentSource()
{
    if (!m_wcp)
    {
        m_wcp = CreateObject<WeakCoherentSource>();
    }
    return m_wcp;
}

Ptr<SinglePhotonSource>
QkdQuantumLink::GetSinglePhotonSource()
{
    if (!m_sps)
    {
        m_sps = CreateObject<SinglePhotonSource>();
    }
    return m_sps;
}

Ptr<SpdcPairSource>
QkdQuantumLink::GetPairSource()
{
    if (!m_spdc)
    {
        m_spdc = CreateObject<SpdcPairSource>();
    }
    return m_spdc;
}

Ptr<PolarizationAnalyzer>
QkdQuantumLink::GetBobAnalyzer()
{
    if (!m_bobAnalyzer)
    {
        m_bobAnalyzer = CreateObject<PolarizationAnalyzer>();
    }
    return m_bobAnalyzer;
}

Ptr<PolarizationAnalyzer>
QkdQuantumLink::GetAliceAnalyzer()
{
    if (!m_aliceAnalyzer)
    {
        m_aliceAnalyzer = CreateObject<PolarizationAnalyzer>();
    }
    return m_aliceAnalyzer;
}

void
QkdQuantumLink::SetEavesdropper(Ptr<QkdEavesdropper> eve)
{
    m_eve = eve;
    m_prepared = false;
}

Ptr<Node>
QkdQuantumLink::GetAliceNode() const
{
    return m_aliceDevice ? m_aliceDevice->GetNode() : nullptr;
}

Ptr<Node>
QkdQuantumLink::GetBobNode() const
{
    return m_bobDevice ? m_bobDevice->GetNode() : nullptr;
}

uint32_t
QkdQuantumLink::GetNumLabels()
{
    if (m_protocol == QkdProtocol::BB84 && m_sourceType == WCP)
    {
        return GetWeakCoherentSource()->GetNumIntensities();
    }
    return 1;
}

double
QkdQuantumLink::GetIntensity(uint32_t label)
{
    if (m_protocol != QkdProtocol::BB84)
    {
        return GetPairSource()->GetMeanPairNumber();
    }
    if (m_sourceType == WCP)
    {
        return GetWeakCoherentSource()->GetIntensity(label);
    }
    Ptr<SinglePhotonSource> s = GetSinglePhotonSource();
    return s->GetPhotonNumberProbability(1) + 2 * s->GetPhotonNumberProbability(2);
}

double
QkdQuantumLink::ChannelEffect(Ptr<QuantumNetDevice> from,
                              Ptr<QuantumNetDevice> to,
                              std::array<double, 4>& noise) const
{
    NS_ABORT_MSG_IF(!from || !to,
                    "QkdQuantumLink: no quantum channel set (SetBb84Channel / SetPairChannels)");
    Ptr<QuantumChannel> ch = DynamicCast<QuantumChannel>(from->GetChannel());
    NS_ABORT_MSG_IF(!ch, "QkdQuantumLink: the device is not attached to a QuantumChannel");
    const double t = ch->GetTransmittance(from, to);
    Ptr<QuantumSignal> probe = QuantumSignal::CreateMode(QuantumSignal::POISSON, 1, 0, 0);
    if (ch->GetFirstModel())
    {
        QuantumChannelContext ctx;
        ctx.lengthMeters = ch->GetLengthMeters(from, to);
        ctx.propagationDelay = ch->GetPropagationDelay(from, to);
        ctx.sender = from->GetNode();
        ctx.receiver = to->GetNode();
        ctx.registry = ch->GetRegistry();
        ch->GetFirstModel()->Apply(probe, ctx);
    }
    noise = probe->GetPauliNoise();
    return t;
}

double
QkdQuantumLink::GetBobChannelTransmittance()
{
    std::array<double, 4> noise;
    return m_protocol == QkdProtocol::BB84 ? ChannelEffect(m_aliceDevice, m_bobDevice, noise)
                                           : ChannelEffect(m_sourceToBob, m_bobDevice, noise);
}

double
QkdQuantumLink::GetAliceChannelTransmittance()
{
    std::array<double, 4> noise;
    return ChannelEffect(m_sourceToAlice, m_aliceDevice, noise);
}

void
QkdQuantumLink::DetectorParameters(Ptr<PolarizationAnalyzer> analyzer,
                                   uint32_t k,
                                   double& efficiency,
                                   double& dark)
{
    Ptr<SinglePhotonDetector> d = analyzer->GetDetector(k);
    efficiency = d->GetEfficiency();
    dark = d->GetEffectiveDarkCountProbability();
    NS_ABORT_MSG_IF(m_mode == FAST && d->GetAfterpulseProbability() > 0,
                    "QkdQuantumLink: detector " << k << " has AfterpulseProbability "
                                                << d->GetAfterpulseProbability()
                                                << "; the Fast mode supports 0 only (use Exact)");
}

QkdQuantumLink::Encoding
QkdQuantumLink::GetEncoding() const
{
    return m_encoding;
}

std::array<double, 4>
QkdQuantumLink::BasisNoise(const std::array<double, 4>& channelNoise, uint8_t basis) const
{
    if (m_encoding == POLARIZATION || basis == 1)
    {
        // Polarization: the chain's noise in both bases.  Time bin, X basis:
        // the chain's noise is the interferometer's phase error.
        return channelNoise;
    }
    // Time bin, Z basis (arrival time): insensitive to the chain's phase
    // noise; a wrong-bin detection is a bit flip with probability TimeBinZError.
    return {1 - m_timeBinZError, m_timeBinZError, 0, 0};
}

std::array<double, 4>
QkdQuantumLink::GetBobBasisNoise(uint8_t basis)
{
    NS_ABORT_MSG_IF(basis > 1, "QkdQuantumLink::GetBobBasisNoise: basis " << basis);
    std::array<double, 4> noise;
    if (m_protocol == QkdProtocol::BB84)
    {
        ChannelEffect(m_aliceDevice, m_bobDevice, noise);
    }
    else
    {
        ChannelEffect(m_sourceToBob, m_bobDevice, noise);
    }
    return BasisNoise(noise, basis);
}

std::array<double, 4>
QkdQuantumLink::Bb84Outcome(const QkdPulseState& pulse, uint8_t bobBasis)
{
    double e0;
    double e1;
    double d0;
    double d1;
    DetectorParameters(m_bobAnalyzer, 0, e0, d0);
    DetectorParameters(m_bobAnalyzer, 1, e1, d1);
    const MeasurementBasis basis
        = bobBasis == 0 ? MeasurementBasis::ZBasis() : MeasurementBasis::XBasis();
    std::vector<QkdTapBranch> branches;
    if (m_eve)
    {
        branches = m_eve->GetBranches(pulse);
    }
    else
    {
        branches.push_back({1.0, pulse});
    }
    const std::array<double, 4> noise = BasisNoise(m_bobNoise, bobBasis);
    std::array<double, 4> out{0, 0, 0, 0};
    for (const auto& b : branches)
    {
        const auto o = PolarizationAnalyzer::OutcomeProbabilities(b.pulse.ToSignal(m_bobT, noise),
                                                                  basis,
                                                                  e0,
                                                                  e1,
                                                                  d0,
                                                                  d1);
        for (int i = 0; i < 4; ++i)
        {
            out[i] += b.probability * o[i];
        }
    }
    // Renormalise away the rounding of the branch sums.
    const double s = out[0] + out[1] + out[2] + out[3];
    for (double& x : out)
    {
        x /= s;
    }
    return out;
}

void
QkdQuantumLink::PrepareBb84()
{
    m_bobT = ChannelEffect(m_aliceDevice, m_bobDevice, m_bobNoise);
    GetBobAnalyzer();
    m_sampler->Reset(1);
    m_classes.clear();

    // Photon-number classes of Alice's source: (probability, statistics, mean, label).
    struct Emission
    {
        double p;
        QuantumSignal::Statistics stat;
        double mean;
        uint32_t label;
    };

    std::vector<Emission> emissions;
    if (m_sourceType == WCP)
    {
        Ptr<WeakCoherentSource> s = GetWeakCoherentSource();
        NS_ABORT_MSG_IF(s->GetNumIntensities() > 255,
                        "QkdQuantumLink: at most 255 intensity labels");
        for (uint32_t l = 0; l < s->GetNumIntensities(); ++l)
        {
            emissions.push_back(
                {s->GetIntensityProbability(l), QuantumSignal::POISSON, s->GetIntensity(l), l});
        }
    }
    else
    {
        Ptr<SinglePhotonSource> s = GetSinglePhotonSource();
        for (uint32_t n = 0; n <= 2; ++n)
        {
            emissions.push_back(
                {s->GetPhotonNumberProbability(n), QuantumSignal::FOCK, double(n), 0});
        }
    }
    for (const auto& e : emissions)
    {
        for (uint8_t a = 0; a < 2; ++a)
        {
            const double pa = a == 0 ? m_zProbability : 1 - m_zProbability;
            for (uint8_t x = 0; x < 2; ++x)
            {
                for (uint8_t b = 0; b < 2; ++b)
                {
                    const double pb = b == 0 ? m_zProbability : 1 - m_zProbability;
                    QkdPulseState pulse;
                    pulse.statistics = e.stat;
                    pulse.mean = e.mean;
                    pulse.basis = a;
                    pulse.bit = x;
                    pulse.label = e.label;
                    m_sampler->AddClass(e.p * pa * 0.5 * pb, {Bb84Outcome(pulse, b)});
                    m_classes.push_back({a, x, b, static_cast<uint8_t>(e.label)});
                }
            }
        }
    }
}

double
QkdQuantumLink::GetSettingAngle(bool alice, uint32_t setting) const
{
    if (m_protocol == QkdProtocol::E91)
    {
        NS_ABORT_MSG_IF(setting > 2, "QkdQuantumLink::GetSettingAngle: E91 setting " << setting);
        return (alice ? 0.0 : M_PI / 4) + setting * M_PI / 4;
    }
    NS_ABORT_MSG_IF(setting > 1, "QkdQuantumLink::GetSettingAngle: setting " << setting);
    return setting * M_PI / 2;
}

bool
QkdQuantumLink::IsKeySettingPair(uint32_t a, uint32_t b) const
{
    if (m_protocol == QkdProtocol::E91)
    {
        return a == b + 1;
    }
    return a == b;
}

uint32_t
QkdQuantumLink::GetNumSettings() const
{
    return m_protocol == QkdProtocol::E91 ? 3 : 2;
}

void
QkdQuantumLink::PreparePairs()
{
    std::array<double, 4> noiseA;
    std::array<double, 4> noiseB;
    const double tA = ChannelEffect(m_sourceToAlice, m_aliceDevice, noiseA);
    const double tB = ChannelEffect(m_sourceToBob, m_bobDevice, noiseB);
    Ptr<SpdcPairSource> src = GetPairSource();
    EnumValue bell;
    src->GetAttribute("BellState", bell);
    // Correlation tensor diagonal (XX, ZZ) of the four Bell states.
    double txx = 1;
    double tzz = 1;
    switch (static_cast<BellState>(bell.Get()))
    {
        case BellState::PHI_PLUS:
            txx = 1;
            tzz = 1;
            break;
        case BellState::PSI_PLUS:
            txx = 1;
            tzz = -1;
            break;
        case BellState::PHI_MINUS:
            txx = -1;
            tzz = 1;
            break;
        case BellState::PSI_MINUS:
            txx = -1;
            tzz = -1;
            break;
    }
    // Per-basis noise of each arm with the encoding (time bin: the Z
    // component sees only the arm's time-bin flip).
    const std::array<double, 4> xA = BasisNoise(noiseA, 1);
    const std::array<double, 4> zA = BasisNoise(noiseA, 0);
    const std::array<double, 4> xB = BasisNoise(noiseB, 1);
    const std::array<double, 4> zB = BasisNoise(noiseB, 0);
    const double sxA = xA[0] + xA[1] - xA[2] - xA[3];
    const double szA = zA[0] - zA[1] - zA[2] + zA[3];
    const double sxB = xB[0] + xB[1] - xB[2] - xB[3];
    const double szB = zB[0] - zB[1] - zB[2] + zB[3];
    double eA[2];
    double dA[2];
    double eB[2];
    double dB[2];
    for (uint32_t k = 0; k < 2; ++k)
    {
        DetectorParameters(GetAliceAnalyzer(), k, eA[k], dA[k]);
        DetectorParameters(GetBobAnalyzer(), k, eB[k], dB[k]);
    }
    auto arm = [](uint32_t n, uint8_t x, double t, const double* e, const double* d) {
        Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::FOCK, n, 0, x);
        s->ApplyTransmittance(t);
        return PolarizationAnalyzer::OutcomeProbabilities(s,
                                                          MeasurementBasis::ZBasis(),
                                                          e[0],
                                                          e[1],
                                                          d[0],
                                                          d[1]);
    };
    const uint32_t ns = GetNumSettings();
    auto settingProb = [this, ns](uint32_t s) {
        if (ns == 3)
        {
            return 1.0 / 3;
        }
        return s == 0 ? m_zProbability : 1 - m_zProbability;
    };
    m_sampler->Reset(2);
    m_classes.clear();
    double cum = 0;
    for (uint32_t n = 0;; ++n)
    {
        double pn = src->GetPairNumberProbability(n);
        cum += pn;
        const bool last = 1 - cum < 1e-15 || n >= 200;
        if (last)
        {
            pn += std::max(0.0, 1 - cum);
        }
        for (uint32_t a = 0; a < ns; ++a)
        {
            for (uint32_t b = 0; b < ns; ++b)
            {
                const double ps = pn * settingProb(a) * settingProb(b);
                const double fa = GetSettingAngle(true, a);
                const double fb = GetSettingAngle(false, b);
                const double corr = txx * std::sin(fa) * sxA * sxB * std::sin(fb)
                                    + tzz * std::cos(fa) * szA * szB * std::cos(fb);
                for (uint8_t xa = 0; xa < 2; ++xa)
                {
                    for (uint8_t xb = 0; xb < 2; ++xb)
                    {
                        double p = 0.25;
                        if (n == 1)
                        {
                            p = 0.25 * (1 + ((xa ^ xb) ? -corr : corr));
                        }
                        m_sampler->AddClass(ps * p,
                                            {arm(n, xa, tA, eA, dA), arm(n, xb, tB, eB, dB)});
                        m_classes.push_back(
                            {static_cast<uint8_t>(a), xa, static_cast<uint8_t>(b), 0});
                    }
                }
            }
        }
        if (last)
        {
            break;
        }
    }
}

void
QkdQuantumLink::Prepare()
{
    if (m_protocol == QkdProtocol::BB84)
    {
        PrepareBb84();
    }
    else
    {
        NS_ABORT_MSG_IF(m_mode == EXACT, "QkdQuantumLink: Mode Exact is available for BB84 only");
        PreparePairs();
    }
    // Dead time in gates: a gate k after a click at k_c is blind if
    // (k - k_c) / rate < DeadTime, i.e. for k - k_c <= ceil(DeadTime x rate) - 1.
    std::vector<Ptr<PolarizationAnalyzer>> analyzers{GetBobAnalyzer()};
    if (m_protocol != QkdProtocol::BB84)
    {
        analyzers.push_back(GetAliceAnalyzer());
    }
    double dead = -1;
    for (auto an : analyzers)
    {
        for (uint32_t k = 0; k < 2; ++k)
        {
            const double d = an->GetDetector(k)->GetDeadTime().GetSeconds();
            NS_ABORT_MSG_IF(dead >= 0 && d != dead && m_mode == FAST,
                            "QkdQuantumLink: the detectors have different dead times ("
                                << dead << " s and " << d << " s); the Fast mode needs one value");
            dead = d;
        }
    }
    const double x = dead * m_pulseRateHz;
    const uint64_t gates = x > 0 ? static_cast<uint64_t>(std::ceil(x * (1 - 1e-12))) - 1 : 0;
    m_sampler->SetDeadTimeGates(gates);
    m_sampler->Prepare();
    const uint32_t labels = GetNumLabels();
    for (auto* v : {&m_truth.pulsesPerLabel,
                    &m_truth.detectionsPerLabel,
                    &m_truth.siftedPerLabel,
                    &m_truth.errorsPerLabel})
    {
        v->resize(labels, 0);
    }
    m_prepared = true;
}

Ptr<QkdClickSampler>
QkdQuantumLink::GetSampler() const
{
    return m_sampler;
}

const QkdLinkTruth&
QkdQuantumLink::GetTruth() const
{
    return m_truth;
}

uint8_t
QkdQuantumLink::Squash(uint32_t pattern)
{
    if (pattern == 1)
    {
        return 0;
    }
    if (pattern == 2)
    {
        return 1;
    }
    return m_uniform->GetValue() < 0.5 ? 0 : 1;
}

std::vector<uint64_t>
QkdQuantumLink::SilentLabels()
{
    const uint32_t labels = GetNumLabels();
    std::vector<uint64_t> out(labels, 0);
    const auto& silent = m_sampler->GetSilentGates();
    const auto& prob = m_sampler->GetClassProbabilities();
    for (uint32_t mask = 0; mask < silent.size(); ++mask)
    {
        uint64_t remaining = silent[mask];
        if (remaining == 0)
        {
            continue;
        }
        std::vector<double> w(labels, 0);
        for (uint32_t c = 0; c < prob.size(); ++c)
        {
            w[m_classes[c].label] += prob[c] * m_sampler->GetSilentProbability(mask, c);
        }
        double rest = 0;
        for (double v : w)
        {
            rest += v;
        }
        // Multinomial draw by sequential binomials.
        for (uint32_t l = 0; l < labels && remaining > 0; ++l)
        {
            uint64_t k = remaining;
            if (l + 1 < labels && rest > 0)
            {
                const double p = std::min(1.0, std::max(0.0, w[l] / rest));
                k = 0;
                uint64_t left = remaining;
                while (left > 0)
                {
                    const uint32_t chunk
                        = static_cast<uint32_t>(std::min<uint64_t>(left, 4000000000ULL));
                    k += PhotonNumberStatistics::SampleBinomial(chunk, p, *m_uniform);
                    left -= chunk;
                }
            }
            out[l] += k;
            remaining -= k;
            rest -= w[l];
        }
    }
    m_sampler->ClearSilentGates();
    return out;
}

void
QkdQuantumLink::GenerateFrame(uint64_t numPulses, QkdFrameView& alice, QkdFrameView& bob)
{
    NS_ABORT_MSG_IF(m_mode != FAST, "QkdQuantumLink::GenerateFrame: Fast mode only");
    if (!m_prepared)
    {
        Prepare();
    }
    alice.frame = bob.frame = m_frame;
    alice.firstPulse = bob.firstPulse = m_sampler->GetGateCount();
    alice.numPulses = bob.numPulses = numPulses;
    alice.records.clear();
    bob.records.clear();
    const bool bb84 = m_protocol == QkdProtocol::BB84;
    std::vector<QkdClickEvent> events;
    // Expected clicks plus 5 standard deviations: usually one allocation.
    const double expected = m_sampler->GetClickProbability((1u << (2 * (bb84 ? 1 : 2))) - 1)
                            * static_cast<double>(numPulses);
    events.reserve(static_cast<size_t>(std::min(expected + 5 * std::sqrt(expected) + 16, 1e8)));
    m_sampler->Sample(numPulses, events);
    m_truth.pulses += numPulses;
    m_truth.events += events.size();
    const uint32_t labels = GetNumLabels();
    std::vector<uint64_t> clicksPerLabel(labels, 0);
    alice.records.reserve(events.size());
    bob.records.reserve(events.size());
    for (const auto& ev : events)
    {
        const ClassInfo& c = m_classes[ev.cls];
        if (bb84)
        {
            const uint8_t bit = Squash(ev.pattern);
            alice.records.push_back({ev.gate, c.aSetting, c.aBit, c.label});
            bob.records.push_back({ev.gate, c.bSetting, bit, 0});
            ++clicksPerLabel[c.label];
            m_truth.doubleClicks += ev.pattern == 3 ? 1 : 0;
            if (c.aSetting == c.bSetting)
            {
                ++m_truth.siftedPerLabel[c.label];
                m_truth.errorsPerLabel[c.label] += bit != c.aBit ? 1 : 0;
            }
        }
        else
        {
            const uint32_t pa = ev.pattern & 3;
            const uint32_t pb = (ev.pattern >> 2) & 3;
            uint8_t ba = 0;
            uint8_t bb = 0;
            if (pa)
            {
                ba = Squash(pa);
                alice.records.push_back({ev.gate, c.aSetting, ba, 0});
                ++m_truth.aliceClicks;
            }
            if (pb)
            {
                bb = Squash(pb);
                bob.records.push_back({ev.gate, c.bSetting, bb, 0});
                ++m_truth.bobClicks;
                m_truth.doubleClicks += pb == 3 ? 1 : 0;
            }
            if (pa && pb)
            {
                ++m_truth.coincidences;
                ++m_truth.coincidencesPerSetting[c.aSetting][c.bSetting];
                m_truth.equalPerSetting[c.aSetting][c.bSetting] += ba == bb ? 1 : 0;
            }
        }
    }
    if (bb84)
    {
        std::vector<uint64_t> silent = SilentLabels();
        alice.pulsesPerLabel.assign(labels, 0);
        for (uint32_t l = 0; l < labels; ++l)
        {
            alice.pulsesPerLabel[l] = clicksPerLabel[l] + silent[l];
            m_truth.pulsesPerLabel[l] += alice.pulsesPerLabel[l];
            m_truth.detectionsPerLabel[l] += clicksPerLabel[l];
        }
    }
    else
    {
        m_sampler->ClearSilentGates();
    }
    m_frameTrace(m_frame, numPulses, events.size());
    ++m_frame;
}

void
QkdQuantumLink::Start(Time delay)
{
    NS_ABORT_MSG_IF(!m_aliceDevice || !m_bobDevice,
                    "QkdQuantumLink::Start: no quantum channel set");
    m_stopped = false;
    m_start = Simulator::Now() + delay;
    if (m_mode == FAST)
    {
        const uint64_t n
            = m_totalPulses > 0 ? std::min(m_framePulses, m_totalPulses) : m_framePulses;
        m_event = Simulator::Schedule(delay + Seconds(n / m_pulseRateHz),
                                      &QkdQuantumLink::RunFrame,
                                      this);
    }
    else
    {
        m_event = Simulator::Schedule(delay, &QkdQuantumLink::RunFrame, this);
    }
}

void
QkdQuantumLink::Stop()
{
    m_stopped = true;
}

bool
QkdQuantumLink::IsFinished() const
{
    return m_stopped || (m_totalPulses > 0 && m_pulse >= m_totalPulses);
}

void
QkdQuantumLink::Deliver(Ptr<QkdFrameView> alice, Ptr<QkdFrameView> bob)
{
    Time da = Seconds(0);
    Time db;
    if (m_protocol == QkdProtocol::BB84)
    {
        Ptr<QuantumChannel> ch = DynamicCast<QuantumChannel>(m_aliceDevice->GetChannel());
        db = ch->GetPropagationDelay(m_aliceDevice, m_bobDevice);
    }
    else
    {
        Ptr<QuantumChannel> ca = DynamicCast<QuantumChannel>(m_sourceToAlice->GetChannel());
        Ptr<QuantumChannel> cb = DynamicCast<QuantumChannel>(m_sourceToBob->GetChannel());
        da = ca->GetPropagationDelay(m_sourceToAlice, m_aliceDevice);
        db = cb->GetPropagationDelay(m_sourceToBob, m_bobDevice);
    }
    if (!m_aliceCallback.IsNull())
    {
        FrameCallback cb = m_aliceCallback;
        Simulator::ScheduleWithContext(m_aliceDevice->GetNode()->GetId(), da, [cb, alice]() {
            cb(alice);
        });
    }
    if (!m_bobCallback.IsNull())
    {
        FrameCallback cb = m_bobCallback;
        Simulator::ScheduleWithContext(m_bobDevice->GetNode()->GetId(), db, [cb, bob]() {
            cb(bob);
        });
    }
}

void
QkdQuantumLink::RunFrame()
{
    if (m_stopped)
    {
        return;
    }
    uint64_t n = m_framePulses;
    if (m_totalPulses > 0)
    {
        n = std::min(n, m_totalPulses - m_pulse);
    }
    if (n == 0)
    {
        return;
    }
    if (!m_prepared)
    {
        Prepare();
    }
    if (m_mode == FAST)
    {
        Ptr<QkdFrameView> a = Create<QkdFrameView>();
        Ptr<QkdFrameView> b = Create<QkdFrameView>();
        GenerateFrame(n, *a, *b);
        m_pulse += n;
        Deliver(a, b);
        if (!IsFinished())
        {
            uint64_t next = m_framePulses;
            if (m_totalPulses > 0)
            {
                next = std::min(next, m_totalPulses - m_pulse);
            }
            m_event = Simulator::Schedule(Seconds(next / m_pulseRateHz),
                                          &QkdQuantumLink::RunFrame,
                                          this);
        }
        return;
    }
    // EXACT: one event per pulse.
    m_exactAlice = Create<QkdFrameView>();
    m_exactBob = Create<QkdFrameView>();
    m_exactAlice->frame = m_exactBob->frame = m_frame;
    m_exactAlice->firstPulse = m_exactBob->firstPulse = m_pulse;
    m_exactAlice->numPulses = m_exactBob->numPulses = n;
    m_exactAlice->pulsesPerLabel.assign(GetNumLabels(), 0);
    m_exactEnd = m_pulse + n;
    m_bobT = ChannelEffect(m_aliceDevice, m_bobDevice, m_bobNoise);
    const Time at = m_start + Seconds(m_pulse / m_pulseRateHz);
    m_event = Simulator::Schedule(at - Simulator::Now(), &QkdQuantumLink::ExactPulse, this);
}

void
QkdQuantumLink::ExactPulse()
{
    const uint8_t a = m_uniform->GetValue() < m_zProbability ? 0 : 1;
    const uint8_t x = m_uniform->GetValue() < 0.5 ? 0 : 1;
    Ptr<QuantumSignal> emitted = m_sourceType == WCP ? GetWeakCoherentSource()->EmitPulse(a, x)
                                                     : GetSinglePhotonSource()->EmitMode(a, x);
    QkdPulseState pulse;
    pulse.statistics = emitted->GetStatistics();
    pulse.mean = emitted->GetMeanPhotonNumber();
    pulse.basis = a;
    pulse.bit = x;
    pulse.label = m_sourceType == WCP ? emitted->GetIntensityLabel() : 0;
    if (m_eve)
    {
        pulse = m_eve->Tap(pulse);
    }
    const uint8_t b = m_uniform->GetValue() < m_zProbability ? 0 : 1;
    Ptr<QuantumSignal> arriving = pulse.ToSignal(m_bobT, BasisNoise(m_bobNoise, b));
    const AnalyzerResult r = GetBobAnalyzer()->Analyze(arriving,
                                                       b == 0 ? MeasurementBasis::ZBasis()
                                                              : MeasurementBasis::XBasis());
    ++m_exactAlice->pulsesPerLabel[pulse.label];
    ++m_truth.pulsesPerLabel[pulse.label];
    ++m_truth.pulses;
    const uint32_t pattern = (r.detector0.clicked ? 1 : 0) | (r.detector1.clicked ? 2 : 0);
    if (pattern)
    {
        const uint8_t bit = Squash(pattern);
        m_exactAlice->records.push_back({m_pulse, a, x, static_cast<uint8_t>(pulse.label)});
        m_exactBob->records.push_back({m_pulse, b, bit, 0});
        ++m_truth.events;
        ++m_truth.detectionsPerLabel[pulse.label];
        m_truth.doubleClicks += pattern == 3 ? 1 : 0;
        if (a == b)
        {
            ++m_truth.siftedPerLabel[pulse.label];
            m_truth.errorsPerLabel[pulse.label] += bit != x ? 1 : 0;
        }
    }
    ++m_pulse;
    if (m_pulse < m_exactEnd && !m_stopped)
    {
        const Time at = m_start + Seconds(m_pulse / m_pulseRateHz);
        m_event = Simulator::Schedule(at - Simulator::Now(), &QkdQuantumLink::ExactPulse, this);
    }
    else
    {
        FinishExactFrame();
    }
}

void
QkdQuantumLink::FinishExactFrame()
{
    m_frameTrace(m_frame, m_exactAlice->numPulses, m_exactBob->records.size());
    ++m_frame;
    Deliver(m_exactAlice, m_exactBob);
    m_exactAlice = nullptr;
    m_exactBob = nullptr;
    if (!IsFinished())
    {
        m_event = Simulator::ScheduleNow(&QkdQuantumLink::RunFrame, this);
    }
}

} // namespace ns3
