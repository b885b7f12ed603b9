/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-processor.h"

#include "kraus-channel.h"
#include "quantum-memory.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumProcessor");

NS_OBJECT_ENSURE_REGISTERED(QuantumProcessor);

namespace
{
const char* const MEASURE_NAME = "MEASURE"; //!< instruction name of measurements
} // namespace

TypeId
QuantumProcessor::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumProcessor")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumProcessor>()
              .AddAttribute("Memory",
                            "The memory whose slots the instructions use; the QuantumMemory "
                            "aggregated to the same node if unset.",
                            PointerValue(),
                            MakePointerAccessor(&QuantumProcessor::m_memory),
                            MakePointerChecker<QuantumMemory>())
              .AddAttribute("SingleQubitGateDuration",
                            "Duration of a one-qubit gate.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumProcessor::m_oneQubitDuration),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TwoQubitGateDuration",
                            "Duration of a gate on two (or more) qubits.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumProcessor::m_twoQubitDuration),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MeasurementDuration",
                            "Duration of a measurement.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumProcessor::m_measurementDuration),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("SingleQubitGateDepolarizing",
                            "Depolarizing probability p applied after a one-qubit gate: "
                            "rho -> (1-p) rho + p I/2.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumProcessor::m_oneQubitDepolarizing),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("TwoQubitGateDepolarizing",
                            "Depolarizing probability p applied after a two-qubit gate: "
                            "rho -> (1-p) rho + p I/4.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumProcessor::m_twoQubitDepolarizing),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("MeasurementError",
                            "Probability that a measurement reports the wrong outcome.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumProcessor::m_measurementError),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("ExecutionMode",
                            "Serial: one instruction at a time (FIFO); Parallel: instructions on "
                            "disjoint slots overlap.",
                            EnumValue(QuantumProcessor::SERIAL),
                            MakeEnumAccessor(&QuantumProcessor::m_mode),
                            MakeEnumChecker(QuantumProcessor::SERIAL,
                                            "Serial",
                                            QuantumProcessor::PARALLEL,
                                            "Parallel"))
              .AddTraceSource("InstructionStarted",
                              "An instruction started: name, duration.",
                              MakeTraceSourceAccessor(&QuantumProcessor::m_startedTrace),
                              "ns3::QuantumProcessor::InstructionTracedCallback")
              .AddTraceSource("InstructionCompleted",
                              "An instruction completed: name, duration.",
                              MakeTraceSourceAccessor(&QuantumProcessor::m_completedTrace),
                              "ns3::QuantumProcessor::InstructionTracedCallback");
    return tid;
}

QuantumProcessor::QuantumProcessor()
    : m_oneQubitDuration(Seconds(0))
    , m_twoQubitDuration(Seconds(0))
    , m_measurementDuration(Seconds(0))
    , m_oneQubitDepolarizing(0)
    , m_twoQubitDepolarizing(0)
    , m_measurementError(0)
    , m_mode(SERIAL)
    , m_nextId(1)
{
    NS_LOG_FUNCTION(this);
}

QuantumProcessor::~QuantumProcessor()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumProcessor::DoDispose()
{
    for (auto& r : m_running)
    {
        r.second.event.Cancel();
    }
    m_running.clear();
    m_queue.clear();
    m_busySlots.clear();
    m_memory = nullptr;
    m_rng.Dispose();
    Object::DoDispose();
}

void
QuantumProcessor::SetMemory(Ptr<QuantumMemory> memory)
{
    m_memory = memory;
}

Ptr<QuantumMemory>
QuantumProcessor::GetMemory() const
{
    if (m_memory)
    {
        return m_memory;
    }
    Ptr<QuantumMemory> m = GetObject<QuantumMemory>();
    NS_ABORT_MSG_IF(!m,
                    "QuantumProcessor: no memory; set the Memory attribute or aggregate a "
                    "QuantumMemory to the same node");
    return m;
}

void
QuantumProcessor::SetInstruction(const std::string& name, Time duration, double noise)
{
    NS_ABORT_MSG_IF(name.empty(), "QuantumProcessor::SetInstruction: empty instruction name");
    NS_ABORT_MSG_IF(duration.IsStrictlyNegative(),
                    "QuantumProcessor::SetInstruction: duration of '"
                        << name << "' is " << duration.As(Time::S) << "; it must be >= 0");
    NS_ABORT_MSG_IF(!(noise >= 0 && noise <= 1),
                    "QuantumProcessor::SetInstruction: noise probability of '"
                        << name << "' is " << noise << "; it must be in [0, 1]");
    m_overrides[name] = InstructionSpec{duration, noise};
}

void
QuantumProcessor::ClearInstructions()
{
    m_overrides.clear();
}

QuantumProcessor::InstructionSpec
QuantumProcessor::LookUp(const std::string& name, bool& found) const
{
    auto it = m_overrides.find(name);
    if (it == m_overrides.end())
    {
        const size_t paren = name.find('(');
        if (paren != std::string::npos)
        {
            it = m_overrides.find(name.substr(0, paren));
        }
    }
    found = it != m_overrides.end();
    return found ? it->second : InstructionSpec{Seconds(0), 0};
}

Time
QuantumProcessor::GetDuration(const QuantumGate& gate) const
{
    bool found;
    const InstructionSpec spec = LookUp(gate.GetName(), found);
    if (found)
    {
        return spec.duration;
    }
    return gate.GetNumQubits() == 1 ? m_oneQubitDuration : m_twoQubitDuration;
}

double
QuantumProcessor::GetDepolarizing(const QuantumGate& gate) const
{
    bool found;
    const InstructionSpec spec = LookUp(gate.GetName(), found);
    if (found)
    {
        return spec.noise;
    }
    return gate.GetNumQubits() == 1 ? m_oneQubitDepolarizing : m_twoQubitDepolarizing;
}

Time
QuantumProcessor::GetMeasurementDuration() const
{
    bool found;
    const InstructionSpec spec = LookUp(MEASURE_NAME, found);
    return found ? spec.duration : m_measurementDuration;
}

double
QuantumProcessor::GetMeasurementError() const
{
    bool found;
    const InstructionSpec spec = LookUp(MEASURE_NAME, found);
    return found ? spec.noise : m_measurementError;
}

void
QuantumProcessor::CheckSlots(const char* what, const std::vector<uint32_t>& slots) const
{
    Ptr<QuantumMemory> mem = GetMemory();
    for (size_t i = 0; i < slots.size(); ++i)
    {
        NS_ABORT_MSG_IF(slots[i] >= mem->GetNumSlots(),
                        "QuantumProcessor::" << what << ": slot " << slots[i]
                                             << " does not exist (the memory has "
                                             << mem->GetNumSlots() << " slots)");
        NS_ABORT_MSG_IF(!mem->IsOccupied(slots[i]),
                        "QuantumProcessor::" << what << ": slot " << slots[i] << " holds no qubit");
        for (size_t j = 0; j < i; ++j)
        {
            NS_ABORT_MSG_IF(slots[i] == slots[j],
                            "QuantumProcessor::" << what << ": slot " << slots[i]
                                                 << " is named twice; targets must differ");
        }
    }
}

void
QuantumProcessor::Execute(const QuantumGate& gate, std::vector<uint32_t> slots, Callback<void> done)
{
    NS_LOG_FUNCTION(this << gate.GetName());
    NS_ABORT_MSG_IF(slots.size() != gate.GetNumQubits(),
                    "QuantumProcessor::Execute: gate " << gate.GetName() << " acts on "
                                                       << gate.GetNumQubits() << " qubit(s), but "
                                                       << slots.size() << " slot(s) were given");
    CheckSlots("Execute", slots);
    Instruction ins;
    ins.id = m_nextId++;
    ins.isMeasurement = false;
    ins.gate = gate;
    ins.slots = std::move(slots);
    ins.gateDone = done;
    ins.name = gate.GetName();
    ins.duration = GetDuration(gate);
    ins.noise = GetDepolarizing(gate);
    NS_ABORT_MSG_IF(ins.noise > 0 && gate.GetNumQubits() > 2,
                    "QuantumProcessor::Execute: gate "
                        << gate.GetName() << " acts on " << gate.GetNumQubits()
                        << " qubits; depolarizing noise is defined for 1 or 2 qubits only (set "
                           "its noise to 0 with SetInstruction)");
    m_queue.push_back(std::move(ins));
    StartQueued();
}

void
QuantumProcessor::Measure(uint32_t slot,
                          const MeasurementBasis& basis,
                          Callback<void, uint32_t> done)
{
    NS_LOG_FUNCTION(this << slot << basis.GetName());
    CheckSlots("Measure", {slot});
    Instruction ins;
    ins.id = m_nextId++;
    ins.isMeasurement = true;
    ins.basis = basis;
    ins.slots = {slot};
    ins.measureDone = done;
    ins.name = MEASURE_NAME;
    ins.duration = GetMeasurementDuration();
    ins.noise = GetMeasurementError();
    m_queue.push_back(std::move(ins));
    StartQueued();
}

bool
QuantumProcessor::CanStart(const Instruction& ins) const
{
    if (m_mode == SERIAL)
    {
        return m_running.empty();
    }
    for (uint32_t s : ins.slots)
    {
        if (m_busySlots.count(s) != 0)
        {
            return false;
        }
    }
    return true;
}

void
QuantumProcessor::StartQueued()
{
    if (m_mode == SERIAL)
    {
        if (m_running.empty() && !m_queue.empty())
        {
            Instruction ins = std::move(m_queue.front());
            m_queue.pop_front();
            Start(std::move(ins));
        }
        return;
    }
    // Parallel: start in FIFO order every instruction whose slots are neither
    // executing nor claimed by an earlier instruction still waiting.
    std::set<uint32_t> claimed;
    for (auto it = m_queue.begin(); it != m_queue.end();)
    {
        bool blocked = !CanStart(*it);
        for (uint32_t s : it->slots)
        {
            blocked = blocked || claimed.count(s) != 0;
        }
        if (blocked)
        {
            claimed.insert(it->slots.begin(), it->slots.end());
            ++it;
            continue;
        }
        Instruction ins = std::move(*it);
        it = m_queue.erase(it);
        Start(std::move(ins));
    }
}

void
QuantumProcessor::Start(Instruction ins)
{
    NS_LOG_FUNCTION(this << ins.name << ins.duration);
    Ptr<QuantumMemory> mem = GetMemory();
    for (uint32_t s : ins.slots)
    {
        NS_ABORT_MSG_IF(!mem->IsOccupied(s),
                        "QuantumProcessor: slot " << s << " was released before instruction "
                                                  << ins.name << " could start on it");
        ins.qubits.push_back(mem->Access(s));
        ++m_busySlots[s];
    }
    const uint64_t id = ins.id;
    ins.event = Simulator::Schedule(ins.duration, &QuantumProcessor::Complete, this, id);
    m_startedTrace(ins.name, ins.duration);
    m_running.emplace(id, std::move(ins));
}

void
QuantumProcessor::Complete(uint64_t id)
{
    auto it = m_running.find(id);
    NS_ASSERT(it != m_running.end());
    Instruction ins = std::move(it->second);
    m_running.erase(it);
    NS_LOG_FUNCTION(this << ins.name);
    Ptr<QuantumMemory> mem = GetMemory();
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    std::vector<QubitHandle> qubits;
    for (size_t i = 0; i < ins.slots.size(); ++i)
    {
        const uint32_t s = ins.slots[i];
        // Access() brings the slot's decay up to the end of the instruction.
        const bool intact = mem->IsOccupied(s) && mem->Access(s) == ins.qubits[i];
        NS_ABORT_MSG_IF(!intact,
                        "QuantumProcessor: slot "
                            << s << " was released (or its cut-off expired) while instruction "
                            << ins.name << " was executing on it");
        qubits.push_back(ins.qubits[i]);
        if (--m_busySlots[s] == 0)
        {
            m_busySlots.erase(s);
        }
    }
    uint32_t outcome = 0;
    if (ins.isMeasurement)
    {
        outcome = reg->Measure(qubits[0], ins.basis, false);
        if (ins.noise > 0 && m_rng.GetValue() < ins.noise)
        {
            outcome = 1 - outcome;
        }
    }
    else
    {
        reg->ApplyGate(ins.gate, qubits);
        if (ins.noise > 0)
        {
            reg->ApplyChannel(KrausChannel::Depolarizing(ins.noise, qubits.size()), qubits);
        }
    }
    m_completedTrace(ins.name, ins.duration);
    // Start what was waiting before running the callback, so that an
    // instruction issued from the callback queues behind older ones.
    StartQueued();
    if (ins.isMeasurement)
    {
        if (!ins.measureDone.IsNull())
        {
            ins.measureDone(outcome);
        }
    }
    else if (!ins.gateDone.IsNull())
    {
        ins.gateDone();
    }
}

bool
QuantumProcessor::IsBusy() const
{
    return !m_running.empty();
}

uint32_t
QuantumProcessor::GetQueueLength() const
{
    return m_queue.size();
}

int64_t
QuantumProcessor::AssignStreams(int64_t stream)
{
    return m_rng.AssignStreams(stream);
}

} // namespace ns3
