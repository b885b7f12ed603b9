/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Key management: key stores, the ETSI GS QKD 014-style key manager
// interface (ETSI GS QKD 014 V1.1.1, "Protocol and data format of REST-based
// key delivery API"), the RESERVE exchange between key managers, trusted-relay
// forwarding with one-time pad (hop-by-hop key relay of trusted-node QKD
// networks, e.g. SECOQC: Peev et al., New J. Phys. 11, 075001 (2009)), the
// encrypting application, and the rate model of the key supply (decoy BB84,
// Ma, Qi, Zhao, Lo, PRA 72, 012326 (2005), eqs. (1), (10), (11)).

#include "quantum-test-utils.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-encrypting-application.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-key-manager-helper.h"
#include "ns3/qkd-key-manager.h"
#include "ns3/qkd-key-store.h"
#include "ns3/qkd-key-supply-model.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;

namespace
{

/**
 * @param n number of bits
 * @param stream stream index
 * @return random bits from a fixed stream
 */
QkdBitString
RandomBits(size_t n, int64_t stream)
{
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(stream);
    return QkdBitString::Random(n, u);
}

/**
 * @param local local node id
 * @param peer peer node id
 * @param capacity capacity in bits
 * @return a store
 */
Ptr<QkdKeyStore>
MakeStore(uint32_t local, uint32_t peer, uint64_t capacity)
{
    Ptr<QkdKeyStore> s = CreateObject<QkdKeyStore>();
    s->SetAttribute("CapacityBits", UintegerValue(capacity));
    s->SetEnds(local, peer);
    return s;
}

/**
 * Nodes joined by point-to-point links (1 Gb/s, 1 ms) along `edges`, with
 * IPv4 and global routing, key managers, and a QKD link on every edge.
 */
struct TestNet
{
    NodeContainer nodes;     //!< the nodes
    QkdKeyManagerHelper kmh; //!< key-manager helper

    /**
     * @param n number of nodes
     * @param edges classical and QKD links
     * @param storeCapacity link store capacity in bits
     */
    TestNet(uint32_t n,
            const std::vector<std::pair<uint32_t, uint32_t>>& edges,
            uint64_t storeCapacity)
    {
        nodes.Create(n);
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        Ipv4AddressHelper addr;
        uint32_t subnet = 1;
        for (const auto& e : edges)
        {
            std::ostringstream base;
            base << "10.1." << subnet++ << ".0";
            addr.SetBase(base.str().c_str(), "255.255.255.0");
            addr.Assign(p2p.Install(nodes.Get(e.first), nodes.Get(e.second)));
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        kmh.SetStoreAttribute("CapacityBits", UintegerValue(storeCapacity));
        kmh.Install(nodes);
        for (const auto& e : edges)
        {
            kmh.CreateLink(nodes.Get(e.first), nodes.Get(e.second));
        }
    }

    /**
     * @param i node index
     * @return its key manager
     */
    Ptr<QkdKeyManager> Km(uint32_t i) const
    {
        return QkdKeyManagerHelper::GetKeyManager(nodes.Get(i));
    }

    /**
     * @param name key-manager attribute, set on every node
     * @param value its value
     */
    void SetKmAttribute(const std::string& name, const AttributeValue& value)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Km(i)->SetAttribute(name, value);
        }
    }

    /**
     * Feed identical blocks to both ends of the link (a, b).
     * @param a node index
     * @param b node index
     * @param blocks number of blocks
     * @param bits bits per block
     * @param stream first stream for the key bits
     */
    void Feed(uint32_t a, uint32_t b, uint32_t blocks, uint32_t bits, int64_t stream)
    {
        for (uint32_t k = 0; k < blocks; ++k)
        {
            const QkdBitString key = RandomBits(bits, stream + k);
            Km(a)->AddLinkKey(nodes.Get(b)->GetId(), k + 1, key);
            Km(b)->AddLinkKey(nodes.Get(a)->GetId(), k + 1, key);
        }
    }
};

} // namespace

/**
 * @ingroup quantum-tests
 * Key store: shares, identical bits at both ends, capacity, empty store,
 * peer consumption errors, level trace.
 */
class QkdKeyStoreTestCase : public TestCase
{
  public:
    QkdKeyStoreTestCase()
        : TestCase("Key store: shares, both ends equal, full drops new block, empty refuses")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QkdKeyStore> a = MakeStore(3, 7, 2000); // node 3 is the lower end
        Ptr<QkdKeyStore> b = MakeStore(7, 3, 2000);
        uint64_t lastLevel = 0;
        uint32_t dropped = 0;
        a->TraceConnectWithoutContext("StoredBits",
                                      MakeCallback(+[](uint64_t* last, uint64_t, uint64_t v) {
                                          *last = v;
                                      }).Bind(&lastLevel));
        a->TraceConnectWithoutContext("KeyDropped",
                                      MakeCallback(+[](uint32_t* d, uint64_t, uint32_t n) {
                                          *d += n;
                                      }).Bind(&dropped));
        const QkdBitString k1 = RandomBits(1000, 1);
        const QkdBitString k2 = RandomBits(900, 2);
        NS_TEST_ASSERT_MSG_EQ(a->AddKey(11, k1), true, "block 11 stored");
        NS_TEST_ASSERT_MSG_EQ(b->AddKey(11, k1), true, "block 11 stored");
        NS_TEST_EXPECT_MSG_EQ(a->GetStoredBits(), 1000, "level");
        NS_TEST_EXPECT_MSG_EQ(lastLevel, 1000, "level trace");
        NS_TEST_EXPECT_MSG_EQ(a->GetAllocatableBits(), 500, "lower end owns floor(1000 * 0.5)");
        NS_TEST_EXPECT_MSG_EQ(b->GetAllocatableBits(), 500, "higher end owns the rest");
        // Full: 1000 + 900 <= 2000 fits; a further 200 bits do not.
        NS_TEST_ASSERT_MSG_EQ(a->AddKey(12, k2), true, "block 12 stored");
        NS_TEST_ASSERT_MSG_EQ(b->AddKey(12, k2), true, "block 12 stored");
        NS_TEST_EXPECT_MSG_EQ(a->AddKey(13, RandomBits(200, 3)), false, "store full: dropped");
        NS_TEST_EXPECT_MSG_EQ(dropped, 200, "KeyDropped traced the dropped bits");
        NS_TEST_EXPECT_MSG_EQ(a->GetStoredBits(),
                              1900,
                              "a dropped block does not change the level");
        NS_TEST_EXPECT_MSG_EQ(a->GetDroppedBits(), 200, "dropped bits counted");

        // a allocates 600 bits: 500 from block 11 (bits 0..499) and 100 from block 12 (0..99).
        std::vector<QkdKeySegment> segs;
        QkdBitString ka;
        NS_TEST_ASSERT_MSG_EQ(a->Allocate(600, segs, ka), true, "allocation");
        NS_TEST_ASSERT_MSG_EQ(segs.size(), 2, "two segments");
        NS_TEST_EXPECT_MSG_EQ(segs[0].blockId, 11, "oldest block first");
        NS_TEST_EXPECT_MSG_EQ(segs[0].offset, 0, "lower end's share starts at 0");
        NS_TEST_EXPECT_MSG_EQ(segs[0].length, 500, "whole share of block 11");
        NS_TEST_EXPECT_MSG_EQ(segs[1].blockId, 12, "then block 12");
        NS_TEST_EXPECT_MSG_EQ(segs[1].length, 100, "rest");
        QkdBitString expect = k1.Slice(0, 500);
        expect.Append(k2.Slice(0, 100));
        NS_TEST_EXPECT_MSG_EQ((ka == expect), true, "allocated bits are the stored bits");
        NS_TEST_EXPECT_MSG_EQ(a->GetStoredBits(), 1300, "level after allocation");
        NS_TEST_EXPECT_MSG_EQ(lastLevel, 1300, "level trace after allocation");

        // b consumes the same segments: bit equality at both ends.
        QkdBitString kb;
        NS_TEST_ASSERT_MSG_EQ(b->ConsumePeer(segs, kb),
                              QkdKeyStore::CONSUME_OK,
                              "peer consumption");
        NS_TEST_EXPECT_MSG_EQ((ka == kb), true, "identical key at both ends");
        NS_TEST_EXPECT_MSG_EQ(b->GetStoredBits(), 1300, "both ends lost exactly 600 bits");
        NS_TEST_EXPECT_MSG_EQ(a->GetConsumedBits(), 600, "consumed bits at a");
        NS_TEST_EXPECT_MSG_EQ(b->GetConsumedBits(), 600, "consumed bits at b");
        // Twice: already consumed.
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer(segs, kb),
                              QkdKeyStore::CONSUME_INVALID_RANGE,
                              "the same segments cannot be consumed twice");
        NS_TEST_EXPECT_MSG_EQ(b->GetStoredBits(), 1300, "a refused consumption changes nothing");
    }
};

/**
 * @ingroup quantum-tests
 * Key store errors: peer segments outside the peer's share, missing blocks,
 * empty store, and aborts on bad input.
 */
class QkdKeyStoreErrorsTestCase : public TestCase
{
  public:
    QkdKeyStoreErrorsTestCase()
        : TestCase("Key store errors: invalid segments, empty store, bad input aborts")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<QkdKeyStore> a = MakeStore(1, 2, 10000);
        Ptr<QkdKeyStore> b = MakeStore(2, 1, 10000);
        const QkdBitString k = RandomBits(64, 5);
        a->AddKey(1, k);
        b->AddKey(1, k);
        QkdBitString out;
        std::vector<QkdKeySegment> segs;
        // Empty store: 33 bits > 32 own bits.
        NS_TEST_EXPECT_MSG_EQ(a->Allocate(33, segs, out), false, "not enough own key");
        NS_TEST_EXPECT_MSG_EQ(a->GetStoredBits(), 64, "a refused allocation changes nothing");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer({{9, 0, 8}}, out),
                              QkdKeyStore::CONSUME_BLOCK_MISSING,
                              "unknown block");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer({{1, 32, 8}}, out),
                              QkdKeyStore::CONSUME_INVALID_RANGE,
                              "b's own share cannot be consumed by the peer");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer({{1, 0, 8}, {1, 4, 8}}, out),
                              QkdKeyStore::CONSUME_INVALID_RANGE,
                              "overlapping segments");
        NS_TEST_EXPECT_MSG_EQ(b->GetStoredBits(), 64, "all or nothing");
        NS_TEST_ASSERT_MSG_EQ(a->Allocate(32, segs, out), true, "all own key");
        std::vector<QkdKeySegment> none;
        NS_TEST_EXPECT_MSG_EQ(a->Allocate(1, none, out), false, "empty: refused");
        NS_TEST_EXPECT_MSG_EQ(none.size(), 0, "no segments on refusal");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer(none, out),
                              QkdKeyStore::CONSUME_INVALID_RANGE,
                              "an empty segment list is invalid");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer(segs, out), QkdKeyStore::CONSUME_OK, "peer consumes");
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer(segs, out),
                              QkdKeyStore::CONSUME_INVALID_RANGE,
                              "already consumed");
        NS_TEST_EXPECT_MSG_EQ(b->Allocate(32, segs, out), true, "b's share");
        NS_TEST_EXPECT_MSG_EQ(b->GetNumBlocks(), 0, "fully consumed block freed at b");
        NS_TEST_EXPECT_MSG_EQ(a->GetNumBlocks(), 1, "a still holds b's share");

        QUANTUM_EXPECT_ABORT(MakeStore(4, 4, 10), "both ends are node 4");
        QUANTUM_EXPECT_ABORT(a->AddKey(2, QkdBitString()), "block 2 is empty");
        QUANTUM_EXPECT_ABORT(a->AddKey(1, k), "block id 1 is already held");
        QUANTUM_EXPECT_ABORT(a->AddKey(3, k, 65), "lowerEndBits = 65 exceeds");
        QUANTUM_EXPECT_ABORT(a->Allocate(0, segs, out), "numBits must be >= 1");
        QUANTUM_EXPECT_ABORT(CreateObject<QkdKeyStore>()->AddKey(1, k), "SetEnds() was not called");
    }
};

/**
 * @ingroup quantum-tests
 * ETSI 014 interface on one QKD link: status, get key, get key with ids
 * (not yet known before the RESERVE message arrives), bit equality, exact
 * store consumption at both ends.
 */
class QkdEtsi014TestCase : public TestCase
{
  public:
    QkdEtsi014TestCase()
        : TestCase("ETSI 014 interface: status, keys identical at both ends, not-yet-known status")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        TestNet net(2, {{0, 1}}, 1 << 20);
        net.kmh.AssignStreams(net.nodes, 100);
        net.Feed(0, 1, 2, 4096, 10);
        const uint32_t n0 = net.nodes.Get(0)->GetId();
        const uint32_t n1 = net.nodes.Get(1)->GetId();
        net.kmh.RegisterSaePair(1, net.nodes.Get(0), 2, net.nodes.Get(1));
        Ptr<QkdKeyManager> m = net.Km(0);
        Ptr<QkdKeyManager> s = net.Km(1);

        QkdKeyManager::KeyResponse got;
        QkdKeyManager::KeyResponse early;
        QkdKeyManager::KeyResponse late;
        QkdKeyManager::KeyResponse again;
        QkdKeyManager::KeyStatus status{};
        std::vector<uint64_t> ids;
        Simulator::ScheduleWithContext(n0, Seconds(1), [&]() {
            status = m->GetStatus(1, 2);
            got = m->GetKey(1, 2, 3, 256);
            for (const auto& k : got.keys)
            {
                ids.push_back(k.keyId);
            }
            // Same instant, before the RESERVE message travelled 1 ms.
            early = s->GetKeyWithIds(2, 1, ids);
        });
        Simulator::ScheduleWithContext(n1, Seconds(1.1), [&]() {
            late = s->GetKeyWithIds(2, 1, ids);
            again = s->GetKeyWithIds(2, 1, ids);
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(status.status, QkdKeyManager::SUCCESS, "status");
        NS_TEST_EXPECT_MSG_EQ(status.sourceKmeId, n0, "source KME");
        NS_TEST_EXPECT_MSG_EQ(status.targetKmeId, n1, "target KME");
        NS_TEST_EXPECT_MSG_EQ(status.keySizeBits, 256, "default key size");
        NS_TEST_EXPECT_MSG_EQ(status.storedKeyCount, 2 * 2048 / 256, "own share of 2 blocks");
        NS_TEST_EXPECT_MSG_EQ(status.maxKeyCount, (1 << 20) / 256, "capacity in keys");
        NS_TEST_ASSERT_MSG_EQ(got.status, QkdKeyManager::SUCCESS, "GetKey");
        NS_TEST_ASSERT_MSG_EQ(got.keys.size(), 3, "three keys");
        NS_TEST_EXPECT_MSG_EQ(early.status,
                              QkdKeyManager::KEY_ID_NOT_YET_KNOWN,
                              "before the RESERVE message arrives");
        NS_TEST_ASSERT_MSG_EQ(late.status, QkdKeyManager::SUCCESS, "after it arrived");
        NS_TEST_ASSERT_MSG_EQ(late.keys.size(), 3, "three keys");
        for (size_t k = 0; k < 3; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(late.keys[k].keyId, got.keys[k].keyId, "same id");
            NS_TEST_EXPECT_MSG_EQ(late.keys[k].bits.GetSize(), 256, "size");
            NS_TEST_EXPECT_MSG_EQ((late.keys[k].bits == got.keys[k].bits), true, "same bits");
        }
        NS_TEST_EXPECT_MSG_EQ((got.keys[0].bits != got.keys[1].bits), true, "distinct keys");
        NS_TEST_EXPECT_MSG_EQ(again.status,
                              QkdKeyManager::KEY_ID_NOT_YET_KNOWN,
                              "a delivered key is gone");
        NS_TEST_EXPECT_MSG_EQ(m->GetLinkStore(n1)->GetStoredBits(), 8192 - 768, "master store");
        NS_TEST_EXPECT_MSG_EQ(s->GetLinkStore(n0)->GetStoredBits(), 8192 - 768, "slave store");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Refusals: unregistered SAE, non-matching pair, bad number and size,
 * insufficient key; configuration errors abort.
 */
class QkdRefusalTestCase : public TestCase
{
  public:
    QkdRefusalTestCase()
        : TestCase("Refusals: unknown SAE, non-matching pair, bad sizes; config errors abort")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(2);
        TestNet net(3, {{0, 1}, {1, 2}}, 1 << 20);
        net.kmh.AssignStreams(net.nodes, 100);
        net.Feed(0, 1, 1, 2048, 20);
        net.kmh.RegisterSaePair(1, net.nodes.Get(0), 2, net.nodes.Get(1));
        net.kmh.RegisterSaePair(3, net.nodes.Get(0), 4, net.nodes.Get(1));
        Ptr<QkdKeyManager> m = net.Km(0);
        Ptr<QkdKeyManager> s = net.Km(1);
        using KM = QkdKeyManager;
        std::vector<KM::Status> st;
        KM::KeyResponse ok;
        KM::KeyResponse crossPair;
        Simulator::ScheduleWithContext(0, Seconds(1), [&]() {
            st.push_back(m->GetKey(99, 2, 1, 256).status);  // 0 unregistered application
            st.push_back(m->GetKey(2, 1, 1, 256).status);   // 1 slave SAE asking its master's KME
            st.push_back(m->GetKey(1, 4, 1, 256).status);   // 2 non-matching pair
            st.push_back(m->GetKey(1, 2, 0, 256).status);   // 3 zero keys
            st.push_back(m->GetKey(1, 2, 1, 0).status);     // 4 zero size
            st.push_back(m->GetKey(1, 2, 1, 12).status);    // 5 not a multiple of 8
            st.push_back(m->GetKey(1, 2, 1, 65544).status); // 6 above MaxKeySizeBits
            st.push_back(m->GetKey(1, 2, 200, 8).status);   // 7 above MaxKeysPerRequest
            st.push_back(m->GetKey(1, 2, 5, 256).status);   // 8 1280 > 1024 own bits
            st.push_back(m->GetStatus(99, 2).status);       // 9
            ok = m->GetKey(1, 2, 1, 256);
        });
        Simulator::ScheduleWithContext(1, Seconds(1.1), [&]() {
            std::vector<uint64_t> ids{ok.keys.at(0).keyId};
            st.push_back(s->GetKeyWithIds(4, 3, ids).status);  // 10 key of pair (1,2) asked by 4
            st.push_back(s->GetKeyWithIds(4, 1, ids).status);  // 11 (1,4) is not a pair
            st.push_back(s->GetKeyWithIds(99, 1, ids).status); // 12 unknown SAE
            st.push_back(s->GetKeyWithIds(2, 1, {}).status);   // 13 no ids
            st.push_back(s->GetKeyWithIds(2, 1, {ids[0], ids[0]}).status); // 14 id twice
            crossPair = s->GetKeyWithIds(2, 1, ids);                       // the right slave
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        const std::vector<KM::Status> expected{KM::UNKNOWN_SAE,
                                               KM::UNKNOWN_SAE,
                                               KM::UNREGISTERED_PAIR,
                                               KM::INVALID_NUMBER,
                                               KM::INVALID_SIZE,
                                               KM::INVALID_SIZE,
                                               KM::INVALID_SIZE,
                                               KM::INVALID_NUMBER,
                                               KM::INSUFFICIENT_KEY,
                                               KM::UNKNOWN_SAE,
                                               KM::UNREGISTERED_PAIR,
                                               KM::UNREGISTERED_PAIR,
                                               KM::UNKNOWN_SAE,
                                               KM::INVALID_NUMBER,
                                               KM::DUPLICATE_KEY_ID};
        NS_TEST_ASSERT_MSG_EQ(st.size(), expected.size(), "all requests made");
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(KM::StatusToString(st[i]),
                                  KM::StatusToString(expected[i]),
                                  "request " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(m->GetRefusedRequests(), 9, "refusals counted at the master");
        NS_TEST_EXPECT_MSG_EQ(s->GetRefusedRequests(), 5, "refusals counted at the slave");
        NS_TEST_ASSERT_MSG_EQ(crossPair.status, KM::SUCCESS, "the registered slave gets it");
        NS_TEST_EXPECT_MSG_EQ((crossPair.keys[0].bits == ok.keys[0].bits), true, "same bits");
        NS_TEST_EXPECT_MSG_EQ(m->GetLinkStore(1)->GetStoredBits(),
                              2048 - 256,
                              "refusals cost nothing");

        // Configuration errors abort with a clear message.
        QUANTUM_EXPECT_ABORT(m->AddLinkKey(2, 7, RandomBits(8, 1)), "has no QKD link to node 2");
        QUANTUM_EXPECT_ABORT(m->RegisterSaePair(5, 0, 6, 0), "a pair joins two nodes");
        QUANTUM_EXPECT_ABORT(m->RegisterSaePair(1, 0, 2, 1), "is already registered");
        QUANTUM_EXPECT_ABORT(m->RegisterSaePair(7, 1, 8, 2), "has no SAE on node 0");
        // Node 1 is not trusted: no relay path from 0 to 2.
        QUANTUM_EXPECT_ABORT(net.kmh.RegisterSaePair(7, net.nodes.Get(0), 8, net.nodes.Get(2)),
                             "no path of QKD links through trusted relays from node 0 to node 2");
        QUANTUM_EXPECT_ABORT(net.kmh.ShortestTrustedPath(0, 17), "unknown node 17");
        QUANTUM_EXPECT_ABORT(net.kmh.CreateLink(net.nodes.Get(0), net.nodes.Get(1)),
                             "already has a QKD link to node 1");
        QUANTUM_EXPECT_ABORT(
            QkdKeyManagerHelper::MakeLinkKeySink(net.nodes.Get(0), net.nodes.Get(2)),
            "no QKD link between nodes 0 and 2");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Trusted relay over a 5-node chain: every hop consumes exactly the relayed
 * bits, the trusted nodes (and only they) see each block, and the keys are
 * identical end to end.
 */
class QkdTrustedRelayTestCase : public TestCase
{
  public:
    QkdTrustedRelayTestCase()
        : TestCase("Trusted relay: exact per-hop consumption, trusted nodes traced, equal keys")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        const uint32_t block = 1024;
        TestNet net(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, 1 << 20);
        net.SetKmAttribute("RelayBlockBits", UintegerValue(block));
        net.SetKmAttribute("RelayTargetBits", UintegerValue(2 * block));
        for (uint32_t i = 1; i <= 3; ++i)
        {
            net.kmh.SetTrustedRelay(net.nodes.Get(i));
        }
        net.kmh.AssignStreams(net.nodes, 200);
        for (uint32_t i = 0; i < 4; ++i)
        {
            net.Feed(i, i + 1, 4, 8192, 1000 + 10 * i);
        }
        const std::vector<uint32_t> path
            = net.kmh.RegisterSaePair(10, net.nodes.Get(0), 40, net.nodes.Get(4));
        NS_TEST_ASSERT_MSG_EQ(path.size(), 5, "path 0-1-2-3-4");

        std::map<uint64_t, std::set<uint32_t>> sawBlock;
        std::set<uint64_t> completed;
        for (uint32_t i = 0; i < 5; ++i)
        {
            net.Km(i)->TraceConnectWithoutContext(
                "TrustedRelay",
                MakeCallback(+[](std::map<uint64_t, std::set<uint32_t>>* saw,
                                 uint64_t id,
                                 uint32_t,
                                 uint32_t,
                                 uint32_t node) {
                    (*saw)[id].insert(node);
                }).Bind(&sawBlock));
        }
        net.Km(4)->TraceConnectWithoutContext(
            "RelayCompleted",
            MakeCallback(+[](std::set<uint64_t>* done, uint64_t id, uint32_t, uint32_t, uint32_t) {
                done->insert(id);
            }).Bind(&completed));

        QkdKeyManager::KeyResponse got;
        QkdKeyManager::KeyResponse back;
        Simulator::ScheduleWithContext(0, Seconds(1), [&]() {
            got = net.Km(0)->GetKey(10, 40, 4, 256);
        });
        Simulator::ScheduleWithContext(4, Seconds(1.5), [&]() {
            std::vector<uint64_t> ids;
            for (const auto& k : got.keys)
            {
                ids.push_back(k.keyId);
            }
            back = net.Km(4)->GetKeyWithIds(40, 10, ids);
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(got.status, QkdKeyManager::SUCCESS, "relayed key served");
        NS_TEST_ASSERT_MSG_EQ(back.status, QkdKeyManager::SUCCESS, "relayed key delivered");
        for (size_t k = 0; k < got.keys.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ((got.keys[k].bits == back.keys[k].bits), true, "end-to-end key");
        }
        // 2 blocks to reach the target, then 1 more after GetKey took 1024 bits.
        const uint64_t relayed = net.Km(4)->GetRelayedBlocksReceived();
        NS_TEST_EXPECT_MSG_EQ(relayed, 3, "blocks relayed");
        NS_TEST_EXPECT_MSG_EQ(net.Km(0)->GetRelayedBlocksAcknowledged(),
                              relayed,
                              "all acknowledged");
        NS_TEST_EXPECT_MSG_EQ(completed.size(), relayed, "RelayCompleted traced");
        NS_TEST_EXPECT_MSG_EQ(sawBlock.size(), relayed, "every block seen by relays");
        for (const auto& [id, saw] : sawBlock)
        {
            NS_TEST_EXPECT_MSG_EQ((saw == std::set<uint32_t>{1, 2, 3}),
                                  true,
                                  "block " << id << " seen by exactly the trusted nodes 1, 2, 3");
        }
        for (uint32_t i = 0; i < 4; ++i)
        {
            for (auto [x, y] : {std::pair<uint32_t, uint32_t>{i, i + 1}, {i + 1, i}})
            {
                Ptr<QkdKeyStore> st = net.Km(x)->GetLinkStore(y);
                NS_TEST_EXPECT_MSG_EQ(st->GetConsumedBits(),
                                      relayed * block,
                                      "link " << x << "-" << y << " lost exactly the relayed bits");
                NS_TEST_EXPECT_MSG_EQ(st->GetStoredBits(),
                                      4 * 8192 - relayed * block,
                                      "link " << x << "-" << y << " level");
            }
        }
        for (uint32_t i = 1; i <= 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ((net.Km(i)->GetRelayedStore(0) == nullptr),
                                  true,
                                  "no e2e store at relays");
        }
        Ptr<QkdKeyStore> e0 = net.Km(0)->GetRelayedStore(4);
        Ptr<QkdKeyStore> e4 = net.Km(4)->GetRelayedStore(0);
        NS_TEST_EXPECT_MSG_EQ(e0->GetStoredBits(), relayed * block - 1024, "origin e2e level");
        NS_TEST_EXPECT_MSG_EQ(e4->GetStoredBits(), relayed * block - 1024, "destination e2e level");
        NS_TEST_EXPECT_MSG_EQ(e4->GetAllocatableBits(), 0, "the origin owns relayed blocks");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Relay paths avoid untrusted nodes (ring: the short way through an
 * untrusted node is not taken); a relay to an untrusted node aborts.
 */
class QkdRelayPathTestCase : public TestCase
{
  public:
    QkdRelayPathTestCase()
        : TestCase("Relay path: shortest path through trusted nodes only")
    {
    }

  private:
    void DoRun() override
    {
        TestNet net(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, 1 << 20);
        net.kmh.SetTrustedRelay(net.nodes.Get(3));
        net.kmh.SetTrustedRelay(net.nodes.Get(4));
        const std::vector<uint32_t> longWay{0, 4, 3, 2};
        NS_TEST_EXPECT_MSG_EQ((net.kmh.ShortestTrustedPath(0, 2) == longWay), true, "0-4-3-2");
        net.kmh.SetTrustedRelay(net.nodes.Get(1));
        const std::vector<uint32_t> shortWay{0, 1, 2};
        NS_TEST_EXPECT_MSG_EQ((net.kmh.ShortestTrustedPath(0, 2) == shortWay), true, "0-1-2");
        net.kmh.SetTrustedRelay(net.nodes.Get(1), false);
        // A hand-made path through untrusted node 1: the relay aborts there.
        net.Km(0)->SetAttribute("RelayTargetBits", UintegerValue(8));
        net.Km(0)->SetAttribute("RelayBlockBits", UintegerValue(8));
        net.Feed(0, 1, 1, 64, 1);
        net.Feed(1, 2, 1, 64, 2);
        net.Km(0)->RegisterSaePair(1, 0, 2, 2);
        net.Km(2)->RegisterSaePair(1, 0, 2, 2);
        QUANTUM_EXPECT_ABORT(
            {
                net.Km(0)->SetRelayPath({0, 1, 2});
                Simulator::Run();
            },
            "is not a trusted relay");
        QUANTUM_EXPECT_ABORT(net.Km(0)->SetRelayPath({0, 2}), "at least 3 nodes");
        QUANTUM_EXPECT_ABORT(net.Km(0)->SetRelayPath({1, 2, 3}), "starts at node 1");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Encrypting application over a relayed pair fed by the rate model: every
 * byte decrypts to the plaintext, stalls when the key rate is below the data
 * rate.
 */
class QkdEncryptingApplicationTestCase : public TestCase
{
  public:
    QkdEncryptingApplicationTestCase()
        : TestCase("Encrypting application: one-time pad decrypts exactly, stalls without key")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        TestNet net(3, {{0, 1}, {1, 2}}, 1 << 20);
        net.SetKmAttribute("RelayBlockBits", UintegerValue(2048));
        net.SetKmAttribute("RelayTargetBits", UintegerValue(4096));
        net.kmh.SetTrustedRelay(net.nodes.Get(1));
        // Key rate 20 kb/s per link, half of each block usable in the relay
        // direction: 10 kb/s end to end, below the 51.2 kb/s of data.
        net.kmh.InstallRateModel(net.nodes.Get(0), net.nodes.Get(1), 20000, 2048);
        net.kmh.InstallRateModel(net.nodes.Get(1), net.nodes.Get(2), 20000, 2048);
        net.kmh.RegisterSaePair(1, net.nodes.Get(0), 2, net.nodes.Get(2));
        net.kmh.AssignStreams(net.nodes, 300);

        Ptr<QkdEncryptingApplication> tx = CreateObject<QkdEncryptingApplication>();
        tx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::SENDER));
        tx->SetAttribute("LocalSae", UintegerValue(1));
        tx->SetAttribute("PeerSae", UintegerValue(2));
        tx->SetAttribute("PacketSizeBytes", UintegerValue(64));
        tx->SetAttribute("Interval", TimeValue(MilliSeconds(10)));
        const Ipv4Address dst = net.nodes.Get(2)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        tx->SetAttribute("Remote", AddressValue(InetSocketAddress(dst, 5014)));
        Ptr<QkdEncryptingApplication> rx = CreateObject<QkdEncryptingApplication>();
        rx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::RECEIVER));
        rx->SetAttribute("LocalSae", UintegerValue(2));
        rx->SetAttribute("PeerSae", UintegerValue(1));
        net.nodes.Get(0)->AddApplication(tx);
        net.nodes.Get(2)->AddApplication(rx);
        tx->SetStartTime(Seconds(0));
        tx->SetStopTime(Seconds(4));
        rx->SetStartTime(Seconds(0));
        rx->SetStopTime(Seconds(5));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT(tx->GetPackets(), 10, "packets sent");
        NS_TEST_EXPECT_MSG_GT(tx->GetStalls(), 0, "key rate below data rate: stalls");
        NS_TEST_EXPECT_MSG_EQ(rx->GetPackets(), tx->GetPackets(), "every packet decrypted");
        NS_TEST_EXPECT_MSG_EQ(rx->GetBytesDecrypted(),
                              tx->GetBytesEncrypted(),
                              "all bytes verified");
        NS_TEST_EXPECT_MSG_EQ(rx->GetBytesMismatched(), 0, "no wrong byte");
        NS_TEST_EXPECT_MSG_EQ(rx->GetKeyBitsUsed(), tx->GetKeyBitsUsed(), "same key consumed");
        NS_TEST_EXPECT_MSG_EQ(tx->GetKeyBitsUsed(), 8 * tx->GetBytesEncrypted(), "one-time pad");
        NS_TEST_EXPECT_MSG_EQ(tx->GetRefusals() + rx->GetRefusals(), 0, "no other refusals");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Rate model: its decoy-BB84 rate against an independent evaluation of
 * [Ma2005] eqs. (1), (10), (11) with the GYS parameters of [Ma2005] Table I,
 * and the number of blocks it delivers in a given time.
 */
class QkdKeySupplyModelTestCase : public TestCase
{
  public:
    QkdKeySupplyModelTestCase()
        : TestCase("Key supply model: decoy BB84 rate formula and delivered blocks")
    {
    }

  private:
    void DoRun() override
    {
        // GYS: alpha 0.21 dB/km, eta_Bob 0.045, Y0 1.7e-6, e_d 0.033, f 1.22; mu 0.48; 50 km; 1
        // GHz.
        const double alpha = 0.21, etaBob = 0.045, y0 = 1.7e-6, ed = 0.033, f = 1.22, mu = 0.48;
        const double L = 50, rate = 1e9;
        const double eta = std::pow(10, -alpha * L / 10) * etaBob;
        const double q = y0 + 1 - std::exp(-eta * mu);
        const double e = (0.5 * y0 + ed * (1 - std::exp(-eta * mu))) / q;
        const double y1 = y0 + eta - y0 * eta;
        const double e1 = (0.5 * y0 + ed * eta) / y1;
        const double q1 = y1 * mu * std::exp(-mu);
        auto h = [](double x) {
            return -x * std::log2(x) - (1 - x) * std::log2(1 - x);
        };
        const double expected = rate * 0.5 * (-q * f * h(e) + q1 * (1 - h(e1)));
        const double got
            = QkdKeySupplyModel::DecoyBb84RateBps(L, alpha, etaBob, y0, ed, mu, f, rate);
        NS_TEST_EXPECT_MSG_EQ_TOL(got,
                                  expected,
                                  1e-9 * expected,
                                  "decoy BB84 rate [Ma2005] eq. (1)");
        NS_TEST_EXPECT_MSG_GT(got, 1e4, "tens of kb/s at 50 km, 1 GHz");
        NS_TEST_EXPECT_MSG_EQ(
            QkdKeySupplyModel::DecoyBb84RateBps(400, alpha, etaBob, y0, ed, mu, f, rate),
            0.0,
            "no key beyond the maximal distance");

        // 1000 b/s in 100-bit blocks: one block per 0.1 s; 10 blocks by 1.05 s.
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        TestNet net(2, {{0, 1}}, 1 << 20);
        Ptr<QkdKeySupplyModel> s
            = net.kmh.InstallRateModel(net.nodes.Get(0), net.nodes.Get(1), 1000, 100);
        net.kmh.AssignStreams(net.nodes, 400);
        Simulator::Stop(Seconds(1.05));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(s->GetBlocksSupplied(), 10, "blocks delivered");
        Ptr<QkdKeyStore> a = net.Km(0)->GetLinkStore(1);
        Ptr<QkdKeyStore> b = net.Km(1)->GetLinkStore(0);
        NS_TEST_EXPECT_MSG_EQ(a->GetStoredBits(), 1000, "bits at one end");
        NS_TEST_EXPECT_MSG_EQ(b->GetStoredBits(), 1000, "bits at the other end");
        // Identical at both ends: a's share allocated by a is consumed by b.
        std::vector<QkdKeySegment> segs;
        QkdBitString ka;
        QkdBitString kb;
        a->Allocate(500, segs, ka);
        NS_TEST_EXPECT_MSG_EQ(b->ConsumePeer(segs, kb), QkdKeyStore::CONSUME_OK, "segments known");
        NS_TEST_EXPECT_MSG_EQ((ka == kb), true, "identical blocks at both ends");
        QUANTUM_EXPECT_ABORT(QkdKeySupplyModel::DecoyBb84RateBps(L, alpha, 0, y0, ed, mu, f, rate),
                             "detectorEfficiency = 0 must be in (0, 1]");
        Simulator::Destroy();
    }
};

/**
 * Key stores fed by real BB84 sessions (QkdHelper, decoy-state weak coherent
 * pulses, Cascade and privacy amplification over TCP) through
 * QkdKeyManagerHelper::MakeSessionKeySink: both stores of the link receive
 * every final-key bit, and what one end allocates the other end consumes
 * bit-identically, in both directions.
 */
class QkdBb84KeySupplyTestCase : public TestCase
{
  public:
    QkdBb84KeySupplyTestCase()
        : TestCase("BB84 session keys arrive bit-identical in both key stores")
    {
    }

  private:
    uint64_t m_sessionBits{0}; //!< final-key bits Alice's session emitted

    /**
     * @param key final key block
     */
    void AliceKey(const QkdBitString& key, uint64_t, uint32_t, uint32_t)
    {
        m_sessionBits += key.GetSize();
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(41);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        QkdHelper qkd;
        qkd.SetLinkAttribute("TotalPulses", UintegerValue(4000000));
        qkd.SetLinkAttribute("FramePulses", UintegerValue(2000000));
        qkd.SetChannelAttribute("LengthKm", DoubleValue(10));
        qkd.SetMisalignment(0.01);
        QkdLinkInstance l = qkd.Install(nodes.Get(0), nodes.Get(1));
        for (uint32_t k = 0; k < 2; ++k)
        {
            l.link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.2);
            l.link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1e-6);
        }
        qkd.AssignStreams(l, 100);
        // The key managers use the addresses QkdHelper assigned.
        QkdKeyManagerHelper kmh;
        kmh.SetStoreAttribute("CapacityBits", UintegerValue(1 << 22));
        kmh.Install(nodes);
        kmh.CreateLink(nodes.Get(0), nodes.Get(1));
        kmh.AssignStreams(nodes, 10);
        l.alice->TraceConnectWithoutContext(
            "SecretKey",
            QkdKeyManagerHelper::MakeSessionKeySink(nodes.Get(0), nodes.Get(1)));
        l.bob->TraceConnectWithoutContext(
            "SecretKey",
            QkdKeyManagerHelper::MakeSessionKeySink(nodes.Get(1), nodes.Get(0)));
        l.alice->TraceConnectWithoutContext(
            "SecretKey",
            MakeCallback(&QkdBb84KeySupplyTestCase::AliceKey, this));
        Simulator::Run();
        Ptr<QkdKeyStore> a = QkdKeyManagerHelper::GetKeyManager(nodes.Get(0))->GetLinkStore(1);
        Ptr<QkdKeyStore> b = QkdKeyManagerHelper::GetKeyManager(nodes.Get(1))->GetLinkStore(0);
        NS_TEST_ASSERT_MSG_GT(m_sessionBits, 1000, "the BB84 sessions produced key");
        NS_TEST_EXPECT_MSG_EQ(a->GetAddedBits(), m_sessionBits, "Alice's store got every bit");
        NS_TEST_EXPECT_MSG_EQ(b->GetAddedBits(), m_sessionBits, "Bob's store got every bit");
        NS_TEST_EXPECT_MSG_EQ(a->GetNumBlocks(), b->GetNumBlocks(), "same blocks");
        for (auto [from, to] : {std::make_pair(a, b), std::make_pair(b, a)})
        {
            const uint64_t n = from->GetAllocatableBits();
            NS_TEST_EXPECT_MSG_GT(n, 0, "key to allocate at node " << from->GetLocalNodeId());
            std::vector<QkdKeySegment> segments;
            QkdBitString mine;
            NS_TEST_EXPECT_MSG_EQ(from->Allocate(n, segments, mine), true, "allocated");
            QkdBitString theirs;
            NS_TEST_EXPECT_MSG_EQ(to->ConsumePeer(segments, theirs),
                                  QkdKeyStore::CONSUME_OK,
                                  "the peer holds the same segments");
            NS_TEST_EXPECT_MSG_EQ(mine.GetSize(), n, "allocated length");
            NS_TEST_EXPECT_MSG_EQ((mine == theirs), true, "bit-identical key at both ends");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The key-management test suite.
 */
class QkdKeyManagementTestSuite : public TestSuite
{
  public:
    QkdKeyManagementTestSuite()
        : TestSuite("qkd-key-management", Type::UNIT)
    {
        AddTestCase(new QkdKeyStoreTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdKeyStoreErrorsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdEtsi014TestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdRefusalTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdTrustedRelayTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdRelayPathTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdEncryptingApplicationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdKeySupplyModelTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdBb84KeySupplyTestCase, QUANTUM_TEST_QUICK);
    }
};

static QkdKeyManagementTestSuite g_qkdKeyManagementTestSuite; //!< the suite
