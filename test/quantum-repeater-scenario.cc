/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-repeater-scenario.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{
namespace quantumtest
{

double
Mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
    {
        s += x;
    }
    return v.empty() ? 0.0 : s / v.size();
}

double
StdError(const std::vector<double>& v)
{
    if (v.size() < 2)
    {
        return 0.0;
    }
    const double m = Mean(v);
    double s = 0;
    for (double x : v)
    {
        s += (x - m) * (x - m);
    }
    return std::sqrt(s / (v.size() - 1) / v.size());
}

ChainResult
RunChain(const ChainScenario& s)
{
    RngSeedManager::SetSeed(s.seed);
    RngSeedManager::SetRun(s.run);
    NodeContainer nodes;
    nodes.Create(s.nodes);
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(s.purifyEveryLevel ? 16 : 8));
    qnh.SetMemoryAttribute("T2", TimeValue(Seconds(s.t2Seconds)));
    if (s.cutoffAttempts > 0)
    {
        qnh.SetMemoryAttribute(
            "CutoffTime",
            TimeValue(s.period * static_cast<int64_t>(s.cutoffAttempts) + s.period / 2));
    }
    qnh.SetProcessorAttribute("TwoQubitGateDepolarizing", DoubleValue(s.twoQubitDepolarizing));
    qnh.Install(nodes);

    QuantumRepeaterHelper h;
    h.SetLinkAttribute("AttemptPeriod", TimeValue(s.period));
    h.SetLinkAttribute("SuccessProbability", DoubleValue(s.p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(s.linkFidelity));
    if (s.densityMatrix)
    {
        h.SetLinkAttribute("Formalism", StringValue("DensityMatrix"));
    }
    h.SetSwapperAttribute("SuccessProbability", DoubleValue(s.ps));
    h.SetPolicyAttribute("Scheme", StringValue(s.scheme));
    h.SetPolicyAttribute("Purification", StringValue(s.purification));
    h.SetPolicyAttribute("PurifyRounds", UintegerValue(s.purifyRounds));
    h.SetClassicalLink(DataRate("10Gbps"), s.classicalDelay);
    h.SetClassicalTransport(s.frames ? QuantumRepeaterHelper::FRAMES_SIMPLE_CHANNEL
                                     : QuantumRepeaterHelper::UDP_POINT_TO_POINT);
    RepeaterChain chain = s.purifyEveryLevel ? h.InstallNestedChain(nodes) : h.InstallChain(nodes);
    NS_ABORT_MSG_IF(s.purifyEveryLevel && !s.linkFidelities.empty(),
                    "RunChain: per-link fidelities are not supported with purifyEveryLevel");
    for (uint32_t i = 0; i < s.linkFidelities.size() && i < chain.links.size(); ++i)
    {
        chain.links[i].first->SetAttribute("LinkFidelity", DoubleValue(s.linkFidelities[i]));
        chain.links[i].second->SetAttribute("LinkFidelity", DoubleValue(s.linkFidelities[i]));
    }
    int64_t stream = 100;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += QuantumRepeaterHelper::AssignStreams(chain, stream);

    ChainResult r;
    const uint32_t wanted = s.deliveries;
    const Time period = s.period;
    chain.First()->TraceConnectWithoutContext(
        "Delivered",
        MakeCallback(
            +[](ChainResult* res, uint32_t n, Time T, const RepeaterDelivery& d, double f) {
                res->waitAttempts.push_back((d.completionTime - d.roundStart).GetSeconds()
                                            / T.GetSeconds());
                res->trueFidelity.push_back(f);
                res->labels.push_back(static_cast<uint32_t>(d.bellState));
                res->estFidelity.push_back(d.estimatedFidelity);
                const int64_t tick = d.completionTime.GetTimeStep() / T.GetTimeStep();
                res->completionDelay.push_back(
                    (d.completionTime - Time::From(tick * T.GetTimeStep())).GetSeconds());
                if (res->waitAttempts.size() >= n)
                {
                    Simulator::Stop();
                }
            })
            .Bind(&r, wanted, period));
    chain.First()->TraceConnectWithoutContext(
        "Purified",
        MakeCallback(+[](ChainResult* res, uint32_t, bool ok) {
            ++res->purifyTotal;
            res->purifySuccess += ok ? 1 : 0;
        }).Bind(&r));
    chain.Last()->SetDeliveryCallback(
        MakeCallback(+[](ChainResult* res, const RepeaterDelivery& d) {
            res->lastLabels.push_back(static_cast<uint32_t>(d.bellState));
            return false;
        }).Bind(&r));
    Simulator::Run();
    r.lastEndDeliveries = chain.Last()->GetDeliveries();
    Simulator::Destroy();
    return r;
}

} // namespace quantumtest
} // namespace ns3
