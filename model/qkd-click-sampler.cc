/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-click-sampler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdClickSampler");

NS_OBJECT_ENSURE_REGISTERED(QkdClickSampler);

TypeId
QkdClickSampler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QkdClickSampler")
                            .SetParent<Object>()
                            .SetGroupName("Quantum")
                            .AddConstructor<QkdClickSampler>();
    return tid;
}

QkdClickSampler::QkdClickSampler()
    : m_numArms(1)
    , m_numDetectors(2)
    , m_deadGates(0)
    , m_gate(0)
    , m_liveFrom(2, 0)
    , m_prepared(false)
    , m_fast{1, 2, 3, 4}
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

QkdClickSampler::~QkdClickSampler()
{
    NS_LOG_FUNCTION(this);
}

void
QkdClickSampler::DoDispose()
{
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
QkdClickSampler::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

void
QkdClickSampler::Reset(uint32_t numArms)
{
    NS_ABORT_MSG_IF(numArms < 1 || numArms > 4,
                    "QkdClickSampler::Reset: " << numArms << " arms; the valid range is [1, 4]");
    m_numArms = numArms;
    m_numDetectors = 2 * numArms;
    m_prob.clear();
    m_arms.clear();
    m_tables.clear();
    m_liveFrom.assign(m_numDetectors, m_gate);
    m_silent.assign(1u << m_numDetectors, 0);
    m_prepared = false;
}

uint32_t
QkdClickSampler::AddClass(double probability, const std::vector<std::array<double, 4>>& arms)
{
    NS_ABORT_MSG_IF(!(probability >= 0 && probability <= 1 + 1e-12),
                    "QkdClickSampler::AddClass: probability " << probability
                                                              << " is outside [0, 1]");
    NS_ABORT_MSG_IF(arms.size() != m_numArms,
                    "QkdClickSampler::AddClass: " << arms.size() << " arm outcome sets for "
                                                  << m_numArms << " arms");
    for (const auto& a : arms)
    {
        const double sum = a[0] + a[1] + a[2] + a[3];
        NS_ABORT_MSG_IF(std::abs(sum - 1) > 1e-9 || *std::min_element(a.begin(), a.end()) < -1e-12,
                        "QkdClickSampler::AddClass: arm outcome probabilities sum to "
                            << sum << " (must be a distribution)");
    }
    m_prob.push_back(probability);
    m_arms.push_back(arms);
    m_prepared = false;
    return m_prob.size() - 1;
}

void
QkdClickSampler::SetDeadTimeGates(uint64_t gates)
{
    m_deadGates = gates;
}

double
QkdClickSampler::PatternProbability(uint32_t liveMask, uint32_t cls, uint32_t pattern) const
{
    double p = 1;
    for (uint32_t a = 0; a < m_numArms; ++a)
    {
        const auto& o = m_arms[cls][a];
        // joint[k0][k1]: detector 0 clicked k0, detector 1 clicked k1.
        const double joint[2][2] = {{o[0], o[2]}, {o[1], o[3]}};
        const bool live0 = liveMask & (1u << (2 * a));
        const bool live1 = liveMask & (1u << (2 * a + 1));
        const bool c0 = pattern & (1u << (2 * a));
        const bool c1 = pattern & (1u << (2 * a + 1));
        double q = 0;
        for (int k0 = 0; k0 < 2; ++k0)
        {
            if (live0 && k0 != int(c0))
            {
                continue;
            }
            for (int k1 = 0; k1 < 2; ++k1)
            {
                if (live1 && k1 != int(c1))
                {
                    continue;
                }
                q += joint[k0][k1];
            }
        }
        p *= q;
    }
    return p;
}

double
QkdClickSampler::GetSilentProbability(uint32_t liveMask, uint32_t cls) const
{
    return PatternProbability(liveMask, cls, 0);
}

void
QkdClickSampler::Prepare()
{
    double total = 0;
    for (double p : m_prob)
    {
        total += p;
    }
    NS_ABORT_MSG_IF(m_prob.empty() || std::abs(total - 1) > 1e-9,
                    "QkdClickSampler::Prepare: class probabilities sum to " << total << ", not 1");
    const uint32_t numMasks = 1u << m_numDetectors;
    m_tables.assign(numMasks, Table());
    for (uint32_t mask = 0; mask < numMasks; ++mask)
    {
        Table& t = m_tables[mask];
        double cum = 0;
        for (uint32_t c = 0; c < m_prob.size(); ++c)
        {
            if (m_prob[c] == 0)
            {
                continue;
            }
            // Enumerate the non-empty subsets of mask.
            for (uint32_t pat = mask; pat != 0; pat = (pat - 1) & mask)
            {
                const double w = m_prob[c] * PatternProbability(mask, c, pat);
                if (w <= 0)
                {
                    continue;
                }
                cum += w;
                t.cumulative.push_back(cum);
                t.cls.push_back(c);
                t.pattern.push_back(pat);
            }
        }
        for (double& x : t.cumulative)
        {
            x /= cum > 0 ? cum : 1;
        }
        // Walker's alias table (Vose's construction) of the same
        // distribution: O(1) per click instead of a binary search.
        const size_t numEntries = t.cumulative.size();
        t.aliasThreshold.assign(numEntries, 1.0);
        t.alias.resize(numEntries);
        std::vector<double> scaled(numEntries);
        std::vector<uint32_t> small;
        std::vector<uint32_t> large;
        for (size_t i = 0; i < numEntries; ++i)
        {
            const double pi = t.cumulative[i] - (i > 0 ? t.cumulative[i - 1] : 0.0);
            scaled[i] = pi * numEntries;
            t.alias[i] = static_cast<uint32_t>(i);
            (scaled[i] < 1 ? small : large).push_back(static_cast<uint32_t>(i));
        }
        while (!small.empty() && !large.empty())
        {
            const uint32_t l = small.back();
            small.pop_back();
            const uint32_t g = large.back();
            t.aliasThreshold[l] = scaled[l];
            t.alias[l] = g;
            scaled[g] = (scaled[g] + scaled[l]) - 1;
            if (scaled[g] < 1)
            {
                large.pop_back();
                small.push_back(g);
            }
        }
        // What is left has probability 1 up to rounding: keep it.
        // The click probability from the complement, which keeps its
        // relative accuracy when clicks are rare.
        double silent = 0;
        for (uint32_t c = 0; c < m_prob.size(); ++c)
        {
            silent += m_prob[c] * PatternProbability(mask, c, 0);
        }
        t.clickProbability = std::min(1.0, std::max(0.0, std::min(cum, 1 - silent)));
        if (cum < 1e-3)
        {
            t.clickProbability = cum; // summed directly: accurate for rare clicks
        }
        t.logSilent = std::log1p(-t.clickProbability);
    }
    m_prepared = true;
}

double
QkdClickSampler::GetClickProbability(uint32_t liveMask) const
{
    NS_ABORT_MSG_IF(!m_prepared, "QkdClickSampler::GetClickProbability: call Prepare first");
    NS_ABORT_MSG_IF(liveMask >= m_tables.size(),
                    "QkdClickSampler::GetClickProbability: mask " << liveMask << " out of range");
    return m_tables[liveMask].clickProbability;
}

void
QkdClickSampler::SeedFast()
{
    uint64_t x = static_cast<uint64_t>(m_uniform->GetValue() * 4294967296.0) << 32;
    x |= static_cast<uint64_t>(m_uniform->GetValue() * 4294967296.0);
    for (uint64_t& word : m_fast)
    {
        // SplitMix64
        x += 0x9E3779B97F4A7C15ULL;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        word = z ^ (z >> 31);
    }
}

uint64_t
QkdClickSampler::NextFast()
{
    // xoshiro256** 1.0
    const auto rotl = [](uint64_t v, int k) {
        return (v << k) | (v >> (64 - k));
    };
    const uint64_t result = rotl(m_fast[1] * 5, 7) * 9;
    const uint64_t t = m_fast[1] << 17;
    m_fast[2] ^= m_fast[0];
    m_fast[3] ^= m_fast[1];
    m_fast[1] ^= m_fast[2];
    m_fast[0] ^= m_fast[3];
    m_fast[2] ^= t;
    m_fast[3] = rotl(m_fast[3], 45);
    return result;
}

void
QkdClickSampler::Sample(uint64_t numGates, std::vector<QkdClickEvent>& events)
{
    NS_ABORT_MSG_IF(!m_prepared, "QkdClickSampler::Sample: call Prepare first");
    SeedFast();
    const uint64_t end = m_gate + numGates;
    const uint32_t all = (1u << m_numDetectors) - 1;
    while (m_gate < end)
    {
        uint32_t live = 0;
        uint64_t change = end; // next gate at which a dead detector wakes up
        for (uint32_t k = 0; k < m_numDetectors; ++k)
        {
            if (m_liveFrom[k] <= m_gate)
            {
                live |= 1u << k;
            }
            else
            {
                change = std::min(change, m_liveFrom[k]);
            }
        }
        const Table& t = m_tables[live & all];
        uint64_t skip;
        if (t.clickProbability <= 0)
        {
            skip = std::numeric_limits<uint64_t>::max();
        }
        else if (t.clickProbability >= 1)
        {
            skip = 0;
        }
        else
        {
            const double u = 1 - (NextFast() >> 11) * 0x1.0p-53; // in (0, 1]
            const double k = std::floor(std::log(u) / t.logSilent);
            skip = k >= 1.8e19 ? std::numeric_limits<uint64_t>::max() : static_cast<uint64_t>(k);
        }
        if (skip >= change - m_gate)
        {
            m_silent[live] += change - m_gate;
            m_gate = change;
            continue;
        }
        m_silent[live] += skip;
        const uint64_t g = m_gate + skip;
        const uint64_t numEntries = t.alias.size();
        const uint32_t slot = static_cast<uint32_t>(((NextFast() >> 32) * numEntries) >> 32);
        const double v = (NextFast() >> 11) * 0x1.0p-53;
        const size_t i = v < t.aliasThreshold[slot] ? slot : t.alias[slot];
        events.push_back({g, t.cls[i], t.pattern[i]});
        for (uint32_t k = 0; k < m_numDetectors; ++k)
        {
            if (t.pattern[i] & (1u << k))
            {
                m_liveFrom[k] = g + 1 + m_deadGates;
            }
        }
        m_gate = g + 1;
    }
}

uint64_t
QkdClickSampler::GetGateCount() const
{
    return m_gate;
}

const std::vector<uint64_t>&
QkdClickSampler::GetSilentGates() const
{
    return m_silent;
}

void
QkdClickSampler::ClearSilentGates()
{
    std::fill(m_silent.begin(), m_silent.end(), 0);
}

uint32_t
QkdClickSampler::GetNumClasses() const
{
    return m_prob.size();
}

const std::vector<double>&
QkdClickSampler::GetClassProbabilities() const
{
    return m_prob;
}

} // namespace ns3
