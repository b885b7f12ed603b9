/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "herald-header.h"

#include <cstring>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HeraldHeader);

namespace
{
/**
 * @param d a double
 * @return its bit pattern
 */
uint64_t
Bits(double d)
{
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

/**
 * @param u a bit pattern
 * @return the double
 */
double
FromBits(uint64_t u)
{
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}
} // namespace

TypeId
HeraldHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HeraldHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<HeraldHeader>();
    return tid;
}

TypeId
HeraldHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HeraldHeader::GetSerializedSize() const
{
    return 1 + 2 + 2 + 4 + 1 + 1 + 1 + 4 + 8 + 4 + 4 + 4 + 1 + 1 + 8 + 8 + 8 + 8 + 2;
}

void
HeraldHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(type);
    i.WriteHtonU16(requestTag);
    i.WriteHtonU16(lane);
    i.WriteHtonU32(attemptId);
    i.WriteU8(clickPattern);
    i.WriteU8(success);
    i.WriteU8(bellLabel);
    i.WriteHtonU32(successIndex);
    i.WriteHtonU64(pairId);
    i.WriteHtonU32(requestId);
    i.WriteHtonU32(originNodeId);
    i.WriteHtonU32(numPairs);
    i.WriteU8(requestType);
    i.WriteU8(basisKind);
    i.WriteHtonU64(Bits(basisTheta));
    i.WriteHtonU64(Bits(basisPhi));
    i.WriteHtonU64(Bits(minFidelity));
    i.WriteHtonU64(static_cast<uint64_t>(deadlineNs));
    i.WriteHtonU16(lanes);
}

uint32_t
HeraldHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    type = static_cast<MessageType>(i.ReadU8());
    requestTag = i.ReadNtohU16();
    lane = i.ReadNtohU16();
    attemptId = i.ReadNtohU32();
    clickPattern = i.ReadU8();
    success = i.ReadU8();
    bellLabel = i.ReadU8();
    successIndex = i.ReadNtohU32();
    pairId = i.ReadNtohU64();
    requestId = i.ReadNtohU32();
    originNodeId = i.ReadNtohU32();
    numPairs = i.ReadNtohU32();
    requestType = i.ReadU8();
    basisKind = i.ReadU8();
    basisTheta = FromBits(i.ReadNtohU64());
    basisPhi = FromBits(i.ReadNtohU64());
    minFidelity = FromBits(i.ReadNtohU64());
    deadlineNs = static_cast<int64_t>(i.ReadNtohU64());
    lanes = i.ReadNtohU16();
    return i.GetDistanceFrom(start);
}

void
HeraldHeader::Print(std::ostream& os) const
{
    static const char* names[] = {"HERALD", "CREATE", "ACCEPT", "REJECT", "ABORT"};
    os << (type <= ABORT ? names[type] : "?") << " tag=" << requestTag;
    if (type == HERALD)
    {
        os << " lane=" << lane << " attempt=" << attemptId
           << " pattern=" << static_cast<uint32_t>(clickPattern)
           << " success=" << static_cast<uint32_t>(success)
           << " bell=" << static_cast<uint32_t>(bellLabel) << " pair=" << pairId;
    }
    else
    {
        os << " request=" << requestId << " origin=" << originNodeId << " pairs=" << numPairs
           << " lanes=" << lanes;
    }
}

} // namespace ns3
