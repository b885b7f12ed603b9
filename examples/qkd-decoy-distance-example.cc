/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Reproduction: decoy-state BB84 secret key rate against fibre length with
 * the GYS parameter set (Gobby, Yuan and Shields, APL 84, 3762 (2004)) as
 * used by Ma, Qi, Zhao and Lo, PRA 72, 012326 (2005) [Ma2005]:
 * alpha = 0.21 dB/km, eta_Bob = 4.5 %, e_detector = 3.3 %, Y0 = 1.7e-6,
 * f(e) = 1.22, q = 1/2, signal mu = 0.48.
 *
 * At every distance the quantum layer is simulated (QkdQuantumLink, the
 * exact skipping sampler of the weak coherent source with signal, weak
 * decoy and vacuum intensities, the fibre, the misalignment model and Bob's
 * two threshold detectors); the gains and QBERs per intensity are measured
 * from the two parties' frame views (sifting: equal bases), the vacuum +
 * weak decoy bounds of [Ma2005] eqs. (34), (37) estimate Q_1 and e_1, and
 * eq. (1) gives the key rate per signal pulse.  The analytic curves are
 * eq. (1) with the infinite-decoy values (the true Y_1, e_1 of the channel
 * model) and with the vacuum + weak decoy bounds of the expected gains.
 * The maximum distance is where the rate reaches 0: by bisection for the
 * analytic curves, by linear interpolation of the (signed) estimated rate
 * between the last grid point with key and the next one for the simulation.
 *
 * --outputPrefix writes <prefix>-points.csv (simulated points),
 * <prefix>-curve.csv (analytic curves) and <prefix>-rate.gnuplot (log y).
 * The last line of stdout is a JSON summary.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-decoy-tally.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-net-device.h"
#include "ns3/single-photon-detector.h"
#include "ns3/weak-coherent-source.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/** Parameters of the reproduction (GYS set of [Ma2005] Table I). */
struct Params
{
    double attenuationDbPerKm{0.21};          //!< alpha
    double etaBob{0.045};                     //!< Bob's detection efficiency
    double misalignment{0.033};               //!< e_detector
    double y0{1.7e-6};                        //!< background yield (both detectors)
    double f{1.22};                           //!< error-correction efficiency
    double mu{0.48};                          //!< signal intensity
    double nu{0.05};                          //!< weak decoy intensity
    std::vector<double> probs{0.4, 0.4, 0.2}; //!< signal, decoy, vacuum probabilities
};

/**
 * @param p parameters
 * @return the dark-count probability per detector per gate, from
 *         Y0 = 1 - (1 - d)^2
 */
double
DarkPerDetector(const Params& p)
{
    return 1 - std::sqrt(1 - p.y0);
}

/**
 * Simulate one distance.
 * @param p parameters
 * @param lengthKm fibre length
 * @param pulses pulses to send
 * @param framePulses pulses per frame (memory bound)
 * @param stream first RNG stream
 * @return the measured quantities
 */
QkdDecoyTally
Simulate(const Params& p, double lengthKm, uint64_t pulses, uint64_t framePulses, int64_t stream)
{
    QuantumChannelHelper ch;
    ch.SetChannelAttribute("LengthKm", DoubleValue(lengthKm));
    ch.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(p.attenuationDbPerKm));
    ch.AddModel("ns3::PolarizationMisalignmentModel",
                "AngleRad",
                DoubleValue(std::asin(std::sqrt(p.misalignment))));
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer d = ch.Install(nodes.Get(0), nodes.Get(1));
    Ptr<QkdQuantumLink> link = CreateObject<QkdQuantumLink>();
    link->SetAttribute("Protocol", StringValue("BB84"));
    link->SetAttribute("SourceType", StringValue("Wcp"));
    link->SetAttribute("Mode", StringValue("Fast"));
    link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                         DynamicCast<QuantumNetDevice>(d.Get(1)));
    link->GetWeakCoherentSource()->SetIntensities({p.mu, p.nu, 0.0});
    link->GetWeakCoherentSource()->SetProbabilities(p.probs);
    for (uint32_t k = 0; k < 2; ++k)
    {
        link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(p.etaBob);
        link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(DarkPerDetector(p));
    }
    link->AssignStreams(stream);
    QkdDecoyTally m;
    m.AddFrames(link, pulses, framePulses);
    return m;
}

/**
 * Signed key rate of [Ma2005] eq. (1) (not clipped at 0).
 * @param p parameters
 * @param gain Q_mu
 * @param qber E_mu
 * @param single Q_1, e_1
 * @return q { -Q_mu f h(E_mu) + Q_1 [1 - h(e_1)] }
 */
double
SignedRate(const Params& p, double gain, double qber, const QkdSinglePhotonEstimate& single)
{
    const double h = QkdKeyRateCalculator::BinaryEntropy(std::min(qber, 0.5));
    const double h1 = QkdKeyRateCalculator::BinaryEntropy(std::min(single.errorRate, 0.5));
    return 0.5 * (-gain * p.f * h + single.gain * (1 - h1));
}

/**
 * @param p parameters
 * @param lengthKm fibre length
 * @return eta = eta_Bob 10^{-alpha L / 10}
 */
double
Eta(const Params& p, double lengthKm)
{
    return p.etaBob * QkdKeyRateCalculator::FibreTransmittance(lengthKm, p.attenuationDbPerKm);
}

/**
 * Analytic rate with infinitely many decoys ([Ma2005] eq. (1) with the
 * channel model's Y_1, e_1).
 * @param p parameters
 * @param lengthKm fibre length
 * @return signed rate per signal pulse
 */
double
InfiniteDecoyRate(const Params& p, double lengthKm)
{
    const double eta = Eta(p, lengthKm);
    const double q = QkdKeyRateCalculator::ExpectedGain(p.mu, eta, p.y0);
    const double e = QkdKeyRateCalculator::ExpectedQber(p.mu, eta, p.y0, p.misalignment);
    return SignedRate(p,
                      q,
                      e,
                      QkdKeyRateCalculator::InfiniteDecoyValues(p.mu, eta, p.y0, p.misalignment));
}

/**
 * Analytic rate of the vacuum + weak decoy estimator fed with the expected
 * gains and QBERs ([Ma2005] eqs. (34), (37), (1)).
 * @param p parameters
 * @param lengthKm fibre length
 * @return signed rate per signal pulse
 */
double
VacuumWeakRate(const Params& p, double lengthKm)
{
    const double eta = Eta(p, lengthKm);
    const double qm = QkdKeyRateCalculator::ExpectedGain(p.mu, eta, p.y0);
    const double em = QkdKeyRateCalculator::ExpectedQber(p.mu, eta, p.y0, p.misalignment);
    const double qn = QkdKeyRateCalculator::ExpectedGain(p.nu, eta, p.y0);
    const double en = QkdKeyRateCalculator::ExpectedQber(p.nu, eta, p.y0, p.misalignment);
    return SignedRate(p,
                      qm,
                      em,
                      QkdKeyRateCalculator::VacuumWeakDecoyBounds(p.mu, p.nu, qm, qn, en, p.y0));
}

/**
 * The distance where a decreasing rate curve reaches 0, by bisection.
 * @param rate the signed rate as a function of the distance
 * @return the distance in km (0 if there is no key at 0 km)
 */
template<typename F>
double
MaxDistance(F rate)
{
    double lo = 0;
    double hi = 1000;
    if (rate(lo) <= 0)
    {
        return 0;
    }
    for (int i = 0; i < 60; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        (rate(mid) > 0 ? lo : hi) = mid;
    }
    return lo;
}

} // namespace

int
main(int argc, char* argv[])
{
    Params p;
    double minKm = 0;
    double maxKm = 150;
    double stepKm = 5;
    double detectionsPerPoint = 2e6;
    double maxPulsesPerPoint = 1e13;
    uint64_t framePulses = 0;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("attenuationDbPerKm", "fibre loss alpha, dB/km (GYS: 0.21)", p.attenuationDbPerKm);
    cmd.AddValue("etaBob", "Bob's detection efficiency (GYS: 0.045)", p.etaBob);
    cmd.AddValue("misalignment", "e_detector (GYS: 0.033)", p.misalignment);
    cmd.AddValue("y0", "background yield Y0 of both detectors (GYS: 1.7e-6)", p.y0);
    cmd.AddValue("errorCorrectionEfficiency", "f(e) (Ma2005: 1.22)", p.f);
    cmd.AddValue("mu", "signal mean photon number (Ma2005 optimum for GYS: 0.48)", p.mu);
    cmd.AddValue("nu", "weak decoy mean photon number", p.nu);
    cmd.AddValue("minKm", "first fibre length, km", minKm);
    cmd.AddValue("maxKm", "last fibre length, km", maxKm);
    cmd.AddValue("stepKm", "fibre length step, km", stepKm);
    cmd.AddValue("detectionsPerPoint",
                 "expected detections per distance (sets the pulses sent)",
                 detectionsPerPoint);
    cmd.AddValue("maxPulsesPerPoint", "upper bound of the pulses per distance", maxPulsesPerPoint);
    cmd.AddValue("framePulses",
                 "pulses per frame (0: about 1e6 detections per frame)",
                 framePulses);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix",
                 "write <prefix>-points.csv, <prefix>-curve.csv and <prefix>-rate.gnuplot",
                 outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(stepKm > 0), "--stepKm must be > 0, got " << stepKm);
    NS_ABORT_MSG_IF(!(minKm >= 0 && maxKm >= minKm),
                    "--minKm and --maxKm must satisfy 0 <= minKm <= maxKm, got " << minKm << ", "
                                                                                 << maxKm);
    NS_ABORT_MSG_IF(!(p.nu > 0 && p.nu < p.mu),
                    "--nu must be in (0, mu = " << p.mu << "), got " << p.nu);
    NS_ABORT_MSG_IF(!(detectionsPerPoint >= 1),
                    "--detectionsPerPoint must be >= 1, got " << detectionsPerPoint);
    NS_ABORT_MSG_IF(!(p.y0 >= 0 && p.y0 < 1), "--y0 must be in [0, 1), got " << p.y0);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const auto wallStart = std::chrono::steady_clock::now();

    const double maxInfinite = MaxDistance([&p](double l) {
        return InfiniteDecoyRate(p, l);
    });
    const double maxVacuumWeak = MaxDistance([&p](double l) {
        return VacuumWeakRate(p, l);
    });

    std::cout << std::setprecision(5);
    std::cout << "Decoy-state BB84 against distance, GYS parameters (Ma, Qi, Zhao, Lo, PRA 72, "
                 "012326 (2005)): alpha "
              << p.attenuationDbPerKm << " dB/km, eta_Bob " << p.etaBob << ", e_d "
              << p.misalignment << ", Y0 " << p.y0 << ", f " << p.f << ", mu " << p.mu << ", nu "
              << p.nu << ", vacuum decoy\n";
    std::cout << " L(km)     pulses    Q_mu(sim)  Q_mu(th)   E_mu(sim) E_mu(th)  Y1^L(sim)  "
                 "R(sim)     R(VW th)   R(inf th)\n";

    struct Row
    {
        double km;
        uint64_t pulses;
        QkdDecoyTally m;
        QkdSinglePhotonEstimate single;
        double rate;
        double signedRate;
    };

    std::vector<Row> rows;
    int64_t stream = 100;
    for (double km = minKm; km <= maxKm + 1e-9; km += stepKm)
    {
        const double eta = Eta(p, km);
        double expectedPerPulse = 0;
        std::vector<double> intensities{p.mu, p.nu, 0.0};
        for (uint32_t l = 0; l < 3; ++l)
        {
            expectedPerPulse
                += p.probs[l] * QkdKeyRateCalculator::ExpectedGain(intensities[l], eta, p.y0);
        }
        const uint64_t pulses = static_cast<uint64_t>(
            std::min(maxPulsesPerPoint, std::ceil(detectionsPerPoint / expectedPerPulse)));
        const uint64_t frame = framePulses > 0
                                   ? framePulses
                                   : static_cast<uint64_t>(std::max(1e6, 1e6 / expectedPerPulse));
        Row r{km, pulses, Simulate(p, km, pulses, frame, stream), {0, 0.5, 0}, 0, 0};
        stream += 10;
        r.single = QkdKeyRateCalculator::VacuumWeakDecoyBounds(p.mu,
                                                               p.nu,
                                                               r.m.GetGain(0),
                                                               r.m.GetGain(1),
                                                               r.m.GetQber(1),
                                                               r.m.GetGain(2));
        r.signedRate = SignedRate(p, r.m.GetGain(0), r.m.GetQber(0), r.single);
        r.rate = std::max(0.0, r.signedRate);
        const double qth = QkdKeyRateCalculator::ExpectedGain(p.mu, eta, p.y0);
        const double eth = QkdKeyRateCalculator::ExpectedQber(p.mu, eta, p.y0, p.misalignment);
        std::cout << std::setw(6) << km << std::setw(12) << double(pulses) << std::setw(11)
                  << r.m.GetGain(0) << std::setw(11) << qth << std::setw(10) << r.m.GetQber(0)
                  << std::setw(10) << eth << std::setw(11) << r.single.yield << std::setw(11)
                  << r.rate << std::setw(11) << std::max(0.0, VacuumWeakRate(p, km))
                  << std::setw(11) << std::max(0.0, InfiniteDecoyRate(p, km)) << "\n";
        rows.push_back(r);
    }

    // Simulated maximum distance: interpolate the signed estimate between the
    // last point with key and the next point.
    double maxSimulated = -1;
    for (size_t i = 0; i < rows.size(); ++i)
    {
        if (rows[i].signedRate > 0)
        {
            maxSimulated = rows[i].km;
            if (i + 1 < rows.size() && rows[i + 1].signedRate <= 0)
            {
                const double r0 = rows[i].signedRate;
                const double r1 = rows[i + 1].signedRate;
                maxSimulated = rows[i].km + (rows[i + 1].km - rows[i].km) * r0 / (r0 - r1);
            }
        }
    }
    const bool bracketed = !rows.empty() && rows.back().signedRate <= 0 && maxSimulated >= 0;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    std::cout << "maximum distance: infinite decoys (analytic) " << maxInfinite
              << " km (Ma2005: about 142 km); vacuum + weak decoy, nu = " << p.nu << " (analytic) "
              << maxVacuumWeak << " km; simulated "
              << (bracketed ? std::to_string(maxSimulated) + " km"
                            : std::string("not bracketed by the grid"))
              << "; wall " << wall << " s\n";

    if (!outputPrefix.empty())
    {
        std::ofstream pts(outputPrefix + "-points.csv");
        pts << std::setprecision(8);
        pts << "distance_km,pulses,gain_mu,gain_nu,gain_vacuum,qber_mu,qber_nu,y1_lower,e1_upper,"
               "q1_lower,rate_sim,rate_sim_signed,rate_vacuum_weak_analytic,rate_infinite_"
               "analytic\n";
        for (const Row& r : rows)
        {
            pts << r.km << "," << r.pulses << "," << r.m.GetGain(0) << "," << r.m.GetGain(1) << ","
                << r.m.GetGain(2) << "," << r.m.GetQber(0) << "," << r.m.GetQber(1) << ","
                << r.single.yield << "," << r.single.errorRate << "," << r.single.gain << ","
                << r.rate << "," << r.signedRate << "," << std::max(0.0, VacuumWeakRate(p, r.km))
                << "," << std::max(0.0, InfiniteDecoyRate(p, r.km)) << "\n";
        }
        std::ofstream curve(outputPrefix + "-curve.csv");
        curve << std::setprecision(8);
        curve << "distance_km,rate_infinite_analytic,rate_vacuum_weak_analytic\n";
        for (double km = 0; km <= std::max(maxKm, maxInfinite) + 0.25; km += 0.25)
        {
            curve << km << "," << std::max(0.0, InfiniteDecoyRate(p, km)) << ","
                  << std::max(0.0, VacuumWeakRate(p, km)) << "\n";
        }
        std::ofstream gp(outputPrefix + "-rate.gnuplot");
        gp << "set terminal png size 900,600\n"
           << "set output '" << outputPrefix << "-rate.png'\n"
           << "set datafile separator ','\n"
           << "set logscale y\nset format y '10^{%L}'\nset yrange [1e-9:1e-2]\n"
           << "set xlabel 'fibre length (km)'\n"
           << "set ylabel 'secret key rate (bits per signal pulse)'\n"
           << "set title 'Decoy-state BB84, GYS parameters (Ma et al., PRA 72, 012326 (2005))'\n"
           << "set key bottom left\n"
           << "plot '" << outputPrefix
           << "-curve.csv' every ::1 using 1:($2 > 0 ? $2 : 1/0) with lines lw 2 title "
              "'infinite decoys (analytic)', \\\n"
           << "     '' every ::1 using 1:($3 > 0 ? $3 : 1/0) with lines lw 2 dt 2 title "
              "'vacuum + weak decoy (analytic)', \\\n"
           << "     '" << outputPrefix
           << "-points.csv' every ::1 using 1:($11 > 0 ? $11 : 1/0) with points pt 7 ps 1.2 "
              "title 'simulated (vacuum + weak decoy estimate)'\n";
    }

    std::cout << std::setprecision(8) << "{\"points\": " << rows.size()
              << ", \"maxDistanceKmInfiniteAnalytic\": " << maxInfinite
              << ", \"maxDistanceKmVacuumWeakAnalytic\": " << maxVacuumWeak
              << ", \"maxDistanceKmSimulated\": " << (bracketed ? maxSimulated : -1)
              << ", \"rateFirstPointSim\": " << (rows.empty() ? 0 : rows.front().rate)
              << ", \"rateFirstPointInfiniteAnalytic\": "
              << (rows.empty() ? 0 : std::max(0.0, InfiniteDecoyRate(p, rows.front().km)))
              << ", \"wallSeconds\": " << wall << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
