/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Universal blind quantum computation (Broadbent, Fitzsimons, Kashefi 2009):
 * a client node sends rotated qubits |+_theta> over a fibre (attenuation
 * --attenuationDbPerKm over --distanceKm; lost photons are resent after the
 * ACK timeout) to a server node, which stores them in a memory (--memoryT2Us),
 * builds the graph state and measures at the angles delta the client sends as
 * UDP packets.  Computations (--computation):
 *  - rotation: one qubit through a 1D cluster, rotations --rotations (indices
 *    k of k pi/4, comma-separated); result is an X measurement of |+> rotated
 *    by -sum, P(0) = cos^2(sum/2);
 *  - cnot: CNOT on the classical inputs --inputA, --inputB (6-qubit graph,
 *    result bits (a, a XOR b)).
 * The report gives the success probability and the chi-square of the
 * angles the server saw against the uniform distribution (7 dof; 29.88 is
 * the 1e-4 false-alarm threshold).  --outputPrefix writes the delta
 * histogram (CSV) and a gnuplot script.  The last line of stdout is JSON.
 *
 *     ./quantum-blind-computation-example --computation=cnot --inputA=1 --shots=200
 */

#include "ns3/blind-computation-helper.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-state-registry.h"

#include <array>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

std::array<uint64_t, 8> g_deltaHist{}; //!< angles seen by the server

/**
 * @param shot shot
 * @param index qubit
 * @param delta angle index
 */
void
OnDelta(uint32_t shot, uint32_t index, uint8_t delta)
{
    ++g_deltaHist[delta % 8];
}

/**
 * @param text comma-separated integers
 * @return the rotation indices
 */
std::vector<uint8_t>
ParseRotations(const std::string& text)
{
    std::vector<uint8_t> k;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        NS_ABORT_MSG_IF(item.empty() || item.find_first_not_of("0123456789") != std::string::npos,
                        "--rotations=" << text << ": '" << item << "' is not an integer in [0, 7]");
        const int v = std::stoi(item);
        NS_ABORT_MSG_IF(v > 7, "--rotations=" << text << ": " << v << " is outside [0, 7]");
        k.push_back(static_cast<uint8_t>(v));
    }
    return k;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string computation = "rotation";
    std::string rotations = "1,3";
    uint32_t inputA = 1;
    uint32_t inputB = 0;
    uint32_t shots = 100;
    double distanceKm = 5.0;
    double attenuationDbPerKm = 0.2;
    double dephasingPerKm = 0.0;
    double memoryT2Us = 0.0;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("computation", "rotation or cnot", computation);
    cmd.AddValue("rotations", "rotation: comma-separated k of the angles k pi/4", rotations);
    cmd.AddValue("inputA", "cnot: control input bit", inputA);
    cmd.AddValue("inputB", "cnot: target input bit", inputB);
    cmd.AddValue("shots", "Number of runs of the computation", shots);
    cmd.AddValue("distanceKm", "Client-server distance (fibre and classical link), km", distanceKm);
    cmd.AddValue("attenuationDbPerKm", "Fibre attenuation, dB/km", attenuationDbPerKm);
    cmd.AddValue("dephasingPerKm", "Channel dephasing rate per km (0: none)", dephasingPerKm);
    cmd.AddValue("memoryT2Us", "Server memory T2 in microseconds (0: ideal memory)", memoryT2Us);
    cmd.AddValue("outputPrefix",
                 "Write <prefix>-delta.csv and <prefix>-delta.gnuplot if set",
                 outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(shots == 0, "--shots must be at least 1");
    NS_ABORT_MSG_IF(!(distanceKm > 0 && distanceKm <= 1000),
                    "--distanceKm=" << distanceKm << " must be in (0, 1000]");
    NS_ABORT_MSG_IF(!(memoryT2Us >= 0), "--memoryT2Us=" << memoryT2Us << " must be >= 0");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    BlindComputationPattern pattern;
    if (computation == "rotation")
    {
        pattern = BlindComputationPattern::RotationChain(ParseRotations(rotations));
    }
    else if (computation == "cnot")
    {
        pattern = BlindComputationPattern::Cnot(inputA, inputB);
    }
    else
    {
        NS_FATAL_ERROR("--computation=" << computation << " is not one of: rotation, cnot");
    }

    NodeContainer nodes;
    nodes.Create(2);
    const Time oneWay = MicroSeconds(5) * distanceKm;
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(oneWay));
    NetDeviceContainer ip = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = addresses.Assign(ip);

    QuantumChannelHelper qch;
    qch.SetChannelAttribute("LengthKm", DoubleValue(distanceKm));
    qch.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(attenuationDbPerKm));
    if (dephasingPerKm > 0)
    {
        qch.AddModel("ns3::DephasingNoiseModel", "RatePerKm", DoubleValue(dephasingPerKm));
    }
    NetDeviceContainer qdev = qch.Install(nodes.Get(0), nodes.Get(1));

    BlindComputationHelper bqc;
    bqc.SetPattern(pattern);
    bqc.SetClientAttribute("Shots", UintegerValue(shots));
    bqc.SetClientAttribute("AckTimeout", TimeValue(4 * oneWay + MicroSeconds(20)));
    Ptr<QuantumMemory> memory;
    if (memoryT2Us > 0)
    {
        memory = CreateObject<QuantumMemory>();
        memory->SetAttribute("NumSlots", UintegerValue(pattern.GetNumQubits()));
        memory->SetAttribute("T2", TimeValue(MicroSeconds(memoryT2Us)));
        bqc.SetServerAttribute("Memory", PointerValue(memory));
    }
    ApplicationContainer apps = bqc.Install(nodes.Get(0), nodes.Get(1), ifs.GetAddress(1));
    apps.Start(MilliSeconds(1));
    int64_t stream = 1;
    stream += QuantumChannelHelper::AssignStreams(qdev, stream);
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += BlindComputationHelper::AssignStreams(apps, stream);
    if (memory)
    {
        stream += memory->AssignStreams(stream);
    }
    Ptr<BlindComputationClient> client = DynamicCast<BlindComputationClient>(apps.Get(0));
    Ptr<BlindComputationServer> server = DynamicCast<BlindComputationServer>(apps.Get(1));
    server->TraceConnectWithoutContext("DeltaReceived", MakeCallback(&OnDelta));
    Simulator::Run();
    const double simSeconds = Simulator::Now().GetSeconds();

    const uint32_t done = client->GetShotsDone();
    const double success = done ? double(client->GetShotsCorrect()) / done : 0.0;
    const std::vector<uint64_t> counts = client->GetResultCounts();
    const std::vector<double>& ideal = pattern.GetIdealDistribution();
    double tvd = 0;
    for (std::size_t m = 0; m < counts.size(); ++m)
    {
        tvd += 0.5 * std::abs((done ? double(counts[m]) / done : 0.0) - ideal[m]);
    }
    double nDelta = 0;
    for (uint64_t x : g_deltaHist)
    {
        nDelta += x;
    }
    double chi2 = 0;
    for (uint64_t x : g_deltaHist)
    {
        chi2 += (x - nDelta / 8) * (x - nDelta / 8) / (nDelta / 8);
    }

    std::cout << "Blind quantum computation (BFK 2009): " << pattern.GetName() << ", "
              << pattern.GetNumQubits() << " qubits, " << pattern.GetEdges().size() << " CZ edges\n"
              << "  distance " << distanceKm << " km, attenuation " << attenuationDbPerKm
              << " dB/km, dephasing " << dephasingPerKm << " /km, memory T2 "
              << (memoryT2Us > 0 ? std::to_string(memoryT2Us) + " us" : std::string("ideal"))
              << "\n"
              << "  shots done " << done << " (failed " << client->GetShotsFailed()
              << "), success probability " << success << "\n"
              << "  photons sent " << client->GetQubitsSent() << ", lost "
              << client->GetPhotonsLost() << "\n  results:";
    for (std::size_t m = 0; m < counts.size(); ++m)
    {
        std::cout << " " << m << ":" << counts[m] << " (ideal " << ideal[m] << ")";
    }
    std::cout << "\n  total variation distance to the ideal output " << tvd << "\n"
              << "  angles seen by the server:";
    for (int k = 0; k < 8; ++k)
    {
        std::cout << " " << k << "pi/4:" << g_deltaHist[k];
    }
    std::cout << "\n  chi-square vs uniform (7 dof) " << chi2
              << (chi2 < 29.88 ? " < 29.88: uniform" : " >= 29.88: NOT uniform") << "\n"
              << "  simulated time " << simSeconds << " s\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + "-delta.csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << "-delta.csv");
        csv << "k,delta_rad,count,expected_uniform\n";
        for (int k = 0; k < 8; ++k)
        {
            csv << k << "," << std::setprecision(12) << k * M_PI / 4 << "," << g_deltaHist[k] << ","
                << nDelta / 8 << "\n";
        }
        std::ofstream gp(outputPrefix + "-delta.gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << "-delta.gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << "-delta.png'\n"
           << "set datafile separator ','\nset xlabel 'delta (units of pi/4)'\n"
           << "set ylabel 'count'\nset xrange [-0.5:7.5]\nset yrange [0:*]\n"
           << "set boxwidth 0.8\nset style fill solid 0.5\nset key bottom right opaque\n"
           << "set title 'Angles the server received (" << pattern.GetName() << ")'\n"
           << "plot '" << outputPrefix << "-delta.csv' every ::1 using 1:3 with boxes title "
           << "'server', '' every ::1 using 1:4 with lines lw 2 title 'uniform'\n";
    }

    std::cout << std::setprecision(10) << "{\"computation\":\"" << pattern.GetName()
              << "\",\"qubits\":" << pattern.GetNumQubits() << ",\"shots\":" << done
              << ",\"shotsFailed\":" << client->GetShotsFailed()
              << ",\"successProbability\":" << success << ",\"totalVariationDistance\":" << tvd
              << ",\"deltaChiSquare\":" << chi2 << ",\"deltasSeen\":" << nDelta
              << ",\"qubitsSent\":" << client->GetQubitsSent()
              << ",\"photonsLost\":" << client->GetPhotonsLost()
              << ",\"simulatedTimeSeconds\":" << simSeconds << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
