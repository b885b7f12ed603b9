/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distributed-gate-header.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DistributedGateHeader);

TypeId
DistributedGateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DistributedGateHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<DistributedGateHeader>();
    return tid;
}

TypeId
DistributedGateHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

DistributedGateHeader::DistributedGateHeader()
    : m_kind(ENTANGLER_BIT)
    , m_shot(0)
    , m_op(0)
    , m_bit(0)
{
}

void
DistributedGateHeader::SetKind(Kind kind)
{
    m_kind = kind;
}

DistributedGateHeader::Kind
DistributedGateHeader::GetKind() const
{
    return m_kind;
}

void
DistributedGateHeader::SetShot(uint32_t shot)
{
    m_shot = shot;
}

uint32_t
DistributedGateHeader::GetShot() const
{
    return m_shot;
}

void
DistributedGateHeader::SetOperation(uint32_t op)
{
    m_op = op;
}

uint32_t
DistributedGateHeader::GetOperation() const
{
    return m_op;
}

void
DistributedGateHeader::SetBit(uint8_t bit)
{
    NS_ABORT_MSG_IF(bit > 1, "DistributedGateHeader::SetBit: bit " << +bit << " is not 0 or 1");
    m_bit = bit;
}

uint8_t
DistributedGateHeader::GetBit() const
{
    return m_bit;
}

uint32_t
DistributedGateHeader::GetSerializedSize() const
{
    return 1 + 4 + 4 + 1 + 1;
}

void
DistributedGateHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(m_kind);
    i.WriteHtonU32(m_shot);
    i.WriteHtonU32(m_op);
    i.WriteU8(m_bit);
    i.WriteU8(0);
}

uint32_t
DistributedGateHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_kind = static_cast<Kind>(i.ReadU8());
    m_shot = i.ReadNtohU32();
    m_op = i.ReadNtohU32();
    m_bit = i.ReadU8();
    i.ReadU8();
    return GetSerializedSize();
}

void
DistributedGateHeader::Print(std::ostream& os) const
{
    os << (m_kind == ENTANGLER_BIT ? "ENTANGLER_BIT" : "DISENTANGLER_BIT") << " shot=" << m_shot
       << " op=" << m_op << " bit=" << +m_bit;
}

} // namespace ns3
