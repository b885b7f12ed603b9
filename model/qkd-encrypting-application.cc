/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-encrypting-application.h"

#include "qkd-key-manager.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdEncryptingApplication");

NS_OBJECT_ENSURE_REGISTERED(QkdEncryptingApplication);

namespace
{
const uint32_t HEADER_BYTES = 16; //!< key id + sequence + length

/**
 * @param key key bits
 * @param j byte index
 * @return byte j of the key (bits 8j .. 8j + 7, least significant first)
 */
uint8_t
KeyByte(const QkdBitString& key, size_t j)
{
    return static_cast<uint8_t>((key.GetWords()[j / 8] >> (8 * (j % 8))) & 0xff);
}
} // namespace

TypeId
QkdEncryptingApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdEncryptingApplication")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdEncryptingApplication>()
              .AddAttribute("Role",
                            "SENDER (master SAE, encrypts) or RECEIVER (slave SAE, decrypts).",
                            EnumValue(SENDER),
                            MakeEnumAccessor(&QkdEncryptingApplication::m_role),
                            MakeEnumChecker(SENDER, "SENDER", RECEIVER, "RECEIVER"))
              .AddAttribute("LocalSae",
                            "SAE id of this application (registered with the key manager).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_localSae),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("PeerSae",
                            "SAE id of the other application of the pair.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_peerSae),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("Remote",
                            "Sender: the receiver's address (InetSocketAddress).",
                            AddressValue(),
                            MakeAddressAccessor(&QkdEncryptingApplication::m_remote),
                            MakeAddressChecker())
              .AddAttribute("Port",
                            "Receiver: UDP port to listen on.",
                            UintegerValue(5014),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("PacketSizeBytes",
                            "Plaintext bytes per packet (one key of 8x this many bits each).",
                            UintegerValue(64),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_packetSize),
                            MakeUintegerChecker<uint32_t>(1, 8192))
              .AddAttribute("Interval",
                            "Sender: time between packets (and between attempts when stalled).",
                            TimeValue(MilliSeconds(10)),
                            MakeTimeAccessor(&QkdEncryptingApplication::m_interval),
                            MakeTimeChecker(NanoSeconds(1)))
              .AddAttribute("MaxPackets",
                            "Sender: packets to send; 0 means no limit.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_maxPackets),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("RetryInterval",
                            "Receiver: delay before asking again for a key id not yet known.",
                            TimeValue(MilliSeconds(1)),
                            MakeTimeAccessor(&QkdEncryptingApplication::m_retryInterval),
                            MakeTimeChecker(NanoSeconds(1)))
              .AddAttribute("MaxRetries",
                            "Receiver: retries per packet before giving up.",
                            UintegerValue(1000),
                            MakeUintegerAccessor(&QkdEncryptingApplication::m_maxRetries),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("Encrypted",
                              "The sender sent an encrypted packet.",
                              MakeTraceSourceAccessor(&QkdEncryptingApplication::m_encryptedTrace),
                              "ns3::QkdEncryptingApplication::PacketTracedCallback")
              .AddTraceSource("Decrypted",
                              "The receiver decrypted a packet (and checked it).",
                              MakeTraceSourceAccessor(&QkdEncryptingApplication::m_decryptedTrace),
                              "ns3::QkdEncryptingApplication::PacketTracedCallback")
              .AddTraceSource("Stall",
                              "The sender had no key for a packet.",
                              MakeTraceSourceAccessor(&QkdEncryptingApplication::m_stallTrace),
                              "ns3::Time::TracedCallback");
    return tid;
}

QkdEncryptingApplication::QkdEncryptingApplication()
    : m_role(SENDER)
    , m_localSae(0)
    , m_peerSae(0)
    , m_port(5014)
    , m_packetSize(64)
    , m_maxPackets(0)
    , m_maxRetries(1000)
    , m_seq(0)
    , m_bytesEncrypted(0)
    , m_bytesDecrypted(0)
    , m_bytesMismatched(0)
    , m_stalls(0)
    , m_packets(0)
    , m_refusals(0)
    , m_keyBits(0)
{
    NS_LOG_FUNCTION(this);
}

QkdEncryptingApplication::~QkdEncryptingApplication()
{
    NS_LOG_FUNCTION(this);
}

void
QkdEncryptingApplication::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

std::vector<uint8_t>
QkdEncryptingApplication::Plaintext(uint32_t seq, uint32_t size)
{
    std::vector<uint8_t> p(size);
    for (uint32_t i = 0; i < size; ++i)
    {
        p[i] = static_cast<uint8_t>((seq * 131u + i * 7u + 13u) & 0xffu);
    }
    return p;
}

void
QkdEncryptingApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!GetNode()->GetObject<QkdKeyManager>(),
                    "QkdEncryptingApplication on node " << GetNode()->GetId()
                                                        << ": the node has no QkdKeyManager");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_role == SENDER)
    {
        NS_ABORT_MSG_IF(!InetSocketAddress::IsMatchingType(m_remote),
                        "QkdEncryptingApplication (sender) on node "
                            << GetNode()->GetId() << ": Remote must be an InetSocketAddress");
        m_socket->Bind();
        m_socket->Connect(m_remote);
        m_sendEvent = Simulator::ScheduleNow(&QkdEncryptingApplication::SendNext, this);
    }
    else
    {
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
        m_socket->SetRecvCallback(MakeCallback(&QkdEncryptingApplication::HandleRead, this));
    }
}

void
QkdEncryptingApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
QkdEncryptingApplication::SendNext()
{
    if (m_maxPackets != 0 && m_packets >= m_maxPackets)
    {
        return;
    }
    Ptr<QkdKeyManager> km = GetNode()->GetObject<QkdKeyManager>();
    QkdKeyManager::KeyResponse r = km->GetKey(m_localSae, m_peerSae, 1, 8 * m_packetSize);
    if (r.status == QkdKeyManager::SUCCESS)
    {
        const QkdKeyManager::Key& key = r.keys.front();
        std::vector<uint8_t> buf(HEADER_BYTES + m_packetSize);
        for (int b = 0; b < 8; ++b)
        {
            buf[b] = static_cast<uint8_t>(key.keyId >> (56 - 8 * b));
        }
        for (int b = 0; b < 4; ++b)
        {
            buf[8 + b] = static_cast<uint8_t>(m_seq >> (24 - 8 * b));
            buf[12 + b] = static_cast<uint8_t>(m_packetSize >> (24 - 8 * b));
        }
        const std::vector<uint8_t> plain = Plaintext(m_seq, m_packetSize);
        for (uint32_t j = 0; j < m_packetSize; ++j)
        {
            buf[HEADER_BYTES + j] = plain[j] ^ KeyByte(key.bits, j);
        }
        const int sent
            = m_socket->Send(Create<Packet>(buf.data(), static_cast<uint32_t>(buf.size())));
        NS_LOG_LOGIC("sent packet " << m_seq << " with key " << key.keyId << " (" << sent
                                    << " bytes)");
        m_encryptedTrace(m_seq, m_packetSize, key.keyId);
        m_bytesEncrypted += m_packetSize;
        m_keyBits += key.bits.GetSize();
        ++m_packets;
        ++m_seq;
    }
    else if (r.status == QkdKeyManager::INSUFFICIENT_KEY)
    {
        ++m_stalls;
        m_stallTrace(Simulator::Now());
    }
    else
    {
        NS_LOG_WARN("node " << GetNode()->GetId()
                            << ": GetKey refused: " << QkdKeyManager::StatusToString(r.status));
        ++m_refusals;
    }
    m_sendEvent = Simulator::Schedule(m_interval, &QkdEncryptingApplication::SendNext, this);
}

void
QkdEncryptingApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() < HEADER_BYTES)
        {
            NS_LOG_WARN("short packet ignored");
            continue;
        }
        std::vector<uint8_t> buf(p->GetSize());
        p->CopyData(buf.data(), p->GetSize());
        uint64_t keyId = 0;
        uint32_t seq = 0;
        uint32_t len = 0;
        for (int b = 0; b < 8; ++b)
        {
            keyId = (keyId << 8) | buf[b];
        }
        for (int b = 0; b < 4; ++b)
        {
            seq = (seq << 8) | buf[8 + b];
            len = (len << 8) | buf[12 + b];
        }
        if (len != buf.size() - HEADER_BYTES)
        {
            NS_LOG_WARN("packet with inconsistent length ignored");
            continue;
        }
        TryDecrypt(keyId, seq, std::vector<uint8_t>(buf.begin() + HEADER_BYTES, buf.end()), 0);
    }
}

void
QkdEncryptingApplication::TryDecrypt(uint64_t keyId,
                                     uint32_t seq,
                                     std::vector<uint8_t> cipher,
                                     uint32_t retries)
{
    Ptr<QkdKeyManager> km = GetNode()->GetObject<QkdKeyManager>();
    QkdKeyManager::KeyResponse r = km->GetKeyWithIds(m_localSae, m_peerSae, {keyId});
    if (r.status == QkdKeyManager::KEY_ID_NOT_YET_KNOWN && retries < m_maxRetries)
    {
        Simulator::Schedule(m_retryInterval,
                            &QkdEncryptingApplication::TryDecrypt,
                            this,
                            keyId,
                            seq,
                            std::move(cipher),
                            retries + 1);
        return;
    }
    if (r.status != QkdKeyManager::SUCCESS)
    {
        NS_LOG_WARN("node " << GetNode()->GetId() << ": GetKeyWithIds refused: "
                            << QkdKeyManager::StatusToString(r.status));
        ++m_refusals;
        return;
    }
    NS_LOG_LOGIC("decrypting packet " << seq << " with key " << keyId << " after " << retries
                                      << " retries");
    const QkdBitString& key = r.keys.front().bits;
    const auto size = static_cast<uint32_t>(cipher.size());
    if (key.GetSize() < 8ull * size)
    {
        ++m_refusals;
        return;
    }
    const std::vector<uint8_t> expected = Plaintext(seq, size);
    uint32_t good = 0;
    for (uint32_t j = 0; j < size; ++j)
    {
        good += (cipher[j] ^ KeyByte(key, j)) == expected[j] ? 1 : 0;
    }
    m_bytesDecrypted += good;
    m_bytesMismatched += size - good;
    m_keyBits += key.GetSize();
    ++m_packets;
    m_decryptedTrace(seq, size, keyId);
}

uint64_t
QkdEncryptingApplication::GetBytesEncrypted() const
{
    return m_bytesEncrypted;
}

uint64_t
QkdEncryptingApplication::GetBytesDecrypted() const
{
    return m_bytesDecrypted;
}

uint64_t
QkdEncryptingApplication::GetBytesMismatched() const
{
    return m_bytesMismatched;
}

uint64_t
QkdEncryptingApplication::GetStalls() const
{
    return m_stalls;
}

uint64_t
QkdEncryptingApplication::GetPackets() const
{
    return m_packets;
}

uint64_t
QkdEncryptingApplication::GetRefusals() const
{
    return m_refusals;
}

uint64_t
QkdEncryptingApplication::GetKeyBitsUsed() const
{
    return m_keyBits;
}

} // namespace ns3
