/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-session-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(QkdSessionHeader);

TypeId
QkdSessionHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QkdSessionHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<QkdSessionHeader>();
    return tid;
}

TypeId
QkdSessionHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

QkdSessionHeader::QkdSessionHeader()
    : m_type(0)
    , m_frame(0)
    , m_length(0)
{
}

void
QkdSessionHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
QkdSessionHeader::GetType() const
{
    return m_type;
}

void
QkdSessionHeader::SetFrame(uint32_t frame)
{
    m_frame = frame;
}

uint32_t
QkdSessionHeader::GetFrame() const
{
    return m_frame;
}

void
QkdSessionHeader::SetPayloadLength(uint32_t length)
{
    m_length = length;
}

uint32_t
QkdSessionHeader::GetPayloadLength() const
{
    return m_length;
}

uint32_t
QkdSessionHeader::GetSerializedSize() const
{
    return SIZE;
}

void
QkdSessionHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_type);
    start.WriteHtonU32(m_frame);
    start.WriteHtonU32(m_length);
}

uint32_t
QkdSessionHeader::Deserialize(Buffer::Iterator start)
{
    m_type = start.ReadU8();
    m_frame = start.ReadNtohU32();
    m_length = start.ReadNtohU32();
    return SIZE;
}

void
QkdSessionHeader::Print(std::ostream& os) const
{
    os << "type=" << int(m_type) << " frame=" << m_frame << " length=" << m_length;
}

} // namespace ns3
