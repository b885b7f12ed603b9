/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "repeater-message-header.h"

#include "ns3/abort.h"
#include "ns3/nstime.h"

#include <cstring>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RepeaterMessageHeader);

TypeId
RepeaterMessageHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RepeaterMessageHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<RepeaterMessageHeader>();
    return tid;
}

TypeId
RepeaterMessageHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

RepeaterMessageHeader::RepeaterMessageHeader()
    : m_type(SWAP_UPDATE)
    , m_pairId(0)
    , m_auxPair(0)
    , m_label(0)
    , m_count(0)
    , m_werner(1.0)
    , m_timeStamp(0)
    , m_value(0)
    , m_port(0)
{
}

uint32_t
RepeaterMessageHeader::GetSerializedSize() const
{
    return 1 + 8 + 8 + 1 + 4 + 8 + 8 + 4 + 2;
}

void
RepeaterMessageHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(m_type);
    i.WriteHtonU64(m_pairId);
    i.WriteHtonU64(m_auxPair);
    i.WriteU8(m_label);
    i.WriteHtonU32(m_count);
    uint64_t bits;
    std::memcpy(&bits, &m_werner, sizeof(bits));
    i.WriteHtonU64(bits);
    i.WriteHtonU64(static_cast<uint64_t>(m_timeStamp));
    i.WriteHtonU32(m_value);
    i.WriteHtonU16(m_port);
}

uint32_t
RepeaterMessageHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_type = static_cast<Type>(i.ReadU8());
    m_pairId = i.ReadNtohU64();
    m_auxPair = i.ReadNtohU64();
    m_label = i.ReadU8();
    m_count = i.ReadNtohU32();
    const uint64_t bits = i.ReadNtohU64();
    std::memcpy(&m_werner, &bits, sizeof(bits));
    m_timeStamp = static_cast<int64_t>(i.ReadNtohU64());
    m_value = i.ReadNtohU32();
    m_port = i.ReadNtohU16();
    return GetSerializedSize();
}

std::string
RepeaterMessageHeader::TypeName(Type t)
{
    switch (t)
    {
        case SWAP_UPDATE:
            return "SWAP_UPDATE";
        case DISCARD:
            return "DISCARD";
        case COMPLETE:
            return "COMPLETE";
        case PURIFY_START:
            return "PURIFY_START";
        case PURIFY_OUTCOME:
            return "PURIFY_OUTCOME";
        case TELEPORT_BITS:
            return "TELEPORT_BITS";
    }
    return "UNKNOWN";
}

void
RepeaterMessageHeader::Print(std::ostream& os) const
{
    os << TypeName(m_type) << " pair=" << m_pairId << " aux=" << m_auxPair
       << " label=" << uint32_t(m_label) << " count=" << m_count << " w=" << m_werner
       << " value=" << m_value << " port=" << m_port;
}

void
RepeaterMessageHeader::SetType(Type t)
{
    m_type = t;
}

RepeaterMessageHeader::Type
RepeaterMessageHeader::GetType() const
{
    return m_type;
}

void
RepeaterMessageHeader::SetPairId(uint64_t id)
{
    m_pairId = id;
}

uint64_t
RepeaterMessageHeader::GetPairId() const
{
    return m_pairId;
}

void
RepeaterMessageHeader::SetAuxPairId(uint64_t id)
{
    m_auxPair = id;
}

uint64_t
RepeaterMessageHeader::GetAuxPairId() const
{
    return m_auxPair;
}

void
RepeaterMessageHeader::SetLabel(uint8_t label)
{
    NS_ABORT_MSG_IF(label > 3,
                    "RepeaterMessageHeader::SetLabel: label " << uint32_t(label)
                                                              << " is invalid; valid range 0..3");
    m_label = label;
}

uint8_t
RepeaterMessageHeader::GetLabel() const
{
    return m_label;
}

void
RepeaterMessageHeader::SetCount(uint32_t c)
{
    m_count = c;
}

uint32_t
RepeaterMessageHeader::GetCount() const
{
    return m_count;
}

void
RepeaterMessageHeader::SetWerner(double w)
{
    m_werner = w;
}

double
RepeaterMessageHeader::GetWerner() const
{
    return m_werner;
}

void
RepeaterMessageHeader::SetTimeStamp(Time t)
{
    m_timeStamp = t.GetTimeStep();
}

Time
RepeaterMessageHeader::GetTimeStamp() const
{
    return Time::From(m_timeStamp);
}

void
RepeaterMessageHeader::SetValue(uint32_t v)
{
    m_value = v;
}

uint32_t
RepeaterMessageHeader::GetValue() const
{
    return m_value;
}

void
RepeaterMessageHeader::SetPort(uint16_t port)
{
    m_port = port;
}

uint16_t
RepeaterMessageHeader::GetPort() const
{
    return m_port;
}

} // namespace ns3
