/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cascade-parity-messages.h"

#include "ns3/abort.h"

namespace ns3
{

uint32_t
CascadePassAnnouncement::GetNumBlocks(uint32_t keyLength) const
{
    NS_ABORT_MSG_IF(blockSize == 0,
                    "CascadePassAnnouncement: pass " << pass << " has block size 0");
    return (keyLength + blockSize - 1) / blockSize;
}

uint32_t
CascadeParityRequest::GetNumParities(uint32_t keyLength) const
{
    uint32_t n = static_cast<uint32_t>(queries.size());
    for (const auto& a : announcements)
    {
        n += a.GetNumBlocks(keyLength);
    }
    return n;
}

uint32_t
CascadeParityRequest::GetSerializedSize() const
{
    return 8 + 16 * static_cast<uint32_t>(announcements.size())
           + 12 * static_cast<uint32_t>(queries.size());
}

uint32_t
CascadeParityResponse::GetSerializedSize() const
{
    return 4 + (static_cast<uint32_t>(parities.size()) + 7) / 8;
}

} // namespace ns3
