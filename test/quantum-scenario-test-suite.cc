/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Tests of scenario files: the sample scenarios load, build and run; the
 * built objects carry the values of the file; a scenario built from a file
 * gives the same results as the same network built by hand with the
 * helpers (same seed, identical output); every class of bad input gives an
 * error naming the file, the line and the problem (and the fatal entry
 * points abort with that message); the inputs the fuzzer found are
 * rejected cleanly.
 */

#include "quantum-test-utils.h"

#include "ns3/abstract-link-layer.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/free-space-quantum-channel.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-scenario-helper.h"
#include "ns3/quantum-scenario-reader.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/weak-coherent-source.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace ns3;

namespace
{

/** The sample scenarios in data/scenarios/. */
const char* const SAMPLES[] = {"two-node-qkd", "repeater-teleportation", "mixed-network"};

/**
 * @param obj an object
 * @param name a double attribute
 * @return its value
 */
double
GetDouble(Ptr<Object> obj, const std::string& name)
{
    DoubleValue v;
    obj->GetAttribute(name, v);
    return v.Get();
}

/**
 * @param obj an object
 * @param name a Time attribute
 * @return its value in seconds
 */
double
GetSeconds(Ptr<Object> obj, const std::string& name)
{
    TimeValue v;
    obj->GetAttribute(name, v);
    return v.Get().GetSeconds();
}

/**
 * @param obj an object
 * @param name an unsigned attribute
 * @return its value
 */
uint64_t
GetUint(Ptr<Object> obj, const std::string& name)
{
    UintegerValue v;
    obj->GetAttribute(name, v);
    return v.Get();
}

/**
 * @param a node
 * @param b another node
 * @return the point-to-point channel between them, or null
 */
Ptr<PointToPointChannel>
P2pBetween(Ptr<Node> a, Ptr<Node> b)
{
    for (uint32_t i = 0; i < a->GetNDevices(); ++i)
    {
        Ptr<PointToPointNetDevice> d = DynamicCast<PointToPointNetDevice>(a->GetDevice(i));
        if (!d)
        {
            continue;
        }
        Ptr<PointToPointChannel> ch = DynamicCast<PointToPointChannel>(d->GetChannel());
        for (uint32_t k = 0; ch && k < ch->GetNDevices(); ++k)
        {
            if (ch->GetDevice(k)->GetNode() == b)
            {
                return ch;
            }
        }
    }
    return nullptr;
}

/** A 3-node chain as a scenario file, for the by-hand comparison. */
const char* const SMALL_CHAIN
    = "<scenario name=\"small\" seed=\"5\" run=\"3\" stopSeconds=\"2\">\n"
      "  <node name=\"a\" numSlots=\"4\"/>\n"
      "  <node name=\"r\" numSlots=\"4\"/>\n"
      "  <node name=\"b\" numSlots=\"4\"/>\n"
      "  <quantumLink name=\"ar\" from=\"a\" to=\"r\" lengthKm=\"20\" fidelity=\"0.95\"/>\n"
      "  <quantumLink name=\"rb\" from=\"r\" to=\"b\" lengthKm=\"10\" successProbability=\"0.3\" "
      "fidelity=\"0.9\"/>\n"
      "  <classicalLink from=\"a\" to=\"r\" dataRate=\"1Gbps\" delay=\"100us\"/>\n"
      "  <classicalLink from=\"r\" to=\"b\" dataRate=\"1Gbps\" delay=\"50us\"/>\n"
      "  <repeaterChain name=\"c\" nodes=\"a r b\" maxDeliveries=\"15\"/>\n"
      "</scenario>\n";

/** (time, true fidelity) of each delivery. */
using Deliveries = std::vector<std::pair<double, double>>;

/**
 * @param out the deliveries
 * @param d a delivery
 * @param f its true fidelity
 */
void
Record(Deliveries* out, const RepeaterDelivery& d, double f)
{
    out->emplace_back(Simulator::Now().GetSeconds(), f);
}

/**
 * @param text a scenario
 * @return the deliveries of its chain "c" when built by QuantumScenarioHelper
 */
Deliveries
RunFromFile(const std::string& text)
{
    ScenarioReader::Result r = ScenarioReader::ParseString(text, "small.xml");
    NS_ABORT_MSG_IF(!r.ok, r.Error());
    QuantumScenarioHelper h;
    h.SetDescription(r.description);
    h.Build();
    Deliveries out;
    h.GetChain("c").First()->TraceConnectWithoutContext("Delivered",
                                                        MakeBoundCallback(&Record, &out));
    Simulator::Run();
    Simulator::Destroy();
    return out;
}

/**
 * The SMALL_CHAIN network built with the module's helpers directly, as
 * doc/scenarios.rst says QuantumScenarioHelper builds it.
 * @return the deliveries
 */
Deliveries
RunByHand()
{
    RngSeedManager::SetSeed(5);
    RngSeedManager::SetRun(3);
    NodeContainer nodes;
    nodes.Create(3);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(4));
    qnh.Install(nodes);
    QuantumRepeaterHelper h;
    h.SetClassicalLink(DataRate("1Gbps"), MicroSeconds(100));
    h.GetClassicalLink(nodes.Get(0), nodes.Get(1));
    h.SetClassicalLink(DataRate("1Gbps"), MicroSeconds(50));
    h.GetClassicalLink(nodes.Get(1), nodes.Get(2));
    std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links;
    // a-r: 20 km, p = 10^(-0.2 * 20 / 10), period 2 L / (2e8 m/s), notification L / v.
    h.SetLinkAttribute("SuccessProbability", DoubleValue(std::pow(10.0, -0.4)));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(0.95));
    h.SetLinkAttribute("AttemptPeriod", TimeValue(MicroSeconds(200)));
    h.SetLinkAttribute("NotificationDelay", TimeValue(MicroSeconds(100)));
    auto l1 = h.InstallAbstractLink(nodes.Get(0), nodes.Get(1));
    links.emplace_back(l1.first, l1.second);
    h.SetLinkAttribute("SuccessProbability", DoubleValue(0.3));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(0.9));
    h.SetLinkAttribute("AttemptPeriod", TimeValue(MicroSeconds(100)));
    h.SetLinkAttribute("NotificationDelay", TimeValue(MicroSeconds(50)));
    auto l2 = h.InstallAbstractLink(nodes.Get(1), nodes.Get(2));
    links.emplace_back(l2.first, l2.second);
    h.SetPolicyAttribute("Scheme", StringValue("SwapAsap"));
    h.SetAgentAttribute("MaxDeliveries", UintegerValue(15));
    RepeaterChain chain = h.InstallChain(nodes, links);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
    qnh.AssignStreams(nodes, stream);
    Simulator::Stop(Seconds(2));
    Deliveries out;
    chain.First()->TraceConnectWithoutContext("Delivered", MakeBoundCallback(&Record, &out));
    Simulator::Run();
    Simulator::Destroy();
    return out;
}

} // namespace

/**
 * @ingroup quantum-tests
 * Every sample scenario loads (by name, through the data directory), builds
 * and runs, and produces work: key bits, end-to-end pairs, teleported
 * states, routed pairs.
 */
class ScenarioSamplesTestCase : public TestCase
{
  public:
    ScenarioSamplesTestCase()
        : TestCase("Sample scenarios load, build and run")
    {
    }

  private:
    void DoRun() override
    {
        for (const char* name : SAMPLES)
        {
            ScenarioReader::Result r = ScenarioReader::Parse(name);
            NS_TEST_ASSERT_MSG_EQ(r.ok, true, r.Error());
            NS_TEST_EXPECT_MSG_EQ(r.description.name, name, "scenario name");
            QuantumScenarioHelper h;
            h.Load(std::string("scenarios/") + name + ".xml");
            h.Build();
            std::vector<double> pairF;
            std::vector<double> stateF;
            if (std::string(name) == "repeater-teleportation")
            {
                h.GetChain("chain").First()->TraceConnectWithoutContext(
                    "Delivered",
                    MakeCallback(+[](std::vector<double>* v, const RepeaterDelivery&, double f) {
                        v->push_back(f);
                    }).Bind(&pairF));
                h.GetTeleportationReceiver("chain")->TraceConnectWithoutContext(
                    "Teleported",
                    MakeCallback(+[](std::vector<double>* v, uint32_t, double f) {
                        v->push_back(f);
                    }).Bind(&stateF));
            }
            Simulator::Run();
            // Teleportation with a Werner pair of fidelity F gives the state
            // fidelity (2F + 1)/3 (Horodecki et al., PRA 60, 1888 (1999): f = (dF + 1)/(d + 1), d =
            // 2), whatever the state: checked for every teleported state.
            NS_TEST_ASSERT_MSG_EQ(stateF.size(), pairF.size(), "one state per pair");
            for (size_t i = 0; i < stateF.size(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(stateF[i], (2 * pairF[i] + 1) / 3, 1e-9, "state " << i);
            }
            const std::string json = h.GetSummaryJson();
            NS_TEST_EXPECT_MSG_EQ((json.front() == '{' && json.back() == '}'), true, json);
            if (std::string(name) == "two-node-qkd")
            {
                const size_t k = json.find("\"secretKeyBits\":");
                NS_TEST_ASSERT_MSG_NE(k, std::string::npos, json);
                NS_TEST_EXPECT_MSG_GT(std::strtod(json.c_str() + k + 16, nullptr),
                                      0.0,
                                      "secret key at 25 km: " << json);
                NS_TEST_EXPECT_MSG_EQ((json.find("\"frames\":2,") != std::string::npos),
                                      true,
                                      "two frames of 1e6 pulses: " << json);
            }
            if (std::string(name) == "repeater-teleportation")
            {
                NS_TEST_EXPECT_MSG_EQ(h.GetTeleportationReceiver("chain")->GetReceived(),
                                      20u,
                                      "all 20 deliveries teleported: " << json);
            }
            if (std::string(name) == "mixed-network")
            {
                NS_TEST_EXPECT_MSG_EQ(
                    (json.find("\"accepted\":true,\"deliveries\":5,") != std::string::npos),
                    true,
                    "routed request served: " << json);
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * The objects built from the sample files carry the values written in them
 * (read back through the objects' attributes).
 */
class ScenarioAttributesTestCase : public TestCase
{
  public:
    ScenarioAttributesTestCase()
        : TestCase("Built objects carry the attribute values of the file")
    {
    }

  private:
    void DoRun() override
    {
        {
            QuantumScenarioHelper h;
            h.Load("two-node-qkd");
            h.Build();
            const QkdLinkInstance& q = h.GetQkd("ab");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(q.link, "PulseRateHz"), 1e9, 1e-3, "pulse rate");
            NS_TEST_EXPECT_MSG_EQ(GetUint(q.link, "TotalPulses"), 2000000u, "total pulses");
            NS_TEST_EXPECT_MSG_EQ(GetUint(q.link, "FramePulses"), 1000000u, "frame pulses");
            NS_TEST_EXPECT_MSG_EQ((q.link->GetProtocol() == QkdProtocol::BB84), true, "protocol");
            std::vector<double> mu = q.link->GetWeakCoherentSource()->GetIntensities();
            NS_TEST_ASSERT_MSG_EQ(mu.size(), 3u, "signal, decoy, vacuum");
            NS_TEST_EXPECT_MSG_EQ_TOL(mu[0], 0.5, 1e-12, "signalMu");
            NS_TEST_EXPECT_MSG_EQ_TOL(mu[1], 0.1, 1e-12, "decoyMu");
            Ptr<QuantumChannel> ch = QuantumChannelHelper::GetChannel(q.quantum.Get(0));
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(ch, "LengthKm"), 25, 1e-12, "lengthKm");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(ch, "AttenuationDbPerKm"), 0.2, 1e-12, "dB/km");
            Ptr<PointToPointChannel> p2p = P2pBetween(h.GetNode("alice"), h.GetNode("bob"));
            NS_TEST_ASSERT_MSG_NE(p2p, nullptr, "classical link");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetSeconds(p2p, "Delay"), 125e-6, 1e-15, "delay");
            DataRateValue rate;
            q.classical.Get(0)->GetAttribute("DataRate", rate);
            NS_TEST_EXPECT_MSG_EQ(rate.Get().GetBitRate(), 1000000000u, "data rate");
            Simulator::Destroy();
        }
        {
            QuantumScenarioHelper h;
            h.Load("repeater-teleportation");
            h.Build();
            const RepeaterChain& c = h.GetChain("chain");
            NS_TEST_ASSERT_MSG_EQ(c.nodes.GetN(), 4u, "chain nodes");
            NS_TEST_EXPECT_MSG_EQ(c.nodes.Get(1), h.GetNode("r1"), "chain order");
            for (const char* n : {"a", "r1", "r2", "b"})
            {
                NS_TEST_EXPECT_MSG_EQ(h.GetNode(n)->GetObject<QuantumMemory>()->GetNumSlots(),
                                      4u,
                                      "numSlots of " << n);
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(h.GetNode("r1")->GetObject<QuantumProcessor>(),
                                                "TwoQubitGateDepolarizing"),
                                      0.01,
                                      1e-15,
                                      "gate noise");
            for (const auto& l : c.links)
            {
                Ptr<AbstractLinkLayer> a = DynamicCast<AbstractLinkLayer>(l.first);
                NS_TEST_ASSERT_MSG_NE(a, nullptr, "abstract link");
                // 10 km at 0.2 dB/km: p = 10^-0.2; period 2 L / (2e8 m/s) = 100 us.
                NS_TEST_EXPECT_MSG_EQ_TOL(a->GetSuccessProbability(),
                                          std::pow(10.0, -0.2),
                                          1e-12,
                                          "p");
                NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(a, "LinkFidelity"), 0.97, 1e-12, "F");
                NS_TEST_EXPECT_MSG_EQ_TOL(a->GetAttemptPeriod().GetSeconds(), 1e-4, 1e-15, "T");
            }
            Ptr<PointToPointChannel> p2p = P2pBetween(h.GetNode("r1"), h.GetNode("r2"));
            NS_TEST_ASSERT_MSG_NE(p2p, nullptr, "classical hop");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetSeconds(p2p, "Delay"), 50e-6, 1e-15, "hop delay");
            Ptr<TeleportationApplication> rx = h.GetTeleportationReceiver("chain");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(rx, "Theta"), 1.0471975512, 1e-12, "theta");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(rx, "Phi"), 0.7853981634, 1e-12, "phi");
            NS_TEST_EXPECT_MSG_EQ(GetUint(c.First(), "MaxDeliveries"), 20u, "maxDeliveries");
            Simulator::Destroy();
        }
        {
            QuantumScenarioHelper h;
            h.Load("mixed-network");
            h.Build();
            Ptr<QuantumMemory> nv = h.GetNode("nv1")->GetObject<QuantumMemory>();
            NS_TEST_EXPECT_MSG_EQ_TOL(GetSeconds(nv, "T2"), 1.46, 1e-12, "T2 from the preset");
            NS_TEST_EXPECT_MSG_EQ(nv->GetNumSlots(), 2u, "numSlots overrides the preset");
            Ptr<MobilityModel> m = h.GetNode("drone")->GetObject<MobilityModel>();
            NS_TEST_ASSERT_MSG_NE(m, nullptr, "mobility");
            NS_TEST_EXPECT_MSG_EQ_TOL(m->GetPosition().z, 500, 1e-9, "z");
            NS_TEST_EXPECT_MSG_EQ_TOL(m->GetVelocity().x, 5, 1e-12, "vx");
            const QkdLinkInstance& q = h.GetQkd("downlink");
            Ptr<FreeSpaceQuantumChannel> fs = DynamicCast<FreeSpaceQuantumChannel>(
                QuantumChannelHelper::GetChannel(q.quantum.Get(0)));
            NS_TEST_ASSERT_MSG_NE(fs, nullptr, "free-space channel");
            NS_TEST_EXPECT_MSG_EQ_TOL(GetDouble(fs, "ReceiverApertureM"), 0.3, 1e-12, "aperture");
            NS_TEST_EXPECT_MSG_EQ((q.link->GetProtocol() == QkdProtocol::BB84), true, "BB84");
            const HeraldedLink& hl = h.GetHeraldedLink("nvfibre");
            NS_TEST_EXPECT_MSG_NE(hl.ends[0], nullptr, "heralded link end");
            NS_TEST_EXPECT_MSG_EQ(h.GetNetwork().links.size(), 2u, "routed network links");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * A scenario built from a file gives exactly the deliveries of the same
 * network built by hand with the helpers (same seed and run); a C++
 * description gives the same as the file; another run number differs.
 */
class ScenarioByHandTestCase : public TestCase
{
  public:
    ScenarioByHandTestCase()
        : TestCase("File-built and hand-built scenarios give identical results")
    {
    }

  private:
    void DoRun() override
    {
        const Deliveries file = RunFromFile(SMALL_CHAIN);
        const Deliveries hand = RunByHand();
        NS_TEST_ASSERT_MSG_EQ(file.size(), 15u, "all deliveries within 2 s");
        NS_TEST_ASSERT_MSG_EQ(hand.size(), file.size(), "same number of deliveries");
        for (size_t i = 0; i < file.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(file[i].first, hand[i].first, "delivery time " << i);
            NS_TEST_EXPECT_MSG_EQ(file[i].second, hand[i].second, "fidelity " << i);
        }
        // The same scenario as a C++ description.
        ScenarioDescription d;
        d.name = "small";
        d.seed = 5;
        d.run = 3;
        d.stopSeconds = 2;
        for (const char* n : {"a", "r", "b"})
        {
            ScenarioDescription::Node node;
            node.name = n;
            node.numSlots = 4;
            d.nodes.push_back(node);
        }
        ScenarioDescription::QuantumLink l1;
        l1.name = "ar";
        l1.from = "a";
        l1.to = "r";
        l1.lengthKm = 20;
        l1.fidelity = 0.95;
        ScenarioDescription::QuantumLink l2 = l1;
        l2.name = "rb";
        l2.from = "r";
        l2.to = "b";
        l2.lengthKm = 10;
        l2.successProbability = 0.3;
        l2.fidelity = 0.9;
        d.quantumLinks = {l1, l2};
        ScenarioDescription::ClassicalLink c1;
        c1.nodes = {"a", "r"};
        c1.delaySeconds = 100e-6;
        ScenarioDescription::ClassicalLink c2 = c1;
        c2.nodes = {"r", "b"};
        c2.delaySeconds = 50e-6;
        d.classicalLinks = {c1, c2};
        ScenarioDescription::RepeaterChain chain;
        chain.name = "c";
        chain.nodes = {"a", "r", "b"};
        chain.maxDeliveries = 15;
        d.chains = {chain};
        QuantumScenarioHelper h;
        h.SetDescription(d);
        h.Build();
        Deliveries cpp;
        h.GetChain("c").First()->TraceConnectWithoutContext("Delivered",
                                                            MakeBoundCallback(&Record, &cpp));
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_EXPECT_MSG_EQ((cpp == file), true, "C++ description = file");
        // Another run number: other deliveries (15 equal times would be a broken RNG).
        std::string other = SMALL_CHAIN;
        other.replace(other.find("run=\"3\""), 7, "run=\"4\"");
        const Deliveries run4 = RunFromFile(other);
        NS_TEST_EXPECT_MSG_EQ((run4 != file), true, "run 4 differs from run 3");
    }
};

/**
 * @ingroup quantum-tests
 * Every class of bad input is rejected by ScenarioReader::ParseString with
 * the line and a message naming the problem.
 */
class ScenarioBadInputTestCase : public TestCase
{
  public:
    ScenarioBadInputTestCase()
        : TestCase("Bad scenario files give file, line and the problem")
    {
    }

  private:
    /**
     * @param body the lines after the <scenario> line (line 2 on)
     * @param line the expected error line
     * @param expected a substring of the expected message
     */
    void Bad(const std::string& body, int line, const std::string& expected)
    {
        const std::string text = "<scenario name=\"t\">\n" + body + "</scenario>\n";
        ScenarioReader::Result r = ScenarioReader::ParseString(text, "bad.xml");
        NS_TEST_EXPECT_MSG_EQ(r.ok, false, "accepted: " << body);
        NS_TEST_EXPECT_MSG_EQ(r.line, line, r.Error());
        NS_TEST_EXPECT_MSG_EQ((r.message.find(expected) != std::string::npos),
                              true,
                              "message '" << r.message << "' lacks '" << expected << "'");
        NS_TEST_EXPECT_MSG_EQ(
            (r.Error().find("bad.xml:" + std::to_string(line) + ": ") != std::string::npos),
            true,
            r.Error());
    }

    void DoRun() override
    {
        const std::string two = "<node name=\"a\"/>\n<node name=\"b\"/>\n"; // lines 2-3
        const std::string fib
            = two + "<quantumLink name=\"l\" from=\"a\" to=\"b\" lengthKm=\"1\"/>\n"; // line 4
        const std::string p2p = fib + "<classicalLink from=\"a\" to=\"b\"/>\n";       // line 5
        // Malformed XML, root, structure.
        {
            ScenarioReader::Result r
                = ScenarioReader::ParseString("<scenario name=\"x\">\n<node", "m.xml");
            NS_TEST_EXPECT_MSG_EQ(r.ok, false, "truncated");
            NS_TEST_EXPECT_MSG_EQ((r.message.find("malformed XML") != std::string::npos),
                                  true,
                                  r.Error());
            r = ScenarioReader::ParseString("", "e.xml");
            NS_TEST_EXPECT_MSG_EQ(r.ok, false, "empty");
            r = ScenarioReader::ParseString("<topology/>", "root.xml");
            NS_TEST_EXPECT_MSG_EQ(
                (r.message.find("root element must be <scenario>") != std::string::npos),
                true,
                r.Error());
            r = ScenarioReader::ParseString(
                "<!DOCTYPE scenario [<!ENTITY x \"y\">]>\n<scenario name=\"x\"/>",
                "dtd.xml");
            NS_TEST_EXPECT_MSG_EQ((r.message.find("DTD") != std::string::npos), true, r.Error());
            r = ScenarioReader::ParseString("<scenario/>", "noname.xml");
            NS_TEST_EXPECT_MSG_EQ(
                (r.message.find("required attribute 'name'") != std::string::npos),
                true,
                r.Error());
            r = ScenarioReader::Parse("/nonexistent/file.xml");
            NS_TEST_EXPECT_MSG_EQ((r.message.find("cannot read the file") != std::string::npos),
                                  true,
                                  r.Error());
        }
        Bad("<nodes name=\"a\"/>\n", 2, "unknown element <nodes>");
        Bad("<node name=\"a\" colour=\"red\"/>\n", 2, "unknown attribute 'colour' on <node>");
        Bad("<node/>\n", 2, "lacks the required attribute 'name'");
        Bad("<node name=\"a\">text</node>\n", 2, "takes no content");
        Bad("<node name=\"a\"><node name=\"b\"/></node>\n", 2, "takes no content");
        Bad("hello\n", 2, "unexpected text");
        Bad("<node name=\"a b\"/>\n", 2, "names use letters");
        Bad(two + "<node name=\"a\"/>\n", 4, "node name 'a' is used twice");
        Bad("<node name=\"a\" numSlots=\"0\"/>\n", 2, "out of range [1, 1e+06]");
        Bad("<node name=\"a\" numSlots=\"2.5\"/>\n", 2, "must be an integer");
        Bad("<node name=\"a\" t2Seconds=\"-1\"/>\n",
            2,
            "'t2Seconds' of <node> = -1 is out of range");
        Bad("<node name=\"a\" t2Seconds=\"abc\"/>\n", 2, "is not a finite number");
        Bad("<node name=\"a\" t2Seconds=\"nan\"/>\n", 2, "is not a finite number");
        Bad("<node name=\"a\" t2Seconds=\"1e999\"/>\n", 2, "is not a finite number");
        Bad("<node name=\"a\" t2Seconds=\"1 s\"/>\n", 2, "no units");
        Bad("<node name=\"a\" t1Seconds=\"1\" t2Seconds=\"3\"/>\n", 2, "exceeds 2 t1Seconds");
        Bad("<node name=\"a\" preset=\"no-such-preset\"/>\n", 2, "preset 'no-such-preset'");
        Bad("<node name=\"a\" x=\"1\" y=\"2\"/>\n", 2, "give all of x, y, z");
        Bad("<node name=\"a\" vx=\"1\"/>\n", 2, "needs a position");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"c\" lengthKm=\"1\"/>\n",
            4,
            "unknown node 'c'");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"a\" lengthKm=\"1\"/>\n", 4, "to itself");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"b\" lengthKm=\"-5\"/>\n",
            4,
            "'lengthKm' of <quantumLink> = -5 is out of range");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"b\"/>\n",
            4,
            "lacks the required attribute 'lengthKm'");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"b\" lengthKm=\"1\" type=\"copper\"/>\n",
            4,
            "'copper' is not one of");
        Bad(fib + "<quantumLink name=\"l2\" from=\"b\" to=\"a\" lengthKm=\"1\"/>\n",
            5,
            "already have a quantum link");
        Bad(fib + "<quantumLink name=\"l\" from=\"b\" to=\"a\" lengthKm=\"1\"/>\n",
            5,
            "used twice");
        Bad(two
                + "<quantumLink name=\"l\" from=\"a\" to=\"b\" lengthKm=\"1\" "
                  "successProbability=\"0\"/>\n",
            4,
            "(0, 1]");
        Bad(two
                + "<quantumLink name=\"l\" from=\"a\" to=\"b\" lengthKm=\"1\" model=\"heralded\" "
                  "fidelity=\"0.9\"/>\n",
            4,
            "model=\"abstract\" only");
        Bad(two + "<quantumLink name=\"l\" from=\"a\" to=\"b\" type=\"freeSpace\"/>\n",
            4,
            "has no position");
        Bad(two
                + "<quantumLink name=\"l\" from=\"a\" to=\"b\" type=\"freeSpace\" "
                  "lengthKm=\"3\"/>\n",
            4,
            "for fibre links");
        Bad(fib + "<classicalLink from=\"a\" to=\"b\" delay=\"-1ms\"/>\n", 5, "is negative");
        Bad(fib + "<classicalLink from=\"a\" to=\"b\" delay=\"1\"/>\n", 5, "needs a unit");
        Bad(fib + "<classicalLink from=\"a\" to=\"b\" dataRate=\"fast\"/>\n",
            5,
            "not a finite number");
        Bad(fib + "<classicalLink from=\"a\"/>\n", 5, "needs the attributes 'from' and 'to'");
        Bad(fib + "<classicalLink type=\"csma\" nodes=\"a\"/>\n", 5, "at least 2 nodes");
        Bad(fib + "<classicalLink type=\"csma\" nodes=\"a x\"/>\n", 5, "unknown node 'x'");
        Bad(p2p + "<classicalLink from=\"b\" to=\"a\"/>\n", 6, "already have a point-to-point");
        Bad(fib + "<qkd name=\"q\" alice=\"a\" bob=\"b\"/>\n",
            5,
            "no point-to-point <classicalLink>");
        Bad(two + "<classicalLink from=\"a\" to=\"b\"/>\n<qkd name=\"q\" alice=\"a\" bob=\"b\"/>\n",
            5,
            "no <quantumLink>");
        Bad(p2p + "<qkd name=\"q\" alice=\"a\" bob=\"b\" protocol=\"E92\"/>\n",
            6,
            "'E92' is not one of");
        Bad(p2p + "<qkd name=\"q\" alice=\"a\" bob=\"b\" framePulses=\"10\" totalPulses=\"5\"/>\n",
            6,
            "framePulses <= totalPulses");
        Bad(p2p + "<qkd name=\"q\" alice=\"a\" bob=\"b\" signalMu=\"0.1\" decoyMu=\"0.2\"/>\n",
            6,
            "decoyMu < signalMu");
        Bad(p2p + "<qkd name=\"q\" alice=\"a\" bob=\"b\" protocol=\"BB84\" decoyMu=\"0.2\"/>\n",
            6,
            "DecoyBB84\" only");
        Bad(p2p + "<repeaterChain name=\"c\" nodes=\"a\"/>\n", 6, "at least 2 nodes");
        Bad(p2p + "<repeaterChain name=\"c\" nodes=\"a b\" scheme=\"Fast\"/>\n",
            6,
            "'Fast' is not one of");
        Bad(p2p + "<node name=\"c\"/>\n<repeaterChain name=\"c\" nodes=\"a b c\"/>\n",
            7,
            "no fibre <quantumLink> between 'b' and 'c'");
        Bad(fib + "<repeaterChain name=\"c\" nodes=\"a b\"/>\n",
            5,
            "no point-to-point <classicalLink>");
        Bad(p2p
                + "<repeaterChain name=\"c\" nodes=\"a b\"/>\n<repeaterChain name=\"d\" nodes=\"b "
                  "a\"/>\n",
            7,
            "already in a repeater chain");
        Bad(p2p + "<repeaterChain name=\"c\" nodes=\"a b\"/>\n<teleportation chain=\"x\"/>\n",
            7,
            "unknown repeater chain 'x'");
        Bad(p2p
                + "<repeaterChain name=\"c\" nodes=\"a b\"/>\n<teleportation chain=\"c\" "
                  "thetaRad=\"4\"/>\n",
            7,
            "out of range");
        Bad(p2p + "<entanglementRequest from=\"a\" to=\"a\"/>\n", 6, "to itself");
        Bad(p2p + "<entanglementRequest from=\"a\" to=\"z\"/>\n", 6, "unknown node 'z'");
        Bad(p2p + "<entanglementRequest from=\"a\" to=\"b\" pairs=\"0\"/>\n", 6, "out of range");
        {
            ScenarioReader::Result r
                = ScenarioReader::ParseString("<scenario name=\"t\" seed=\"0\"/>", "seed.xml");
            NS_TEST_EXPECT_MSG_EQ(
                (r.message.find("'seed' of <scenario> = 0 is out of range") != std::string::npos),
                true,
                r.Error());
            r = ScenarioReader::ParseString("<scenario name=\"t\" stopSeconds=\"-1\"/>",
                                            "stop.xml");
            NS_TEST_EXPECT_MSG_EQ(r.ok, false, "negative stop time");
        }
    }
};

/**
 * @ingroup quantum-tests
 * The fatal entry points (ScenarioReader::Load, QuantumScenarioHelper::Load
 * and SetDescription) stop the program with the file, the line and the
 * problem (death tests in a child process).
 */
class ScenarioFatalTestCase : public TestCase
{
  public:
    ScenarioFatalTestCase()
        : TestCase("Fatal loaders abort with file, line and the problem")
    {
    }

  private:
    void DoRun() override
    {
        const std::string path = "/tmp/quantum-scenario-test-" + std::to_string(getpid()) + ".xml";
        {
            std::ofstream f(path);
            f << "<scenario name=\"t\">\n<node name=\"a\"/>\n<node name=\"b\"/>\n"
                 "<quantumLink name=\"l\" from=\"a\" to=\"ghost\" lengthKm=\"3\"/>\n</scenario>\n";
        }
        QUANTUM_EXPECT_ABORT(ScenarioReader::Load(path),
                             "ScenarioReader: " + path
                                 + ":4: quantum link 'l' refers to unknown node 'ghost'");
        QUANTUM_EXPECT_ABORT(
            {
                QuantumScenarioHelper h;
                h.Load(path);
            },
            path + ":4: quantum link 'l' refers to unknown node 'ghost'");
        QUANTUM_EXPECT_ABORT(ScenarioReader::Load("/no/such/scenario.xml"), "cannot read the file");
        std::remove(path.c_str());
        auto duplicate = []() {
            ScenarioDescription d;
            d.name = "cpp";
            ScenarioDescription::Node n;
            n.name = "a";
            d.nodes.push_back(n);
            d.nodes.push_back(n);
            QuantumScenarioHelper h;
            h.SetDescription(d);
        };
        QUANTUM_EXPECT_ABORT(duplicate(), "scenario 'cpp':0: node name 'a' is used twice");
        QUANTUM_EXPECT_ABORT(
            {
                QuantumScenarioHelper h;
                h.Build();
            },
            "call Load or SetDescription first");
    }
};

/**
 * @ingroup quantum-tests
 * Inputs found by fuzzing (utils/fuzz-scenario.sh) and hostile inputs are
 * rejected with an error, never a crash.
 */
class ScenarioFuzzRegressionTestCase : public TestCase
{
  public:
    ScenarioFuzzRegressionTestCase()
        : TestCase("Fuzzer findings and hostile inputs are rejected cleanly")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<std::pair<std::string, std::string>> cases = {
            // entity expansion ("billion laughs")
            {"<?xml version=\"1.0\"?>\n<!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
             "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<scenario name=\"&b;\"/>",
             "DTD"},
            // external entity
            {"<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><scenario "
             "name=\"x\">&x;</scenario>",
             "DTD"},
            // NUL bytes and binary garbage
            {std::string("<scenario name=\"a\0b\"/>", 22), "malformed XML"},
            {"\xff\xfe<\x00s\x00", "malformed XML"},
            // namespaces
            {"<scenario xmlns:q=\"urn:q\" name=\"t\"><q:node name=\"a\"/></scenario>", "namespace"},
            {"<scenario name=\"t\"><node q:name=\"a\" xmlns:q=\"urn:q\"/></scenario>", "namespace"},
            // numbers at the edge of double
            {"<scenario name=\"t\" stopSeconds=\"1e-400\"/>", "out of range"},
            {"<scenario name=\"t\" run=\"1e300\"/>", "out of range"},
            {"<scenario name=\"t\" seed=\"4294967296\"/>", "out of range"},
            // processing instruction and CDATA
            {"<scenario name=\"t\"><![CDATA[x]]></scenario>", "unexpected text"},
        };
        for (const auto& [text, expected] : cases)
        {
            ScenarioReader::Result r = ScenarioReader::ParseString(text, "fuzz.xml");
            NS_TEST_EXPECT_MSG_EQ(r.ok, false, "accepted a hostile input");
            NS_TEST_EXPECT_MSG_EQ((r.message.find(expected) != std::string::npos),
                                  true,
                                  r.Error() << " (expected '" << expected << "')");
        }
    }
};

/**
 * @ingroup quantum-tests
 * Scenario files test suite.
 */
class QuantumScenarioTestSuite : public TestSuite
{
  public:
    QuantumScenarioTestSuite()
        : TestSuite("quantum-scenario", Type::UNIT)
    {
        AddTestCase(new ScenarioBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ScenarioFuzzRegressionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ScenarioFatalTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ScenarioAttributesTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ScenarioByHandTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ScenarioSamplesTestCase, QUANTUM_TEST_QUICK);
    }
};

/** The suite instance. */
static QuantumScenarioTestSuite g_quantumScenarioTestSuite;
