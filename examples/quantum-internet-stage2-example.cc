/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Quantum-internet maturity stage 2, prepare-and-measure network (Wehner,
 * Elkouss, Hanson, Science 362, eaam9288 (2018)): any end user can prepare a
 * qubit state and send it to any other, who measures it; no node in between
 * is trusted.  Here: decoy-state BB84 end to end between two users over a
 * fibre (--distanceKm) with weak coherent pulses (signal, weak decoy,
 * vacuum), threshold detectors and the whole post-processing (sifting,
 * parameter estimation, Cascade, Toeplitz privacy amplification,
 * authentication) over TCP, all through QkdHelper.  The report compares the
 * measured gain and QBER of the signal intensity with the closed forms of
 * Ma, Qi, Zhao, Lo, PRA 72, 012326 (2005), eqs. (10)-(11), and checks that
 * both users hold the same secret key.  The last line of stdout is a JSON
 * object; --outputPrefix writes the key produced over time as CSV with a
 * gnuplot script.
 *
 *     ./quantum-internet-stage2-example --distanceKm=25 --pulses=20000000
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/weak-coherent-source.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

int
main(int argc, char* argv[])
{
    double distanceKm = 25;
    double detectorEfficiency = 0.1;
    double darkCountProbability = 1e-6;
    double misalignment = 0.01;
    double pulseRateHz = 1e9;
    uint64_t pulses = 20000000;
    uint64_t framePulses = 10000000;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;
    CommandLine cmd(__FILE__);
    cmd.AddValue("distanceKm", "Fibre length between the users, km", distanceKm);
    cmd.AddValue("detectorEfficiency", "Detector efficiency", detectorEfficiency);
    cmd.AddValue("darkCountProbability", "Dark-count probability per gate", darkCountProbability);
    cmd.AddValue("misalignment", "Optical misalignment error e_d", misalignment);
    cmd.AddValue("pulseRateHz", "Pulse rate, Hz", pulseRateHz);
    cmd.AddValue("pulses", "Pulses to send", pulses);
    cmd.AddValue("framePulses", "Pulses per post-processing frame", framePulses);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(!(distanceKm >= 0), "--distanceKm=" << distanceKm << " must be >= 0");
    NS_ABORT_MSG_IF(pulses == 0 || framePulses == 0, "--pulses and --framePulses must be > 0");
    NS_ABORT_MSG_IF(!(misalignment >= 0 && misalignment <= 0.5),
                    "--misalignment=" << misalignment << " must be in [0, 0.5]");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer users;
    users.Create(2);
    QkdHelper qkd;
    qkd.SetLinkAttribute("Protocol", StringValue("BB84"));
    qkd.SetLinkAttribute("SourceType", StringValue("Wcp"));
    qkd.SetLinkAttribute("PulseRateHz", DoubleValue(pulseRateHz));
    qkd.SetLinkAttribute("TotalPulses", UintegerValue(pulses));
    qkd.SetLinkAttribute("FramePulses", UintegerValue(std::min(framePulses, pulses)));
    qkd.SetChannelAttribute("LengthKm", DoubleValue(distanceKm));
    qkd.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(0.2));
    if (misalignment > 0)
    {
        qkd.SetMisalignment(misalignment);
    }
    Ptr<WeakCoherentSource> wcp = CreateObject<WeakCoherentSource>();
    wcp->SetIntensities({0.5, 0.1, 0.0});
    wcp->SetProbabilities({0.8, 0.1, 0.1});
    qkd.SetLinkAttribute("WeakCoherentSource", PointerValue(wcp));
    Ptr<PolarizationAnalyzer> analyzer = CreateObject<PolarizationAnalyzer>();
    for (uint32_t k = 0; k < 2; ++k)
    {
        analyzer->GetDetector(k)->SetEfficiency(detectorEfficiency);
        analyzer->GetDetector(k)->SetDarkCountProbability(darkCountProbability);
    }
    qkd.SetLinkAttribute("BobAnalyzer", PointerValue(analyzer));
    QkdLinkInstance link = qkd.Install(users.Get(0), users.Get(1));
    qkd.AssignStreams(link, 1000);
    std::map<uint64_t, QkdBitString> aliceBlocks;
    std::map<uint64_t, QkdBitString> bobBlocks;
    std::vector<std::pair<double, uint64_t>> keyOverTime;
    link.alice->TraceConnectWithoutContext("SecretKey",
                                           MakeBoundCallback(
                                               +[](std::map<uint64_t, QkdBitString>* m,
                                                   const QkdBitString& key,
                                                   uint64_t id,
                                                   uint32_t,
                                                   uint32_t) {
                                                   (*m)[id] = key;
                                               },
                                               &aliceBlocks));
    link.bob->TraceConnectWithoutContext("SecretKey",
                                         MakeBoundCallback(
                                             +[](std::map<uint64_t, QkdBitString>* m,
                                                 std::vector<std::pair<double, uint64_t>>* t,
                                                 const QkdBitString& key,
                                                 uint64_t id,
                                                 uint32_t,
                                                 uint32_t) {
                                                 (*m)[id] = key;
                                                 t->emplace_back(Simulator::Now().GetSeconds(),
                                                                 (t->empty() ? 0 : t->back().second)
                                                                     + key.GetSize());
                                             },
                                             &bobBlocks,
                                             &keyOverTime));
    Simulator::Run();

    uint64_t keyBits = 0;
    uint64_t mismatches = 0;
    for (const auto& [id, key] : bobBlocks)
    {
        keyBits += key.GetSize();
        auto it = aliceBlocks.find(id);
        mismatches += (it == aliceBlocks.end() || it->second != key) ? 1 : 0;
    }
    const QkdSessionStatistics& s = link.bob->GetStatistics();
    const double eta = link.link->GetBobChannelTransmittance() * detectorEfficiency;
    const double y0 = 1 - (1 - darkCountProbability) * (1 - darkCountProbability);
    const double mu = link.link->GetIntensity(0);
    const double gain = QkdKeyRateCalculator::ExpectedGain(mu, eta, y0);
    const double qber = QkdKeyRateCalculator::ExpectedQber(mu, eta, y0, misalignment);
    std::cout << "Stage 2 (prepare and measure): decoy BB84 between two end users over "
              << distanceKm << " km, " << s.pulses << " pulses, no trusted node\n"
              << "  signal gain " << s.GetGain(0) << " (closed form " << gain << ")\n"
              << "  signal QBER " << s.GetQberOfLabel(0) << " (closed form " << qber << ")\n"
              << "  sifted bits " << s.siftedBits << ", secret key " << keyBits
              << " bits, blocks differing between the users " << mismatches << "\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "time_s,key_bits\n";
        for (const auto& [t, b] : keyOverTime)
        {
            csv << t << "," << b << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 800,500\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'time (s)'\nset ylabel 'secret key (bits)'\n"
           << "plot '" << outputPrefix << ".csv' every ::1 using 1:2 with steps title 'Bob'\n";
    }
    std::cout << std::setprecision(8) << "{\"stage\":2,\"distanceKm\":" << distanceKm
              << ",\"pulses\":" << s.pulses << ",\"signalGain\":" << s.GetGain(0)
              << ",\"signalGainClosedForm\":" << gain << ",\"signalQber\":" << s.GetQberOfLabel(0)
              << ",\"signalQberClosedForm\":" << qber << ",\"siftedBits\":" << s.siftedBits
              << ",\"secretKeyBits\":" << keyBits << ",\"mismatchedBlocks\":" << mismatches << "}"
              << std::endl;
    Simulator::Destroy();
    return 0;
}
