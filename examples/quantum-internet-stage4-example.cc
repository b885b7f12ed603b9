/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Quantum-internet maturity stage 4, quantum-memory network (Wehner,
 * Elkouss, Hanson, Science 362, eaam9288 (2018)): nodes store qubits long
 * enough for entanglement to be swapped along a chain of repeaters, so end
 * users can teleport arbitrary unknown states to each other.
 *
 * A repeater chain of --nodes nodes (QuantumRepeaterHelper: abstract links
 * of Werner fidelity --linkFidelity and success probability
 * --linkSuccessProbability, memories with T2 = --t2Seconds, swap as soon as
 * possible with Pauli frames sent as UDP packets) delivers end-to-end pairs;
 * TeleportationApplication at the first end teleports the state of Bloch
 * angles (--thetaRad, --phiRad) over each of them (Bennett et al., PRL 70,
 * 1895 (1993)); the receiver applies the correction it gets as a packet.
 * Reported: mean ground-truth fidelity of the delivered pairs F and of the
 * teleported states, against (2F + 1)/3 (Horodecki, Horodecki, Horodecki,
 * PRA 60, 1888 (1999)), and the rate.  The last line of stdout is a JSON
 * object; --outputPrefix writes the fidelities per teleport as CSV with a
 * gnuplot script.
 *
 *     ./quantum-internet-stage4-example --nodes=5 --teleports=100 --t2Seconds=1
 */

#include "ns3/core-module.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/teleportation-application.h"

#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t numNodes = 4;
    double p = 0.3;
    double linkFidelity = 0.98;
    double t2Seconds = 1.0;
    double thetaRad = M_PI / 3;
    double phiRad = M_PI / 4;
    uint32_t teleports = 50;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;
    CommandLine cmd(__FILE__);
    cmd.AddValue("nodes", "Nodes of the chain, ends included (at least 2)", numNodes);
    cmd.AddValue("linkSuccessProbability", "Success probability per link attempt", p);
    cmd.AddValue("linkFidelity", "Werner fidelity of link pairs", linkFidelity);
    cmd.AddValue("t2Seconds", "Memory T2 in seconds (0: no dephasing)", t2Seconds);
    cmd.AddValue("thetaRad", "Polar Bloch angle of the teleported state (radians)", thetaRad);
    cmd.AddValue("phiRad", "Azimuthal Bloch angle of the teleported state (radians)", phiRad);
    cmd.AddValue("teleports", "Number of states to teleport", teleports);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(numNodes < 2, "--nodes=" << numNodes << " must be at least 2");
    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--linkSuccessProbability=" << p << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(linkFidelity >= 0 && linkFidelity <= 1),
                    "--linkFidelity=" << linkFidelity << " must be in [0, 1]");
    NS_ABORT_MSG_IF(!(t2Seconds >= 0), "--t2Seconds=" << t2Seconds << " must be >= 0");
    NS_ABORT_MSG_IF(teleports == 0, "--teleports must be at least 1");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer nodes;
    nodes.Create(numNodes);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(4));
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    qnh.Install(nodes);
    QuantumRepeaterHelper h;
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    h.SetAgentAttribute("MaxDeliveries", UintegerValue(teleports));
    RepeaterChain chain = h.InstallChain(nodes);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += qnh.AssignStreams(nodes, stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);

    Ptr<TeleportationApplication> tx = CreateObject<TeleportationApplication>();
    Ptr<TeleportationApplication> rx = CreateObject<TeleportationApplication>();
    for (auto app : {tx, rx})
    {
        app->SetAttribute("Theta", DoubleValue(thetaRad));
        app->SetAttribute("Phi", DoubleValue(phiRad));
    }
    const Ipv4Address receiver
        = h.GetClassicalLink(nodes.Get(numNodes - 1), nodes.Get(numNodes - 2)).first;
    tx->SetSender(chain.First(), receiver);
    rx->SetReceiver(chain.Last());
    nodes.Get(0)->AddApplication(tx);
    nodes.Get(numNodes - 1)->AddApplication(rx);
    std::vector<double> pairF;
    std::vector<double> stateF;
    chain.First()->TraceConnectWithoutContext(
        "Delivered",
        MakeCallback(+[](std::vector<double>* v, const RepeaterDelivery&, double f) {
            v->push_back(f);
        }).Bind(&pairF));
    rx->TraceConnectWithoutContext("Teleported",
                                   MakeCallback(+[](std::vector<double>* v, uint32_t, double f) {
                                       v->push_back(f);
                                   }).Bind(&stateF));
    Simulator::Run();
    const double simSeconds = Simulator::Now().GetSeconds();
    Simulator::Destroy();

    double mp = 0;
    double ms = 0;
    for (double x : pairF)
    {
        mp += x;
    }
    for (double x : stateF)
    {
        ms += x;
    }
    mp /= std::max<size_t>(1, pairF.size());
    ms /= std::max<size_t>(1, stateF.size());
    const double predicted = (2 * mp + 1) / 3;
    std::cout << "Stage 4 (quantum memories): teleportation over a chain of " << numNodes
              << " nodes (" << numNodes - 2 << " repeaters), link F = " << linkFidelity
              << ", p = " << p << ", T2 = " << t2Seconds << " s\n"
              << "  states teleported       " << stateF.size() << "\n"
              << "  mean end-to-end pair F  " << mp << "\n"
              << "  mean state fidelity     " << ms << "  ((2F+1)/3 = " << predicted << ")\n"
              << "  rate                    " << stateF.size() / simSeconds << " states/s\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "index,pair_fidelity,state_fidelity\n";
        for (size_t i = 0; i < stateF.size(); ++i)
        {
            csv << i << "," << std::setprecision(12) << (i < pairF.size() ? pairF[i] : 0.0) << ","
                << stateF[i] << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'teleport'\nset ylabel 'fidelity'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 1:3 with points title 'state', "
           << "'' every ::1 using 1:((2*$2+1)/3) with lines title '(2F+1)/3 of its pair'\n";
    }
    std::cout << std::setprecision(10) << "{\"stage\":4,\"nodes\":" << numNodes
              << ",\"teleports\":" << stateF.size() << ",\"meanPairFidelity\":" << mp
              << ",\"meanStateFidelity\":" << ms << ",\"predictedStateFidelity\":" << predicted
              << ",\"rateHz\":" << stateF.size() / simSeconds << "}" << std::endl;
    return 0;
}
