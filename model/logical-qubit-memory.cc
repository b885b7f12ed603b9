/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "logical-qubit-memory.h"

#include "kraus-channel.h"
#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LogicalQubitMemory");

NS_OBJECT_ENSURE_REGISTERED(LogicalQubitMemory);

namespace
{
/**
 * @param v a mask
 * @return its parity
 */
uint32_t
Parity(uint32_t v)
{
    return static_cast<uint32_t>(std::bitset<32>(v).count() & 1);
}
} // namespace

TypeId
LogicalQubitMemory::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::LogicalQubitMemory")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<LogicalQubitMemory>()
              .AddAttribute("Code",
                            "The built-in code: BitFlip3 (3-qubit repetition) or Steane7 "
                            "([[7,1,3]]).  SetCode() takes any CSS code.",
                            StringValue("Steane7"),
                            MakeStringAccessor(&LogicalQubitMemory::SetCodeName,
                                               &LogicalQubitMemory::GetCodeName),
                            MakeStringChecker())
              .AddAttribute("Processor",
                            "The processor that runs the circuits; its memory holds the qubits.",
                            PointerValue(),
                            MakePointerAccessor(&LogicalQubitMemory::m_processor),
                            MakePointerChecker<QuantumProcessor>())
              .AddAttribute("RoundInterval",
                            "Idle storage time before each syndrome extraction round.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&LogicalQubitMemory::m_roundInterval),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("PhysicalT1",
                            "T1 of a data qubit, applied as its Pauli twirl (0 = infinite).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&LogicalQubitMemory::m_t1),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("PhysicalT2",
                            "T2 of a data qubit, applied as its Pauli twirl; must not exceed "
                            "2 PhysicalT1.  0 means no pure dephasing: T2 = 2 T1 (infinite when "
                            "T1 is).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&LogicalQubitMemory::m_t2),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("SyndromeMeasured",
                              "A syndrome round finished: round, syndrome bits, correction.",
                              MakeTraceSourceAccessor(&LogicalQubitMemory::m_syndromeTrace),
                              "ns3::LogicalQubitMemory::SyndromeTracedCallback")
              .AddTraceSource("LogicalReadout",
                              "The logical qubit was read out: basis, decoded outcome.",
                              MakeTraceSourceAccessor(&LogicalQubitMemory::m_readoutTrace),
                              "ns3::LogicalQubitMemory::ReadoutTracedCallback");
    return tid;
}

LogicalQubitMemory::LogicalQubitMemory()
    : m_roundInterval(Seconds(0))
    , m_t1(Seconds(0))
    , m_t2(Seconds(0))
    , m_encoded(false)
    , m_round(0)
    , m_roundsLeft(0)
    , m_syndrome(0)
    , m_bitsPending(0)
    , m_readoutX(false)
    , m_readoutBits(0)
{
    NS_LOG_FUNCTION(this);
}

LogicalQubitMemory::~LogicalQubitMemory()
{
    NS_LOG_FUNCTION(this);
}

void
LogicalQubitMemory::DoDispose()
{
    m_roundEvent.Cancel();
    m_processor = nullptr;
    m_roundsDone = Callback<void>();
    m_readoutDone = Callback<void, uint32_t>();
    Object::DoDispose();
}

void
LogicalQubitMemory::SetCodeName(std::string name)
{
    SetCode(StabilizerCode::FromName(name));
}

std::string
LogicalQubitMemory::GetCodeName() const
{
    return m_code ? m_code->GetName() : "";
}

void
LogicalQubitMemory::SetCode(const StabilizerCode& code)
{
    NS_LOG_FUNCTION(this << code.GetName());
    NS_ABORT_MSG_IF(m_encoded,
                    "LogicalQubitMemory::SetCode: a logical qubit is encoded; read it out or "
                    "release it before changing the code");
    NS_ABORT_MSG_IF(!code.IsCss(),
                    "LogicalQubitMemory::SetCode: code '" << code.GetName()
                                                          << "' is not CSS; the memory needs a "
                                                             "CSS code");
    m_code = std::make_unique<StabilizerCode>(code);
    m_circuit = std::make_unique<StabilizerCodeCircuit>(code);
    m_decoder = std::make_unique<SyndromeLookupDecoder>(code);
}

const StabilizerCode&
LogicalQubitMemory::GetCode() const
{
    return *m_code;
}

void
LogicalQubitMemory::SetProcessor(Ptr<QuantumProcessor> processor)
{
    m_processor = processor;
}

uint32_t
LogicalQubitMemory::GetRequiredSlots() const
{
    return m_code->GetNumQubits() + m_code->GetNumStabilizers();
}

Ptr<QuantumMemory>
LogicalQubitMemory::GetMemory() const
{
    NS_ABORT_MSG_IF(!m_processor, "LogicalQubitMemory: no processor; set the Processor attribute");
    return m_processor->GetMemory();
}

bool
LogicalQubitMemory::IsEncoded() const
{
    return m_encoded;
}

void
LogicalQubitMemory::CheckEncoded(const char* what) const
{
    NS_ABORT_MSG_IF(!m_encoded,
                    "LogicalQubitMemory::" << what
                                           << ": no logical qubit is encoded; call Encode "
                                              "first");
    NS_ABORT_MSG_IF(m_bitsPending > 0 || m_roundsLeft > 0,
                    "LogicalQubitMemory::" << what
                                           << ": a syndrome round or readout is still running");
}

QubitHandle
LogicalQubitMemory::FreshQubit()
{
    Ptr<QuantumMemory> mem = GetMemory();
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    const QubitHandle q = reg->CreateQubit(QuantumFormalism::STABILIZER);
    DoubleValue f;
    mem->GetAttribute("InitializationFidelity", f);
    if (f.Get() < 1)
    {
        reg->ApplyChannel(KrausChannel::BitFlip(1 - f.Get()), {q});
    }
    return q;
}

std::vector<double>
LogicalQubitMemory::TwirledDecay(double dtSeconds, double t1Seconds, double t2Seconds)
{
    NS_ABORT_MSG_IF(!(dtSeconds >= 0),
                    "LogicalQubitMemory::TwirledDecay: idle time " << dtSeconds
                                                                   << " s is negative");
    NS_ABORT_MSG_IF(!(t1Seconds > 0) || !(t2Seconds > 0) || t2Seconds > 2 * t1Seconds,
                    "LogicalQubitMemory::TwirledDecay: T1 = "
                        << t1Seconds << " s, T2 = " << t2Seconds
                        << " s; both must be positive with T2 <= 2 T1");
    const double e1 = std::exp(-dtSeconds / t1Seconds);
    const double e2 = std::exp(-dtSeconds / t2Seconds);
    const double px = (1 - e1) / 4;
    const double pz = std::max(0.0, (1 + e1 - 2 * e2) / 4);
    return {1 - 2 * px - pz, px, px, pz};
}

void
LogicalQubitMemory::ApplyIdleNoise()
{
    const Time now = Simulator::Now();
    const Time dt = now - m_lastIdle;
    m_lastIdle = now;
    if (dt.IsZero() || (m_t1.IsZero() && m_t2.IsZero()))
    {
        return;
    }
    const double inf = std::numeric_limits<double>::infinity();
    const double t1 = m_t1.IsZero() ? inf : m_t1.GetSeconds();
    const double t2 = m_t2.IsZero() ? 2 * t1 : m_t2.GetSeconds();
    NS_ABORT_MSG_IF(t2 > 2 * t1,
                    "LogicalQubitMemory: PhysicalT2 = " << t2 << " s exceeds 2 PhysicalT1 = "
                                                        << 2 * t1 << " s (unphysical)");
    const KrausChannel ch
        = KrausChannel::Pauli(TwirledDecay(dt.GetSeconds(), t1, t2), "TwirledT1T2");
    Ptr<QuantumMemory> mem = GetMemory();
    for (uint32_t s : m_dataSlots)
    {
        mem->GetRegistry()->ApplyChannel(ch, {mem->Access(s)});
    }
}

uint32_t
LogicalQubitMemory::SlotOf(uint32_t local) const
{
    const uint32_t n = m_code->GetNumQubits();
    return local < n ? m_dataSlots[local] : m_ancillaSlots[local - n];
}

void
LogicalQubitMemory::RunSteps(const std::vector<CircuitStep>& steps, Callback<void> done)
{
    if (steps.empty())
    {
        Simulator::ScheduleNow([done]() {
            if (!done.IsNull())
            {
                done();
            }
        });
        return;
    }
    for (size_t k = 0; k < steps.size(); ++k)
    {
        std::vector<uint32_t> slots;
        for (uint32_t q : steps[k].qubits)
        {
            slots.push_back(SlotOf(q));
        }
        m_processor->Execute(steps[k].gate, slots, k + 1 == steps.size() ? done : Callback<void>());
    }
}

void
LogicalQubitMemory::Encode(LogicalState state, Callback<void> done)
{
    NS_LOG_FUNCTION(this << state);
    NS_ABORT_MSG_IF(m_encoded,
                    "LogicalQubitMemory::Encode: a logical qubit is already encoded; read it out "
                    "or release it first");
    Ptr<QuantumMemory> mem = GetMemory();
    NS_ABORT_MSG_IF(!mem->GetT1().IsZero() || !mem->GetT2().IsZero(),
                    "LogicalQubitMemory::Encode: the QuantumMemory has T1 = "
                        << mem->GetT1().As(Time::S) << ", T2 = " << mem->GetT2().As(Time::S)
                        << "; its amplitude-damping decay cannot act on stabilizer qubits.  Set "
                           "the memory's T1 and T2 to 0 and use the LogicalQubitMemory "
                           "attributes PhysicalT1 and PhysicalT2 (Pauli-twirled decay) instead");
    const uint32_t n = m_code->GetNumQubits();
    const uint32_t need = GetRequiredSlots();
    NS_ABORT_MSG_IF(mem->GetNumFree() < need,
                    "LogicalQubitMemory::Encode: code '"
                        << m_code->GetName() << "' needs " << need << " free memory slots (" << n
                        << " data + " << need - n << " ancillas), but the memory has "
                        << mem->GetNumFree() << " free of " << mem->GetNumSlots()
                        << " (attribute NumSlots)");
    m_dataSlots.clear();
    m_ancillaSlots.clear();
    for (uint32_t j = 0; j < need; ++j)
    {
        const int32_t s = mem->Store(FreshQubit());
        NS_ASSERT(s >= 0);
        (j < n ? m_dataSlots : m_ancillaSlots).push_back(static_cast<uint32_t>(s));
    }
    m_encoded = true;
    m_round = 0;
    std::vector<CircuitStep> steps;
    const uint32_t in = m_circuit->GetInputQubit();
    if (state == ONE || state == MINUS)
    {
        steps.push_back(CircuitStep{QuantumGate::PauliX(), {in}});
    }
    if (state == PLUS || state == MINUS)
    {
        steps.push_back(CircuitStep{QuantumGate::Hadamard(), {in}});
    }
    const auto& enc = m_circuit->GetEncodingCircuit();
    steps.insert(steps.end(), enc.begin(), enc.end());
    RunSteps(steps, MakeCallback(&LogicalQubitMemory::EncodeDone, this, done));
}

void
LogicalQubitMemory::EncodeDone(Callback<void> done)
{
    m_lastIdle = Simulator::Now();
    if (!done.IsNull())
    {
        done();
    }
}

void
LogicalQubitMemory::RunRounds(uint32_t rounds, Callback<void> done)
{
    NS_LOG_FUNCTION(this << rounds);
    CheckEncoded("RunRounds");
    NS_ABORT_MSG_IF(rounds == 0, "LogicalQubitMemory::RunRounds: rounds must be >= 1");
    m_roundsLeft = rounds;
    m_roundsDone = done;
    m_roundEvent = Simulator::Schedule(m_roundInterval, &LogicalQubitMemory::DoRound, this);
}

void
LogicalQubitMemory::DoRound()
{
    NS_LOG_FUNCTION(this << m_round);
    ApplyIdleNoise();
    Ptr<QuantumMemory> mem = GetMemory();
    const uint32_t n = m_code->GetNumQubits();
    // Fresh ancillas: the previous round left them measured.
    for (uint32_t s : m_ancillaSlots)
    {
        mem->Release(s);
    }
    for (auto& s : m_ancillaSlots)
    {
        const int32_t slot = mem->Store(FreshQubit());
        NS_ASSERT(slot >= 0);
        s = static_cast<uint32_t>(slot);
    }
    m_syndrome = 0;
    m_bitsPending = m_code->GetNumStabilizers();
    for (uint32_t i = 0; i < m_code->GetNumStabilizers(); ++i)
    {
        RunSteps(m_circuit->GetSyndromeCircuit(i, n + i), Callback<void>());
        m_processor->Measure(m_ancillaSlots[i],
                             MeasurementBasis::ZBasis(),
                             MakeCallback(&LogicalQubitMemory::SyndromeBit, this, i));
    }
}

void
LogicalQubitMemory::SyndromeBit(uint32_t generator, uint32_t outcome)
{
    m_syndrome |= (outcome & 1) << generator;
    if (--m_bitsPending > 0)
    {
        return;
    }
    const PauliMask c = m_decoder->Decode(m_syndrome);
    if (c.x != 0 || c.z != 0)
    {
        // Pauli-frame equivalent: an exact, instantaneous Pauli correction.
        Ptr<QuantumMemory> mem = GetMemory();
        Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
        for (uint32_t j = 0; j < m_code->GetNumQubits(); ++j)
        {
            const bool bx = (c.x >> j) & 1;
            const bool bz = (c.z >> j) & 1;
            if (bx || bz)
            {
                reg->ApplyGate(bx ? (bz ? QuantumGate::PauliY() : QuantumGate::PauliX())
                                  : QuantumGate::PauliZ(),
                               {mem->Access(m_dataSlots[j])});
            }
        }
    }
    m_syndromeTrace(m_round, m_syndrome, c.ToString(m_code->GetNumQubits()));
    ++m_round;
    if (--m_roundsLeft > 0)
    {
        m_roundEvent = Simulator::Schedule(m_roundInterval, &LogicalQubitMemory::DoRound, this);
        return;
    }
    Callback<void> done = m_roundsDone;
    m_roundsDone = Callback<void>();
    if (!done.IsNull())
    {
        done();
    }
}

void
LogicalQubitMemory::ReadOut(const MeasurementBasis& basis, Callback<void, uint32_t> done)
{
    NS_LOG_FUNCTION(this << basis.GetName());
    CheckEncoded("ReadOut");
    NS_ABORT_MSG_IF(basis.GetKind() != MeasurementBasis::Z
                        && basis.GetKind() != MeasurementBasis::X,
                    "LogicalQubitMemory::ReadOut: basis " << basis.GetName()
                                                          << " is not supported; use Z or X");
    ApplyIdleNoise();
    m_readoutX = basis.GetKind() == MeasurementBasis::X;
    m_readoutBits = 0;
    m_readoutDone = done;
    m_bitsPending = m_code->GetNumQubits();
    for (uint32_t j = 0; j < m_code->GetNumQubits(); ++j)
    {
        m_processor->Measure(m_dataSlots[j],
                             basis,
                             MakeCallback(&LogicalQubitMemory::ReadoutBit, this, j));
    }
}

void
LogicalQubitMemory::ReadoutBit(uint32_t qubit, uint32_t outcome)
{
    m_readoutBits |= (outcome & 1) << qubit;
    if (--m_bitsPending > 0)
    {
        return;
    }
    // Classical decoding of the transversal readout: the measured bits give
    // the syndrome of the generators of the readout's type.
    uint32_t syndrome = 0;
    for (uint32_t i = 0; i < m_code->GetNumStabilizers(); ++i)
    {
        const PauliMask& g = m_code->GetStabilizer(i);
        const uint32_t support = m_readoutX ? g.x : g.z;
        const bool rightType = m_readoutX ? g.z == 0 : g.x == 0;
        if (rightType && Parity(support & m_readoutBits))
        {
            syndrome |= 1u << i;
        }
    }
    const PauliMask c = m_decoder->Decode(syndrome);
    const uint32_t bits = m_readoutBits ^ (m_readoutX ? c.z : c.x);
    const uint32_t logical
        = Parity(bits & (m_readoutX ? m_code->GetLogicalX().x : m_code->GetLogicalZ().z));
    Release();
    m_readoutTrace(m_readoutX ? "X" : "Z", logical);
    Callback<void, uint32_t> done = m_readoutDone;
    m_readoutDone = Callback<void, uint32_t>();
    if (!done.IsNull())
    {
        done(logical);
    }
}

void
LogicalQubitMemory::Unencode(Callback<void> done)
{
    NS_LOG_FUNCTION(this);
    CheckEncoded("Unencode");
    ApplyIdleNoise();
    m_encoded = false;
    RunSteps(m_circuit->GetDecodingCircuit(), done);
}

uint32_t
LogicalQubitMemory::GetLogicalSlot() const
{
    NS_ABORT_MSG_IF(m_dataSlots.empty(),
                    "LogicalQubitMemory::GetLogicalSlot: no qubits are held; call Encode first");
    return m_dataSlots[m_circuit->GetInputQubit()];
}

void
LogicalQubitMemory::Release()
{
    NS_LOG_FUNCTION(this);
    Ptr<QuantumMemory> mem = GetMemory();
    for (uint32_t s : m_dataSlots)
    {
        mem->Release(s);
    }
    for (uint32_t s : m_ancillaSlots)
    {
        mem->Release(s);
    }
    m_dataSlots.clear();
    m_ancillaSlots.clear();
    m_encoded = false;
    m_roundsLeft = 0;
    m_bitsPending = 0;
    m_roundEvent.Cancel();
}

void
LogicalQubitMemory::InjectError(const std::string& pauli)
{
    CheckEncoded("InjectError");
    const PauliMask e = StabilizerCode::ParsePauli(pauli, "LogicalQubitMemory::InjectError");
    NS_ABORT_MSG_IF(pauli.size() != m_code->GetNumQubits(),
                    "LogicalQubitMemory::InjectError: Pauli string '"
                        << pauli << "' has " << pauli.size() << " letters; the code has "
                        << m_code->GetNumQubits() << " data qubits");
    Ptr<QuantumMemory> mem = GetMemory();
    Ptr<QuantumStateRegistry> reg = mem->GetRegistry();
    for (uint32_t j = 0; j < m_code->GetNumQubits(); ++j)
    {
        const bool bx = (e.x >> j) & 1;
        const bool bz = (e.z >> j) & 1;
        if (bx || bz)
        {
            reg->ApplyGate(bx ? (bz ? QuantumGate::PauliY() : QuantumGate::PauliX())
                              : QuantumGate::PauliZ(),
                           {mem->Access(m_dataSlots[j])});
        }
    }
}

void
LogicalQubitMemory::ApplyDataNoise(double pX, double pY, double pZ)
{
    CheckEncoded("ApplyDataNoise");
    NS_ABORT_MSG_IF(!(pX >= 0 && pY >= 0 && pZ >= 0 && pX + pY + pZ <= 1 + 1e-12),
                    "LogicalQubitMemory::ApplyDataNoise: probabilities pX = "
                        << pX << ", pY = " << pY << ", pZ = " << pZ
                        << " must be >= 0 with sum <= 1");
    const KrausChannel ch
        = KrausChannel::Pauli({std::max(0.0, 1 - pX - pY - pZ), pX, pY, pZ}, "DataNoise");
    Ptr<QuantumMemory> mem = GetMemory();
    for (uint32_t s : m_dataSlots)
    {
        mem->GetRegistry()->ApplyChannel(ch, {mem->Access(s)});
    }
}

std::vector<QubitHandle>
LogicalQubitMemory::GetDataQubits()
{
    Ptr<QuantumMemory> mem = GetMemory();
    std::vector<QubitHandle> q;
    for (uint32_t s : m_dataSlots)
    {
        q.push_back(mem->Access(s));
    }
    return q;
}

} // namespace ns3
