/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Runs a scenario file: reads and validates the XML topology (nodes,
 * quantum and classical links, QKD pairs, repeater chains, teleportation,
 * routed entanglement requests; see doc/scenarios.rst), builds it through
 * the module's helpers, runs it, writes the traces as CSV
 * (--outputPrefix, or the file's outputPrefix) and prints a report and, as
 * the last line, a JSON summary.  Any error in the file stops the program
 * with the file, the line and what is wrong.
 *
 *     ./quantum-scenario --topology=data/scenarios/two-node-qkd.xml
 */

#include "ns3/core-module.h"
#include "ns3/quantum-scenario-helper.h"
#include "ns3/quantum-scenario-reader.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string topology;
    double stopSeconds = 0;
    std::string outputPrefix;
    uint32_t run = 0;
    CommandLine cmd(__FILE__);
    cmd.AddValue("topology",
                 "Scenario file (a path, or a name in the module's data/scenarios/)",
                 topology);
    cmd.AddValue("stopSeconds", "Override the scenario's stopSeconds (0: keep)", stopSeconds);
    cmd.AddValue("outputPrefix",
                 "Write <prefix>-qkd.csv, -deliveries.csv, -teleportation.csv (overrides the "
                 "file's outputPrefix)",
                 outputPrefix);
    cmd.AddValue("run", "Override the scenario's RNG run number (0: keep)", run);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(topology.empty(), "quantum-scenario: give --topology=FILE.xml");
    NS_ABORT_MSG_IF(!(stopSeconds >= 0 && stopSeconds <= 1e9),
                    "--stopSeconds=" << stopSeconds << " must be in [0, 1e9] (0: keep)");

    ScenarioDescription d = ScenarioReader::Load(topology);
    if (stopSeconds > 0)
    {
        d.stopSeconds = stopSeconds;
    }
    if (run > 0)
    {
        d.run = run;
    }
    if (!outputPrefix.empty())
    {
        d.outputPrefix = outputPrefix;
    }
    QuantumScenarioHelper h;
    h.SetDescription(d);
    h.Build();
    Simulator::Run();
    h.WriteReport(std::cout);
    if (!d.outputPrefix.empty())
    {
        h.WriteTraces(d.outputPrefix);
        std::cout << "  traces written to " << d.outputPrefix << "-*.csv\n";
    }
    h.WriteSummary(std::cout);
    Simulator::Destroy();
    return 0;
}
