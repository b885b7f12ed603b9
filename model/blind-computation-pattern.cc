/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "blind-computation-pattern.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

BlindComputationPattern::BlindComputationPattern()
    : m_numQubits(0)
    , m_name("empty")
{
}

BlindComputationPattern::BlindComputationPattern(uint32_t numQubits,
                                                 const std::vector<Edge>& edges,
                                                 const std::vector<uint8_t>& angleIndices,
                                                 const std::vector<int32_t>& flow,
                                                 const std::string& name)
    : m_numQubits(numQubits)
    , m_edges(edges)
    , m_angles(angleIndices)
    , m_flow(flow)
    , m_name(name)
{
    Build();
}

void
BlindComputationPattern::Build()
{
    const uint32_t n = m_numQubits;
    NS_ABORT_MSG_IF(n < 1 || n > 64,
                    "BlindComputationPattern '" << m_name << "': " << n
                                                << " qubits; the valid range is [1, 64]");
    NS_ABORT_MSG_IF(m_angles.size() != n,
                    "BlindComputationPattern '" << m_name << "': " << m_angles.size()
                                                << " measurement angles for " << n
                                                << " qubits; give exactly one angle per qubit");
    NS_ABORT_MSG_IF(m_flow.size() != n,
                    "BlindComputationPattern '" << m_name << "': " << m_flow.size()
                                                << " flow entries for " << n
                                                << " qubits; give exactly one per qubit");
    for (uint32_t i = 0; i < n; ++i)
    {
        NS_ABORT_MSG_IF(m_angles[i] > 7,
                        "BlindComputationPattern '"
                            << m_name << "': angle index " << unsigned(m_angles[i]) << " of qubit "
                            << i << " is outside the valid range [0, 7] (phi = k pi/4)");
    }
    std::vector<std::vector<uint32_t>> nb(n);
    for (const auto& e : m_edges)
    {
        NS_ABORT_MSG_IF(e.first >= n || e.second >= n,
                        "BlindComputationPattern '" << m_name << "': edge (" << e.first << ", "
                                                    << e.second << ") names a qubit outside [0, "
                                                    << n - 1 << "]");
        NS_ABORT_MSG_IF(e.first == e.second,
                        "BlindComputationPattern '" << m_name << "': edge (" << e.first << ", "
                                                    << e.second << ") is a self-loop");
        NS_ABORT_MSG_IF(std::find(nb[e.first].begin(), nb[e.first].end(), e.second)
                            != nb[e.first].end(),
                        "BlindComputationPattern '" << m_name << "': edge (" << e.first << ", "
                                                    << e.second << ") is listed twice");
        nb[e.first].push_back(e.second);
        nb[e.second].push_back(e.first);
    }
    m_outputs.clear();
    m_xDeps.assign(n, {});
    m_zDeps.assign(n, {});
    for (uint32_t i = 0; i < n; ++i)
    {
        const int32_t f = m_flow[i];
        if (f < 0)
        {
            NS_ABORT_MSG_IF(f != -1,
                            "BlindComputationPattern '" << m_name << "': flow of qubit " << i
                                                        << " is " << f
                                                        << "; use -1 for an output qubit");
            m_outputs.push_back(i);
            continue;
        }
        const auto fi = static_cast<uint32_t>(f);
        NS_ABORT_MSG_IF(fi >= n || fi <= i,
                        "BlindComputationPattern '" << m_name << "': flow f(" << i << ") = " << f
                                                    << " must be a later qubit in (" << i << ", "
                                                    << n - 1 << "]");
        NS_ABORT_MSG_IF(std::find(nb[i].begin(), nb[i].end(), fi) == nb[i].end(),
                        "BlindComputationPattern '" << m_name << "': flow f(" << i << ") = " << f
                                                    << " is not a neighbour of " << i
                                                    << " in the graph");
        m_xDeps[fi].push_back(i);
        for (uint32_t k : nb[fi])
        {
            if (k == i)
            {
                continue;
            }
            NS_ABORT_MSG_IF(k < i,
                            "BlindComputationPattern '" << m_name << "': no flow: qubit " << k
                                                        << ", a neighbour of f(" << i << ") = " << f
                                                        << ", is measured before " << i);
            m_zDeps[k].push_back(i);
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        NS_ABORT_MSG_IF(m_xDeps[i].size() > 1,
                        "BlindComputationPattern '"
                            << m_name << "': qubit " << i << " is the flow successor of "
                            << m_xDeps[i].size() << " qubits; a flow is injective");
    }
    NS_ABORT_MSG_IF(m_outputs.size() > 16,
                    "BlindComputationPattern '" << m_name << "': " << m_outputs.size()
                                                << " outputs; at most 16 are supported");
}

BlindComputationPattern
BlindComputationPattern::RotationChain(const std::vector<uint8_t>& rotationIndices)
{
    NS_ABORT_MSG_IF(rotationIndices.empty(),
                    "BlindComputationPattern::RotationChain: no rotation angle given; give at "
                    "least one");
    const auto n = static_cast<uint32_t>(2 * rotationIndices.size() + 1);
    std::vector<Edge> edges;
    std::vector<uint8_t> angles;
    std::vector<int32_t> flow;
    uint32_t sum = 0;
    for (uint8_t k : rotationIndices)
    {
        NS_ABORT_MSG_IF(k > 7,
                        "BlindComputationPattern::RotationChain: rotation index "
                            << unsigned(k) << " is outside the valid range [0, 7]");
        angles.push_back(k);
        angles.push_back(0);
        sum += k;
    }
    angles.push_back(0);
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        edges.emplace_back(i, i + 1);
        flow.push_back(static_cast<int32_t>(i + 1));
    }
    flow.push_back(-1);
    std::string name = "rotation";
    for (uint8_t k : rotationIndices)
    {
        name += "-" + std::to_string(unsigned(k));
    }
    BlindComputationPattern p(n, edges, angles, flow, name);
    // P(0) = cos^2(sum a_j / 2) with a_j = k_j pi/4; exact zeros where the sum
    // is a multiple of pi, so deterministic computations are recognised.
    const uint32_t s = sum % 8;
    double p0;
    if (s == 0)
    {
        p0 = 1.0;
    }
    else if (s == 4)
    {
        p0 = 0.0;
    }
    else
    {
        const double c = std::cos(s * M_PI / 8.0);
        p0 = c * c;
    }
    p.m_ideal = {p0, 1.0 - p0};
    return p;
}

BlindComputationPattern
BlindComputationPattern::Cnot(uint32_t a, uint32_t b)
{
    NS_ABORT_MSG_IF(a > 1 || b > 1,
                    "BlindComputationPattern::Cnot: inputs (" << a << ", " << b
                                                              << ") must be bits (0 or 1)");
    const std::vector<Edge> edges = {{0, 1}, {1, 2}, {3, 4}, {4, 5}, {1, 3}};
    const std::vector<uint8_t> angles
        = {static_cast<uint8_t>(4 * a), 0, 0, static_cast<uint8_t>(4 * b), 0, 0};
    const std::vector<int32_t> flow = {1, 2, -1, 4, 5, -1};
    BlindComputationPattern p(6,
                              edges,
                              angles,
                              flow,
                              "cnot-" + std::to_string(a) + std::to_string(b));
    // Outputs (2, 5) carry (a, a XOR b): result = a + 2 (a XOR b).
    p.m_ideal.assign(4, 0.0);
    p.m_ideal[a + 2 * (a ^ b)] = 1.0;
    return p;
}

uint32_t
BlindComputationPattern::GetNumQubits() const
{
    return m_numQubits;
}

const std::vector<BlindComputationPattern::Edge>&
BlindComputationPattern::GetEdges() const
{
    return m_edges;
}

uint8_t
BlindComputationPattern::GetAngleIndex(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_numQubits,
                    "BlindComputationPattern::GetAngleIndex: qubit " << i << " is outside [0, "
                                                                     << m_numQubits << ")");
    return m_angles[i];
}

int32_t
BlindComputationPattern::GetFlow(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_numQubits,
                    "BlindComputationPattern::GetFlow: qubit " << i << " is outside [0, "
                                                               << m_numQubits << ")");
    return m_flow[i];
}

bool
BlindComputationPattern::IsOutput(uint32_t i) const
{
    return GetFlow(i) < 0;
}

const std::vector<uint32_t>&
BlindComputationPattern::GetOutputs() const
{
    return m_outputs;
}

const std::vector<uint32_t>&
BlindComputationPattern::GetXDependencies(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_numQubits,
                    "BlindComputationPattern::GetXDependencies: qubit " << i << " is outside [0, "
                                                                        << m_numQubits << ")");
    return m_xDeps[i];
}

const std::vector<uint32_t>&
BlindComputationPattern::GetZDependencies(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_numQubits,
                    "BlindComputationPattern::GetZDependencies: qubit " << i << " is outside [0, "
                                                                        << m_numQubits << ")");
    return m_zDeps[i];
}

const std::vector<double>&
BlindComputationPattern::GetIdealDistribution() const
{
    return m_ideal;
}

void
BlindComputationPattern::SetIdealDistribution(const std::vector<double>& distribution)
{
    NS_ABORT_MSG_IF(m_numQubits == 0,
                    "BlindComputationPattern::SetIdealDistribution: the pattern is empty");
    const std::size_t expected = std::size_t(1) << m_outputs.size();
    NS_ABORT_MSG_IF(distribution.size() != expected,
                    "BlindComputationPattern '"
                        << m_name << "': ideal distribution has " << distribution.size()
                        << " entries; " << m_outputs.size() << " outputs need " << expected);
    double sum = 0;
    for (double p : distribution)
    {
        NS_ABORT_MSG_IF(!(p >= 0 && p <= 1),
                        "BlindComputationPattern '" << m_name << "': ideal probability " << p
                                                    << " is outside [0, 1]");
        sum += p;
    }
    NS_ABORT_MSG_IF(std::abs(sum - 1.0) > 1e-9,
                    "BlindComputationPattern '" << m_name << "': ideal distribution sums to " << sum
                                                << ", not 1");
    m_ideal = distribution;
}

const std::string&
BlindComputationPattern::GetName() const
{
    return m_name;
}

} // namespace ns3
