/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "syndrome-lookup-decoder.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <bitset>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SyndromeLookupDecoder");

SyndromeLookupDecoder::SyndromeLookupDecoder(const StabilizerCode& code)
    : m_xTypeMask(0)
    , m_zTypeMask(0)
    , m_maxWeight(0)
{
    NS_LOG_FUNCTION(this << code.GetName());
    NS_ABORT_MSG_IF(!code.IsCss(),
                    "SyndromeLookupDecoder: code '"
                        << code.GetName()
                        << "' is not CSS (every generator X-type or Z-type, X_L X-type, Z_L "
                           "Z-type); the decoder corrects X and Z errors separately");
    for (uint32_t i = 0; i < code.GetNumStabilizers(); ++i)
    {
        if (code.GetStabilizer(i).x != 0)
        {
            m_xTypeMask |= 1u << i;
        }
        else
        {
            m_zTypeMask |= 1u << i;
        }
    }
    const uint32_t n = code.GetNumQubits();
    // All patterns ordered by weight, then by mask value.
    std::vector<uint32_t> patterns(1u << n);
    for (uint32_t m = 0; m < patterns.size(); ++m)
    {
        patterns[m] = m;
    }
    std::stable_sort(patterns.begin(), patterns.end(), [](uint32_t a, uint32_t b) {
        return std::bitset<32>(a).count() < std::bitset<32>(b).count();
    });
    for (uint32_t m : patterns)
    {
        const uint32_t w = static_cast<uint32_t>(std::bitset<32>(m).count());
        const uint32_t sx = code.GetSyndrome(PauliMask{m, 0});
        if (m_xTable.emplace(sx, m).second)
        {
            m_maxWeight = std::max(m_maxWeight, w);
        }
        const uint32_t sz = code.GetSyndrome(PauliMask{0, m});
        if (m_zTable.emplace(sz, m).second)
        {
            m_maxWeight = std::max(m_maxWeight, w);
        }
    }
}

PauliMask
SyndromeLookupDecoder::Decode(uint32_t syndrome) const
{
    NS_ABORT_MSG_IF((syndrome & ~(m_xTypeMask | m_zTypeMask)) != 0,
                    "SyndromeLookupDecoder::Decode: syndrome "
                        << syndrome << " has bits beyond the code's "
                        << std::bitset<32>(m_xTypeMask | m_zTypeMask).count() << " generators");
    const auto ix = m_xTable.find(syndrome & m_zTypeMask);
    const auto iz = m_zTable.find(syndrome & m_xTypeMask);
    NS_ASSERT(ix != m_xTable.end() && iz != m_zTable.end());
    return PauliMask{ix->second, iz->second};
}

uint32_t
SyndromeLookupDecoder::GetMaxCorrectionWeight() const
{
    return m_maxWeight;
}

} // namespace ns3
