/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 *
 * Flagship state-engine demo: a Bell pair |Phi+> is created at t = 0 and
 * one or both halves are stored in memories with relaxation time T1 and
 * coherence time T2.  Probe events scheduled in the ns-3 event loop read the
 * pair's fidelity at regular times; the memory decay is applied lazily, from
 * the time stamp of the previous access, exactly as a QuantumMemory will.
 * The fidelity is printed next to the closed form
 *   both halves stored: F = (1 + g^2 + (1-g)^2)/4 + exp(-2t/T2)/2,
 *   one half stored:    F = (2 - g)/4 + exp(-t/T2)/2,   g = 1 - exp(-t/T1).
 *
 * Run: ./quantum-bell-memory-example --t2Seconds=0.5 --storageSeconds=1
 * The last line of stdout is a JSON summary.
 */

#include "ns3/bell-state.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("QuantumBellMemoryExample");

namespace
{

/** One stored pair and the time its halves were last touched. */
struct StoredPair
{
    QubitHandle a;   //!< first half
    QubitHandle b;   //!< second half
    Time lastAccess; //!< when decay was last applied
};

/** Example state shared by the scheduled probes. */
struct Demo
{
    Ptr<QuantumStateRegistry> registry; //!< the state engine
    std::vector<StoredPair> pairs;      //!< the stored pairs (several in trajectory mode)
    double t1;                          //!< T1 in seconds
    double t2;                          //!< T2 in seconds
    bool storeBoth;                     //!< both halves decay, or only b
    std::vector<double> times;          //!< probe times
    std::vector<double> simulated;      //!< measured mean fidelity
    std::vector<double> standardErrors; //!< standard error of the mean (trajectories)
    std::vector<double> closedForm;     //!< closed form
};

/**
 * @param d the demo
 * @param t time in seconds
 * @return the closed-form fidelity
 */
double
ClosedForm(const Demo& d, double t)
{
    const double g = std::isinf(d.t1) ? 0.0 : 1 - std::exp(-t / d.t1);
    if (d.storeBoth)
    {
        return 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * std::exp(-2 * t / d.t2);
    }
    return 0.25 * (2 - g) + 0.5 * std::exp(-t / d.t2);
}

/**
 * Probe event: bring each stored qubit up to date (lazy decay since the
 * last access) and record the fidelity with |Phi+>.
 * @param d the demo
 */
void
Probe(Demo* d)
{
    const Time now = Simulator::Now();
    const QVector phiPlus = BellStateVector(BellState::PHI_PLUS);
    double sum = 0;
    double sum2 = 0;
    for (auto& p : d->pairs)
    {
        const double dt = (now - p.lastAccess).GetSeconds();
        if (d->storeBoth)
        {
            d->registry->ApplyMemoryDecay(p.a, dt, d->t1, d->t2);
        }
        d->registry->ApplyMemoryDecay(p.b, dt, d->t1, d->t2);
        p.lastAccess = now;
        const double f = d->registry->GetFidelity({p.a, p.b}, phiPlus);
        sum += f;
        sum2 += f * f;
    }
    const double n = d->pairs.size();
    const double mean = sum / n;
    const double se = n > 1 ? std::sqrt(std::max(0.0, sum2 / n - mean * mean) / (n - 1)) : 0.0;
    d->times.push_back(now.GetSeconds());
    d->simulated.push_back(mean);
    d->standardErrors.push_back(se);
    d->closedForm.push_back(ClosedForm(*d, now.GetSeconds()));
}

/**
 * @param x a number
 * @return its shortest round-trip decimal form
 */
std::string
DoubleToString(double x)
{
    std::ostringstream s;
    s << std::setprecision(10) << x;
    return s.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    double t1Seconds = 0;
    double t2Seconds = 0.5;
    double storageSeconds = 1.0;
    uint32_t steps = 10;
    bool storeBoth = true;
    std::string formalism = "dm";
    uint32_t trajectories = 2000;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("t1Seconds", "Memory relaxation time T1 in seconds (0: no relaxation)", t1Seconds);
    cmd.AddValue("t2Seconds", "Memory coherence time T2 in seconds", t2Seconds);
    cmd.AddValue("storageSeconds", "Total storage time in seconds", storageSeconds);
    cmd.AddValue("steps", "Number of probe times after t = 0", steps);
    cmd.AddValue("storeBoth", "Store both halves (true) or only one (false)", storeBoth);
    cmd.AddValue("formalism",
                 "dm (density matrix), bd (Bell-diagonal) or sv (state-vector trajectories)",
                 formalism);
    cmd.AddValue("trajectories", "Number of pairs averaged in sv mode", trajectories);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(storageSeconds >= 0),
                    "--storageSeconds=" << storageSeconds << " must be >= 0");
    NS_ABORT_MSG_IF(steps == 0, "--steps must be >= 1");
    NS_ABORT_MSG_IF(t1Seconds < 0,
                    "--t1Seconds=" << t1Seconds << " must be >= 0 (0: no relaxation)");
    if (t1Seconds == 0)
    {
        t1Seconds = std::numeric_limits<double>::infinity();
    }
    QuantumFormalism f;
    if (formalism == "dm")
    {
        f = QuantumFormalism::DENSITY_MATRIX;
    }
    else if (formalism == "bd")
    {
        f = QuantumFormalism::BELL_DIAGONAL;
    }
    else if (formalism == "sv")
    {
        f = QuantumFormalism::STATE_VECTOR;
    }
    else
    {
        NS_FATAL_ERROR("--formalism=" << formalism << " is not one of dm, bd, sv");
    }
    NS_ABORT_MSG_IF(f == QuantumFormalism::STATE_VECTOR && trajectories < 2,
                    "--trajectories=" << trajectories << " must be >= 2 in sv mode");

    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    Demo d;
    d.registry = CreateObject<QuantumStateRegistry>();
    d.registry->AssignStreams(0);
    d.t1 = t1Seconds;
    d.t2 = t2Seconds;
    d.storeBoth = storeBoth;
    // Validate T1/T2 once, with the engine's own message, before scheduling.
    KrausChannel::MemoryDecay(0, t1Seconds, t2Seconds);

    const uint32_t n = (f == QuantumFormalism::STATE_VECTOR) ? trajectories : 1;
    for (uint32_t i = 0; i < n; ++i)
    {
        auto [a, b] = d.registry->CreateBellPair(BellState::PHI_PLUS, f);
        d.pairs.push_back(StoredPair{a, b, Seconds(0)});
    }
    for (uint32_t k = 0; k <= steps; ++k)
    {
        Simulator::Schedule(Seconds(storageSeconds * k / steps), &Probe, &d);
    }
    Simulator::Run();
    Simulator::Destroy();

    std::cout << "Bell pair |Phi+> in memory: T1 = " << t1Seconds << " s, T2 = " << t2Seconds
              << " s, " << (storeBoth ? "both halves" : "one half") << " stored, formalism "
              << QuantumFormalismName(f);
    if (n > 1)
    {
        std::cout << " (" << n << " trajectories)";
    }
    std::cout << "\n";
    std::cout << std::setw(12) << "time_s" << std::setw(14) << "fidelity" << std::setw(14)
              << "closed_form" << std::setw(14) << "std_error"
              << "\n";
    double maxErr = 0;
    double maxSigmas = 0;
    for (size_t i = 0; i < d.times.size(); ++i)
    {
        std::cout << std::setw(12) << d.times[i] << std::setw(14) << std::setprecision(8)
                  << d.simulated[i] << std::setw(14) << d.closedForm[i] << std::setw(14)
                  << d.standardErrors[i] << std::setprecision(6) << "\n";
        const double err = std::abs(d.simulated[i] - d.closedForm[i]);
        maxErr = std::max(maxErr, err);
        if (d.standardErrors[i] > 0)
        {
            maxSigmas = std::max(maxSigmas, err / d.standardErrors[i]);
        }
    }

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "time_s,fidelity,closed_form,std_error\n";
        for (size_t i = 0; i < d.times.size(); ++i)
        {
            csv << d.times[i] << "," << d.simulated[i] << "," << d.closedForm[i] << ","
                << d.standardErrors[i] << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal pngcairo size 800,500\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set xlabel 'storage time (s)'\nset ylabel 'fidelity with |Phi+>'\n"
           << "set key top right\n"
           << "plot '" << outputPrefix
           << ".csv' using 1:3 every ::1 with lines title 'closed form', \\\n"
           << "     '" << outputPrefix
           << ".csv' using 1:2 every ::1 with points pt 7 title 'simulated'\n";
        std::cout << "wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::ostringstream json;
    json << std::setprecision(10) << "{\"example\":\"quantum-bell-memory\",\"formalism\":\""
         << QuantumFormalismName(f) << "\",\"t1Seconds\":"
         << (std::isinf(t1Seconds) ? std::string("null") : DoubleToString(t1Seconds))
         << ",\"t2Seconds\":" << t2Seconds << ",\"storeBoth\":" << (storeBoth ? "true" : "false")
         << ",\"storageSeconds\":" << storageSeconds << ",\"pairs\":" << n
         << ",\"finalFidelity\":" << d.simulated.back()
         << ",\"closedFormFidelity\":" << d.closedForm.back() << ",\"maxAbsError\":" << maxErr
         << ",\"maxErrorInStandardErrors\":" << maxSigmas << "}";
    std::cout << json.str() << std::endl;
    return 0;
}
