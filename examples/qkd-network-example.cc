/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 *
 * A trusted-node QKD network serving an encrypting application.
 *
 * Six nodes: a ring 0-1-2-3-4-0 of QKD links (fibre lengths --ringLengthsKm),
 * each with a point-to-point classical link (--classicalDelayMs), and node 5
 * on a CSMA LAN with nodes 2 and 3, with a QKD link 3-5 (--spurLengthKm).
 * Nodes 1-4 are trusted relays (--untrustedNode removes one).  Every QKD
 * link's key stores are filled by QkdKeySupplyModel at the asymptotic
 * decoy-state BB84 secret-key rate of its length ([Ma2005] eq. (1), GYS
 * parameters of [Ma2005] Table I: 0.21 dB/km, eta_Bob 0.045, Y0 1.7e-6,
 * e_d 0.033, f 1.22, mu 0.48) at --pulseRateHz (--keySource=rate-model, the
 * default), or by a real decoy-state BB84 link per QKD link
 * (--keySource=bb84): QkdHelper's quantum layer and TCP post-processing
 * sessions on their own point-to-point link, whose final keys
 * (QkdSession "SecretKey") feed the key stores at both ends through
 * QkdKeyManagerHelper::MakeSessionKeySink; --bb84FramePulses per frame.
 *
 * A QkdEncryptingApplication on node 0 (master SAE 1) sends --packetSizeBytes
 * packets every --packetIntervalMs to node 5 (slave SAE 2), one-time padded
 * with keys from node 0's key manager (ETSI 014 GetKey); node 5 decrypts with
 * GetKeyWithIds and checks every byte.  The nodes are not adjacent: node 0's
 * key manager relays end-to-end key blocks (--relayBlockBits) along the
 * shortest path of trusted nodes, one-time padded on every hop.
 *
 * Report: per-link secret-key rates and final store levels, relayed blocks,
 * bytes encrypted/decrypted, stalls, refusals.  With --outputPrefix, every
 * key-store level change is written to <prefix>-levels.csv (time, node,
 * peer, kind, level) with <prefix>-levels.gnuplot.  The last line of stdout
 * is a JSON summary.
 *
 * Run: ./qkd-network-example --simTimeSeconds=10 --outputPrefix=qkdnet
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-encrypting-application.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-key-manager-helper.h"
#include "ns3/qkd-key-manager.h"
#include "ns3/qkd-key-store.h"
#include "ns3/qkd-key-supply-model.h"
#include "ns3/single-photon-detector.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("QkdNetworkExample");

namespace
{

/**
 * Level trace sink: one CSV row per change.
 * @param out the CSV stream
 * @param label "node,peer,kind"
 * @param oldValue previous level
 * @param newValue new level
 */
void
LevelChanged(std::shared_ptr<std::ofstream> out,
             std::string label,
             uint64_t oldValue,
             uint64_t newValue)
{
    *out << Simulator::Now().GetSeconds() << "," << label << "," << newValue << "\n";
}

/**
 * @param s comma-separated numbers
 * @return the numbers
 */
std::vector<double>
ParseList(const std::string& s)
{
    std::vector<double> v;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        v.push_back(std::stod(item));
    }
    return v;
}

} // namespace

/**
 * Give every interface of a link the same routing metric.  Each link gets a
 * distinct power of two, so no two routes cost the same: ns-3's global
 * routing asserts on equal-cost paths that leave the root by different
 * interfaces (here the ring link and the LAN between nodes 2 and 3).
 * @param interfaces the link's interfaces
 * @param metric the metric
 */
static void
SetMetric(const Ipv4InterfaceContainer& interfaces, uint32_t metric)
{
    for (uint32_t k = 0; k < interfaces.GetN(); ++k)
    {
        const auto entry = interfaces.Get(k);
        entry.first->SetMetric(entry.second, static_cast<uint16_t>(metric));
    }
}

int
main(int argc, char* argv[])
{
    double simTimeSeconds = 10;
    std::string ringLengthsKm = "20,35,25,40,30";
    double spurLengthKm = 10;
    double pulseRateHz = 1e8;
    double classicalDelayMs = 1;
    uint32_t blockBits = 8192;
    uint32_t relayBlockBits = 4096;
    uint32_t relayTargetBits = 16384;
    uint64_t storeCapacityBits = 1 << 18;
    uint32_t packetSizeBytes = 128;
    double packetIntervalMs = 5;
    int untrustedNode = -1;
    bool directionalShares = true;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string keySource = "rate-model";
    uint64_t bb84FramePulses = 10000000;

    CommandLine cmd(__FILE__);
    cmd.AddValue("simTimeSeconds", "Simulated time", simTimeSeconds);
    cmd.AddValue("ringLengthsKm",
                 "Fibre lengths of the ring links 0-1,1-2,2-3,3-4,4-0",
                 ringLengthsKm);
    cmd.AddValue("spurLengthKm", "Fibre length of the QKD link 3-5", spurLengthKm);
    cmd.AddValue("pulseRateHz", "QKD pulse rate of every link", pulseRateHz);
    cmd.AddValue("classicalDelayMs", "One-way delay of the point-to-point links", classicalDelayMs);
    cmd.AddValue("blockBits", "Secret-key block size delivered by the QKD links", blockBits);
    cmd.AddValue("relayBlockBits", "End-to-end block size of the trusted relay", relayBlockBits);
    cmd.AddValue("relayTargetBits", "Relayed store refill level", relayTargetBits);
    cmd.AddValue("storeCapacityBits", "Capacity of every link key store", storeCapacityBits);
    cmd.AddValue("packetSizeBytes", "Plaintext bytes per packet", packetSizeBytes);
    cmd.AddValue("packetIntervalMs", "Time between packets", packetIntervalMs);
    cmd.AddValue("untrustedNode", "Mark this relay node (1-4) untrusted (-1: none)", untrustedNode);
    cmd.AddValue("directionalShares",
                 "Give each relay hop's sender all of the link's key (else half)",
                 directionalShares);
    cmd.AddValue("outputPrefix",
                 "Write <prefix>-levels.csv and <prefix>-levels.gnuplot",
                 outputPrefix);
    cmd.AddValue("keySource",
                 "rate-model (QkdKeySupplyModel) or bb84 (BB84 links with post-processing)",
                 keySource);
    cmd.AddValue("bb84FramePulses", "Pulses per post-processing frame (bb84)", bb84FramePulses);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.Parse(argc, argv);

    const std::vector<double> ring = ParseList(ringLengthsKm);
    NS_ABORT_MSG_IF(ring.size() != 5,
                    "--ringLengthsKm needs 5 comma-separated lengths, got " << ring.size());
    NS_ABORT_MSG_IF(untrustedNode != -1 && (untrustedNode < 1 || untrustedNode > 4),
                    "--untrustedNode = " << untrustedNode << " must be -1 or a relay node 1..4");
    NS_ABORT_MSG_IF(simTimeSeconds <= 0, "--simTimeSeconds must be > 0");
    NS_ABORT_MSG_IF(keySource != "rate-model" && keySource != "bb84",
                    "--keySource = " << keySource << " must be rate-model or bb84");
    NS_ABORT_MSG_IF(bb84FramePulses == 0, "--bb84FramePulses must be > 0");
    // The first packets towards the CSMA LAN wait for ARP; ns-3's default
    // pending queue of 3 packets would drop some of the early burst of key
    // manager messages and data.
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(32));
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    // --- classical network -------------------------------------------------
    NodeContainer nodes;
    nodes.Create(6);
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(classicalDelayMs * 1e-3)));
    Ipv4AddressHelper addr;
    std::vector<std::pair<uint32_t, uint32_t>> qkdLinks;
    std::vector<double> lengths;
    for (uint32_t i = 0; i < 5; ++i)
    {
        const uint32_t j = (i + 1) % 5;
        std::ostringstream base;
        base << "10.0." << i + 1 << ".0";
        addr.SetBase(base.str().c_str(), "255.255.255.0");
        SetMetric(addr.Assign(p2p.Install(nodes.Get(i), nodes.Get(j))), 1u << i);
        qkdLinks.emplace_back(i, j);
        lengths.push_back(ring[i]);
    }
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NodeContainer lan(nodes.Get(2), nodes.Get(3), nodes.Get(5));
    addr.SetBase("10.0.10.0", "255.255.255.0");
    SetMetric(addr.Assign(csma.Install(lan)), 1u << 5);
    qkdLinks.emplace_back(3, 5);
    lengths.push_back(spurLengthKm);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // --- key management ----------------------------------------------------
    QkdKeyManagerHelper kmh;
    kmh.SetStoreAttribute("CapacityBits", UintegerValue(storeCapacityBits));
    kmh.SetKeyManagerAttribute("RelayBlockBits", UintegerValue(relayBlockBits));
    kmh.SetKeyManagerAttribute("RelayTargetBits", UintegerValue(relayTargetBits));
    kmh.SetKeyManagerAttribute("MaxKeySizeBits", UintegerValue(8 * 8192));
    kmh.Install(nodes);
    std::vector<double> rates;
    for (size_t l = 0; l < qkdLinks.size(); ++l)
    {
        kmh.CreateLink(nodes.Get(qkdLinks[l].first), nodes.Get(qkdLinks[l].second));
        // GYS parameters, [Ma2005] Table I.
        rates.push_back(QkdKeySupplyModel::DecoyBb84RateBps(lengths[l],
                                                            0.21,
                                                            0.045,
                                                            1.7e-6,
                                                            0.033,
                                                            0.48,
                                                            1.22,
                                                            pulseRateHz));
    }
    for (uint32_t i = 1; i <= 4; ++i)
    {
        kmh.SetTrustedRelay(nodes.Get(i), static_cast<int>(i) != untrustedNode);
    }
    for (size_t l = 0; l < qkdLinks.size(); ++l)
    {
        NS_ABORT_MSG_IF(rates[l] <= 0,
                        "QKD link " << qkdLinks[l].first << "-" << qkdLinks[l].second << " ("
                                    << lengths[l] << " km) produces no secret key");
        if (keySource == "rate-model")
        {
            kmh.InstallRateModel(nodes.Get(qkdLinks[l].first),
                                 nodes.Get(qkdLinks[l].second),
                                 rates[l],
                                 blockBits);
        }
    }
    std::vector<QkdLinkInstance> bb84Links;
    if (keySource == "bb84")
    {
        // One decoy-state BB84 link per QKD link (GYS-like detectors), its
        // own classical point-to-point link for post-processing; the
        // sessions' final keys go to the key stores at both ends.
        QkdHelper qkd;
        qkd.SetLinkAttribute("PulseRateHz", DoubleValue(pulseRateHz));
        qkd.SetLinkAttribute("FramePulses", UintegerValue(bb84FramePulses));
        qkd.SetLinkAttribute(
            "TotalPulses",
            UintegerValue(static_cast<uint64_t>(std::floor(simTimeSeconds * pulseRateHz))));
        qkd.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(0.21));
        qkd.SetMisalignment(0.033);
        qkd.SetClassicalAttribute("Delay", TimeValue(Seconds(classicalDelayMs * 1e-3)));
        for (size_t l = 0; l < qkdLinks.size(); ++l)
        {
            Ptr<Node> a = nodes.Get(qkdLinks[l].first);
            Ptr<Node> b = nodes.Get(qkdLinks[l].second);
            qkd.SetChannelAttribute("LengthKm", DoubleValue(lengths[l]));
            QkdLinkInstance inst = qkd.Install(a, b);
            for (uint32_t k = 0; k < 2; ++k)
            {
                inst.link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.045);
                inst.link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(8.5e-7);
            }
            qkd.AssignStreams(inst, 2000 + 100 * static_cast<int64_t>(l));
            inst.alice->TraceConnectWithoutContext("SecretKey",
                                                   QkdKeyManagerHelper::MakeSessionKeySink(a, b));
            inst.bob->TraceConnectWithoutContext("SecretKey",
                                                 QkdKeyManagerHelper::MakeSessionKeySink(b, a));
            bb84Links.push_back(inst);
        }
    }
    const std::vector<uint32_t> path = kmh.RegisterSaePair(1, nodes.Get(0), 2, nodes.Get(5));
    if (directionalShares)
    {
        // Traffic is one-way along the path: give each hop's sender the whole
        // of every block (LowerEndShare 1 or 0), so no key sits unusable in
        // the other end's share (see the doc: a store full of an unused share
        // drops every new block).
        for (size_t h = 0; h + 1 < path.size(); ++h)
        {
            const uint32_t u = path[h];
            const uint32_t v = path[h + 1];
            const double share = u < v ? 1.0 : 0.0;
            QkdKeyManagerHelper::GetKeyManager(nodes.Get(u))
                ->GetLinkStore(v)
                ->SetAttribute("LowerEndShare", DoubleValue(share));
            QkdKeyManagerHelper::GetKeyManager(nodes.Get(v))
                ->GetLinkStore(u)
                ->SetAttribute("LowerEndShare", DoubleValue(share));
        }
    }
    kmh.AssignStreams(nodes, 1000);

    // --- traces --------------------------------------------------------------
    std::shared_ptr<std::ofstream> csv;
    if (!outputPrefix.empty())
    {
        csv = std::make_shared<std::ofstream>(outputPrefix + "-levels.csv");
        *csv << "time_s,node,peer,kind,level_bits\n";
        for (const auto& [a, b] : qkdLinks)
        {
            for (auto [x, y] : {std::make_pair(a, b), std::make_pair(b, a)})
            {
                std::ostringstream label;
                label << x << "," << y << ",link";
                QkdKeyManagerHelper::GetKeyManager(nodes.Get(x))
                    ->GetLinkStore(y)
                    ->TraceConnectWithoutContext(
                        "StoredBits",
                        MakeBoundCallback(&LevelChanged, csv, label.str()));
            }
        }
        for (auto [x, y] : {std::make_pair(0u, 5u), std::make_pair(5u, 0u)})
        {
            std::ostringstream label;
            label << x << "," << y << ",relayed";
            QkdKeyManagerHelper::GetKeyManager(nodes.Get(x))
                ->GetRelayedStore(y)
                ->TraceConnectWithoutContext("StoredBits",
                                             MakeBoundCallback(&LevelChanged, csv, label.str()));
        }
    }
    std::map<uint32_t, uint64_t> relaySightings;
    for (uint32_t i = 0; i < 6; ++i)
    {
        QkdKeyManagerHelper::GetKeyManager(nodes.Get(i))
            ->TraceConnectWithoutContext(
                "TrustedRelay",
                MakeBoundCallback(
                    +[](std::map<uint32_t, uint64_t>* m, uint64_t, uint32_t, uint32_t, uint32_t n) {
                        ++(*m)[n];
                    },
                    &relaySightings));
    }

    // --- application ---------------------------------------------------------
    Ptr<QkdEncryptingApplication> tx = CreateObject<QkdEncryptingApplication>();
    tx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::SENDER));
    tx->SetAttribute("LocalSae", UintegerValue(1));
    tx->SetAttribute("PeerSae", UintegerValue(2));
    tx->SetAttribute("PacketSizeBytes", UintegerValue(packetSizeBytes));
    tx->SetAttribute("Interval", TimeValue(Seconds(packetIntervalMs * 1e-3)));
    const Ipv4Address dst = nodes.Get(5)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    tx->SetAttribute("Remote", AddressValue(InetSocketAddress(dst, 5014)));
    Ptr<QkdEncryptingApplication> rx = CreateObject<QkdEncryptingApplication>();
    rx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::RECEIVER));
    rx->SetAttribute("LocalSae", UintegerValue(2));
    rx->SetAttribute("PeerSae", UintegerValue(1));
    nodes.Get(0)->AddApplication(tx);
    nodes.Get(5)->AddApplication(rx);
    tx->SetStartTime(Seconds(0.5));
    tx->SetStopTime(Seconds(simTimeSeconds * 0.9));
    rx->SetStartTime(Seconds(0));
    rx->SetStopTime(Seconds(simTimeSeconds));

    Simulator::Stop(Seconds(simTimeSeconds));
    Simulator::Run();

    // --- report ----------------------------------------------------------------
    uint64_t refused = 0;
    uint64_t relayFailures = 0;
    for (uint32_t i = 0; i < 6; ++i)
    {
        refused += QkdKeyManagerHelper::GetKeyManager(nodes.Get(i))->GetRefusedRequests();
        relayFailures += QkdKeyManagerHelper::GetKeyManager(nodes.Get(i))->GetRelayFailures();
    }
    Ptr<QkdKeyManager> k0 = QkdKeyManagerHelper::GetKeyManager(nodes.Get(0));
    Ptr<QkdKeyManager> k5 = QkdKeyManagerHelper::GetKeyManager(nodes.Get(5));
    std::cout << "QKD network: 6 nodes, " << qkdLinks.size() << " QKD links, pulse rate "
              << pulseRateHz << " Hz, " << simTimeSeconds << " s simulated\n";
    std::cout << "relay path 0 -> 5:";
    for (uint32_t n : path)
    {
        std::cout << " " << n;
    }
    std::cout << "\n";
    std::cout << std::setw(8) << "link" << std::setw(10) << "km" << std::setw(14) << "rate b/s"
              << std::setw(12) << "added" << std::setw(12) << "consumed" << std::setw(12)
              << "dropped" << std::setw(12) << "level"
              << "\n";
    std::ostringstream levelsJson;
    std::ostringstream ratesJson;
    uint64_t consumedTotal = 0;
    for (size_t l = 0; l < qkdLinks.size(); ++l)
    {
        const auto [a, b] = qkdLinks[l];
        Ptr<QkdKeyStore> s = QkdKeyManagerHelper::GetKeyManager(nodes.Get(a))->GetLinkStore(b);
        std::ostringstream name;
        name << a << "-" << b;
        std::cout << std::setw(8) << name.str() << std::setw(10) << lengths[l] << std::setw(14)
                  << std::fixed << std::setprecision(0) << rates[l] << std::setw(12)
                  << s->GetAddedBits() << std::setw(12) << s->GetConsumedBits() << std::setw(12)
                  << s->GetDroppedBits() << std::setw(12) << s->GetStoredBits() << "\n";
        levelsJson << (l ? "," : "") << "\"" << name.str() << "\":" << s->GetStoredBits();
        ratesJson << (l ? "," : "") << "\"" << name.str() << "\":" << rates[l];
        consumedTotal += s->GetConsumedBits();
    }
    std::cout << "trusted-relay sightings (node: blocks seen in clear):";
    for (const auto& [n, c] : relaySightings)
    {
        std::cout << " " << n << ":" << c;
    }
    std::cout << "\n";
    std::cout << "relayed blocks 0 -> 5: " << k5->GetRelayedBlocksReceived() << " of "
              << relayBlockBits << " bits (acknowledged " << k0->GetRelayedBlocksAcknowledged()
              << "), relay hops abandoned (pad key missing at the receiver): " << relayFailures
              << "\n";
    std::cout << "application: " << tx->GetPackets() << " packets sent, " << rx->GetPackets()
              << " decrypted, " << rx->GetRefusals() << " undecryptable; "
              << tx->GetBytesEncrypted() << " bytes encrypted, " << rx->GetBytesDecrypted()
              << " decrypted and verified, " << rx->GetBytesMismatched() << " wrong, "
              << tx->GetStalls() << " stalls (no key), key requests refused " << refused << "\n";
    const double goodput = 8.0 * rx->GetBytesDecrypted() / (simTimeSeconds * 0.9 - 0.5);
    std::cout << "encrypted goodput: " << goodput << " b/s\n";
    if (csv)
    {
        csv->close();
        std::ofstream gp(outputPrefix + "-levels.gnuplot");
        gp << "set terminal pngcairo size 1000,600\n"
           << "set output '" << outputPrefix << "-levels.png'\n"
           << "set datafile separator ','\n"
           << "set xlabel 'time (s)'\nset ylabel 'stored key (bits)'\nset key outside\n"
           << "plot ";
        bool first = true;
        for (const auto& [a, b] : qkdLinks)
        {
            gp << (first ? "" : ", \\\n     ") << "'" << outputPrefix
               << "-levels.csv' every ::1 using 1:(($2==" << a << " && $3==" << b
               << ") ? $5 : 1/0) with steps title 'link " << a << "-" << b << " at " << a << "'";
            first = false;
        }
        gp << ", \\\n     '" << outputPrefix
           << "-levels.csv' every ::1 using 1:(($2==0 && $3==5) ? $5 : 1/0) with steps lw 2 "
              "title 'relayed 0-5 at 0'\n";
        std::cout << "wrote " << outputPrefix << "-levels.csv and " << outputPrefix
                  << "-levels.gnuplot\n";
    }
    std::cout << std::setprecision(6) << std::defaultfloat;
    std::cout << "{\"nodes\":6,\"links\":" << qkdLinks.size()
              << ",\"relayPathLength\":" << path.size()
              << ",\"relayedKeys\":" << k5->GetRelayedBlocksReceived()
              << ",\"relayBlockBits\":" << relayBlockBits
              << ",\"keyBitsConsumed\":" << consumedTotal
              << ",\"bytesEncrypted\":" << tx->GetBytesEncrypted()
              << ",\"bytesDecrypted\":" << rx->GetBytesDecrypted()
              << ",\"bytesMismatched\":" << rx->GetBytesMismatched()
              << ",\"packetsSent\":" << tx->GetPackets()
              << ",\"packetsDecrypted\":" << rx->GetPackets() << ",\"stalls\":" << tx->GetStalls()
              << ",\"keyRequestsRefused\":" << refused << ",\"goodputBps\":" << goodput
              << ",\"perLinkRateBps\":{" << ratesJson.str() << "},\"perLinkFinalLevels\":{"
              << levelsJson.str() << "}}" << std::endl;
    Simulator::Destroy();
    return 0;
}
