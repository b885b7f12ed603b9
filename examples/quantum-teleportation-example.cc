/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Teleportation between two nodes over a repeater between them: abstract
 * links (Werner fidelity --linkFidelity, success probability
 * --linkSuccessProbability), one swap, then the sender teleports the state
 * with Bloch angles (--thetaRad, --phiRad) and the receiver reports its
 * fidelity, to compare with (2F + 1)/3 for the delivered Werner pair.  The
 * last line of stdout is a JSON object.
 *
 *     ./quantum-teleportation-example --linkFidelity=0.9 --teleports=50
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
    double p = 0.2;
    double linkFidelity = 0.9;
    double t2Seconds = 0;
    double thetaRad = M_PI / 3;
    double phiRad = M_PI / 4;
    uint32_t teleports = 50;
    double classicalDelayUs = 0;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("linkSuccessProbability", "Success probability per link attempt", p);
    cmd.AddValue("linkFidelity", "Werner fidelity of link pairs", linkFidelity);
    cmd.AddValue("t2Seconds", "Memory T2 in seconds (0: no dephasing)", t2Seconds);
    cmd.AddValue("thetaRad", "Polar Bloch angle of the teleported state (radians)", thetaRad);
    cmd.AddValue("phiRad", "Azimuthal Bloch angle of the teleported state (radians)", phiRad);
    cmd.AddValue("teleports", "Number of states to teleport", teleports);
    cmd.AddValue("classicalDelayUs", "Classical per-hop delay in microseconds", classicalDelayUs);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--linkSuccessProbability=" << p << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(linkFidelity >= 0 && linkFidelity <= 1),
                    "--linkFidelity=" << linkFidelity << " must be in [0, 1]");
    NS_ABORT_MSG_IF(!(t2Seconds >= 0), "--t2Seconds=" << t2Seconds << " must be >= 0");
    NS_ABORT_MSG_IF(teleports == 0, "--teleports must be at least 1");

    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    NodeContainer nodes;
    nodes.Create(3); // sender, repeater, receiver
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    qnh.Install(nodes);
    QuantumRepeaterHelper h;
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    h.SetAgentAttribute("MaxDeliveries", UintegerValue(teleports));
    h.SetClassicalLink(DataRate("10Gbps"), MicroSeconds(classicalDelayUs));
    RepeaterChain chain = h.InstallChain(nodes);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);

    Ptr<TeleportationApplication> tx = CreateObject<TeleportationApplication>();
    Ptr<TeleportationApplication> rx = CreateObject<TeleportationApplication>();
    for (auto app : {tx, rx})
    {
        app->SetAttribute("Theta", DoubleValue(thetaRad));
        app->SetAttribute("Phi", DoubleValue(phiRad));
    }
    tx->SetSender(chain.First(), h.GetClassicalLink(nodes.Get(2), nodes.Get(1)).first);
    rx->SetReceiver(chain.Last());
    nodes.Get(0)->AddApplication(tx);
    nodes.Get(2)->AddApplication(rx);

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
    std::cout << "Teleportation over sender - repeater - receiver (p = " << p
              << ", link F = " << linkFidelity << ")\n"
              << "  teleported states      " << stateF.size() << "\n"
              << "  mean pair fidelity     " << mp << "\n"
              << "  mean state fidelity    " << ms << "  ((2F+1)/3 = " << predicted << ")\n"
              << "  rate                   " << stateF.size() / simSeconds << " states/s\n";
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
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'teleport'\nset ylabel 'fidelity'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 1:3 with points title 'state', "
           << "(2*" << mp << "+1)/3 title '(2F+1)/3'\n";
    }
    std::cout << std::setprecision(10) << "{\"teleports\":" << stateF.size()
              << ",\"meanPairFidelity\":" << mp << ",\"meanStateFidelity\":" << ms
              << ",\"predictedStateFidelity\":" << predicted
              << ",\"rateHz\":" << stateF.size() / simSeconds << "}" << std::endl;
    return 0;
}
