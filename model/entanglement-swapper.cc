/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "entanglement-swapper.h"

#include "kraus-channel.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EntanglementSwapper");
NS_OBJECT_ENSURE_REGISTERED(EntanglementSwapper);

TypeId
EntanglementSwapper::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EntanglementSwapper")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<EntanglementSwapper>()
              .AddAttribute("SuccessProbability",
                            "Probability that a Bell-state measurement succeeds (linear optics: "
                            "0.5); on failure both qubits are lost.  In (0, 1].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&EntanglementSwapper::m_successProbability),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddTraceSource("BellMeasurement",
                              "A Bell-state measurement completed: success, outcome.",
                              MakeTraceSourceAccessor(&EntanglementSwapper::m_swapTrace),
                              "ns3::EntanglementSwapper::SwapTracedCallback");
    return tid;
}

EntanglementSwapper::EntanglementSwapper()
    : m_successProbability(1.0)
{
}

EntanglementSwapper::~EntanglementSwapper() = default;

void
EntanglementSwapper::DoDispose()
{
    m_memory = nullptr;
    m_processor = nullptr;
    m_rng.Dispose();
    Object::DoDispose();
}

void
EntanglementSwapper::SetDevices(Ptr<QuantumMemory> memory, Ptr<QuantumProcessor> processor)
{
    NS_ABORT_MSG_IF(!memory, "EntanglementSwapper::SetDevices: null memory");
    m_memory = memory;
    m_processor = processor;
}

int64_t
EntanglementSwapper::AssignStreams(int64_t stream)
{
    return m_rng.AssignStreams(stream);
}

double
EntanglementSwapper::GetSuccessProbability() const
{
    return m_successProbability;
}

Time
EntanglementSwapper::GetDuration() const
{
    if (!m_processor)
    {
        return Time(0);
    }
    return m_processor->GetDuration(QuantumGate::Cnot())
           + m_processor->GetDuration(QuantumGate::Hadamard())
           + m_processor->GetMeasurementDuration();
}

void
EntanglementSwapper::MeasureBell(uint32_t slotA, uint32_t slotB, DoneCallback done)
{
    NS_LOG_FUNCTION(this << slotA << slotB);
    NS_ABORT_MSG_IF(!m_memory, "EntanglementSwapper::MeasureBell: no memory (call SetDevices)");
    NS_ABORT_MSG_IF(m_successProbability <= 0.0,
                    "EntanglementSwapper: attribute SuccessProbability = "
                        << m_successProbability << " is invalid; valid range (0, 1]");
    NS_ABORT_MSG_IF(slotA == slotB,
                    "EntanglementSwapper::MeasureBell: the two slots must differ (both " << slotA
                                                                                         << ")");
    NS_ABORT_MSG_IF(!m_memory->IsOccupied(slotA) || !m_memory->IsOccupied(slotB),
                    "EntanglementSwapper::MeasureBell: slots " << slotA << " and " << slotB
                                                               << " must both hold a qubit");
    // Bring the decay up to the start (the processor does the same).
    const QubitHandle qa = m_memory->Access(slotA);
    const QubitHandle qb = m_memory->Access(slotB);
    Simulator::Schedule(GetDuration(),
                        &EntanglementSwapper::Complete,
                        this,
                        slotA,
                        slotB,
                        qa,
                        qb,
                        done);
}

void
EntanglementSwapper::Complete(uint32_t slotA,
                              uint32_t slotB,
                              QubitHandle qa,
                              QubitHandle qb,
                              DoneCallback done)
{
    NS_LOG_FUNCTION(this << slotA << slotB);
    Ptr<QuantumStateRegistry> reg = m_memory->GetRegistry();
    auto holds = [&](uint32_t slot, QubitHandle q) {
        return m_memory->IsOccupied(slot) && reg->IsAlive(q) && m_memory->Access(slot) == q;
    };
    const bool holdsA = holds(slotA, qa);
    const bool holdsB = holds(slotB, qb);
    bool success = true;
    BellState outcome = BellState::PHI_PLUS;
    if (!holdsA || !holdsB)
    {
        // A qubit was lost during the measurement (memory cut-off): it fails.
        if (holdsA)
        {
            m_memory->Release(slotA);
        }
        if (holdsB)
        {
            m_memory->Release(slotB);
        }
        m_swapTrace(false, outcome);
        if (!done.IsNull())
        {
            done(false, outcome);
        }
        return;
    }
    const QubitHandle a = qa;
    const QubitHandle b = qb;
    if (m_successProbability < 1.0 && m_rng.GetValue() >= m_successProbability)
    {
        success = false;
    }
    else
    {
        if (m_processor)
        {
            const double p2 = m_processor->GetDepolarizing(QuantumGate::Cnot());
            const double p1 = m_processor->GetDepolarizing(QuantumGate::Hadamard());
            const double e = m_processor->GetMeasurementError();
            if (p2 > 0)
            {
                reg->ApplyChannel(KrausChannel::Depolarizing(p2, 1), {a});
            }
            if (p1 > 0)
            {
                reg->ApplyChannel(KrausChannel::Dephasing(p1 / 2), {a});
            }
            if (e > 0)
            {
                reg->ApplyChannel(KrausChannel::Dephasing(e), {a});
                reg->ApplyChannel(KrausChannel::BitFlip(e), {b});
            }
        }
        outcome = reg->MeasureBell(a, b);
    }
    // A failed linear-optics measurement loses both photons: the qubits are
    // discarded by Release.  A successful one consumed them.
    m_memory->Release(slotA);
    m_memory->Release(slotB);
    m_swapTrace(success, outcome);
    if (!done.IsNull())
    {
        done(success, outcome);
    }
}

} // namespace ns3
