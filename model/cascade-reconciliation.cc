/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cascade-reconciliation.h"

#include "cascade-parity-responder.h"
#include "qkd-key-rate-calculator.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CascadeReconciliation");

NS_OBJECT_ENSURE_REGISTERED(CascadeReconciliation);

TypeId
CascadeReconciliation::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::CascadeReconciliation")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<CascadeReconciliation>()
              .AddAttribute("NumPasses",
                            "Number of Cascade passes, in [1, 64].",
                            UintegerValue(16),
                            MakeUintegerAccessor(&CascadeReconciliation::m_numPasses),
                            MakeUintegerChecker<uint32_t>(1, 64))
              .AddAttribute("DoublingPasses",
                            "Number of leading passes whose block size doubles from the first "
                            "(k_i = 2^(i-1) k_1); later passes use ceil(n/2). In [1, 64].",
                            UintegerValue(2),
                            MakeUintegerAccessor(&CascadeReconciliation::m_doublingPasses),
                            MakeUintegerChecker<uint32_t>(1, 64))
              .AddAttribute("FirstBlockSizeFactor",
                            "alpha in k_1 = ceil(alpha / Q), Q the estimated QBER; in [0.01, 100]. "
                            "0.73 is Brassard and Salvail's choice.",
                            DoubleValue(0.73),
                            MakeDoubleAccessor(&CascadeReconciliation::m_firstBlockFactor),
                            MakeDoubleChecker<double>(0.01, 100.0))
              .AddTraceSource("Round",
                              "A request/response exchange was completed.",
                              MakeTraceSourceAccessor(&CascadeReconciliation::m_roundTrace),
                              "ns3::CascadeReconciliation::RoundTracedCallback");
    return tid;
}

CascadeReconciliation::CascadeReconciliation()
    : m_numPasses(16)
    , m_doublingPasses(2)
    , m_firstBlockFactor(0.73)
    , m_rng(CreateObject<UniformRandomVariable>())
    , m_qber(0.0)
    , m_started(false)
    , m_finished(false)
    , m_awaiting(false)
    , m_announcePending(false)
    , m_leaked(0)
    , m_corrected(0)
    , m_rounds(0)
{
    NS_LOG_FUNCTION(this);
}

CascadeReconciliation::~CascadeReconciliation()
{
    NS_LOG_FUNCTION(this);
}

void
CascadeReconciliation::DoDispose()
{
    m_rng = nullptr;
    m_passes.clear();
    Object::DoDispose();
}

int64_t
CascadeReconciliation::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint32_t
CascadeReconciliation::GetNumPasses() const
{
    return m_numPasses;
}

uint32_t
CascadeReconciliation::GetBlockSize(uint32_t pass, uint32_t keyLength, double qberEstimate) const
{
    NS_ABORT_MSG_IF(pass >= m_numPasses,
                    "CascadeReconciliation::GetBlockSize: pass " << pass << " is outside [0, "
                                                                 << m_numPasses << ") (NumPasses)");
    NS_ABORT_MSG_IF(!(qberEstimate > 0.0 && qberEstimate < 0.5),
                    "CascadeReconciliation: the QBER estimate " << qberEstimate
                                                                << " is outside (0, 0.5)");
    NS_ABORT_MSG_IF(keyLength == 0, "CascadeReconciliation::GetBlockSize: the key has no bits");
    double k;
    if (pass < m_doublingPasses)
    {
        k = std::ceil(m_firstBlockFactor / qberEstimate) * std::ldexp(1.0, pass);
    }
    else
    {
        k = std::ceil(keyLength / 2.0);
    }
    return static_cast<uint32_t>(std::clamp(k, 1.0, static_cast<double>(keyLength)));
}

void
CascadeReconciliation::Start(const QkdBitString& noisyKey, double qberEstimate)
{
    NS_LOG_FUNCTION(this << noisyKey.GetSize() << qberEstimate);
    NS_ABORT_MSG_IF(noisyKey.IsEmpty(), "CascadeReconciliation::Start: the key has no bits");
    NS_ABORT_MSG_IF(noisyKey.GetSize() >= std::numeric_limits<uint32_t>::max(),
                    "CascadeReconciliation::Start: the key has " << noisyKey.GetSize()
                                                                 << " bits; at most 2^32 - 2");
    NS_ABORT_MSG_IF(!(qberEstimate > 0.0 && qberEstimate < 0.5),
                    "CascadeReconciliation::Start: the QBER estimate "
                        << qberEstimate << " is outside the valid range (0, 0.5)");
    m_key = noisyKey;
    m_qber = qberEstimate;
    m_passes.clear();
    m_searches.clear();
    m_checks.clear();
    m_outstanding = CascadeParityRequest();
    m_started = true;
    m_finished = false;
    m_awaiting = false;
    m_announcePending = true;
    m_leaked = 0;
    m_corrected = 0;
    m_rounds = 0;
}

bool
CascadeReconciliation::IsFinished() const
{
    return m_finished;
}

uint64_t
CascadeReconciliation::RangeKey(uint32_t begin, uint32_t end)
{
    return (static_cast<uint64_t>(begin) << 32) | end;
}

bool
CascadeReconciliation::Known(uint32_t pass, uint32_t begin, uint32_t end, uint8_t& parity) const
{
    const auto& known = m_passes[pass].known;
    auto it = known.find(RangeKey(begin, end));
    if (it == known.end())
    {
        return false;
    }
    parity = it->second;
    return true;
}

void
CascadeReconciliation::Learn(uint32_t pass, uint32_t begin, uint32_t end, uint8_t parity)
{
    m_passes[pass].known[RangeKey(begin, end)] = parity;
}

uint8_t
CascadeReconciliation::BobParity(uint32_t pass, uint32_t begin, uint32_t end) const
{
    return m_passes[pass].shuffled.GetRangeParity(begin, end) ? 1 : 0;
}

void
CascadeReconciliation::BeginPass()
{
    const uint32_t n = static_cast<uint32_t>(m_key.GetSize());
    const uint32_t pass = static_cast<uint32_t>(m_passes.size());
    const uint64_t seed = (static_cast<uint64_t>(m_rng->GetInteger(0, 0xFFFFFFFFu)) << 32)
                          | m_rng->GetInteger(0, 0xFFFFFFFFu);
    PassState s;
    s.blockSize = GetBlockSize(pass, n, m_qber);
    s.permutation = CascadePermutation(n, seed);
    s.shuffled = s.permutation.Apply(m_key);
    s.searching.assign((n + s.blockSize - 1) / s.blockSize, 0);
    m_passes.push_back(std::move(s));
    NS_LOG_LOGIC("pass " << pass << ": block size " << m_passes.back().blockSize);
}

CascadeParityRequest
CascadeReconciliation::GetNextRequest()
{
    NS_ABORT_MSG_IF(!m_started, "CascadeReconciliation::GetNextRequest: call Start first");
    NS_ABORT_MSG_IF(m_finished, "CascadeReconciliation::GetNextRequest: reconciliation is done");
    NS_ABORT_MSG_IF(m_awaiting,
                    "CascadeReconciliation::GetNextRequest: the previous request is unanswered");
    CascadeParityRequest request;
    if (m_announcePending)
    {
        BeginPass();
        const PassState& p = m_passes.back();
        request.announcements.push_back(
            {static_cast<uint32_t>(m_passes.size() - 1), p.permutation.GetSeed(), p.blockSize});
        m_announcePending = false;
    }
    for (const Search& s : m_searches)
    {
        const uint32_t mid = s.begin + (s.end - s.begin) / 2;
        request.queries.push_back({s.pass, s.begin, mid});
    }
    NS_ASSERT_MSG(!request.announcements.empty() || !request.queries.empty(),
                  "Cascade has nothing to ask");
    m_outstanding = request;
    m_awaiting = true;
    return request;
}

void
CascadeReconciliation::ProcessResponse(const CascadeParityResponse& response)
{
    NS_LOG_FUNCTION(this << response.parities.size());
    NS_ABORT_MSG_IF(!m_awaiting, "CascadeReconciliation::ProcessResponse: no request outstanding");
    const uint32_t n = static_cast<uint32_t>(m_key.GetSize());
    const uint32_t expected = m_outstanding.GetNumParities(n);
    NS_ABORT_MSG_IF(response.parities.size() != expected,
                    "CascadeReconciliation::ProcessResponse: " << response.parities.size()
                                                               << " parities received, " << expected
                                                               << " requested");
    for (uint8_t p : response.parities)
    {
        NS_ABORT_MSG_IF(p > 1,
                        "CascadeReconciliation::ProcessResponse: parity value "
                            << unsigned(p) << " is not 0 or 1");
    }
    size_t idx = 0;
    for (const auto& a : m_outstanding.announcements)
    {
        for (uint64_t b = 0; b < n; b += a.blockSize)
        {
            const uint32_t begin = static_cast<uint32_t>(b);
            const uint32_t end = static_cast<uint32_t>(std::min<uint64_t>(n, b + a.blockSize));
            const uint8_t parity = response.parities[idx++];
            Learn(a.pass, begin, end, parity);
            if (BobParity(a.pass, begin, end) != parity)
            {
                StartSearch(a.pass, begin, end);
            }
        }
    }
    for (const auto& q : m_outstanding.queries)
    {
        Learn(q.pass, q.begin, q.end, response.parities[idx++]);
    }
    m_leaked += response.parities.size();
    ++m_rounds;
    m_awaiting = false;
    Settle();
    if (m_searches.empty() && m_checks.empty())
    {
        if (m_passes.size() >= m_numPasses)
        {
            m_finished = true;
        }
        else
        {
            m_announcePending = true;
        }
    }
    m_roundTrace(static_cast<uint32_t>(m_passes.size() - 1),
                 static_cast<uint32_t>(response.parities.size()),
                 m_corrected);
}

void
CascadeReconciliation::StartSearch(uint32_t pass, uint32_t begin, uint32_t end)
{
    PassState& p = m_passes[pass];
    p.searching[begin / p.blockSize] = 1;
    m_searches.push_back({pass, begin, end});
}

void
CascadeReconciliation::CorrectBit(uint32_t keyIndex)
{
    NS_LOG_LOGIC("flip key bit " << keyIndex);
    m_key.Flip(keyIndex);
    ++m_corrected;
    for (uint32_t p = 0; p < m_passes.size(); ++p)
    {
        m_passes[p].shuffled.Flip(m_passes[p].permutation.Inverse(keyIndex));
        m_checks.emplace_back(keyIndex, p);
    }
}

bool
CascadeReconciliation::SmallestMismatch(uint32_t pass,
                                        uint32_t position,
                                        uint32_t& begin,
                                        uint32_t& end) const
{
    const PassState& p = m_passes[pass];
    const uint32_t n = static_cast<uint32_t>(m_key.GetSize());
    uint32_t b = (position / p.blockSize) * p.blockSize;
    uint32_t e = static_cast<uint32_t>(std::min<uint64_t>(n, uint64_t(b) + p.blockSize));
    bool found = false;
    while (true)
    {
        uint8_t parity = 0;
        if (Known(pass, b, e, parity) && BobParity(pass, b, e) != parity)
        {
            begin = b;
            end = e;
            found = true;
        }
        if (e - b == 1)
        {
            break;
        }
        const uint32_t mid = b + (e - b) / 2;
        if (position < mid)
        {
            e = mid;
        }
        else
        {
            b = mid;
        }
    }
    return found;
}

void
CascadeReconciliation::Settle()
{
    bool changed = true;
    while (changed)
    {
        changed = false;
        // Advance every search as far as known parities allow.
        std::vector<Search> waiting;
        waiting.reserve(m_searches.size());
        // CorrectBit only appends to m_checks, so iterating over a moved-out
        // copy of the searches is safe.
        std::vector<Search> searches;
        searches.swap(m_searches);
        for (Search s : searches)
        {
            PassState& p = m_passes[s.pass];
            uint8_t nodeParity = 0;
            const bool nodeKnown = Known(s.pass, s.begin, s.end, nodeParity);
            NS_ASSERT_MSG(nodeKnown, "a search range without a known parity");
            if (BobParity(s.pass, s.begin, s.end) == nodeParity)
            {
                // An earlier flip fixed an error in this range: its error count
                // is even now; the cascade checks of that flip take over.
                p.searching[s.begin / p.blockSize] = 0;
                changed = true;
                continue;
            }
            bool needQuery = false;
            while (s.end - s.begin > 1)
            {
                const uint32_t mid = s.begin + (s.end - s.begin) / 2;
                uint8_t left = 0;
                if (!Known(s.pass, s.begin, mid, left))
                {
                    needQuery = true;
                    break;
                }
                // The right half's parity follows from the block's: no disclosure.
                Learn(s.pass, mid, s.end, nodeParity ^ left);
                if (BobParity(s.pass, s.begin, mid) != left)
                {
                    s.end = mid;
                    nodeParity = left;
                }
                else
                {
                    s.begin = mid;
                    nodeParity ^= left;
                }
            }
            if (needQuery)
            {
                waiting.push_back(s);
                continue;
            }
            p.searching[s.begin / p.blockSize] = 0;
            CorrectBit(p.permutation.Forward(s.begin));
            changed = true;
        }
        m_searches.swap(waiting);

        // Cascade: after a flip, search the smallest disclosed range containing
        // the bit whose parity now differs, in every pass.
        std::vector<std::pair<uint32_t, uint32_t>> checks;
        checks.swap(m_checks);
        for (const auto& [keyIndex, pass] : checks)
        {
            PassState& p = m_passes[pass];
            const uint32_t position = p.permutation.Inverse(keyIndex);
            if (p.searching[position / p.blockSize])
            {
                // One search per top-level block at a time: retry later.
                m_checks.emplace_back(keyIndex, pass);
                continue;
            }
            uint32_t b = 0;
            uint32_t e = 0;
            if (SmallestMismatch(pass, position, b, e))
            {
                StartSearch(pass, b, e);
                changed = true;
            }
        }
    }
}

const QkdBitString&
CascadeReconciliation::GetKey() const
{
    return m_key;
}

uint64_t
CascadeReconciliation::GetLeakedBits() const
{
    return m_leaked;
}

uint32_t
CascadeReconciliation::GetCorrectedErrors() const
{
    return m_corrected;
}

uint32_t
CascadeReconciliation::GetRounds() const
{
    return m_rounds;
}

double
CascadeReconciliation::Efficiency(uint64_t leakedBits, uint64_t keyLength, double qber)
{
    NS_ABORT_MSG_IF(keyLength == 0, "CascadeReconciliation::Efficiency: key length 0");
    NS_ABORT_MSG_IF(!(qber > 0.0 && qber <= 0.5),
                    "CascadeReconciliation::Efficiency: QBER " << qber << " is outside (0, 0.5]");
    return static_cast<double>(leakedBits)
           / (static_cast<double>(keyLength) * QkdKeyRateCalculator::BinaryEntropy(qber));
}

CascadeResult
CascadeReconciliation::Reconcile(const QkdBitString& aliceKey,
                                 const QkdBitString& bobKey,
                                 double qberEstimate)
{
    NS_LOG_FUNCTION(this << aliceKey.GetSize() << bobKey.GetSize() << qberEstimate);
    NS_ABORT_MSG_IF(aliceKey.GetSize() != bobKey.GetSize(),
                    "CascadeReconciliation::Reconcile: Alice's key has "
                        << aliceKey.GetSize() << " bits but Bob's has " << bobKey.GetSize());
    Ptr<CascadeParityResponder> alice = CreateObject<CascadeParityResponder>();
    alice->SetKey(aliceKey);
    Start(bobKey, qberEstimate);
    CascadeResult r{};
    while (!IsFinished())
    {
        const CascadeParityRequest request = GetNextRequest();
        r.bytesToAlice += request.GetSerializedSize();
        const CascadeParityResponse response = alice->Answer(request);
        r.bytesToBob += response.GetSerializedSize();
        ProcessResponse(response);
    }
    NS_ASSERT(alice->GetDisclosedParities() == m_leaked);
    r.key = m_key;
    r.leakedBits = m_leaked;
    r.correctedErrors = m_corrected;
    r.rounds = m_rounds;
    const double measured = static_cast<double>(m_corrected) / m_key.GetSize();
    r.efficiency = (m_corrected > 0 && measured <= 0.5)
                       ? Efficiency(m_leaked, m_key.GetSize(), measured)
                       : std::numeric_limits<double>::infinity();
    r.residualErrors = static_cast<uint32_t>(aliceKey.HammingDistance(m_key));
    return r;
}

} // namespace ns3
