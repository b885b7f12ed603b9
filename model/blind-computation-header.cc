/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "blind-computation-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(BlindComputationHeader);

TypeId
BlindComputationHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::BlindComputationHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<BlindComputationHeader>();
    return tid;
}

TypeId
BlindComputationHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
BlindComputationHeader::GetSerializedSize() const
{
    uint32_t size = 1 + 4 + 4 + 1;
    if (type == START)
    {
        size += 4 + 2 + 4 * static_cast<uint32_t>(edges.size());
    }
    return size;
}

void
BlindComputationHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(type);
    i.WriteHtonU32(shot);
    i.WriteHtonU32(index);
    i.WriteU8(value);
    if (type == START)
    {
        i.WriteHtonU32(numQubits);
        i.WriteHtonU16(static_cast<uint16_t>(edges.size()));
        for (const auto& e : edges)
        {
            i.WriteHtonU16(e.first);
            i.WriteHtonU16(e.second);
        }
    }
}

uint32_t
BlindComputationHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    type = static_cast<MessageType>(i.ReadU8());
    shot = i.ReadNtohU32();
    index = i.ReadNtohU32();
    value = i.ReadU8();
    edges.clear();
    numQubits = 0;
    if (type == START)
    {
        numQubits = i.ReadNtohU32();
        const uint16_t m = i.ReadNtohU16();
        for (uint16_t k = 0; k < m; ++k)
        {
            const uint16_t a = i.ReadNtohU16();
            const uint16_t b = i.ReadNtohU16();
            edges.emplace_back(a, b);
        }
    }
    return i.GetDistanceFrom(start);
}

void
BlindComputationHeader::Print(std::ostream& os) const
{
    static const char* names[] = {"?", "START", "ACK", "DELTA", "OUTCOME", "READY"};
    os << (type <= READY ? names[type] : "?") << " shot=" << shot << " index=" << index
       << " value=" << unsigned(value);
    if (type == START)
    {
        os << " qubits=" << numQubits << " edges=" << edges.size();
    }
}

} // namespace ns3
