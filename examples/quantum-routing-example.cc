/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Routing of end-to-end entanglement requests on a small quantum network.
//
//   S -- A -- D -- E      A: fast (--fastP), noisy (--fastF) links
//   S -- B -- D           B: slow (--slowP), clean (--slowF) links
//
// Links S-A, A-D: success probability --fastP, fidelity --fastF; links S-B,
// B-D: --slowP, --slowF; link D-E: --fastP, --slowF.  Two concurrent requests
// (S -> D and S -> E) are routed with --metric=rate|fidelity and served by
// repeater chains along their paths, sharing the nodes' memories and links.
// A third request asks for --minFidelity on S -> E and is refused if no path
// reaches it.  Report, CSV (--outputPrefix) and a last-line JSON.

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{
/** Results per request. */
struct Stats
{
    uint32_t deliveries = 0; //!< first-end deliveries
    double sumF = 0.0;       //!< sum of ground-truth fidelities
    double sumEst = 0.0;     //!< sum of estimates
    Time lastTime;           //!< last completion
    uint32_t completed = 0;  //!< completed requests
    uint32_t wanted = 0;     //!< requests to complete before stopping
};

/** Per-request results. */
std::map<uint32_t, Stats> g_stats;
/** Completed requests. */
uint32_t g_completed = 0;
/** Requests to complete. */
uint32_t g_toComplete = 0;
/** CSV output. */
std::ofstream g_csv;
} // namespace

int
main(int argc, char* argv[])
{
    std::string metric = "rate";
    double fastP = 0.5;
    double fastF = 0.9;
    double slowP = 0.05;
    double slowF = 0.99;
    double minFidelity = 0.99;
    uint32_t pairs = 20;
    double attemptPeriodMs = 1.0;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("metric", "path metric: rate or fidelity", metric);
    cmd.AddValue("fastP", "success probability of the fast links", fastP);
    cmd.AddValue("fastF", "Werner fidelity of the fast links", fastF);
    cmd.AddValue("slowP", "success probability of the slow links", slowP);
    cmd.AddValue("slowF", "Werner fidelity of the slow links", slowF);
    cmd.AddValue("minFidelity", "fidelity required by the third request", minFidelity);
    cmd.AddValue("pairs", "end-to-end pairs per request", pairs);
    cmd.AddValue("attemptPeriodMs", "attempt period of every link, ms", attemptPeriodMs);
    cmd.AddValue("outputPrefix", "write <prefix>-deliveries.csv", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(metric != "rate" && metric != "fidelity",
                    "--metric must be rate or fidelity, got " << metric);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer nodes; // S=0, A=1, B=2, D=3, E=4
    nodes.Create(5);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
    qnh.Install(nodes);
    QuantumRepeaterHelper h;
    h.SetLinkAttribute("AttemptPeriod", TimeValue(MicroSeconds(attemptPeriodMs * 1000.0)));
    h.SetRouterAttribute("Metric", StringValue(metric == "rate" ? "Rate" : "Fidelity"));
    QuantumNetwork net = h.InstallNetwork(nodes,
                                          {{0, 1, fastP, fastF},
                                           {1, 3, fastP, fastF},
                                           {0, 2, slowP, slowF},
                                           {2, 3, slowP, slowF},
                                           {3, 4, fastP, slowF}});
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    QuantumRepeaterHelper::AssignStreams(net, stream);
    Ptr<QuantumRouteController> c = net.controller;
    if (!outputPrefix.empty())
    {
        g_csv.open(outputPrefix + "-deliveries.csv");
        g_csv << "request,round,timeS,bellState,estimatedFidelity,trueFidelity\n";
    }
    c->TraceConnectWithoutContext("Delivered",
                                  MakeCallback(+[](QuantumRouteController* ctl,
                                                   uint32_t id,
                                                   const RepeaterDelivery& d,
                                                   double f) {
                                      if (d.localNodeId != ctl->GetRoute(id).nodes.front())
                                      {
                                          return;
                                      }
                                      Stats& s = g_stats[id];
                                      ++s.deliveries;
                                      s.sumF += f;
                                      s.sumEst += d.estimatedFidelity;
                                      s.lastTime = d.completionTime;
                                      if (g_csv.is_open())
                                      {
                                          g_csv << id << "," << d.round << ","
                                                << d.completionTime.GetSeconds() << ","
                                                << BellStateName(d.bellState) << ","
                                                << d.estimatedFidelity << "," << f << "\n";
                                      }
                                  }).Bind(PeekPointer(c))); // no Ptr: no cycle
    c->TraceConnectWithoutContext("Completed", MakeCallback(+[](uint32_t) {
                                      if (++g_completed >= g_toComplete)
                                      {
                                          Simulator::Stop();
                                      }
                                  }));
    QuantumRouteRequest r1;
    r1.source = nodes.Get(0);
    r1.destination = nodes.Get(3);
    r1.numPairs = pairs;
    QuantumRouteRequest r2 = r1;
    r2.destination = nodes.Get(4);
    QuantumRouteRequest r3 = r2;
    r3.minFidelity = minFidelity;
    std::vector<uint32_t> ids{c->Submit(r1), c->Submit(r2), c->Submit(r3)};
    for (uint32_t id : ids)
    {
        g_toComplete += c->GetError(id) == QuantumRouteError::NONE ? 1 : 0;
    }
    Simulator::Stop(Seconds(3600));
    Simulator::Run();

    const char* names = "SABDE";
    std::cout << "quantum-routing-example: metric " << metric << ", " << pairs
              << " pairs per request\n";
    std::ostringstream json;
    json << std::setprecision(10) << "{\"metric\":\"" << metric << "\",\"requests\":[";
    for (size_t k = 0; k < ids.size(); ++k)
    {
        const uint32_t id = ids[k];
        const QuantumRoute route = c->GetRoute(id);
        const std::string err = QuantumRouteErrorName(c->GetError(id));
        std::string path;
        for (uint32_t n : route.nodes)
        {
            path += names[n - nodes.Get(0)->GetId()];
        }
        const Stats& s = g_stats[id];
        const double meanF = s.deliveries ? s.sumF / s.deliveries : 0.0;
        const double rate = s.deliveries ? s.deliveries / s.lastTime.GetSeconds() : 0.0;
        std::cout << "  request " << id << ": "
                  << (err == "NONE" ? "path " + path : "refused " + err) << "\n";
        if (err == "NONE")
        {
            std::cout << "    expected rate " << route.expectedRateHz << " Hz, fidelity "
                      << route.expectedFidelity << "\n"
                      << "    delivered " << s.deliveries << " pairs, mean fidelity " << meanF
                      << ", " << rate << " pairs/s\n";
        }
        json << (k ? "," : "") << "{\"id\":" << id << ",\"error\":\"" << err << "\",\"path\":\""
             << path << "\",\"expectedRateHz\":" << route.expectedRateHz
             << ",\"expectedFidelity\":" << route.expectedFidelity
             << ",\"deliveries\":" << s.deliveries << ",\"meanFidelity\":" << meanF
             << ",\"rateHz\":" << rate << "}";
    }
    json << "]}";
    Simulator::Destroy();
    std::cout << json.str() << std::endl;
    return 0;
}
