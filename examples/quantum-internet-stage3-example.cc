/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Quantum-internet maturity stage 3, entanglement-distribution network
 * (Wehner, Elkouss, Hanson, Science 362, eaam9288 (2018)): the network
 * delivers entangled pairs to two end users, who measure them at once (no
 * memory needed) - enough for device-independent protocols, which certify
 * the entanglement by a Bell test.
 *
 * Alice and Bob share a link (QuantumRepeaterHelper, abstract link of Werner
 * fidelity --linkFidelity and success probability --linkSuccessProbability;
 * the pairs' Bell labels come with the deliveries).  On every delivery each
 * user picks one of two CHSH settings with her own random stream (Alice: Z
 * or X; Bob: the diagonals (Z + X)/sqrt 2 or (Z - X)/sqrt 2), Alice undoes
 * the Bell label with a Pauli-frame update, and both read out their halves
 * (QuantumMemory::Read).  ChshEstimator computes S from the coincidences;
 * for Werner pairs S = 2 sqrt 2 V with V = (4F - 1)/3 (Clauser, Horne,
 * Shimony, Holt, PRL 23, 880 (1969); Werner, PRA 40, 4277 (1989)); S > 2
 * certifies entanglement.  The last line of stdout is a JSON object;
 * --outputPrefix writes the four correlators as CSV with a gnuplot script.
 *
 *     ./quantum-internet-stage3-example --linkFidelity=0.95 --pairs=4000
 */

#include "ns3/chsh-estimator.h"
#include "ns3/core-module.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

namespace
{

/** One user's record of a round. */
struct Record
{
    int32_t setting = -1; //!< setting chosen
    int32_t outcome = -1; //!< outcome read
};

/** State of the Bell test. */
struct BellTest
{
    std::map<uint32_t, Record> alice;       //!< by round
    std::map<uint32_t, Record> bob;         //!< by round
    Ptr<UniformRandomVariable> aliceChoice; //!< Alice's setting choices
    Ptr<UniformRandomVariable> bobChoice;   //!< Bob's setting choices
    Ptr<QuantumMemory> aliceMemory;         //!< Alice's memory
    Ptr<QuantumMemory> bobMemory;           //!< Bob's memory
};

/**
 * Alice's delivery: Pauli-frame correction to |Phi+>, then a readout.
 * @param t the test
 * @param d the delivery
 * @return true: the slot is consumed here
 */
bool
AliceDelivery(BellTest* t, const RepeaterDelivery& d)
{
    const uint8_t label = static_cast<uint8_t>(d.bellState);
    const QubitHandle q = t->aliceMemory->Access(d.memorySlot);
    if (label & 1)
    {
        t->aliceMemory->GetRegistry()->ApplyGate(QuantumGate::PauliX(), {q});
    }
    if (label & 2)
    {
        t->aliceMemory->GetRegistry()->ApplyGate(QuantumGate::PauliZ(), {q});
    }
    const uint32_t a = t->aliceChoice->GetInteger(0, 1);
    const MeasurementBasis basis = a == 0 ? MeasurementBasis::ZBasis() : MeasurementBasis::XBasis();
    t->alice[d.round] = {static_cast<int32_t>(a),
                         static_cast<int32_t>(t->aliceMemory->Read(d.memorySlot, basis))};
    return true;
}

/**
 * Bob's delivery: a readout along one of the X-Z diagonals.
 * @param t the test
 * @param d the delivery
 * @return true: the slot is consumed here
 */
bool
BobDelivery(BellTest* t, const RepeaterDelivery& d)
{
    const uint32_t b = t->bobChoice->GetInteger(0, 1);
    const MeasurementBasis basis = MeasurementBasis::Bloch(M_PI / 4, b == 0 ? 0.0 : M_PI);
    t->bob[d.round]
        = {static_cast<int32_t>(b), static_cast<int32_t>(t->bobMemory->Read(d.memorySlot, basis))};
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    double linkFidelity = 0.95;
    double p = 0.2;
    uint32_t pairs = 4000;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;
    CommandLine cmd(__FILE__);
    cmd.AddValue("linkFidelity", "Werner fidelity F of the delivered pairs", linkFidelity);
    cmd.AddValue("linkSuccessProbability", "Success probability per link attempt", p);
    cmd.AddValue("pairs", "Pairs to distribute and measure", pairs);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(!(linkFidelity >= 0 && linkFidelity <= 1),
                    "--linkFidelity=" << linkFidelity << " must be in [0, 1]");
    NS_ABORT_MSG_IF(!(p > 0 && p <= 1), "--linkSuccessProbability=" << p << " must be in (0, 1]");
    NS_ABORT_MSG_IF(pairs < 4, "--pairs=" << pairs << " must be at least 4");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer users;
    users.Create(2);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(2));
    qnh.Install(users);
    QuantumRepeaterHelper h;
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    h.SetAgentAttribute("MaxDeliveries", UintegerValue(pairs));
    RepeaterChain chain = h.InstallChain(users);
    BellTest t;
    t.aliceMemory = users.Get(0)->GetObject<QuantumMemory>();
    t.bobMemory = users.Get(1)->GetObject<QuantumMemory>();
    t.aliceChoice = CreateObject<UniformRandomVariable>();
    t.bobChoice = CreateObject<UniformRandomVariable>();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += qnh.AssignStreams(users, stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);
    t.aliceChoice->SetStream(stream++);
    t.bobChoice->SetStream(stream++);
    chain.First()->SetDeliveryCallback(MakeBoundCallback(&AliceDelivery, &t));
    chain.Last()->SetDeliveryCallback(MakeBoundCallback(&BobDelivery, &t));
    Simulator::Run();
    const double simSeconds = Simulator::Now().GetSeconds();
    Simulator::Destroy();

    ChshEstimator chsh;
    for (const auto& [round, a] : t.alice)
    {
        auto it = t.bob.find(round);
        if (it != t.bob.end())
        {
            chsh.Add(a.setting, it->second.setting, a.outcome, it->second.outcome);
        }
    }
    const double v = ChshEstimator::WernerVisibility(linkFidelity);
    const double sAnalytic = ChshEstimator::WernerS(v);
    const double s = chsh.GetS();
    const double se = chsh.GetStandardError();
    std::cout << "Stage 3 (entanglement distribution): " << chsh.GetTotal()
              << " pairs measured at once by both users, link F = " << linkFidelity << ", "
              << chsh.GetTotal() / simSeconds << " pairs/s\n";
    for (uint32_t a = 0; a < 2; ++a)
    {
        for (uint32_t b = 0; b < 2; ++b)
        {
            std::cout << "  E(a" << a << ", b" << b << ") = " << chsh.GetCorrelator(a, b) << " ("
                      << chsh.GetCount(a, b)
                      << " rounds; Werner: " << (a == 1 && b == 1 ? -1 : 1) * v / std::sqrt(2.0)
                      << ")\n";
        }
    }
    std::cout << "  CHSH S = " << s << " +- " << se << "  (2 sqrt2 V = " << sAnalytic
              << ", local bound 2): " << (s - 5 * se > 2 ? "violated" : "not violated at 5 sigma")
              << "\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "setting_pair,a,b,correlator,werner\n";
        for (uint32_t a = 0; a < 2; ++a)
        {
            for (uint32_t b = 0; b < 2; ++b)
            {
                csv << 2 * a + b << "," << a << "," << b << "," << chsh.GetCorrelator(a, b) << ","
                    << (a == 1 && b == 1 ? -1 : 1) * v / std::sqrt(2.0) << "\n";
            }
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 800,500\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset xlabel 'setting pair 2a+b'\n"
           << "set ylabel 'correlator E(a,b)'\nset yrange [-1:1]\nplot '" << outputPrefix
           << ".csv' every ::1 using 1:4 with points pt 7 title 'measured', '' every ::1 "
              "using 1:5 with points pt 6 title 'Werner V/sqrt 2'\n";
    }
    std::cout << std::setprecision(8) << "{\"stage\":3,\"pairs\":" << chsh.GetTotal()
              << ",\"linkFidelity\":" << linkFidelity << ",\"chshS\":" << s
              << ",\"chshStandardError\":" << se << ",\"chshWerner\":" << sAnalytic
              << ",\"violated\":" << (s - 5 * se > 2 ? "true" : "false")
              << ",\"pairsPerSecond\":" << chsh.GetTotal() / simSeconds << "}" << std::endl;
    return 0;
}
