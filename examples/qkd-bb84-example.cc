/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * BB84 over a fibre with a single-photon source or weak coherent pulses
 * with decoy states (signal, weak decoy, vacuum), two threshold detectors
 * with efficiency, dark counts per gate, dead time and misalignment, an
 * optional eavesdropper (intercept-resend or photon-number splitting), and
 * the whole classical post-processing (sifting, parameter estimation, decoy
 * bounds, Cascade, verification, Toeplitz privacy amplification,
 * Wegman-Carter authentication) over a TCP connection on a point-to-point
 * link whose delay, data rate and loss are options.
 *
 * The report lists the measured gain and QBER per intensity next to their
 * closed forms (Ma, Qi, Zhao and Lo, PRA 72, 012326 (2005)), the decoy
 * bounds, the key really produced and the asymptotic key rate from the
 * measured quantities.  --outputPrefix writes the secret key produced over
 * simulated time as CSV with a gnuplot script.  The last line of stdout is
 * a JSON summary.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/single-photon-source.h"
#include "ns3/weak-coherent-source.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{
std::vector<std::pair<double, double>> g_keyOverTime; //!< (time s, cumulative key bits)
uint64_t g_aliceKeyBits = 0;                          //!< key bits delivered at Alice
uint64_t g_keyMismatches = 0;                         //!< blocks that differ between ends
std::map<uint64_t, QkdBitString> g_aliceBlocks;       //!< Alice's blocks by id

/**
 * SecretKey at Alice.
 * @param key key bits
 * @param id block id
 */
void
AliceKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
{
    g_aliceBlocks[id] = key;
    g_aliceKeyBits += key.GetSize();
}

/**
 * SecretKey at Bob (after Alice's, since Alice's PRIVACY message is sent by Bob:
 * Bob delivers first).
 * @param key key bits
 * @param id block id
 */
void
BobKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
{
    static uint64_t total = 0;
    total += key.GetSize();
    g_keyOverTime.emplace_back(Simulator::Now().GetSeconds(), total);
    g_aliceBlocks[id ^ (1ULL << 63)] = key; // compared at the end
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string source = "wcp";
    double distanceKm = 25;
    double attenuationDbPerKm = 0.2;
    double detectorEfficiency = 0.1;
    double darkCountProbability = 1e-6;
    double misalignment = 0.01;
    std::string encoding = "polarization";
    double timeBinZError = 0;
    double mu = 0.5;
    double nu = 0.1;
    bool vacuumDecoy = true;
    double signalProbability = 0.8;
    double pulseRateHz = 1e9;
    uint64_t pulses = 100000000;
    uint64_t framePulses = 20000000;
    double errorCorrectionEfficiency = 1.16;
    std::string eavesdropper = "none";
    double interceptFraction = 1.0;
    double deadTimeNs = 0;
    double qberThreshold = 0.11;
    std::string classicalDelay = "250us";
    std::string classicalDataRate = "1Gbps";
    double classicalLossRate = 0;
    bool finiteKey = false;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("source", "single-photon or wcp", source);
    cmd.AddValue("distanceKm", "fibre length, km", distanceKm);
    cmd.AddValue("attenuationDbPerKm", "fibre attenuation, dB/km", attenuationDbPerKm);
    cmd.AddValue("detectorEfficiency", "detector efficiency", detectorEfficiency);
    cmd.AddValue("darkCountProbability",
                 "dark-count probability per detector per gate",
                 darkCountProbability);
    cmd.AddValue("misalignment",
                 "misalignment error e_d (time-bin: the X-basis error (1 - V)/2 of the "
                 "interferometer visibility V)",
                 misalignment);
    cmd.AddValue("encoding", "polarization or time-bin", encoding);
    cmd.AddValue("timeBinZError",
                 "time-bin: probability of a detection in the wrong time bin (Z-basis error)",
                 timeBinZError);
    cmd.AddValue("mu", "signal mean photon number (wcp)", mu);
    cmd.AddValue("nu", "weak decoy mean photon number (wcp; 0: no decoys)", nu);
    cmd.AddValue("vacuumDecoy", "send vacuum decoys (wcp)", vacuumDecoy);
    cmd.AddValue("signalProbability",
                 "probability of the signal intensity (wcp)",
                 signalProbability);
    cmd.AddValue("pulseRateHz", "pulse rate, Hz", pulseRateHz);
    cmd.AddValue("pulses", "pulses to send", pulses);
    cmd.AddValue("framePulses", "pulses per post-processing frame", framePulses);
    cmd.AddValue("errorCorrectionEfficiency",
                 "f in the reported asymptotic rate",
                 errorCorrectionEfficiency);
    cmd.AddValue("eavesdropper", "none, intercept-resend or pns", eavesdropper);
    cmd.AddValue("interceptFraction", "fraction intercepted (intercept-resend)", interceptFraction);
    cmd.AddValue("deadTimeNs", "detector dead time, ns", deadTimeNs);
    cmd.AddValue("qberThreshold", "abort threshold", qberThreshold);
    cmd.AddValue("classicalDelay", "classical link delay", classicalDelay);
    cmd.AddValue("classicalDataRate", "classical link data rate", classicalDataRate);
    cmd.AddValue("classicalLossRate", "classical packet loss rate", classicalLossRate);
    cmd.AddValue("finiteKey", "finite-key length (single-photon source only)", finiteKey);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix", "write <prefix>-key.csv and <prefix>-key.gnuplot", outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(source != "wcp" && source != "single-photon",
                    "--source must be single-photon or wcp, got " << source);
    NS_ABORT_MSG_IF(eavesdropper != "none" && eavesdropper != "intercept-resend"
                        && eavesdropper != "pns",
                    "--eavesdropper must be none, intercept-resend or pns, got " << eavesdropper);
    NS_ABORT_MSG_IF(encoding != "polarization" && encoding != "time-bin",
                    "--encoding must be polarization or time-bin, got " << encoding);
    NS_ABORT_MSG_IF(timeBinZError < 0 || timeBinZError > 0.5,
                    "--timeBinZError must be in [0, 0.5], got " << timeBinZError);
    const bool timeBin = encoding == "time-bin";
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const auto wallStart = std::chrono::steady_clock::now();

    NodeContainer nodes;
    nodes.Create(2);
    QkdHelper qkd;
    qkd.SetLinkAttribute("Protocol", StringValue("BB84"));
    qkd.SetLinkAttribute("SourceType", StringValue(source == "wcp" ? "Wcp" : "SinglePhoton"));
    qkd.SetLinkAttribute("PulseRateHz", DoubleValue(pulseRateHz));
    qkd.SetLinkAttribute("Encoding", StringValue(timeBin ? "TimeBin" : "Polarization"));
    qkd.SetLinkAttribute("TimeBinZError", DoubleValue(timeBinZError));
    qkd.SetLinkAttribute("TotalPulses", UintegerValue(pulses));
    qkd.SetLinkAttribute("FramePulses", UintegerValue(std::min(framePulses, pulses)));
    qkd.SetChannelAttribute("LengthKm", DoubleValue(distanceKm));
    qkd.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(attenuationDbPerKm));
    if (misalignment > 0)
    {
        qkd.SetMisalignment(misalignment);
    }
    qkd.SetClassicalAttribute("Delay", StringValue(classicalDelay));
    qkd.SetClassicalAttribute("DataRate", StringValue(classicalDataRate));
    qkd.SetClassicalLossRate(classicalLossRate);
    qkd.SetSessionAttribute("ErrorCorrectionEfficiency", DoubleValue(errorCorrectionEfficiency));
    qkd.SetSessionAttribute("QberThreshold", DoubleValue(qberThreshold));
    qkd.SetSessionAttribute("FiniteKey", BooleanValue(finiteKey));
    if (eavesdropper == "intercept-resend")
    {
        qkd.SetEavesdropper("ns3::QkdInterceptResendEavesdropper");
        qkd.SetEavesdropperAttribute("InterceptFraction", DoubleValue(interceptFraction));
    }
    else if (eavesdropper == "pns")
    {
        qkd.SetEavesdropper("ns3::QkdPnsEavesdropper");
    }
    // The link's sources must be configured before Install checks them.
    Ptr<WeakCoherentSource> wcp = CreateObject<WeakCoherentSource>();
    std::vector<double> intensities{mu};
    std::vector<double> probs{1.0};
    if (source == "wcp" && nu > 0)
    {
        intensities = {mu, nu, 0.0};
        const double rest = 1 - signalProbability;
        probs = {signalProbability, vacuumDecoy ? rest / 2 : rest, vacuumDecoy ? rest / 2 : 0.0};
    }
    wcp->SetIntensities(intensities);
    wcp->SetProbabilities(probs);
    qkd.SetLinkAttribute("WeakCoherentSource", PointerValue(wcp));
    Ptr<PolarizationAnalyzer> analyzer = CreateObject<PolarizationAnalyzer>();
    for (uint32_t k = 0; k < 2; ++k)
    {
        Ptr<SinglePhotonDetector> d = analyzer->GetDetector(k);
        d->SetEfficiency(detectorEfficiency);
        d->SetDarkCountProbability(darkCountProbability);
        d->SetDeadTime(NanoSeconds(deadTimeNs));
    }
    qkd.SetLinkAttribute("BobAnalyzer", PointerValue(analyzer));
    QkdLinkInstance link = qkd.Install(nodes.Get(0), nodes.Get(1));
    qkd.AssignStreams(link, 1000);
    link.alice->TraceConnectWithoutContext("SecretKey", MakeCallback(&AliceKey));
    link.bob->TraceConnectWithoutContext("SecretKey", MakeCallback(&BobKey));

    Simulator::Run();
    const double simSeconds = Simulator::Now().GetSeconds();

    // Bit equality of the two ends' blocks.
    uint64_t bobBits = 0;
    for (const auto& [id, key] : g_aliceBlocks)
    {
        if (id & (1ULL << 63))
        {
            bobBits += key.GetSize();
            auto it = g_aliceBlocks.find(id ^ (1ULL << 63));
            g_keyMismatches += (it == g_aliceBlocks.end() || it->second != key) ? 1 : 0;
        }
    }
    const QkdSessionStatistics& s = link.bob->GetStatistics();
    const QkdLinkTruth& truth = link.link->GetTruth();
    const double eta = link.link->GetBobChannelTransmittance() * detectorEfficiency;
    const double y0 = 1 - (1 - darkCountProbability) * (1 - darkCountProbability);
    const double ratePerPulse = link.bob->GetAsymptoticRatePerPulse();
    const double pulseTime = pulses / pulseRateHz;
    // Key rate over the time from the first pulse to the last key delivery
    // (post-processing included; the link starts at 0.1 s).
    const double lastKey = s.lastKeyTime.GetSeconds();
    const double keyRateBps = lastKey > 0.1 ? bobBits / (lastKey - 0.1) : 0;
    QkdSinglePhotonEstimate single{0, 0.5, 0};
    link.bob->GetSinglePhotonEstimate(single);
    const bool aborted = s.frames > 0 && s.abortedFrames == s.frames;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    std::cout << std::setprecision(6);
    std::cout << "BB84 (" << source << ") over " << distanceKm << " km, eta = " << eta
              << " (channel x detector), Y0 = " << y0 << ", encoding " << encoding
              << ", e_d = " << misalignment
              << (timeBin ? " (X basis), time-bin Z error " + std::to_string(timeBinZError) : "")
              << ", eavesdropper " << eavesdropper << "\n";
    std::cout << "pulses " << s.pulses << " (" << pulseTime << " s at " << pulseRateHz
              << " Hz), detections " << s.detections << ", double clicks " << truth.doubleClicks
              << "\n";
    // Per-basis errors of the encoding: e_Z (time bin: TimeBinZError), e_X = e_d.
    const double errorZ = timeBin ? timeBinZError : misalignment;
    const double errorX = misalignment;
    DoubleValue zProbability;
    link.link->GetAttribute("ZBasisProbability", zProbability);
    const double wz = zProbability.Get() * zProbability.Get();
    const double wx = (1 - zProbability.Get()) * (1 - zProbability.Get());
    for (uint32_t l = 0; l < link.link->GetNumLabels(); ++l)
    {
        const double m = link.link->GetIntensity(l);
        // Sifted bits per basis are in the ratio p_Z^2 : p_X^2.
        const double expected = (wz * QkdKeyRateCalculator::ExpectedQber(m, eta, y0, errorZ)
                                 + wx * QkdKeyRateCalculator::ExpectedQber(m, eta, y0, errorX))
                                / (wz + wx);
        std::cout << "  intensity " << m << ": gain " << s.GetGain(l) << " (closed form "
                  << 1 - (1 - y0) * std::exp(-eta * m) << "), QBER " << s.GetQberOfLabel(l)
                  << " (Ma2005 eq. 11: " << expected << ")\n";
    }
    const double qberZ
        = s.sampleBitsPerBasis[0] ? double(s.sampleErrorsPerBasis[0]) / s.sampleBitsPerBasis[0] : 0;
    const double qberX
        = s.sampleBitsPerBasis[1] ? double(s.sampleErrorsPerBasis[1]) / s.sampleBitsPerBasis[1] : 0;
    const double m0 = link.link->GetIntensity(0);
    std::cout << "QBER per basis (sampled bits): Z " << qberZ << ", X " << qberX
              << " (Ma2005 eq. 11 at intensity " << m0 << ": Z "
              << QkdKeyRateCalculator::ExpectedQber(m0, eta, y0, errorZ) << ", X "
              << QkdKeyRateCalculator::ExpectedQber(m0, eta, y0, errorX) << ")\n";
    std::cout << "single-photon estimate: Q1 " << single.gain << ", e1 " << single.errorRate
              << "\n";
    std::cout << "frames " << s.frames << " (aborted " << s.abortedFrames << "), sifted bits "
              << s.siftedBits << ", Cascade leaked " << s.leakedBits
              << " bits, f = " << s.GetCascadeEfficiency() << ", rounds " << s.cascadeRounds
              << "\n";
    std::cout << "secret key: " << bobBits << " bits at Bob, " << g_aliceKeyBits
              << " at Alice, mismatching blocks " << g_keyMismatches << "; authentication used "
              << s.authKeyBits << " bits\n";
    std::cout << "asymptotic rate from measured quantities: " << ratePerPulse
              << " bits/pulse; PLOB bound "
              << QkdKeyRateCalculator::PlobBound(std::min(eta, 0.999999)) << "\n";
    std::cout << "simulated " << simSeconds << " s, last key block at " << lastKey
              << " s, key rate " << keyRateBps << " bit/s; wall " << wall << " s\n";

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + "-key.csv");
        csv << "time_s,secret_key_bits\n";
        for (const auto& [t, b] : g_keyOverTime)
        {
            csv << t << "," << b << "\n";
        }
        std::ofstream gp(outputPrefix + "-key.gnuplot");
        gp << "set terminal png size 800,500\nset output '" << outputPrefix << "-key.png'\n"
           << "set datafile separator ','\nset xlabel 'simulated time (s)'\n"
           << "set ylabel 'secret key bits'\nset key off\n"
           << "plot '" << outputPrefix << "-key.csv' every ::1 using 1:2 with steps lw 2\n";
    }

    std::cout << "{\"encoding\": \"" << encoding << "\", \"timeBinZError\": " << timeBinZError
              << ", \"pulses\": " << s.pulses << ", \"detections\": " << s.detections
              << ", \"siftedBits\": " << s.siftedBits << ", \"qber\": " << s.GetQber()
              << ", \"qberZ\": " << qberZ << ", \"qberX\": " << qberX
              << ", \"gain\": " << s.GetGain(0) << ", \"secretKeyBits\": " << bobBits
              << ", \"secretKeyRatePerPulse\": " << ratePerPulse
              << ", \"secretKeyRateBps\": " << keyRateBps
              << ", \"aborted\": " << (aborted ? "true" : "false")
              << ", \"keyBlocksEqual\": " << (g_keyMismatches == 0 ? "true" : "false")
              << ", \"cascadeEfficiency\": " << s.GetCascadeEfficiency()
              << ", \"lastKeySeconds\": " << lastKey << ", \"simulatedSeconds\": " << simSeconds
              << ", \"wallSeconds\": " << wall << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
