/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Reproduction: repeater waiting time against the number of segments
// (abstract links of success probability p per attempt), simulation against
// exact theory (Shchukin, Schmidt, van Loock, PRA 100, 032322 (2019); Brand,
// Coopmans, Elkouss, IEEE JSAC 38, 619 (2020)):
//  - deterministic swaps (swap-ASAP, n = 1 ... maxSegments): the waiting time
//    is the maximum of n geometric variables,
//    E = sum_{k=1}^{n} C(n,k) (-1)^(k+1) / (1 - (1-p)^k);
//  - probabilistic swaps (success ps) with nested doubling over n = 1, 2, 4,
//    8 segments: the exact absorbing Markov chain (RepeaterAnalytics).
// Waiting times are in attempt periods, the first attempt counting as 1.
//
//   ./quantum-waiting-time-example --p=0.3 --swapProbability=0.5
//       --deliveries=5000 --outputPrefix=waiting && gnuplot waiting.gnuplot
//   (one command line; waiting.png is the figure)

#include "ns3/core-module.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/repeater-analytics.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** One point of the figure. */
struct Point
{
    std::string scheme;  //!< SwapAsap or Doubling
    uint32_t segments;   //!< n
    double ps;           //!< swap success probability
    double mean;         //!< simulated mean waiting time (attempts)
    double stdError;     //!< its standard error
    double theory;       //!< exact value
    uint32_t deliveries; //!< samples
};

/** Samples collected by the Delivered trace. */
struct Samples
{
    std::vector<double> wait; //!< waiting times in attempts
    uint32_t wanted = 0;      //!< stop after this many
    Time period;              //!< attempt period
};

/**
 * @param s the samples
 * @param d the delivery
 * @param f its true fidelity (unused)
 */
void
OnDelivered(Samples* s, const RepeaterDelivery& d, double f)
{
    s->wait.push_back((d.completionTime - d.roundStart).GetSeconds() / s->period.GetSeconds());
    if (s->wait.size() >= s->wanted)
    {
        Simulator::Stop();
    }
}

/**
 * Run one chain of n segments and collect the waiting times.
 * @param n segments
 * @param scheme SwapAsap or Doubling
 * @param p link success probability
 * @param ps swap success probability
 * @param deliveries samples
 * @param seed RNG seed
 * @param run RNG run
 * @return the samples
 */
std::vector<double>
RunChain(uint32_t n,
         const std::string& scheme,
         double p,
         double ps,
         uint32_t deliveries,
         uint32_t seed,
         uint32_t run)
{
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    NodeContainer nodes;
    nodes.Create(n + 1);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
    qnh.Install(nodes);
    QuantumRepeaterHelper h;
    Samples s;
    s.period = MilliSeconds(1);
    s.wanted = deliveries;
    h.SetLinkAttribute("AttemptPeriod", TimeValue(s.period));
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetSwapperAttribute("SuccessProbability", DoubleValue(ps));
    h.SetPolicyAttribute("Scheme", StringValue(scheme));
    h.SetClassicalLink(DataRate("10Gbps"), Time(0));
    RepeaterChain chain = h.InstallChain(nodes);
    int64_t stream = 100;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
    chain.First()->TraceConnectWithoutContext("Delivered", MakeBoundCallback(&OnDelivered, &s));
    chain.Last()->SetDeliveryCallback(MakeCallback(+[](const RepeaterDelivery&) {
        return false;
    }));
    Simulator::Run();
    Simulator::Destroy();
    return s.wait;
}

/**
 * @param v samples
 * @param mean [out] their mean
 * @param se [out] the standard error of the mean
 */
void
MeanAndError(const std::vector<double>& v, double& mean, double& se)
{
    mean = 0;
    for (double x : v)
    {
        mean += x;
    }
    mean /= v.size();
    double ss = 0;
    for (double x : v)
    {
        ss += (x - mean) * (x - mean);
    }
    se = v.size() > 1 ? std::sqrt(ss / (v.size() - 1) / v.size()) : 0.0;
}

} // namespace

int
main(int argc, char* argv[])
{
    double p = 0.3;
    double swapProbability = 0.5;
    uint32_t maxSegments = 8;
    uint32_t deliveries = 200;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("p", "link success probability per attempt, in (0, 1]", p);
    cmd.AddValue("swapProbability",
                 "swap success probability of the probabilistic series, in (0, 1]",
                 swapProbability);
    cmd.AddValue("maxSegments", "largest number of segments, 1 to 8", maxSegments);
    cmd.AddValue("deliveries", "end-to-end pairs per point", deliveries);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix", "write <prefix>.csv and <prefix>.gnuplot", outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--p = " << p << " is invalid (valid range (0, 1])");
    NS_ABORT_MSG_IF(!(swapProbability > 0 && swapProbability <= 1),
                    "--swapProbability = " << swapProbability
                                           << " is invalid (valid range (0, 1])");
    NS_ABORT_MSG_IF(maxSegments < 1 || maxSegments > 8,
                    "--maxSegments = " << maxSegments << " is invalid (valid range 1 to 8)");
    NS_ABORT_MSG_IF(deliveries < 2, "--deliveries = " << deliveries << " must be at least 2");

    const auto wall0 = std::chrono::steady_clock::now();
    std::vector<Point> points;
    for (uint32_t n = 1; n <= maxSegments; ++n)
    {
        const auto w = RunChain(n, "SwapAsap", p, 1.0, deliveries, seed, run);
        Point pt{"SwapAsap", n, 1.0, 0, 0, RepeaterAnalytics::MeanMaxGeometric(n, p), deliveries};
        MeanAndError(w, pt.mean, pt.stdError);
        points.push_back(pt);
    }
    for (uint32_t level = 0; (1u << level) <= maxSegments; ++level)
    {
        const uint32_t n = 1u << level;
        const auto w = RunChain(n, "Doubling", p, swapProbability, deliveries, seed, run);
        Point pt{"Doubling",
                 n,
                 swapProbability,
                 0,
                 0,
                 RepeaterAnalytics::DoublingMeanWait(level, p, swapProbability),
                 deliveries};
        MeanAndError(w, pt.mean, pt.stdError);
        points.push_back(pt);
    }
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    std::cout << "Repeater waiting time against the number of segments, p = " << p << ", "
              << deliveries << " deliveries per point\n"
              << "  scheme    n   ps    simulated (attempts)    exact theory   deviation\n";
    double maxSigma = 0;
    for (const auto& pt : points)
    {
        const double sigma = pt.stdError > 0 ? std::abs(pt.mean - pt.theory) / pt.stdError : 0;
        maxSigma = std::max(maxSigma, sigma);
        std::cout << "  " << std::left << std::setw(9) << pt.scheme << std::right << std::setw(2)
                  << pt.segments << "  " << std::setw(4) << pt.ps << "  " << std::setw(9)
                  << std::setprecision(5) << pt.mean << " +- " << std::setw(7) << pt.stdError
                  << "   " << std::setw(10) << pt.theory << "   " << std::setprecision(2) << sigma
                  << " sigma\n"
                  << std::setprecision(6);
    }
    std::cout << "  largest deviation " << maxSigma << " standard errors (" << wall << " wall s)\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        csv << "scheme,segments,swapProbability,meanWaitAttempts,stdError,theoryAttempts,"
               "deliveries\n";
        for (const auto& pt : points)
        {
            csv << pt.scheme << "," << pt.segments << "," << pt.ps << "," << std::setprecision(10)
                << pt.mean << "," << pt.stdError << "," << pt.theory << "," << pt.deliveries
                << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 900,600\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set title 'Repeater waiting time, p = " << p << "'\n"
           << "set xlabel 'number of segments n'\n"
           << "set ylabel 'mean waiting time (attempts)'\n"
           << "set logscale y\nset key top left\nset xrange [0.5:" << maxSegments + 0.5 << "]\n"
           << "plot '" << outputPrefix
           << ".csv' using (strcol(1) eq 'SwapAsap' ? $2 : 1/0):6 with linespoints lt 1 dt 2 "
              "title 'deterministic swaps: exact E[max of n geometrics]', \\\n"
           << "     '' using (strcol(1) eq 'SwapAsap' ? $2 : 1/0):4:5 with yerrorbars lt 1 pt 7 "
              "title 'deterministic swaps: simulated (swap-ASAP)', \\\n"
           << "     '' using (strcol(1) eq 'Doubling' ? $2 : 1/0):6 with linespoints lt 2 dt 2 "
              "title 'nested doubling, p_s = "
           << swapProbability << ": exact Markov chain', \\\n"
           << "     '' using (strcol(1) eq 'Doubling' ? $2 : 1/0):4:5 with yerrorbars lt 2 pt 5 "
              "title 'nested doubling: simulated'\n";
        std::cout << "  wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::ostringstream json;
    json << std::setprecision(10) << "{\"p\":" << p << ",\"swapProbability\":" << swapProbability
         << ",\"deliveries\":" << deliveries << ",\"points\":[";
    for (size_t i = 0; i < points.size(); ++i)
    {
        const auto& pt = points[i];
        json << (i ? "," : "") << "{\"scheme\":\"" << pt.scheme << "\",\"segments\":" << pt.segments
             << ",\"swapProbability\":" << pt.ps << ",\"meanWait\":" << pt.mean
             << ",\"stdError\":" << pt.stdError << ",\"theory\":" << pt.theory << "}";
    }
    json << "],\"maxDeviationSigma\":" << maxSigma << ",\"wallSeconds\":" << wall << "}";
    std::cout << json.str() << std::endl;
    return 0;
}
