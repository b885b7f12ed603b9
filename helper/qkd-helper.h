/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_HELPER_H
#define QKD_HELPER_H

#include "quantum-channel-helper.h"

#include "ns3/object-factory.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/qkd-session.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief What QkdHelper::Install built for one QKD link.
 */
struct QkdLinkInstance
{
    Ptr<QkdQuantumLink> link;     //!< the quantum layer
    Ptr<QkdSession> alice;        //!< Alice's post-processing application
    Ptr<QkdSession> bob;          //!< Bob's post-processing application
    Ptr<Node> source;             //!< BBM92/E91: the pair-source node in the middle
    NetDeviceContainer classical; //!< the point-to-point devices (Alice's first)
    NetDeviceContainer
        quantum; //!< the quantum devices (BB84: Alice, Bob; pairs: srcA, Alice, srcB, Bob)
    Ptr<UniformRandomVariable>
        presharedKeyRng;       //!< draws the pre-shared authentication keys (AssignStreams)
    uint32_t presharedBits{0}; //!< pre-shared authentication key bits per direction
};

/**
 * @ingroup quantum
 * @brief Installs a complete QKD link between two nodes: the quantum layer
 * (QkdQuantumLink over QuantumChannels: BB84 Alice to Bob, or BBM92/E91
 * with a pair-source node in the middle, each arm a channel with the channel
 * attributes), a point-to-point classical link with IPv4 (the Internet
 * stack is installed where missing), and a QkdSession at each end with
 * pre-shared authentication keys.
 *
 * @code
 *   QkdHelper qkd;
 *   qkd.SetLinkAttribute("Protocol", StringValue("BB84"));
 *   qkd.SetChannelAttribute("LengthKm", DoubleValue(50));
 *   qkd.SetMisalignment(0.01);
 *   qkd.SetClassicalAttribute("Delay", StringValue("250us"));
 *   QkdLinkInstance l = qkd.Install(alice, bob);
 *   qkd.AssignStreams(l, 100);
 *   l.bob->TraceConnectWithoutContext("SecretKey", MakeCallback(&OnKey));
 * @endcode
 */
class QkdHelper
{
  public:
    QkdHelper();

    /**
     * @param name an attribute of QkdQuantumLink
     * @param value its value
     */
    void SetLinkAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name an attribute of QkdSession (both ends; Role is set by the helper)
     * @param value its value
     */
    void SetSessionAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param name an attribute of QuantumChannel (every quantum channel)
     * @param value its value
     */
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param type the quantum channel's TypeId name: ns3::QuantumChannel (the
     *        default, fibre) or a subclass such as ns3::FreeSpaceQuantumChannel
     *        (see QuantumChannelHelper::SetChannelType)
     */
    void SetChannelType(const std::string& type);
    /**
     * Add a PolarizationMisalignmentModel giving the BB84 error rate e_d to
     * every quantum channel (AngleRad = asin(sqrt(e_d))).
     * @param errorRate e_d in [0, 0.5]
     */
    void SetMisalignment(double errorRate);
    /**
     * @param name an attribute of the point-to-point link: "DataRate" (device),
     *        "Delay" (channel), or any PointToPointNetDevice attribute
     * @param value its value
     */
    void SetClassicalAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @param rate packet error rate of the classical link in both directions,
     *        in [0, 1) (a RateErrorModel on each device; TCP retransmits)
     */
    void SetClassicalLossRate(double rate);
    /**
     * @param type an eavesdropper TypeId name (e.g.
     *        "ns3::QkdInterceptResendEavesdropper"), or "" for none
     */
    void SetEavesdropper(const std::string& type);
    /**
     * @param name an attribute of the eavesdropper type
     * @param value its value
     */
    void SetEavesdropperAttribute(const std::string& name, const AttributeValue& value);
    /** @param bits pre-shared authentication key per direction (default 65536) */
    void SetPresharedKeyBits(uint32_t bits);
    /** @param start when the quantum link starts sending (default 0.1 s) */
    void SetStartTime(Time start);

    /**
     * Install a QKD link.
     * @param alice Alice's node
     * @param bob Bob's node
     * @return what was built
     */
    QkdLinkInstance Install(Ptr<Node> alice, Ptr<Node> bob);

    /**
     * Fix the random streams of a link (sources, detectors, sampler,
     * eavesdropper, channels, sessions) and of the pre-shared keys.
     * @param instance a link built by Install
     * @param stream first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(const QkdLinkInstance& instance, int64_t stream);

  private:
    /**
     * Draw the pre-shared authentication keys of a link from its
     * presharedKeyRng and give them to both sessions.
     * @param instance the link
     */
    static void DrawPresharedKeys(const QkdLinkInstance& instance);

    ObjectFactory m_linkFactory;    //!< QkdQuantumLink
    ObjectFactory m_sessionFactory; //!< QkdSession
    ObjectFactory m_eveFactory;     //!< eavesdropper
    bool m_haveEve;                 //!< an eavesdropper is configured
    QuantumChannelHelper m_channel; //!< quantum channels
    PointToPointHelper m_p2p;       //!< classical link
    double m_lossRate;              //!< classical packet error rate
    uint32_t m_presharedBits;       //!< authentication key per direction
    Time m_start;                   //!< link start
    uint32_t m_installed;           //!< links installed (address allocation)
};

} // namespace ns3

#endif /* QKD_HELPER_H */
