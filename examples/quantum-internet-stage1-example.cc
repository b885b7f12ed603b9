/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * Quantum-internet maturity stage 1, trusted-repeater network (Wehner,
 * Elkouss, Hanson, Science 362, eaam9288 (2018)): end users get keys from
 * QKD links between neighbouring nodes, and intermediate nodes, which must
 * be trusted, forward the key hop by hop (one-time pad on every hop).
 *
 * Chain Alice - R1 - R2 - Bob of QKD links (--linkLengthsKm), their key
 * stores filled at the asymptotic decoy-state BB84 rate of their lengths
 * (QkdKeySupplyModel, GYS parameters of Ma et al., PRA 72, 012326 (2005)),
 * QkdKeyManager with trusted relays R1 and R2, and a QkdEncryptingApplication
 * sending one-time-padded packets from Alice to Bob, which Bob decrypts
 * with the relayed key and checks byte by byte.  The report names the nodes
 * that saw the end-to-end key in the clear (the trust stage 1 needs).  The
 * last line of stdout is a JSON object; --outputPrefix writes the per-link
 * rates as CSV with a gnuplot script.
 *
 *     ./quantum-internet-stage1-example --simTimeSeconds=2
 */

#include "ns3/core-module.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/qkd-encrypting-application.h"
#include "ns3/qkd-key-manager-helper.h"
#include "ns3/qkd-key-manager.h"
#include "ns3/qkd-key-store.h"
#include "ns3/qkd-key-supply-model.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    double simTimeSeconds = 2;
    std::string linkLengthsKm = "25,40,30";
    double pulseRateHz = 1e8;
    uint32_t relayBlockBits = 4096;
    uint32_t packetSizeBytes = 128;
    double packetIntervalMs = 5;
    std::string outputPrefix;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("simTimeSeconds", "Simulated time in seconds", simTimeSeconds);
    cmd.AddValue("linkLengthsKm", "Fibre lengths of the links A-R1,R1-R2,R2-B", linkLengthsKm);
    cmd.AddValue("pulseRateHz", "QKD pulse rate of every link", pulseRateHz);
    cmd.AddValue("relayBlockBits", "End-to-end key block size", relayBlockBits);
    cmd.AddValue("packetSizeBytes", "Plaintext bytes per packet", packetSizeBytes);
    cmd.AddValue("packetIntervalMs", "Time between packets in ms", packetIntervalMs);
    cmd.AddValue("outputPrefix", "Write <prefix>.csv and <prefix>.gnuplot if set", outputPrefix);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    std::vector<double> lengths;
    {
        std::stringstream ss(linkLengthsKm);
        std::string item;
        while (std::getline(ss, item, ','))
        {
            lengths.push_back(std::stod(item));
        }
    }
    NS_ABORT_MSG_IF(lengths.size() != 3,
                    "--linkLengthsKm needs 3 comma-separated lengths, got " << lengths.size());
    NS_ABORT_MSG_IF(!(simTimeSeconds > 0.6),
                    "--simTimeSeconds=" << simTimeSeconds << " must be > 0.6");
    NS_ABORT_MSG_IF(!(packetIntervalMs > 0), "--packetIntervalMs must be > 0");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    NodeContainer nodes;
    nodes.Create(4); // Alice, R1, R2, Bob
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    Ipv4AddressHelper addr;
    for (uint32_t i = 0; i < 3; ++i)
    {
        std::ostringstream base;
        base << "10.1." << i + 1 << ".0";
        addr.SetBase(base.str().c_str(), "255.255.255.0");
        addr.Assign(p2p.Install(nodes.Get(i), nodes.Get(i + 1)));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    QkdKeyManagerHelper kmh;
    kmh.SetKeyManagerAttribute("RelayBlockBits", UintegerValue(relayBlockBits));
    kmh.Install(nodes);
    std::vector<double> rates;
    for (uint32_t i = 0; i < 3; ++i)
    {
        kmh.CreateLink(nodes.Get(i), nodes.Get(i + 1));
        rates.push_back(QkdKeySupplyModel::DecoyBb84RateBps(lengths[i],
                                                            0.21,
                                                            0.045,
                                                            1.7e-6,
                                                            0.033,
                                                            0.48,
                                                            1.22,
                                                            pulseRateHz));
        NS_ABORT_MSG_IF(rates[i] <= 0, "link " << i << " (" << lengths[i] << " km) makes no key");
        kmh.InstallRateModel(nodes.Get(i), nodes.Get(i + 1), rates[i], 8192);
    }
    kmh.SetTrustedRelay(nodes.Get(1), true);
    kmh.SetTrustedRelay(nodes.Get(2), true);
    const std::vector<uint32_t> path = kmh.RegisterSaePair(1, nodes.Get(0), 2, nodes.Get(3));
    // One-way traffic: each hop's sender gets the whole of every link block.
    for (uint32_t i = 0; i < 3; ++i)
    {
        QkdKeyManagerHelper::GetKeyManager(nodes.Get(i))
            ->GetLinkStore(i + 1)
            ->SetAttribute("LowerEndShare", DoubleValue(1.0));
        QkdKeyManagerHelper::GetKeyManager(nodes.Get(i + 1))
            ->GetLinkStore(i)
            ->SetAttribute("LowerEndShare", DoubleValue(1.0));
    }
    kmh.AssignStreams(nodes, 1000);
    std::map<uint32_t, uint64_t> sightings;
    for (uint32_t i = 0; i < 4; ++i)
    {
        QkdKeyManagerHelper::GetKeyManager(nodes.Get(i))
            ->TraceConnectWithoutContext(
                "TrustedRelay",
                MakeBoundCallback(
                    +[](std::map<uint32_t, uint64_t>* m, uint64_t, uint32_t, uint32_t, uint32_t n) {
                        ++(*m)[n];
                    },
                    &sightings));
    }

    Ptr<QkdEncryptingApplication> tx = CreateObject<QkdEncryptingApplication>();
    tx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::SENDER));
    tx->SetAttribute("LocalSae", UintegerValue(1));
    tx->SetAttribute("PeerSae", UintegerValue(2));
    tx->SetAttribute("PacketSizeBytes", UintegerValue(packetSizeBytes));
    tx->SetAttribute("Interval", TimeValue(Seconds(packetIntervalMs * 1e-3)));
    const Ipv4Address dst = nodes.Get(3)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    tx->SetAttribute("Remote", AddressValue(InetSocketAddress(dst, 5014)));
    Ptr<QkdEncryptingApplication> rx = CreateObject<QkdEncryptingApplication>();
    rx->SetAttribute("Role", EnumValue(QkdEncryptingApplication::RECEIVER));
    rx->SetAttribute("LocalSae", UintegerValue(2));
    rx->SetAttribute("PeerSae", UintegerValue(1));
    nodes.Get(0)->AddApplication(tx);
    nodes.Get(3)->AddApplication(rx);
    tx->SetStartTime(Seconds(0.5));
    tx->SetStopTime(Seconds(simTimeSeconds * 0.9));
    Simulator::Stop(Seconds(simTimeSeconds));
    Simulator::Run();

    Ptr<QkdKeyManager> kb = QkdKeyManagerHelper::GetKeyManager(nodes.Get(3));
    const char* names[] = {"Alice", "R1", "R2", "Bob"};
    std::cout << "Stage 1 (trusted repeaters): Alice - R1 - R2 - Bob, " << simTimeSeconds
              << " s simulated\n  relay path:";
    for (uint32_t n : path)
    {
        std::cout << " " << names[n];
    }
    std::cout << "\n";
    for (uint32_t i = 0; i < 3; ++i)
    {
        std::cout << "  link " << names[i] << "-" << names[i + 1] << ": " << lengths[i]
                  << " km, decoy BB84 secret-key rate " << rates[i] << " b/s\n";
    }
    std::cout << "  end-to-end key blocks relayed to Bob: " << kb->GetRelayedBlocksReceived()
              << " of " << relayBlockBits << " bits\n  nodes that saw relayed key in the clear:";
    uint64_t seen = 0;
    for (const auto& [n, c] : sightings)
    {
        std::cout << " " << names[n] << " (" << c << ")";
        seen += c;
    }
    std::cout << "\n  application: " << tx->GetBytesEncrypted() << " bytes encrypted, "
              << rx->GetBytesDecrypted() << " decrypted and verified, " << rx->GetBytesMismatched()
              << " wrong; " << tx->GetStalls() << " stalls (no end-to-end key available)\n";
    if (!outputPrefix.empty())
    {
        std::ofstream csv(outputPrefix + ".csv");
        NS_ABORT_MSG_IF(!csv, "cannot write " << outputPrefix << ".csv");
        csv << "link,length_km,rate_bps\n";
        for (uint32_t i = 0; i < 3; ++i)
        {
            csv << i << "," << lengths[i] << "," << rates[i] << "\n";
        }
        std::ofstream gp(outputPrefix + ".gnuplot");
        gp << "set terminal png size 800,500\nset output '" << outputPrefix << ".png'\n"
           << "set datafile separator ','\nset style fill solid\nset xlabel 'link'\n"
           << "set ylabel 'secret-key rate (b/s)'\nplot '" << outputPrefix
           << ".csv' every ::1 using 1:3 with boxes title 'decoy BB84'\n";
    }
    std::cout << std::setprecision(8)
              << "{\"stage\":1,\"relayedBlocks\":" << kb->GetRelayedBlocksReceived()
              << ",\"relayBlockBits\":" << relayBlockBits
              << ",\"trustedNodesSeeingKey\":" << sightings.size() << ",\"clearSightings\":" << seen
              << ",\"bytesEncrypted\":" << tx->GetBytesEncrypted()
              << ",\"bytesDecrypted\":" << rx->GetBytesDecrypted()
              << ",\"bytesMismatched\":" << rx->GetBytesMismatched()
              << ",\"stalls\":" << tx->GetStalls() << ",\"linkRatesBps\":[" << rates[0] << ","
              << rates[1] << "," << rates[2] << "]}" << std::endl;
    Simulator::Destroy();
    return 0;
}
