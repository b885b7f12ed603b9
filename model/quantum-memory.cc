/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-memory.h"

#include "bell-state.h"
#include "kraus-channel.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumMemory");

NS_OBJECT_ENSURE_REGISTERED(QuantumMemory);

namespace
{
/**
 * @param t a Time attribute where 0 means infinite
 * @return the time in seconds, or infinity
 */
double
SecondsOrInfinity(Time t)
{
    return t.IsZero() ? std::numeric_limits<double>::infinity() : t.GetSeconds();
}
} // namespace

TypeId
QuantumMemory::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumMemory")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumMemory>()
              .AddAttribute(
                  "NumSlots",
                  "Number of memory slots (qubits).  Cannot shrink below an occupied slot.",
                  UintegerValue(1),
                  MakeUintegerAccessor(&QuantumMemory::SetNumSlots, &QuantumMemory::GetNumSlots),
                  MakeUintegerChecker<uint32_t>(1, 1000000))
              .AddAttribute("T1",
                            "Energy relaxation time T1 of a stored qubit (0 = infinite).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumMemory::m_t1),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("T2",
                            "Coherence time T2 of a stored qubit; must not exceed 2 T1. 0 means "
                            "no pure dephasing: T2 = 2 T1 (infinite when T1 is infinite).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumMemory::m_t2),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("InitializationFidelity",
                            "Fidelity F of a freshly initialised qubit: F|0><0| + (1-F)|1><1|.",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QuantumMemory::m_initFidelity),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("ReadoutError0",
                            "Probability that a readout of outcome 0 reports 1.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumMemory::m_readoutError0),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("ReadoutError1",
                            "Probability that a readout of outcome 1 reports 0.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumMemory::m_readoutError1),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("CutoffTime",
                            "A stored qubit is discarded this long after it was stored "
                            "(0 = never).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumMemory::m_cutoff),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("EmissionEfficiency",
                            "Probability that a photon emitted by EmitEntangledPhoton is emitted "
                            "and collected into the fibre (else it is lost).",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QuantumMemory::m_emissionEfficiency),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("RetrievalEfficiency",
                            "Probability that Retrieve returns the stored photon right after "
                            "storage (absorptive memories).",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QuantumMemory::m_retrievalEfficiency),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("EfficiencyDecayTime",
                            "Retrieval efficiency decays as exp(-(t/tau)^2) with the storage "
                            "time t (0 = no decay).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumMemory::m_efficiencyDecayTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("EmissionWavelengthNm",
                            "Wavelength of emitted and retrieved photons, in nm.",
                            DoubleValue(1550.0),
                            MakeDoubleAccessor(&QuantumMemory::m_wavelengthNm),
                            MakeDoubleChecker<double>(1.0, 1e9))
              .AddAttribute("Registry",
                            "The state engine; the simulation's default registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&QuantumMemory::m_registry),
                            MakePointerChecker<QuantumStateRegistry>())
              .AddTraceSource("Stored",
                              "A slot started holding a qubit (Store, Allocate, Initialize, "
                              "EmitEntangledPhoton).",
                              MakeTraceSourceAccessor(&QuantumMemory::m_storedTrace),
                              "ns3::QuantumMemory::SlotTracedCallback")
              .AddTraceSource("Read",
                              "A slot was read out: slot, reported outcome, ground-truth fidelity "
                              "with the reference (NaN without one).",
                              MakeTraceSourceAccessor(&QuantumMemory::m_readTrace),
                              "ns3::QuantumMemory::ReadTracedCallback")
              .AddTraceSource("Expired",
                              "A stored qubit reached the cut-off time and was discarded.",
                              MakeTraceSourceAccessor(&QuantumMemory::m_expiredTrace),
                              "ns3::QuantumMemory::SlotTracedCallback")
              .AddTraceSource("Released",
                              "A slot was freed by Release.",
                              MakeTraceSourceAccessor(&QuantumMemory::m_releasedTrace),
                              "ns3::QuantumMemory::SlotTracedCallback")
              .AddTraceSource("PhotonEmitted",
                              "A photon left the memory (emission or retrieval): slot, lost.",
                              MakeTraceSourceAccessor(&QuantumMemory::m_photonTrace),
                              "ns3::QuantumMemory::PhotonTracedCallback");
    return tid;
}

QuantumMemory::QuantumMemory()
    : m_numFree(0)
    , m_t1(Seconds(0))
    , m_t2(Seconds(0))
    , m_initFidelity(1.0)
    , m_readoutError0(0.0)
    , m_readoutError1(0.0)
    , m_cutoff(Seconds(0))
    , m_emissionEfficiency(1.0)
    , m_retrievalEfficiency(1.0)
    , m_efficiencyDecayTime(Seconds(0))
    , m_wavelengthNm(1550.0)
{
    NS_LOG_FUNCTION(this);
}

QuantumMemory::~QuantumMemory()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumMemory::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& s : m_slots)
    {
        s.expiry.Cancel();
        s.onExpiry = ExpiryCallback();
    }
    m_slots.clear();
    m_freeBits.clear();
    m_references.clear();
    m_registry = nullptr;
    m_readoutRng.Dispose();
    m_lossRng.Dispose();
    Object::DoDispose();
}

void
QuantumMemory::SetNumSlots(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    const uint32_t old = m_slots.size();
    for (uint32_t i = n; i < old; ++i)
    {
        NS_ABORT_MSG_IF(IsSlotOccupied(i),
                        "QuantumMemory: cannot set attribute NumSlots to "
                            << n << " while slot " << i << " holds a qubit");
    }
    std::vector<uint64_t> oldBits;
    oldBits.swap(m_freeBits);
    m_slots.resize(n);
    m_slots.shrink_to_fit();
    // Rebuild the free-slot bit sets: the first `old` slots keep their state,
    // new slots are free.
    const size_t words = GetNumFreeWords();
    m_freeBits.assign(words + (words + 63) / 64, 0);
    m_freeBits.shrink_to_fit();
    m_numFree = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        const bool wasOccupied = i < old && ((oldBits[i / 64] >> (i % 64)) & 1) == 0;
        if (!wasOccupied)
        {
            MarkFree(i, true);
        }
    }
}

size_t
QuantumMemory::GetNumFreeWords() const
{
    return (m_slots.size() + 63) / 64;
}

bool
QuantumMemory::IsSlotOccupied(uint32_t slot) const
{
    return ((m_freeBits[slot / 64] >> (slot % 64)) & 1) == 0;
}

uint32_t
QuantumMemory::GetNumSlots() const
{
    return m_slots.size();
}

void
QuantumMemory::MarkFree(uint32_t slot, bool isFree)
{
    const uint32_t w = slot / 64;
    const uint64_t bit = uint64_t(1) << (slot % 64);
    const bool wasFree = (m_freeBits[w] & bit) != 0;
    if (wasFree == isFree)
    {
        return;
    }
    if (isFree)
    {
        m_freeBits[w] |= bit;
        ++m_numFree;
    }
    else
    {
        m_freeBits[w] &= ~bit;
        --m_numFree;
    }
    const uint64_t sbit = uint64_t(1) << (w % 64);
    uint64_t& summary = m_freeBits[GetNumFreeWords() + w / 64];
    if (m_freeBits[w] != 0)
    {
        summary |= sbit;
    }
    else
    {
        summary &= ~sbit;
    }
}

int32_t
QuantumMemory::FindFree() const
{
    const size_t words = GetNumFreeWords();
    for (size_t s = 0; words + s < m_freeBits.size(); ++s)
    {
        const uint64_t summary = m_freeBits[words + s];
        if (summary != 0)
        {
            const uint32_t w = s * 64 + __builtin_ctzll(summary);
            return static_cast<int32_t>(w * 64 + __builtin_ctzll(m_freeBits[w]));
        }
    }
    return -1;
}

uint32_t
QuantumMemory::GetNumFree() const
{
    return m_numFree;
}

Ptr<QuantumStateRegistry>
QuantumMemory::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

Time
QuantumMemory::GetT1() const
{
    return m_t1;
}

Time
QuantumMemory::GetT2() const
{
    // T2 = 0 means no pure dephasing: the coherence decays through T1 only.
    return (m_t2.IsZero() && !m_t1.IsZero()) ? 2 * m_t1 : m_t2;
}

void
QuantumMemory::CheckSlot(const char* what, uint32_t slot, bool mustBeOccupied) const
{
    NS_ABORT_MSG_IF(slot >= m_slots.size(),
                    "QuantumMemory::" << what << ": slot " << slot
                                      << " does not exist (NumSlots = " << m_slots.size()
                                      << ", valid slots 0.." << m_slots.size() - 1 << ")");
    NS_ABORT_MSG_IF(mustBeOccupied && !IsSlotOccupied(slot),
                    "QuantumMemory::" << what << ": slot " << slot << " holds no qubit");
}

void
QuantumMemory::CheckCoherenceTimes() const
{
    NS_ABORT_MSG_IF(!m_t2.IsZero() && !m_t1.IsZero() && m_t2 > 2 * m_t1,
                    "QuantumMemory: attribute T2 = "
                        << m_t2.As(Time::S) << " is longer than 2 T1 = " << (2 * m_t1).As(Time::S)
                        << " (attribute T1 = " << m_t1.As(Time::S)
                        << "), which is unphysical; valid range: 0 < T2 <= 2 T1, or T2 = 0 for "
                           "no pure dephasing");
}

void
QuantumMemory::BringUpToDate(uint32_t slot)
{
    Slot& s = m_slots[slot];
    const int64_t now = Simulator::Now().GetTimeStep();
    const int64_t steps = now - s.lastAccess;
    s.lastAccess = now;
    if (steps == 0 || (m_t1.IsZero() && m_t2.IsZero()))
    {
        return;
    }
    const Time dt = TimeStep(steps);
    CheckCoherenceTimes();
    GetRegistry()->ApplyMemoryDecay(s.qubit,
                                    dt.GetSeconds(),
                                    SecondsOrInfinity(m_t1),
                                    SecondsOrInfinity(GetT2()));
}

void
QuantumMemory::Occupy(uint32_t slot, QubitHandle qubit)
{
    CheckCoherenceTimes();
    Slot& s = m_slots[slot];
    s.qubit = qubit;
    s.storedAt = Simulator::Now().GetTimeStep();
    s.lastAccess = s.storedAt;
    MarkFree(slot, false);
    if (!m_cutoff.IsZero())
    {
        s.expiry = Simulator::Schedule(m_cutoff, &QuantumMemory::Expire, this, slot);
    }
    m_storedTrace(slot);
}

void
QuantumMemory::DiscardStored(uint32_t slot)
{
    // A qubit already consumed by a registry operation (the Bell measurement
    // of a swap, the measured half of a purification step) is gone: only the
    // slot remains to be freed.
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    if (reg->IsAlive(m_slots[slot].qubit))
    {
        reg->Discard(m_slots[slot].qubit);
    }
}

void
QuantumMemory::Vacate(uint32_t slot)
{
    Slot& s = m_slots[slot];
    s.expiry.Cancel();
    s.qubit = QubitHandle();
    s.onExpiry = ExpiryCallback();
    m_references.erase(slot);
    MarkFree(slot, true);
}

QubitHandle
QuantumMemory::MakeInitialisedQubit()
{
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    QubitHandle q = reg->CreateQubit();
    if (m_initFidelity < 1)
    {
        reg->ApplyChannel(KrausChannel::BitFlip(1 - m_initFidelity), {q});
    }
    return q;
}

int32_t
QuantumMemory::Store(QubitHandle qubit)
{
    NS_LOG_FUNCTION(this << qubit);
    NS_ABORT_MSG_IF(!GetRegistry()->IsAlive(qubit),
                    "QuantumMemory::Store: qubit " << qubit
                                                   << " is not a live qubit of the registry");
    NS_ABORT_MSG_IF(GetRegistry()->IsErased(qubit),
                    "QuantumMemory::Store: qubit " << qubit
                                                   << " was erased (lost); nothing to store");
    const int32_t slot = FindFree();
    if (slot < 0)
    {
        return -1;
    }
    Occupy(slot, qubit);
    return slot;
}

int32_t
QuantumMemory::Allocate()
{
    NS_LOG_FUNCTION(this);
    const int32_t slot = FindFree();
    if (slot < 0)
    {
        return -1;
    }
    Occupy(slot, MakeInitialisedQubit());
    return slot;
}

void
QuantumMemory::Initialize(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    CheckSlot("Initialize", slot, false);
    if (IsSlotOccupied(slot))
    {
        DiscardStored(slot);
        Vacate(slot);
    }
    Occupy(slot, MakeInitialisedQubit());
}

QubitHandle
QuantumMemory::Access(uint32_t slot)
{
    CheckSlot("Access", slot, true);
    BringUpToDate(slot);
    return m_slots[slot].qubit;
}

QubitHandle
QuantumMemory::GetStoredQubit(uint32_t slot) const
{
    CheckSlot("GetStoredQubit", slot, true);
    return m_slots[slot].qubit;
}

uint32_t
QuantumMemory::Read(uint32_t slot, const MeasurementBasis& basis)
{
    NS_LOG_FUNCTION(this << slot << basis.GetName());
    CheckSlot("Read", slot, true);
    BringUpToDate(slot);
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    const QubitHandle q = m_slots[slot].qubit;
    double fidelity = std::numeric_limits<double>::quiet_NaN();
    auto ref = m_references.find(slot);
    if (ref != m_references.end())
    {
        std::vector<QubitHandle> qubits{q};
        qubits.insert(qubits.end(), ref->second.partners.begin(), ref->second.partners.end());
        fidelity = reg->GetFidelity(qubits, ref->second.state);
    }
    uint32_t outcome = reg->Measure(q, basis, true);
    const double pFlip = outcome == 0 ? m_readoutError0 : m_readoutError1;
    if (pFlip > 0 && m_readoutRng.GetValue() < pFlip)
    {
        outcome = 1 - outcome;
    }
    Vacate(slot);
    m_readTrace(slot, outcome, fidelity);
    return outcome;
}

void
QuantumMemory::Release(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    CheckSlot("Release", slot, true);
    // No decay is applied first: a trace-preserving channel on a qubit that
    // is then traced out leaves the state of every other qubit unchanged,
    // so skipping it is exact.
    DiscardStored(slot);
    Vacate(slot);
    m_releasedTrace(slot);
}

void
QuantumMemory::Expire(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    NS_ASSERT(IsSlotOccupied(slot));
    ExpiryCallback cb = m_slots[slot].onExpiry;
    // As in Release, the decay of a discarded qubit changes nothing else.
    DiscardStored(slot);
    m_slots[slot].expiry = EventId();
    Vacate(slot);
    m_expiredTrace(slot);
    if (!cb.IsNull())
    {
        cb(slot);
    }
}

Time
QuantumMemory::GetCutoffTime() const
{
    return m_cutoff;
}

void
QuantumMemory::SetExpiryCallback(uint32_t slot, ExpiryCallback cb)
{
    CheckSlot("SetExpiryCallback", slot, true);
    m_slots[slot].onExpiry = cb;
}

void
QuantumMemory::SetReference(uint32_t slot,
                            const QVector& reference,
                            const std::vector<QubitHandle>& partners)
{
    CheckSlot("SetReference", slot, true);
    const size_t dim = size_t(1) << (1 + partners.size());
    NS_ABORT_MSG_IF(static_cast<size_t>(reference.size()) != dim,
                    "QuantumMemory::SetReference: a reference over "
                        << 1 + partners.size() << " qubits needs " << dim << " amplitudes, got "
                        << reference.size());
    m_references[slot] = Reference{reference, partners};
}

bool
QuantumMemory::IsOccupied(uint32_t slot) const
{
    CheckSlot("IsOccupied", slot, false);
    return IsSlotOccupied(slot);
}

Time
QuantumMemory::GetStorageTime(uint32_t slot) const
{
    CheckSlot("GetStorageTime", slot, true);
    return Simulator::Now() - TimeStep(m_slots[slot].storedAt);
}

double
QuantumMemory::GetRetrievalEfficiency(Time storageTime) const
{
    if (m_efficiencyDecayTime.IsZero())
    {
        return m_retrievalEfficiency;
    }
    const double x = storageTime.GetSeconds() / m_efficiencyDecayTime.GetSeconds();
    return m_retrievalEfficiency * std::exp(-x * x);
}

Ptr<QuantumSignal>
QuantumMemory::MakePhoton(uint32_t slot, QubitHandle photon, uint16_t port, double survival)
{
    Ptr<QuantumSignal> signal = QuantumSignal::CreateQubit(photon);
    signal->SetPort(port);
    signal->SetEmissionTime(Simulator::Now());
    signal->SetWavelengthMeters(m_wavelengthNm * 1e-9);
    bool lost = false;
    if (survival < 1 && m_lossRng.GetValue() >= survival)
    {
        GetRegistry()->Erase(photon);
        lost = true;
    }
    m_photonTrace(slot, lost);
    return signal;
}

Ptr<QuantumSignal>
QuantumMemory::EmitEntangledPhoton(uint32_t slot, uint16_t port)
{
    NS_LOG_FUNCTION(this << slot << port);
    CheckSlot("EmitEntangledPhoton", slot, false);
    Ptr<QuantumStateRegistry> reg = GetRegistry();
    if (IsSlotOccupied(slot))
    {
        DiscardStored(slot);
        Vacate(slot);
    }
    auto [spin, photon] = reg->CreateBellPair(BellState::PHI_PLUS, reg->GetDefaultFormalism());
    if (m_initFidelity < 1)
    {
        reg->ApplyChannel(KrausChannel::Dephasing(1 - m_initFidelity), {spin});
    }
    Occupy(slot, spin);
    return MakePhoton(slot, photon, port, m_emissionEfficiency);
}

Ptr<QuantumSignal>
QuantumMemory::Retrieve(uint32_t slot, uint16_t port)
{
    NS_LOG_FUNCTION(this << slot << port);
    CheckSlot("Retrieve", slot, true);
    BringUpToDate(slot);
    const QubitHandle q = m_slots[slot].qubit;
    const double eta = GetRetrievalEfficiency(GetStorageTime(slot));
    Vacate(slot);
    return MakePhoton(slot, q, port, eta);
}

int64_t
QuantumMemory::AssignStreams(int64_t stream)
{
    return m_readoutRng.AssignStreams(stream) + m_lossRng.AssignStreams(stream + 1);
}

} // namespace ns3
