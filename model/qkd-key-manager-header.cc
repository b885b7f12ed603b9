/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-manager-header.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyManagerHeader");

NS_OBJECT_ENSURE_REGISTERED(QkdKeyManagerHeader);

TypeId
QkdKeyManagerHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QkdKeyManagerHeader")
                            .SetParent<Header>()
                            .SetGroupName("Quantum")
                            .AddConstructor<QkdKeyManagerHeader>();
    return tid;
}

TypeId
QkdKeyManagerHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

QkdKeyManagerHeader::QkdKeyManagerHeader()
    : m_type(RESERVE)
    , m_masterSae(0)
    , m_slaveSae(0)
    , m_originNode(0)
    , m_destinationNode(0)
    , m_relayBlockId(0)
    , m_accepted(0)
    , m_hop(0)
{
}

void
QkdKeyManagerHeader::Print(std::ostream& os) const
{
    switch (m_type)
    {
        case RESERVE:
            os << "RESERVE master=" << m_masterSae << " slave=" << m_slaveSae
               << " keys=" << m_entries.size();
            break;
        case RELAY:
            os << "RELAY block=" << m_relayBlockId << " " << m_originNode << "->"
               << m_destinationNode << " hop=" << m_hop << " bits=" << m_payload.GetSize();
            break;
        case RELAY_ACK:
            os << "RELAY_ACK block=" << m_relayBlockId << " accepted=" << unsigned(m_accepted);
            break;
    }
}

namespace
{
/**
 * @param entries entries
 * @return their serialized size
 */
uint32_t
EntriesSize(const std::vector<QkdKeyManagerHeader::Entry>& entries)
{
    uint32_t s = 4;
    for (const auto& e : entries)
    {
        s += 8 + 4 + 16 * static_cast<uint32_t>(e.segments.size());
    }
    return s;
}
} // namespace

uint32_t
QkdKeyManagerHeader::GetSerializedSize() const
{
    switch (m_type)
    {
        case RESERVE:
            return 1 + 4 + 4 + EntriesSize(m_entries);
        case RELAY:
            return 1 + 4 + 4 + 8 + 4 + 4 + 4 * static_cast<uint32_t>(m_path.size())
                   + EntriesSize(m_entries) + 4
                   + 8 * static_cast<uint32_t>(m_payload.GetNumWords());
        case RELAY_ACK:
            return 1 + 4 + 4 + 8 + 1;
    }
    return 1;
}

void
QkdKeyManagerHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(m_type);
    auto writeEntries = [&i](const std::vector<Entry>& es) {
        i.WriteHtonU32(static_cast<uint32_t>(es.size()));
        for (const auto& e : es)
        {
            i.WriteHtonU64(e.keyId);
            i.WriteHtonU32(static_cast<uint32_t>(e.segments.size()));
            for (const auto& s : e.segments)
            {
                i.WriteHtonU64(s.blockId);
                i.WriteHtonU32(s.offset);
                i.WriteHtonU32(s.length);
            }
        }
    };
    switch (m_type)
    {
        case RESERVE:
            i.WriteHtonU32(m_masterSae);
            i.WriteHtonU32(m_slaveSae);
            writeEntries(m_entries);
            break;
        case RELAY:
            i.WriteHtonU32(m_originNode);
            i.WriteHtonU32(m_destinationNode);
            i.WriteHtonU64(m_relayBlockId);
            i.WriteHtonU32(m_hop);
            i.WriteHtonU32(static_cast<uint32_t>(m_path.size()));
            for (uint32_t n : m_path)
            {
                i.WriteHtonU32(n);
            }
            writeEntries(m_entries);
            i.WriteHtonU32(static_cast<uint32_t>(m_payload.GetSize()));
            for (uint64_t w : m_payload.GetWords())
            {
                i.WriteHtonU64(w);
            }
            break;
        case RELAY_ACK:
            i.WriteHtonU32(m_originNode);
            i.WriteHtonU32(m_destinationNode);
            i.WriteHtonU64(m_relayBlockId);
            i.WriteU8(m_accepted);
            break;
    }
}

uint32_t
QkdKeyManagerHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    const uint8_t t = i.ReadU8();
    NS_ABORT_MSG_IF(t < RESERVE || t > RELAY_ACK,
                    "QkdKeyManagerHeader::Deserialize: unknown message type " << unsigned(t));
    m_type = static_cast<Type>(t);
    auto readEntries = [&i]() {
        std::vector<Entry> es(i.ReadNtohU32());
        for (auto& e : es)
        {
            e.keyId = i.ReadNtohU64();
            e.segments.resize(i.ReadNtohU32());
            for (auto& s : e.segments)
            {
                s.blockId = i.ReadNtohU64();
                s.offset = i.ReadNtohU32();
                s.length = i.ReadNtohU32();
            }
        }
        return es;
    };
    switch (m_type)
    {
        case RESERVE:
            m_masterSae = i.ReadNtohU32();
            m_slaveSae = i.ReadNtohU32();
            m_entries = readEntries();
            break;
        case RELAY: {
            m_originNode = i.ReadNtohU32();
            m_destinationNode = i.ReadNtohU32();
            m_relayBlockId = i.ReadNtohU64();
            m_hop = i.ReadNtohU32();
            m_path.resize(i.ReadNtohU32());
            for (auto& n : m_path)
            {
                n = i.ReadNtohU32();
            }
            m_entries = readEntries();
            const uint32_t nbits = i.ReadNtohU32();
            std::vector<uint64_t> words((nbits + 63) / 64);
            for (auto& w : words)
            {
                w = i.ReadNtohU64();
            }
            m_payload = QkdBitString::FromWords(std::move(words), nbits);
            break;
        }
        case RELAY_ACK:
            m_originNode = i.ReadNtohU32();
            m_destinationNode = i.ReadNtohU32();
            m_relayBlockId = i.ReadNtohU64();
            m_accepted = i.ReadU8();
            break;
    }
    return i.GetDistanceFrom(start);
}

} // namespace ns3
