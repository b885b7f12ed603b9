/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 *
 * Quantum Internet Alliance stage 5, "few-qubit fault-tolerant networks"
 * (S. Wehner, D. Elkouss, R. Hanson, Science 362, eaam9288 (2018)): a node's
 * memory holds a logical qubit of a small error-correcting code, protected by
 * syndrome extraction and correction, and the logical error rate beats the
 * physical one below a (pseudo-)threshold.
 *
 * One ns-3 node carries a QuantumMemory, a QuantumProcessor and a
 * LogicalQubitMemory.  For each physical error rate p of a logarithmic grid
 * three experiments of --trials shots each are run:
 *  - BitFlip3, code capacity: X flips of probability p on each data qubit,
 *    one perfect round, Z readout; exact p_L = 3p^2(1-p) + p^3;
 *  - Steane7, code capacity: independent X and Z flips of probability p,
 *    one perfect round, Z readout; exact p_L = 21p^2q^5 + 7p^3q^4 +
 *    28p^4q^3 + 7p^6q + p^7 (q = 1 - p, doc/error-correction.rst);
 *  - BitFlip3, phenomenological: --rounds rounds, before each the data idle
 *    for --roundIntervalUs with PhysicalT1 chosen so that the Pauli-twirled
 *    decay flips a qubit with probability p per round, and every measurement
 *    (ancillas and final data readout) is wrong with probability p.  It is
 *    compared with one bare physical qubit stored as long:
 *    p_phys = (1 - (1 - 2p)^R) / 2.
 * The pseudo-threshold of each curve is where p_L crosses the physical error
 * (linear interpolation of log(p_L / p_phys) in log p between grid points).
 *
 * Run: ./quantum-internet-stage5-example --trials=4000 --outputPrefix=stage5
 * The last line of stdout is a JSON summary.
 */

#include "ns3/core-module.h"
#include "ns3/logical-qubit-memory.h"
#include "ns3/network-module.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("QuantumInternetStage5Example");

namespace
{

uint32_t g_outcome = 0; //!< last logical readout

/**
 * Readout callback.
 * @param o decoded logical outcome
 */
void
RecordOutcome(uint32_t o)
{
    g_outcome = o;
}

/**
 * @param p flip probability
 * @return 3p^2(1-p) + p^3
 */
double
RepetitionPl(double p)
{
    return 3 * p * p * (1 - p) + p * p * p;
}

/**
 * @param p flip probability
 * @return the exact Steane code-capacity p_L with the lookup decoder
 */
double
SteanePl(double p)
{
    const double q = 1 - p;
    return 21 * std::pow(p, 2) * std::pow(q, 5) + 7 * std::pow(p, 3) * std::pow(q, 4)
           + 28 * std::pow(p, 4) * std::pow(q, 3) + 7 * std::pow(p, 6) * q + std::pow(p, 7);
}

/**
 * Run shots of one experiment and count logical errors.
 * @param lqm the logical memory
 * @param shots number of shots
 * @param noise applied after encoding
 * @param rounds syndrome rounds
 * @return the fraction of shots that read 1 (|0_L> was encoded)
 */
double
LogicalErrorRate(Ptr<LogicalQubitMemory> lqm,
                 uint32_t shots,
                 const std::function<void()>& noise,
                 uint32_t rounds)
{
    uint32_t fails = 0;
    for (uint32_t k = 0; k < shots; ++k)
    {
        lqm->Encode(LogicalQubitMemory::ZERO, Callback<void>());
        Simulator::Run();
        if (noise)
        {
            noise();
        }
        lqm->RunRounds(rounds, Callback<void>());
        Simulator::Run();
        lqm->ReadOut(MeasurementBasis::ZBasis(), MakeCallback(&RecordOutcome));
        Simulator::Run();
        fails += g_outcome;
    }
    return double(fails) / shots;
}

/**
 * @param ps physical error grid
 * @param pl logical error rates
 * @param phys physical comparison values
 * @return the crossing p (NaN if none in the grid)
 */
double
Crossing(const std::vector<double>& ps,
         const std::vector<double>& pl,
         const std::vector<double>& phys)
{
    for (size_t i = 0; i + 1 < ps.size(); ++i)
    {
        if (pl[i] <= 0 || pl[i + 1] <= 0)
        {
            continue;
        }
        const double a = std::log(pl[i] / phys[i]);
        const double b = std::log(pl[i + 1] / phys[i + 1]);
        if (a < 0 && b >= 0)
        {
            const double la = std::log(ps[i]);
            const double lb = std::log(ps[i + 1]);
            return std::exp(la + (lb - la) * (-a) / (b - a));
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

/**
 * @param x a number
 * @return JSON text (null for NaN)
 */
std::string
Json(double x)
{
    if (std::isnan(x))
    {
        return "null";
    }
    std::ostringstream s;
    s << std::setprecision(6) << x;
    return s.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t trials = 2000;
    uint32_t points = 10;
    double pMin = 0.005;
    double pMax = 0.7;
    uint32_t rounds = 3;
    double roundIntervalUs = 100;
    double referenceP = 0.01;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("trials", "Shots per point and experiment", trials);
    cmd.AddValue("points", "Points of the logarithmic p grid", points);
    cmd.AddValue("pMin", "Smallest physical error probability", pMin);
    cmd.AddValue("pMax", "Largest physical error probability (< 1)", pMax);
    cmd.AddValue("rounds", "Syndrome rounds of the phenomenological experiment", rounds);
    cmd.AddValue("roundIntervalUs",
                 "Idle time before each round, in microseconds",
                 roundIntervalUs);
    cmd.AddValue("referenceP",
                 "Physical error rate at which p_L is reported in the JSON",
                 referenceP);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(trials == 0, "--trials must be >= 1");
    NS_ABORT_MSG_IF(points < 2, "--points must be >= 2");
    NS_ABORT_MSG_IF(!(pMin > 0 && pMax > pMin && pMax < 1),
                    "--pMin and --pMax must satisfy 0 < pMin < pMax < 1");
    NS_ABORT_MSG_IF(rounds == 0, "--rounds must be >= 1");
    NS_ABORT_MSG_IF(!(roundIntervalUs > 0), "--roundIntervalUs must be > 0");
    NS_ABORT_MSG_IF(!(referenceP > 0 && referenceP < 0.5), "--referenceP must be in (0, 0.5)");

    // One node: memory (13 slots: 7 data + 6 ancillas), processor, logical memory.
    Ptr<Node> node = CreateObject<Node>();
    Ptr<QuantumMemory> mem = CreateObject<QuantumMemory>();
    mem->SetAttribute("NumSlots", UintegerValue(13));
    Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
    node->AggregateObject(mem);
    node->AggregateObject(proc);
    Ptr<LogicalQubitMemory> rep = CreateObject<LogicalQubitMemory>();
    rep->SetAttribute("Code", StringValue("BitFlip3"));
    rep->SetAttribute("Processor", PointerValue(proc));
    Ptr<LogicalQubitMemory> steane = CreateObject<LogicalQubitMemory>();
    steane->SetAttribute("Code", StringValue("Steane7"));
    steane->SetAttribute("Processor", PointerValue(proc));
    QuantumStateRegistry::GetDefault()->AssignStreams(1);
    proc->AssignStreams(2);
    mem->AssignStreams(3);

    std::vector<double> ps;
    for (uint32_t i = 0; i < points; ++i)
    {
        ps.push_back(pMin * std::pow(pMax / pMin, double(i) / (points - 1)));
    }
    std::vector<double> repSim;
    std::vector<double> steaneSim;
    std::vector<double> phenoSim;
    std::vector<double> phenoPhys;
    const double tauS = roundIntervalUs * 1e-6;
    auto runPoint = [&](double p, double& r, double& s, double& ph, double& phys) {
        r = LogicalErrorRate(
            rep,
            trials,
            [&]() {
                rep->ApplyDataNoise(p, 0, 0);
            },
            1);
        s = LogicalErrorRate(
            steane,
            trials,
            [&]() {
                steane->ApplyDataNoise(p * (1 - p), p * p, p * (1 - p));
            },
            1);
        // Phenomenological: twirled T1 decay flips (X or Y) with (1 - e^{-tau/T1})/2 = p.
        ph = std::numeric_limits<double>::quiet_NaN();
        phys = (1 - std::pow(1 - 2 * p, rounds)) / 2;
        if (p < 0.5)
        {
            const double t1 = -tauS / std::log(1 - 2 * p);
            rep->SetAttribute("RoundInterval", TimeValue(Seconds(tauS)));
            rep->SetAttribute("PhysicalT1", TimeValue(Seconds(t1)));
            proc->SetAttribute("MeasurementError", DoubleValue(p));
            ph = LogicalErrorRate(rep, trials, nullptr, rounds);
            proc->SetAttribute("MeasurementError", DoubleValue(0.0));
            rep->SetAttribute("RoundInterval", TimeValue(Seconds(0)));
            rep->SetAttribute("PhysicalT1", TimeValue(Seconds(0)));
        }
    };

    std::cout << "QIA stage 5: a logical qubit in one node's memory (" << trials
              << " shots per point)\n"
              << std::setw(10) << "p" << std::setw(12) << "rep sim" << std::setw(12) << "rep exact"
              << std::setw(12) << "steane sim" << std::setw(13) << "steane exact" << std::setw(12)
              << "pheno sim" << std::setw(12) << "pheno phys"
              << "\n";
    for (double p : ps)
    {
        double r;
        double s;
        double ph;
        double phys;
        runPoint(p, r, s, ph, phys);
        repSim.push_back(r);
        steaneSim.push_back(s);
        phenoSim.push_back(ph);
        phenoPhys.push_back(phys);
        std::cout << std::setw(10) << std::setprecision(4) << p << std::setw(12) << r
                  << std::setw(12) << RepetitionPl(p) << std::setw(12) << s << std::setw(13)
                  << SteanePl(p) << std::setw(12) << ph << std::setw(12) << phys << "\n";
    }
    double refRep;
    double refSteane;
    double refPheno;
    double refPhys;
    runPoint(referenceP, refRep, refSteane, refPheno, refPhys);

    std::vector<double> pDiag(ps);
    std::vector<double> phenoX;
    std::vector<double> phenoL;
    std::vector<double> phenoP;
    for (size_t i = 0; i < ps.size(); ++i)
    {
        if (!std::isnan(phenoSim[i]))
        {
            phenoX.push_back(ps[i]);
            phenoL.push_back(phenoSim[i]);
            phenoP.push_back(phenoPhys[i]);
        }
    }
    const double thRep = Crossing(ps, repSim, pDiag);
    const double thSteane = Crossing(ps, steaneSim, pDiag);
    const double thPheno = Crossing(phenoX, phenoL, phenoP);
    std::cout << "pseudo-threshold (p_L = p): BitFlip3 " << Json(thRep) << " (exact 0.5), Steane7 "
              << Json(thSteane) << " (exact 0.0646)\n"
              << "pseudo-threshold with " << rounds
              << " noisy rounds (p_L = bare qubit stored as long): BitFlip3 " << Json(thPheno)
              << "\n"
              << "at p = " << referenceP << ": Steane7 p_L = " << refSteane << " (exact "
              << SteanePl(referenceP) << "), BitFlip3 p_L = " << refRep << " (exact "
              << RepetitionPl(referenceP) << ")\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "p,repSim,repExact,steaneSim,steaneExact,phenoSim,phenoPhys\n";
        for (size_t i = 0; i < ps.size(); ++i)
        {
            csv << ps[i] << "," << repSim[i] << "," << RepetitionPl(ps[i]) << "," << steaneSim[i]
                << "," << SteanePl(ps[i]) << "," << (std::isnan(phenoSim[i]) ? -1 : phenoSim[i])
                << "," << phenoPhys[i] << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal pngcairo size 800,600\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set logscale xy\n"
           << "set xlabel 'physical error probability p'\n"
           << "set ylabel 'logical error probability p_L'\n"
           << "set key top left\n"
           << "set title 'QIA stage 5: logical vs physical error rate'\n"
           << "plot x title 'p_L = p' lw 2 lc 'black', \\\n"
           << "     '" << outputPrefix
           << ".csv' every ::1 using 1:2 title 'BitFlip3 sim' pt 7, \\\n"
           << "     '' every ::1 using 1:3 with lines title 'BitFlip3 exact', \\\n"
           << "     '' every ::1 using 1:4 title 'Steane7 sim' pt 5, \\\n"
           << "     '' every ::1 using 1:5 with lines title 'Steane7 exact', \\\n"
           << "     '' every ::1 using 1:($6 > 0 ? $6 : 1/0) title 'BitFlip3 " << rounds
           << " noisy rounds' pt 9, \\\n"
           << "     '' every ::1 using 1:7 with lines dt 2 title 'bare qubit, " << rounds
           << " rounds'\n";
        std::cout << "wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::cout << "{\"example\":\"quantum-internet-stage5\",\"trials\":" << trials
              << ",\"pseudoThresholdBitFlip3\":" << Json(thRep)
              << ",\"pseudoThresholdSteane7\":" << Json(thSteane)
              << ",\"pseudoThresholdBitFlip3Phenomenological\":" << Json(thPheno)
              << ",\"referenceP\":" << Json(referenceP) << ",\"pLSteane7\":" << Json(refSteane)
              << ",\"pLSteane7Exact\":" << Json(SteanePl(referenceP))
              << ",\"pLBitFlip3\":" << Json(refRep)
              << ",\"pLBitFlip3Exact\":" << Json(RepetitionPl(referenceP))
              << ",\"pLBitFlip3Phenomenological\":" << Json(refPheno)
              << ",\"pPhysPhenomenological\":" << Json(refPhys) << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
