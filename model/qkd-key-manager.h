/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_MANAGER_H
#define QKD_KEY_MANAGER_H

#include "qkd-bit-string.h"
#include "qkd-key-manager-header.h"
#include "qkd-key-store.h"

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Node;
class Packet;
class Socket;
class UniformRandomVariable;

/**
 * @ingroup quantum
 * @brief A node's key management entity (KME), with an ETSI GS QKD 014-style
 * interface for the applications (SAEs) that consume key, and trusted-relay
 * forwarding of keys across multi-hop QKD networks.
 *
 * Aggregated to an ns3::Node (one per node).  Key material lives in
 * QkdKeyStore objects: one per QKD link (filled by AddLinkKey() from a QKD
 * protocol or a key-supply model), and one per registered SAE pair whose nodes
 * are not adjacent (filled by the trusted relay).
 *
 * ETSI GS QKD 014 V1.1.1 mapping:
 *  - GetStatus(master, slave)        <-> GET  /api/v1/keys/{slave_SAE_ID}/status
 *  - GetKey(master, slave, n, size)  <-> POST /api/v1/keys/{slave_SAE_ID}/enc_keys
 *  - GetKeyWithIds(slave, master, ids) <-> POST /api/v1/keys/{master_SAE_ID}/dec_keys
 *
 * GetKey allocates the keys from this end's share of the pair's store,
 * gives them fresh key ids and sends a RESERVE message (UDP) to the slave's
 * KME, which removes the same bits from its store and holds the keys for the
 * slave SAE.  Before that message arrives GetKeyWithIds answers
 * KEY_ID_NOT_YET_KNOWN.  A key handed out is gone from both stores.
 *
 * Trusted relay: for a registered pair on non-adjacent nodes the master's
 * KME keeps the pair's end-to-end store above RelayTargetBits by relaying
 * blocks of RelayBlockBits random bits along a path of trusted nodes (set by
 * QkdKeyManagerHelper, shortest path on the QKD link graph): on every hop the
 * block is XORed with fresh key of that hop's link (one-time pad), so every
 * link on the path loses exactly RelayBlockBits bits, and every intermediate
 * node sees the block in clear (TrustedRelay trace).  The destination stores
 * the block and acknowledges; the origin stores it on the acknowledgement,
 * so a RESERVE can never name a block the slave's KME does not hold yet.
 * A hop without enough link key waits, and resumes when key arrives.
 */
class QkdKeyManager : public Object
{
  public:
    /** Result of an application request (ETSI 014 answers with HTTP errors). */
    enum Status
    {
        SUCCESS = 0,       //!< served
        UNKNOWN_SAE,       //!< the calling SAE is not registered at this KME
        UNREGISTERED_PAIR, //!< the two SAEs are not a registered master/slave pair
        INVALID_NUMBER,    //!< number of keys 0 or above MaxKeysPerRequest
        INVALID_SIZE, //!< size 0, not a multiple of 8, or outside [MinKeySizeBits, MaxKeySizeBits]
        INSUFFICIENT_KEY,     //!< the store does not hold enough key (try later)
        KEY_ID_NOT_YET_KNOWN, //!< no such key id (yet): the RESERVE message has not arrived
        KEY_MATERIAL_MISSING, //!< the RESERVE named key material this KME does not hold
        DUPLICATE_KEY_ID      //!< GetKeyWithIds named the same key id twice
    };

    /**
     * @param status a status
     * @return its name, e.g. "UNKNOWN_SAE"
     */
    static std::string StatusToString(Status status);

    /** Answer of GetStatus (the ETSI 014 "Status" data format). */
    struct KeyStatus
    {
        Status status;             //!< SUCCESS, or why the request was refused
        uint32_t sourceKmeId;      //!< node id of this KME
        uint32_t targetKmeId;      //!< node id of the slave's KME
        uint32_t masterSaeId;      //!< the caller
        uint32_t slaveSaeId;       //!< the slave SAE
        uint32_t keySizeBits;      //!< default key size
        uint64_t storedKeyCount;   //!< keys of the default size available to the master
        uint64_t maxKeyCount;      //!< store capacity in keys of the default size
        uint32_t maxKeyPerRequest; //!< MaxKeysPerRequest
        uint32_t maxKeySizeBits;   //!< MaxKeySizeBits
        uint32_t minKeySizeBits;   //!< MinKeySizeBits
    };

    /** A key with its id (the ETSI 014 "Key container" entry). */
    struct Key
    {
        uint64_t keyId;    //!< key id, unique in the simulation
        QkdBitString bits; //!< the key
    };

    /** Answer of GetKey and GetKeyWithIds. */
    struct KeyResponse
    {
        Status status;         //!< SUCCESS, or why the request was refused
        std::vector<Key> keys; //!< the keys (empty unless SUCCESS)
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdKeyManager();
    ~QkdKeyManager() override;

    /**
     * TracedCallback signature of KeyServed and KeyDelivered.
     * @param masterSae master SAE id
     * @param slaveSae slave SAE id
     * @param keyId key id
     * @param sizeBits key size
     */
    typedef void (*KeyTracedCallback)(uint32_t masterSae,
                                      uint32_t slaveSae,
                                      uint64_t keyId,
                                      uint32_t sizeBits);

    /**
     * TracedCallback signature of RequestRefused.
     * @param callerSae the SAE that called
     * @param peerSae the other SAE named in the request
     * @param status why (a Status value)
     */
    typedef void (*RefusedTracedCallback)(uint32_t callerSae, uint32_t peerSae, int status);

    /**
     * TracedCallback signature of TrustedRelay and RelayCompleted.
     * @param blockId end-to-end block id
     * @param originNode node that created the block
     * @param destinationNode node the block is for
     * @param nodeId the node firing the trace
     */
    typedef void (*RelayTracedCallback)(uint64_t blockId,
                                        uint32_t originNode,
                                        uint32_t destinationNode,
                                        uint32_t nodeId);

    // --- ETSI GS QKD 014-style application interface -------------------

    /**
     * @param callerSae the master SAE asking (must be registered at this node)
     * @param slaveSae the slave SAE
     * @return the status of the pair's key store
     */
    KeyStatus GetStatus(uint32_t callerSae, uint32_t slaveSae) const;

    /**
     * Get new keys for the master SAE; the same keys become available to the
     * slave SAE through GetKeyWithIds once the RESERVE message arrived.
     * @param callerSae the master SAE (must be registered at this node)
     * @param slaveSae the slave SAE of a registered pair with callerSae
     * @param number number of keys, 1..MaxKeysPerRequest
     * @param sizeBits size of each key: a multiple of 8 in [MinKeySizeBits, MaxKeySizeBits]
     * @return the keys with their ids, or the refusal status
     */
    KeyResponse GetKey(uint32_t callerSae, uint32_t slaveSae, uint32_t number, uint32_t sizeBits);

    /**
     * Get, by id, the keys the master SAE obtained; they are removed.
     * @param callerSae the slave SAE (must be registered at this node)
     * @param masterSae the master SAE of a registered pair with callerSae
     * @param keyIds the key ids (all or nothing)
     * @return the keys, or the refusal status
     */
    KeyResponse GetKeyWithIds(uint32_t callerSae,
                              uint32_t masterSae,
                              const std::vector<uint64_t>& keyIds);

    // --- configuration (normally through QkdKeyManagerHelper) ----------

    /**
     * @param node the node this KME serves (and is aggregated to)
     */
    void SetNode(Ptr<Node> node);

    /** @return the node id of this KME */
    uint32_t GetNodeId() const;

    /**
     * @param nodeId a node with a KME
     * @param address its IPv4 address for key-manager messages
     */
    void SetPeerAddress(uint32_t nodeId, Ipv4Address address);

    /**
     * Attach this end of a QKD link.
     * @param store the store (its ends already set: local = this node)
     */
    void AddLinkStore(Ptr<QkdKeyStore> store);

    /**
     * @param peerNodeId a node
     * @return true if a QKD link joins this node and peerNodeId
     */
    bool HasLink(uint32_t peerNodeId) const;

    /**
     * @param peerNodeId the other end of a QKD link (aborts if there is none)
     * @return this end's store of that link
     */
    Ptr<QkdKeyStore> GetLinkStore(uint32_t peerNodeId) const;

    /**
     * @param peerNodeId the other node of a registered non-adjacent SAE pair
     * @return this end's end-to-end (relayed) store, or 0 if there is none
     */
    Ptr<QkdKeyStore> GetRelayedStore(uint32_t peerNodeId) const;

    /**
     * Key input: a block of secret key of the link to peerNodeId.  Must be
     * called at both ends with the same id and bits (a QKD protocol's
     * secret-key output, or QkdKeySupplyModel).
     * @param peerNodeId the other end of the link (aborts if there is no link)
     * @param blockId block id, identical at both ends
     * @param bits the key
     * @return true if stored, false if dropped (store full)
     */
    bool AddLinkKey(uint32_t peerNodeId, uint64_t blockId, const QkdBitString& bits);

    /**
     * Register a master/slave SAE pair (called on the KMEs of both nodes).
     * @param masterSae master SAE id
     * @param masterNode node of the master SAE
     * @param slaveSae slave SAE id (!= masterSae)
     * @param slaveNode node of the slave SAE (!= masterNode)
     */
    void RegisterSaePair(uint32_t masterSae,
                         uint32_t masterNode,
                         uint32_t slaveSae,
                         uint32_t slaveNode);

    /**
     * Set the trusted-relay path to a destination (on the origin's KME).
     * @param path node ids from this node to the destination, >= 3 nodes,
     *        each consecutive pair joined by a QKD link
     */
    void SetRelayPath(const std::vector<uint32_t>& path);

    /** @return true if this node may relay keys (TrustedRelay attribute) */
    bool IsTrustedRelay() const;

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** @return application requests refused so far (any status but SUCCESS) */
    uint64_t GetRefusedRequests() const;

    /** @return relayed blocks that arrived here as their destination */
    uint64_t GetRelayedBlocksReceived() const;

    /** @return relay blocks acknowledged to this node as their origin */
    uint64_t GetRelayedBlocksAcknowledged() const;

    /** @return relay hops that failed because the pad named missing key */
    uint64_t GetRelayFailures() const;

  protected:
    void DoDispose() override;
    void DoInitialize() override;

  private:
    /** A registered SAE pair, as seen by this KME. */
    struct SaePair
    {
        uint32_t masterSae;  //!< master
        uint32_t masterNode; //!< master's node
        uint32_t slaveSae;   //!< slave
        uint32_t slaveNode;  //!< slave's node
    };

    /** A key held for a slave SAE. */
    struct HeldKey
    {
        uint32_t masterSae; //!< master of the pair
        uint32_t slaveSae;  //!< slave of the pair
        Status status;      //!< SUCCESS, or KEY_MATERIAL_MISSING
        QkdBitString bits;  //!< the key
    };

    /** A relay block on its way. */
    struct RelayJob
    {
        uint64_t blockId;           //!< end-to-end block id
        std::vector<uint32_t> path; //!< origin .. destination
        uint32_t nextHop;           //!< index in path of the next receiver
        QkdBitString key;           //!< the block in clear (this node is trusted)
    };

    /**
     * @param peerNodeId the other node of a pair
     * @return the store serving pairs with that node (link or relayed), or 0
     */
    Ptr<QkdKeyStore> StoreFor(uint32_t peerNodeId) const;

    /**
     * Common checks of GetStatus and GetKey.
     * @param callerSae master
     * @param slaveSae slave
     * @param pair receives the pair
     * @return SUCCESS or the refusal status
     */
    Status CheckMaster(uint32_t callerSae, uint32_t slaveSae, SaePair& pair) const;

    /**
     * Count and trace a refusal.
     * @param caller caller SAE
     * @param peer peer SAE
     * @param status the status
     * @return a response carrying status
     */
    KeyResponse Refuse(uint32_t caller, uint32_t peer, Status status);

    /** Create the socket if needed. */
    void EnsureSocket();

    /**
     * @param nodeId destination node
     * @param header the message
     */
    void Send(uint32_t nodeId, const QkdKeyManagerHeader& header);

    /**
     * @param socket the socket with data
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * @param h a RESERVE message
     */
    void HandleReserve(const QkdKeyManagerHeader& h);

    /**
     * @param h a RELAY message
     */
    void HandleRelay(const QkdKeyManagerHeader& h);

    /**
     * @param h a RELAY_ACK message
     */
    void HandleRelayAck(const QkdKeyManagerHeader& h);

    /**
     * Start relays to a destination while its store is below RelayTargetBits.
     * @param destination the destination node
     */
    void MaybeStartRelay(uint32_t destination);

    /**
     * Pad and send the next hop, or queue the job until the link has key.
     * @param job the job
     */
    void ForwardRelay(RelayJob job);

    /**
     * @param peer a block's other end
     * @param origin the origin of the block
     * @param numBits block length
     * @return the lowerEndBits split giving the whole block to origin
     */
    uint32_t OriginSplit(uint32_t peer, uint32_t origin, uint32_t numBits) const;

    Ptr<Node> m_node;                                       //!< our node
    Ptr<Socket> m_socket;                                   //!< UDP socket
    Ptr<UniformRandomVariable> m_rng;                       //!< relay block bits
    uint16_t m_port;                                        //!< UDP port
    bool m_trusted;                                         //!< may relay
    uint32_t m_defaultKeySizeBits;                          //!< ETSI default key size
    uint32_t m_minKeySizeBits;                              //!< minimum key size
    uint32_t m_maxKeySizeBits;                              //!< maximum key size
    uint32_t m_maxKeysPerRequest;                           //!< maximum number of keys
    uint32_t m_relayBlockBits;                              //!< relay block size
    uint64_t m_relayTargetBits;                             //!< refill level of relayed stores
    uint32_t m_maxRelaysInFlight;                           //!< per destination
    uint64_t m_relayedCapacityBits;                         //!< capacity of relayed stores
    std::map<uint32_t, Ipv4Address> m_addresses;            //!< node id -> address
    std::map<uint32_t, Ptr<QkdKeyStore>> m_linkStores;      //!< peer node -> link store
    std::map<uint32_t, Ptr<QkdKeyStore>> m_relayStores;     //!< peer node -> relayed store
    std::vector<SaePair> m_pairs;                           //!< registered pairs (with a local SAE)
    std::set<uint32_t> m_localSaes;                         //!< SAEs on this node
    std::map<uint32_t, std::vector<uint32_t>> m_relayPaths; //!< destination -> path
    std::map<uint32_t, uint32_t> m_relaysInFlight;          //!< destination -> count
    std::map<uint64_t, RelayJob> m_awaitingAck;             //!< origin: blocks sent
    std::map<uint32_t, std::deque<RelayJob>> m_waitingForKey; //!< next hop -> jobs
    std::map<uint64_t, HeldKey> m_heldKeys;                   //!< slave side: reserved keys
    uint64_t m_keyCounter;                                    //!< key ids issued
    uint64_t m_relayCounter;                                  //!< relay blocks started
    uint64_t m_refused;                                       //!< refused requests
    uint64_t m_relayReceived;                                 //!< blocks received as destination
    uint64_t m_relayAcked;                                    //!< blocks acknowledged
    uint64_t m_relayFailures;                                 //!< failed hops
    TracedCallback<uint32_t, uint32_t, uint64_t, uint32_t> m_keyServedTrace;    //!< KeyServed
    TracedCallback<uint32_t, uint32_t, uint64_t, uint32_t> m_keyDeliveredTrace; //!< KeyDelivered
    TracedCallback<uint32_t, uint32_t, int> m_refusedTrace;                     //!< RequestRefused
    TracedCallback<uint64_t, uint32_t, uint32_t, uint32_t> m_relayTrace;        //!< TrustedRelay
    TracedCallback<uint64_t, uint32_t, uint32_t, uint32_t> m_relayDoneTrace;    //!< RelayCompleted
};

} // namespace ns3

#endif /* QKD_KEY_MANAGER_H */
