/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ghz-fusion-controller.h"

#include "bell-state.h"
#include "quantum-gate.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GhzFusionController");
NS_OBJECT_ENSURE_REGISTERED(GhzFusionController);

TypeId
GhzFusionController::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::GhzFusionController")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<GhzFusionController>()
              .AddAttribute("NumRounds",
                            "GHZ states to make (rounds), at least 1",
                            UintegerValue(1),
                            MakeUintegerAccessor(&GhzFusionController::m_numRounds),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("GhzCreated",
                              "A round ended with a fused GHZ state (ground truth included)",
                              MakeTraceSourceAccessor(&GhzFusionController::m_ghzTrace),
                              "ns3::GhzFusionController::GhzTracedCallback");
    return tid;
}

GhzFusionController::GhzFusionController()
    : m_numRounds(1)
    , m_roundsDone(0)
{
    NS_LOG_FUNCTION(this);
    for (uint32_t l = 0; l < 2; ++l)
    {
        for (uint32_t e = 0; e < 2; ++e)
        {
            m_slots[l][e] = -1;
            m_got[l][e] = false;
        }
    }
}

GhzFusionController::~GhzFusionController()
{
    NS_LOG_FUNCTION(this);
}

void
GhzFusionController::DoDispose()
{
    for (uint32_t l = 0; l < 2; ++l)
    {
        for (uint32_t e = 0; e < 2; ++e)
        {
            m_ends[l][e] = nullptr;
            m_memories[l][e] = nullptr;
        }
    }
    m_processor = nullptr;
    Object::DoDispose();
}

void
GhzFusionController::Setup(Ptr<QuantumLinkLayer> aliceEnd,
                           Ptr<QuantumLinkLayer> bobEnd1,
                           Ptr<QuantumLinkLayer> bobEnd2,
                           Ptr<QuantumLinkLayer> charlieEnd,
                           Ptr<QuantumProcessor> bobProcessor)
{
    NS_ABORT_MSG_IF(!aliceEnd || !bobEnd1 || !bobEnd2 || !charlieEnd,
                    "GhzFusionController::Setup: all four link ends are needed");
    NS_ABORT_MSG_IF(!bobProcessor, "GhzFusionController::Setup: Bob's processor is needed");
    NS_ABORT_MSG_IF(bobEnd1->GetNode() != bobEnd2->GetNode(),
                    "GhzFusionController::Setup: Bob's two link ends are on different nodes ("
                        << bobEnd1->GetNode()->GetId() << " and " << bobEnd2->GetNode()->GetId()
                        << ")");
    NS_ABORT_MSG_IF(bobEnd1->GetRemoteNodeId() != aliceEnd->GetNode()->GetId()
                        || bobEnd2->GetRemoteNodeId() != charlieEnd->GetNode()->GetId(),
                    "GhzFusionController::Setup: the link ends do not form Alice-Bob-Charlie");
    m_ends[0][0] = aliceEnd;
    m_ends[0][1] = bobEnd1;
    m_ends[1][1] = bobEnd2;
    m_ends[1][0] = charlieEnd;
    m_processor = bobProcessor;
    for (uint32_t l = 0; l < 2; ++l)
    {
        for (uint32_t e = 0; e < 2; ++e)
        {
            m_memories[l][e] = m_ends[l][e]->GetMemory();
            NS_ABORT_MSG_IF(!m_memories[l][e],
                            "GhzFusionController::Setup: a link end has no QuantumMemory");
            m_ends[l][e]->SetOkCallback(MakeCallback(&GhzFusionController::OnOk, this).Bind(l, e));
        }
    }
    NS_ABORT_MSG_IF(m_memories[0][1] != m_memories[1][1],
                    "GhzFusionController::Setup: Bob's link ends use different memories");
}

void
GhzFusionController::Start()
{
    NS_ABORT_MSG_IF(!m_processor, "GhzFusionController::Start: call Setup first");
    Simulator::ScheduleWithContext(m_ends[0][1]->GetNode()->GetId(),
                                   Time(0),
                                   &GhzFusionController::StartRound,
                                   this);
}

uint32_t
GhzFusionController::GetRoundsDone() const
{
    return m_roundsDone;
}

void
GhzFusionController::StartRound()
{
    NS_LOG_FUNCTION(this << m_roundsDone);
    m_record = GhzFusionRecord();
    m_record.round = m_roundsDone;
    m_record.roundStart = Simulator::Now();
    for (uint32_t l = 0; l < 2; ++l)
    {
        for (uint32_t e = 0; e < 2; ++e)
        {
            m_got[l][e] = false;
            m_slots[l][e] = -1;
        }
    }
    EntanglementRequest req;
    req.remoteNodeId = m_ends[0][0]->GetNode()->GetId();
    req.numPairs = 1;
    m_ends[0][1]->Create(req);
}

void
GhzFusionController::OnOk(uint32_t link, uint32_t end, const EntanglementPair& pair)
{
    NS_LOG_FUNCTION(this << link << end << pair.pairId);
    NS_ABORT_MSG_IF(pair.memorySlot < 0,
                    "GhzFusionController: link " << link << " delivered without a memory slot");
    m_slots[link][end] = pair.memorySlot;
    m_got[link][end] = true;
    if (link == 0)
    {
        m_record.label1 = pair.bellState;
        m_record.link1Herald = pair.creationTime;
    }
    else
    {
        m_record.label2 = pair.bellState;
        m_record.link2Herald = pair.creationTime;
    }
    if (m_got[link][0] && m_got[link][1])
    {
        OnLinkReady(link);
    }
}

void
GhzFusionController::OnLinkReady(uint32_t link)
{
    // Ground truth of the fresh pair, for the record.  The first qubit is the
    // end other than Bob for link 0 (Alice, Bob 1), Bob's for link 1 (Bob 2, Charlie).
    const uint32_t first = link == 0 ? 0 : 1;
    const uint32_t second = 1 - first;
    Ptr<QuantumStateRegistry> reg = m_memories[link][first]->GetRegistry();
    const std::vector<QubitHandle> q = {m_memories[link][first]->Access(m_slots[link][first]),
                                        m_memories[link][second]->Access(m_slots[link][second])};
    const BellState label = link == 0 ? m_record.label1 : m_record.label2;
    const double f = reg->GetFidelity(q, BellStateVector(label));
    const uint32_t bob = m_ends[0][1]->GetNode()->GetId();
    if (link == 0)
    {
        m_record.link1Time = Simulator::Now();
        m_record.link1State = reg->GetDensityMatrix(q);
        m_record.link1Fidelity = f;
        EntanglementRequest req;
        req.remoteNodeId = m_ends[1][0]->GetNode()->GetId();
        req.numPairs = 1;
        Simulator::ScheduleWithContext(bob, Time(0), &QuantumLinkLayer::Create, m_ends[1][1], req);
    }
    else
    {
        m_record.link2Time = Simulator::Now();
        m_record.link2State = reg->GetDensityMatrix(q);
        m_record.link2Fidelity = f;
        std::vector<uint32_t> slots
            = {static_cast<uint32_t>(m_slots[0][1]), static_cast<uint32_t>(m_slots[1][1])};
        Simulator::ScheduleWithContext(bob,
                                       Time(0),
                                       &QuantumProcessor::Execute,
                                       m_processor,
                                       QuantumGate::Cnot(),
                                       slots,
                                       MakeCallback(&GhzFusionController::OnFused, this));
    }
}

void
GhzFusionController::OnFused()
{
    Ptr<QuantumMemory> bob = m_memories[0][1];
    const uint32_t m = bob->Read(m_slots[1][1]);
    m_record.outcome = m;
    m_record.fusionTime = Simulator::Now();
    const std::vector<QubitHandle> q = {m_memories[0][0]->Access(m_slots[0][0]),
                                        bob->Access(m_slots[0][1]),
                                        m_memories[1][0]->Access(m_slots[1][0])};
    m_record.ghzFidelity
        = bob->GetRegistry()->GetFidelity(q, FusionReference(m_record.label1, m_record.label2, m));
    NS_LOG_INFO("GHZ round " << m_roundsDone << " fidelity " << m_record.ghzFidelity);
    m_memories[0][0]->Release(m_slots[0][0]);
    bob->Release(m_slots[0][1]);
    m_memories[1][0]->Release(m_slots[1][0]);
    ++m_roundsDone;
    m_ghzTrace(m_record);
    if (m_roundsDone < m_numRounds)
    {
        Simulator::ScheduleWithContext(m_ends[0][1]->GetNode()->GetId(),
                                       Time(0),
                                       &GhzFusionController::StartRound,
                                       this);
    }
}

QVector
GhzFusionController::FusionReference(BellState l1, BellState l2, uint32_t m)
{
    NS_ABORT_MSG_IF(m > 1,
                    "GhzFusionController::FusionReference: outcome " << m
                                                                     << " is invalid (0 or 1)");
    const QVector b1 = BellStateVector(l1);
    const QVector b2 = BellStateVector(l2);
    QVector out = QVector::Zero(8);
    for (uint32_t a = 0; a < 2; ++a)
    {
        for (uint32_t x = 0; x < 2; ++x) // Bob 1
        {
            for (uint32_t y = 0; y < 2; ++y) // Bob 2 before the CNOT
            {
                for (uint32_t c = 0; c < 2; ++c)
                {
                    if ((y ^ x) != m)
                    {
                        continue; // Bob 2 after the CNOT is y ^ x
                    }
                    out(4 * a + 2 * x + c) += b1(2 * a + x) * b2(2 * y + c);
                }
            }
        }
    }
    return out / out.norm();
}

} // namespace ns3
