/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Entanglement-based QKD: an SPDC pair source (thermal pair-number
 * statistics, multi-pair emissions) in the middle of a fibre link, two
 * polarization analyzers with threshold detectors, and the classical
 * post-processing over TCP.  --protocol=bbm92 measures in Z and X
 * (Bennett, Brassard and Mermin 1992); --protocol=e91 uses Ekert's three
 * settings per side and reports the CHSH value S (2 sqrt 2 for a perfect
 * source; > 2 violates Bell's inequality).  The last line of stdout is a
 * JSON summary; --outputPrefix writes the key produced over time as CSV
 * with a gnuplot script.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/spdc-pair-source.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{
std::map<uint64_t, QkdBitString> g_alice;             //!< Alice's key blocks
std::map<uint64_t, QkdBitString> g_bob;               //!< Bob's key blocks
std::vector<std::pair<double, double>> g_keyOverTime; //!< (time, cumulative bits)

/**
 * @param key key
 * @param id block id
 */
void
AliceKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
{
    g_alice[id] = key;
}

/**
 * @param key key
 * @param id block id
 */
void
BobKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
{
    static double total = 0;
    total += key.GetSize();
    g_bob[id] = key;
    g_keyOverTime.emplace_back(Simulator::Now().GetSeconds(), total);
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string protocol = "bbm92";
    double distanceKm = 20;
    double attenuationDbPerKm = 0.2;
    double detectorEfficiency = 0.2;
    double darkCountProbability = 1e-6;
    double misalignment = 0.01;
    std::string encoding = "polarization";
    double timeBinZError = 0;
    double meanPairNumber = 0.02;
    double pulseRateHz = 1e9;
    uint64_t pulses = 200000000;
    uint64_t framePulses = 200000000;
    double errorCorrectionEfficiency = 1.16;
    double qberThreshold = 0.11;
    std::string classicalDelay = "100us";
    std::string classicalDataRate = "1Gbps";
    bool finiteKey = false;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("protocol", "bbm92 or e91", protocol);
    cmd.AddValue("distanceKm", "Alice-Bob fibre length, km (source in the middle)", distanceKm);
    cmd.AddValue("attenuationDbPerKm", "fibre attenuation, dB/km", attenuationDbPerKm);
    cmd.AddValue("detectorEfficiency", "detector efficiency", detectorEfficiency);
    cmd.AddValue("darkCountProbability",
                 "dark-count probability per detector per gate",
                 darkCountProbability);
    cmd.AddValue("misalignment",
                 "misalignment error e_d per arm (time-bin: the X-basis error (1 - V)/2)",
                 misalignment);
    cmd.AddValue("encoding", "polarization or time-bin", encoding);
    cmd.AddValue("timeBinZError",
                 "time-bin: probability of a detection in the wrong time bin per arm",
                 timeBinZError);
    cmd.AddValue("meanPairNumber", "SPDC mean pair number per pump pulse", meanPairNumber);
    cmd.AddValue("pulseRateHz", "pump pulse rate, Hz", pulseRateHz);
    cmd.AddValue("pulses", "pump pulses", pulses);
    cmd.AddValue("framePulses", "pulses per post-processing frame", framePulses);
    cmd.AddValue("errorCorrectionEfficiency",
                 "f in the reported asymptotic rate",
                 errorCorrectionEfficiency);
    cmd.AddValue("qberThreshold", "abort threshold", qberThreshold);
    cmd.AddValue("classicalDelay", "classical link delay", classicalDelay);
    cmd.AddValue("classicalDataRate", "classical link data rate", classicalDataRate);
    cmd.AddValue("finiteKey", "finite-key length", finiteKey);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix", "write <prefix>-key.csv and <prefix>-key.gnuplot", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(protocol != "bbm92" && protocol != "e91",
                    "--protocol must be bbm92 or e91, got " << protocol);
    NS_ABORT_MSG_IF(encoding != "polarization" && encoding != "time-bin",
                    "--encoding must be polarization or time-bin, got " << encoding);
    NS_ABORT_MSG_IF(timeBinZError < 0 || timeBinZError > 0.5,
                    "--timeBinZError must be in [0, 0.5], got " << timeBinZError);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const auto wallStart = std::chrono::steady_clock::now();

    NodeContainer nodes;
    nodes.Create(2);
    QkdHelper qkd;
    qkd.SetLinkAttribute("Protocol", StringValue(protocol == "e91" ? "E91" : "BBM92"));
    qkd.SetLinkAttribute("PulseRateHz", DoubleValue(pulseRateHz));
    qkd.SetLinkAttribute("Encoding",
                         StringValue(encoding == "time-bin" ? "TimeBin" : "Polarization"));
    qkd.SetLinkAttribute("TimeBinZError", DoubleValue(timeBinZError));
    qkd.SetLinkAttribute("TotalPulses", UintegerValue(pulses));
    qkd.SetLinkAttribute("FramePulses", UintegerValue(std::min(framePulses, pulses)));
    qkd.SetChannelAttribute("LengthKm", DoubleValue(distanceKm / 2));
    qkd.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(attenuationDbPerKm));
    if (misalignment > 0)
    {
        qkd.SetMisalignment(misalignment);
    }
    qkd.SetClassicalAttribute("Delay", StringValue(classicalDelay));
    qkd.SetClassicalAttribute("DataRate", StringValue(classicalDataRate));
    qkd.SetSessionAttribute("ErrorCorrectionEfficiency", DoubleValue(errorCorrectionEfficiency));
    qkd.SetSessionAttribute("QberThreshold", DoubleValue(qberThreshold));
    qkd.SetSessionAttribute("FiniteKey", BooleanValue(finiteKey));
    Ptr<SpdcPairSource> spdc = CreateObject<SpdcPairSource>();
    spdc->SetMeanPairNumber(meanPairNumber);
    qkd.SetLinkAttribute("PairSource", PointerValue(spdc));
    for (const std::string who : {"AliceAnalyzer", "BobAnalyzer"})
    {
        Ptr<PolarizationAnalyzer> an = CreateObject<PolarizationAnalyzer>();
        for (uint32_t k = 0; k < 2; ++k)
        {
            an->GetDetector(k)->SetEfficiency(detectorEfficiency);
            an->GetDetector(k)->SetDarkCountProbability(darkCountProbability);
        }
        qkd.SetLinkAttribute(who, PointerValue(an));
    }
    QkdLinkInstance link = qkd.Install(nodes.Get(0), nodes.Get(1));
    qkd.AssignStreams(link, 2000);
    link.alice->TraceConnectWithoutContext("SecretKey", MakeCallback(&AliceKey));
    link.bob->TraceConnectWithoutContext("SecretKey", MakeCallback(&BobKey));
    Simulator::Run();

    uint64_t bits = 0;
    uint64_t mismatches = 0;
    for (const auto& [id, key] : g_bob)
    {
        bits += key.GetSize();
        mismatches += (g_alice.count(id) == 0 || g_alice[id] != key) ? 1 : 0;
    }
    const QkdSessionStatistics& s = link.bob->GetStatistics();
    const QkdLinkTruth& truth = link.link->GetTruth();
    const double tA = link.link->GetAliceChannelTransmittance() * detectorEfficiency;
    const double tB = link.link->GetBobChannelTransmittance() * detectorEfficiency;
    const double ratePerPulse = link.bob->GetAsymptoticRatePerPulse();
    const double lastKey = s.lastKeyTime.GetSeconds();
    const double keyRateBps = lastKey > 0.1 ? bits / (lastKey - 0.1) : 0;
    const bool aborted = s.frames > 0 && s.abortedFrames == s.frames;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::cout << std::setprecision(6);
    std::cout << protocol << ": SPDC mu = " << meanPairNumber << " in the middle of " << distanceKm
              << " km; arm transmittances (with detectors) " << tA << ", " << tB << "; encoding "
              << encoding << "\n";
    std::cout << "pump pulses " << s.pulses << ", Alice clicks " << truth.aliceClicks
              << ", Bob clicks " << truth.bobClicks << ", coincidences " << s.detections << "\n";
    std::cout << "sifted bits " << s.siftedBits << ", QBER " << s.GetQber() << ", Cascade f "
              << s.GetCascadeEfficiency() << "\n";
    if (protocol == "e91")
    {
        std::cout << "CHSH S = " << s.chshS << " (2 sqrt 2 = " << 2 * std::sqrt(2.0) << ")\n";
    }
    std::cout << "secret key " << bits << " bits, mismatching blocks " << mismatches
              << ", asymptotic rate " << ratePerPulse << " bits/pulse, PLOB (per arm) "
              << QkdKeyRateCalculator::PlobBound(std::min(tB, 0.999999)) << "\n";
    std::cout << "last key block at " << lastKey << " s, key rate " << keyRateBps << " bit/s; wall "
              << wall << " s\n";
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
    std::cout << "{\"encoding\": \"" << encoding << "\", \"pulses\": " << s.pulses
              << ", \"detections\": " << s.detections << ", \"siftedBits\": " << s.siftedBits
              << ", \"qber\": " << s.GetQber() << ", \"gain\": " << s.GetGain(0)
              << ", \"secretKeyBits\": " << bits << ", \"secretKeyRatePerPulse\": " << ratePerPulse
              << ", \"secretKeyRateBps\": " << keyRateBps
              << ", \"aborted\": " << (aborted ? "true" : "false");
    if (protocol == "e91")
    {
        std::cout << ", \"chsh\": " << s.chshS;
    }
    std::cout << ", \"keyBlocksEqual\": " << (mismatches == 0 ? "true" : "false")
              << ", \"wallSeconds\": " << wall << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
