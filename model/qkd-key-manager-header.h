/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_MANAGER_HEADER_H
#define QKD_KEY_MANAGER_HEADER_H

#include "qkd-bit-string.h"
#include "qkd-key-store.h"

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The messages key managers (KMEs) exchange over UDP.
 *
 *  - RESERVE (master KME -> slave KME): keys handed out by GetKey, each with
 *    its key id and the store segments it was made of, for a master/slave SAE
 *    pair; the slave KME removes the same bits and holds the keys until the
 *    slave SAE fetches them with GetKeyWithIds.
 *  - RELAY (hop by hop along a trusted-relay path): an end-to-end key block,
 *    one-time padded with the key of the hop's link (the segments name the
 *    pad bits); the path lists every node from the origin to the destination.
 *  - RELAY_ACK (destination -> origin): the block arrived; whether the
 *    destination stored it (accepted) or dropped it (store full).
 *
 * Wire format (network byte order): type (1), then per type the fields
 * below; bit strings as a 32-bit length followed by the packed 64-bit words.
 * Sizes are those a real implementation would need, so the classical
 * traffic is realistic.
 */
class QkdKeyManagerHeader : public Header
{
  public:
    /** Message type. */
    enum Type : uint8_t
    {
        RESERVE = 1,  //!< key ids reserved for an SAE pair
        RELAY = 2,    //!< one-time-padded relay hop
        RELAY_ACK = 3 //!< relay block arrived at its destination
    };

    /** One key of a RESERVE, or the pad of a RELAY hop. */
    struct Entry
    {
        uint64_t keyId;                      //!< key id (RESERVE) or relay block id (RELAY)
        std::vector<QkdKeySegment> segments; //!< store segments used
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    QkdKeyManagerHeader();

    Type m_type;                  //!< message type
    uint32_t m_masterSae;         //!< RESERVE: master SAE id
    uint32_t m_slaveSae;          //!< RESERVE: slave SAE id
    uint32_t m_originNode;        //!< RELAY, RELAY_ACK: origin node id
    uint32_t m_destinationNode;   //!< RELAY, RELAY_ACK: destination node id
    uint64_t m_relayBlockId;      //!< RELAY, RELAY_ACK: end-to-end block id
    uint8_t m_accepted;           //!< RELAY_ACK: 1 if the destination stored the block
    std::vector<uint32_t> m_path; //!< RELAY: node ids from origin to destination
    uint32_t m_hop;               //!< RELAY: index in path of the node receiving this hop
    std::vector<Entry> m_entries; //!< RESERVE: keys; RELAY: one entry, the pad
    QkdBitString m_payload;       //!< RELAY: the one-time-padded block
};

} // namespace ns3

#endif /* QKD_KEY_MANAGER_HEADER_H */
