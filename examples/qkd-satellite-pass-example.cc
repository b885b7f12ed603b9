/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Reproduction: a satellite-to-ground decoy-state BB84 pass in the spirit
 * of the Micius experiment (Liao et al., "Satellite-to-ground quantum key
 * distribution", Nature 549, 43 (2017) [Liao2017]).
 *
 * The satellite (Alice) moves on a circular 500 km orbit
 * (CircularOrbitMobilityModel, an ns-3 MobilityModel); the ground station
 * (Bob) sits at the origin (ConstantPositionMobilityModel).  The quantum
 * channel is a FreeSpaceQuantumChannel whose length and elevation come
 * from the two mobility models at the time of each frame: Gaussian-beam
 * diffraction of the 300 mm transmitter, pointing jitter, a 1 m receiver,
 * the atmosphere T_zenith^(1/sin el) and an insertion loss.  The pass runs
 * in the ns-3 simulator from the rising to the setting of the satellite
 * through MinElevationDeg; every StepSeconds an event re-reads the channel
 * (QkdQuantumLink::Prepare) and simulates FramePulses pulses of the weak
 * coherent source (signal, weak decoy, vacuum), whose per-intensity gains
 * and QBERs give the vacuum + weak decoy key rate (Ma, Qi, Zhao and Lo, PRA
 * 72, 012326 (2005), eqs. (34), (37), (1)).
 *
 * Three losses are reported at every step: the channel's (the simulated
 * link, through the mobility models), the closed form of the free-space
 * model evaluated on the orbit geometry (slant range
 * d = sqrt(R^2 + r^2 - 2 R r cos gamma), elevation asin((r cos gamma - R) / d),
 * cos gamma = cos theta cos beta) and the loss measured from the detections
 * (the transmittance that explains the signal gain, with its standard
 * error).  The key of the pass is the sum over steps of R x p_signal x
 * pulse rate x step.
 *
 * --outputPrefix writes <prefix>-pass.csv (per step), <prefix>-curve.csv
 * (closed forms on a fine time grid) and <prefix>-pass.gnuplot.  The last
 * line of stdout is a JSON summary.
 */

#include "ns3/circular-orbit-mobility-model.h"
#include "ns3/core-module.h"
#include "ns3/free-space-quantum-channel.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
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

/** Parameters of the pass. */
struct Params
{
    double altitudeKm{500};                     //!< orbit altitude [Liao2017]
    double earthRadiusKm{6371};                 //!< mean Earth radius
    double closestRangeKm{645};                 //!< closest slant range of the pass [Liao2017]
    double minElevationDeg{20};                 //!< lowest elevation used (1200 km range)
    double wavelengthNm{850};                   //!< [Liao2017]
    double transmitterApertureM{0.3};           //!< [Liao2017]
    double receiverApertureM{1.0};              //!< Xinglong telescope [Liao2017]
    double pointingJitterRad{2.3e-6};           //!< effective (see the manual)
    double zenithTransmittance{0.8};            //!< atmosphere at zenith
    double insertionLossDb{3};                  //!< receiver optics
    double detectorEfficiency{0.5};             //!< Si single-photon detectors
    double darkPerDetector{1e-6};               //!< dark + background per gate per detector
    double misalignment{0.01};                  //!< e_d
    double f{1.22};                             //!< error-correction efficiency
    double pulseRateHz{1e8};                    //!< [Liao2017]
    double mu{0.8};                             //!< [Liao2017]
    double nu{0.1};                             //!< [Liao2017]
    std::vector<double> probs{0.5, 0.25, 0.25}; //!< [Liao2017]
};

/** One step of the pass. */
struct Step
{
    double t;               //!< simulation time, s
    double rangeKm;         //!< slant range (closed form)
    double elevDeg;         //!< elevation (closed form)
    double lossSimDb;       //!< the channel's loss (through the mobility models)
    double lossThDb;        //!< closed-form loss on the orbit geometry
    double lossMeasDb;      //!< loss measured from the signal gain
    double lossMeasSigmaDb; //!< its standard error
    double gainMu;          //!< measured Q_mu
    double qberMu;          //!< measured E_mu
    double rateSim;         //!< decoy key rate per signal pulse (simulated)
    double rateTh;          //!< the same from the expected gains (closed-form loss)
    double rateInf;         //!< infinite-decoy rate (closed-form loss)
};

/** The state of the pass. */
struct Pass
{
    Params p;                              //!< parameters
    Ptr<QkdQuantumLink> link;              //!< the quantum layer
    Ptr<FreeSpaceQuantumChannel> channel;  //!< the free-space channel
    Ptr<CircularOrbitMobilityModel> orbit; //!< the satellite's orbit
    uint64_t framePulses{0};               //!< pulses simulated per step
    std::vector<Step> steps;               //!< results
};

/**
 * Closed-form transmittance of the free-space model for a slant range and
 * an elevation (FreeSpaceQuantumChannel's equations written out).
 * @param p parameters
 * @param d slant range, m
 * @param el elevation, rad
 * @return the channel transmittance
 */
double
ClosedFormTransmittance(const Params& p, double d, double el)
{
    const double w0 = p.transmitterApertureM / 2;
    const double zr = M_PI * w0 * w0 / (p.wavelengthNm * 1e-9);
    const double w2 = w0 * w0 * (1 + (d / zr) * (d / zr));
    const double weff2 = w2 + 4 * std::pow(p.pointingJitterRad * d, 2);
    const double a = p.receiverApertureM / 2;
    const double collect = 1 - std::exp(-2 * a * a / weff2);
    const double atm = std::pow(p.zenithTransmittance, 1 / std::sin(el));
    return collect * atm * std::pow(10, -p.insertionLossDb / 10);
}

/**
 * Decoy key rate per signal pulse ([Ma2005] eqs. (34), (37), (1)).
 * @param p parameters
 * @param q gains per intensity (signal, decoy, vacuum)
 * @param e QBERs per intensity
 * @return the rate
 */
double
DecoyRate(const Params& p, const std::vector<double>& q, const std::vector<double>& e)
{
    const QkdSinglePhotonEstimate s
        = QkdKeyRateCalculator::VacuumWeakDecoyBounds(p.mu, p.nu, q[0], q[1], e[1], q[2]);
    return QkdKeyRateCalculator::KeyRate(0.5, q[0], e[0], p.f, s);
}

/**
 * One step of the pass (scheduled).
 * @param pass the pass
 */
void
DoStep(Pass* pass)
{
    const Params& p = pass->p;
    const double t = Simulator::Now().GetSeconds();
    const double d = pass->orbit->GetSlantRangeMeters(Simulator::Now());
    const double el = pass->orbit->GetElevationRad(Simulator::Now());
    // The simulated link reads the channel (and so the satellite's position) now.
    pass->link->Prepare();
    const double tSim = pass->link->GetBobChannelTransmittance();
    const double tTh = ClosedFormTransmittance(p, d, el);
    QkdFrameView a;
    QkdFrameView b;
    pass->link->GenerateFrame(pass->framePulses, a, b);
    std::vector<uint64_t> clicks(3, 0);
    std::vector<uint64_t> sifted(3, 0);
    std::vector<uint64_t> errors(3, 0);
    for (size_t i = 0; i < b.records.size(); ++i)
    {
        const QkdDetectionRecord& ra = a.records[i];
        ++clicks[ra.label];
        if (ra.setting == b.records[i].setting)
        {
            ++sifted[ra.label];
            errors[ra.label] += ra.bit != b.records[i].bit ? 1 : 0;
        }
    }
    std::vector<double> q(3);
    std::vector<double> e(3);
    for (uint32_t l = 0; l < 3; ++l)
    {
        q[l] = a.pulsesPerLabel[l] ? double(clicks[l]) / a.pulsesPerLabel[l] : 0;
        e[l] = sifted[l] ? double(errors[l]) / sifted[l] : 0.5;
    }
    // Transmittance that explains the signal gain Q = 1 - (1 - Y0) exp(-eta mu),
    // and its standard error by the delta method.
    const double y0 = 1 - std::pow(1 - p.darkPerDetector, 2);
    const double n = a.pulsesPerLabel[0];
    const double etaMeas = -std::log((1 - q[0]) / (1 - y0)) / p.mu;
    const double etaSigma = std::sqrt(q[0] * (1 - q[0]) / n) / (p.mu * (1 - q[0]));
    const double tMeas = etaMeas / p.detectorEfficiency;
    Step s;
    s.t = t;
    s.rangeKm = d / 1e3;
    s.elevDeg = el * 180 / M_PI;
    s.lossSimDb = -10 * std::log10(tSim);
    s.lossThDb = -10 * std::log10(tTh);
    s.lossMeasDb = tMeas > 0 ? -10 * std::log10(tMeas) : 0;
    s.lossMeasSigmaDb = etaMeas > 0 ? 10 / std::log(10) * etaSigma / etaMeas : 0;
    s.gainMu = q[0];
    s.qberMu = e[0];
    s.rateSim = DecoyRate(p, q, e);
    const double eta = tTh * p.detectorEfficiency;
    std::vector<double> qt(3);
    std::vector<double> et(3);
    const std::vector<double> m{p.mu, p.nu, 0.0};
    for (uint32_t l = 0; l < 3; ++l)
    {
        qt[l] = QkdKeyRateCalculator::ExpectedGain(m[l], eta, y0);
        et[l] = QkdKeyRateCalculator::ExpectedQber(m[l], eta, y0, p.misalignment);
    }
    s.rateTh = DecoyRate(p, qt, et);
    s.rateInf = QkdKeyRateCalculator::KeyRate(
        0.5,
        qt[0],
        et[0],
        p.f,
        QkdKeyRateCalculator::InfiniteDecoyValues(p.mu, eta, y0, p.misalignment));
    pass->steps.push_back(s);
}

} // namespace

int
main(int argc, char* argv[])
{
    Pass pass;
    Params& p = pass.p;
    double stepSeconds = 1;
    double framePulses = 1e8;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("altitudeKm", "orbit altitude, km (Micius: 500)", p.altitudeKm);
    cmd.AddValue("closestRangeKm",
                 "closest slant range of the pass, km (sets the cross-track angle; >= altitude)",
                 p.closestRangeKm);
    cmd.AddValue("minElevationDeg", "lowest elevation used for key, degrees", p.minElevationDeg);
    cmd.AddValue("pointingJitterRad", "pointing jitter per axis, rad", p.pointingJitterRad);
    cmd.AddValue("zenithTransmittance",
                 "atmospheric transmittance at zenith",
                 p.zenithTransmittance);
    cmd.AddValue("insertionLossDb", "insertion loss of the receiver optics, dB", p.insertionLossDb);
    cmd.AddValue("detectorEfficiency", "detection efficiency", p.detectorEfficiency);
    cmd.AddValue("darkPerDetector",
                 "dark-count + background probability per gate per detector",
                 p.darkPerDetector);
    cmd.AddValue("misalignment", "e_d", p.misalignment);
    cmd.AddValue("pulseRateHz", "pulse rate, Hz (Micius: 100 MHz)", p.pulseRateHz);
    cmd.AddValue("mu", "signal mean photon number (Micius: 0.8)", p.mu);
    cmd.AddValue("nu", "decoy mean photon number (Micius: 0.1)", p.nu);
    cmd.AddValue("stepSeconds", "time between simulated frames, s", stepSeconds);
    cmd.AddValue("framePulses",
                 "pulses simulated per step (the step's key scales with pulseRateHz x stepSeconds)",
                 framePulses);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix",
                 "write <prefix>-pass.csv, <prefix>-curve.csv and <prefix>-pass.gnuplot",
                 outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(p.closestRangeKm >= p.altitudeKm),
                    "--closestRangeKm must be >= altitudeKm = " << p.altitudeKm << ", got "
                                                                << p.closestRangeKm);
    NS_ABORT_MSG_IF(!(p.minElevationDeg > 0 && p.minElevationDeg < 90),
                    "--minElevationDeg must be in (0, 90), got " << p.minElevationDeg);
    NS_ABORT_MSG_IF(!(stepSeconds > 0), "--stepSeconds must be > 0, got " << stepSeconds);
    NS_ABORT_MSG_IF(!(framePulses >= 1), "--framePulses must be >= 1, got " << framePulses);
    NS_ABORT_MSG_IF(!(p.nu > 0 && p.nu < p.mu), "--nu must be in (0, mu), got " << p.nu);
    NS_ABORT_MSG_IF(!(p.darkPerDetector >= 0 && p.darkPerDetector < 1),
                    "--darkPerDetector must be in [0, 1), got " << p.darkPerDetector);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const auto wallStart = std::chrono::steady_clock::now();

    // Geometry: the cross-track angle beta from the closest range, and the
    // in-plane angle of the rising point from the minimum elevation.
    const double R = p.earthRadiusKm * 1e3;
    const double r = R + p.altitudeKm * 1e3;
    const double dMin = p.closestRangeKm * 1e3;
    const double beta = std::acos(std::min(1.0, (R * R + r * r - dMin * dMin) / (2 * R * r)));
    const double elMin = p.minElevationDeg * M_PI / 180;
    const double gammaEdge = std::acos(R * std::cos(elMin) / r) - elMin;
    NS_ABORT_MSG_IF(gammaEdge <= beta,
                    "the pass never reaches "
                        << p.minElevationDeg
                        << " degrees of elevation with closestRangeKm = " << p.closestRangeKm);
    const double thetaEdge = std::acos(std::cos(gammaEdge) / std::cos(beta));

    NodeContainer nodes;
    nodes.Create(2); // 0: satellite (Alice), 1: ground station (Bob)
    pass.orbit = CreateObject<CircularOrbitMobilityModel>();
    pass.orbit->SetAttribute("EarthRadiusM", DoubleValue(R));
    pass.orbit->SetAttribute("AltitudeM", DoubleValue(p.altitudeKm * 1e3));
    pass.orbit->SetAttribute("CrossTrackAngleRad", DoubleValue(beta));
    pass.orbit->SetAttribute("InitialAngleRad", DoubleValue(-thetaEdge));
    nodes.Get(0)->AggregateObject(pass.orbit);
    Ptr<ConstantPositionMobilityModel> ground = CreateObject<ConstantPositionMobilityModel>();
    ground->SetPosition(Vector(0, 0, 0));
    nodes.Get(1)->AggregateObject(ground);
    const double duration = 2 * thetaEdge / pass.orbit->GetAngularVelocityRadPerSecond();

    QuantumChannelHelper ch;
    ch.SetChannelType("ns3::FreeSpaceQuantumChannel");
    ch.SetChannelAttribute("WavelengthNm", DoubleValue(p.wavelengthNm));
    ch.SetChannelAttribute("TransmitterApertureM", DoubleValue(p.transmitterApertureM));
    ch.SetChannelAttribute("ReceiverApertureM", DoubleValue(p.receiverApertureM));
    ch.SetChannelAttribute("PointingJitterRad", DoubleValue(p.pointingJitterRad));
    ch.SetChannelAttribute("ZenithTransmittance", DoubleValue(p.zenithTransmittance));
    ch.SetChannelAttribute("InsertionLossDb", DoubleValue(p.insertionLossDb));
    ch.AddModel("ns3::PolarizationMisalignmentModel",
                "AngleRad",
                DoubleValue(std::asin(std::sqrt(p.misalignment))));
    NetDeviceContainer d = ch.Install(nodes.Get(0), nodes.Get(1));
    pass.channel = DynamicCast<FreeSpaceQuantumChannel>(
        DynamicCast<QuantumNetDevice>(d.Get(0))->GetChannel());
    pass.link = CreateObject<QkdQuantumLink>();
    pass.link->SetAttribute("Protocol", StringValue("BB84"));
    pass.link->SetAttribute("SourceType", StringValue("Wcp"));
    pass.link->SetAttribute("Mode", StringValue("Fast"));
    pass.link->SetAttribute("PulseRateHz", DoubleValue(p.pulseRateHz));
    pass.link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                              DynamicCast<QuantumNetDevice>(d.Get(1)));
    pass.link->GetWeakCoherentSource()->SetIntensities({p.mu, p.nu, 0.0});
    pass.link->GetWeakCoherentSource()->SetProbabilities(p.probs);
    for (uint32_t k = 0; k < 2; ++k)
    {
        pass.link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(p.detectorEfficiency);
        pass.link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(p.darkPerDetector);
    }
    pass.link->AssignStreams(100);
    pass.framePulses = static_cast<uint64_t>(framePulses);

    const uint32_t numSteps = static_cast<uint32_t>(std::floor(duration / stepSeconds)) + 1;
    for (uint32_t k = 0; k < numSteps; ++k)
    {
        Simulator::Schedule(Seconds(k * stepSeconds), &DoStep, &pass);
    }
    Simulator::Run();

    // Key per pass: each step stands for stepSeconds of pulses (the last one
    // for what is left of the pass).
    double keySim = 0;
    double keyTh = 0;
    double maxLossDeviationDb = 0;
    double maxMeasuredDeviationSigma = 0;
    double lossMin = 1e300;
    double lossMax = 0;
    double peakRateBps = 0;
    std::cout << std::setprecision(5);
    std::cout << "Satellite pass: " << p.altitudeKm << " km orbit, closest range "
              << p.closestRangeKm << " km (cross-track " << beta * 180 / M_PI
              << " deg), elevation >= " << p.minElevationDeg << " deg, pass " << duration << " s, "
              << numSteps << " steps of " << stepSeconds << " s, " << double(pass.framePulses)
              << " pulses simulated per step\n";
    std::cout << "   t(s) range(km) elev(deg) loss: channel  closed-form measured(+-)   "
                 "QBER     R(sim)     R(th)\n";
    for (size_t k = 0; k < pass.steps.size(); ++k)
    {
        const Step& s = pass.steps[k];
        const double dt = std::min(stepSeconds, duration - s.t);
        const double signalPerSecond = p.probs[0] * p.pulseRateHz;
        keySim += s.rateSim * signalPerSecond * std::max(0.0, dt);
        keyTh += s.rateTh * signalPerSecond * std::max(0.0, dt);
        peakRateBps = std::max(peakRateBps, s.rateSim * signalPerSecond);
        maxLossDeviationDb = std::max(maxLossDeviationDb, std::abs(s.lossSimDb - s.lossThDb));
        if (s.lossMeasSigmaDb > 0)
        {
            maxMeasuredDeviationSigma
                = std::max(maxMeasuredDeviationSigma,
                           std::abs(s.lossMeasDb - s.lossThDb) / s.lossMeasSigmaDb);
        }
        lossMin = std::min(lossMin, s.lossSimDb + 10 * std::log10(1 / p.detectorEfficiency));
        lossMax = std::max(lossMax, s.lossSimDb + 10 * std::log10(1 / p.detectorEfficiency));
        std::cout << std::setw(7) << s.t << std::setw(9) << s.rangeKm << std::setw(9) << s.elevDeg
                  << std::setw(12) << s.lossSimDb << std::setw(11) << s.lossThDb << std::setw(10)
                  << s.lossMeasDb << "(" << std::setw(6) << s.lossMeasSigmaDb << ")" << std::setw(9)
                  << s.qberMu << std::setw(11) << s.rateSim << std::setw(11) << s.rateTh << "\n";
    }
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::cout << "link loss including the detectors: " << lossMin << " to " << lossMax
              << " dB (Liao et al. 2017: about 22 dB at 645 km to 35 dB at 1200 km)\n"
              << "largest |channel - closed form| " << maxLossDeviationDb
              << " dB; largest |measured - closed form| " << maxMeasuredDeviationSigma
              << " standard errors\n"
              << "secret key of the pass: " << keySim << " bits simulated, " << keyTh
              << " bits from the closed forms; peak " << peakRateBps << " bit/s; wall " << wall
              << " s\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + "-pass.csv");
        csv << std::setprecision(8);
        csv << "time_s,range_km,elevation_deg,loss_channel_db,loss_closed_form_db,loss_measured_"
               "db,loss_measured_sigma_db,gain_mu,qber_mu,rate_sim_bps,rate_analytic_bps,rate_"
               "infinite_bps\n";
        const double signalPerSecond = p.probs[0] * p.pulseRateHz;
        for (const Step& s : pass.steps)
        {
            csv << s.t << "," << s.rangeKm << "," << s.elevDeg << "," << s.lossSimDb << ","
                << s.lossThDb << "," << s.lossMeasDb << "," << s.lossMeasSigmaDb << "," << s.gainMu
                << "," << s.qberMu << "," << s.rateSim * signalPerSecond << ","
                << s.rateTh * signalPerSecond << "," << s.rateInf * signalPerSecond << "\n";
        }
        // Closed forms on a fine grid (no simulation): the analytic curves.
        std::ofstream curve(outputPrefix + "-curve.csv");
        curve << std::setprecision(8);
        curve << "time_s,range_km,elevation_deg,loss_closed_form_db,rate_analytic_bps\n";
        const double y0 = 1 - std::pow(1 - p.darkPerDetector, 2);
        for (int i = 0; i <= 400; ++i)
        {
            const Time t = Seconds(duration * i / 400.0);
            const double dd = pass.orbit->GetSlantRangeMeters(t);
            const double el = pass.orbit->GetElevationRad(t);
            const double tt = ClosedFormTransmittance(p, dd, el);
            const double eta = tt * p.detectorEfficiency;
            std::vector<double> qt(3);
            std::vector<double> et(3);
            const std::vector<double> m{p.mu, p.nu, 0.0};
            for (uint32_t l = 0; l < 3; ++l)
            {
                qt[l] = QkdKeyRateCalculator::ExpectedGain(m[l], eta, y0);
                et[l] = QkdKeyRateCalculator::ExpectedQber(m[l], eta, y0, p.misalignment);
            }
            curve << t.GetSeconds() << "," << dd / 1e3 << "," << el * 180 / M_PI << ","
                  << -10 * std::log10(tt) << "," << DecoyRate(p, qt, et) * signalPerSecond << "\n";
        }
        std::ofstream gp(outputPrefix + "-pass.gnuplot");
        gp << "set terminal png size 900,900\n"
           << "set output '" << outputPrefix << "-pass.png'\n"
           << "set datafile separator ','\n"
           << "set multiplot layout 2,1 title 'Satellite downlink pass, " << p.altitudeKm
           << " km orbit (cf. Liao et al., Nature 549, 43 (2017))'\n"
           << "set xlabel 'time since rising through " << p.minElevationDeg << " deg (s)'\n"
           << "set ylabel 'channel loss (dB)'\nset key top center\n"
           << "plot '" << outputPrefix
           << "-curve.csv' every ::1 using 1:4 with lines lw 2 title 'closed form', \\\n"
           << "     '" << outputPrefix
           << "-pass.csv' every ::1 using 1:4 with points pt 7 ps 0.6 title 'channel (mobility)', "
              "\\\n"
           << "     '' every 10::1 using 1:6:(5*$7) with yerrorbars pt 6 ps 0.6 title 'measured, "
              "every 10th step "
              "from detections (5 sigma)'\n"
           << "set ylabel 'secret key rate (bit/s)'\nset logscale y\n"
           << "plot '" << outputPrefix
           << "-curve.csv' every ::1 using 1:($5 > 0 ? $5 : 1/0) with lines lw 2 title "
              "'vacuum + weak decoy, closed form', \\\n"
           << "     '" << outputPrefix
           << "-pass.csv' every ::1 using 1:($10 > 0 ? $10 : 1/0) with points pt 7 ps 0.6 title "
              "'simulated'\n"
           << "unset multiplot\n";
    }

    std::cout << std::setprecision(8) << "{\"passSeconds\": " << duration
              << ", \"steps\": " << pass.steps.size() << ", \"lossMinDb\": " << lossMin
              << ", \"lossMaxDb\": " << lossMax
              << ", \"maxChannelVsClosedFormDb\": " << maxLossDeviationDb
              << ", \"maxMeasuredVsClosedFormSigma\": " << maxMeasuredDeviationSigma
              << ", \"keyBitsSim\": " << keySim << ", \"keyBitsAnalytic\": " << keyTh
              << ", \"peakRateBps\": " << peakRateBps << ", \"wallSeconds\": " << wall << "}"
              << std::endl;
    Simulator::Destroy();
    return 0;
}
