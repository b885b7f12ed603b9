/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * A repeater chain delivering end-to-end entangled pairs.
 *
 * Abstract mode (default): every link attempt succeeds with probability
 * --linkSuccessProbability, time is counted in attempt periods, links are
 * Werner pairs of fidelity --linkFidelity.  Physical mode (--distanceKm > 0):
 * heralded links built by QuantumLinkHelper over fibre of that length.
 * Swaps (swap-ASAP or nested doubling), optional link purification, memory
 * T2 and cut-off; the report gives the waiting time, rate and fidelity, and
 * the last line of stdout is a JSON object.
 *
 *     ./quantum-repeater-chain-example --nodes=5 --linkSuccessProbability=0.1 --deliveries=200
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/quantum-link-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t nodes = 5;
    double distanceKm = 0;
    double p = 0.1;
    double ps = 1.0;
    std::string scheme = "asap";
    uint32_t cutoffAttempts = 0;
    double linkFidelity = 1.0;
    double t2Seconds = 0;
    std::string purify = "none";
    uint32_t purifyRounds = 1;
    bool purifyAtEveryLevel = false;
    uint32_t deliveries = 100;
    double attemptPeriodMs = 1.0;
    double classicalDelayUs = 0;
    std::string classicalTransport = "udp";
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("nodes", "Number of nodes of the chain (>= 2; doubling: 2^n + 1)", nodes);
    cmd.AddValue("distanceKm",
                 "Physical mode: fibre length of each link in km (0: abstract mode)",
                 distanceKm);
    cmd.AddValue("linkSuccessProbability", "Abstract mode: success probability per attempt", p);
    cmd.AddValue("swapSuccessProbability", "Success probability of a Bell-state measurement", ps);
    cmd.AddValue("scheme", "Swapping scheme: asap or doubling", scheme);
    cmd.AddValue("cutoffAttempts", "Memory cut-off in attempt periods (0: none)", cutoffAttempts);
    cmd.AddValue("linkFidelity", "Abstract mode: Werner fidelity of link pairs", linkFidelity);
    cmd.AddValue("t2Seconds", "Memory T2 in seconds (0: no dephasing)", t2Seconds);
    cmd.AddValue("purify", "Link purification: none, bbpssw or dejmps", purify);
    cmd.AddValue("purifyRounds", "Pumping rounds per link pair", purifyRounds);
    cmd.AddValue("purifyAtEveryLevel",
                 "Doubling, abstract mode: purify the pairs of every nesting level before the "
                 "next swap (not only the link pairs)",
                 purifyAtEveryLevel);
    cmd.AddValue("deliveries", "End-to-end pairs to deliver", deliveries);
    cmd.AddValue("attemptPeriodMs", "Abstract mode: attempt period in ms", attemptPeriodMs);
    cmd.AddValue("classicalDelayUs", "Classical per-hop delay in microseconds", classicalDelayUs);
    cmd.AddValue("classicalTransport",
                 "Repeater messages: udp (UDP/IPv4 over point-to-point) or frames (link-layer "
                 "frames over SimpleNetDevice links, no IP)",
                 classicalTransport);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(nodes < 2 || nodes > 100000, "--nodes=" << nodes << " must be in [2, 100000]");
    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--linkSuccessProbability=" << p << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(ps > 0 && ps <= 1),
                    "--swapSuccessProbability=" << ps << " must be in (0, 1]");
    NS_ABORT_MSG_IF(scheme != "asap" && scheme != "doubling",
                    "--scheme=" << scheme << " must be asap or doubling");
    NS_ABORT_MSG_IF(purify != "none" && purify != "bbpssw" && purify != "dejmps",
                    "--purify=" << purify << " must be none, bbpssw or dejmps");
    NS_ABORT_MSG_IF(purifyAtEveryLevel && (scheme != "doubling" || purify == "none"),
                    "--purifyAtEveryLevel needs --scheme=doubling and --purify=bbpssw or dejmps");
    NS_ABORT_MSG_IF(purifyAtEveryLevel && distanceKm > 0,
                    "--purifyAtEveryLevel is offered in abstract mode only (--distanceKm=0)");
    NS_ABORT_MSG_IF(purifyAtEveryLevel && cutoffAttempts > 0,
                    "--cutoffAttempts is not supported with --purifyAtEveryLevel");
    NS_ABORT_MSG_IF(!(linkFidelity >= 0 && linkFidelity <= 1),
                    "--linkFidelity=" << linkFidelity << " must be in [0, 1]");
    NS_ABORT_MSG_IF(!(t2Seconds >= 0), "--t2Seconds=" << t2Seconds << " must be >= 0 (0: none)");
    NS_ABORT_MSG_IF(!(distanceKm >= 0), "--distanceKm=" << distanceKm << " must be >= 0");
    NS_ABORT_MSG_IF(deliveries == 0, "--deliveries must be at least 1");
    NS_ABORT_MSG_IF(classicalTransport != "udp" && classicalTransport != "frames",
                    "--classicalTransport=" << classicalTransport << " must be udp or frames");
    NS_ABORT_MSG_IF(!(attemptPeriodMs > 0),
                    "--attemptPeriodMs=" << attemptPeriodMs << " must be > 0");

    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const bool physical = distanceKm > 0;
    const Time period = Seconds(attemptPeriodMs * 1e-3);

    NodeContainer chainNodes;
    chainNodes.Create(nodes);
    QuantumNodeHelper qnh;
    uint32_t levels = 0;
    while ((1u << levels) < nodes - 1)
    {
        ++levels;
    }
    // Nested: the middle node serves two link ends per level, two slots each.
    qnh.SetMemoryAttribute("NumSlots",
                           UintegerValue(purifyAtEveryLevel ? std::max(8u, 4 * levels) : 8));
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    qnh.Install(chainNodes);

    QuantumRepeaterHelper h;
    h.SetLinkAttribute("AttemptPeriod", TimeValue(period));
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    h.SetSwapperAttribute("SuccessProbability", DoubleValue(ps));
    h.SetPolicyAttribute("Scheme", StringValue(scheme == "asap" ? "SwapAsap" : "Doubling"));
    h.SetPolicyAttribute("Purification",
                         StringValue(purify == "none"     ? "None"
                                     : purify == "bbpssw" ? "Bbpssw"
                                                          : "Dejmps"));
    h.SetPolicyAttribute("PurifyRounds", UintegerValue(purifyRounds));
    h.SetClassicalLink(DataRate("10Gbps"), MicroSeconds(classicalDelayUs));
    h.SetClassicalTransport(classicalTransport == "frames"
                                ? QuantumRepeaterHelper::FRAMES_SIMPLE_CHANNEL
                                : QuantumRepeaterHelper::UDP_POINT_TO_POINT);

    RepeaterChain chain;
    std::vector<HeraldedLink> heralded;
    Time unit = period;
    if (physical)
    {
        QuantumLinkHelper lh;
        lh.SetDistanceKm(distanceKm);
        std::vector<std::pair<Ptr<QuantumLinkLayer>, Ptr<QuantumLinkLayer>>> links;
        for (uint32_t i = 0; i + 1 < nodes; ++i)
        {
            heralded.push_back(lh.Install(chainNodes.Get(i), chainNodes.Get(i + 1)));
            links.emplace_back(heralded.back().ends[0], heralded.back().ends[1]);
        }
        unit = links.front().first->GetAttemptPeriod();
        chain = h.InstallChain(chainNodes, links);
    }
    else if (purifyAtEveryLevel)
    {
        chain = h.InstallNestedChain(chainNodes);
    }
    else
    {
        chain = h.InstallChain(chainNodes);
    }
    if (cutoffAttempts > 0)
    {
        // A stored half older than cutoffAttempts attempt periods is discarded
        // (and regenerated); the half period keeps a pair that is exactly
        // that old at an attempt boundary, as in the repeater tests.
        const Time cutoff = unit * static_cast<int64_t>(cutoffAttempts) + unit / 2;
        for (uint32_t i = 0; i < nodes; ++i)
        {
            chainNodes.Get(i)->GetObject<QuantumMemory>()->SetAttribute("CutoffTime",
                                                                        TimeValue(cutoff));
        }
    }
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
    for (const auto& l : heralded)
    {
        stream += QuantumLinkHelper::AssignStreams(l, stream);
    }

    struct Row
    {
        uint32_t round;
        double waitSeconds;
        double waitAttempts;
        double trueFidelity;
        double estimatedFidelity;
        uint32_t bell;
    };

    std::vector<Row> rows;
    chain.First()->TraceConnectWithoutContext(
        "Delivered",
        MakeCallback(
            +[](std::vector<Row>* out, uint32_t n, Time u, const RepeaterDelivery& d, double f) {
                const double w = (d.completionTime - d.roundStart).GetSeconds();
                out->push_back(Row{d.round,
                                   w,
                                   w / u.GetSeconds(),
                                   f,
                                   d.estimatedFidelity,
                                   static_cast<uint32_t>(d.bellState)});
                if (out->size() >= n)
                {
                    Simulator::Stop();
                }
            })
            .Bind(&rows, deliveries, unit));
    const auto wall0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wallSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const uint64_t events = Simulator::GetEventCount();
    const double simSeconds = Simulator::Now().GetSeconds();
    Simulator::Destroy();

    double sumW = 0;
    double sumA = 0;
    double sumF = 0;
    double sumE = 0;
    for (const auto& r : rows)
    {
        sumW += r.waitSeconds;
        sumA += r.waitAttempts;
        sumF += r.trueFidelity;
        sumE += r.estimatedFidelity;
    }
    const double n = rows.empty() ? 1.0 : rows.size();
    const double rate = simSeconds > 0 ? rows.size() / simSeconds : 0.0;
    std::cout << "Repeater chain: " << nodes << " nodes, " << (physical ? "physical" : "abstract")
              << " links";
    if (physical)
    {
        std::cout << " of " << distanceKm << " km";
    }
    else
    {
        std::cout << " (p = " << p << ", F = " << linkFidelity << ")";
    }
    std::cout << ", scheme " << scheme << ", swap success " << ps << ", purification " << purify;
    if (purify != "none")
    {
        std::cout << " x" << purifyRounds << (purifyAtEveryLevel ? " at every level" : " per link");
    }
    std::cout << "\n  classical messages    "
              << (classicalTransport == "frames" ? "frames over SimpleNetDevice links"
                                                 : "UDP over point-to-point links")
              << ", " << classicalDelayUs << " us per hop"
              << "\n  attempt period        " << unit.GetSeconds() * 1e3 << " ms\n"
              << "  deliveries            " << rows.size() << "\n"
              << "  mean waiting time     " << sumA / n << " attempts = " << sumW / n << " s\n"
              << "  mean fidelity (true)  " << sumF / n << "\n"
              << "  mean fidelity (est.)  " << sumE / n << "\n"
              << "  rate                  " << rate << " pairs/s over " << simSeconds << " s\n"
              << "  simulator events      " << events << " in " << wallSeconds << " s wall ("
              << events / std::max(wallSeconds, 1e-9) << " events/s)\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "round,wait_s,wait_attempts,true_fidelity,estimated_fidelity,bell_label\n";
        for (const auto& r : rows)
        {
            csv << r.round << "," << std::setprecision(12) << r.waitSeconds << "," << r.waitAttempts
                << "," << r.trueFidelity << "," << r.estimatedFidelity << "," << r.bell << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'waiting time (attempts)'\n"
           << "set ylabel 'fidelity'\nset key off\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 3:4 with points pt 7 ps 0.5\n";
    }
    std::cout << std::setprecision(10) << "{\"nodes\":" << nodes << ",\"mode\":\""
              << (physical ? "physical" : "abstract") << "\",\"classicalTransport\":\""
              << classicalTransport << "\",\"deliveries\":" << rows.size()
              << ",\"meanWaitingTimeAttempts\":" << sumA / n
              << ",\"meanWaitingTimeSeconds\":" << sumW / n << ",\"meanFidelity\":" << sumF / n
              << ",\"purifyAtEveryLevel\":" << (purifyAtEveryLevel ? "true" : "false")
              << ",\"meanEstimatedFidelity\":" << sumE / n << ",\"rateHz\":" << rate
              << ",\"events\":" << events << ",\"wallSeconds\":" << wallSeconds << "}" << std::endl;
    return 0;
}
