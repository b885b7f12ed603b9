/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-scenario-description.h"

#include <cmath>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * @param x a number
 * @return it as text
 */
std::string
Str(double x)
{
    std::ostringstream s;
    s << x;
    return s.str();
}

/**
 * @param x a number
 * @param lo smallest valid value
 * @param hi largest valid value
 * @return true if x is finite and in [lo, hi]
 */
bool
In(double x, double lo, double hi)
{
    return std::isfinite(x) && x >= lo && x <= hi;
}

/**
 * @param a a name
 * @param b another name
 * @return the unordered pair as a key
 */
std::pair<std::string, std::string>
Key(const std::string& a, const std::string& b)
{
    return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

} // namespace

int
ScenarioDescription::FindNode(const std::string& n) const
{
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].name == n)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int
ScenarioDescription::FindQuantumLink(const std::string& a, const std::string& b) const
{
    for (size_t i = 0; i < quantumLinks.size(); ++i)
    {
        if (Key(quantumLinks[i].from, quantumLinks[i].to) == Key(a, b))
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int
ScenarioDescription::FindPointToPoint(const std::string& a, const std::string& b) const
{
    for (size_t i = 0; i < classicalLinks.size(); ++i)
    {
        const auto& c = classicalLinks[i];
        if (c.type == POINT_TO_POINT && c.nodes.size() == 2
            && Key(c.nodes[0], c.nodes[1]) == Key(a, b))
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string
ScenarioDescription::Validate(int* line) const
{
    int dummy = 0;
    int& at = line ? *line : dummy;
    at = 0;
    if (seed < 1)
    {
        return "seed = 0 is out of range: it must be >= 1";
    }
    if (run < 1)
    {
        return "run = 0 is out of range: it must be >= 1";
    }
    if (!In(stopSeconds, 1e-12, 1e9))
    {
        return "stopSeconds = " + Str(stopSeconds) + " is out of range (0, 1e9]";
    }
    std::set<std::string> names;
    for (const auto& n : nodes)
    {
        at = n.line;
        if (n.name.empty())
        {
            return "a <node> has an empty name";
        }
        if (!names.insert(n.name).second)
        {
            return "node name '" + n.name + "' is used twice";
        }
        if (n.numSlots != -1 && !(n.numSlots >= 1 && n.numSlots <= 1000000))
        {
            return "node '" + n.name + "': numSlots = " + Str(n.numSlots)
                   + " is out of range [1, 1000000]";
        }
        for (auto [what, v] :
             {std::make_pair("t1Seconds", n.t1Seconds), std::make_pair("t2Seconds", n.t2Seconds)})
        {
            if (v != -1 && !In(v, 0, 1e12))
            {
                return "node '" + n.name + "': " + what + " = " + Str(v)
                       + " is out of range [0, 1e12] (0: no decay)";
            }
        }
        if (n.t1Seconds > 0 && n.t2Seconds > 2 * n.t1Seconds)
        {
            return "node '" + n.name + "': t2Seconds = " + Str(n.t2Seconds)
                   + " exceeds 2 t1Seconds = " + Str(2 * n.t1Seconds) + ", which is unphysical";
        }
        for (auto [what, v] :
             {std::make_pair("twoQubitGateDepolarizing", n.twoQubitGateDepolarizing),
              std::make_pair("measurementError", n.measurementError)})
        {
            if (v != -1 && !In(v, 0, 1))
            {
                return "node '" + n.name + "': " + what + " = " + Str(v)
                       + " is out of range [0, 1]";
            }
        }
        for (int k = 0; k < 3; ++k)
        {
            if (!In(n.position[k], -1e9, 1e9) || !In(n.velocity[k], -1e6, 1e6))
            {
                return "node '" + n.name
                       + "': position must be in [-1e9, 1e9] m and velocity in [-1e6, 1e6] m/s";
            }
        }
    }
    std::set<std::string> linkNames;
    std::set<std::pair<std::string, std::string>> linkPairs;
    for (const auto& l : quantumLinks)
    {
        at = l.line;
        if (l.name.empty() || !linkNames.insert(l.name).second)
        {
            return "quantum link name '" + l.name + "' is empty or used twice";
        }
        for (const auto& end : {l.from, l.to})
        {
            if (FindNode(end) < 0)
            {
                return "quantum link '" + l.name + "' refers to unknown node '" + end + "'";
            }
        }
        if (l.from == l.to)
        {
            return "quantum link '" + l.name + "' connects node '" + l.from + "' to itself";
        }
        if (!linkPairs.insert(Key(l.from, l.to)).second)
        {
            return "quantum link '" + l.name + "': nodes '" + l.from + "' and '" + l.to
                   + "' already have a quantum link";
        }
        if (l.type == FIBRE)
        {
            if (!In(l.lengthKm, 0, 100000))
            {
                return "quantum link '" + l.name + "': lengthKm = " + Str(l.lengthKm)
                       + " is out of range [0, 100000]";
            }
            if (!In(l.attenuationDbPerKm, 0, 100))
            {
                return "quantum link '" + l.name + "': attenuationDbPerKm = "
                       + Str(l.attenuationDbPerKm) + " is out of range [0, 100]";
            }
        }
        else
        {
            for (const auto& end : {l.from, l.to})
            {
                if (!nodes[FindNode(end)].hasPosition)
                {
                    return "free-space link '" + l.name + "': node '" + end
                           + "' has no position (give x, y, z on the <node>)";
                }
            }
            if (l.receiverApertureM != -1 && !In(l.receiverApertureM, 1e-4, 100))
            {
                return "free-space link '" + l.name + "': receiverApertureM = "
                       + Str(l.receiverApertureM) + " is out of range [1e-4, 100]";
            }
        }
        if (l.successProbability != -1 && !In(l.successProbability, 1e-12, 1))
        {
            return "quantum link '" + l.name + "': successProbability = "
                   + Str(l.successProbability) + " is out of range (0, 1]";
        }
        if (!In(l.fidelity, 0, 1))
        {
            return "quantum link '" + l.name + "': fidelity = " + Str(l.fidelity)
                   + " is out of range [0, 1]";
        }
    }
    std::set<std::pair<std::string, std::string>> p2pPairs;
    for (const auto& c : classicalLinks)
    {
        at = c.line;
        const bool p2p = c.type == POINT_TO_POINT;
        if (p2p ? c.nodes.size() != 2 : c.nodes.size() < 2)
        {
            return p2p ? "a point-to-point classical link needs exactly 2 nodes"
                       : "a CSMA classical link needs at least 2 nodes";
        }
        std::set<std::string> members;
        for (const auto& end : c.nodes)
        {
            if (FindNode(end) < 0)
            {
                return "classical link refers to unknown node '" + end + "'";
            }
            if (!members.insert(end).second)
            {
                return "classical link lists node '" + end + "' twice";
            }
        }
        if (p2p && !p2pPairs.insert(Key(c.nodes[0], c.nodes[1])).second)
        {
            return "nodes '" + c.nodes[0] + "' and '" + c.nodes[1]
                   + "' already have a point-to-point classical link";
        }
        if (!In(c.dataRateBps, 1, 1e15))
        {
            return "classical link dataRate = " + Str(c.dataRateBps)
                   + " bit/s is out of range [1 bps, 1000 Tbps]";
        }
        if (!In(c.delaySeconds, 0, 1e3))
        {
            return "classical link delay = " + Str(c.delaySeconds)
                   + " s is out of range [0, 1000 s]";
        }
    }
    std::set<std::string> workNames;
    for (const auto& q : qkd)
    {
        at = q.line;
        if (q.name.empty() || !workNames.insert(q.name).second)
        {
            return "qkd name '" + q.name
                   + "' is empty or used twice (names of <qkd> and "
                     "<repeaterChain> share one name space)";
        }
        for (const auto& end : {q.alice, q.bob})
        {
            if (FindNode(end) < 0)
            {
                return "qkd '" + q.name + "' refers to unknown node '" + end + "'";
            }
        }
        if (q.alice == q.bob)
        {
            return "qkd '" + q.name + "': alice and bob are the same node";
        }
        const int li = FindQuantumLink(q.alice, q.bob);
        if (li < 0)
        {
            return "qkd '" + q.name + "': no <quantumLink> between '" + q.alice + "' and '" + q.bob
                   + "'";
        }
        if (FindPointToPoint(q.alice, q.bob) < 0)
        {
            return "qkd '" + q.name + "': no point-to-point <classicalLink> between '" + q.alice
                   + "' and '" + q.bob + "'";
        }
        const bool free = quantumLinks[li].type == FREE_SPACE;
        if (free && q.protocol == BBM92)
        {
            return "qkd '" + q.name
                   + "': BBM92 needs a fibre link (its pair source sits "
                     "mid-fibre), link '"
                   + quantumLinks[li].name + "' is free space";
        }
        if (!In(q.pulseRateHz, 1, 1e11))
        {
            return "qkd '" + q.name + "': pulseRateHz = " + Str(q.pulseRateHz)
                   + " is out of range [1, 1e11]";
        }
        if (q.totalPulses < 1 || q.totalPulses > 4000000000ULL || q.framePulses < 1
            || q.framePulses > q.totalPulses)
        {
            return "qkd '" + q.name + "': need 1 <= framePulses <= totalPulses <= 4e9 (got "
                   + Str(q.framePulses) + " and " + Str(q.totalPulses) + ")";
        }
        if (!In(q.misalignment, 0, 0.5))
        {
            return "qkd '" + q.name + "': misalignment = " + Str(q.misalignment)
                   + " is out of range [0, 0.5]";
        }
        if (q.protocol == DECOY_BB84
            && !(In(q.signalMu, 1e-9, 100) && In(q.decoyMu, 1e-9, 100) && q.decoyMu < q.signalMu))
        {
            return "qkd '" + q.name + "': need 0 < decoyMu < signalMu <= 100 (got decoyMu = "
                   + Str(q.decoyMu) + ", signalMu = " + Str(q.signalMu) + ")";
        }
    }
    std::set<std::string> chainNodes;
    for (const auto& c : chains)
    {
        at = c.line;
        if (c.name.empty() || !workNames.insert(c.name).second)
        {
            return "repeater chain name '" + c.name
                   + "' is empty or used twice (names of "
                     "<qkd> and <repeaterChain> share one name space)";
        }
        if (c.nodes.size() < 2)
        {
            return "repeater chain '" + c.name + "' needs at least 2 nodes";
        }
        for (size_t i = 0; i < c.nodes.size(); ++i)
        {
            if (FindNode(c.nodes[i]) < 0)
            {
                return "repeater chain '" + c.name + "' refers to unknown node '" + c.nodes[i]
                       + "'";
            }
            if (!chainNodes.insert(c.nodes[i]).second)
            {
                return "repeater chain '" + c.name + "': node '" + c.nodes[i]
                       + "' is already in a repeater chain (a node serves at most one chain)";
            }
            if (i == 0)
            {
                continue;
            }
            const int li = FindQuantumLink(c.nodes[i - 1], c.nodes[i]);
            if (li < 0 || quantumLinks[li].type != FIBRE)
            {
                return "repeater chain '" + c.name + "': no fibre <quantumLink> between '"
                       + c.nodes[i - 1] + "' and '" + c.nodes[i] + "'";
            }
            if (FindPointToPoint(c.nodes[i - 1], c.nodes[i]) < 0)
            {
                return "repeater chain '" + c.name
                       + "': no point-to-point <classicalLink> "
                         "between '"
                       + c.nodes[i - 1] + "' and '" + c.nodes[i] + "'";
            }
        }
        if (c.scheme != "SwapAsap" && c.scheme != "Doubling")
        {
            return "repeater chain '" + c.name + "': scheme '" + c.scheme
                   + "' is not SwapAsap or Doubling";
        }
        const size_t segs = c.nodes.size() - 1;
        if (c.scheme == "Doubling" && (segs & (segs - 1)) != 0)
        {
            return "repeater chain '" + c.name + "': the Doubling scheme needs 2^n + 1 nodes, got "
                   + Str(c.nodes.size());
        }
        if (c.maxDeliveries < 1 || c.maxDeliveries > 1000000)
        {
            return "repeater chain '" + c.name + "': maxDeliveries = " + Str(c.maxDeliveries)
                   + " is out of range [1, 1000000]";
        }
    }
    std::set<std::string> teleported;
    for (const auto& t : teleportations)
    {
        at = t.line;
        bool found = false;
        for (const auto& c : chains)
        {
            found = found || c.name == t.chain;
        }
        if (!found)
        {
            return "teleportation refers to unknown repeater chain '" + t.chain + "'";
        }
        if (!teleported.insert(t.chain).second)
        {
            return "repeater chain '" + t.chain + "' already carries a teleportation";
        }
        if (!In(t.thetaRad, 0, M_PI) || !In(t.phiRad, 0, 2 * M_PI))
        {
            return "teleportation: thetaRad must be in [0, pi] and phiRad in [0, 2 pi] (got "
                   + Str(t.thetaRad) + ", " + Str(t.phiRad) + ")";
        }
    }
    for (const auto& r : requests)
    {
        at = r.line;
        for (const auto& end : {r.from, r.to})
        {
            if (FindNode(end) < 0)
            {
                return "entanglement request refers to unknown node '" + end + "'";
            }
            if (chainNodes.count(end))
            {
                return "entanglement request: node '" + end
                       + "' is in a <repeaterChain>; routed requests use the other nodes";
            }
        }
        if (r.from == r.to)
        {
            return "entanglement request from node '" + r.from + "' to itself";
        }
        if (r.pairs < 1 || r.pairs > 1000000)
        {
            return "entanglement request: pairs = " + Str(r.pairs)
                   + " is out of range [1, 1000000]";
        }
        if (!In(r.minFidelity, 0, 1))
        {
            return "entanglement request: minFidelity = " + Str(r.minFidelity)
                   + " is out of range [0, 1]";
        }
        if (!In(r.startSeconds, 0, stopSeconds))
        {
            return "entanglement request: startSeconds = " + Str(r.startSeconds)
                   + " is out of range [0, stopSeconds = " + Str(stopSeconds) + "]";
        }
    }
    at = 0;
    return "";
}

} // namespace ns3
