/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-store.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyStore");

NS_OBJECT_ENSURE_REGISTERED(QkdKeyStore);

TypeId
QkdKeyStore::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdKeyStore")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdKeyStore>()
              .AddAttribute("CapacityBits",
                            "Maximum number of stored key bits; a block that would exceed it is "
                            "dropped whole (KeyDropped).",
                            UintegerValue(1 << 20),
                            MakeUintegerAccessor(&QkdKeyStore::m_capacityBits),
                            MakeUintegerChecker<uint64_t>(1))
              .AddAttribute(
                  "LowerEndShare",
                  "Fraction of every block (its first bits) that only the end with the "
                  "lower node id may allocate; the rest belongs to the other end. Must be "
                  "equal at both ends.",
                  DoubleValue(0.5),
                  MakeDoubleAccessor(&QkdKeyStore::m_lowerEndShare),
                  MakeDoubleChecker<double>(0.0, 1.0))
              .AddTraceSource("StoredBits",
                              "Stored, not yet consumed key bits (the store level).",
                              MakeTraceSourceAccessor(&QkdKeyStore::m_storedBits),
                              "ns3::TracedValueCallback::Uint64")
              .AddTraceSource("KeyAdded",
                              "A key block was stored.",
                              MakeTraceSourceAccessor(&QkdKeyStore::m_addedTrace),
                              "ns3::QkdKeyStore::BlockTracedCallback")
              .AddTraceSource("KeyDropped",
                              "A key block was dropped because the store was full.",
                              MakeTraceSourceAccessor(&QkdKeyStore::m_droppedTrace),
                              "ns3::QkdKeyStore::BlockTracedCallback")
              .AddTraceSource("KeyConsumed",
                              "Key bits were removed (allocated here or consumed for the peer).",
                              MakeTraceSourceAccessor(&QkdKeyStore::m_consumedTrace),
                              "ns3::QkdKeyStore::ConsumedTracedCallback");
    return tid;
}

QkdKeyStore::QkdKeyStore()
    : m_capacityBits(1 << 20)
    , m_lowerEndShare(0.5)
    , m_localNodeId(0)
    , m_peerNodeId(0)
    , m_endsSet(false)
    , m_allocatable(0)
    , m_added(0)
    , m_dropped(0)
    , m_consumed(0)
    , m_storedBits(0)
{
    NS_LOG_FUNCTION(this);
}

QkdKeyStore::~QkdKeyStore()
{
    NS_LOG_FUNCTION(this);
}

void
QkdKeyStore::SetEnds(uint32_t localNodeId, uint32_t peerNodeId)
{
    NS_LOG_FUNCTION(this << localNodeId << peerNodeId);
    NS_ABORT_MSG_IF(localNodeId == peerNodeId,
                    "QkdKeyStore::SetEnds: both ends are node " << localNodeId
                                                                << "; a store joins two nodes");
    NS_ABORT_MSG_IF(m_endsSet,
                    "QkdKeyStore::SetEnds: the ends are already set (" << m_localNodeId << ", "
                                                                       << m_peerNodeId << ")");
    m_localNodeId = localNodeId;
    m_peerNodeId = peerNodeId;
    m_endsSet = true;
}

uint32_t
QkdKeyStore::GetLocalNodeId() const
{
    return m_localNodeId;
}

uint32_t
QkdKeyStore::GetPeerNodeId() const
{
    return m_peerNodeId;
}

bool
QkdKeyStore::AddKey(uint64_t blockId, const QkdBitString& bits)
{
    const auto split
        = static_cast<uint32_t>(std::floor(static_cast<double>(bits.GetSize()) * m_lowerEndShare));
    return AddKey(blockId, bits, split);
}

bool
QkdKeyStore::AddKey(uint64_t blockId, const QkdBitString& bits, uint32_t lowerEndBits)
{
    NS_LOG_FUNCTION(this << blockId << bits.GetSize() << lowerEndBits);
    NS_ABORT_MSG_IF(!m_endsSet, "QkdKeyStore::AddKey: SetEnds() was not called");
    NS_ABORT_MSG_IF(bits.IsEmpty(), "QkdKeyStore::AddKey: block " << blockId << " is empty");
    NS_ABORT_MSG_IF(bits.GetSize() > std::numeric_limits<uint32_t>::max(),
                    "QkdKeyStore::AddKey: block " << blockId << " has " << bits.GetSize()
                                                  << " bits; at most 2^32 - 1 are allowed");
    NS_ABORT_MSG_IF(lowerEndBits > bits.GetSize(),
                    "QkdKeyStore::AddKey: lowerEndBits = " << lowerEndBits << " exceeds the block "
                                                           << "length " << bits.GetSize());
    NS_ABORT_MSG_IF(m_blocks.count(blockId) > 0,
                    "QkdKeyStore::AddKey: block id " << blockId << " is already held by the store "
                                                     << "of node " << m_localNodeId << " with node "
                                                     << m_peerNodeId);
    const auto n = static_cast<uint32_t>(bits.GetSize());
    if (m_storedBits.Get() + n > m_capacityBits)
    {
        NS_LOG_LOGIC("store full: dropping block " << blockId);
        m_dropped += n;
        m_droppedTrace(blockId, n);
        return false;
    }
    Block b;
    b.bits = bits;
    b.consumed = QkdBitString(n);
    b.split = lowerEndBits;
    const bool lower = m_localNodeId < m_peerNodeId;
    b.ownBegin = lower ? 0 : lowerEndBits;
    b.ownEnd = lower ? lowerEndBits : n;
    b.ownCursor = b.ownBegin;
    b.remaining = n;
    m_allocatable += b.ownEnd - b.ownBegin;
    m_blocks.emplace(blockId, std::move(b));
    m_added += n;
    m_storedBits = m_storedBits.Get() + n;
    m_addedTrace(blockId, n);
    return true;
}

QkdBitString
QkdKeyStore::Take(std::map<uint64_t, Block>::iterator it, uint32_t offset, uint32_t length)
{
    Block& b = it->second;
    QkdBitString out = b.bits.Slice(offset, offset + length);
    for (uint32_t i = offset; i < offset + length; ++i)
    {
        b.consumed.Set(i, true);
    }
    b.remaining -= length;
    m_consumed += length;
    if (b.remaining == 0)
    {
        m_blocks.erase(it);
    }
    m_storedBits = m_storedBits.Get() - length;
    return out;
}

bool
QkdKeyStore::Allocate(uint64_t numBits, std::vector<QkdKeySegment>& segments, QkdBitString& bits)
{
    NS_LOG_FUNCTION(this << numBits);
    NS_ABORT_MSG_IF(numBits == 0, "QkdKeyStore::Allocate: numBits must be >= 1");
    segments.clear();
    bits = QkdBitString();
    if (numBits > m_allocatable)
    {
        return false;
    }
    uint64_t need = numBits;
    auto it = m_blocks.begin();
    while (need > 0)
    {
        NS_ASSERT(it != m_blocks.end());
        Block& b = it->second;
        const uint32_t avail = b.ownEnd - b.ownCursor;
        if (avail == 0)
        {
            ++it;
            continue;
        }
        const auto take = static_cast<uint32_t>(std::min<uint64_t>(avail, need));
        const uint32_t offset = b.ownCursor;
        b.ownCursor += take;
        segments.push_back({it->first, offset, take});
        auto next = std::next(it);
        bits.Append(Take(it, offset, take)); // may erase it
        it = next;
        need -= take;
        m_allocatable -= take;
    }
    m_consumedTrace(static_cast<uint32_t>(numBits), false);
    return true;
}

QkdKeyStore::ConsumeStatus
QkdKeyStore::ConsumePeer(const std::vector<QkdKeySegment>& segments, QkdBitString& bits)
{
    NS_LOG_FUNCTION(this << segments.size());
    bits = QkdBitString();
    if (segments.empty())
    {
        return CONSUME_INVALID_RANGE;
    }
    // Validate everything first: all or nothing.
    for (size_t k = 0; k < segments.size(); ++k)
    {
        const QkdKeySegment& s = segments[k];
        auto it = m_blocks.find(s.blockId);
        if (it == m_blocks.end())
        {
            return CONSUME_BLOCK_MISSING;
        }
        const Block& b = it->second;
        const bool lower = m_localNodeId < m_peerNodeId;
        const uint32_t peerBegin = lower ? b.split : 0;
        const uint32_t peerEnd = lower ? static_cast<uint32_t>(b.bits.GetSize()) : b.split;
        if (s.length == 0 || s.offset < peerBegin
            || static_cast<uint64_t>(s.offset) + s.length > peerEnd
            || b.consumed.Slice(s.offset, s.offset + s.length).CountOnes() != 0)
        {
            return CONSUME_INVALID_RANGE;
        }
        for (size_t j = 0; j < k; ++j)
        {
            const QkdKeySegment& o = segments[j];
            if (o.blockId == s.blockId && o.offset < s.offset + s.length
                && s.offset < o.offset + o.length)
            {
                return CONSUME_INVALID_RANGE; // overlapping segments
            }
        }
    }
    uint32_t total = 0;
    for (const QkdKeySegment& s : segments)
    {
        bits.Append(Take(m_blocks.find(s.blockId), s.offset, s.length));
        total += s.length;
    }
    m_consumedTrace(total, true);
    return CONSUME_OK;
}

uint64_t
QkdKeyStore::GetStoredBits() const
{
    return m_storedBits.Get();
}

uint64_t
QkdKeyStore::GetAllocatableBits() const
{
    return m_allocatable;
}

uint64_t
QkdKeyStore::GetCapacityBits() const
{
    return m_capacityBits;
}

uint64_t
QkdKeyStore::GetAddedBits() const
{
    return m_added;
}

uint64_t
QkdKeyStore::GetDroppedBits() const
{
    return m_dropped;
}

uint64_t
QkdKeyStore::GetConsumedBits() const
{
    return m_consumed;
}

size_t
QkdKeyStore::GetNumBlocks() const
{
    return m_blocks.size();
}

} // namespace ns3
