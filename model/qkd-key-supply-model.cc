/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-supply-model.h"

#include "qkd-bit-string.h"
#include "qkd-key-manager.h"
#include "qkd-key-rate-calculator.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QkdKeySupplyModel");

NS_OBJECT_ENSURE_REGISTERED(QkdKeySupplyModel);

TypeId
QkdKeySupplyModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QkdKeySupplyModel")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QkdKeySupplyModel>()
              .AddAttribute("SecretKeyRateBps",
                            "Secret-key rate of the link in bits per second (e.g. from "
                            "DecoyBb84RateBps).",
                            DoubleValue(1000.0),
                            MakeDoubleAccessor(&QkdKeySupplyModel::m_rateBps),
                            MakeDoubleChecker<double>(1e-6, 1e12))
              .AddAttribute("BlockBits",
                            "Size of the key blocks delivered (a post-processing block).",
                            UintegerValue(8192),
                            MakeUintegerAccessor(&QkdKeySupplyModel::m_blockBits),
                            MakeUintegerChecker<uint32_t>(1, 1u << 24))
              .AddTraceSource("BlockSupplied",
                              "A key block was delivered to both ends.",
                              MakeTraceSourceAccessor(&QkdKeySupplyModel::m_suppliedTrace),
                              "ns3::QkdKeySupplyModel::BlockTracedCallback");
    return tid;
}

QkdKeySupplyModel::QkdKeySupplyModel()
    : m_rateBps(1000.0)
    , m_blockBits(8192)
    , m_nextId(1)
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

QkdKeySupplyModel::~QkdKeySupplyModel()
{
    NS_LOG_FUNCTION(this);
}

void
QkdKeySupplyModel::DoDispose()
{
    m_event.Cancel();
    m_a = nullptr;
    m_b = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

double
QkdKeySupplyModel::DecoyBb84RateBps(double lengthKm,
                                    double attenuationDbPerKm,
                                    double detectorEfficiency,
                                    double y0,
                                    double misalignment,
                                    double mu,
                                    double f,
                                    double pulseRateHz)
{
    NS_ABORT_MSG_IF(detectorEfficiency <= 0 || detectorEfficiency > 1,
                    "QkdKeySupplyModel::DecoyBb84RateBps: detectorEfficiency = "
                        << detectorEfficiency << " must be in (0, 1]");
    NS_ABORT_MSG_IF(y0 < 0 || y0 >= 1,
                    "QkdKeySupplyModel::DecoyBb84RateBps: y0 = " << y0 << " must be in [0, 1)");
    NS_ABORT_MSG_IF(mu <= 0, "QkdKeySupplyModel::DecoyBb84RateBps: mu = " << mu << " must be > 0");
    NS_ABORT_MSG_IF(pulseRateHz <= 0,
                    "QkdKeySupplyModel::DecoyBb84RateBps: pulseRateHz = " << pulseRateHz
                                                                          << " must be > 0");
    const double eta = QkdKeyRateCalculator::FibreTransmittance(lengthKm, attenuationDbPerKm)
                       * detectorEfficiency;
    const double gain = QkdKeyRateCalculator::ExpectedGain(mu, eta, y0);
    const double qber = QkdKeyRateCalculator::ExpectedQber(mu, eta, y0, misalignment);
    const QkdSinglePhotonEstimate single
        = QkdKeyRateCalculator::InfiniteDecoyValues(mu, eta, y0, misalignment);
    return pulseRateHz * QkdKeyRateCalculator::KeyRate(0.5, gain, qber, f, single);
}

void
QkdKeySupplyModel::SetLink(Ptr<QkdKeyManager> a, Ptr<QkdKeyManager> b)
{
    NS_ABORT_MSG_IF(!a || !b, "QkdKeySupplyModel::SetLink: null key manager");
    NS_ABORT_MSG_IF(!a->HasLink(b->GetNodeId()) || !b->HasLink(a->GetNodeId()),
                    "QkdKeySupplyModel::SetLink: no QKD link between nodes "
                        << a->GetNodeId() << " and " << b->GetNodeId());
    m_a = a;
    m_b = b;
}

void
QkdKeySupplyModel::Start()
{
    NS_ABORT_MSG_IF(!m_a, "QkdKeySupplyModel::Start: SetLink() was not called");
    m_event.Cancel();
    m_event
        = Simulator::Schedule(Seconds(m_blockBits / m_rateBps), &QkdKeySupplyModel::Supply, this);
}

void
QkdKeySupplyModel::Stop()
{
    m_event.Cancel();
}

int64_t
QkdKeySupplyModel::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint64_t
QkdKeySupplyModel::GetBlocksSupplied() const
{
    return m_nextId - 1;
}

void
QkdKeySupplyModel::Supply()
{
    const uint64_t id = m_nextId++;
    const QkdBitString bits = QkdBitString::Random(m_blockBits, m_rng);
    // Both ends get the block at this instant; each in its own node's context.
    Simulator::ScheduleWithContext(m_a->GetNodeId(),
                                   Seconds(0),
                                   [a = m_a, peer = m_b->GetNodeId(), id, bits]() {
                                       a->AddLinkKey(peer, id, bits);
                                   });
    Simulator::ScheduleWithContext(m_b->GetNodeId(),
                                   Seconds(0),
                                   [b = m_b, peer = m_a->GetNodeId(), id, bits]() {
                                       b->AddLinkKey(peer, id, bits);
                                   });
    m_suppliedTrace(id, m_blockBits);
    m_event
        = Simulator::Schedule(Seconds(m_blockBits / m_rateBps), &QkdKeySupplyModel::Supply, this);
}

} // namespace ns3
