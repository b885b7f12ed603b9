/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Reproduction: memory-limited entanglement distribution over two segments
// (abstract links of success probability p per attempt and Werner fidelity
// F0, a repeater in the middle, dephasing memories of coherence time T2, a
// storage cut-off), fidelity and rate against T2 for a few cut-offs,
// simulation against the exact closed forms of RepeaterAnalytics:
//  - the older pair waits A attempts; without cut-off A = |T1 - T2| of two
//    geometric variables with E[z^A] = p (1 + qz) / ((2 - p)(1 - qz));
//  - the delivered fidelity is linear in z^A, z = exp(-2 period / T2):
//    F = (1 - w)/4 + w [(1 - w)/4 + w (1 + z^A)/2], w = (4 F0 - 1)/3;
//  - with a cut-off of c attempts the renewal cycles give E[T] and E[z^A]
//    (Collins et al., PRL 98, 060502 (2007); Rozpedek et al., PRA 99,
//    052330 (2019)).
// The cut-off is given as a fraction of T2 (c = round(fraction T2 / period),
// at least 1), so that rate and fidelity both change with T2.
//
//   ./quantum-memory-limited-example --deliveries=3000 --points=12
//       --outputPrefix=memlimited && gnuplot memlimited.gnuplot
//   (one command line; memlimited.png is the figure)

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

/** Samples collected by the Delivered trace. */
struct Samples
{
    std::vector<double> wait;     //!< waiting times in attempts
    std::vector<double> fidelity; //!< true fidelities
    uint32_t wanted = 0;          //!< stop after this many
    Time period;                  //!< attempt period
};

/**
 * @param s the samples
 * @param d the delivery
 * @param f its true fidelity
 */
void
OnDelivered(Samples* s, const RepeaterDelivery& d, double f)
{
    s->wait.push_back((d.completionTime - d.roundStart).GetSeconds() / s->period.GetSeconds());
    s->fidelity.push_back(f);
    if (s->wait.size() >= s->wanted)
    {
        Simulator::Stop();
    }
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

/** One point of the figure. */
struct Point
{
    double t2Seconds;      //!< memory T2
    double fraction;       //!< cut-off / T2 (0: none)
    uint32_t cutoff;       //!< cut-off in attempts (0: none)
    double fidelity;       //!< simulated mean fidelity
    double fidelityError;  //!< its standard error
    double fidelityTheory; //!< closed form
    double wait;           //!< simulated mean waiting time (attempts)
    double waitError;      //!< its standard error
    double waitTheory;     //!< closed form
    double rateHz;         //!< 1 / (mean waiting time x period)
    double rateTheoryHz;   //!< closed form
};

} // namespace

int
main(int argc, char* argv[])
{
    double p = 0.1;
    double linkFidelity = 0.95;
    double periodMs = 1.0;
    double t2MinPeriods = 2;
    double t2MaxPeriods = 500;
    uint32_t points = 4;
    std::string cutoffFractions = "0,1,0.2";
    uint32_t deliveries = 150;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("p", "link success probability per attempt, in (0, 1]", p);
    cmd.AddValue("linkFidelity", "Werner fidelity of the links, in [0.25, 1]", linkFidelity);
    cmd.AddValue("periodMs", "attempt period in ms", periodMs);
    cmd.AddValue("t2MinPeriods", "smallest T2 in attempt periods", t2MinPeriods);
    cmd.AddValue("t2MaxPeriods", "largest T2 in attempt periods", t2MaxPeriods);
    cmd.AddValue("points", "T2 values (log-spaced)", points);
    cmd.AddValue("cutoffFractions",
                 "comma-separated cut-offs as fractions of T2 (0: no cut-off)",
                 cutoffFractions);
    cmd.AddValue("deliveries", "end-to-end pairs per point", deliveries);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix", "write <prefix>.csv and <prefix>.gnuplot", outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--p = " << p << " is invalid (valid range (0, 1])");
    NS_ABORT_MSG_IF(!(linkFidelity >= 0.25 && linkFidelity <= 1),
                    "--linkFidelity = " << linkFidelity << " is invalid (valid range [0.25, 1])");
    NS_ABORT_MSG_IF(!(periodMs > 0), "--periodMs = " << periodMs << " must be positive");
    NS_ABORT_MSG_IF(!(t2MinPeriods > 0 && t2MaxPeriods >= t2MinPeriods),
                    "--t2MinPeriods/--t2MaxPeriods = " << t2MinPeriods << "/" << t2MaxPeriods
                                                       << " are invalid (0 < min <= max)");
    NS_ABORT_MSG_IF(points < 1, "--points must be at least 1");
    NS_ABORT_MSG_IF(deliveries < 2, "--deliveries = " << deliveries << " must be at least 2");
    std::vector<double> fractions;
    {
        std::stringstream ss(cutoffFractions);
        std::string item;
        while (std::getline(ss, item, ','))
        {
            char* end = nullptr;
            const double f = std::strtod(item.c_str(), &end);
            NS_ABORT_MSG_IF(end == item.c_str() || *end != '\0' || !(f >= 0),
                            "--cutoffFractions: '" << item
                                                   << "' is not a number >= 0 (0: no cut-off)");
            fractions.push_back(f);
        }
        NS_ABORT_MSG_IF(fractions.empty(), "--cutoffFractions is empty");
    }

    const Time period = MicroSeconds(static_cast<int64_t>(std::llround(periodMs * 1000)));
    const auto wall0 = std::chrono::steady_clock::now();
    std::vector<Point> pts;
    for (double fraction : fractions)
    {
        for (uint32_t i = 0; i < points; ++i)
        {
            const double t2Periods = points == 1 ? t2MinPeriods
                                                 : t2MinPeriods
                                                       * std::pow(t2MaxPeriods / t2MinPeriods,
                                                                  double(i) / (points - 1));
            const double t2 = t2Periods * period.GetSeconds();
            const uint32_t c
                = fraction > 0 ? std::max<uint32_t>(1, std::lround(fraction * t2Periods)) : 0;

            RngSeedManager::SetSeed(seed);
            RngSeedManager::SetRun(run);
            NodeContainer nodes;
            nodes.Create(3);
            QuantumNodeHelper qnh;
            qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
            qnh.SetMemoryAttribute("T2", TimeValue(Seconds(t2)));
            if (c > 0)
            {
                // A pair stored at an attempt tick survives c further attempts.
                qnh.SetMemoryAttribute("CutoffTime",
                                       TimeValue(period * static_cast<int64_t>(c) + period / 2));
            }
            qnh.Install(nodes);
            QuantumRepeaterHelper h;
            h.SetLinkAttribute("AttemptPeriod", TimeValue(period));
            h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
            h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
            h.SetClassicalLink(DataRate("10Gbps"), Time(0));
            RepeaterChain chain = h.InstallChain(nodes);
            int64_t stream = 100;
            stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
            stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
            Samples s;
            s.period = period;
            s.wanted = deliveries;
            chain.First()->TraceConnectWithoutContext("Delivered",
                                                      MakeBoundCallback(&OnDelivered, &s));
            chain.Last()->SetDeliveryCallback(MakeCallback(+[](const RepeaterDelivery&) {
                return false;
            }));
            Simulator::Run();
            Simulator::Destroy();

            Point pt;
            pt.t2Seconds = t2;
            pt.fraction = fraction;
            pt.cutoff = c;
            MeanAndError(s.fidelity, pt.fidelity, pt.fidelityError);
            MeanAndError(s.wait, pt.wait, pt.waitError);
            pt.fidelityTheory
                = RepeaterAnalytics::TwoSegmentMeanFidelity(p, c, linkFidelity, 1.0 / t2Periods);
            pt.waitTheory = RepeaterAnalytics::TwoSegmentMeanWait(p, c);
            pt.rateHz = 1.0 / (pt.wait * period.GetSeconds());
            pt.rateTheoryHz = 1.0 / (pt.waitTheory * period.GetSeconds());
            pts.push_back(pt);
        }
    }
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    std::cout << "Memory-limited distribution over two segments: p = " << p << ", link fidelity "
              << linkFidelity << ", period " << periodMs << " ms, " << deliveries
              << " deliveries per point\n"
              << "  T2 (s)    cut-off        fidelity sim +- se      theory     rate sim (Hz)"
                 "   theory\n";
    double maxSigma = 0;
    for (const auto& pt : pts)
    {
        const double sf = pt.fidelityError > 0
                              ? std::abs(pt.fidelity - pt.fidelityTheory) / pt.fidelityError
                              : 0;
        const double sw = pt.waitError > 0 ? std::abs(pt.wait - pt.waitTheory) / pt.waitError : 0;
        maxSigma = std::max(maxSigma, std::max(sf, sw));
        std::ostringstream co;
        if (pt.cutoff > 0)
        {
            co << pt.cutoff << " (" << pt.fraction << " T2)";
        }
        else
        {
            co << "none";
        }
        std::cout << "  " << std::left << std::setw(9) << std::setprecision(4) << pt.t2Seconds
                  << " " << std::setw(14) << co.str() << std::right << std::setprecision(5)
                  << std::setw(8) << pt.fidelity << " +- " << std::setw(9) << pt.fidelityError
                  << "   " << std::setw(8) << pt.fidelityTheory << "   " << std::setw(10)
                  << pt.rateHz << "   " << std::setw(8) << pt.rateTheoryHz << "\n";
    }
    std::cout << std::setprecision(6) << "  largest deviation " << maxSigma << " standard errors ("
              << wall << " wall s)\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        csv << "t2Seconds,cutoffFraction,cutoffAttempts,meanFidelity,fidelityStdError,"
               "theoryFidelity,meanWaitAttempts,waitStdError,theoryWaitAttempts,rateHz,"
               "theoryRateHz\n";
        for (const auto& pt : pts)
        {
            csv << std::setprecision(10) << pt.t2Seconds << "," << pt.fraction << "," << pt.cutoff
                << "," << pt.fidelity << "," << pt.fidelityError << "," << pt.fidelityTheory << ","
                << pt.wait << "," << pt.waitError << "," << pt.waitTheory << "," << pt.rateHz << ","
                << pt.rateTheoryHz << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 1000,800\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set multiplot layout 2,1 title 'Two segments, p = " << p << ", F0 = " << linkFidelity
           << ", period " << periodMs << " ms'\n"
           << "set logscale x\nset xlabel 'memory T2 (s)'\nset key bottom right\n"
           << "set ylabel 'mean fidelity'\nplot ";
        for (size_t k = 0; k < fractions.size(); ++k)
        {
            const double f = fractions[k];
            std::ostringstream sel;
            sel << "(abs($2 - " << f << ") < 1e-12 ? $1 : 1/0)";
            std::ostringstream name;
            if (f > 0)
            {
                name << "cut-off " << f << " T2";
            }
            else
            {
                name << "no cut-off";
            }
            gp << (k ? ", \\\n     " : "") << "'" << outputPrefix << ".csv' using " << sel.str()
               << ":6 with lines lt " << k + 1 << " title '" << name.str() << ": theory', '' using "
               << sel.str() << ":4:5 with yerrorbars lt " << k + 1 << " pt 7 title '" << name.str()
               << ": simulated'";
        }
        gp << "\nset ylabel 'rate (pairs/s)'\nplot ";
        for (size_t k = 0; k < fractions.size(); ++k)
        {
            const double f = fractions[k];
            std::ostringstream sel;
            sel << "(abs($2 - " << f << ") < 1e-12 ? $1 : 1/0)";
            std::ostringstream name;
            if (f > 0)
            {
                name << "cut-off " << f << " T2";
            }
            else
            {
                name << "no cut-off";
            }
            gp << (k ? ", \\\n     " : "") << "'" << outputPrefix << ".csv' using " << sel.str()
               << ":11 with lines lt " << k + 1 << " title '" << name.str()
               << ": theory', '' using " << sel.str() << ":10 with points lt " << k + 1
               << " pt 7 title '" << name.str() << ": simulated'";
        }
        gp << "\nunset multiplot\n";
        std::cout << "  wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::ostringstream json;
    json << std::setprecision(10) << "{\"p\":" << p << ",\"linkFidelity\":" << linkFidelity
         << ",\"periodMs\":" << periodMs << ",\"deliveries\":" << deliveries << ",\"points\":[";
    for (size_t i = 0; i < pts.size(); ++i)
    {
        const auto& pt = pts[i];
        json << (i ? "," : "") << "{\"t2Seconds\":" << pt.t2Seconds
             << ",\"cutoffAttempts\":" << pt.cutoff << ",\"meanFidelity\":" << pt.fidelity
             << ",\"fidelityStdError\":" << pt.fidelityError
             << ",\"theoryFidelity\":" << pt.fidelityTheory << ",\"rateHz\":" << pt.rateHz
             << ",\"theoryRateHz\":" << pt.rateTheoryHz << "}";
    }
    json << "],\"maxDeviationSigma\":" << maxSigma << ",\"wallSeconds\":" << wall << "}";
    std::cout << json.str() << std::endl;
    return 0;
}
