/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "heralding-station.h"

#include "heralded-link-layer.h"
#include "kraus-channel.h"
#include "quantum-channel.h"
#include "quantum-memory.h"
#include "quantum-net-device.h"
#include "quantum-signal.h"
#include "quantum-state-registry.h"
#include "single-photon-detector.h"

#include "ns3/abort.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HeraldingStation");
NS_OBJECT_ENSURE_REGISTERED(HeraldingStation);

namespace
{
/**
 * @param t a time (0 = infinite)
 * @return seconds, or infinity
 */
double
SecondsOrInf(Time t)
{
    return t.IsZero() ? std::numeric_limits<double>::infinity() : t.GetSeconds();
}
} // namespace

TypeId
HeraldingStation::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::HeraldingStation")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<HeraldingStation>()
              .AddAttribute("Protocol",
                            "Heralding protocol: single-click or double-click (Barrett-Kok).",
                            EnumValue(static_cast<int>(HeraldingProtocol::SINGLE_CLICK)),
                            MakeEnumAccessor(&HeraldingStation::m_protocol),
                            MakeEnumChecker(static_cast<int>(HeraldingProtocol::SINGLE_CLICK),
                                            "single-click",
                                            static_cast<int>(HeraldingProtocol::BARRETT_KOK),
                                            "double-click"))
              .AddAttribute("HeraldTransport",
                            "How heralds travel: signal-line (delay only) or udp (packets).",
                            EnumValue(static_cast<int>(HeraldTransport::SIGNAL_LINE)),
                            MakeEnumAccessor(&HeraldingStation::m_transport),
                            MakeEnumChecker(static_cast<int>(HeraldTransport::SIGNAL_LINE),
                                            "signal-line",
                                            static_cast<int>(HeraldTransport::UDP),
                                            "udp"))
              .AddAttribute("Visibility",
                            "Two-photon (Hong-Ou-Mandel) interference visibility V in [0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&HeraldingStation::m_visibility),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("PhaseNoiseStdRad",
                            "Standard deviation (rad) of the optical phase between the arms "
                            "(single-click coherence x exp(-sigma^2/2)), in [0, 100].",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&HeraldingStation::m_phaseNoise),
                            MakeDoubleChecker<double>(0.0, 100.0))
              .AddAttribute("RoundSeparation",
                            "Barrett-Kok: time between the two emission rounds (pi pulse).",
                            TimeValue(MicroSeconds(1)),
                            MakeTimeAccessor(&HeraldingStation::m_roundSeparation),
                            MakeTimeChecker(Seconds(0), Seconds(1)))
              .AddAttribute("SignalLineDelay",
                            "Delay of the herald signal line to each end; 0 = the arm's fibre "
                            "delay (same length and group velocity).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&HeraldingStation::m_signalLineDelay),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("QuantumPort",
                            "Quantum port the ends address their photons to.",
                            UintegerValue(7001),
                            MakeUintegerAccessor(&HeraldingStation::m_quantumPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("DetectorC",
                            "Detector behind output c of the beam splitter.",
                            PointerValue(),
                            MakePointerAccessor(&HeraldingStation::m_detectorC),
                            MakePointerChecker<SinglePhotonDetector>())
              .AddAttribute("DetectorD",
                            "Detector behind output d of the beam splitter.",
                            PointerValue(),
                            MakePointerAccessor(&HeraldingStation::m_detectorD),
                            MakePointerChecker<SinglePhotonDetector>())
              .AddTraceSource("Herald",
                              "An attempt was evaluated: lane, attempt id, click pattern, success.",
                              MakeTraceSourceAccessor(&HeraldingStation::m_heraldTrace),
                              "ns3::HeraldingStation::HeraldTracedCallback");
    return tid;
}

HeraldingStation::HeraldingStation()
    : m_protocol(0)
    , m_transport(0)
    , m_visibility(1.0)
    , m_phaseNoise(0)
    , m_quantumPort(7001)
    , m_udpDest{InetSocketAddress(Ipv4Address::GetAny(), 0),
                InetSocketAddress(Ipv4Address::GetAny(), 0)}
    , m_haveModel(false)
    , m_haveTiming(false)
    , m_initFidelity{1.0, 1.0}
    , m_endNodeId{0, 0}
    , m_nextPairId(1)
    , m_attempts(0)
    , m_numSuccesses(0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
    m_detectorC = CreateObject<SinglePhotonDetector>();
    m_detectorD = CreateObject<SinglePhotonDetector>();
}

HeraldingStation::~HeraldingStation()
{
    NS_LOG_FUNCTION(this);
    for (auto& line : m_lines)
    {
        if (line.event)
        {
            line.event->Detach();
        }
    }
}

void
HeraldingStation::DoDispose()
{
    for (uint32_t i = 0; i < 2; ++i)
    {
        // The station owns its link ends (they point at each other).
        if (m_ends[i])
        {
            m_ends[i]->Dispose();
        }
        m_devices[i] = nullptr;
        m_ends[i] = nullptr;
    }
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    m_detectorC = nullptr;
    m_detectorD = nullptr;
    for (auto& line : m_lines)
    {
        // Entries still in the scheduler find a detached event and do nothing.
        if (line.event)
        {
            line.event->Detach();
            line.event = nullptr;
        }
        line.ring.clear();
        line.count = 0;
    }
    m_pairs.clear();
    m_uniform = nullptr;
    Object::DoDispose();
}

void
HeraldingStation::SetArm(uint32_t arm, Ptr<QuantumNetDevice> device, Ptr<HeraldedLinkLayer> end)
{
    NS_ABORT_MSG_IF(arm > 1, "HeraldingStation::SetArm: arm " << arm << " is not 0 or 1");
    NS_ABORT_MSG_IF(!device || !end, "HeraldingStation::SetArm: null device or end");
    m_devices[arm] = device;
    m_ends[arm] = end;
    device->RegisterHandler(
        m_quantumPort,
        MakeCallback(arm == 0 ? &HeraldingStation::ReceiveA : &HeraldingStation::ReceiveB, this));
    m_haveModel = false;
    m_nominal = HeraldedEntanglementModel();
    m_haveTiming = false;
    if (m_ends[0] && m_ends[1])
    {
        ComputeTiming();
    }
}

void
HeraldingStation::ReceiveA(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device)
{
    Receive(signal, 0);
}

void
HeraldingStation::ReceiveB(Ptr<QuantumSignal> signal, Ptr<QuantumNetDevice> device)
{
    Receive(signal, 1);
}

void
HeraldingStation::SetUdpDestination(uint32_t arm, InetSocketAddress address)
{
    NS_ABORT_MSG_IF(arm > 1,
                    "HeraldingStation::SetUdpDestination: arm " << arm << " is not 0 or 1");
    m_udpDest[arm] = address;
}

HeraldingProtocol
HeraldingStation::GetProtocol() const
{
    return static_cast<HeraldingProtocol>(m_protocol);
}

HeraldTransport
HeraldingStation::GetTransport() const
{
    return static_cast<HeraldTransport>(m_transport);
}

Ptr<QuantumNetDevice>
HeraldingStation::GetDevice(uint32_t arm) const
{
    return m_devices[arm];
}

Ptr<SinglePhotonDetector>
HeraldingStation::GetDetector(uint32_t j) const
{
    return j == 0 ? m_detectorC : m_detectorD;
}

uint16_t
HeraldingStation::GetQuantumPort() const
{
    return m_quantumPort;
}

void
HeraldingStation::Refresh()
{
    m_haveTiming = false;
    ComputeTiming();
    m_nominal = HeraldedEntanglementModel();
    GetNominalModel();
}

void
HeraldingStation::ComputeTiming()
{
    NS_ABORT_MSG_IF(!m_ends[0] || !m_ends[1], "HeraldingStation: both arms must be attached");
    for (uint32_t a = 0; a < 2; ++a)
    {
        m_armDelay[a] = ComputeArmDelay(a);
        m_heraldDelay[a] = ComputeHeraldDelay(a);
        m_initFidelity[a] = m_ends[a]->GetInitializationFidelity();
        Ptr<Node> node = m_ends[a]->GetNode();
        m_endNodeId[a] = node ? node->GetId() : 0;
    }
    const Time loop = std::max(m_armDelay[0] + m_heraldDelay[0], m_armDelay[1] + m_heraldDelay[1]);
    const Time emission
        = std::max(m_ends[0]->GetEmissionDuration(), m_ends[1]->GetEmissionDuration());
    m_period = emission + loop + GetRoundSeparation();
    m_haveTiming = true;
}

Time
HeraldingStation::GetArmDelay(uint32_t arm) const
{
    NS_ABORT_MSG_IF(!m_haveTiming, "HeraldingStation: timing not computed (attach both arms)");
    return m_armDelay[arm];
}

Time
HeraldingStation::GetHeraldDelay(uint32_t arm) const
{
    NS_ABORT_MSG_IF(!m_haveTiming, "HeraldingStation: timing not computed (attach both arms)");
    return m_heraldDelay[arm];
}

Time
HeraldingStation::GetAttemptPeriod() const
{
    NS_ABORT_MSG_IF(!m_haveTiming, "HeraldingStation: timing not computed (attach both arms)");
    return m_period;
}

Time
HeraldingStation::ComputeArmDelay(uint32_t arm) const
{
    NS_ABORT_MSG_IF(!m_devices[arm], "HeraldingStation: arm " << arm << " is not attached");
    Ptr<QuantumChannel> ch = m_devices[arm]->GetQuantumChannel();
    Ptr<QuantumNetDevice> other = DynamicCast<QuantumNetDevice>(ch->GetDevice(0)) == m_devices[arm]
                                      ? DynamicCast<QuantumNetDevice>(ch->GetDevice(1))
                                      : DynamicCast<QuantumNetDevice>(ch->GetDevice(0));
    return ch->GetPropagationDelay(other, m_devices[arm]);
}

Time
HeraldingStation::ComputeHeraldDelay(uint32_t arm) const
{
    if (GetTransport() == HeraldTransport::UDP)
    {
        // Nominal latency of one herald over the first point-to-point hop.
        Ptr<Node> node = m_devices[arm]->GetNode();
        const uint32_t size = HeraldHeader().GetSerializedSize() + 8 + 20 + 2;
        for (uint32_t i = 0; i < node->GetNDevices(); ++i)
        {
            Ptr<PointToPointNetDevice> p2p = DynamicCast<PointToPointNetDevice>(node->GetDevice(i));
            if (!p2p)
            {
                continue;
            }
            Ptr<PointToPointChannel> ch = DynamicCast<PointToPointChannel>(p2p->GetChannel());
            Ptr<NetDevice> peer = ch->GetDevice(0) == p2p ? ch->GetDevice(1) : ch->GetDevice(0);
            if (peer->GetNode() == m_ends[arm]->GetNode())
            {
                TimeValue delay;
                ch->GetAttribute("Delay", delay);
                DataRateValue rate;
                p2p->GetAttribute("DataRate", rate);
                return delay.Get() + rate.Get().CalculateBytesTxTime(size);
            }
        }
        return ComputeArmDelay(arm);
    }
    return m_signalLineDelay.IsZero() ? ComputeArmDelay(arm) : m_signalLineDelay;
}

Time
HeraldingStation::GetRoundSeparation() const
{
    return GetProtocol() == HeraldingProtocol::BARRETT_KOK ? m_roundSeparation : Seconds(0);
}

const HeraldedEntanglementModel&
HeraldingStation::GetNominalModel()
{
    NS_ABORT_MSG_IF(!m_ends[0] || !m_ends[1], "HeraldingStation: both arms must be attached");
    if (!m_nominal.GetOutcomes().empty())
    {
        return m_nominal;
    }
    HeraldedEntanglementModel::Parameters p;
    p.protocol = GetProtocol();
    double eta[2];
    for (uint32_t a = 0; a < 2; ++a)
    {
        Ptr<QuantumChannel> ch = m_devices[a]->GetQuantumChannel();
        Ptr<QuantumNetDevice> other
            = DynamicCast<QuantumNetDevice>(ch->GetDevice(0)) == m_devices[a]
                  ? DynamicCast<QuantumNetDevice>(ch->GetDevice(1))
                  : DynamicCast<QuantumNetDevice>(ch->GetDevice(0));
        eta[a] = m_ends[a]->GetEmissionEfficiency() * ch->GetTransmittance(other, m_devices[a]);
    }
    p.etaA = eta[0];
    p.etaB = eta[1];
    for (uint32_t j = 0; j < 2; ++j)
    {
        p.detectorEfficiency[j] = GetDetector(j)->GetEfficiency();
        p.darkCountProbability[j] = GetDetector(j)->GetEffectiveDarkCountProbability();
    }
    p.visibility = m_visibility;
    p.alphaA = m_ends[0]->GetBrightStatePopulation();
    p.alphaB = m_ends[1]->GetBrightStatePopulation();
    p.phaseNoiseStdRad = m_phaseNoise;
    m_nominal = HeraldedEntanglementModel(p);
    return m_nominal;
}

const HeraldedEntanglementModel&
HeraldingStation::ModelFor(const LanePending& lp)
{
    // Built afresh for every attempt (attributes may change at any time);
    // the optics are recomputed only when a parameter changed.
    const SinglePhotonDetector* detector[2] = {PeekPointer(m_detectorC), PeekPointer(m_detectorD)};
    HeraldedEntanglementModel::Parameters p;
    p.protocol = GetProtocol();
    p.etaA = lp.eta[0];
    p.etaB = lp.eta[1];
    for (uint32_t j = 0; j < 2; ++j)
    {
        p.detectorEfficiency[j] = detector[j]->GetEfficiency();
        p.darkCountProbability[j] = detector[j]->GetEffectiveDarkCountProbability();
    }
    p.visibility = m_visibility;
    p.alphaA = m_ends[0]->GetBrightStatePopulation();
    p.alphaB = m_ends[1]->GetBrightStatePopulation();
    p.phaseNoiseStdRad = m_phaseNoise;
    if (!m_haveModel || !(m_model.GetParameters() == p))
    {
        m_model = HeraldedEntanglementModel(p);
        m_haveModel = true;
    }
    return m_model;
}

uint64_t
HeraldingStation::GetNumAttempts() const
{
    return m_attempts;
}

uint64_t
HeraldingStation::GetNumSuccesses() const
{
    return m_numSuccesses;
}

void
HeraldingStation::Receive(Ptr<QuantumSignal> signal, uint32_t arm)
{
    const uint64_t bin = signal->GetTimeBin();
    const uint32_t attempt = static_cast<uint32_t>(bin & 0xffffffffu);
    const uint32_t lane = static_cast<uint32_t>((bin >> 32) & 0xffff);
    const uint16_t tag = static_cast<uint16_t>((bin >> 48) & 0x7fff);
    const bool fast = (bin >> 63) != 0;
    if (lane >= m_lanes.size())
    {
        m_lanes.resize(lane + 1);
    }
    LanePending& lp = m_lanes[lane];
    if (lp.tag != tag || lp.attemptId != attempt || lp.fast != fast)
    {
        lp = LanePending();
        lp.tag = tag;
        lp.attemptId = attempt;
        lp.fast = fast;
    }
    const auto& noise = signal->GetPauliNoise();
    NS_ABORT_MSG_IF(noise[1] + noise[2] > 1e-12,
                    "HeraldingStation: a photon of arm "
                        << arm << " carries bit-flip noise (pX + pY = " << noise[1] + noise[2]
                        << "); heralded links support only dephasing noise models on the fibre");
    lp.has[arm] = true;
    lp.eta[arm] = signal->GetTransmittance();
    lp.pz[arm] = noise[3];
    const Time now = Simulator::Now();
    lp.travel[arm] = now - signal->GetEmissionTime();
    if (lp.has[0] && lp.has[1])
    {
        Process(lane, now);
    }
}

void
HeraldingStation::Process(uint32_t lane, Time now)
{
    LanePending p = m_lanes[lane];
    m_lanes[lane].has[0] = m_lanes[lane].has[1] = false;
    m_lanes[lane].attemptId = std::numeric_limits<uint32_t>::max();
    const HeraldedEntanglementModel& model = ModelFor(p);
    if (!p.fast)
    {
        ++m_attempts;
        const uint32_t k = model.DrawOutcome(m_uniform->GetValue());
        const HeraldedOutcome& o = model.GetOutcomes()[k];
        if (o.success)
        {
            Herald(p, lane, k, 1);
            return;
        }
        if (!m_heraldTrace.IsEmpty())
        {
            m_heraldTrace(lane, p.attemptId, o.clickPattern, false);
        }
        HeraldHeader h;
        h.type = HeraldHeader::HERALD;
        h.requestTag = p.tag;
        h.lane = static_cast<uint16_t>(lane);
        h.attemptId = p.attemptId;
        h.clickPattern = o.clickPattern;
        h.success = 0;
        const Time extra = GetRoundSeparation();
        Send(0, h, extra, now);
        Send(1, h, extra, now);
        return;
    }
    // Fast mode: attempts to the first success, geometric.
    const double ps = model.GetSuccessProbability();
    if (ps <= 0)
    {
        return; // never succeeds; the ends' deadline ends the request
    }
    uint64_t k = 1;
    if (ps < 1)
    {
        const double u = 1.0 - m_uniform->GetValue(); // (0, 1]
        const double extra = std::floor(std::log(u) / std::log1p(-ps));
        if (extra > 1e15)
        {
            return;
        }
        k = 1 + static_cast<uint64_t>(extra);
    }
    const Time period = GetAttemptPeriod();
    const uint32_t outcome = model.DrawSuccess(m_uniform->GetValue());
    p.attemptId = static_cast<uint32_t>(k - 1);
    Simulator::Schedule(period * static_cast<int64_t>(k - 1),
                        &HeraldingStation::Herald,
                        this,
                        p,
                        lane,
                        outcome,
                        k);
}

void
HeraldingStation::DecayPairMatrix(QMatrix& rho, uint32_t qubit, double dt, Time t1, Time t2)
{
    if (dt <= 0 || (t1.IsZero() && t2.IsZero()))
    {
        return;
    }
    const KrausChannel ch = KrausChannel::MemoryDecay(dt, SecondsOrInf(t1), SecondsOrInf(t2));
    QMatrix out = QMatrix::Zero(4, 4);
    const QMatrix id = QMatrix::Identity(2, 2);
    for (const auto& k : ch.GetKrausOperators())
    {
        const QMatrix full = qubit == 0 ? quantumlinalg::Kron(k, id) : quantumlinalg::Kron(id, k);
        out += full * rho * full.adjoint();
    }
    rho = out;
}

void
HeraldingStation::Herald(LanePending p, uint32_t lane, uint32_t outcome, uint64_t attempts)
{
    const HeraldedEntanglementModel& model = ModelFor(p);
    const HeraldedOutcome& o = model.GetOutcomes()[outcome];
    if (p.fast)
    {
        m_attempts += attempts;
    }
    ++m_numSuccesses;
    // Detection of the last photon: now plus the Barrett-Kok round separation.
    const Time now = Simulator::Now();
    const Time detection = now + GetRoundSeparation();
    QMatrix rho = o.state;
    for (uint32_t a = 0; a < 2; ++a)
    {
        // Fibre dephasing of the photon and the initialisation error of the
        // spin act as Z on the spin: coherences across the spin's values scale.
        const double f = (1 - 2 * p.pz[a]) * (2 * m_initFidelity[a] - 1);
        if (f != 1)
        {
            for (uint32_t i = 0; i < 4; ++i)
            {
                for (uint32_t j = 0; j < 4; ++j)
                {
                    const uint32_t bi = a == 0 ? (i >> 1) : (i & 1);
                    const uint32_t bj = a == 0 ? (j >> 1) : (j & 1);
                    if (bi != bj)
                    {
                        rho(i, j) *= f;
                    }
                }
            }
        }
        Ptr<QuantumMemory> mem = m_ends[a]->GetMemory();
        DecayPairMatrix(rho,
                        a,
                        (p.travel[a] + GetRoundSeparation()).GetSeconds(),
                        mem->GetT1(),
                        mem->GetT2());
    }
    Ptr<QuantumStateRegistry> reg = m_ends[0]->GetMemory()->GetRegistry();
    std::vector<QubitHandle> q = reg->CreateMixedState(rho);
    const uint64_t id = m_nextPairId++;
    PairRecord& rec = m_pairs[id];
    for (uint32_t a = 0; a < 2; ++a)
    {
        rec.half[a].qubit = q[a];
        rec.half[a].stamp = detection;
    }
    if (!m_heraldTrace.IsEmpty())
    {
        m_heraldTrace(lane, p.attemptId, o.clickPattern, true);
    }
    HeraldHeader h;
    h.type = HeraldHeader::HERALD;
    h.requestTag = p.tag;
    h.lane = static_cast<uint16_t>(lane);
    h.attemptId = p.attemptId;
    h.clickPattern = o.clickPattern;
    h.success = 1;
    h.bellLabel = static_cast<uint8_t>(o.bellState);
    h.successIndex = m_successes[p.tag]++;
    h.pairId = id;
    Send(0, h, GetRoundSeparation(), now);
    Send(1, h, GetRoundSeparation(), now);
}

HeraldingStation::HeraldLineEvent::HeraldLineEvent(HeraldingStation* station, uint32_t arm)
    : m_station(station)
    , m_arm(arm)
{
}

void
HeraldingStation::HeraldLineEvent::Detach()
{
    m_station = nullptr;
}

void
HeraldingStation::HeraldLineEvent::Notify()
{
    if (m_station)
    {
        m_station->DeliverHerald(m_arm);
    }
}

void
HeraldingStation::DeliverHerald(uint32_t arm)
{
    HeraldLine& line = m_lines[arm];
    NS_ASSERT(line.count > 0);
    // Copied out of the ring (the handler may send more heralds on this
    // line); 'current' is only overwritten by the next run of this event.
    line.current = line.ring[line.head];
    line.head = (line.head + 1) & (line.ring.size() - 1);
    --line.count;
    m_ends[arm]->ReceiveMessage(line.current);
}

void
HeraldingStation::Send(uint32_t arm, const HeraldHeader& h, Time extraDelay, Time now)
{
    if (GetTransport() == HeraldTransport::SIGNAL_LINE)
    {
        NS_ABORT_MSG_IF(!m_haveTiming, "HeraldingStation: timing not computed (attach both arms)");
        const Time delay = extraDelay + m_heraldDelay[arm];
        const Time arrival = now + delay;
        HeraldLine& line = m_lines[arm];
        if (line.count > 0 && line.event->GetReferenceCount() == 1)
        {
            // Heralds left in the ring without scheduler entries: the
            // simulation was destroyed before they arrived.  They are void.
            line.count = 0;
        }
        if (line.count == 0)
        {
            line.head = 0;
            line.lastArrival = Time();
        }
        if (arrival < line.lastArrival)
        {
            // The line's delay shrank (attributes changed between requests):
            // this herald overtakes earlier ones, so it gets its own event.
            Simulator::ScheduleWithContext(m_endNodeId[arm],
                                           delay,
                                           &HeraldedLinkLayer::ReceiveMessage,
                                           m_ends[arm],
                                           h);
            return;
        }
        // In FIFO order on the line: the k-th scheduler entry of the line's
        // event runs k-th (equal times run in scheduling order), so it
        // delivers the k-th herald of the ring.
        line.lastArrival = arrival;
        if (line.count == line.ring.size())
        {
            std::vector<HeraldHeader> bigger(std::max<std::size_t>(8, 2 * line.ring.size()));
            for (std::size_t i = 0; i < line.count; ++i)
            {
                bigger[i] = line.ring[(line.head + i) & (line.ring.size() - 1)];
            }
            line.ring.swap(bigger);
            line.head = 0;
        }
        line.ring[(line.head + line.count) & (line.ring.size() - 1)] = h;
        ++line.count;
        if (!line.event)
        {
            line.event = Create<HeraldLineEvent>(this, arm);
        }
        line.event->Ref(); // the scheduler's reference, released after the entry ran
        Simulator::ScheduleWithContext(m_endNodeId[arm], delay, PeekPointer(line.event));
        return;
    }
    if (extraDelay.IsZero())
    {
        SendUdp(arm, h);
    }
    else
    {
        Simulator::Schedule(extraDelay, &HeraldingStation::SendUdp, this, arm, h);
    }
}

void
HeraldingStation::SendUdp(uint32_t arm, HeraldHeader h)
{
    if (!m_socket)
    {
        Ptr<Node> node = m_devices[arm]->GetNode();
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() != 0, "HeraldingStation: cannot bind the UDP socket");
    }
    NS_ABORT_MSG_IF(m_udpDest[arm].GetPort() == 0,
                    "HeraldingStation: HeraldTransport is udp but no UDP destination was set for "
                    "arm "
                        << arm << " (SetUdpDestination)");
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(h);
    m_socket->SendTo(packet, 0, m_udpDest[arm]);
}

QubitHandle
HeraldingStation::ClaimHalf(uint64_t pairId, uint32_t arm, Time& decayUpTo)
{
    auto it = m_pairs.find(pairId);
    NS_ABORT_MSG_IF(it == m_pairs.end() || it->second.half[arm].claimed,
                    "HeraldingStation::ClaimHalf: pair " << pairId << " has no unclaimed half "
                                                         << arm);
    Half& h = it->second.half[arm];
    h.claimed = true;
    decayUpTo = h.stamp;
    return h.qubit;
}

void
HeraldingStation::NoteStored(uint64_t pairId, uint32_t arm, Ptr<QuantumMemory> memory, int32_t slot)
{
    auto it = m_pairs.find(pairId);
    if (it == m_pairs.end())
    {
        return;
    }
    it->second.half[arm].mem = memory;
    it->second.half[arm].slot = slot;
}

double
HeraldingStation::GetTrueFidelity(uint64_t pairId, uint32_t arm, BellState bell)
{
    auto it = m_pairs.find(pairId);
    NS_ABORT_MSG_IF(it == m_pairs.end(), "HeraldingStation::GetTrueFidelity: unknown pair");
    const Half& mine = it->second.half[arm];
    const Half& other = it->second.half[1 - arm];
    Ptr<QuantumStateRegistry> reg = m_ends[arm]->GetMemory()->GetRegistry();
    if (!other.claimed)
    {
        // The partner is still at the station's stamp: decay a copy.
        std::vector<QubitHandle> qs = {mine.qubit, other.qubit};
        QMatrix rho = reg->GetDensityMatrix(qs); // qubit 0 = mine
        Ptr<QuantumMemory> om = m_ends[1 - arm]->GetMemory();
        DecayPairMatrix(rho,
                        1,
                        (Simulator::Now() - other.stamp).GetSeconds(),
                        om->GetT1(),
                        om->GetT2());
        const QVector ref = BellStateVector(bell);
        return std::real(ref.dot(rho * ref));
    }
    if (other.slot < 0 || !other.mem || !other.mem->IsOccupied(other.slot)
        || !reg->IsAlive(other.qubit))
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (other.mem->Access(other.slot) != other.qubit)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return reg->GetFidelity({mine.qubit, other.qubit}, BellStateVector(bell));
}

void
HeraldingStation::Done(uint64_t pairId, uint32_t arm)
{
    auto it = m_pairs.find(pairId);
    if (it == m_pairs.end())
    {
        return;
    }
    it->second.half[arm].done = true;
    if (it->second.half[0].done && it->second.half[1].done)
    {
        m_pairs.erase(it);
    }
}

int64_t
HeraldingStation::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

} // namespace ns3
