/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sensing-message-header.h"

#include <cstring>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SensingMessageHeader);

TypeId
SensingMessageHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SensingMessageHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<SensingMessageHeader>();
    return tid;
}

TypeId
SensingMessageHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
SensingMessageHeader::GetSerializedSize() const
{
    return 16;
}

void
SensingMessageHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(static_cast<uint8_t>(type));
    start.WriteU8(bits);
    start.WriteHtonU16(sensor);
    start.WriteHtonU32(shot);
    uint64_t raw = 0;
    std::memcpy(&raw, &readoutAngle, sizeof(raw));
    start.WriteHtonU64(raw);
}

uint32_t
SensingMessageHeader::Deserialize(Buffer::Iterator start)
{
    type = static_cast<MessageType>(start.ReadU8());
    bits = start.ReadU8();
    sensor = start.ReadNtohU16();
    shot = start.ReadNtohU32();
    const uint64_t raw = start.ReadNtohU64();
    std::memcpy(&readoutAngle, &raw, sizeof(raw));
    return GetSerializedSize();
}

void
SensingMessageHeader::Print(std::ostream& os) const
{
    os << "type=" << static_cast<uint32_t>(type) << " bits=" << static_cast<uint32_t>(bits)
       << " sensor=" << sensor << " shot=" << shot << " readoutAngle=" << readoutAngle;
}

} // namespace ns3
