/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 *
 * Bell pairs in QuantumMemory objects on two ns-3 nodes.  At t = 0 one pair
 * |Phi+> is made per storage time of a grid; its halves are stored in the
 * memories of node A and node B (--storeBoth), or only node B's half is
 * stored and A's half is kept ideal.  At each grid time a scheduled event
 * reads one pair out of node B's memory; the memory's Read trace reports the
 * ground-truth fidelity with |Phi+> just before the measurement (the memory
 * applies T1/T2 decay lazily, from the storage time stamp).  The fidelities
 * are printed next to the closed forms of doc/quantum.rst:
 *   both halves stored: F = (1 + g^2 + (1-g)^2)/4 + exp(-2t/T2)/2,
 *   one half stored:    F = (2 - g)/4 + exp(-t/T2)/2,   g = 1 - exp(-t/T1).
 *
 * Run: ./quantum-memory-example --t1Seconds=2 --t2Seconds=1
 *      ./quantum-memory-example --preset=nv-centre --storeBoth=false
 * The last line of stdout is a JSON summary.
 */

#include "ns3/bell-state.h"
#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/quantum-hardware-preset.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("QuantumMemoryExample");

namespace
{

/** One row of the result table. */
struct Row
{
    double timeSeconds; //!< storage time
    double fidelity;    //!< ground truth from the Read trace
    double closedForm;  //!< closed form
};

/**
 * Read trace sink of node B's memory.
 * @param rows where to record
 * @param slot the slot read
 * @param outcome the reported outcome
 * @param fidelity the ground-truth fidelity
 */
void
OnRead(std::vector<Row>* rows, uint32_t slot, uint32_t outcome, double fidelity)
{
    rows->push_back({Simulator::Now().GetSeconds(), fidelity, 0});
}

/**
 * @param t storage time (s)
 * @param t1 T1 (s, infinity: none)
 * @param t2 T2 (s, infinity: none)
 * @param both both halves stored
 * @return the closed-form fidelity
 */
double
ClosedForm(double t, double t1, double t2, bool both)
{
    const double g = std::isinf(t1) ? 0.0 : 1 - std::exp(-t / t1);
    const double c = std::isinf(t2) ? 1.0 : std::exp(-t / t2);
    if (both)
    {
        return 0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * c * c;
    }
    return 0.25 * (2 - g) + 0.5 * c;
}

/**
 * @param x a number (seconds; infinity means none)
 * @return JSON text
 */
std::string
Json(double x)
{
    if (std::isinf(x) || std::isnan(x))
    {
        return "null";
    }
    std::ostringstream s;
    s << std::setprecision(10) << x;
    return s.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    double t1Seconds = 0;
    double t2Seconds = 0.5;
    std::string preset;
    double storageSeconds = 0;
    uint32_t steps = 10;
    bool storeBoth = true;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("t1Seconds", "Memory T1 in seconds (0: no relaxation)", t1Seconds);
    cmd.AddValue("t2Seconds", "Memory T2 in seconds (0: no pure dephasing, T2 = 2 T1)", t2Seconds);
    cmd.AddValue("preset",
                 "Hardware preset (name in data/ or file); replaces --t1Seconds/--t2Seconds",
                 preset);
    cmd.AddValue("storageSeconds",
                 "Longest storage time in seconds (0: 2 T2, or 1 s without dephasing)",
                 storageSeconds);
    cmd.AddValue("steps", "Number of storage times after t = 0 (one pair each)", steps);
    cmd.AddValue("storeBoth", "Store both halves (true) or only node B's (false)", storeBoth);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(steps == 0 || steps > 100000, "--steps=" << steps << " must be in [1, 100000]");
    NS_ABORT_MSG_IF(!(storageSeconds >= 0),
                    "--storageSeconds=" << storageSeconds << " must be >= 0");
    NS_ABORT_MSG_IF(!(t1Seconds >= 0), "--t1Seconds=" << t1Seconds << " must be >= 0 (0: none)");
    NS_ABORT_MSG_IF(!(t2Seconds >= 0), "--t2Seconds=" << t2Seconds << " must be >= 0 (0: none)");

    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer nodes;
    nodes.Create(2);
    QuantumNodeHelper helper;
    if (!preset.empty())
    {
        helper.SetPreset(preset);
    }
    else
    {
        helper.SetMemoryAttribute("T1", TimeValue(Seconds(t1Seconds)));
        helper.SetMemoryAttribute("T2", TimeValue(Seconds(t2Seconds)));
    }
    helper.SetMemoryAttribute("NumSlots", UintegerValue(steps + 1));
    helper.SetMemoryAttribute("CutoffTime", TimeValue(Seconds(0)));
    helper.Install(nodes);
    helper.AssignStreams(nodes, 0);
    Ptr<QuantumStateRegistry> registry = QuantumStateRegistry::GetDefault();
    registry->AssignStreams(1000);

    Ptr<QuantumMemory> memA = nodes.Get(0)->GetObject<QuantumMemory>();
    Ptr<QuantumMemory> memB = nodes.Get(1)->GetObject<QuantumMemory>();
    const double t1 = memB->GetT1().IsZero() ? std::numeric_limits<double>::infinity()
                                             : memB->GetT1().GetSeconds();
    const double t2 = memB->GetT2().IsZero() ? std::numeric_limits<double>::infinity()
                                             : memB->GetT2().GetSeconds();
    NS_ABORT_MSG_IF(!std::isinf(t1) && !std::isinf(t2) && t2 > 2 * t1,
                    "T2 = " << t2 << " s exceeds 2 T1 = " << 2 * t1 << " s, which is unphysical");
    if (storageSeconds == 0)
    {
        storageSeconds = std::isinf(t2) ? 1.0 : 2 * t2;
    }

    std::vector<Row> rows;
    memB->TraceConnectWithoutContext("Read", MakeBoundCallback(&OnRead, &rows));
    const QVector phiPlus = BellStateVector(BellState::PHI_PLUS);
    for (uint32_t k = 0; k <= steps; ++k)
    {
        auto [qa, qb]
            = registry->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
        const int32_t slotB = memB->Store(qb);
        const int32_t slotA = storeBoth ? memA->Store(qa) : -1;
        memB->SetReference(slotB, phiPlus, {qa});
        const Time at = Seconds(storageSeconds * k / steps);
        Simulator::ScheduleWithContext(nodes.Get(1)->GetId(), at, [=, qa = qa]() {
            if (storeBoth)
            {
                memA->Access(slotA); // bring node A's half up to date (analysis)
            }
            memB->Read(slotB);
            if (storeBoth)
            {
                memA->Release(slotA);
            }
            else
            {
                registry->Discard(qa);
            }
        });
    }
    Simulator::Run();

    double maxErr = 0;
    for (auto& r : rows)
    {
        r.closedForm = ClosedForm(r.timeSeconds, t1, t2, storeBoth);
        maxErr = std::max(maxErr, std::abs(r.fidelity - r.closedForm));
    }
    Simulator::Destroy();

    std::cout << "Bell pair |Phi+> in QuantumMemory on two nodes: "
              << (preset.empty() ? std::string("custom") : "preset " + preset)
              << ", T1 = " << (std::isinf(t1) ? std::string("inf") : std::to_string(t1))
              << " s, T2 = " << (std::isinf(t2) ? std::string("inf") : std::to_string(t2)) << " s, "
              << (storeBoth ? "both halves" : "one half") << " stored\n";
    std::cout << std::setw(14) << "storage_s" << std::setw(14) << "fidelity" << std::setw(14)
              << "closed_form"
              << "\n";
    for (const auto& r : rows)
    {
        std::cout << std::setw(14) << std::setprecision(6) << r.timeSeconds << std::setw(14)
                  << std::setprecision(8) << r.fidelity << std::setw(14) << r.closedForm << "\n";
    }

    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "storage_s,fidelity,closed_form\n";
        for (const auto& r : rows)
        {
            csv << std::setprecision(12) << r.timeSeconds << "," << r.fidelity << ","
                << r.closedForm << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        NS_ABORT_MSG_IF(!gp, "cannot write " << outputPrefix << ".gnuplot");
        gp << "set terminal pngcairo size 800,500\n"
           << "set output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\n"
           << "set xlabel 'storage time (s)'\nset ylabel 'fidelity with |Phi+>'\n"
           << "set key top right\n"
           << "plot '" << outputPrefix
           << ".csv' using 1:3 every ::1 with lines title 'closed form', \\\n"
           << "     '" << outputPrefix
           << ".csv' using 1:2 every ::1 with points pt 7 title 'QuantumMemory'\n";
        std::cout << "wrote " << outputPrefix << ".csv and " << outputPrefix << ".gnuplot\n";
    }

    std::ostringstream json;
    json << std::setprecision(10) << "{\"example\":\"quantum-memory\",\"preset\":"
         << (preset.empty() ? std::string("null") : "\"" + preset + "\"")
         << ",\"t1Seconds\":" << Json(t1) << ",\"t2Seconds\":" << Json(t2)
         << ",\"storeBoth\":" << (storeBoth ? "true" : "false")
         << ",\"storageSeconds\":" << storageSeconds << ",\"pairs\":" << rows.size()
         << ",\"finalFidelity\":" << (rows.empty() ? 0.0 : rows.back().fidelity)
         << ",\"closedFormFidelity\":" << (rows.empty() ? 0.0 : rows.back().closedForm)
         << ",\"maxAbsError\":" << maxErr << "}";
    std::cout << json.str() << std::endl;
    return 0;
}
