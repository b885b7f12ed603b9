/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-scenario-helper.h"

#include "quantum-channel-helper.h"
#include "quantum-node-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/free-space-quantum-channel.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/pointer.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/polarization-misalignment-model.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-hardware-preset.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-scenario-reader.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/spdc-pair-source.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/weak-coherent-source.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumScenarioHelper");

namespace
{

/** Group velocity of light in fibre used for abstract links, m/s. */
constexpr double FIBRE_SPEED = 2e8;

/**
 * @param s a string
 * @return it as a JSON string literal
 */
std::string
Json(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += c;
        }
        else if (static_cast<unsigned char>(c) < 0x20)
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned char>(c));
            out += buf;
        }
        else
        {
            out += c;
        }
    }
    return out + "\"";
}

/**
 * @param x a number
 * @return it as JSON (null if not finite)
 */
std::string
Num(double x)
{
    if (!std::isfinite(x))
    {
        return "null";
    }
    std::ostringstream s;
    s << std::setprecision(12) << x;
    return s.str();
}

/**
 * @param s a duration in seconds, as read from a file (e.g. 1e-4 for "100us")
 * @return it as a Time rounded to the picosecond, so that 1e-4 is exactly
 *         MicroSeconds(100) (Seconds(1e-4) may truncate to 99999 ns)
 */
Time
ToTime(double s)
{
    return s < 1e6 ? PicoSeconds(std::llround(s * 1e12)) : Seconds(s);
}

} // namespace

QuantumScenarioHelper::QuantumScenarioHelper()
    : m_haveDescription(false)
    , m_built(false)
{
}

QuantumScenarioHelper::~QuantumScenarioHelper() = default;

void
QuantumScenarioHelper::Load(const std::string& pathOrName)
{
    NS_ABORT_MSG_IF(m_built, "QuantumScenarioHelper::Load: the scenario is already built");
    m_description = ScenarioReader::Load(pathOrName);
    m_haveDescription = true;
}

void
QuantumScenarioHelper::SetDescription(const ScenarioDescription& description)
{
    NS_ABORT_MSG_IF(m_built,
                    "QuantumScenarioHelper::SetDescription: the scenario is already built");
    int line = 0;
    const std::string err = description.Validate(&line);
    NS_ABORT_MSG_IF(!err.empty(),
                    "QuantumScenarioHelper: "
                        << (description.path.empty()
                                ? std::string("scenario '") + description.name + "'"
                                : description.path)
                        << ":" << line << ": " << err);
    m_description = description;
    m_haveDescription = true;
}

const ScenarioDescription&
QuantumScenarioHelper::GetDescription() const
{
    return m_description;
}

void
QuantumScenarioHelper::SetLinkMetrics()
{
    // ns-3's global routing asserts (in builds with asserts) when a node
    // reaches another over two equal-cost paths, which cycles of classical
    // links easily make.  Metric 2^k on the k-th link (both ends, every
    // member of a CSMA segment) makes the costs of different paths
    // different, up to the 16-bit metric's 15 links; later links keep
    // metric 1 (rare ties then only matter in builds with asserts).
    std::map<Ptr<Channel>, uint16_t> metric;
    for (uint32_t n = 0; n < m_nodes.GetN(); ++n)
    {
        Ptr<Ipv4> ipv4 = m_nodes.Get(n)->GetObject<Ipv4>();
        if (!ipv4)
        {
            continue;
        }
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            Ptr<NetDevice> dev = ipv4->GetNetDevice(i);
            Ptr<Channel> channel = dev ? dev->GetChannel() : nullptr;
            if (!channel)
            {
                continue;
            }
            auto it = metric.find(channel);
            if (it == metric.end())
            {
                const std::size_t k = metric.size();
                it = metric.emplace(channel, k < 15 ? uint16_t(1u << k) : uint16_t(1)).first;
            }
            ipv4->SetMetric(i, it->second);
        }
    }
}

void
QuantumScenarioHelper::Build()
{
    NS_ABORT_MSG_IF(!m_haveDescription,
                    "QuantumScenarioHelper::Build: call Load or SetDescription first");
    NS_ABORT_MSG_IF(m_built, "QuantumScenarioHelper::Build: called twice");
    m_built = true;
    RngSeedManager::SetSeed(m_description.seed);
    RngSeedManager::SetRun(m_description.run);
    m_repeater = std::make_unique<QuantumRepeaterHelper>();
    m_qkdHelper = std::make_unique<QkdHelper>();
    BuildNodes();
    BuildClassical();
    BuildQkd();
    BuildChains();
    BuildNetwork();
    SetLinkMetrics();
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    for (const auto& q : m_description.qkd)
    {
        stream += m_qkdHelper->AssignStreams(m_qkd.at(q.name), stream);
    }
    for (const auto& c : m_description.chains)
    {
        stream += QuantumRepeaterHelper::AssignStreams(m_chains.at(c.name), stream);
    }
    for (const auto& l : m_description.quantumLinks)
    {
        auto it = m_heralded.find(l.name);
        if (it != m_heralded.end())
        {
            stream += QuantumLinkHelper::AssignStreams(it->second, stream);
        }
    }
    if (m_network.controller)
    {
        stream += QuantumRepeaterHelper::AssignStreams(m_network, stream);
    }
    QuantumNodeHelper().AssignStreams(m_nodes, stream);
    Simulator::Stop(Seconds(m_description.stopSeconds));
}

void
QuantumScenarioHelper::BuildNodes()
{
    std::set<std::string> chainNodes;
    for (const auto& c : m_description.chains)
    {
        chainNodes.insert(c.nodes.begin(), c.nodes.end());
    }
    for (const auto& r : m_description.requests)
    {
        chainNodes.insert(r.from);
        chainNodes.insert(r.to);
    }
    for (const auto& l : m_description.quantumLinks)
    {
        if (l.type == ScenarioDescription::FIBRE)
        {
            chainNodes.insert(l.from);
            chainNodes.insert(l.to);
        }
    }
    m_nodes.Create(m_description.nodes.size());
    for (size_t i = 0; i < m_description.nodes.size(); ++i)
    {
        const auto& n = m_description.nodes[i];
        QuantumNodeHelper qnh;
        bool presetSlots = false;
        if (!n.preset.empty())
        {
            qnh.SetPreset(n.preset);
            presetSlots
                = QuantumHardwarePreset::Load(n.preset).HasParameter(QuantumHardwarePreset::MEMORY,
                                                                     "NumSlots");
        }
        if (n.numSlots > 0)
        {
            qnh.SetMemoryAttribute("NumSlots", UintegerValue(n.numSlots));
        }
        else if (!presetSlots && chainNodes.count(n.name))
        {
            // Two slots per neighbour of a repeater node.
            qnh.SetMemoryAttribute("NumSlots", UintegerValue(4));
        }
        if (n.t1Seconds >= 0)
        {
            qnh.SetMemoryAttribute("T1", TimeValue(Seconds(n.t1Seconds)));
        }
        if (n.t2Seconds >= 0)
        {
            qnh.SetMemoryAttribute("T2", TimeValue(Seconds(n.t2Seconds)));
        }
        if (n.twoQubitGateDepolarizing >= 0)
        {
            qnh.SetProcessorAttribute("TwoQubitGateDepolarizing",
                                      DoubleValue(n.twoQubitGateDepolarizing));
        }
        if (n.measurementError >= 0)
        {
            qnh.SetProcessorAttribute("MeasurementError", DoubleValue(n.measurementError));
        }
        Ptr<Node> node = m_nodes.Get(i);
        qnh.Install(node);
        if (n.hasPosition)
        {
            Ptr<ConstantVelocityMobilityModel> m = CreateObject<ConstantVelocityMobilityModel>();
            m->SetPosition(Vector(n.position[0], n.position[1], n.position[2]));
            m->SetVelocity(Vector(n.velocity[0], n.velocity[1], n.velocity[2]));
            node->AggregateObject(m);
        }
    }
}

void
QuantumScenarioHelper::BuildClassical()
{
    uint32_t segment = 0;
    for (const auto& c : m_description.classicalLinks)
    {
        if (c.type == ScenarioDescription::POINT_TO_POINT)
        {
            // QKD pairs install their own link with these parameters;
            // every other point-to-point link is made now, so that chains
            // and the routed network use it for their classical hops.
            bool qkd = false;
            for (const auto& q : m_description.qkd)
            {
                qkd = qkd
                      || (std::set<std::string>{q.alice, q.bob}
                          == std::set<std::string>{c.nodes[0], c.nodes[1]});
            }
            if (!qkd)
            {
                m_repeater->SetClassicalLink(DataRate(static_cast<uint64_t>(c.dataRateBps)),
                                             ToTime(c.delaySeconds));
                m_repeater->GetClassicalLink(GetNode(c.nodes[0]), GetNode(c.nodes[1]));
            }
            continue;
        }
        NodeContainer members;
        for (const auto& name : c.nodes)
        {
            members.Add(GetNode(name));
        }
        InternetStackHelper stack;
        stack.SetIpv6StackInstall(false);
        for (uint32_t i = 0; i < members.GetN(); ++i)
        {
            if (!members.Get(i)->GetObject<Ipv4>())
            {
                stack.Install(members.Get(i));
            }
        }
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate",
                                 DataRateValue(DataRate(static_cast<uint64_t>(c.dataRateBps))));
        csma.SetChannelAttribute("Delay", TimeValue(ToTime(c.delaySeconds)));
        NetDeviceContainer devs = csma.Install(members);
        Ipv4AddressHelper addr;
        std::ostringstream base;
        base << "172." << 16 + (segment / 256) % 16 << "." << segment % 256 << ".0";
        addr.SetBase(base.str().c_str(), "255.255.255.0");
        addr.Assign(devs);
        ++segment;
    }
    m_repeater->SetClassicalLink(DataRate("10Gbps"), Time(0));
}

void
QuantumScenarioHelper::BuildQkd()
{
    for (const auto& q : m_description.qkd)
    {
        const auto& link
            = m_description.quantumLinks[m_description.FindQuantumLink(q.alice, q.bob)];
        const auto& cl
            = m_description.classicalLinks[m_description.FindPointToPoint(q.alice, q.bob)];
        QkdHelper& h = *m_qkdHelper;
        const bool free = link.type == ScenarioDescription::FREE_SPACE;
        h.SetChannelType(free ? "ns3::FreeSpaceQuantumChannel" : "ns3::QuantumChannel");
        h.SetChannelAttribute("LengthKm", DoubleValue(free ? 0.0 : link.lengthKm));
        h.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(link.attenuationDbPerKm));
        h.SetClassicalAttribute("DataRate",
                                DataRateValue(DataRate(static_cast<uint64_t>(cl.dataRateBps))));
        h.SetClassicalAttribute("Delay", TimeValue(ToTime(cl.delaySeconds)));
        h.SetLinkAttribute(
            "Protocol",
            StringValue(q.protocol == ScenarioDescription::BBM92 ? "BBM92" : "BB84"));
        h.SetLinkAttribute(
            "SourceType",
            StringValue(q.protocol == ScenarioDescription::BB84 ? "SinglePhoton" : "Wcp"));
        h.SetLinkAttribute("PulseRateHz", DoubleValue(q.pulseRateHz));
        h.SetLinkAttribute("TotalPulses", UintegerValue(q.totalPulses));
        h.SetLinkAttribute("FramePulses", UintegerValue(q.framePulses));
        // Fresh source and analyzer objects per pair (the attributes hold pointers).
        Ptr<WeakCoherentSource> wcp = CreateObject<WeakCoherentSource>();
        wcp->SetIntensities({q.signalMu, q.decoyMu, 0.0});
        h.SetLinkAttribute("WeakCoherentSource", PointerValue(wcp));
        h.SetLinkAttribute("PairSource", PointerValue(CreateObject<SpdcPairSource>()));
        h.SetLinkAttribute("BobAnalyzer", PointerValue(CreateObject<PolarizationAnalyzer>()));
        h.SetLinkAttribute("AliceAnalyzer", PointerValue(CreateObject<PolarizationAnalyzer>()));
        QkdLinkInstance inst = h.Install(GetNode(q.alice), GetNode(q.bob));
        std::set<Ptr<QuantumChannel>> channels;
        for (uint32_t i = 0; i < inst.quantum.GetN(); ++i)
        {
            channels.insert(QuantumChannelHelper::GetChannel(inst.quantum.Get(i)));
        }
        for (Ptr<QuantumChannel> ch : channels)
        {
            if (free && link.receiverApertureM > 0)
            {
                ch->SetAttribute("ReceiverApertureM", DoubleValue(link.receiverApertureM));
            }
            if (q.misalignment > 0)
            {
                // As QkdHelper::SetMisalignment: rotation angle asin(sqrt(e_d)).
                Ptr<PolarizationMisalignmentModel> m
                    = CreateObject<PolarizationMisalignmentModel>();
                m->SetAttribute("AngleRad", DoubleValue(std::asin(std::sqrt(q.misalignment))));
                ch->AddModel(m);
            }
        }
        m_qkd[q.name] = inst;
        QkdStats* stats = &m_qkdStats[q.name];
        for (const char* what : {"Qber", "SiftedBits", "SecretKeyBits", "Aborted"})
        {
            inst.bob->TraceConnectWithoutContext(what,
                                                 MakeCallback(&QuantumScenarioHelper::OnFrame, this)
                                                     .Bind(stats, q.name, std::string(what)));
        }
    }
}

void
QuantumScenarioHelper::OnFrame(QkdStats* q,
                               std::string name,
                               std::string what,
                               uint32_t frame,
                               double value)
{
    if (what == "Qber")
    {
        ++q->frames;
        q->qberSum += value;
    }
    else if (what == "SiftedBits")
    {
        q->siftedBits += value;
    }
    else if (what == "SecretKeyBits")
    {
        q->secretKeyBits += value;
    }
    else
    {
        ++q->aborted;
    }
    m_frames.push_back(FrameRow{name, Simulator::Now().GetSeconds(), frame, what, value});
}

void
QuantumScenarioHelper::BuildChains()
{
    for (const auto& c : m_description.chains)
    {
        NodeContainer nodes;
        std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links;
        for (size_t i = 0; i < c.nodes.size(); ++i)
        {
            nodes.Add(GetNode(c.nodes[i]));
            if (i == 0)
            {
                continue;
            }
            const auto& l
                = m_description
                      .quantumLinks[m_description.FindQuantumLink(c.nodes[i - 1], c.nodes[i])];
            // The link's direction follows the chain.
            Ptr<Node> a = GetNode(c.nodes[i - 1]);
            Ptr<Node> b = GetNode(c.nodes[i]);
            if (l.model == ScenarioDescription::HERALDED)
            {
                QuantumLinkHelper lh;
                lh.SetDistanceKm(l.lengthKm);
                lh.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(l.attenuationDbPerKm));
                HeraldedLink hl = lh.Install(a, b);
                links.emplace_back(hl.ends[0], hl.ends[1]);
                m_heralded[l.name] = hl;
            }
            else
            {
                const double oneWay = l.lengthKm * 1e3 / FIBRE_SPEED;
                const double p = l.successProbability > 0
                                     ? l.successProbability
                                     : std::pow(10.0, -l.attenuationDbPerKm * l.lengthKm / 10);
                NS_ABORT_MSG_IF(!(p > 0),
                                "QuantumScenarioHelper: " << m_description.path << ":" << l.line
                                                          << ": link '" << l.name
                                                          << "': the fibre transmittance "
                                                             "underflows; give successProbability");
                m_repeater->SetLinkAttribute("SuccessProbability", DoubleValue(p));
                m_repeater->SetLinkAttribute("LinkFidelity", DoubleValue(l.fidelity));
                m_repeater->SetLinkAttribute("AttemptPeriod",
                                             TimeValue(ToTime(std::max(2 * oneWay, 1e-6))));
                m_repeater->SetLinkAttribute("NotificationDelay", TimeValue(ToTime(oneWay)));
                auto ends = m_repeater->InstallAbstractLink(a, b);
                links.emplace_back(ends.first, ends.second);
            }
        }
        m_repeater->SetPolicyAttribute("Scheme", StringValue(c.scheme));
        m_repeater->SetAgentAttribute("MaxDeliveries", UintegerValue(c.maxDeliveries));
        RepeaterChain chain = m_repeater->InstallChain(nodes, links);
        m_chains[c.name] = chain;
        chain.First()->TraceConnectWithoutContext(
            "Delivered",
            MakeCallback(+[](std::vector<Row>* rows,
                             std::string work,
                             const RepeaterDelivery& d,
                             double f) {
                rows->push_back(
                    Row{work, d.round, Simulator::Now().GetSeconds(), d.estimatedFidelity, f});
            }).Bind(&m_deliveries, c.name));
    }
    for (const auto& t : m_description.teleportations)
    {
        const RepeaterChain& chain = m_chains.at(t.chain);
        const uint32_t n = chain.nodes.GetN();
        Ptr<TeleportationApplication> tx = CreateObject<TeleportationApplication>();
        Ptr<TeleportationApplication> rx = CreateObject<TeleportationApplication>();
        for (auto app : {tx, rx})
        {
            app->SetAttribute("Theta", DoubleValue(t.thetaRad));
            app->SetAttribute("Phi", DoubleValue(t.phiRad));
        }
        tx->SetSender(
            chain.First(),
            m_repeater->GetClassicalLink(chain.nodes.Get(n - 1), chain.nodes.Get(n - 2)).first);
        rx->SetReceiver(chain.Last());
        chain.nodes.Get(0)->AddApplication(tx);
        chain.nodes.Get(n - 1)->AddApplication(rx);
        rx->TraceConnectWithoutContext(
            "Teleported",
            MakeCallback(+[](std::vector<Row>* rows, std::string work, uint32_t round, double f) {
                rows->push_back(Row{work, round, Simulator::Now().GetSeconds(), std::nan(""), f});
            }).Bind(&m_teleported, t.chain));
        m_teleportTx[t.chain] = tx;
        m_teleportRx[t.chain] = rx;
    }
}

void
QuantumScenarioHelper::BuildNetwork()
{
    if (m_description.requests.empty())
    {
        return;
    }
    std::set<std::string> chainNodes;
    for (const auto& c : m_description.chains)
    {
        chainNodes.insert(c.nodes.begin(), c.nodes.end());
    }
    NodeContainer nodes;
    std::map<std::string, uint32_t> index;
    std::vector<QuantumNetworkLink> links;
    auto indexOf = [&](const std::string& name) {
        auto it = index.find(name);
        if (it == index.end())
        {
            it = index.emplace(name, nodes.GetN()).first;
            nodes.Add(GetNode(name));
        }
        return it->second;
    };
    for (const auto& l : m_description.quantumLinks)
    {
        if (l.type != ScenarioDescription::FIBRE || l.model != ScenarioDescription::ABSTRACT
            || chainNodes.count(l.from) || chainNodes.count(l.to))
        {
            continue;
        }
        QuantumNetworkLink nl;
        nl.a = indexOf(l.from);
        nl.b = indexOf(l.to);
        nl.successProbability = l.successProbability > 0
                                    ? l.successProbability
                                    : std::pow(10.0, -l.attenuationDbPerKm * l.lengthKm / 10);
        nl.fidelity = l.fidelity;
        links.push_back(nl);
    }
    for (const auto& r : m_description.requests)
    {
        indexOf(r.from);
        indexOf(r.to);
    }
    // The routed network's links share one attempt period: that of the
    // longest link (the slowest link paces the others), or 1 us.
    double longest = 0;
    for (const auto& l : m_description.quantumLinks)
    {
        if (l.type == ScenarioDescription::FIBRE && l.model == ScenarioDescription::ABSTRACT
            && !chainNodes.count(l.from) && !chainNodes.count(l.to))
        {
            longest = std::max(longest, l.lengthKm);
        }
    }
    const double oneWay = longest * 1e3 / FIBRE_SPEED;
    m_repeater->SetLinkAttribute("AttemptPeriod", TimeValue(ToTime(std::max(2 * oneWay, 1e-6))));
    m_repeater->SetLinkAttribute("NotificationDelay", TimeValue(ToTime(oneWay)));
    m_repeater->SetPolicyAttribute("Scheme", StringValue("SwapAsap"));
    m_network = m_repeater->InstallNetwork(nodes, links);
    m_network.controller->TraceConnectWithoutContext("Delivered",
                                                     MakeCallback(+[](QuantumScenarioHelper* self,
                                                                      uint32_t id,
                                                                      const RepeaterDelivery& d,
                                                                      double f) {
                                                         if (std::isnan(f))
                                                         {
                                                             return; // the other end's report
                                                         }
                                                         self->m_deliveries.push_back(
                                                             Row{"request-" + std::to_string(id),
                                                                 d.round,
                                                                 Simulator::Now().GetSeconds(),
                                                                 d.estimatedFidelity,
                                                                 f});
                                                     }).Bind(this));
    for (const auto& r : m_description.requests)
    {
        QuantumRouteRequest req;
        req.source = GetNode(r.from);
        req.destination = GetNode(r.to);
        req.numPairs = r.pairs;
        req.minFidelity = r.minFidelity;
        m_requests.push_back(req);
        m_requestIds.push_back(UINT32_MAX);
        Simulator::Schedule(ToTime(r.startSeconds),
                            &QuantumScenarioHelper::Submit,
                            this,
                            static_cast<uint32_t>(m_requests.size() - 1));
    }
}

void
QuantumScenarioHelper::Submit(uint32_t k)
{
    m_requestIds[k] = m_network.controller->Submit(m_requests[k]);
}

Ptr<Node>
QuantumScenarioHelper::GetNode(const std::string& name) const
{
    const int i = m_description.FindNode(name);
    NS_ABORT_MSG_IF(i < 0 || static_cast<uint32_t>(i) >= m_nodes.GetN(),
                    "QuantumScenarioHelper::GetNode: no node '"
                        << name << "' (built: " << (m_built ? "yes" : "no") << ")");
    return m_nodes.Get(i);
}

const QkdLinkInstance&
QuantumScenarioHelper::GetQkd(const std::string& name) const
{
    auto it = m_qkd.find(name);
    NS_ABORT_MSG_IF(it == m_qkd.end(),
                    "QuantumScenarioHelper::GetQkd: no QKD pair '" << name << "'");
    return it->second;
}

const RepeaterChain&
QuantumScenarioHelper::GetChain(const std::string& name) const
{
    auto it = m_chains.find(name);
    NS_ABORT_MSG_IF(it == m_chains.end(),
                    "QuantumScenarioHelper::GetChain: no repeater chain '" << name << "'");
    return it->second;
}

Ptr<TeleportationApplication>
QuantumScenarioHelper::GetTeleportationReceiver(const std::string& chain) const
{
    auto it = m_teleportRx.find(chain);
    NS_ABORT_MSG_IF(it == m_teleportRx.end(),
                    "QuantumScenarioHelper::GetTeleportationReceiver: chain '"
                        << chain << "' carries no teleportation");
    return it->second;
}

const QuantumNetwork&
QuantumScenarioHelper::GetNetwork() const
{
    return m_network;
}

const HeraldedLink&
QuantumScenarioHelper::GetHeraldedLink(const std::string& name) const
{
    auto it = m_heralded.find(name);
    NS_ABORT_MSG_IF(it == m_heralded.end(),
                    "QuantumScenarioHelper::GetHeraldedLink: link '"
                        << name << "' is not a heralded link of a repeater chain");
    return it->second;
}

void
QuantumScenarioHelper::WriteTraces(const std::string& prefix) const
{
    NS_ABORT_MSG_IF(prefix.empty(), "QuantumScenarioHelper::WriteTraces: empty prefix");
    std::ofstream qkd(prefix + "-qkd.csv");
    NS_ABORT_MSG_IF(!qkd, "QuantumScenarioHelper: cannot write " << prefix << "-qkd.csv");
    qkd << "pair,timeSeconds,frame,quantity,value\n" << std::setprecision(12);
    for (const auto& r : m_frames)
    {
        qkd << r.pair << "," << r.timeSeconds << "," << r.frame << "," << r.quantity << ","
            << r.value << "\n";
    }
    std::ofstream del(prefix + "-deliveries.csv");
    NS_ABORT_MSG_IF(!del, "QuantumScenarioHelper: cannot write " << prefix << "-deliveries.csv");
    del << "work,round,timeSeconds,estimatedFidelity,trueFidelity\n" << std::setprecision(12);
    for (const auto& r : m_deliveries)
    {
        del << r.work << "," << r.round << "," << r.timeSeconds << "," << r.estimatedFidelity << ","
            << r.trueFidelity << "\n";
    }
    std::ofstream tel(prefix + "-teleportation.csv");
    NS_ABORT_MSG_IF(!tel, "QuantumScenarioHelper: cannot write " << prefix << "-teleportation.csv");
    tel << "chain,round,timeSeconds,fidelity\n" << std::setprecision(12);
    for (const auto& r : m_teleported)
    {
        tel << r.work << "," << r.round << "," << r.timeSeconds << "," << r.trueFidelity << "\n";
    }
}

std::string
QuantumScenarioHelper::GetSummaryJson() const
{
    std::ostringstream j;
    j << "{\"scenario\":" << Json(m_description.name) << ",\"seed\":" << m_description.seed
      << ",\"run\":" << m_description.run
      << ",\"simSeconds\":" << Num(Simulator::Now().GetSeconds())
      << ",\"nodes\":" << m_description.nodes.size() << ",\"qkd\":{";
    bool first = true;
    for (const auto& q : m_description.qkd)
    {
        const QkdStats& s = m_qkdStats.at(q.name);
        j << (first ? "" : ",") << Json(q.name) << ":{\"frames\":" << s.frames
          << ",\"abortedFrames\":" << s.aborted << ",\"siftedBits\":" << Num(s.siftedBits)
          << ",\"secretKeyBits\":" << Num(s.secretKeyBits)
          << ",\"meanQber\":" << Num(s.frames ? s.qberSum / s.frames : std::nan("")) << "}";
        first = false;
    }
    j << "},\"chains\":{";
    first = true;
    for (const auto& c : m_description.chains)
    {
        uint32_t n = 0;
        double sum = 0;
        for (const auto& r : m_deliveries)
        {
            if (r.work == c.name)
            {
                ++n;
                sum += r.trueFidelity;
            }
        }
        j << (first ? "" : ",") << Json(c.name) << ":{\"deliveries\":" << n
          << ",\"meanFidelity\":" << Num(n ? sum / n : std::nan("")) << "}";
        first = false;
    }
    j << "},\"teleportations\":{";
    first = true;
    for (const auto& t : m_description.teleportations)
    {
        uint32_t n = 0;
        double sum = 0;
        for (const auto& r : m_teleported)
        {
            if (r.work == t.chain)
            {
                ++n;
                sum += r.trueFidelity;
            }
        }
        j << (first ? "" : ",") << Json(t.chain) << ":{\"states\":" << n
          << ",\"meanFidelity\":" << Num(n ? sum / n : std::nan("")) << "}";
        first = false;
    }
    j << "},\"requests\":[";
    for (size_t k = 0; k < m_description.requests.size(); ++k)
    {
        const auto& r = m_description.requests[k];
        const uint32_t id = k < m_requestIds.size() ? m_requestIds[k] : UINT32_MAX;
        const std::string work = "request-" + std::to_string(id);
        uint32_t n = 0;
        double sum = 0;
        for (const auto& d : m_deliveries)
        {
            if (id != UINT32_MAX && d.work == work)
            {
                ++n;
                sum += d.trueFidelity;
            }
        }
        const bool submitted = id != UINT32_MAX;
        const bool accepted
            = submitted && m_network.controller->GetError(id) == QuantumRouteError::NONE;
        j << (k ? "," : "") << "{\"from\":" << Json(r.from) << ",\"to\":" << Json(r.to)
          << ",\"submitted\":" << (submitted ? "true" : "false")
          << ",\"accepted\":" << (accepted ? "true" : "false") << ",\"deliveries\":" << n
          << ",\"meanFidelity\":" << Num(n ? sum / n : std::nan("")) << "}";
    }
    j << "]}";
    return j.str();
}

void
QuantumScenarioHelper::WriteSummary(std::ostream& os) const
{
    os << GetSummaryJson() << std::endl;
}

void
QuantumScenarioHelper::WriteReport(std::ostream& os) const
{
    os << "Scenario '" << m_description.name << "'"
       << (m_description.path.empty() ? "" : " (" + m_description.path + ")") << ": "
       << m_description.nodes.size() << " nodes, " << m_description.quantumLinks.size()
       << " quantum links, " << m_description.classicalLinks.size() << " classical links\n"
       << "  seed " << m_description.seed << ", run " << m_description.run << ", simulated "
       << Simulator::Now().GetSeconds() << " s\n";
    for (const auto& q : m_description.qkd)
    {
        const QkdStats& s = m_qkdStats.at(q.name);
        os << "  QKD " << q.name << " (" << q.alice << " -> " << q.bob << "): " << s.frames
           << " frames, mean QBER " << (s.frames ? s.qberSum / s.frames : 0) << ", "
           << s.secretKeyBits << " secret key bits\n";
    }
    for (const auto& c : m_description.chains)
    {
        uint32_t n = 0;
        double sum = 0;
        for (const auto& r : m_deliveries)
        {
            n += r.work == c.name;
            sum += r.work == c.name ? r.trueFidelity : 0;
        }
        os << "  chain " << c.name << " (" << c.nodes.size() << " nodes): " << n
           << " end-to-end pairs, mean fidelity " << (n ? sum / n : 0) << "\n";
    }
    for (const auto& t : m_description.teleportations)
    {
        uint32_t n = 0;
        double sum = 0;
        for (const auto& r : m_teleported)
        {
            n += r.work == t.chain;
            sum += r.work == t.chain ? r.trueFidelity : 0;
        }
        os << "  teleportation over " << t.chain << ": " << n << " states, mean fidelity "
           << (n ? sum / n : 0) << "\n";
    }
    if (!m_description.requests.empty())
    {
        os << "  routed requests: " << m_description.requests.size() << ", delivered pairs "
           << std::count_if(m_deliveries.begin(),
                            m_deliveries.end(),
                            [](const Row& r) {
                                return r.work.compare(0, 8, "request-") == 0;
                            })
           << "\n";
    }
}

} // namespace ns3
