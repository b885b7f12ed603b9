/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "repeater-chain-policy.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RepeaterChainPolicy");
NS_OBJECT_ENSURE_REGISTERED(RepeaterChainPolicy);

TypeId
RepeaterChainPolicy::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RepeaterChainPolicy")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<RepeaterChainPolicy>()
              .AddAttribute("Scheme",
                            "Swapping scheme: SwapAsap or Doubling (needs 2^n + 1 nodes).",
                            EnumValue(SWAP_ASAP),
                            MakeEnumAccessor(&RepeaterChainPolicy::m_scheme),
                            MakeEnumChecker(SWAP_ASAP, "SwapAsap", DOUBLING, "Doubling"))
              .AddAttribute("Purification",
                            "Link-level purification protocol: None, Bbpssw or Dejmps.",
                            EnumValue(NONE),
                            MakeEnumAccessor(&RepeaterChainPolicy::m_purification),
                            MakeEnumChecker(NONE, "None", BBPSSW, "Bbpssw", DEJMPS, "Dejmps"))
              .AddAttribute("PurifyRounds",
                            "Pumping rounds per link pair (ignored without purification), 0..16.",
                            UintegerValue(1),
                            MakeUintegerAccessor(&RepeaterChainPolicy::m_rounds),
                            MakeUintegerChecker<uint32_t>(0, 16));
    return tid;
}

RepeaterChainPolicy::RepeaterChainPolicy()
    : m_scheme(SWAP_ASAP)
    , m_purification(NONE)
    , m_rounds(1)
{
}

void
RepeaterChainPolicy::Validate(uint32_t numNodes) const
{
    NS_ABORT_MSG_IF(numNodes < 2,
                    "RepeaterChainPolicy: a chain needs at least 2 nodes, got " << numNodes);
    const uint32_t segments = numNodes - 1;
    NS_ABORT_MSG_IF(m_scheme == DOUBLING && (segments & (segments - 1)) != 0,
                    "RepeaterChainPolicy: attribute Scheme = Doubling needs 2^n + 1 nodes "
                    "(2, 3, 5, 9, 17, ...), got "
                        << numNodes << " nodes");
}

bool
RepeaterChainPolicy::ShouldSwap(uint32_t position,
                                uint32_t numNodes,
                                uint32_t leftSpan,
                                uint32_t rightSpan) const
{
    NS_ASSERT(position > 0 && position + 1 < numNodes);
    if (m_scheme == SWAP_ASAP)
    {
        return true;
    }
    uint32_t level = 0;
    while (((position >> level) & 1u) == 0)
    {
        ++level;
    }
    const uint32_t span = 1u << level;
    return leftSpan == span && rightSpan == span;
}

RepeaterChainPolicy::Scheme
RepeaterChainPolicy::GetScheme() const
{
    return m_scheme;
}

RepeaterChainPolicy::Purification
RepeaterChainPolicy::GetPurification() const
{
    return m_purification;
}

uint32_t
RepeaterChainPolicy::GetPurifyRounds() const
{
    return m_purification == NONE ? 0 : m_rounds;
}

PurificationVariant
RepeaterChainPolicy::GetVariant() const
{
    return m_purification == DEJMPS ? PurificationVariant::DEJMPS : PurificationVariant::BBPSSW;
}

} // namespace ns3
