/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_NET_DEVICE_H
#define QUANTUM_NET_DEVICE_H

#include "quantum-signal.h"

#include "ns3/callback.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/traced-callback.h"

#include <utility>
#include <vector>

namespace ns3
{

class QuantumChannel;

/**
 * @ingroup quantum
 * @brief A node's optical port onto a QuantumChannel.
 *
 * It is an ns3::NetDevice so that a QuantumChannel is an ordinary
 * ns3::Channel and nodes list their quantum ports with their other devices,
 * but it carries QuantumSignals, not packets: Send() of a classical packet
 * returns false, and the Internet stack never gets an interface on it unless
 * a script assigns one by mistake.
 *
 * Arriving signals are demultiplexed by their quantum port
 * (QuantumSignal::GetPort()), so several applications on one node each get
 * their own signals.  A signal for a port nobody registered is dropped (its
 * photon absorbed) and traced.  The port table is a short vector searched
 * linearly (a node has a handful of quantum ports), the last port found
 * first.
 */
class QuantumNetDevice : public NetDevice
{
  public:
    /** Handler of arriving signals. */
    using SignalHandler = Callback<void, Ptr<QuantumSignal>, Ptr<QuantumNetDevice>>;

    /**
     * TracedCallback signature for signal events.
     * @param signal the signal
     */
    typedef void (*SignalTracedCallback)(Ptr<const QuantumSignal> signal);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumNetDevice();
    ~QuantumNetDevice() override;

    /**
     * @param channel the channel this device is attached to
     */
    void Attach(Ptr<QuantumChannel> channel);

    /**
     * Send a signal into the channel towards the device at the other end (or,
     * on a channel with more than two ends, towards the given device).
     * @param signal the signal
     * @param destination the receiving device, or nullptr for the other end
     *        of a two-ended channel
     */
    void SendSignal(const Ptr<QuantumSignal>& signal,
                    const Ptr<QuantumNetDevice>& destination = nullptr);

    /**
     * Called by the channel, in the receiving node's context, when a signal
     * arrives.
     * @param signal the signal
     */
    void ReceiveSignal(const Ptr<QuantumSignal>& signal);

    /**
     * Register the handler of a quantum port; aborts if the port is taken.
     * @param port the port
     * @param handler the handler
     */
    void RegisterHandler(uint16_t port, SignalHandler handler);

    /**
     * @param port a registered port
     */
    void UnregisterHandler(uint16_t port);

    /** @return the attached quantum channel */
    Ptr<QuantumChannel> GetQuantumChannel() const;

    /**
     * The node without a reference-count round trip (the per-photon path).
     * @return the node, or null if the device is not on a node
     */
    Node* PeekNode() const
    {
        return m_nodeRaw;
    }

    /** @return the id of the node (0 if the device is not on a node) */
    uint32_t GetNodeId() const
    {
        return m_nodeId;
    }

    // NetDevice interface: a quantum port has no classical link layer.
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Node> m_node;              //!< owning node
    Node* m_nodeRaw;               //!< m_node, raw
    uint32_t m_nodeId;             //!< id of m_node (0 without a node)
    Ptr<QuantumChannel> m_channel; //!< attached channel
    uint32_t m_ifIndex;            //!< interface index
    /**
     * @param port a quantum port
     * @return the index of its entry in m_ports, or m_ports.size() if unbound
     */
    std::size_t FindPort(uint16_t port) const;

    std::vector<std::pair<uint16_t, SignalHandler>> m_ports; //!< handlers by quantum port
    mutable std::size_t m_lastPort;                          //!< index of the last port found
    TracedCallback<Ptr<const QuantumSignal>> m_txTrace;      //!< signal sent
    TracedCallback<Ptr<const QuantumSignal>> m_rxTrace;      //!< signal delivered to a handler
    TracedCallback<Ptr<const QuantumSignal>> m_dropTrace;    //!< signal for an unbound port
};

} // namespace ns3

#endif /* QUANTUM_NET_DEVICE_H */
