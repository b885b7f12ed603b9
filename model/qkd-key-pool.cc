/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-pool.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyPool");

NS_OBJECT_ENSURE_REGISTERED(QkdKeyPool);

TypeId
QkdKeyPool::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdKeyPool")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdKeyPool>()
              .AddTraceSource("AvailableBits",
                              "Number of secret bits in the pool, after every Add and Consume.",
                              MakeTraceSourceAccessor(&QkdKeyPool::m_available),
                              "ns3::TracedValueCallback::Uint64");
    return tid;
}

QkdKeyPool::QkdKeyPool()
    : m_readOffset(0)
    , m_consumed(0)
    , m_added(0)
    , m_available(0)
{
    NS_LOG_FUNCTION(this);
}

QkdKeyPool::~QkdKeyPool()
{
    NS_LOG_FUNCTION(this);
}

void
QkdKeyPool::Add(const QkdBitString& key)
{
    NS_LOG_FUNCTION(this << key.GetSize());
    // Drop the drawn prefix before growing, so memory stays bounded by the
    // bits that are available.
    if (m_readOffset > 0)
    {
        m_buffer = m_buffer.Slice(m_readOffset, m_buffer.GetSize());
        m_readOffset = 0;
    }
    m_buffer.Append(key);
    m_added += key.GetSize();
    m_available = m_buffer.GetSize();
}

QkdBitString
QkdKeyPool::Consume(size_t numBits)
{
    NS_LOG_FUNCTION(this << numBits);
    NS_ABORT_MSG_IF(numBits > GetAvailableBits(),
                    "QkdKeyPool::Consume: " << numBits << " bits requested but only "
                                            << GetAvailableBits() << " are available");
    QkdBitString out = m_buffer.Slice(m_readOffset, m_readOffset + numBits);
    m_readOffset += numBits;
    m_consumed += numBits;
    if (m_readOffset == m_buffer.GetSize())
    {
        m_buffer = QkdBitString();
        m_readOffset = 0;
    }
    m_available = m_buffer.GetSize() - m_readOffset;
    return out;
}

uint64_t
QkdKeyPool::GetAvailableBits() const
{
    return m_buffer.GetSize() - m_readOffset;
}

uint64_t
QkdKeyPool::GetConsumedBits() const
{
    return m_consumed;
}

uint64_t
QkdKeyPool::GetAddedBits() const
{
    return m_added;
}

} // namespace ns3
