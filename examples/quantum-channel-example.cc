/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 *
 * Photons over a fibre: Alice sends --photons photons to Bob over
 * --distanceKm of fibre with --attenuationDbPerKm and --insertionLossDb,
 * built with QuantumChannelHelper.  Bob's QuantumNetDevice hands arrivals to
 * a port handler, which counts them and measures their delay.
 *
 *  - --signal=qubit: |+> photons from the state registry.  Each survives with
 *    probability eta = 10^(-(alpha L + IL)/10); the measured transmittance is
 *    delivered/sent with standard error sqrt(eta (1 - eta) / N).  Bob measures
 *    each photon in the X basis; with --misalignmentRad theta the error rate
 *    is sin^2(theta).
 *  - --signal=mode: weak coherent pulses.  Every pulse arrives carrying
 *    eta exactly, so the measured transmittance is exact.
 *
 * The delay is compared with L / v_g.  With --sweep the same is done at
 * --sweepPoints distances from 0 to --distanceKm; with --outputPrefix the
 * sweep is written as CSV with a gnuplot script.
 *
 * Run: ./quantum-channel-example --distanceKm=50 --photons=100000
 * The last line of stdout is a JSON summary.
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/double.h"
#include "ns3/network-module.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"
#include "ns3/quantum-state-registry.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("QuantumChannelExample");

namespace
{

/** Settings of one run. */
struct Settings
{
    double distanceKm;         //!< fibre length
    double attenuationDbPerKm; //!< fibre attenuation
    double insertionLossDb;    //!< insertion loss
    double misalignmentRad;    //!< polarization misalignment
    uint32_t photons;          //!< photons sent
    bool qubit;                //!< QUBIT photons (else MODE pulses)
    double pulseRateHz;        //!< emission rate
    double groupVelocity;      //!< group velocity in m/s
};

/** What Bob saw. */
struct Result
{
    double distanceKm = 0;            //!< fibre length
    uint32_t sent = 0;                //!< photons sent
    uint32_t delivered = 0;           //!< photons delivered
    uint32_t errors = 0;              //!< X-basis errors (QUBIT)
    double transmittance = 0;         //!< measured transmittance
    double standardError = 0;         //!< its standard error
    double expectedTransmittance = 0; //!< 10^(-(alpha L + IL)/10)
    double delaySeconds = 0;          //!< measured mean delay
    double expectedDelaySeconds = 0;  //!< L / v_g
    double maxDelayErrorSeconds = 0;  //!< largest |delay - L/v_g|
};

/** Bob's port handler. */
struct Bob
{
    Ptr<QuantumStateRegistry> registry; //!< the state engine
    Result* result;                     //!< where to count
    double transmittanceSum = 0;        //!< sum of carried transmittances (MODE)
    double delaySum = 0;                //!< sum of delays
    Time expectedDelay;                 //!< L / v_g

    /**
     * Count an arrival.
     * @param s the signal
     * @param d Bob's device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> d)
    {
        ++result->delivered;
        const Time delay = Simulator::Now() - s->GetEmissionTime();
        delaySum += delay.GetSeconds();
        result->maxDelayErrorSeconds = std::max(result->maxDelayErrorSeconds,
                                                std::abs((delay - expectedDelay).GetSeconds()));
        if (s->GetKind() == QuantumSignal::QUBIT)
        {
            result->errors += registry->Measure(s->GetQubit(), MeasurementBasis::XBasis(), true);
        }
        else
        {
            transmittanceSum += s->GetTransmittance();
        }
    }
};

/**
 * Alice: emits the pulses in trains of up to 4096 from one event each, every
 * pulse stamped with its own emission time (the channel delivers each at its
 * time), then schedules the next train at the emission time of its first
 * pulse, so that memory stays bounded however many photons are sent.
 * @param device Alice's device
 * @param registry the state engine
 * @param settings the settings
 * @param first index of the first pulse of this train
 */
void
EmitTrain(Ptr<QuantumNetDevice> device,
          Ptr<QuantumStateRegistry> registry,
          Settings settings,
          uint32_t first)
{
    const uint32_t trainLength = 4096;
    const Time period = Seconds(1.0 / settings.pulseRateHz);
    const uint32_t end = std::min(settings.photons, first + trainLength);
    for (uint32_t i = first; i < end; ++i)
    {
        Ptr<QuantumSignal> s;
        if (settings.qubit)
        {
            QubitHandle q = registry->CreateQubit();
            registry->ApplyGate(QuantumGate::Hadamard(), {q}); // |+>
            s = QuantumSignal::CreateQubit(q);
        }
        else
        {
            s = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 1, 0);
        }
        s->SetPort(9);
        s->SetTimeBin(i);
        s->SetEmissionTime(period * int64_t(i));
        device->SendSignal(s);
    }
    if (end < settings.photons)
    {
        Simulator::Schedule(period * int64_t(end) - Simulator::Now(),
                            &EmitTrain,
                            device,
                            registry,
                            settings,
                            end);
    }
}

/**
 * One simulation at one distance.
 * @param settings the settings
 * @param run the RngRun
 * @param firstStream first random stream index (sweep points use disjoint
 *        streams, so their estimates are independent)
 * @return what Bob measured
 */
Result
RunOnce(const Settings& settings, uint32_t run, int64_t firstStream)
{
    RngSeedManager::SetRun(run);
    NodeContainer nodes;
    nodes.Create(2);
    QuantumChannelHelper helper;
    helper.SetChannelAttribute("LengthKm", DoubleValue(settings.distanceKm));
    helper.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(settings.attenuationDbPerKm));
    helper.SetChannelAttribute("InsertionLossDb", DoubleValue(settings.insertionLossDb));
    helper.SetChannelAttribute("GroupVelocityMetersPerSecond", DoubleValue(settings.groupVelocity));
    if (settings.misalignmentRad != 0)
    {
        helper.AddModel("ns3::PolarizationMisalignmentModel",
                        "AngleRad",
                        DoubleValue(settings.misalignmentRad));
    }
    NetDeviceContainer devices = helper.Install(nodes.Get(0), nodes.Get(1));
    int64_t stream = firstStream;
    stream += helper.AssignStreams(devices, stream);
    Ptr<QuantumStateRegistry> registry = QuantumStateRegistry::GetDefault();
    registry->SetDefaultFormalism(QuantumFormalism::STATE_VECTOR);
    registry->AssignStreams(stream);

    Ptr<QuantumNetDevice> alice = DynamicCast<QuantumNetDevice>(devices.Get(0));
    Ptr<QuantumNetDevice> bob = DynamicCast<QuantumNetDevice>(devices.Get(1));
    Ptr<QuantumChannel> channel = QuantumChannelHelper::GetChannel(alice);

    Result r;
    r.distanceKm = settings.distanceKm;
    r.sent = settings.photons;
    Bob b;
    b.registry = registry;
    b.result = &r;
    b.expectedDelay = channel->GetPropagationDelay(alice, bob);
    bob->RegisterHandler(9, MakeCallback(&Bob::Receive, &b));

    Simulator::ScheduleNow(&EmitTrain, alice, registry, settings, 0u);
    Simulator::Run();

    r.expectedTransmittance = std::pow(
        10.0,
        -(settings.attenuationDbPerKm * settings.distanceKm + settings.insertionLossDb) / 10);
    r.expectedDelaySeconds = settings.distanceKm * 1000.0 / settings.groupVelocity;
    if (r.delivered > 0)
    {
        r.delaySeconds = b.delaySum / r.delivered;
    }
    if (settings.qubit)
    {
        r.transmittance = double(r.delivered) / r.sent;
        r.standardError = std::sqrt(r.transmittance * (1 - r.transmittance) / r.sent);
    }
    else
    {
        r.transmittance = r.delivered > 0 ? b.transmittanceSum / r.delivered : 0;
        r.standardError = 0; // every pulse carries eta exactly
    }
    bob->UnregisterHandler(9);
    Simulator::Destroy();
    return r;
}

/**
 * @param x a number
 * @return its decimal form with 10 significant digits
 */
std::string
Num(double x)
{
    std::ostringstream s;
    s << std::setprecision(10) << x;
    return s.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    double distanceKm = 25.0;
    double attenuationDbPerKm = 0.2;
    double insertionLossDb = 0.0;
    double misalignmentRad = 0.0;
    uint32_t photons = 20000;
    std::string signal = "qubit";
    double pulseRateHz = 1e8;
    double groupVelocityMetersPerSecond = 2e8;
    bool sweep = false;
    uint32_t sweepPoints = 11;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("distanceKm", "Fibre length in km (largest distance of a sweep)", distanceKm);
    cmd.AddValue("attenuationDbPerKm", "Fibre attenuation in dB/km", attenuationDbPerKm);
    cmd.AddValue("insertionLossDb", "Insertion loss in dB", insertionLossDb);
    cmd.AddValue("misalignmentRad",
                 "Polarization misalignment angle in rad (qubit mode: X-basis error sin^2)",
                 misalignmentRad);
    cmd.AddValue("photons", "Number of photons sent (per distance)", photons);
    cmd.AddValue("signal", "qubit (registry |+> photons) or mode (weak coherent pulses)", signal);
    cmd.AddValue("pulseRateHz", "Emission rate in Hz", pulseRateHz);
    cmd.AddValue("groupVelocityMetersPerSecond",
                 "Group velocity of light in the fibre, m/s",
                 groupVelocityMetersPerSecond);
    cmd.AddValue("sweep", "Also sweep the distance from 0 to distanceKm", sweep);
    cmd.AddValue("sweepPoints", "Number of distances in the sweep", sweepPoints);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot (sweep)", outputPrefix);
    cmd.AddValue("seed", "RngSeed", seed);
    cmd.AddValue("run", "RngRun", run);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(signal != "qubit" && signal != "mode",
                    "--signal must be qubit or mode, got '" << signal << "'");
    NS_ABORT_MSG_IF(photons == 0, "--photons must be at least 1");
    NS_ABORT_MSG_IF(!(pulseRateHz > 0), "--pulseRateHz must be > 0");
    NS_ABORT_MSG_IF(sweepPoints < 2, "--sweepPoints must be at least 2");
    RngSeedManager::SetSeed(seed);

    Settings settings{distanceKm,
                      attenuationDbPerKm,
                      insertionLossDb,
                      misalignmentRad,
                      photons,
                      signal == "qubit",
                      pulseRateHz,
                      groupVelocityMetersPerSecond};
    const Result r = RunOnce(settings, run, 1);
    const double z
        = r.standardError > 0 ? (r.transmittance - r.expectedTransmittance) / r.standardError : 0.0;

    std::cout << "Quantum channel: " << photons << " " << signal << " photons over " << distanceKm
              << " km of fibre (" << attenuationDbPerKm << " dB/km, insertion loss "
              << insertionLossDb << " dB)\n"
              << "  delivered              " << r.delivered << "\n"
              << "  transmittance          " << Num(r.transmittance) << " +- "
              << Num(r.standardError)
              << "   expected 10^(-(aL+IL)/10) = " << Num(r.expectedTransmittance) << "  ("
              << Num(z) << " standard errors)\n"
              << "  mean delay             " << Num(r.delaySeconds)
              << " s   expected L/v_g = " << Num(r.expectedDelaySeconds)
              << " s  (largest deviation " << Num(r.maxDelayErrorSeconds) << " s)\n";
    double errorRate = 0;
    if (settings.qubit && r.delivered > 0)
    {
        errorRate = double(r.errors) / r.delivered;
        const double s = std::sin(misalignmentRad);
        std::cout << "  X-basis error rate     " << Num(errorRate)
                  << "   expected sin^2(theta) = " << Num(s * s) << "\n";
    }

    std::vector<Result> points;
    if (sweep)
    {
        for (uint32_t i = 0; i < sweepPoints; ++i)
        {
            Settings s = settings;
            s.distanceKm = distanceKm * i / (sweepPoints - 1);
            points.push_back(RunOnce(s, run, 100 * (i + 1)));
        }
        std::cout << "  sweep (km, measured, expected):\n";
        for (const auto& p : points)
        {
            std::cout << "    " << std::setw(8) << Num(p.distanceKm) << "  " << std::setw(14)
                      << Num(p.transmittance) << "  " << Num(p.expectedTransmittance) << "\n";
        }
    }
    if (!outputPrefix.empty())
    {
        if (points.empty())
        {
            points.push_back(r);
        }
        std::ofstream csv(outputPrefix + ".csv");
        csv << "distance_km,transmittance,standard_error,expected_transmittance,delay_s,"
               "expected_delay_s\n";
        for (const auto& p : points)
        {
            csv << Num(p.distanceKm) << "," << Num(p.transmittance) << "," << Num(p.standardError)
                << "," << Num(p.expectedTransmittance) << "," << Num(p.delaySeconds) << ","
                << Num(p.expectedDelaySeconds) << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal pngcairo size 800,500\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set logscale y\n"
           << "set xlabel 'distance (km)'\n"
           << "set ylabel 'transmittance'\n"
           << "set key top right\n"
           << "plot '" << outputPrefix
           << ".csv' skip 1 using 1:2:3 with yerrorbars title 'simulated', \\\n"
           << "     '" << outputPrefix
           << ".csv' skip 1 using 1:4 with lines title '10^{-({/Symbol a}L+IL)/10}'\n";
        std::cout << "  wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::cout << "{\"signal\":\"" << signal << "\",\"distanceKm\":" << Num(distanceKm)
              << ",\"photons\":" << photons << ",\"delivered\":" << r.delivered
              << ",\"transmittance\":" << Num(r.transmittance)
              << ",\"standardError\":" << Num(r.standardError)
              << ",\"expectedTransmittance\":" << Num(r.expectedTransmittance)
              << ",\"deviationInStandardErrors\":" << Num(z)
              << ",\"delaySeconds\":" << Num(r.delaySeconds)
              << ",\"expectedDelaySeconds\":" << Num(r.expectedDelaySeconds)
              << ",\"maxDelayErrorSeconds\":" << Num(r.maxDelayErrorSeconds)
              << ",\"xBasisErrorRate\":" << Num(errorRate) << ",\"sweepPoints\":" << points.size()
              << "}" << std::endl;
    return 0;
}
