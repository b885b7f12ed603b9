/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Stage 6 of the quantum internet, "quantum computing networks" (Wehner,
 * Elkouss, Hanson, Science 362, eaam9288 (2018)): three quantum processors
 * run one computation, a distributed Bernstein-Vazirani algorithm for
 * --secret, whose entangled pairs come from repeater chains.  The ancilla
 * processor (node P0) is joined to each data processor (P1, P2) by a chain of
 * --repeatersPerLink repeater nodes over abstract links (Werner fidelity
 * --linkFidelity, success probability --linkSuccessProbability per attempt
 * of --attemptPeriodUs); the chains deliver one end-to-end pair per request
 * and the processors use it for a non-local CNOT (gate teleportation).
 *
 * With ideal memories and gates, a chain of k links delivers a Werner pair
 * of parameter w^k, w = (4F - 1)/3, and each non-local CNOT keeps the
 * secret's bit with probability (1 + w^k)/2, so the predicted success
 * probability is ((1 + w^k)/2)^(number of ones).  --t2Ms adds memory
 * dephasing (then the prediction is an upper bound).  The last line of
 * stdout is a JSON object.
 *
 *     ./quantum-internet-stage6-example --secret=1011 --linkFidelity=0.95 --shots=200
 */

#include "ns3/core-module.h"
#include "ns3/distributed-circuit.h"
#include "ns3/distributed-computing-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string secret = "1011";
    uint32_t repeatersPerLink = 1;
    double linkFidelity = 0.95;
    double linkSuccessProbability = 0.2;
    double attemptPeriodUs = 100;
    double linkDelayMs = 0.5;
    double t2Ms = 0;
    uint32_t shots = 200;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;
    CommandLine cmd(__FILE__);
    cmd.AddValue("secret", "Bernstein-Vazirani secret string of 0 and 1", secret);
    cmd.AddValue("repeatersPerLink",
                 "Repeater nodes between the ancilla and each data processor",
                 repeatersPerLink);
    cmd.AddValue("linkFidelity",
                 "Werner fidelity of elementary link pairs, in [0.25, 1]",
                 linkFidelity);
    cmd.AddValue("linkSuccessProbability",
                 "Success probability per link attempt, in (0, 1]",
                 linkSuccessProbability);
    cmd.AddValue("attemptPeriodUs", "Link attempt period in microseconds", attemptPeriodUs);
    cmd.AddValue("linkDelayMs", "Classical delay per hop in milliseconds", linkDelayMs);
    cmd.AddValue("t2Ms", "Memory T2 in milliseconds at every node (0: no dephasing)", t2Ms);
    cmd.AddValue("shots", "Shots", shots);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(!(linkFidelity >= 0.25 && linkFidelity <= 1),
                    "--linkFidelity=" << linkFidelity << " must be in [0.25, 1]");
    NS_ABORT_MSG_IF(!(linkSuccessProbability > 0 && linkSuccessProbability <= 1),
                    "--linkSuccessProbability=" << linkSuccessProbability << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(attemptPeriodUs > 0),
                    "--attemptPeriodUs=" << attemptPeriodUs << " must be positive");
    NS_ABORT_MSG_IF(!(linkDelayMs >= 0), "--linkDelayMs=" << linkDelayMs << " must be >= 0");
    NS_ABORT_MSG_IF(!(t2Ms >= 0), "--t2Ms=" << t2Ms << " must be >= 0");
    NS_ABORT_MSG_IF(shots == 0, "--shots must be at least 1");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    const uint32_t numProcessors = 3;
    const DistributedCircuit circuit = DistributedCircuit::BernsteinVazirani(secret, numProcessors);
    QuantumStateRegistry::GetDefault()->SetDefaultFormalism(QuantumFormalism::DENSITY_MATRIX);
    NodeContainer processors;
    processors.Create(numProcessors);
    NodeContainer repeaters;
    repeaters.Create(2 * repeatersPerLink);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(circuit.GetNumQubits() + 4));
    qnh.SetMemoryAttribute("T2", TimeValue(MicroSeconds(t2Ms * 1000)));
    qnh.Install(processors);
    qnh.Install(repeaters);
    QuantumRepeaterHelper links;
    links.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    links.SetLinkAttribute("SuccessProbability", DoubleValue(linkSuccessProbability));
    links.SetLinkAttribute("AttemptPeriod", TimeValue(MicroSeconds(attemptPeriodUs)));
    links.SetClassicalLink(DataRate("1Gbps"), MicroSeconds(linkDelayMs * 1000));
    DistributedComputingHelper dch;
    dch.SetAttribute("Shots", UintegerValue(shots));
    ApplicationContainer apps = dch.Install(processors, circuit);
    std::vector<RepeaterChain> chains;
    for (uint32_t d = 1; d < numProcessors; ++d)
    {
        NodeContainer between;
        for (uint32_t k = 0; k < repeatersPerLink; ++k)
        {
            between.Add(repeaters.Get((d - 1) * repeatersPerLink + k));
        }
        chains.push_back(
            DistributedComputingHelper::InstallChainLink(apps, 0, d, between, links, 9500 + d));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    for (const auto& c : chains)
    {
        stream += QuantumRepeaterHelper::AssignStreams(c, stream);
    }
    DistributedComputingHelper::AssignStreams(apps, stream);
    auto table = DistributedComputingHelper::RecordShots(apps);
    std::vector<double> e2eFidelity;
    for (const auto& c : chains)
    {
        c.First()->TraceConnectWithoutContext(
            "Delivered",
            MakeCallback(+[](std::vector<double>* v, const RepeaterDelivery&, double f) {
                v->push_back(f);
            }).Bind(&e2eFidelity));
    }
    Simulator::Run();
    const double simSeconds = Simulator::Now().GetSeconds();
    Simulator::Destroy();

    uint32_t done = 0;
    uint32_t ok = 0;
    uint32_t pairs = 0;
    double latencySum = 0;
    for (const auto& e : *table)
    {
        if (e.second.nodesDone != numProcessors)
        {
            continue;
        }
        ++done;
        std::string bits;
        for (int32_t b : e.second.outcomes)
        {
            bits += b == 1 ? '1' : '0';
        }
        ok += bits == secret ? 1 : 0;
        pairs += e.second.pairsUsed;
        latencySum += e.second.GetLatency().GetSeconds();
    }
    uint32_t ones = 0;
    for (char ch : secret)
    {
        ones += ch == '1';
    }
    const double w = (4 * linkFidelity - 1) / 3;
    const double wChain = std::pow(w, repeatersPerLink + 1);
    const double predicted = std::pow((1 + wChain) / 2, ones);
    const double success = done ? static_cast<double>(ok) / done : 0.0;
    const double stdErr = done ? std::sqrt(success * (1 - success) / done) : 0.0;
    const double meanLatency = done ? latencySum / done : 0.0;
    double meanE2e = 0;
    for (double f : e2eFidelity)
    {
        meanE2e += f;
    }
    meanE2e /= std::max<size_t>(1, e2eFidelity.size());
    std::cout << "QIA stage 6, quantum computing network: distributed Bernstein-Vazirani\n"
              << "  processors              3 (ancilla P0, data P1, P2)\n"
              << "  repeaters per link      " << repeatersPerLink << "\n"
              << "  secret                  " << secret << "\n"
              << "  link fidelity           " << linkFidelity << "\n"
              << "  end-to-end pair F       " << meanE2e << " (predicted " << (1 + 3 * wChain) / 4
              << ")\n"
              << "  shots                   " << done << "\n"
              << "  success probability     " << success << " +- " << stdErr << "\n"
              << "  predicted               " << predicted
              << (t2Ms > 0 ? " (ideal memories: an upper bound)" : "") << "\n"
              << "  pairs used              " << pairs << "\n"
              << "  mean latency per shot   " << meanLatency << " s\n"
              << "  simulated time          " << simSeconds << " s\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "shot,outcomes,latency_s,pairs\n";
        for (const auto& e : *table)
        {
            csv << e.first << ",";
            for (int32_t b : e.second.outcomes)
            {
                csv << (b == 1 ? '1' : '0');
            }
            csv << "," << std::setprecision(12) << e.second.GetLatency().GetSeconds() << ","
                << e.second.pairsUsed << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'shot'\nset ylabel 'latency (s)'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 1:3 with points title "
           << "'shot latency'\n";
    }
    std::cout << std::setprecision(10) << "{\"stage\":6,\"algorithm\":\"bv\",\"secret\":\""
              << secret << "\",\"repeatersPerLink\":" << repeatersPerLink
              << ",\"linkFidelity\":" << linkFidelity << ",\"shots\":" << done
              << ",\"successProbability\":" << success << ",\"successProbabilityStdErr\":" << stdErr
              << ",\"predictedSuccessProbability\":" << predicted
              << ",\"meanEndToEndFidelity\":" << meanE2e << ",\"pairsUsed\":" << pairs
              << ",\"meanLatencySeconds\":" << meanLatency << "}" << std::endl;
    return 0;
}
