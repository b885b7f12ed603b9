/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cascade-parity-responder.h"

#include "cascade-permutation.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CascadeParityResponder");

NS_OBJECT_ENSURE_REGISTERED(CascadeParityResponder);

TypeId
CascadeParityResponder::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::CascadeParityResponder")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<CascadeParityResponder>()
              .AddTraceSource("Answer",
                              "A parity request was answered; the number of parities disclosed.",
                              MakeTraceSourceAccessor(&CascadeParityResponder::m_answerTrace),
                              "ns3::CascadeParityResponder::AnswerTracedCallback");
    return tid;
}

CascadeParityResponder::CascadeParityResponder()
    : m_disclosed(0)
{
    NS_LOG_FUNCTION(this);
}

CascadeParityResponder::~CascadeParityResponder()
{
    NS_LOG_FUNCTION(this);
}

void
CascadeParityResponder::SetKey(const QkdBitString& key)
{
    NS_ABORT_MSG_IF(key.IsEmpty(), "CascadeParityResponder::SetKey: the key has no bits");
    NS_ABORT_MSG_IF(key.GetSize() >= std::numeric_limits<uint32_t>::max(),
                    "CascadeParityResponder::SetKey: the key has " << key.GetSize()
                                                                   << " bits; at most 2^32 - 2");
    m_key = key;
    m_shuffled.clear();
    m_disclosed = 0;
}

const QkdBitString&
CascadeParityResponder::GetKey() const
{
    return m_key;
}

CascadeParityResponse
CascadeParityResponder::Answer(const CascadeParityRequest& request)
{
    NS_LOG_FUNCTION(this << request.announcements.size() << request.queries.size());
    NS_ABORT_MSG_IF(m_key.IsEmpty(), "CascadeParityResponder::Answer: no key set (call SetKey)");
    const uint32_t n = static_cast<uint32_t>(m_key.GetSize());
    CascadeParityResponse response;
    response.parities.reserve(request.GetNumParities(n));
    for (const auto& a : request.announcements)
    {
        NS_ABORT_MSG_IF(a.pass != m_shuffled.size(),
                        "CascadeParityResponder::Answer: pass "
                            << a.pass << " announced, but the next pass is " << m_shuffled.size());
        NS_ABORT_MSG_IF(a.blockSize == 0 || a.blockSize > n,
                        "CascadeParityResponder::Answer: pass "
                            << a.pass << " has block size " << a.blockSize << "; valid range [1, "
                            << n << "]");
        m_shuffled.push_back(CascadePermutation(n, a.seed).Apply(m_key));
        const QkdBitString& s = m_shuffled.back();
        for (uint64_t b = 0; b < n; b += a.blockSize)
        {
            response.parities.push_back(
                s.GetRangeParity(b, std::min<uint64_t>(n, b + a.blockSize)));
        }
    }
    for (const auto& q : request.queries)
    {
        NS_ABORT_MSG_IF(q.pass >= m_shuffled.size(),
                        "CascadeParityResponder::Answer: query on pass "
                            << q.pass << ", but only " << m_shuffled.size()
                            << " passes were announced");
        NS_ABORT_MSG_IF(q.begin >= q.end || q.end > n,
                        "CascadeParityResponder::Answer: query range [" << q.begin << ", " << q.end
                                                                        << ") is not a non-empty "
                                                                           "range inside [0, "
                                                                        << n << ")");
        response.parities.push_back(m_shuffled[q.pass].GetRangeParity(q.begin, q.end));
    }
    m_disclosed += response.parities.size();
    m_answerTrace(static_cast<uint32_t>(response.parities.size()));
    return response;
}

uint64_t
CascadeParityResponder::GetDisclosedParities() const
{
    return m_disclosed;
}

} // namespace ns3
