/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wegman-carter-authenticator.h"

#include "polynomial-hash-gf64.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WegmanCarterAuthenticator");

NS_OBJECT_ENSURE_REGISTERED(WegmanCarterAuthenticator);

namespace
{

/**
 * @param bits a word of at most 64 bits
 * @return the word
 */
uint64_t
ToWord(const QkdBitString& bits)
{
    return bits.IsEmpty() ? 0 : bits.GetWords()[0];
}

/**
 * @param packet a packet
 * @return its bytes
 */
std::vector<uint8_t>
PacketBytes(Ptr<const Packet> packet)
{
    NS_ABORT_MSG_IF(!packet, "WegmanCarterAuthenticator: null packet");
    std::vector<uint8_t> bytes(packet->GetSize());
    if (!bytes.empty())
    {
        packet->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

} // namespace

TypeId
WegmanCarterAuthenticator::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::WegmanCarterAuthenticator")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<WegmanCarterAuthenticator>()
              .AddAttribute("TagLengthBits",
                            "Tag length t in bits, in [8, 64]; costs t key bits per message and "
                            "bounds the forgery probability by (L + 1) / 2^t for L-block messages.",
                            UintegerValue(64),
                            MakeUintegerAccessor(&WegmanCarterAuthenticator::m_tagLength),
                            MakeUintegerChecker<uint32_t>(8, 64))
              .AddAttribute("KeyPool",
                            "The pool the hash key and the one-time pads are drawn from (null: a "
                            "fresh private pool).",
                            PointerValue(),
                            MakePointerAccessor(&WegmanCarterAuthenticator::SetKeyPool,
                                                &WegmanCarterAuthenticator::GetKeyPool),
                            MakePointerChecker<QkdKeyPool>())
              .AddTraceSource(
                  "KeyConsumed",
                  "Key bits drawn for one message (hash key included the first time).",
                  MakeTraceSourceAccessor(&WegmanCarterAuthenticator::m_keyConsumedTrace),
                  "ns3::WegmanCarterAuthenticator::KeyConsumedTracedCallback");
    return tid;
}

WegmanCarterAuthenticator::WegmanCarterAuthenticator()
    : m_pool(CreateObject<QkdKeyPool>())
    , m_tagLength(64)
    , m_haveHashKey(false)
    , m_hashKey(0)
    , m_nextSequence(0)
    , m_consumed(0)
{
    NS_LOG_FUNCTION(this);
}

WegmanCarterAuthenticator::~WegmanCarterAuthenticator()
{
    NS_LOG_FUNCTION(this);
}

void
WegmanCarterAuthenticator::DoDispose()
{
    m_pool = nullptr;
    Object::DoDispose();
}

void
WegmanCarterAuthenticator::SetKeyPool(Ptr<QkdKeyPool> pool)
{
    // A null pool (the attribute's initial value) means a fresh private pool.
    m_pool = pool ? pool : CreateObject<QkdKeyPool>();
}

Ptr<QkdKeyPool>
WegmanCarterAuthenticator::GetKeyPool() const
{
    return m_pool;
}

uint32_t
WegmanCarterAuthenticator::GetTagLength() const
{
    return m_tagLength;
}

uint32_t
WegmanCarterAuthenticator::GetKeyBitsForNextMessage() const
{
    return m_tagLength + (m_haveHashKey ? 0 : 64);
}

uint64_t
WegmanCarterAuthenticator::DrawPad(const char* what)
{
    const uint32_t need = GetKeyBitsForNextMessage();
    NS_ABORT_MSG_IF(m_pool->GetAvailableBits() < need,
                    "WegmanCarterAuthenticator::"
                        << what << ": message " << m_nextSequence << " needs " << need
                        << " key bits but the pool holds only " << m_pool->GetAvailableBits());
    if (!m_haveHashKey)
    {
        m_hashKey = ToWord(m_pool->Consume(64));
        m_haveHashKey = true;
    }
    const uint64_t pad = ToWord(m_pool->Consume(m_tagLength));
    m_consumed += need;
    m_keyConsumedTrace(m_nextSequence, need);
    return pad;
}

uint64_t
WegmanCarterAuthenticator::TruncatedHash(const std::vector<uint8_t>& message) const
{
    const uint64_t h = PolynomialHashGf64::Hash(m_hashKey, message);
    return m_tagLength == 64 ? h : (h & ((uint64_t(1) << m_tagLength) - 1));
}

WegmanCarterTag
WegmanCarterAuthenticator::Authenticate(const std::vector<uint8_t>& message)
{
    NS_LOG_FUNCTION(this << message.size());
    const uint64_t pad = DrawPad("Authenticate");
    WegmanCarterTag t{m_nextSequence, TruncatedHash(message) ^ pad};
    ++m_nextSequence;
    return t;
}

WegmanCarterTag
WegmanCarterAuthenticator::Authenticate(Ptr<const Packet> packet)
{
    return Authenticate(PacketBytes(packet));
}

bool
WegmanCarterAuthenticator::Verify(const std::vector<uint8_t>& message, const WegmanCarterTag& tag)
{
    NS_LOG_FUNCTION(this << message.size() << tag.sequence);
    if (tag.sequence != m_nextSequence)
    {
        NS_LOG_LOGIC("sequence " << tag.sequence << " is not the expected " << m_nextSequence);
        return false;
    }
    const uint64_t pad = DrawPad("Verify");
    ++m_nextSequence;
    return (TruncatedHash(message) ^ pad) == tag.tag;
}

bool
WegmanCarterAuthenticator::Verify(Ptr<const Packet> packet, const WegmanCarterTag& tag)
{
    return Verify(PacketBytes(packet), tag);
}

uint64_t
WegmanCarterAuthenticator::GetConsumedKeyBits() const
{
    return m_consumed;
}

uint64_t
WegmanCarterAuthenticator::GetMessageCount() const
{
    return m_nextSequence;
}

double
WegmanCarterAuthenticator::GetForgeryProbabilityBound(size_t messageBytes) const
{
    const double blocks = std::ceil(static_cast<double>(messageBytes) / 8.0) + 1.0;
    return std::min(1.0, std::ldexp(blocks, -static_cast<int>(m_tagLength)));
}

} // namespace ns3
