/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Scale benchmark of the repeater chain (issue 5): an N-node chain of
// abstract links (Bell-diagonal Werner pairs, swap-ASAP) delivers D
// end-to-end pairs.  Every classical message is an ns-3 packet between
// neighbours: --transport=frames (default) sends link-layer frames over a
// SimpleNetDevice pair per pair of neighbours; --transport=udp sends UDP
// datagrams through the Internet stack over a point-to-point link.  Prints
// nodes, deliveries, frames sent, simulator events, wall seconds of
// Simulator::Run, events per wall-second, events per delivery, and the
// memory per node beyond ns-3's own nodes, devices and (udp) Internet
// stacks: the resident set is read after building those (baseline), and the
// peak resident set (getrusage) after the run; (peak - baseline) / N is what
// the quantum memories, link layers, agents, sockets, states and their events
// cost.  Last line: JSON.
//
// With --relayMessages=M the chain runs no quantum code: M messages of the
// repeater header's size are relayed hop by hop from the first node to the
// last over the same classical links (UDP sockets or device protocol
// handlers), which measures what ns-3 alone costs per message hop: the
// ceiling of events per wall-second for the chain.
//
// Run: build/bench/repeater-chain-scale --nodes=1000 --deliveries=100
//      build/bench/repeater-chain-scale --nodes=1000 --deliveries=100 --transport=udp
//      build/bench/repeater-chain-scale --nodes=1000 --relayMessages=1600000 [--transport=udp]

#include "ns3/core-module.h"
#include "ns3/inet-socket-address.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/udp-socket-factory.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sys/resource.h>
#include <unistd.h>

using namespace ns3;

namespace
{
/** @return the current resident set in bytes (/proc/self/statm) */
double
CurrentRssBytes()
{
    std::ifstream f("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    f >> pages >> resident;
    return static_cast<double>(resident) * sysconf(_SC_PAGESIZE);
}

/** @return the peak resident set in bytes (getrusage) */
double
PeakRssBytes()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) * 1024.0;
}

/** Deliveries so far. */
uint32_t g_deliveries = 0;
/** Classical messages sent. */
uint64_t g_messages = 0;

/** @param p a message leaving a device */
void
MessageSent(Ptr<const Packet> p)
{
    ++g_messages;
}

/**
 * @param wanted stop after this many
 * @param d the delivery
 * @param f ground truth
 */
void
Delivered(uint32_t wanted, const RepeaterDelivery& d, double f)
{
    if (++g_deliveries >= wanted)
    {
        Simulator::Stop();
    }
}

/** Plain ns-3 relay along the chain (no quantum code). */
struct Relay
{
    std::vector<Ptr<Socket>> sockets;  //!< UDP: one per node
    std::vector<Ipv4Address> next;     //!< UDP: address of the right neighbour
    std::vector<Ptr<NetDevice>> right; //!< frames: device to the right neighbour
    std::vector<Address> rightPeer;    //!< frames: the right neighbour's device address
    uint64_t hops = 0;                 //!< messages received
    uint32_t nodes = 0;                //!< chain length
};

/** The relay. */
Relay g_relay;

/** Size of a relayed message: a RepeaterMessageHeader. */
const uint32_t RELAY_BYTES = 44;

/** @param i node that sends to its right neighbour */
void
RelaySend(uint32_t i)
{
    Ptr<Packet> p = Create<Packet>(RELAY_BYTES);
    if (g_relay.right.empty())
    {
        g_relay.sockets[i]->SendTo(p, 0, InetSocketAddress(g_relay.next[i], 9));
    }
    else
    {
        g_relay.right[i]->Send(p, g_relay.rightPeer[i], 0x88B5);
    }
}

/** @param i node that received a message from its left neighbour */
void
RelayReceived(uint32_t i)
{
    ++g_relay.hops;
    if (i + 1 < g_relay.nodes)
    {
        RelaySend(i);
    }
}

/** @param i node @param socket its socket */
void
RelayUdpIn(uint32_t i, Ptr<Socket> socket)
{
    Address from;
    while (socket->RecvFrom(from))
    {
        RelayReceived(i);
    }
}

/** Frame handler of node i (see Node::ProtocolHandler). */
void
RelayFrameIn(uint32_t i,
             Ptr<NetDevice>,
             Ptr<const Packet>,
             uint16_t,
             const Address&,
             const Address&,
             NetDevice::PacketType)
{
    RelayReceived(i);
}
} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nodes = 1000;
    uint32_t deliveries = 100;
    double p = 0.5;
    double linkFidelity = 0.99;
    uint32_t seed = 1;
    uint32_t slots = 4;
    double attemptPeriodUs = 1000.0;
    double classicalDelayUs = 0.0;
    std::string scheduler = "ns3::MapScheduler";
    std::string transport = "frames";
    CommandLine cmd(__FILE__);
    cmd.AddValue("nodes", "chain length", nodes);
    cmd.AddValue("deliveries", "end-to-end pairs to deliver", deliveries);
    cmd.AddValue("linkSuccessProbability", "per-attempt success probability", p);
    cmd.AddValue("linkFidelity", "Werner fidelity of link pairs", linkFidelity);
    cmd.AddValue("scheduler", "ns-3 scheduler TypeId", scheduler);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("slots", "memory slots per node", slots);
    cmd.AddValue("attemptPeriodUs", "link attempt period, microseconds", attemptPeriodUs);
    cmd.AddValue("classicalDelayUs", "per-hop classical delay, microseconds", classicalDelayUs);
    cmd.AddValue("transport", "classical messages: frames or udp", transport);
    uint64_t relayMessages = 0;
    cmd.AddValue("relayMessages",
                 "relay this many messages hop by hop with no quantum code (0: run the chain)",
                 relayMessages);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(transport != "frames" && transport != "udp",
                    "repeater-chain-scale: --transport must be frames or udp, got " << transport);
    const bool frames = transport == "frames";
    RngSeedManager::SetSeed(seed);
    GlobalValue::Bind("SchedulerType", StringValue(scheduler));

    const double rss0 = CurrentRssBytes();
    NodeContainer n;
    n.Create(nodes);
    QuantumRepeaterHelper h;
    h.SetClassicalLink(DataRate("10Gbps"),
                       NanoSeconds(static_cast<int64_t>(classicalDelayUs * 1e3)));
    h.SetClassicalTransport(frames ? QuantumRepeaterHelper::FRAMES_SIMPLE_CHANNEL
                                   : QuantumRepeaterHelper::UDP_POINT_TO_POINT);
    for (uint32_t i = 0; i + 1 < nodes; ++i)
    {
        // ns-3 nodes, devices (and stacks)
        if (frames)
        {
            h.GetClassicalFrameLink(n.Get(i), n.Get(i + 1));
        }
        else
        {
            h.GetClassicalLink(n.Get(i), n.Get(i + 1));
        }
    }
    const double rssBaseline = CurrentRssBytes();

    if (relayMessages > 0)
    {
        // ns-3 alone: end-to-end relays, each crossing nodes - 1 hops.
        g_relay.nodes = nodes;
        for (uint32_t i = 0; i < nodes; ++i)
        {
            if (frames)
            {
                if (i + 1 < nodes)
                {
                    const auto d = h.GetClassicalFrameLink(n.Get(i), n.Get(i + 1));
                    g_relay.right.push_back(d.first);
                    g_relay.rightPeer.push_back(d.second->GetAddress());
                }
                if (i > 0)
                {
                    n.Get(i)->RegisterProtocolHandler(
                        MakeBoundCallback(&RelayFrameIn, i),
                        0x88B5,
                        h.GetClassicalFrameLink(n.Get(i), n.Get(i - 1)).first);
                }
            }
            else
            {
                Ptr<Socket> sk = Socket::CreateSocket(n.Get(i), UdpSocketFactory::GetTypeId());
                sk->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
                sk->SetRecvCallback(MakeBoundCallback(&RelayUdpIn, i));
                g_relay.sockets.push_back(sk);
                g_relay.next.push_back(i + 1 < nodes
                                           ? h.GetClassicalLink(n.Get(i), n.Get(i + 1)).second
                                           : Ipv4Address());
            }
        }
        const uint64_t relays = (relayMessages + nodes - 2) / (nodes - 1);
        for (uint64_t k = 0; k < relays; ++k)
        {
            Simulator::Schedule(MicroSeconds(k), &RelaySend, 0);
        }
        const auto t0 = std::chrono::steady_clock::now();
        Simulator::Run();
        const double w
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const uint64_t ev = Simulator::GetEventCount();
        Simulator::Destroy();
        std::cout << "repeater-chain-scale relay (ns-3 only, no quantum code): " << nodes
                  << " nodes, " << (frames ? "frames (SimpleNetDevice)" : "UDP (point-to-point)")
                  << "\n  messages relayed      " << g_relay.hops << " (" << RELAY_BYTES
                  << " bytes each)\n  simulator events      " << ev << "\n  wall time (Run)       "
                  << w << " s\n  events per wall-s     " << ev / w << "\n  per message hop       "
                  << w / std::max<uint64_t>(1, g_relay.hops) * 1e6 << " us\n";
        std::cout << "{\"nodes\":" << nodes << ",\"transport\":\"" << transport
                  << "\",\"relayedMessages\":" << g_relay.hops << ",\"events\":" << ev
                  << ",\"wallSeconds\":" << w << ",\"eventsPerSecond\":" << ev / w
                  << ",\"microsecondsPerHop\":" << w / std::max<uint64_t>(1, g_relay.hops) * 1e6
                  << "}" << std::endl;
        return 0;
    }

    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(slots));
    qnh.Install(n);
    h.SetLinkAttribute("AttemptPeriod",
                       TimeValue(NanoSeconds(static_cast<int64_t>(attemptPeriodUs * 1e3))));
    h.SetLinkAttribute("SuccessProbability", DoubleValue(p));
    h.SetLinkAttribute("LinkFidelity", DoubleValue(linkFidelity));
    RepeaterChain chain = h.InstallChain(n);
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    QuantumRepeaterHelper::AssignStreams(chain, stream);
    chain.First()->TraceConnectWithoutContext("Delivered",
                                              MakeBoundCallback(&Delivered, deliveries));
    // One callback shared by all queues (each ns-3 Callback costs a few
    // hundred bytes, which would count in the memory per node).
    const Callback<void, Ptr<const Packet>> countMessage = MakeCallback(&MessageSent);
    for (uint32_t i = 0; i < nodes; ++i)
    {
        for (uint32_t d = 0; d < n.Get(i)->GetNDevices(); ++d)
        {
            // Every message enters its device's transmit queue once.
            Ptr<NetDevice> dev = n.Get(i)->GetDevice(d);
            Ptr<Queue<Packet>> q;
            if (auto s = DynamicCast<SimpleNetDevice>(dev))
            {
                q = s->GetQueue();
            }
            else if (auto pp = DynamicCast<PointToPointNetDevice>(dev))
            {
                q = pp->GetQueue();
            }
            if (q)
            {
                q->TraceConnectWithoutContext("Enqueue", countMessage);
            }
        }
    }
    const double rssSetup = CurrentRssBytes();

    const auto wall0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const uint64_t events = Simulator::GetEventCount();
    const double peak = std::max(PeakRssBytes(), CurrentRssBytes());
    const double perNode = (peak - rssBaseline) / nodes;
    Simulator::Destroy();

    std::cout << "repeater-chain-scale: " << nodes << " nodes, swap-ASAP, Bell-diagonal, p = " << p
              << ", classical " << (frames ? "frames (SimpleNetDevice)" : "UDP (point-to-point)")
              << "\n"
              << "  deliveries            " << g_deliveries << "\n"
              << "  classical messages    " << g_messages << " ("
              << g_messages / std::max(1u, g_deliveries) << " per delivery)\n"
              << "  simulator events      " << events << " (" << events / std::max(1u, g_deliveries)
              << " per delivery)\n"
              << "  wall time (Run)       " << wall << " s\n"
              << "  events per wall-s     " << events / wall << "\n"
              << "  RSS ns-3 baseline     " << (rssBaseline - rss0) / nodes / 1024.0
              << " KiB per node (nodes, devices" << (frames ? "" : ", IPv4 stacks") << ")\n"
              << "  RSS after setup       " << (rssSetup - rssBaseline) / nodes / 1024.0
              << " KiB per node beyond the baseline\n"
              << "  peak RSS beyond base  " << perNode / 1024.0 << " KiB per node\n";
    std::cout << "{\"nodes\":" << nodes << ",\"transport\":\"" << transport
              << "\",\"deliveries\":" << g_deliveries << ",\"messages\":" << g_messages
              << ",\"events\":" << events << ",\"wallSeconds\":" << wall
              << ",\"eventsPerSecond\":" << events / wall
              << ",\"eventsPerDelivery\":" << events / std::max(1u, g_deliveries)
              << ",\"baselineKiBPerNode\":" << (rssBaseline - rss0) / nodes / 1024.0
              << ",\"setupKiBPerNode\":" << (rssSetup - rssBaseline) / nodes / 1024.0
              << ",\"peakKiBPerNodeBeyondBaseline\":" << perNode / 1024.0 << "}" << std::endl;
    return 0;
}
