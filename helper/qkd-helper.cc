/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-helper.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdHelper");

QkdHelper::QkdHelper()
    : m_haveEve(false)
    , m_lossRate(0)
    , m_presharedBits(65536)
    , m_start(Seconds(0.1))
    , m_installed(0)
{
    m_linkFactory.SetTypeId("ns3::QkdQuantumLink");
    m_sessionFactory.SetTypeId("ns3::QkdSession");
    m_p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    m_p2p.SetChannelAttribute("Delay", StringValue("250us"));
}

void
QkdHelper::SetLinkAttribute(const std::string& name, const AttributeValue& value)
{
    m_linkFactory.Set(name, value);
}

void
QkdHelper::SetSessionAttribute(const std::string& name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(name == "Role", "QkdHelper: the helper sets the Role of each session");
    m_sessionFactory.Set(name, value);
}

void
QkdHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    m_channel.SetChannelAttribute(name, value);
}

void
QkdHelper::SetChannelType(const std::string& type)
{
    m_channel.SetChannelType(type);
}

void
QkdHelper::SetMisalignment(double errorRate)
{
    NS_ABORT_MSG_IF(!(errorRate >= 0 && errorRate <= 0.5),
                    "QkdHelper::SetMisalignment: e_d = " << errorRate
                                                         << " is outside the valid range [0, 0.5]");
    m_channel.AddModel("ns3::PolarizationMisalignmentModel",
                       "AngleRad",
                       DoubleValue(std::asin(std::sqrt(errorRate))));
}

void
QkdHelper::SetClassicalAttribute(const std::string& name, const AttributeValue& value)
{
    if (name == "Delay")
    {
        m_p2p.SetChannelAttribute(name, value);
    }
    else
    {
        m_p2p.SetDeviceAttribute(name, value);
    }
}

void
QkdHelper::SetClassicalLossRate(double rate)
{
    NS_ABORT_MSG_IF(!(rate >= 0 && rate < 1),
                    "QkdHelper::SetClassicalLossRate: " << rate
                                                        << " is outside the valid range [0, 1)");
    m_lossRate = rate;
}

void
QkdHelper::SetEavesdropper(const std::string& type)
{
    m_haveEve = !type.empty();
    if (m_haveEve)
    {
        m_eveFactory = ObjectFactory();
        m_eveFactory.SetTypeId(type);
    }
}

void
QkdHelper::SetEavesdropperAttribute(const std::string& name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(!m_haveEve, "QkdHelper::SetEavesdropperAttribute: call SetEavesdropper first");
    m_eveFactory.Set(name, value);
}

void
QkdHelper::SetPresharedKeyBits(uint32_t bits)
{
    NS_ABORT_MSG_IF(bits < 256,
                    "QkdHelper::SetPresharedKeyBits: " << bits << " bits; at least 256 are needed");
    m_presharedBits = bits;
}

void
QkdHelper::SetStartTime(Time start)
{
    m_start = start;
}

QkdLinkInstance
QkdHelper::Install(Ptr<Node> alice, Ptr<Node> bob)
{
    NS_ABORT_MSG_IF(!alice || !bob || alice == bob, "QkdHelper::Install: need two distinct nodes");
    QkdLinkInstance out;
    InternetStackHelper internet;
    for (Ptr<Node> n : {alice, bob})
    {
        if (!n->GetObject<Ipv4>())
        {
            internet.Install(n);
        }
    }
    out.classical = m_p2p.Install(alice, bob);
    if (m_lossRate > 0)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(m_lossRate));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            out.classical.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    }
    Ipv4AddressHelper addresses;
    std::ostringstream net;
    net << "10." << (250 + m_installed / 256) % 256 << "." << m_installed % 256 << ".0";
    addresses.SetBase(net.str().c_str(), "255.255.255.0");
    Ipv4InterfaceContainer ifs = addresses.Assign(out.classical);
    ++m_installed;

    out.link = m_linkFactory.Create<QkdQuantumLink>();
    if (m_haveEve)
    {
        out.link->SetEavesdropper(m_eveFactory.Create<QkdEavesdropper>());
    }
    if (out.link->GetProtocol() == QkdProtocol::BB84)
    {
        out.quantum = m_channel.Install(alice, bob);
        out.link->SetBb84Channel(DynamicCast<QuantumNetDevice>(out.quantum.Get(0)),
                                 DynamicCast<QuantumNetDevice>(out.quantum.Get(1)));
    }
    else
    {
        out.source = CreateObject<Node>();
        NetDeviceContainer a = m_channel.Install(out.source, alice);
        NetDeviceContainer b = m_channel.Install(out.source, bob);
        out.quantum.Add(a);
        out.quantum.Add(b);
        out.link->SetPairChannels(DynamicCast<QuantumNetDevice>(a.Get(0)),
                                  DynamicCast<QuantumNetDevice>(a.Get(1)),
                                  DynamicCast<QuantumNetDevice>(b.Get(0)),
                                  DynamicCast<QuantumNetDevice>(b.Get(1)));
    }
    out.alice = m_sessionFactory.Create<QkdSession>();
    out.bob = m_sessionFactory.Create<QkdSession>();
    out.alice->SetAttribute("Role", StringValue("Alice"));
    out.bob->SetAttribute("Role", StringValue("Bob"));
    // Every link of this helper gets its own TCP port (the session's Port
    // plus the link's index), so that a node at the end of several links
    // (Alice listens) has one listening socket per link.
    UintegerValue basePort;
    out.alice->GetAttribute("Port", basePort);
    const uint64_t port = basePort.Get() + (m_installed - 1);
    NS_ABORT_MSG_IF(port > 65535,
                    "QkdHelper::Install: link " << m_installed - 1 << " would use TCP port " << port
                                                << " (session Port " << basePort.Get()
                                                << " + link index); lower the Port attribute");
    out.alice->SetAttribute("Port", UintegerValue(port));
    out.bob->SetAttribute("Port", UintegerValue(port));
    out.alice->SetLink(out.link);
    out.bob->SetLink(out.link);
    out.bob->SetPeerAddress(ifs.GetAddress(0));
    out.alice->SetPeerAddress(ifs.GetAddress(1));
    alice->AddApplication(out.alice);
    bob->AddApplication(out.bob);
    out.alice->SetStartTime(Seconds(0));
    out.bob->SetStartTime(Seconds(0));
    // Pre-shared authentication keys: the same bits at both ends.  They are
    // drawn now from an automatically assigned stream and drawn again from
    // the assigned stream by AssignStreams, so that with AssignStreams every
    // random draw of the link is reproducible.
    out.presharedKeyRng = CreateObject<UniformRandomVariable>();
    out.presharedBits = m_presharedBits;
    DrawPresharedKeys(out);
    out.link->Start(m_start);
    return out;
}

void
QkdHelper::DrawPresharedKeys(const QkdLinkInstance& instance)
{
    const QkdBitString ab = QkdBitString::Random(instance.presharedBits, instance.presharedKeyRng);
    const QkdBitString ba = QkdBitString::Random(instance.presharedBits, instance.presharedKeyRng);
    instance.alice->SetPresharedKeys(ab, ba);
    instance.bob->SetPresharedKeys(ab, ba);
}

int64_t
QkdHelper::AssignStreams(const QkdLinkInstance& instance, int64_t stream)
{
    NS_ABORT_MSG_IF(!instance.link || !instance.presharedKeyRng,
                    "QkdHelper::AssignStreams: the instance was not made by QkdHelper::Install");
    int64_t n = 0;
    instance.presharedKeyRng->SetStream(stream + n++);
    DrawPresharedKeys(instance);
    n += instance.link->AssignStreams(stream + n);
    n += instance.alice->AssignStreams(stream + n);
    n += instance.bob->AssignStreams(stream + n);
    n += QuantumChannelHelper::AssignStreams(instance.quantum, stream + n);
    return n;
}

} // namespace ns3
