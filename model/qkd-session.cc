/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "qkd-session.h"

#include "cascade-permutation.h"
#include "qkd-finite-key-analysis.h"
#include "qkd-key-rate-calculator.h"
#include "qkd-session-header.h"
#include "single-photon-source.h"
#include "toeplitz-hasher.h"
#include "weak-coherent-source.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdSession");

NS_OBJECT_ENSURE_REGISTERED(QkdSession);

namespace
{

/** Serializer of message payloads (network byte order, LEB128 varints). */
struct Writer
{
    std::vector<uint8_t> b; //!< bytes

    /** @param v a byte */
    void U8(uint8_t v)
    {
        b.push_back(v);
    }

    /** @param v a 32-bit value */
    void U32(uint32_t v)
    {
        for (int i = 3; i >= 0; --i)
        {
            b.push_back((v >> (8 * i)) & 0xff);
        }
    }

    /** @param v a 64-bit value */
    void U64(uint64_t v)
    {
        for (int i = 7; i >= 0; --i)
        {
            b.push_back((v >> (8 * i)) & 0xff);
        }
    }

    /** @param v a double (IEEE 754 bits) */
    void Double(double v)
    {
        uint64_t u;
        std::memcpy(&u, &v, 8);
        U64(u);
    }

    /** @param v a value, as an LEB128 varint */
    void Varint(uint64_t v)
    {
        while (v >= 0x80)
        {
            b.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        b.push_back(static_cast<uint8_t>(v));
    }

    /** @param s bits: a 32-bit length and the bits packed 8 per byte */
    void Bits(const QkdBitString& s)
    {
        U32(s.GetSize());
        const auto& w = s.GetWords();
        const size_t bytes = (s.GetSize() + 7) / 8;
        for (size_t i = 0; i < bytes; ++i)
        {
            b.push_back((w[i / 8] >> (8 * (i % 8))) & 0xff);
        }
    }

    /**
     * Small values packed with a fixed width.
     * @param values the values
     * @param width bits per value (0: nothing written)
     */
    void Packed(const std::vector<uint8_t>& values, uint32_t width)
    {
        if (width == 0)
        {
            return;
        }
        QkdBitString s(values.size() * width);
        for (size_t i = 0; i < values.size(); ++i)
        {
            for (uint32_t k = 0; k < width; ++k)
            {
                if ((values[i] >> k) & 1)
                {
                    s.Set(i * width + k, true);
                }
            }
        }
        Bits(s);
    }
};

/** Parser of message payloads. */
struct Reader
{
    const std::vector<uint8_t>& b; //!< bytes
    size_t pos;                    //!< read position

    /** @param n bytes needed */
    void Need(size_t n) const
    {
        NS_ABORT_MSG_IF(pos + n > b.size(),
                        "QkdSession: malformed message (" << b.size() << " bytes, reading " << n
                                                          << " at " << pos << ")");
    }

    /** @return a byte */
    uint8_t U8()
    {
        Need(1);
        return b[pos++];
    }

    /** @return a 32-bit value */
    uint32_t U32()
    {
        Need(4);
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
        {
            v = (v << 8) | b[pos++];
        }
        return v;
    }

    /** @return a 64-bit value */
    uint64_t U64()
    {
        Need(8);
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
        {
            v = (v << 8) | b[pos++];
        }
        return v;
    }

    /** @return a double */
    double Double()
    {
        const uint64_t u = U64();
        double v;
        std::memcpy(&v, &u, 8);
        return v;
    }

    /** @return an LEB128 varint */
    uint64_t Varint()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            const uint8_t c = U8();
            v |= static_cast<uint64_t>(c & 0x7f) << shift;
            if (!(c & 0x80))
            {
                break;
            }
        }
        return v;
    }

    /** @return bits written by Writer::Bits */
    QkdBitString Bits()
    {
        const uint32_t n = U32();
        const size_t bytes = (size_t(n) + 7) / 8;
        Need(bytes);
        std::vector<uint64_t> words((size_t(n) + 63) / 64, 0);
        for (size_t i = 0; i < bytes; ++i)
        {
            words[i / 8] |= static_cast<uint64_t>(b[pos + i]) << (8 * (i % 8));
        }
        pos += bytes;
        return QkdBitString::FromWords(words, n);
    }

    /**
     * @param count number of values
     * @param width bits per value
     * @return the values written by Writer::Packed
     */
    std::vector<uint8_t> Packed(size_t count, uint32_t width)
    {
        std::vector<uint8_t> v(count, 0);
        if (width == 0)
        {
            return v;
        }
        const QkdBitString s = Bits();
        NS_ABORT_MSG_IF(s.GetSize() != count * width, "QkdSession: malformed packed field");
        for (size_t i = 0; i < count; ++i)
        {
            for (uint32_t k = 0; k < width; ++k)
            {
                v[i] |= (s.Get(i * width + k) ? 1 : 0) << k;
            }
        }
        return v;
    }
};

/**
 * @param n number of distinct values
 * @return bits needed to write one of them
 */
uint32_t
Width(uint32_t n)
{
    uint32_t w = 0;
    while ((1u << w) < n)
    {
        ++w;
    }
    return w;
}

} // namespace

double
QkdSessionStatistics::GetQber() const
{
    return sampleBits > 0 ? double(sampleErrors) / sampleBits : 0;
}

double
QkdSessionStatistics::GetGain(uint32_t label) const
{
    if (label >= pulsesPerLabel.size() || pulsesPerLabel[label] == 0)
    {
        return 0;
    }
    return double(detectionsPerLabel[label]) / pulsesPerLabel[label];
}

double
QkdSessionStatistics::GetQberOfLabel(uint32_t label) const
{
    if (label == 0)
    {
        return GetQber();
    }
    if (label >= disclosedPerLabel.size() || disclosedPerLabel[label] == 0)
    {
        return 0;
    }
    return double(errorsPerLabel[label]) / disclosedPerLabel[label];
}

double
QkdSessionStatistics::GetCascadeEfficiency() const
{
    const double q = keyCandidateBits > 0 ? double(correctedErrors) / keyCandidateBits : 0;
    if (q <= 0 || q >= 0.5 || keyCandidateBits == 0)
    {
        return 0;
    }
    return double(leakedBits) / (keyCandidateBits * QkdKeyRateCalculator::BinaryEntropy(q));
}

TypeId
QkdSession::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdSession")
              .SetParent<Application>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdSession>()
              .AddAttribute("Role",
                            "Alice (sender, listens) or Bob (receiver, connects).",
                            EnumValue(QkdSession::ALICE),
                            MakeEnumAccessor(&QkdSession::m_role),
                            MakeEnumChecker(QkdSession::ALICE, "Alice", QkdSession::BOB, "Bob"))
              .AddAttribute("Port",
                            "TCP port of the post-processing connection.",
                            UintegerValue(7000),
                            MakeUintegerAccessor(&QkdSession::m_port),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("QberThreshold",
                            "Abort a frame when the sample QBER exceeds this, in [0, 0.5].",
                            DoubleValue(0.11),
                            MakeDoubleAccessor(&QkdSession::m_qberThreshold),
                            MakeDoubleChecker<double>(0.0, 0.5))
              .AddAttribute("SampleFraction",
                            "Fraction of the signal sifted bits disclosed for parameter "
                            "estimation, in (0, 1).",
                            DoubleValue(0.1),
                            MakeDoubleAccessor(&QkdSession::m_sampleFraction),
                            MakeDoubleChecker<double>(1e-6, 0.999))
              .AddAttribute("FiniteKey",
                            "Use the finite-key bound of Tomamichel et al. 2012 (single-photon "
                            "source and entanglement only) instead of the asymptotic one.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&QkdSession::m_finiteKey),
                            MakeBooleanChecker())
              .AddAttribute("EpsilonSecrecy",
                            "Finite-key secrecy parameter eps_sec, in (0, 1).",
                            DoubleValue(1e-10),
                            MakeDoubleAccessor(&QkdSession::m_epsSec),
                            MakeDoubleChecker<double>(1e-300, 0.999))
              .AddAttribute("ErrorCorrectionEfficiency",
                            "f used in the reported asymptotic rate (GetAsymptoticRatePerPulse), "
                            ">= 1; the key itself is shortened by the bits Cascade really leaked.",
                            DoubleValue(1.16),
                            MakeDoubleAccessor(&QkdSession::m_ecEfficiency),
                            MakeDoubleChecker<double>(1.0, 10.0))
              .AddAttribute("SocketBufferBytes",
                            "TCP send and receive buffer sizes, in [65536, 2^30].",
                            UintegerValue(1 << 22),
                            MakeUintegerAccessor(&QkdSession::m_socketBufferBytes),
                            MakeUintegerChecker<uint32_t>(65536, 1u << 30))
              .AddAttribute("Verifier",
                            "Error verification (its TagLengthBits t gives eps_cor = 2^-t).",
                            PointerValue(),
                            MakePointerAccessor(&QkdSession::m_verifier),
                            MakePointerChecker<QkdKeyVerifier>())
              .AddAttribute("Cascade",
                            "Bob's Cascade state machine (its attributes set the passes).",
                            PointerValue(),
                            MakePointerAccessor(&QkdSession::m_cascade),
                            MakePointerChecker<CascadeReconciliation>())
              .AddTraceSource("SecretKey",
                              "A block of final key, identical at both ends: (key, block id, "
                              "Alice's node id, Bob's node id).",
                              MakeTraceSourceAccessor(&QkdSession::m_secretKeyTrace),
                              "ns3::QkdSession::SecretKeyTracedCallback")
              .AddTraceSource("Qber",
                              "The sample QBER of a frame (Bob).",
                              MakeTraceSourceAccessor(&QkdSession::m_qberTrace),
                              "ns3::QkdSession::FrameValueTracedCallback")
              .AddTraceSource("SiftedBits",
                              "Sifted bits of a frame (all intensities).",
                              MakeTraceSourceAccessor(&QkdSession::m_siftedTrace),
                              "ns3::QkdSession::FrameValueTracedCallback")
              .AddTraceSource("SecretKeyBits",
                              "Key bits a frame delivered.",
                              MakeTraceSourceAccessor(&QkdSession::m_secretBitsTrace),
                              "ns3::QkdSession::FrameValueTracedCallback")
              .AddTraceSource("Aborted",
                              "A frame was aborted (its sample QBER).",
                              MakeTraceSourceAccessor(&QkdSession::m_abortTrace),
                              "ns3::QkdSession::FrameValueTracedCallback")
              .AddTraceSource("Halted",
                              "The authentication key ran out; the session stopped.",
                              MakeTraceSourceAccessor(&QkdSession::m_haltTrace),
                              "ns3::TracedValueCallback::Void");
    return tid;
}

QkdSession::QkdSession()
    : m_role(ALICE)
    , m_port(7000)
    , m_qberThreshold(0.11)
    , m_sampleFraction(0.1)
    , m_finiteKey(false)
    , m_epsSec(1e-10)
    , m_ecEfficiency(1.16)
    , m_socketBufferBytes(1 << 22)
    , m_connected(false)
    , m_busy(false)
    , m_halted(false)
{
    NS_LOG_FUNCTION(this);
    m_poolAliceToBob = CreateObject<QkdKeyPool>();
    m_poolBobToAlice = CreateObject<QkdKeyPool>();
    m_authOut = CreateObject<WegmanCarterAuthenticator>();
    m_authIn = CreateObject<WegmanCarterAuthenticator>();
    m_cascade = CreateObject<CascadeReconciliation>();
    m_responder = CreateObject<CascadeParityResponder>();
    m_verifier = CreateObject<QkdKeyVerifier>();
    m_uniform = CreateObject<UniformRandomVariable>();
}

QkdSession::~QkdSession()
{
    NS_LOG_FUNCTION(this);
}

void
QkdSession::DoDispose()
{
    m_link = nullptr;
    m_listen = nullptr;
    m_socket = nullptr;
    m_aliceViews.clear();
    m_bobViews.clear();
    m_frame = Frame();
    m_poolAliceToBob = nullptr;
    m_poolBobToAlice = nullptr;
    m_authOut = nullptr;
    m_authIn = nullptr;
    m_cascade = nullptr;
    m_responder = nullptr;
    m_verifier = nullptr;
    m_uniform = nullptr;
    Application::DoDispose();
}

int64_t
QkdSession::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    int64_t n = 1;
    n += m_cascade->AssignStreams(stream + n);
    n += m_verifier->AssignStreams(stream + n);
    return n;
}

void
QkdSession::SetLink(Ptr<QkdQuantumLink> link)
{
    m_link = link;
    if (m_link->GetProtocol() == QkdProtocol::BB84
        && m_link->GetSourceType() == QkdQuantumLink::WCP)
    {
        const uint32_t l = m_link->GetNumLabels();
        NS_ABORT_MSG_IF(
            l != 1
                && !(l == 3 && m_link->GetIntensity(0) > m_link->GetIntensity(1)
                     && m_link->GetIntensity(1) > 0 && m_link->GetIntensity(2) == 0),
            "QkdSession: the weak coherent source must have one intensity (GLLP without decoys) "
            "or three: signal mu > weak decoy nu > 0 and vacuum 0 (Intensities), got "
                << l << " levels");
        NS_ABORT_MSG_IF(m_finiteKey,
                        "QkdSession: FiniteKey is available for a single-photon source and "
                        "entanglement only (the bound of Tomamichel et al. 2012 assumes single "
                        "photons); the weak coherent source has no finite-key decoy analysis");
    }
}

Ptr<QkdQuantumLink>
QkdSession::GetLink() const
{
    return m_link;
}

void
QkdSession::SetPresharedKeys(const QkdBitString& aliceToBob, const QkdBitString& bobToAlice)
{
    // Replace (not add to) what an earlier call set: QkdHelper draws the keys
    // at Install and again from the assigned stream in AssignStreams.  The
    // pools are bound to the authenticators only in StartApplication.
    m_poolAliceToBob = CreateObject<QkdKeyPool>();
    m_poolBobToAlice = CreateObject<QkdKeyPool>();
    m_poolAliceToBob->Add(aliceToBob);
    m_poolBobToAlice->Add(bobToAlice);
}

void
QkdSession::SetPeerAddress(Ipv4Address address)
{
    m_peer = address;
}

QkdSession::Role
QkdSession::GetRole() const
{
    return m_role;
}

const QkdSessionStatistics&
QkdSession::GetStatistics() const
{
    return m_stats;
}

bool
QkdSession::IsIdle() const
{
    return !m_busy && m_bobViews.empty() && (!m_link || m_link->IsFinished());
}

void
QkdSession::StartApplication()
{
    NS_ABORT_MSG_IF(!m_link, "QkdSession: no QkdQuantumLink set (SetLink)");
    const bool alice = m_role == ALICE;
    m_authOut->SetKeyPool(alice ? m_poolAliceToBob : m_poolBobToAlice);
    m_authIn->SetKeyPool(alice ? m_poolBobToAlice : m_poolAliceToBob);
    const uint32_t labels = m_link->GetNumLabels();
    m_stats.pulsesPerLabel.assign(labels, 0);
    m_stats.detectionsPerLabel.assign(labels, 0);
    m_stats.disclosedPerLabel.assign(labels, 0);
    m_stats.errorsPerLabel.assign(labels, 0);
    if (alice)
    {
        m_link->SetAliceCallback(MakeCallback(&QkdSession::ReceiveAliceView, this));
        m_listen = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_listen->SetAttribute("SndBufSize", UintegerValue(m_socketBufferBytes));
        m_listen->SetAttribute("RcvBufSize", UintegerValue(m_socketBufferBytes));
        m_listen->SetAttribute("TcpNoDelay", BooleanValue(true));
        m_listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
        m_listen->Listen();
        m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&QkdSession::HandleAccept, this));
    }
    else
    {
        m_link->SetBobCallback(MakeCallback(&QkdSession::ReceiveBobView, this));
        m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_socket->SetAttribute("SndBufSize", UintegerValue(m_socketBufferBytes));
        m_socket->SetAttribute("RcvBufSize", UintegerValue(m_socketBufferBytes));
        m_socket->SetAttribute("TcpNoDelay", BooleanValue(true));
        m_socket->Bind();
        m_socket->SetConnectCallback(MakeCallback(&QkdSession::HandleConnect, this),
                                     MakeCallback(&QkdSession::HandleConnectFail, this));
        m_socket->SetRecvCallback(MakeCallback(&QkdSession::HandleRead, this));
        m_socket->SetSendCallback(MakeCallback(&QkdSession::HandleSend, this));
        m_socket->Connect(InetSocketAddress(m_peer, m_port));
    }
}

void
QkdSession::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
    if (m_listen)
    {
        m_listen->Close();
    }
}

void
QkdSession::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    m_socket = socket;
    m_connected = true;
    m_socket->SetRecvCallback(MakeCallback(&QkdSession::HandleRead, this));
    m_socket->SetSendCallback(MakeCallback(&QkdSession::HandleSend, this));
    Flush();
}

void
QkdSession::HandleConnect(Ptr<Socket> socket)
{
    m_connected = true;
    Flush();
    BobNext();
}

void
QkdSession::HandleConnectFail(Ptr<Socket> socket)
{
    NS_FATAL_ERROR("QkdSession (Bob, node " << GetNode()->GetId() << "): could not connect to "
                                            << m_peer << ":" << m_port);
}

void
QkdSession::HandleSend(Ptr<Socket> socket, uint32_t available)
{
    Flush();
}

void
QkdSession::Flush()
{
    if (!m_connected || !m_socket)
    {
        return;
    }
    while (!m_txQueue.empty())
    {
        const uint32_t room = m_socket->GetTxAvailable();
        if (room == 0)
        {
            return;
        }
        const size_t n = std::min<size_t>(room, m_txQueue.size());
        std::vector<uint8_t> chunk(m_txQueue.begin(), m_txQueue.begin() + n);
        const int sent = m_socket->Send(Create<Packet>(chunk.data(), n));
        if (sent <= 0)
        {
            return;
        }
        m_txQueue.erase(m_txQueue.begin(), m_txQueue.begin() + sent);
        m_stats.bytesSent += sent;
    }
}

void
QkdSession::SendMessage(uint8_t type, uint32_t frame, const std::vector<uint8_t>& payload)
{
    if (m_halted)
    {
        return;
    }
    QkdSessionHeader h;
    h.SetType(type);
    h.SetFrame(frame);
    h.SetPayloadLength(payload.size());
    Buffer buf;
    buf.AddAtStart(QkdSessionHeader::SIZE);
    h.Serialize(buf.Begin());
    std::vector<uint8_t> msg(QkdSessionHeader::SIZE);
    buf.CopyData(msg.data(), QkdSessionHeader::SIZE);
    msg.insert(msg.end(), payload.begin(), payload.end());
    if (m_authOut->GetKeyBitsForNextMessage() > m_authOut->GetKeyPool()->GetAvailableBits())
    {
        Halt();
        return;
    }
    const uint64_t before = m_authOut->GetConsumedKeyBits();
    const WegmanCarterTag tag = m_authOut->Authenticate(msg);
    m_stats.authKeyBits += m_authOut->GetConsumedKeyBits() - before;
    Writer w;
    w.U64(tag.sequence);
    w.U64(tag.tag);
    msg.insert(msg.end(), w.b.begin(), w.b.end());
    m_txQueue.insert(m_txQueue.end(), msg.begin(), msg.end());
    if (m_role == ALICE)
    {
        ++m_frame.messagesAliceToBob;
    }
    else
    {
        ++m_frame.messagesBobToAlice;
    }
    Flush();
}

void
QkdSession::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        const size_t old = m_rxBuffer.size();
        m_rxBuffer.resize(old + p->GetSize());
        p->CopyData(m_rxBuffer.data() + old, p->GetSize());
    }
    size_t pos = 0;
    while (!m_halted && m_rxBuffer.size() - pos >= QkdSessionHeader::SIZE)
    {
        Buffer buf;
        buf.AddAtStart(QkdSessionHeader::SIZE);
        buf.Begin().Write(m_rxBuffer.data() + pos, QkdSessionHeader::SIZE);
        QkdSessionHeader h;
        h.Deserialize(buf.Begin());
        const size_t total = QkdSessionHeader::SIZE + h.GetPayloadLength() + 16;
        if (m_rxBuffer.size() - pos < total)
        {
            break;
        }
        std::vector<uint8_t> msg(m_rxBuffer.begin() + pos,
                                 m_rxBuffer.begin() + pos + QkdSessionHeader::SIZE
                                     + h.GetPayloadLength());
        std::vector<uint8_t> tagBytes(m_rxBuffer.begin() + pos + total - 16,
                                      m_rxBuffer.begin() + pos + total);
        pos += total;
        Reader r{tagBytes, 0};
        WegmanCarterTag tag;
        tag.sequence = r.U64();
        tag.tag = r.U64();
        if (m_authIn->GetKeyBitsForNextMessage() > m_authIn->GetKeyPool()->GetAvailableBits())
        {
            Halt();
            break;
        }
        const uint64_t before = m_authIn->GetConsumedKeyBits();
        const bool ok = m_authIn->Verify(msg, tag);
        m_stats.authKeyBits += m_authIn->GetConsumedKeyBits() - before;
        NS_ABORT_MSG_IF(!ok,
                        "QkdSession (node " << GetNode()->GetId()
                                            << "): a message failed Wegman-Carter authentication");
        if (m_role == ALICE)
        {
            ++m_frame.messagesBobToAlice;
        }
        else
        {
            ++m_frame.messagesAliceToBob;
        }
        std::vector<uint8_t> payload(msg.begin() + QkdSessionHeader::SIZE, msg.end());
        HandleMessage(h.GetType(), h.GetFrame(), payload);
    }
    m_rxBuffer.erase(m_rxBuffer.begin(), m_rxBuffer.begin() + pos);
}

void
QkdSession::Halt()
{
    if (!m_halted)
    {
        NS_LOG_WARN("QkdSession (node " << GetNode()->GetId()
                                        << "): authentication key exhausted; stopping");
        m_halted = true;
        m_haltTrace();
    }
}

void
QkdSession::HandleMessage(uint8_t type, uint32_t frame, const std::vector<uint8_t>& payload)
{
    NS_ABORT_MSG_IF(type != QkdSessionHeader::SIFT && frame != m_frame.id,
                    "QkdSession: message of frame " << frame << " while processing frame "
                                                    << m_frame.id);
    switch (type)
    {
        case QkdSessionHeader::SIFT:
            OnSift(frame, payload);
            break;
        case QkdSessionHeader::SIFT_REPLY:
            OnSiftReply(payload);
            break;
        case QkdSessionHeader::PE_RESULT:
            OnPeResult(payload);
            break;
        case QkdSessionHeader::CASCADE_REQUEST:
            OnCascadeRequest(payload);
            break;
        case QkdSessionHeader::CASCADE_RESPONSE:
            OnCascadeResponse(payload);
            break;
        case QkdSessionHeader::EC_DONE:
            OnEcDone(payload);
            break;
        case QkdSessionHeader::VERIFY:
            OnVerify(payload);
            break;
        case QkdSessionHeader::PRIVACY:
            OnPrivacy(payload);
            break;
        default:
            NS_FATAL_ERROR("QkdSession: unknown message type " << int(type));
    }
}

void
QkdSession::ReceiveAliceView(Ptr<const QkdFrameView> view)
{
    m_aliceViews[view->frame] = view;
    auto it = m_pendingSift.find(view->frame);
    if (it != m_pendingSift.end())
    {
        std::vector<uint8_t> payload = it->second;
        m_pendingSift.erase(it);
        OnSift(view->frame, payload);
    }
}

void
QkdSession::ReceiveBobView(Ptr<const QkdFrameView> view)
{
    m_bobViews.push_back(view);
    BobNext();
}

void
QkdSession::BobNext()
{
    if (m_busy || !m_connected || m_bobViews.empty() || m_halted)
    {
        return;
    }
    m_busy = true;
    Ptr<const QkdFrameView> view = m_bobViews.front();
    m_bobViews.pop_front();
    m_frame = Frame();
    m_frame.id = view->frame;
    m_frame.view = view;
    const size_t n = view->records.size();
    m_frame.bobSetting.resize(n);
    m_frame.ownBit.resize(n);
    Writer w;
    w.U64(view->numPulses);
    w.U32(n);
    uint64_t last = view->firstPulse;
    for (size_t i = 0; i < n; ++i)
    {
        const auto& r = view->records[i];
        w.Varint(r.pulse - last);
        last = r.pulse;
        m_frame.bobSetting[i] = r.setting;
        m_frame.ownBit[i] = r.bit;
    }
    w.Packed(m_frame.bobSetting, Width(m_link->GetNumSettings()));
    SendMessage(QkdSessionHeader::SIFT, m_frame.id, w.b);
}

void
QkdSession::ComputeSifted(uint64_t seed)
{
    Sifted& s = m_frame.sifted;
    s = Sifted();
    const bool e91 = m_link->GetProtocol() == QkdProtocol::E91;
    std::vector<uint32_t> signal;
    for (uint32_t i = 0; i < m_frame.hasRecord.size(); ++i)
    {
        if (!m_frame.hasRecord[i])
        {
            continue;
        }
        const uint8_t a = m_frame.aliceSetting[i];
        const uint8_t b = m_frame.bobSetting[i];
        if (m_link->IsKeySettingPair(a, b))
        {
            if (m_frame.label[i] == 0)
            {
                signal.push_back(i);
            }
            else
            {
                s.decoy.push_back(i);
            }
        }
        else if (e91 && (a == 0 || a == 2) && (b == 0 || b == 2))
        {
            s.chsh.push_back(i);
        }
    }
    const uint32_t n = signal.size();
    const uint32_t k = n > 1 ? std::max<uint32_t>(1, std::ceil(m_sampleFraction * n)) : 0;
    std::vector<uint8_t> inSample(n, 0);
    if (k > 0)
    {
        CascadePermutation perm(n, seed);
        for (uint32_t p = 0; p < k; ++p)
        {
            inSample[perm.Forward(p)] = 1;
        }
    }
    for (uint32_t j = 0; j < n; ++j)
    {
        (inSample[j] ? s.sample : s.signalKey).push_back(signal[j]);
    }
}

void
QkdSession::OnSift(uint32_t frame, const std::vector<uint8_t>& payload)
{
    auto vit = m_aliceViews.find(frame);
    if (vit == m_aliceViews.end())
    {
        m_pendingSift[frame] = payload; // the pair source is farther from Alice than from Bob
        return;
    }
    Ptr<const QkdFrameView> view = vit->second;
    m_aliceViews.erase(vit);
    m_frame = Frame();
    m_frame.id = frame;
    m_frame.view = view;
    m_frame.messagesBobToAlice = 1; // the SIFT message itself
    m_busy = true;
    Reader r{payload, 0};
    const uint64_t numPulses = r.U64();
    const uint32_t n = r.U32();
    std::vector<uint64_t> pulses(n);
    uint64_t last = view->firstPulse;
    for (uint32_t i = 0; i < n; ++i)
    {
        last += r.Varint();
        pulses[i] = last;
    }
    m_frame.bobSetting = r.Packed(n, Width(m_link->GetNumSettings()));
    NS_ABORT_MSG_IF(numPulses != view->numPulses, "QkdSession: frame length mismatch");
    m_frame.hasRecord.assign(n, 0);
    m_frame.aliceSetting.assign(n, 0);
    m_frame.label.assign(n, 0);
    m_frame.ownBit.assign(n, 0);
    size_t j = 0;
    const auto& recs = view->records;
    for (uint32_t i = 0; i < n; ++i)
    {
        while (j < recs.size() && recs[j].pulse < pulses[i])
        {
            ++j;
        }
        if (j < recs.size() && recs[j].pulse == pulses[i])
        {
            m_frame.hasRecord[i] = 1;
            m_frame.aliceSetting[i] = recs[j].setting;
            m_frame.label[i] = recs[j].label;
            m_frame.ownBit[i] = recs[j].bit;
        }
    }
    const uint64_t seed = (static_cast<uint64_t>(m_uniform->GetInteger(0, 0xffffffffu)) << 32)
                          | m_uniform->GetInteger(0, 0xffffffffu);
    ComputeSifted(seed);
    Writer w;
    // Per detection: record flag, Alice's setting, label.
    const uint32_t sw = Width(m_link->GetNumSettings());
    const uint32_t lw = Width(m_link->GetNumLabels());
    std::vector<uint8_t> packed(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        packed[i] = m_frame.hasRecord[i] | (m_frame.aliceSetting[i] << 1)
                    | (m_frame.label[i] << (1 + sw));
    }
    w.Packed(packed, 1 + sw + lw);
    std::vector<uint64_t> perLabel = view->pulsesPerLabel;
    if (perLabel.empty())
    {
        perLabel.assign(1, view->numPulses);
    }
    w.U32(perLabel.size());
    for (uint64_t c : perLabel)
    {
        w.U64(c);
    }
    w.U64(seed);
    const Sifted& s = m_frame.sifted;
    QkdBitString disclosed(s.sample.size() + s.decoy.size() + s.chsh.size());
    size_t pos = 0;
    for (const auto* set : {&s.sample, &s.decoy, &s.chsh})
    {
        for (uint32_t i : *set)
        {
            disclosed.Set(pos++, m_frame.ownBit[i]);
        }
    }
    w.Bits(disclosed);
    m_frame.key = QkdBitString(s.signalKey.size());
    for (size_t i = 0; i < s.signalKey.size(); ++i)
    {
        m_frame.key.Set(i, m_frame.ownBit[s.signalKey[i]]);
    }
    SendMessage(QkdSessionHeader::SIFT_REPLY, frame, w.b);
}

bool
QkdSession::Estimate(const QkdSessionStatistics& s,
                     QkdSinglePhotonEstimate& single,
                     double& fraction) const
{
    const double q = s.GetGain(0);
    const double e = s.GetQber();
    if (q <= 0 || s.sampleBits == 0)
    {
        return false;
    }
    single = {q, e, q};
    if (m_link->GetProtocol() == QkdProtocol::BB84)
    {
        if (m_link->GetSourceType() == QkdQuantumLink::WCP)
        {
            const double mu = m_link->GetIntensity(0);
            if (m_link->GetNumLabels() == 1)
            {
                single = QkdKeyRateCalculator::GllpWorstCaseBounds(mu, q, e);
            }
            else
            {
                if (s.disclosedPerLabel[1] == 0 || s.pulsesPerLabel[2] == 0)
                {
                    return false;
                }
                single = QkdKeyRateCalculator::VacuumWeakDecoyBounds(mu,
                                                                     m_link->GetIntensity(1),
                                                                     q,
                                                                     s.GetGain(1),
                                                                     s.GetQberOfLabel(1),
                                                                     s.GetGain(2));
            }
        }
        else
        {
            Ptr<QkdQuantumLink> link = m_link;
            const double p2 = link->GetSinglePhotonSource()->GetPhotonNumberProbability(2);
            if (p2 > 0)
            {
                const double delta = p2 / q;
                if (delta >= 1)
                {
                    single = {0, 0.5, 0};
                }
                else
                {
                    single = {q * (1 - delta), std::min(0.5, e / (1 - delta)), q * (1 - delta)};
                }
            }
        }
    }
    fraction = single.gain / q;
    return true;
}

bool
QkdSession::GetSinglePhotonEstimate(QkdSinglePhotonEstimate& single) const
{
    double fraction;
    return Estimate(m_stats, single, fraction);
}

double
QkdSession::GetAsymptoticRatePerPulse() const
{
    QkdSinglePhotonEstimate single;
    double fraction;
    if (!Estimate(m_stats, single, fraction))
    {
        return 0;
    }
    double qSift = 0;
    double pSignal = 1;
    if (m_link->GetProtocol() == QkdProtocol::E91)
    {
        qSift = 2.0 / 9;
    }
    else
    {
        DoubleValue pz;
        m_link->GetAttribute("ZBasisProbability", pz);
        qSift = pz.Get() * pz.Get() + (1 - pz.Get()) * (1 - pz.Get());
    }
    if (m_link->GetProtocol() == QkdProtocol::BB84
        && m_link->GetSourceType() == QkdQuantumLink::WCP)
    {
        pSignal = m_link->GetWeakCoherentSource()->GetIntensityProbability(0);
    }
    return pSignal
           * QkdKeyRateCalculator::KeyRate(qSift,
                                           m_stats.GetGain(0),
                                           m_stats.GetQber(),
                                           m_ecEfficiency,
                                           single);
}

void
QkdSession::OnSiftReply(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const uint32_t n = m_frame.bobSetting.size();
    const uint32_t sw = Width(m_link->GetNumSettings());
    const uint32_t lw = Width(m_link->GetNumLabels());
    const std::vector<uint8_t> packed = r.Packed(n, 1 + sw + lw);
    m_frame.hasRecord.resize(n);
    m_frame.aliceSetting.resize(n);
    m_frame.label.resize(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        m_frame.hasRecord[i] = packed[i] & 1;
        m_frame.aliceSetting[i] = (packed[i] >> 1) & ((1u << sw) - 1);
        m_frame.label[i] = packed[i] >> (1 + sw);
    }
    const uint32_t labels = r.U32();
    NS_ABORT_MSG_IF(labels != m_link->GetNumLabels(), "QkdSession: label count mismatch");
    QkdSessionStatistics fs;
    fs.pulsesPerLabel.resize(labels);
    fs.detectionsPerLabel.assign(labels, 0);
    fs.disclosedPerLabel.assign(labels, 0);
    fs.errorsPerLabel.assign(labels, 0);
    for (uint32_t l = 0; l < labels; ++l)
    {
        fs.pulsesPerLabel[l] = r.U64();
        fs.pulses += fs.pulsesPerLabel[l];
    }
    const uint64_t seed = r.U64();
    ComputeSifted(seed);
    const QkdBitString disclosed = r.Bits();
    const Sifted& s = m_frame.sifted;
    NS_ABORT_MSG_IF(disclosed.GetSize() != s.sample.size() + s.decoy.size() + s.chsh.size(),
                    "QkdSession: disclosed bit count mismatch");
    for (uint32_t i = 0; i < n; ++i)
    {
        if (m_frame.hasRecord[i])
        {
            ++fs.detectionsPerLabel[m_frame.label[i]];
            ++fs.detections;
        }
    }
    fs.siftedBits = s.signalKey.size() + s.sample.size() + s.decoy.size();
    fs.keyCandidateBits = s.signalKey.size();
    size_t pos = 0;
    for (uint32_t i : s.sample)
    {
        const bool err = disclosed.Get(pos++) != bool(m_frame.ownBit[i]);
        ++fs.sampleBits;
        fs.sampleErrors += err;
        ++fs.sampleBitsPerBasis[m_frame.aliceSetting[i]];
        fs.sampleErrorsPerBasis[m_frame.aliceSetting[i]] += err;
        ++fs.disclosedPerLabel[0];
        fs.errorsPerLabel[0] += err;
    }
    for (uint32_t i : s.decoy)
    {
        const bool err = disclosed.Get(pos++) != bool(m_frame.ownBit[i]);
        ++fs.disclosedPerLabel[m_frame.label[i]];
        fs.errorsPerLabel[m_frame.label[i]] += err;
    }
    for (uint32_t i : s.chsh)
    {
        const bool eq = disclosed.Get(pos++) == bool(m_frame.ownBit[i]);
        ++fs.chshCount[m_frame.aliceSetting[i]][m_frame.bobSetting[i]];
        fs.chshEqual[m_frame.aliceSetting[i]][m_frame.bobSetting[i]] += eq;
    }
    // Accumulate.
    m_stats.pulses += fs.pulses;
    m_stats.detections += fs.detections;
    m_stats.siftedBits += fs.siftedBits;
    m_stats.keyCandidateBits += fs.keyCandidateBits;
    m_stats.sampleBits += fs.sampleBits;
    m_stats.sampleErrors += fs.sampleErrors;
    for (int b = 0; b < 3; ++b)
    {
        m_stats.sampleBitsPerBasis[b] += fs.sampleBitsPerBasis[b];
        m_stats.sampleErrorsPerBasis[b] += fs.sampleErrorsPerBasis[b];
        for (int c = 0; c < 3; ++c)
        {
            m_stats.chshCount[b][c] += fs.chshCount[b][c];
            m_stats.chshEqual[b][c] += fs.chshEqual[b][c];
        }
    }
    for (uint32_t l = 0; l < labels; ++l)
    {
        m_stats.pulsesPerLabel[l] += fs.pulsesPerLabel[l];
        m_stats.detectionsPerLabel[l] += fs.detectionsPerLabel[l];
        m_stats.disclosedPerLabel[l] += fs.disclosedPerLabel[l];
        m_stats.errorsPerLabel[l] += fs.errorsPerLabel[l];
    }
    if (m_link->GetProtocol() == QkdProtocol::E91)
    {
        auto corr = [this](int a, int b) {
            const double c = m_stats.chshCount[a][b];
            return c > 0 ? (2.0 * m_stats.chshEqual[a][b] - c) / c : 0.0;
        };
        m_stats.chshS = corr(0, 0) - corr(0, 2) + corr(2, 0) + corr(2, 2);
    }
    m_frame.qber = fs.GetQber();
    m_frame.sampleSize = fs.sampleBits;
    m_qberTrace(m_frame.id, m_frame.qber);
    m_siftedTrace(m_frame.id, fs.siftedBits);
    // Bob's key candidates.
    m_frame.key = QkdBitString(s.signalKey.size());
    for (size_t i = 0; i < s.signalKey.size(); ++i)
    {
        m_frame.key.Set(i, m_frame.ownBit[s.signalKey[i]]);
    }
    double fraction = 0;
    const bool estimated = Estimate(fs, m_frame.single, m_frame.singleFraction);
    fraction = m_frame.singleFraction;
    const double e1 = std::min(0.5, m_frame.single.errorRate);
    const bool noKey = !estimated || m_frame.key.GetSize() == 0
                       || fraction * (1 - QkdKeyRateCalculator::BinaryEntropy(e1))
                                  - QkdKeyRateCalculator::BinaryEntropy(std::min(0.5, m_frame.qber))
                              <= 0;
    const bool abort = noKey || m_frame.qber > m_qberThreshold;
    Writer w;
    w.U8(abort ? 1 : 0);
    w.Double(m_frame.qber);
    SendMessage(QkdSessionHeader::PE_RESULT, m_frame.id, w.b);
    if (abort)
    {
        FinishFrame(QkdBitString(), true);
        return;
    }
    const double qEst = std::min(0.45, std::max(m_frame.qber, 1e-3));
    m_cascade->Start(m_frame.key, qEst);
    BobCascadeStep();
}

void
QkdSession::OnPeResult(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const bool abort = r.U8();
    m_frame.qber = r.Double();
    if (abort)
    {
        FinishFrame(QkdBitString(), true);
        return;
    }
    m_responder->SetKey(m_frame.key);
}

void
QkdSession::BobCascadeStep()
{
    if (!m_cascade->IsFinished())
    {
        const CascadeParityRequest req = m_cascade->GetNextRequest();
        Writer w;
        w.U32(req.announcements.size());
        for (const auto& a : req.announcements)
        {
            w.U32(a.pass);
            w.U64(a.seed);
            w.U32(a.blockSize);
        }
        w.U32(req.queries.size());
        for (const auto& q : req.queries)
        {
            w.U32(q.pass);
            w.U32(q.begin);
            w.U32(q.end);
        }
        SendMessage(QkdSessionHeader::CASCADE_REQUEST, m_frame.id, w.b);
        return;
    }
    m_stats.leakedBits += m_cascade->GetLeakedBits();
    m_stats.correctedErrors += m_cascade->GetCorrectedErrors();
    m_stats.cascadeRounds += m_cascade->GetRounds();
    Writer w;
    w.U64(m_cascade->GetLeakedBits());
    SendMessage(QkdSessionHeader::EC_DONE, m_frame.id, w.b);
}

void
QkdSession::OnCascadeRequest(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    CascadeParityRequest req;
    const uint32_t na = r.U32();
    for (uint32_t i = 0; i < na; ++i)
    {
        CascadePassAnnouncement a;
        a.pass = r.U32();
        a.seed = r.U64();
        a.blockSize = r.U32();
        req.announcements.push_back(a);
    }
    const uint32_t nq = r.U32();
    for (uint32_t i = 0; i < nq; ++i)
    {
        CascadeParityQuery q;
        q.pass = r.U32();
        q.begin = r.U32();
        q.end = r.U32();
        req.queries.push_back(q);
    }
    const CascadeParityResponse resp = m_responder->Answer(req);
    Writer w;
    w.Packed(resp.parities, 1);
    SendMessage(QkdSessionHeader::CASCADE_RESPONSE, m_frame.id, w.b);
}

void
QkdSession::OnCascadeResponse(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const QkdBitString bits = r.Bits();
    CascadeParityResponse resp;
    resp.parities = bits.ToBits();
    m_cascade->ProcessResponse(resp);
    BobCascadeStep();
}

void
QkdSession::OnEcDone(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const uint64_t leaked = r.U64();
    NS_ABORT_MSG_IF(leaked != m_responder->GetDisclosedParities(),
                    "QkdSession: Bob reports " << leaked << " leaked bits, Alice disclosed "
                                               << m_responder->GetDisclosedParities());
    m_stats.leakedBits += leaked;
    const QkdBitString seed = m_verifier->GenerateSeed(m_frame.key.GetSize());
    const QkdBitString tag = m_verifier->ComputeTag(m_frame.key, seed);
    Writer w;
    w.Bits(seed);
    w.Bits(tag);
    SendMessage(QkdSessionHeader::VERIFY, m_frame.id, w.b);
}

uint64_t
QkdSession::FinalLength(uint64_t leaked) const
{
    const double n = m_frame.key.GetSize();
    const double t = m_verifier->GetTagLength();
    double l = 0;
    if (m_finiteKey)
    {
        const double epsCor = std::max(m_verifier->GetFailureProbability(), 1e-300);
        return QkdFiniteKeyAnalysis::SecretKeyBits(n,
                                                   std::max<double>(1, m_frame.sampleSize),
                                                   std::min(0.5, m_frame.qber),
                                                   leaked,
                                                   m_epsSec,
                                                   std::min(0.999, epsCor));
    }
    const double e1 = std::min(0.5, m_frame.single.errorRate);
    l = n * m_frame.singleFraction * (1 - QkdKeyRateCalculator::BinaryEntropy(e1)) - leaked - t;
    return l > 0 ? static_cast<uint64_t>(std::floor(l)) : 0;
}

void
QkdSession::OnVerify(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const QkdBitString seed = r.Bits();
    const QkdBitString tag = r.Bits();
    const QkdBitString& corrected = m_cascade->GetKey();
    const bool ok = m_verifier->Verify(corrected, seed, tag);
    if (!ok)
    {
        ++m_stats.verifyFailures;
    }
    const uint64_t l = ok ? FinalLength(m_cascade->GetLeakedBits()) : 0;
    Writer w;
    w.U64(l);
    QkdBitString finalKey;
    if (l > 0)
    {
        const QkdBitString paSeed
            = QkdBitString::Random(ToeplitzHasher::GetSeedLength(corrected.GetSize(), l),
                                   m_uniform);
        w.Bits(paSeed);
        finalKey = ToeplitzHasher::Hash(corrected, l, paSeed);
    }
    SendMessage(QkdSessionHeader::PRIVACY, m_frame.id, w.b);
    FinishFrame(finalKey, false);
}

void
QkdSession::OnPrivacy(const std::vector<uint8_t>& payload)
{
    Reader r{payload, 0};
    const uint64_t l = r.U64();
    QkdBitString finalKey;
    if (l > 0)
    {
        const QkdBitString seed = r.Bits();
        finalKey = ToeplitzHasher::Hash(m_frame.key, l, seed);
    }
    FinishFrame(finalKey, false);
}

void
QkdSession::FinishFrame(const QkdBitString& finalKey, bool aborted)
{
    ++m_stats.frames;
    if (aborted)
    {
        ++m_stats.abortedFrames;
        m_abortTrace(m_frame.id, m_frame.qber);
    }
    m_stats.privacyAmplifiedBits += finalKey.GetSize();
    // Refill the authentication pools with what this frame's messages used.
    const uint64_t t = m_authOut->GetTagLength();
    uint64_t pos = 0;
    if (!aborted && finalKey.GetSize() > 0)
    {
        const uint64_t ab = std::min<uint64_t>(m_frame.messagesAliceToBob * t, finalKey.GetSize());
        m_poolAliceToBob->Add(finalKey.Slice(0, ab));
        pos = ab;
        const uint64_t ba
            = std::min<uint64_t>(m_frame.messagesBobToAlice * t, finalKey.GetSize() - pos);
        m_poolBobToAlice->Add(finalKey.Slice(pos, pos + ba));
        pos += ba;
    }
    const uint64_t delivered = finalKey.GetSize() - pos;
    m_secretBitsTrace(m_frame.id, delivered);
    if (delivered > 0)
    {
        m_stats.secretKeyBits += delivered;
        m_stats.lastKeyTime = Simulator::Now();
        const uint32_t aliceId = m_link->GetAliceNode() ? m_link->GetAliceNode()->GetId() : 0;
        const uint32_t bobId = m_link->GetBobNode() ? m_link->GetBobNode()->GetId() : 0;
        m_secretKeyTrace(finalKey.Slice(pos, finalKey.GetSize()), m_frame.id, aliceId, bobId);
    }
    m_busy = false;
    m_frame.key = QkdBitString();
    if (m_role == BOB)
    {
        Simulator::ScheduleNow(&QkdSession::BobNext, this);
    }
}

} // namespace ns3
