/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Heralded entanglement between two nodes with a beam-splitter station in
// the middle: single-click or Barrett-Kok (double-click), exact or fast mode,
// heralds on a signal line or as UDP packets over point-to-point links.
//
// The report compares the measured success probability and fidelity with
// the analytic values of the optics model (HeraldedEntanglementModel) and
// the T2 decay during the wait for the herald.  The last line of stdout is a
// JSON object with the results.
//
//   ./quantum-heralded-entanglement-example --protocol=double-click
//       --distanceKm=10 --pairs=1000 --mode=fast --outputPrefix=he
//   (one command line)

#include "ns3/core-module.h"
#include "ns3/heralded-link-layer.h"
#include "ns3/heralding-station.h"
#include "ns3/network-module.h"
#include "ns3/quantum-link-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <vector>

using namespace ns3;

namespace
{
/** One delivered pair, as seen at node A. */
struct Record
{
    double timeSeconds;  //!< delivery time
    uint32_t bell;       //!< Bell label
    double trueFidelity; //!< ground truth
    double estimate;     //!< the link's estimate
};

std::vector<Record> g_records;                          //!< pairs at A
Ptr<QuantumMemory> g_memories[2];                       //!< the memories
uint32_t g_pairsB = 0;                                  //!< pairs at B
std::vector<std::pair<uint32_t, std::string>> g_errors; //!< errors

/** @param pair OK at A @param f ground-truth fidelity */
void
TraceA(const EntanglementPair& pair, double f)
{
    g_records.push_back({Simulator::Now().GetSeconds(),
                         static_cast<uint32_t>(pair.bellState),
                         f,
                         pair.estimatedFidelity});
}

/** @param pair OK at A */
void
OkA(const EntanglementPair& pair)
{
    if (pair.memorySlot >= 0)
    {
        g_memories[0]->Release(pair.memorySlot);
    }
}

/** @param pair OK at B */
void
OkB(const EntanglementPair& pair)
{
    ++g_pairsB;
    if (pair.memorySlot >= 0)
    {
        g_memories[1]->Release(pair.memorySlot);
    }
}

/** @param id request @param e error @param n delivered */
void
Error(uint32_t id, EntanglementError e, uint32_t n)
{
    g_errors.emplace_back(n, EntanglementErrorName(e));
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string protocol = "single-click";
    double distanceKm = 10;
    double attenuationDbPerKm = 0.2;
    double emissionEfficiency = 0.5;
    double detectorEfficiency = 0.9;
    double darkCountProbability = 1e-6;
    double visibility = 0.95;
    double alpha = 0.1;
    double t2Seconds = 1.0;
    uint32_t pairs = 200;
    std::string mode = "exact";
    std::string heraldTransport = "signal-line";
    uint32_t lanes = 1;
    std::string udpDataRate = "1Gbps";
    double udpDelayMs = 0;
    double deadlineSeconds = 0;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("protocol", "single-click or double-click (Barrett-Kok)", protocol);
    cmd.AddValue("distanceKm", "node-to-node distance in km (station in the middle)", distanceKm);
    cmd.AddValue("attenuationDbPerKm", "fibre attenuation in dB/km", attenuationDbPerKm);
    cmd.AddValue("emissionEfficiency", "emission-and-collection efficiency", emissionEfficiency);
    cmd.AddValue("detectorEfficiency", "detector efficiency", detectorEfficiency);
    cmd.AddValue("darkCountProbability",
                 "dark-count probability per detector per detection window",
                 darkCountProbability);
    cmd.AddValue("visibility", "two-photon interference visibility", visibility);
    cmd.AddValue("alpha", "single-click bright-state population", alpha);
    cmd.AddValue("t2Seconds", "memory T2 in seconds (0 = infinite)", t2Seconds);
    cmd.AddValue("pairs", "pairs to generate", pairs);
    cmd.AddValue("mode", "exact or fast", mode);
    cmd.AddValue("heraldTransport", "signal-line or udp", heraldTransport);
    cmd.AddValue("lanes", "memory slots attempting in parallel", lanes);
    cmd.AddValue("udpDataRate", "UDP herald links: data rate", udpDataRate);
    cmd.AddValue("udpDelayMs", "UDP herald links: delay in ms (0 = fibre delay)", udpDelayMs);
    cmd.AddValue("deadlineSeconds", "request deadline in s (0 = none)", deadlineSeconds);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix", "write <prefix>.csv and <prefix>.gnuplot", outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(protocol != "single-click" && protocol != "double-click",
                    "--protocol must be single-click or double-click, not " << protocol);
    NS_ABORT_MSG_IF(mode != "exact" && mode != "fast",
                    "--mode must be exact or fast, not " << mode);
    NS_ABORT_MSG_IF(heraldTransport != "signal-line" && heraldTransport != "udp",
                    "--heraldTransport must be signal-line or udp, not " << heraldTransport);
    NS_ABORT_MSG_IF(pairs == 0, "--pairs must be at least 1");
    NS_ABORT_MSG_IF(t2Seconds < 0, "--t2Seconds must be >= 0");

    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer nodes;
    nodes.Create(2);
    QuantumNodeHelper qn;
    qn.SetMemoryAttribute("NumSlots", UintegerValue(std::max<uint32_t>(4, 2 * lanes)));
    qn.SetMemoryAttribute("EmissionEfficiency", DoubleValue(emissionEfficiency));
    qn.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    qn.Install(nodes);

    QuantumLinkHelper lh;
    lh.SetDistanceKm(distanceKm);
    lh.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(attenuationDbPerKm));
    lh.SetStationAttribute("Protocol", StringValue(protocol));
    lh.SetStationAttribute("HeraldTransport", StringValue(heraldTransport));
    lh.SetStationAttribute("Visibility", DoubleValue(visibility));
    lh.SetDetectorAttribute("Efficiency", DoubleValue(detectorEfficiency));
    lh.SetDetectorAttribute("DarkCountProbability", DoubleValue(darkCountProbability));
    lh.SetLinkLayerAttribute("Mode", StringValue(mode));
    lh.SetLinkLayerAttribute("BrightStatePopulation", DoubleValue(alpha));
    lh.SetLinkLayerAttribute("MaxParallelAttempts", UintegerValue(lanes));
    lh.SetPointToPointDeviceAttribute("DataRate", StringValue(udpDataRate));
    const Time fibreDelay = Seconds(distanceKm * 1000 / 2 / 2e8);
    lh.SetPointToPointChannelAttribute(
        "Delay",
        TimeValue(udpDelayMs > 0 ? MilliSeconds(udpDelayMs) : fibreDelay));
    HeraldedLink link = lh.Install(nodes.Get(0), nodes.Get(1));
    QuantumLinkHelper::AssignStreams(link, 1);
    qn.AssignStreams(nodes, 100);

    g_memories[0] = nodes.Get(0)->GetObject<QuantumMemory>();
    g_memories[1] = nodes.Get(1)->GetObject<QuantumMemory>();
    link.ends[0]->TraceConnectWithoutContext("PairDelivered", MakeCallback(&TraceA));
    link.ends[0]->SetOkCallback(MakeCallback(&OkA));
    link.ends[1]->SetOkCallback(MakeCallback(&OkB));
    link.ends[0]->SetErrorCallback(MakeCallback(&Error));

    const HeraldedEntanglementModel& model = link.station->GetNominalModel();
    const double pAnalytic = model.GetSuccessProbability();
    const double fHerald = model.GetMeanFidelity();
    const double fDelivery = link.ends[0]->GetMaxEstimatedFidelity();
    const Time period = link.ends[0]->GetAttemptPeriod();

    EntanglementRequest req;
    req.remoteNodeId = nodes.Get(1)->GetId();
    req.numPairs = pairs;
    req.deadline = deadlineSeconds > 0 ? Seconds(deadlineSeconds) : Time(0);
    Simulator::ScheduleWithContext(nodes.Get(0)->GetId(),
                                   Seconds(0),
                                   &HeraldedLinkLayer::Create,
                                   link.ends[0],
                                   req);
    const auto wall0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const double simSeconds
        = g_records.empty() ? Simulator::Now().GetSeconds() : g_records.back().timeSeconds;
    const uint64_t attempts = link.station->GetNumAttempts();
    double fSum = 0;
    double eSum = 0;
    uint32_t fN = 0;
    for (const auto& r : g_records)
    {
        if (!std::isnan(r.trueFidelity))
        {
            fSum += r.trueFidelity;
            ++fN;
        }
        eSum += r.estimate;
    }
    const uint32_t delivered = static_cast<uint32_t>(g_records.size());
    const double pMeasured = attempts > 0 ? double(delivered) / attempts : 0;
    const double fMeasured = fN > 0 ? fSum / fN : 0;
    const double rate = simSeconds > 0 ? delivered / simSeconds : 0;

    std::cout << "Heralded entanglement, " << protocol << ", " << mode << " mode, heralds on "
              << heraldTransport << "\n"
              << "  distance " << distanceKm << " km (station in the middle), attempt period "
              << period.GetMicroSeconds() << " us, " << lanes << " lane(s)\n"
              << "  per-arm transmission (emission x fibre x detector) "
              << emissionEfficiency * std::pow(10, -attenuationDbPerKm * distanceKm / 20)
                     * detectorEfficiency
              << "\n"
              << "  pairs delivered        " << delivered << " (B: " << g_pairsB << ")\n"
              << "  attempts               " << attempts << "\n"
              << "  success probability    measured " << pMeasured << ", analytic " << pAnalytic
              << "\n"
              << "  fidelity at herald     analytic " << fHerald << "\n"
              << "  fidelity at delivery   measured " << fMeasured << ", analytic " << fDelivery
              << " (with T2 decay while waiting for the herald)\n"
              << "  estimated (link layer) mean " << (delivered ? eSum / delivered : 0) << "\n"
              << "  rate                   " << rate << " pairs/s over " << simSeconds
              << " simulated s (" << wall << " wall s)\n";
    for (const auto& [n, e] : g_errors)
    {
        std::cout << "  ERR " << e << " after " << n << " pairs\n";
    }

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        csv << "pair,timeSeconds,bellLabel,trueFidelity,estimatedFidelity\n";
        for (size_t i = 0; i < g_records.size(); ++i)
        {
            csv << i << "," << std::setprecision(12) << g_records[i].timeSeconds << ","
                << g_records[i].bell << "," << g_records[i].trueFidelity << ","
                << g_records[i].estimate << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 800,500\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set key autotitle columnhead\n"
           << "set xlabel 'delivery time (s)'\nset ylabel 'fidelity'\n"
           << "plot '" << outputPrefix << ".csv' using 2:4 with points title 'true fidelity', '"
           << outputPrefix << ".csv' using 2:5 with lines title 'estimated fidelity'\n";
        std::cout << "  wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::cout << std::setprecision(10) << "{\"protocol\":\"" << protocol << "\",\"mode\":\"" << mode
              << "\",\"heraldTransport\":\"" << heraldTransport << "\",\"pairs\":" << delivered
              << ",\"attempts\":" << attempts << ",\"successProbability\":" << pMeasured
              << ",\"analyticSuccessProbability\":" << pAnalytic
              << ",\"meanFidelity\":" << fMeasured << ",\"analyticFidelity\":" << fDelivery
              << ",\"analyticFidelityAtHerald\":" << fHerald << ",\"rateHz\":" << rate
              << ",\"simulatedSeconds\":" << simSeconds << ",\"wallSeconds\":" << wall << "}"
              << std::endl;
    g_memories[0] = nullptr;
    g_memories[1] = nullptr;
    Simulator::Destroy();
    return 0;
}
