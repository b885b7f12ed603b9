/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "entanglement-purifier.h"

#include "kraus-channel.h"
#include "quantum-memory.h"
#include "quantum-processor.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EntanglementPurifier");
NS_OBJECT_ENSURE_REGISTERED(EntanglementPurifier);

TypeId
EntanglementPurifier::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EntanglementPurifier")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<EntanglementPurifier>()
              .AddTraceSource("PurificationStep",
                              "A purification step was executed: whether the true "
                              "outcomes agreed, variant (0 BBPSSW, 1 DEJMPS).",
                              MakeTraceSourceAccessor(&EntanglementPurifier::m_stepTrace),
                              "ns3::EntanglementPurifier::StepTracedCallback");
    return tid;
}

EntanglementPurifier::EntanglementPurifier()
{
}

EntanglementPurifier::~EntanglementPurifier() = default;

void
EntanglementPurifier::DoDispose()
{
    m_sessions.clear();
    m_rng.Dispose();
    Object::DoDispose();
}

int64_t
EntanglementPurifier::AssignStreams(int64_t stream)
{
    return m_rng.AssignStreams(stream);
}

Time
EntanglementPurifier::GetLocalDuration(Ptr<QuantumProcessor> processor, PurificationVariant variant)
{
    if (!processor)
    {
        return Time(0);
    }
    Time d = processor->GetDuration(QuantumGate::Cnot()) + processor->GetMeasurementDuration();
    if (variant == PurificationVariant::DEJMPS)
    {
        d += processor->GetDuration(QuantumGate::Rx(M_PI / 2));
    }
    return d;
}

void
EntanglementPurifier::Submit(uint64_t session,
                             uint32_t side,
                             uint32_t nodeId,
                             Ptr<QuantumMemory> memory,
                             Ptr<QuantumProcessor> processor,
                             uint32_t keepSlot,
                             uint32_t sacSlot,
                             PurificationVariant variant,
                             uint32_t twirl,
                             OutcomeCallback done)
{
    NS_LOG_FUNCTION(this << session << side << keepSlot << sacSlot);
    NS_ABORT_MSG_IF(side > 1, "EntanglementPurifier::Submit: side " << side << " is not 0 or 1");
    NS_ABORT_MSG_IF(!memory || !memory->IsOccupied(keepSlot) || !memory->IsOccupied(sacSlot)
                        || keepSlot == sacSlot,
                    "EntanglementPurifier::Submit: slots " << keepSlot << " and " << sacSlot
                                                           << " must be two occupied slots");
    NS_ABORT_MSG_IF(twirl > 8,
                    "EntanglementPurifier::Submit: twirl choice "
                        << twirl << " is invalid; valid range 0..8");
    Session& s = m_sessions[session];
    Part& p = s.parts[side];
    NS_ABORT_MSG_IF(p.memory,
                    "EntanglementPurifier::Submit: side " << side << " of step " << session
                                                          << " submitted twice");
    p.nodeId = nodeId;
    p.memory = memory;
    p.processor = processor;
    p.keepSlot = keepSlot;
    p.sacSlot = sacSlot;
    p.done = done;
    s.variant = variant;
    if (side == 0)
    {
        s.twirl = twirl;
    }
    p.keepQubit = memory->Access(keepSlot);
    p.sacQubit = memory->Access(sacSlot);
    Simulator::Schedule(GetLocalDuration(processor, variant),
                        &EntanglementPurifier::LocalDone,
                        this,
                        session,
                        side);
}

void
EntanglementPurifier::LocalDone(uint64_t session, uint32_t side)
{
    auto it = m_sessions.find(session);
    NS_ASSERT(it != m_sessions.end());
    Session& s = it->second;
    Part& p = s.parts[side];
    // Decay up to the end of this side's local operation (a slot lost to a
    // memory cut-off meanwhile makes the step fail, see Execute).
    if (Holds(p, true))
    {
        p.memory->Access(p.keepSlot);
    }
    if (Holds(p, false))
    {
        p.memory->Access(p.sacSlot);
    }
    p.ready = true;
    if (s.parts[1 - side].ready)
    {
        Execute(s);
        m_sessions.erase(it);
    }
}

bool
EntanglementPurifier::Holds(const Part& p, bool keep)
{
    const uint32_t slot = keep ? p.keepSlot : p.sacSlot;
    const QubitHandle q = keep ? p.keepQubit : p.sacQubit;
    return p.memory->IsOccupied(slot) && p.memory->GetRegistry()->IsAlive(q)
           && p.memory->Access(slot) == q;
}

void
EntanglementPurifier::Execute(Session& s)
{
    Part& a = s.parts[0];
    Part& b = s.parts[1];
    if (!Holds(a, true) || !Holds(a, false) || !Holds(b, true) || !Holds(b, false))
    {
        // A half was lost to a memory cut-off: the step fails at both ends
        // (reported as disagreeing outcomes); what is left of the
        // sacrificed pair is discarded.
        m_stepTrace(false, s.variant == PurificationVariant::DEJMPS ? 1 : 0);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Part& p = s.parts[i];
            if (Holds(p, false))
            {
                p.memory->Release(p.sacSlot);
            }
            OutcomeCallback cb = p.done;
            const uint32_t v = i;
            if (!cb.IsNull())
            {
                Simulator::ScheduleWithContext(p.nodeId, Time(0), [cb, v]() {
                    cb(v);
                });
            }
        }
        return;
    }
    // Handles as the memories hold them; no further decay is applied here
    // (see the class documentation).
    const QubitHandle ka = a.memory->Access(a.keepSlot);
    const QubitHandle sa = a.memory->Access(a.sacSlot);
    const QubitHandle kb = b.memory->Access(b.keepSlot);
    const QubitHandle sb = b.memory->Access(b.sacSlot);
    Ptr<QuantumStateRegistry> reg = a.memory->GetRegistry();
    if (s.variant == PurificationVariant::BBPSSW && s.twirl != 0)
    {
        // Bilateral rotations U (x) U*: Bx = Rx(pi/2) (x) Rx(-pi/2), By = Ry(pi/2) (x) Ry(pi/2).
        auto twirlPair = [&reg](QubitHandle x, QubitHandle y, uint32_t k) {
            if (k == 0)
            {
                return;
            }
            const bool bd = reg->GetFormalism(x) == QuantumFormalism::BELL_DIAGONAL;
            auto bx = [&]() {
                reg->ApplyGate(QuantumGate::Rx(M_PI / 2), {x});
                reg->ApplyGate(QuantumGate::Rx(-M_PI / 2), {y});
            };
            auto by = [&]() {
                reg->ApplyGate(QuantumGate::Ry(M_PI / 2), {x});
                reg->ApplyGate(QuantumGate::Ry(M_PI / 2), {y});
            };
            if (k == 1)
            {
                bx();
                by();
            }
            else
            {
                by();
                bx();
            }
            if (bd)
            {
                reg->Convert(x, QuantumFormalism::BELL_DIAGONAL);
            }
        };
        twirlPair(ka, kb, s.twirl % 3);
        twirlPair(sa, sb, s.twirl / 3);
    }
    const double pa = a.processor ? a.processor->GetDepolarizing(QuantumGate::Cnot()) : 0.0;
    const double pb = b.processor ? b.processor->GetDepolarizing(QuantumGate::Cnot()) : 0.0;
    if (pa > 0)
    {
        reg->ApplyChannel(KrausChannel::Depolarizing(pa, 2), {ka, sa});
    }
    if (pb > 0)
    {
        reg->ApplyChannel(KrausChannel::Depolarizing(pb, 2), {kb, sb});
    }
    const PurificationOutcome o = reg->Purify(ka, kb, sa, sb, s.variant);
    m_stepTrace(o.outcomeA == o.outcomeB, s.variant == PurificationVariant::DEJMPS ? 1 : 0);
    uint32_t out[2] = {o.outcomeA, o.outcomeB};
    for (uint32_t i = 0; i < 2; ++i)
    {
        Part& p = s.parts[i];
        const double e = p.processor ? p.processor->GetMeasurementError() : 0.0;
        if (e > 0 && m_rng.GetValue() < e)
        {
            out[i] ^= 1;
        }
        p.memory->Release(p.sacSlot); // consumed by the measurement
    }
    for (uint32_t i = 0; i < 2; ++i)
    {
        Part& p = s.parts[i];
        if (!p.done.IsNull())
        {
            OutcomeCallback cb = p.done;
            const uint32_t v = out[i];
            Simulator::ScheduleWithContext(p.nodeId, Time(0), [cb, v]() {
                cb(v);
            });
        }
    }
}

} // namespace ns3
