/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Entangled sensor network: a hub fuses Bell pairs delivered by two-node
 * repeater chains into a GHZ state of N sensors; every sensor picks up the
 * phase --phase, reads out at the working point and reports over UDP; the
 * hub estimates the mean phase from --shots shots per estimate.  The same
 * is run with N separable |+> probes, for N = 1 .. --sensors, and the
 * standard error of the estimate (sample standard deviation over
 * --estimates estimates, calibrated by the closed-form contrast of the
 * memories' T2) is compared with 1/(N C_N sqrt M) (GHZ, C_N = exp(-N t/T2))
 * and 1/(C_1 sqrt(N M)) (separable, C_1 = exp(-t/T2)).  --outputPrefix
 * writes <prefix>.csv (error against N for both strategies) and
 * <prefix>.gnuplot (log-log plot).  The last line of stdout is a JSON object.
 *
 *     ./quantum-entangled-sensing-example --sensors=6 --shots=20 --estimates=100
 */

#include "ns3/core-module.h"
#include "ns3/entangled-sensing-helper.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/** Result of one strategy at one N. */
struct Point
{
    double mean = 0.0;      //!< mean estimate
    double std = 0.0;       //!< sample standard deviation of the estimates
    uint32_t failed = 0;    //!< failed shots
    uint32_t completed = 0; //!< completed shots
};

/**
 * Run one strategy with n sensors.
 * @param n sensors
 * @param strategy GHZ or SEPARABLE
 * @param phase phase per sensor, rad
 * @param shots M
 * @param estimates K
 * @param t2Seconds sensor memory T2 (0: none)
 * @param sensingSeconds sensing time
 * @param linkP link success probability
 * @param timeoutSeconds shot timeout (0: none)
 * @param seed RNG seed
 * @param run RNG run
 * @return the estimates' statistics
 */
Point
RunOnce(uint32_t n,
        SensorFusionApplication::Strategy strategy,
        double phase,
        uint32_t shots,
        uint32_t estimates,
        double t2Seconds,
        double sensingSeconds,
        double linkP,
        double timeoutSeconds,
        uint32_t seed,
        uint32_t run)
{
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    NodeContainer hub;
    hub.Create(1);
    NodeContainer sensors;
    sensors.Create(n);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(2 * n + 2));
    qnh.Install(hub);
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    qnh.Install(sensors);
    QuantumRepeaterHelper rep;
    rep.SetLinkAttribute("SuccessProbability", DoubleValue(linkP));
    EntangledSensingHelper h;
    h.SetFusionAttribute("NumShots", UintegerValue(shots * estimates));
    h.SetFusionAttribute("ShotsPerEstimate", UintegerValue(shots));
    h.SetFusionAttribute("ShotTimeout", TimeValue(Seconds(timeoutSeconds)));
    h.SetSensorAttribute("SensingTime", TimeValue(Seconds(sensingSeconds)));
    EntangledSensorNetwork net
        = h.Install(hub.Get(0), sensors, std::vector<double>(n, phase), strategy, rep);
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += qnh.AssignStreams(NodeContainer(hub, sensors), stream);
    stream += EntangledSensingHelper::AssignStreams(net, stream);
    Simulator::Run();
    Point p;
    const std::vector<double> e = net.fusion->GetEstimates();
    p.completed = net.fusion->GetShotsCompleted();
    p.failed = net.fusion->GetShotsFailed();
    Simulator::Destroy();
    for (double x : e)
    {
        p.mean += x;
    }
    p.mean /= std::max<size_t>(1, e.size());
    for (double x : e)
    {
        p.std += (x - p.mean) * (x - p.mean);
    }
    p.std = e.size() > 1 ? std::sqrt(p.std / (e.size() - 1)) : 0.0;
    return p;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t maxSensors = 4;
    double phase = 0.02;
    uint32_t shots = 20;
    uint32_t estimates = 50;
    double t2Seconds = 0;
    double sensingTimeSeconds = 1e-5;
    double linkP = 1.0;
    double shotTimeoutSeconds = 0;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sensors", "Largest number of sensors N (runs N = 1 .. sensors)", maxSensors);
    cmd.AddValue("phase", "Phase picked up by each sensor, in radians", phase);
    cmd.AddValue("shots", "Shots M per phase estimate", shots);
    cmd.AddValue("estimates", "Estimates K per strategy and N", estimates);
    cmd.AddValue("t2Seconds",
                 "T2 of the sensors' memories in seconds (0: no dephasing)",
                 t2Seconds);
    cmd.AddValue("sensingTimeSeconds", "Sensing interval t in seconds", sensingTimeSeconds);
    cmd.AddValue("linkSuccessProbability", "Success probability per link attempt", linkP);
    cmd.AddValue("shotTimeoutSeconds",
                 "A GHZ shot fails if its pairs take longer (0: wait forever)",
                 shotTimeoutSeconds);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(maxSensors < 1 || maxSensors > 8,
                    "--sensors=" << maxSensors << " must be in [1, 8]");
    NS_ABORT_MSG_IF(std::abs(phase) > 2 * M_PI, "--phase=" << phase << " must be in [-2 pi, 2 pi]");
    NS_ABORT_MSG_IF(shots < 1, "--shots must be at least 1");
    NS_ABORT_MSG_IF(estimates < 2, "--estimates=" << estimates << " must be at least 2");
    NS_ABORT_MSG_IF(!(t2Seconds >= 0), "--t2Seconds=" << t2Seconds << " must be >= 0");
    NS_ABORT_MSG_IF(!(sensingTimeSeconds >= 0),
                    "--sensingTimeSeconds=" << sensingTimeSeconds << " must be >= 0");
    NS_ABORT_MSG_IF(!(linkP > 0 && linkP <= 1),
                    "--linkSuccessProbability=" << linkP << " must be in (0, 1]");
    NS_ABORT_MSG_IF(!(shotTimeoutSeconds >= 0),
                    "--shotTimeoutSeconds=" << shotTimeoutSeconds << " must be >= 0");

    const double dephase = t2Seconds > 0 ? sensingTimeSeconds / t2Seconds : 0.0;
    std::ostringstream csv;
    csv << "n,sigma_ghz,sigma_separable,analytic_ghz,analytic_separable,failed_ghz\n";
    std::ostringstream json;
    json << std::setprecision(8) << "{\"phase\":" << phase << ",\"shots\":" << shots
         << ",\"estimates\":" << estimates << ",\"points\":[";
    std::cout << "Entangled sensor network: phase " << phase << " rad per sensor, " << shots
              << " shots per estimate, " << estimates << " estimates\n"
              << "  N   sigma_GHZ    1/(N C sqrt M)  sigma_sep    1/(C sqrt(NM))  ratio  sqrt N"
                 "  failed\n";
    for (uint32_t n = 1; n <= maxSensors; ++n)
    {
        const Point g = RunOnce(n,
                                SensorFusionApplication::GHZ,
                                phase,
                                shots,
                                estimates,
                                t2Seconds,
                                sensingTimeSeconds,
                                linkP,
                                shotTimeoutSeconds,
                                seed,
                                run);
        const Point s = RunOnce(n,
                                SensorFusionApplication::SEPARABLE,
                                phase,
                                shots,
                                estimates,
                                t2Seconds,
                                sensingTimeSeconds,
                                linkP,
                                shotTimeoutSeconds,
                                seed,
                                run + 1000);
        // Calibrate by the closed-form contrast: the estimator's slope is C.
        const double cG = std::exp(-double(n) * dephase);
        const double cS = std::exp(-dephase);
        const double sigmaG = g.std / cG;
        const double sigmaS = s.std / cS;
        const double aG = 1.0 / (n * cG * std::sqrt(double(shots)));
        const double aS = 1.0 / (cS * std::sqrt(double(n * shots)));
        std::cout << std::setw(3) << n << "  " << std::setw(11) << sigmaG << "  " << std::setw(14)
                  << aG << "  " << std::setw(11) << sigmaS << "  " << std::setw(14) << aS << "  "
                  << std::setw(5) << std::setprecision(3) << sigmaS / sigmaG << "  " << std::setw(6)
                  << std::sqrt(double(n)) << "  " << g.failed << std::setprecision(6) << "\n";
        csv << n << "," << sigmaG << "," << sigmaS << "," << aG << "," << aS << "," << g.failed
            << "\n";
        json << (n > 1 ? "," : "") << "{\"n\":" << n << ",\"sigmaGhz\":" << sigmaG
             << ",\"sigmaSeparable\":" << sigmaS << ",\"analyticGhz\":" << aG
             << ",\"analyticSeparable\":" << aS << ",\"meanGhz\":" << g.mean
             << ",\"meanSeparable\":" << s.mean << ",\"failedGhz\":" << g.failed << "}";
    }
    json << "]}";
    if (!outputPrefix.empty())
    {
        std::ofstream f(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!f, "cannot write " << outputPrefix << ".csv");
        f << csv.str();
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal png size 900,600\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset logscale xy\nset key top right\n"
           << "set xlabel 'sensors N'\nset ylabel 'standard error of the phase (rad)'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 1:2 with points pt 7 title "
           << "'GHZ (simulated)', '' every ::1 using 1:4 with lines title '1/(N sqrt M)', "
           << "'' every ::1 using 1:3 with points pt 5 title 'separable (simulated)', "
           << "'' every ::1 using 1:5 with lines title '1/sqrt(N M)'\n";
    }
    std::cout << json.str() << std::endl;
    return 0;
}
