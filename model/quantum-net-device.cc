/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-net-device.h"

#include "quantum-channel.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumNetDevice");

NS_OBJECT_ENSURE_REGISTERED(QuantumNetDevice);

TypeId
QuantumNetDevice::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumNetDevice")
              .SetParent<NetDevice>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumNetDevice>()
              .AddTraceSource("SignalTx",
                              "A signal was sent into the channel.",
                              MakeTraceSourceAccessor(&QuantumNetDevice::m_txTrace),
                              "ns3::QuantumNetDevice::SignalTracedCallback")
              .AddTraceSource("SignalRx",
                              "A signal arrived and was handed to its port's handler.",
                              MakeTraceSourceAccessor(&QuantumNetDevice::m_rxTrace),
                              "ns3::QuantumNetDevice::SignalTracedCallback")
              .AddTraceSource("SignalDrop",
                              "A signal arrived for a port no handler is bound to.",
                              MakeTraceSourceAccessor(&QuantumNetDevice::m_dropTrace),
                              "ns3::QuantumNetDevice::SignalTracedCallback");
    return tid;
}

QuantumNetDevice::QuantumNetDevice()
    : m_nodeRaw(nullptr)
    , m_nodeId(0)
    , m_ifIndex(0)
    , m_lastPort(0)
{
    NS_LOG_FUNCTION(this);
}

QuantumNetDevice::~QuantumNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumNetDevice::DoDispose()
{
    m_node = nullptr;
    m_nodeRaw = nullptr;
    m_nodeId = 0;
    m_channel = nullptr;
    m_ports.clear();
    NetDevice::DoDispose();
}

void
QuantumNetDevice::Attach(Ptr<QuantumChannel> channel)
{
    NS_ABORT_MSG_IF(!channel, "QuantumNetDevice::Attach: null channel");
    NS_ABORT_MSG_IF(m_channel, "QuantumNetDevice: already attached to a channel");
    m_channel = channel;
    channel->AddDevice(this);
}

void
QuantumNetDevice::SendSignal(const Ptr<QuantumSignal>& signal,
                             const Ptr<QuantumNetDevice>& destination)
{
    NS_LOG_FUNCTION(this << signal->GetId());
    NS_ABORT_MSG_IF(!m_channel,
                    "QuantumNetDevice::SendSignal: device on node "
                        << (m_node ? m_node->GetId() : 0) << " is not attached to a channel");
    if (!m_txTrace.IsEmpty())
    {
        m_txTrace(signal);
    }
    m_channel->Transmit(signal, this, destination);
}

std::size_t
QuantumNetDevice::FindPort(uint16_t port) const
{
    const std::size_t n = m_ports.size();
    if (m_lastPort < n && m_ports[m_lastPort].first == port)
    {
        return m_lastPort;
    }
    for (std::size_t i = 0; i < n; ++i)
    {
        if (m_ports[i].first == port)
        {
            m_lastPort = i;
            return i;
        }
    }
    return n;
}

void
QuantumNetDevice::ReceiveSignal(const Ptr<QuantumSignal>& signal)
{
    NS_LOG_FUNCTION(this << signal->GetId());
    const std::size_t i = FindPort(signal->GetPort());
    if (i == m_ports.size())
    {
        m_dropTrace(signal);
        if (signal->GetKind() == QuantumSignal::QUBIT)
        {
            m_channel->GetRegistry()->Discard(signal->GetQubit());
        }
        return;
    }
    if (!m_rxTrace.IsEmpty())
    {
        m_rxTrace(signal);
    }
    // A copy: the handler may unregister its port (or register another),
    // which changes the table.
    const SignalHandler handler = m_ports[i].second;
    handler(signal, this);
}

void
QuantumNetDevice::RegisterHandler(uint16_t port, SignalHandler handler)
{
    NS_ABORT_MSG_IF(FindPort(port) != m_ports.size(),
                    "QuantumNetDevice::RegisterHandler: quantum port "
                        << port << " of device " << m_ifIndex << " on node "
                        << (m_node ? m_node->GetId() : 0)
                        << " is already bound; each application needs its own port");
    m_ports.emplace_back(port, handler);
}

void
QuantumNetDevice::UnregisterHandler(uint16_t port)
{
    const std::size_t i = FindPort(port);
    if (i != m_ports.size())
    {
        m_ports.erase(m_ports.begin() + static_cast<std::ptrdiff_t>(i));
        m_lastPort = 0;
    }
}

Ptr<QuantumChannel>
QuantumNetDevice::GetQuantumChannel() const
{
    return m_channel;
}

void
QuantumNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
QuantumNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
QuantumNetDevice::GetChannel() const
{
    return m_channel;
}

void
QuantumNetDevice::SetAddress(Address address)
{
}

Address
QuantumNetDevice::GetAddress() const
{
    return Address();
}

bool
QuantumNetDevice::SetMtu(const uint16_t mtu)
{
    return false;
}

uint16_t
QuantumNetDevice::GetMtu() const
{
    return 0;
}

bool
QuantumNetDevice::IsLinkUp() const
{
    return m_channel != nullptr;
}

void
QuantumNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
}

bool
QuantumNetDevice::IsBroadcast() const
{
    return false;
}

Address
QuantumNetDevice::GetBroadcast() const
{
    return Address();
}

bool
QuantumNetDevice::IsMulticast() const
{
    return false;
}

Address
QuantumNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Address();
}

Address
QuantumNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Address();
}

bool
QuantumNetDevice::IsBridge() const
{
    return false;
}

bool
QuantumNetDevice::IsPointToPoint() const
{
    return false;
}

bool
QuantumNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    NS_LOG_WARN("QuantumNetDevice carries quantum signals only; classical packet dropped");
    return false;
}

bool
QuantumNetDevice::SendFrom(Ptr<Packet> packet,
                           const Address& source,
                           const Address& dest,
                           uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

Ptr<Node>
QuantumNetDevice::GetNode() const
{
    return m_node;
}

void
QuantumNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
    m_nodeRaw = PeekPointer(node);
    m_nodeId = node ? node->GetId() : 0;
}

bool
QuantumNetDevice::NeedsArp() const
{
    return false;
}

void
QuantumNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
}

void
QuantumNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
}

bool
QuantumNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
