/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Distributed quantum computing: processors on --nodes nodes run one circuit
 * together, every CNOT between nodes a non-local CNOT by gate teleportation
 * (one entangled pair, two classical bits over UDP).  Direct abstract links
 * give Werner pairs of fidelity --pairFidelity; classical links have delay
 * --linkDelayMs.
 *
 * --algorithm=ghz: a GHZ state over the nodes (H, then a chain of non-local
 * CNOTs); its fidelity is measured with the parity-oscillation estimator
 * (n + 1 measurement settings, --shots each) and compared with
 * [(F + q)^(n-1) + (F - q)^(n-1)]/2, q = (1 - F)/3.
 *
 * --algorithm=bv: Bernstein-Vazirani for --secret, ancilla on node 0, data
 * qubits on the other nodes; the success probability is compared with
 * ((1 + 2F)/3)^w, w the number of ones of the secret.
 *
 * The last line of stdout is a JSON object.
 *
 *     ./quantum-distributed-computing-example --algorithm=bv --secret=1011 --nodes=3
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
#include <sstream>

using namespace ns3;

namespace
{

/** Example parameters. */
struct DqcConfig
{
    uint32_t nodes = 3;                //!< processors
    double pairFidelity = 1.0;         //!< Werner fidelity of link pairs
    double linkSuccessProbability = 1; //!< per attempt
    double attemptPeriodUs = 100;      //!< link attempt period
    double linkDelayMs = 1;            //!< classical link delay
    double twoQubitGateUs = 0;         //!< two-qubit gate duration
    double measurementUs = 0;          //!< measurement duration
    double twoQubitDepolarizing = 0;   //!< two-qubit gate depolarizing probability
    double t2Ms = 0;                   //!< memory T2 (0: none)
    uint32_t shots = 200;              //!< shots per run
};

/** Results of one run. */
struct RunResult
{
    std::vector<std::vector<int32_t>> outcomes; //!< register per shot
    std::vector<double> latency;                //!< seconds per shot
    uint32_t pairs = 0;                         //!< pairs used
};

/**
 * Run a circuit over direct abstract links.
 * @param c the circuit
 * @param cfg parameters
 * @return outcomes, latencies, pairs
 */
RunResult
RunCircuit(const DistributedCircuit& c, const DqcConfig& cfg)
{
    QuantumStateRegistry::GetDefault()->SetDefaultFormalism(QuantumFormalism::DENSITY_MATRIX);
    NodeContainer nodes;
    nodes.Create(c.GetNumNodes());
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(c.GetNumQubits() + 2));
    qnh.SetMemoryAttribute("T2", TimeValue(MilliSeconds(cfg.t2Ms)));
    qnh.SetProcessorAttribute("TwoQubitGateDuration", TimeValue(MicroSeconds(cfg.twoQubitGateUs)));
    qnh.SetProcessorAttribute("MeasurementDuration", TimeValue(MicroSeconds(cfg.measurementUs)));
    qnh.SetProcessorAttribute("TwoQubitGateDepolarizing", DoubleValue(cfg.twoQubitDepolarizing));
    qnh.Install(nodes);
    QuantumRepeaterHelper links;
    links.SetLinkAttribute("LinkFidelity", DoubleValue(cfg.pairFidelity));
    links.SetLinkAttribute("SuccessProbability", DoubleValue(cfg.linkSuccessProbability));
    links.SetLinkAttribute("AttemptPeriod", TimeValue(MicroSeconds(cfg.attemptPeriodUs)));
    links.SetClassicalLink(DataRate("1Gbps"), MicroSeconds(cfg.linkDelayMs * 1000));
    DistributedComputingHelper dch;
    dch.SetAttribute("Shots", UintegerValue(cfg.shots));
    ApplicationContainer apps = dch.Install(nodes, c);
    DistributedComputingHelper::InstallAbstractLinks(apps, links);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    DistributedComputingHelper::AssignStreams(apps, stream);
    auto table = DistributedComputingHelper::RecordShots(apps);
    Simulator::Run();
    RunResult r;
    for (const auto& e : *table)
    {
        if (e.second.nodesDone != c.GetNumNodes())
        {
            continue;
        }
        r.outcomes.push_back(e.second.outcomes);
        r.latency.push_back(e.second.GetLatency().GetSeconds());
        r.pairs += e.second.pairsUsed;
    }
    Simulator::Destroy();
    return r;
}

/**
 * @param o a register
 * @return it as a string of 0 and 1
 */
std::string
Bits(const std::vector<int32_t>& o)
{
    std::string s;
    for (int32_t b : o)
    {
        s += b == 1 ? '1' : '0';
    }
    return s;
}

} // namespace

int
main(int argc, char* argv[])
{
    DqcConfig cfg;
    std::string algorithm = "ghz";
    std::string secret = "1011";
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("algorithm", "ghz or bv (Bernstein-Vazirani)", algorithm);
    cmd.AddValue("nodes", "Number of processor nodes (at least 2)", cfg.nodes);
    cmd.AddValue("secret", "Bernstein-Vazirani secret string of 0 and 1", secret);
    cmd.AddValue("pairFidelity",
                 "Werner fidelity of the entangled pairs, in [0.25, 1]",
                 cfg.pairFidelity);
    cmd.AddValue("linkSuccessProbability",
                 "Success probability per link attempt, in (0, 1]",
                 cfg.linkSuccessProbability);
    cmd.AddValue("attemptPeriodUs", "Link attempt period in microseconds", cfg.attemptPeriodUs);
    cmd.AddValue("linkDelayMs", "Classical link delay in milliseconds", cfg.linkDelayMs);
    cmd.AddValue("twoQubitGateUs", "Two-qubit gate duration in microseconds", cfg.twoQubitGateUs);
    cmd.AddValue("measurementUs", "Measurement duration in microseconds", cfg.measurementUs);
    cmd.AddValue("twoQubitDepolarizing",
                 "Depolarizing probability after a two-qubit gate",
                 cfg.twoQubitDepolarizing);
    cmd.AddValue("t2Ms", "Memory T2 in milliseconds (0: no dephasing)", cfg.t2Ms);
    cmd.AddValue("shots", "Shots (per measurement setting for ghz)", cfg.shots);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(algorithm != "ghz" && algorithm != "bv",
                    "--algorithm=" << algorithm << " must be ghz or bv");
    NS_ABORT_MSG_IF(cfg.nodes < 2, "--nodes=" << cfg.nodes << " must be at least 2");
    NS_ABORT_MSG_IF(!(cfg.pairFidelity >= 0.25 && cfg.pairFidelity <= 1),
                    "--pairFidelity=" << cfg.pairFidelity << " must be in [0.25, 1]");
    NS_ABORT_MSG_IF(!(cfg.linkSuccessProbability > 0 && cfg.linkSuccessProbability <= 1),
                    "--linkSuccessProbability=" << cfg.linkSuccessProbability
                                                << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(cfg.attemptPeriodUs > 0),
                    "--attemptPeriodUs=" << cfg.attemptPeriodUs << " must be positive");
    NS_ABORT_MSG_IF(!(cfg.linkDelayMs >= 0),
                    "--linkDelayMs=" << cfg.linkDelayMs << " must be >= 0");
    NS_ABORT_MSG_IF(!(cfg.t2Ms >= 0), "--t2Ms=" << cfg.t2Ms << " must be >= 0");
    NS_ABORT_MSG_IF(cfg.shots == 0, "--shots must be at least 1");
    RngSeedManager::SetSeed(seed);

    const double f = cfg.pairFidelity;
    const double q = (1 - f) / 3;
    const bool ideal = cfg.twoQubitDepolarizing == 0 && cfg.t2Ms == 0;
    std::vector<RunResult> runs;
    std::vector<std::string> settingNames;
    double measured = 0;
    double stdErr = 0;
    double predicted = 0;
    if (algorithm == "ghz")
    {
        const uint32_t n = cfg.nodes;
        double variance = 0;
        for (uint32_t setting = 0; setting <= n; ++setting)
        {
            RngSeedManager::SetRun(run + setting * 1000);
            const bool z = setting == n;
            const double phi = z ? 0 : setting * M_PI / n;
            const MeasurementBasis basis
                = z ? MeasurementBasis::ZBasis() : MeasurementBasis::Bloch(M_PI / 2, phi);
            runs.push_back(RunCircuit(DistributedCircuit::Ghz(n, true, basis), cfg));
            settingNames.push_back(
                z ? "Z" : "phi=" + std::to_string(setting) + "pi/" + std::to_string(n));
            const RunResult& r = runs.back();
            double sum = 0;
            for (const auto& o : r.outcomes)
            {
                if (z)
                {
                    bool same = true;
                    for (int32_t b : o)
                    {
                        same = same && b == o[0];
                    }
                    sum += same ? 1 : 0;
                }
                else
                {
                    int parity = 1;
                    for (int32_t b : o)
                    {
                        parity *= b ? -1 : 1;
                    }
                    sum += parity;
                }
            }
            const double shots = std::max<size_t>(1, r.outcomes.size());
            const double mean = sum / shots;
            if (z)
            {
                measured += mean / 2;
                variance += mean * (1 - mean) / shots / 4;
            }
            else
            {
                measured += ((setting % 2 == 0) ? 1 : -1) * mean / (2 * n);
                variance += (1 - mean * mean) / shots / (4.0 * n * n);
            }
        }
        stdErr = std::sqrt(variance);
        predicted = (std::pow(f + q, n - 1) + std::pow(f - q, n - 1)) / 2;
    }
    else
    {
        RngSeedManager::SetRun(run);
        runs.push_back(RunCircuit(DistributedCircuit::BernsteinVazirani(secret, cfg.nodes), cfg));
        settingNames.push_back("Z");
        uint32_t ok = 0;
        for (const auto& o : runs.back().outcomes)
        {
            ok += Bits(o) == secret ? 1 : 0;
        }
        const double shots = std::max<size_t>(1, runs.back().outcomes.size());
        measured = ok / shots;
        stdErr = std::sqrt(measured * (1 - measured) / shots);
        uint32_t ones = 0;
        for (char ch : secret)
        {
            ones += ch == '1';
        }
        predicted = std::pow((1 + 2 * f) / 3, ones);
    }

    uint32_t pairs = 0;
    uint32_t totalShots = 0;
    double latencySum = 0;
    for (const auto& r : runs)
    {
        pairs += r.pairs;
        totalShots += r.outcomes.size();
        for (double l : r.latency)
        {
            latencySum += l;
        }
    }
    const double meanLatency = latencySum / std::max<uint32_t>(1, totalShots);
    const std::string quantity = algorithm == "ghz" ? "GHZ fidelity" : "success probability";
    std::cout << "Distributed quantum computing: " << algorithm << " over " << cfg.nodes << " nodes"
              << (algorithm == "bv" ? " (secret " + secret + ")" : "") << "\n"
              << "  pair fidelity           " << f << " (Werner)\n"
              << "  classical link delay    " << cfg.linkDelayMs << " ms\n"
              << "  shots                   " << totalShots << "\n"
              << "  measured " << std::left << std::setw(15) << quantity << measured << " +- "
              << stdErr << "\n"
              << "  predicted " << std::setw(14) << quantity << predicted
              << (ideal ? "" : " (Werner pairs only: gate and memory noise not included)") << "\n"
              << "  pairs used              " << pairs << "\n"
              << "  mean latency per shot   " << meanLatency << " s\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "setting,shot,outcomes,latency_s\n";
        for (size_t s = 0; s < runs.size(); ++s)
        {
            for (size_t i = 0; i < runs[s].outcomes.size(); ++i)
            {
                csv << settingNames[s] << "," << i << "," << Bits(runs[s].outcomes[i]) << ","
                    << std::setprecision(12) << runs[s].latency[i] << "\n";
            }
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'shot'\nset ylabel 'latency (s)'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 2:4 with points title "
           << "'shot latency'\n";
    }
    std::ostringstream json;
    json << std::setprecision(10) << "{\"algorithm\":\"" << algorithm
         << "\",\"nodes\":" << cfg.nodes << ",\"pairFidelity\":" << f
         << ",\"shots\":" << totalShots;
    if (algorithm == "ghz")
    {
        json << ",\"ghzFidelity\":" << measured << ",\"ghzFidelityStdErr\":" << stdErr
             << ",\"predictedGhzFidelity\":" << predicted;
    }
    else
    {
        json << ",\"secret\":\"" << secret << "\",\"successProbability\":" << measured
             << ",\"successProbabilityStdErr\":" << stdErr
             << ",\"predictedSuccessProbability\":" << predicted;
    }
    json << ",\"pairsUsed\":" << pairs << ",\"meanLatencySeconds\":" << meanLatency << "}";
    std::cout << json.str() << std::endl;
    return 0;
}
