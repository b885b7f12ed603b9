/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-manager.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <unordered_set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeyManager");

NS_OBJECT_ENSURE_REGISTERED(QkdKeyManager);

TypeId
QkdKeyManager::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdKeyManager")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdKeyManager>()
              .AddAttribute("Port",
                            "UDP port of the key-manager messages (RESERVE, RELAY, RELAY_ACK).",
                            UintegerValue(7014),
                            MakeUintegerAccessor(&QkdKeyManager::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("TrustedRelay",
                            "Whether this node is trusted to relay keys (it sees them in clear).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&QkdKeyManager::m_trusted),
                            MakeBooleanChecker())
              .AddAttribute("DefaultKeySizeBits",
                            "ETSI 014 key_size reported by GetStatus.",
                            UintegerValue(256),
                            MakeUintegerAccessor(&QkdKeyManager::m_defaultKeySizeBits),
                            MakeUintegerChecker<uint32_t>(8, 1 << 20))
              .AddAttribute("MinKeySizeBits",
                            "Smallest key size accepted by GetKey (a multiple of 8).",
                            UintegerValue(8),
                            MakeUintegerAccessor(&QkdKeyManager::m_minKeySizeBits),
                            MakeUintegerChecker<uint32_t>(8, 1 << 20))
              .AddAttribute("MaxKeySizeBits",
                            "Largest key size accepted by GetKey.",
                            UintegerValue(65536),
                            MakeUintegerAccessor(&QkdKeyManager::m_maxKeySizeBits),
                            MakeUintegerChecker<uint32_t>(8, 1 << 20))
              .AddAttribute("MaxKeysPerRequest",
                            "Largest number of keys per GetKey or GetKeyWithIds.",
                            UintegerValue(128),
                            MakeUintegerAccessor(&QkdKeyManager::m_maxKeysPerRequest),
                            MakeUintegerChecker<uint32_t>(1, 4096))
              .AddAttribute("RelayBlockBits",
                            "Size of the end-to-end key blocks relayed hop by hop.",
                            UintegerValue(4096),
                            MakeUintegerAccessor(&QkdKeyManager::m_relayBlockBits),
                            MakeUintegerChecker<uint32_t>(8, 65536))
              .AddAttribute("RelayTargetBits",
                            "The origin relays blocks while the end-to-end store of a pair holds "
                            "fewer allocatable bits than this (counting blocks in flight).",
                            UintegerValue(16384),
                            MakeUintegerAccessor(&QkdKeyManager::m_relayTargetBits),
                            MakeUintegerChecker<uint64_t>(0))
              .AddAttribute("MaxRelaysInFlight",
                            "Relay blocks per destination on their way at the same time.",
                            UintegerValue(2),
                            MakeUintegerAccessor(&QkdKeyManager::m_maxRelaysInFlight),
                            MakeUintegerChecker<uint32_t>(1, 1000))
              .AddAttribute("RelayedStoreCapacityBits",
                            "Capacity of the end-to-end (relayed) store of a non-adjacent pair.",
                            UintegerValue(1 << 20),
                            MakeUintegerAccessor(&QkdKeyManager::m_relayedCapacityBits),
                            MakeUintegerChecker<uint64_t>(1))
              .AddTraceSource("KeyServed",
                              "GetKey handed a key to a master SAE.",
                              MakeTraceSourceAccessor(&QkdKeyManager::m_keyServedTrace),
                              "ns3::QkdKeyManager::KeyTracedCallback")
              .AddTraceSource("KeyDelivered",
                              "GetKeyWithIds handed a key to a slave SAE.",
                              MakeTraceSourceAccessor(&QkdKeyManager::m_keyDeliveredTrace),
                              "ns3::QkdKeyManager::KeyTracedCallback")
              .AddTraceSource("RequestRefused",
                              "An application request was refused (status != SUCCESS).",
                              MakeTraceSourceAccessor(&QkdKeyManager::m_refusedTrace),
                              "ns3::QkdKeyManager::RefusedTracedCallback")
              .AddTraceSource("TrustedRelay",
                              "This node relayed an end-to-end key block and saw it in clear.",
                              MakeTraceSourceAccessor(&QkdKeyManager::m_relayTrace),
                              "ns3::QkdKeyManager::RelayTracedCallback")
              .AddTraceSource("RelayCompleted",
                              "A relayed block arrived at this node, its destination.",
                              MakeTraceSourceAccessor(&QkdKeyManager::m_relayDoneTrace),
                              "ns3::QkdKeyManager::RelayTracedCallback");
    return tid;
}

QkdKeyManager::QkdKeyManager()
    : m_port(7014)
    , m_trusted(false)
    , m_defaultKeySizeBits(256)
    , m_minKeySizeBits(8)
    , m_maxKeySizeBits(65536)
    , m_maxKeysPerRequest(128)
    , m_relayBlockBits(4096)
    , m_relayTargetBits(16384)
    , m_maxRelaysInFlight(2)
    , m_relayedCapacityBits(1 << 20)
    , m_keyCounter(0)
    , m_relayCounter(0)
    , m_refused(0)
    , m_relayReceived(0)
    , m_relayAcked(0)
    , m_relayFailures(0)
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

QkdKeyManager::~QkdKeyManager()
{
    NS_LOG_FUNCTION(this);
}

std::string
QkdKeyManager::StatusToString(Status status)
{
    switch (status)
    {
        case SUCCESS:
            return "SUCCESS";
        case UNKNOWN_SAE:
            return "UNKNOWN_SAE";
        case UNREGISTERED_PAIR:
            return "UNREGISTERED_PAIR";
        case INVALID_NUMBER:
            return "INVALID_NUMBER";
        case INVALID_SIZE:
            return "INVALID_SIZE";
        case INSUFFICIENT_KEY:
            return "INSUFFICIENT_KEY";
        case KEY_ID_NOT_YET_KNOWN:
            return "KEY_ID_NOT_YET_KNOWN";
        case KEY_MATERIAL_MISSING:
            return "KEY_MATERIAL_MISSING";
        case DUPLICATE_KEY_ID:
            return "DUPLICATE_KEY_ID";
    }
    return "UNKNOWN_STATUS";
}

void
QkdKeyManager::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_minKeySizeBits % 8 != 0 || m_maxKeySizeBits % 8 != 0
                        || m_minKeySizeBits > m_maxKeySizeBits,
                    "QkdKeyManager: MinKeySizeBits = "
                        << m_minKeySizeBits << " and MaxKeySizeBits = " << m_maxKeySizeBits
                        << " must be multiples of 8 with min <= max");
    EnsureSocket();
    Object::DoInitialize();
}

void
QkdKeyManager::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
    m_socket = nullptr;
    m_node = nullptr;
    m_rng = nullptr;
    m_linkStores.clear();
    m_relayStores.clear();
    m_waitingForKey.clear();
    m_awaitingAck.clear();
    m_heldKeys.clear();
    Object::DoDispose();
}

void
QkdKeyManager::SetNode(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "QkdKeyManager::SetNode: null node");
    m_node = node;
}

uint32_t
QkdKeyManager::GetNodeId() const
{
    NS_ABORT_MSG_IF(!m_node, "QkdKeyManager: SetNode() was not called");
    return m_node->GetId();
}

void
QkdKeyManager::SetPeerAddress(uint32_t nodeId, Ipv4Address address)
{
    m_addresses[nodeId] = address;
}

void
QkdKeyManager::AddLinkStore(Ptr<QkdKeyStore> store)
{
    NS_ABORT_MSG_IF(!store, "QkdKeyManager::AddLinkStore: null store");
    NS_ABORT_MSG_IF(store->GetLocalNodeId() != GetNodeId(),
                    "QkdKeyManager::AddLinkStore: the store's local end is node "
                        << store->GetLocalNodeId() << ", not this KME's node " << GetNodeId());
    const uint32_t peer = store->GetPeerNodeId();
    NS_ABORT_MSG_IF(m_linkStores.count(peer) > 0,
                    "QkdKeyManager: node " << GetNodeId() << " already has a QKD link to node "
                                           << peer);
    NS_ABORT_MSG_IF(m_relayStores.count(peer) > 0,
                    "QkdKeyManager: node " << GetNodeId() << " already serves a relayed pair with "
                                           << "node " << peer
                                           << "; create QKD links before registering SAE pairs");
    m_linkStores[peer] = store;
}

bool
QkdKeyManager::HasLink(uint32_t peerNodeId) const
{
    return m_linkStores.count(peerNodeId) > 0;
}

Ptr<QkdKeyStore>
QkdKeyManager::GetLinkStore(uint32_t peerNodeId) const
{
    auto it = m_linkStores.find(peerNodeId);
    NS_ABORT_MSG_IF(it == m_linkStores.end(),
                    "QkdKeyManager: node " << GetNodeId() << " has no QKD link to node "
                                           << peerNodeId);
    return it->second;
}

Ptr<QkdKeyStore>
QkdKeyManager::GetRelayedStore(uint32_t peerNodeId) const
{
    auto it = m_relayStores.find(peerNodeId);
    return it == m_relayStores.end() ? nullptr : it->second;
}

Ptr<QkdKeyStore>
QkdKeyManager::StoreFor(uint32_t peerNodeId) const
{
    auto it = m_linkStores.find(peerNodeId);
    if (it != m_linkStores.end())
    {
        return it->second;
    }
    return GetRelayedStore(peerNodeId);
}

bool
QkdKeyManager::AddLinkKey(uint32_t peerNodeId, uint64_t blockId, const QkdBitString& bits)
{
    NS_LOG_FUNCTION(this << peerNodeId << blockId << bits.GetSize());
    Ptr<QkdKeyStore> store = GetLinkStore(peerNodeId);
    const bool stored = store->AddKey(blockId, bits);
    auto q = m_waitingForKey.find(peerNodeId);
    while (q != m_waitingForKey.end() && !q->second.empty()
           && store->GetAllocatableBits() >= q->second.front().key.GetSize())
    {
        RelayJob job = q->second.front();
        q->second.pop_front();
        ForwardRelay(job);
    }
    return stored;
}

void
QkdKeyManager::RegisterSaePair(uint32_t masterSae,
                               uint32_t masterNode,
                               uint32_t slaveSae,
                               uint32_t slaveNode)
{
    NS_LOG_FUNCTION(this << masterSae << masterNode << slaveSae << slaveNode);
    NS_ABORT_MSG_IF(masterSae == slaveSae,
                    "QkdKeyManager::RegisterSaePair: master and slave SAE are both " << masterSae);
    NS_ABORT_MSG_IF(masterNode == slaveNode,
                    "QkdKeyManager::RegisterSaePair: master and slave SAE are both on node "
                        << masterNode << "; a pair joins two nodes");
    const uint32_t self = GetNodeId();
    NS_ABORT_MSG_IF(self != masterNode && self != slaveNode,
                    "QkdKeyManager::RegisterSaePair: pair (" << masterSae << ", " << slaveSae
                                                             << ") has no SAE on node " << self);
    for (const SaePair& p : m_pairs)
    {
        NS_ABORT_MSG_IF(p.masterSae == masterSae && p.slaveSae == slaveSae,
                        "QkdKeyManager::RegisterSaePair: pair (" << masterSae << ", " << slaveSae
                                                                 << ") is already registered");
    }
    m_pairs.push_back({masterSae, masterNode, slaveSae, slaveNode});
    m_localSaes.insert(self == masterNode ? masterSae : slaveSae);
    const uint32_t peer = self == masterNode ? slaveNode : masterNode;
    if (!HasLink(peer) && m_relayStores.count(peer) == 0)
    {
        Ptr<QkdKeyStore> store = CreateObject<QkdKeyStore>();
        store->SetAttribute("CapacityBits", UintegerValue(m_relayedCapacityBits));
        store->SetEnds(self, peer);
        m_relayStores[peer] = store;
    }
}

void
QkdKeyManager::SetRelayPath(const std::vector<uint32_t>& path)
{
    NS_ABORT_MSG_IF(path.size() < 3,
                    "QkdKeyManager::SetRelayPath: a relay path needs at least 3 nodes, got "
                        << path.size());
    NS_ABORT_MSG_IF(path.front() != GetNodeId(),
                    "QkdKeyManager::SetRelayPath: the path starts at node "
                        << path.front() << ", not at this KME's node " << GetNodeId());
    NS_ABORT_MSG_IF(!HasLink(path[1]),
                    "QkdKeyManager::SetRelayPath: node " << GetNodeId() << " has no QKD link to "
                                                         << "the first hop " << path[1]);
    m_relayPaths[path.back()] = path;
    Simulator::ScheduleWithContext(GetNodeId(),
                                   Seconds(0),
                                   &QkdKeyManager::MaybeStartRelay,
                                   this,
                                   path.back());
}

bool
QkdKeyManager::IsTrustedRelay() const
{
    return m_trusted;
}

int64_t
QkdKeyManager::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint64_t
QkdKeyManager::GetRefusedRequests() const
{
    return m_refused;
}

uint64_t
QkdKeyManager::GetRelayedBlocksReceived() const
{
    return m_relayReceived;
}

uint64_t
QkdKeyManager::GetRelayedBlocksAcknowledged() const
{
    return m_relayAcked;
}

uint64_t
QkdKeyManager::GetRelayFailures() const
{
    return m_relayFailures;
}

QkdKeyManager::Status
QkdKeyManager::CheckMaster(uint32_t callerSae, uint32_t slaveSae, SaePair& pair) const
{
    if (m_localSaes.count(callerSae) == 0)
    {
        return UNKNOWN_SAE;
    }
    for (const SaePair& p : m_pairs)
    {
        if (p.masterSae == callerSae && p.slaveSae == slaveSae && p.masterNode == GetNodeId())
        {
            pair = p;
            return SUCCESS;
        }
    }
    return UNREGISTERED_PAIR;
}

QkdKeyManager::KeyResponse
QkdKeyManager::Refuse(uint32_t caller, uint32_t peer, Status status)
{
    NS_LOG_LOGIC("node " << GetNodeId() << ": request of SAE " << caller << " for SAE " << peer
                         << " refused: " << StatusToString(status));
    ++m_refused;
    m_refusedTrace(caller, peer, static_cast<int>(status));
    return {status, {}};
}

QkdKeyManager::KeyStatus
QkdKeyManager::GetStatus(uint32_t callerSae, uint32_t slaveSae) const
{
    KeyStatus s{};
    SaePair pair{};
    s.status = CheckMaster(callerSae, slaveSae, pair);
    s.sourceKmeId = GetNodeId();
    s.masterSaeId = callerSae;
    s.slaveSaeId = slaveSae;
    s.keySizeBits = m_defaultKeySizeBits;
    s.maxKeyPerRequest = m_maxKeysPerRequest;
    s.maxKeySizeBits = m_maxKeySizeBits;
    s.minKeySizeBits = m_minKeySizeBits;
    if (s.status == SUCCESS)
    {
        Ptr<QkdKeyStore> store = StoreFor(pair.slaveNode);
        s.targetKmeId = pair.slaveNode;
        s.storedKeyCount = store->GetAllocatableBits() / m_defaultKeySizeBits;
        s.maxKeyCount = store->GetCapacityBits() / m_defaultKeySizeBits;
    }
    return s;
}

QkdKeyManager::KeyResponse
QkdKeyManager::GetKey(uint32_t callerSae, uint32_t slaveSae, uint32_t number, uint32_t sizeBits)
{
    NS_LOG_FUNCTION(this << callerSae << slaveSae << number << sizeBits);
    SaePair pair{};
    const Status check = CheckMaster(callerSae, slaveSae, pair);
    if (check != SUCCESS)
    {
        return Refuse(callerSae, slaveSae, check);
    }
    if (number == 0 || number > m_maxKeysPerRequest)
    {
        return Refuse(callerSae, slaveSae, INVALID_NUMBER);
    }
    if (sizeBits == 0 || sizeBits % 8 != 0 || sizeBits < m_minKeySizeBits
        || sizeBits > m_maxKeySizeBits)
    {
        return Refuse(callerSae, slaveSae, INVALID_SIZE);
    }
    Ptr<QkdKeyStore> store = StoreFor(pair.slaveNode);
    const bool relayed = !HasLink(pair.slaveNode);
    if (store->GetAllocatableBits() < static_cast<uint64_t>(number) * sizeBits)
    {
        if (relayed)
        {
            MaybeStartRelay(pair.slaveNode);
        }
        return Refuse(callerSae, slaveSae, INSUFFICIENT_KEY);
    }
    QkdKeyManagerHeader h;
    h.m_type = QkdKeyManagerHeader::RESERVE;
    h.m_masterSae = callerSae;
    h.m_slaveSae = slaveSae;
    KeyResponse response{SUCCESS, {}};
    for (uint32_t k = 0; k < number; ++k)
    {
        QkdKeyManagerHeader::Entry e;
        Key key;
        const bool ok = store->Allocate(sizeBits, e.segments, key.bits);
        NS_ASSERT(ok);
        key.keyId = (static_cast<uint64_t>(GetNodeId()) << 40) | ++m_keyCounter;
        e.keyId = key.keyId;
        h.m_entries.push_back(std::move(e));
        m_keyServedTrace(callerSae, slaveSae, key.keyId, sizeBits);
        response.keys.push_back(std::move(key));
    }
    Send(pair.slaveNode, h);
    if (relayed)
    {
        MaybeStartRelay(pair.slaveNode);
    }
    return response;
}

QkdKeyManager::KeyResponse
QkdKeyManager::GetKeyWithIds(uint32_t callerSae,
                             uint32_t masterSae,
                             const std::vector<uint64_t>& keyIds)
{
    NS_LOG_FUNCTION(this << callerSae << masterSae << keyIds.size());
    if (m_localSaes.count(callerSae) == 0)
    {
        return Refuse(callerSae, masterSae, UNKNOWN_SAE);
    }
    bool registered = false;
    for (const SaePair& p : m_pairs)
    {
        registered = registered
                     || (p.masterSae == masterSae && p.slaveSae == callerSae
                         && p.slaveNode == GetNodeId());
    }
    if (!registered)
    {
        return Refuse(callerSae, masterSae, UNREGISTERED_PAIR);
    }
    if (keyIds.empty() || keyIds.size() > m_maxKeysPerRequest)
    {
        return Refuse(callerSae, masterSae, INVALID_NUMBER);
    }
    std::unordered_set<uint64_t> seen;
    for (uint64_t id : keyIds)
    {
        if (!seen.insert(id).second)
        {
            return Refuse(callerSae, masterSae, DUPLICATE_KEY_ID);
        }
        auto it = m_heldKeys.find(id);
        if (it == m_heldKeys.end())
        {
            return Refuse(callerSae, masterSae, KEY_ID_NOT_YET_KNOWN);
        }
        if (it->second.masterSae != masterSae || it->second.slaveSae != callerSae)
        {
            return Refuse(callerSae, masterSae, UNREGISTERED_PAIR);
        }
        if (it->second.status != SUCCESS)
        {
            return Refuse(callerSae, masterSae, it->second.status);
        }
    }
    KeyResponse response{SUCCESS, {}};
    for (uint64_t id : keyIds)
    {
        auto it = m_heldKeys.find(id); // present: checked above, ids distinct
        m_keyDeliveredTrace(masterSae,
                            callerSae,
                            id,
                            static_cast<uint32_t>(it->second.bits.GetSize()));
        response.keys.push_back({id, std::move(it->second.bits)});
        m_heldKeys.erase(it);
    }
    return response;
}

void
QkdKeyManager::EnsureSocket()
{
    if (m_socket)
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_node, "QkdKeyManager: SetNode() was not called");
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    const int rc = m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    NS_ABORT_MSG_IF(rc != 0,
                    "QkdKeyManager on node " << GetNodeId() << ": cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&QkdKeyManager::HandleRead, this));
}

void
QkdKeyManager::Send(uint32_t nodeId, const QkdKeyManagerHeader& header)
{
    EnsureSocket();
    auto it = m_addresses.find(nodeId);
    NS_ABORT_MSG_IF(it == m_addresses.end(),
                    "QkdKeyManager on node " << GetNodeId() << ": no address for the KME of node "
                                             << nodeId
                                             << " (QkdKeyManagerHelper::Install sets them)");
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(header);
    const int sent = m_socket->SendTo(p, 0, InetSocketAddress(it->second, m_port));
    NS_ABORT_MSG_IF(sent < 0,
                    "QkdKeyManager on node " << GetNodeId() << ": sending to node " << nodeId
                                             << " failed (socket error " << m_socket->GetErrno()
                                             << ")");
}

void
QkdKeyManager::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        QkdKeyManagerHeader h;
        p->RemoveHeader(h);
        switch (h.m_type)
        {
            case QkdKeyManagerHeader::RESERVE:
                HandleReserve(h);
                break;
            case QkdKeyManagerHeader::RELAY:
                HandleRelay(h);
                break;
            case QkdKeyManagerHeader::RELAY_ACK:
                HandleRelayAck(h);
                break;
        }
    }
}

void
QkdKeyManager::HandleReserve(const QkdKeyManagerHeader& h)
{
    NS_LOG_FUNCTION(this << h.m_masterSae << h.m_slaveSae << h.m_entries.size());
    const SaePair* pair = nullptr;
    for (const SaePair& p : m_pairs)
    {
        if (p.masterSae == h.m_masterSae && p.slaveSae == h.m_slaveSae
            && p.slaveNode == GetNodeId())
        {
            pair = &p;
        }
    }
    if (pair == nullptr)
    {
        NS_LOG_WARN("node " << GetNodeId() << ": RESERVE for unregistered pair (" << h.m_masterSae
                            << ", " << h.m_slaveSae << ") ignored");
        return;
    }
    Ptr<QkdKeyStore> store = StoreFor(pair->masterNode);
    for (const auto& e : h.m_entries)
    {
        HeldKey held{h.m_masterSae, h.m_slaveSae, SUCCESS, QkdBitString()};
        if (store->ConsumePeer(e.segments, held.bits) != QkdKeyStore::CONSUME_OK)
        {
            held.status = KEY_MATERIAL_MISSING;
            held.bits = QkdBitString();
        }
        m_heldKeys[e.keyId] = std::move(held);
    }
}

uint32_t
QkdKeyManager::OriginSplit(uint32_t peer, uint32_t origin, uint32_t numBits) const
{
    const uint32_t lower = std::min(GetNodeId(), peer);
    return origin == lower ? numBits : 0;
}

void
QkdKeyManager::MaybeStartRelay(uint32_t destination)
{
    NS_LOG_FUNCTION(this << destination);
    auto pathIt = m_relayPaths.find(destination);
    NS_ABORT_MSG_IF(pathIt == m_relayPaths.end(),
                    "QkdKeyManager on node " << GetNodeId() << ": no relay path to node "
                                             << destination);
    Ptr<QkdKeyStore> store = GetRelayedStore(destination);
    NS_ABORT_MSG_IF(!store,
                    "QkdKeyManager on node " << GetNodeId() << ": no registered SAE pair with node "
                                             << destination << " to relay keys for");
    uint32_t& inFlight = m_relaysInFlight[destination];
    while (inFlight < m_maxRelaysInFlight
           && store->GetAllocatableBits() + static_cast<uint64_t>(inFlight) * m_relayBlockBits
                  < m_relayTargetBits)
    {
        RelayJob job;
        job.blockId = (static_cast<uint64_t>(GetNodeId()) << 40) | ++m_relayCounter;
        job.path = pathIt->second;
        job.nextHop = 1;
        job.key = QkdBitString::Random(m_relayBlockBits, m_rng);
        m_awaitingAck[job.blockId] = job;
        ++inFlight;
        ForwardRelay(job);
    }
}

void
QkdKeyManager::ForwardRelay(RelayJob job)
{
    const uint32_t next = job.path[job.nextHop];
    Ptr<QkdKeyStore> store = GetLinkStore(next);
    QkdKeyManagerHeader h;
    h.m_entries.resize(1);
    QkdBitString pad;
    if (!store->Allocate(job.key.GetSize(), h.m_entries[0].segments, pad))
    {
        NS_LOG_LOGIC("node " << GetNodeId() << ": relay block " << job.blockId
                             << " waits for key on the link to node " << next);
        m_waitingForKey[next].push_back(std::move(job));
        return;
    }
    h.m_type = QkdKeyManagerHeader::RELAY;
    h.m_originNode = job.path.front();
    h.m_destinationNode = job.path.back();
    h.m_relayBlockId = job.blockId;
    h.m_path = job.path;
    h.m_hop = job.nextHop;
    h.m_entries[0].keyId = job.blockId;
    h.m_payload = job.key ^ pad;
    Send(next, h);
}

void
QkdKeyManager::HandleRelay(const QkdKeyManagerHeader& h)
{
    NS_LOG_FUNCTION(this << h.m_relayBlockId << h.m_hop);
    const uint32_t self = GetNodeId();
    NS_ABORT_MSG_IF(h.m_hop == 0 || h.m_hop >= h.m_path.size() || h.m_path[h.m_hop] != self
                        || h.m_entries.size() != 1,
                    "QkdKeyManager on node " << self << ": malformed RELAY message");
    const uint32_t prev = h.m_path[h.m_hop - 1];
    QkdBitString pad;
    if (GetLinkStore(prev)->ConsumePeer(h.m_entries[0].segments, pad) != QkdKeyStore::CONSUME_OK
        || pad.GetSize() != h.m_payload.GetSize())
    {
        NS_LOG_WARN("node " << self << ": relay block " << h.m_relayBlockId
                            << " names pad bits this node does not hold; block abandoned");
        ++m_relayFailures;
        QkdKeyManagerHeader ack;
        ack.m_type = QkdKeyManagerHeader::RELAY_ACK;
        ack.m_originNode = h.m_originNode;
        ack.m_destinationNode = h.m_destinationNode;
        ack.m_relayBlockId = h.m_relayBlockId;
        ack.m_accepted = 0;
        Send(h.m_originNode, ack);
        return;
    }
    QkdBitString key = h.m_payload ^ pad;
    if (h.m_hop + 1 == h.m_path.size())
    {
        Ptr<QkdKeyStore> store = GetRelayedStore(h.m_originNode);
        NS_ABORT_MSG_IF(!store,
                        "QkdKeyManager on node " << self << ": relay block from node "
                                                 << h.m_originNode
                                                 << " but no registered SAE pair with it");
        const auto n = static_cast<uint32_t>(key.GetSize());
        const bool accepted
            = store->AddKey(h.m_relayBlockId, key, OriginSplit(h.m_originNode, h.m_originNode, n));
        ++m_relayReceived;
        m_relayDoneTrace(h.m_relayBlockId, h.m_originNode, h.m_destinationNode, self);
        QkdKeyManagerHeader ack;
        ack.m_type = QkdKeyManagerHeader::RELAY_ACK;
        ack.m_originNode = h.m_originNode;
        ack.m_destinationNode = h.m_destinationNode;
        ack.m_relayBlockId = h.m_relayBlockId;
        ack.m_accepted = accepted ? 1 : 0;
        Send(h.m_originNode, ack);
        return;
    }
    NS_ABORT_MSG_IF(!m_trusted,
                    "QkdKeyManager on node " << self << " received relay block " << h.m_relayBlockId
                                             << " to forward but is not a trusted relay");
    m_relayTrace(h.m_relayBlockId, h.m_originNode, h.m_destinationNode, self);
    RelayJob job;
    job.blockId = h.m_relayBlockId;
    job.path = h.m_path;
    job.nextHop = h.m_hop + 1;
    job.key = std::move(key);
    ForwardRelay(std::move(job));
}

void
QkdKeyManager::HandleRelayAck(const QkdKeyManagerHeader& h)
{
    NS_LOG_FUNCTION(this << h.m_relayBlockId << unsigned(h.m_accepted));
    auto it = m_awaitingAck.find(h.m_relayBlockId);
    if (it == m_awaitingAck.end())
    {
        NS_LOG_WARN("node " << GetNodeId() << ": RELAY_ACK for unknown block " << h.m_relayBlockId);
        return;
    }
    const uint32_t destination = h.m_destinationNode;
    if (h.m_accepted)
    {
        const auto n = static_cast<uint32_t>(it->second.key.GetSize());
        GetRelayedStore(destination)
            ->AddKey(h.m_relayBlockId, it->second.key, OriginSplit(destination, GetNodeId(), n));
        ++m_relayAcked;
    }
    m_awaitingAck.erase(it);
    uint32_t& inFlight = m_relaysInFlight[destination];
    NS_ASSERT(inFlight > 0);
    --inFlight;
    MaybeStartRelay(destination);
}

} // namespace ns3
