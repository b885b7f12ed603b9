/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-state-registry.h"

#include "quantum-density-matrix.h"
#include "quantum-state-vector.h"
#include "stabilizer-tableau.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumStateRegistry");

NS_OBJECT_ENSURE_REGISTERED(QuantumStateRegistry);

TypeId
QuantumStateRegistry::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumStateRegistry")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumStateRegistry>()
              .AddAttribute("DefaultFormalism",
                            "Formalism of qubits created without naming one.",
                            EnumValue(static_cast<int>(QuantumFormalism::DENSITY_MATRIX)),
                            MakeEnumAccessor(&QuantumStateRegistry::SetDefaultFormalismValue,
                                             &QuantumStateRegistry::GetDefaultFormalismValue),
                            MakeEnumChecker(static_cast<int>(QuantumFormalism::DENSITY_MATRIX),
                                            "DensityMatrix",
                                            static_cast<int>(QuantumFormalism::STATE_VECTOR),
                                            "StateVector",
                                            static_cast<int>(QuantumFormalism::STABILIZER),
                                            "Stabilizer"))
              .AddAttribute("MaxStateVectorQubits",
                            "Largest joint state held as a state vector; joining beyond it aborts.",
                            UintegerValue(24),
                            MakeUintegerAccessor(&QuantumStateRegistry::m_maxVectorQubits),
                            MakeUintegerChecker<uint32_t>(1, 28))
              .AddAttribute(
                  "MaxDensityMatrixQubits",
                  "Largest joint state held as a density matrix; joining beyond it aborts.",
                  UintegerValue(12),
                  MakeUintegerAccessor(&QuantumStateRegistry::m_maxDensityQubits),
                  MakeUintegerChecker<uint32_t>(1, QuantumDensityMatrix::MAX_QUBITS));
    return tid;
}

namespace
{
Ptr<QuantumStateRegistry> g_defaultRegistry; //!< the simulation's default registry

/** Release the default registry (scheduled with Simulator::ScheduleDestroy). */
void
ReleaseDefaultRegistry()
{
    if (g_defaultRegistry)
    {
        g_defaultRegistry->Dispose();
        g_defaultRegistry = nullptr;
    }
}
} // namespace

Ptr<QuantumStateRegistry>
QuantumStateRegistry::GetDefault()
{
    if (!g_defaultRegistry)
    {
        g_defaultRegistry = CreateObject<QuantumStateRegistry>();
        Simulator::ScheduleDestroy(&ReleaseDefaultRegistry);
    }
    return g_defaultRegistry;
}

QuantumStateRegistry::QuantumStateRegistry()
    : m_liveQubits(0)
    , m_defaultFormalism(QuantumFormalism::DENSITY_MATRIX)
    , m_maxVectorQubits(24)
    , m_maxDensityQubits(12)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

QuantumStateRegistry::~QuantumStateRegistry()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumStateRegistry::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_slots.clear();
    m_freeSlots.clear();
    m_groups.clear();
    m_freeGroups.clear();
    m_liveQubits = 0;
    m_uniform = nullptr;
    Object::DoDispose();
}

int64_t
QuantumStateRegistry::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

void
QuantumStateRegistry::SetDefaultFormalismValue(int value)
{
    SetDefaultFormalism(static_cast<QuantumFormalism>(value));
}

int
QuantumStateRegistry::GetDefaultFormalismValue() const
{
    return static_cast<int>(m_defaultFormalism);
}

QuantumFormalism
QuantumStateRegistry::GetDefaultFormalism() const
{
    return m_defaultFormalism;
}

void
QuantumStateRegistry::SetDefaultFormalism(QuantumFormalism f)
{
    NS_ABORT_MSG_IF(f == QuantumFormalism::BELL_DIAGONAL,
                    "QuantumStateRegistry: attribute DefaultFormalism cannot be BellDiagonal "
                    "(it holds pairs only; create pairs with CreateBellPair or CreateWernerPair); "
                    "valid values: DensityMatrix, StateVector, Stabilizer");
    m_defaultFormalism = f;
}

// --- bookkeeping ------------------------------------------------------------

uint32_t
QuantumStateRegistry::Check(const char* what, QubitHandle h, bool allowErased) const
{
    NS_ABORT_MSG_IF(!h.IsValid(),
                    "QuantumStateRegistry::" << what
                                             << ": invalid (default-constructed) qubit handle");
    NS_ABORT_MSG_IF(h.GetSlot() >= m_slots.size(),
                    "QuantumStateRegistry::" << what << ": qubit " << h
                                             << " was not issued by this registry");
    const Slot& s = m_slots[h.GetSlot()];
    NS_ABORT_MSG_IF(!s.alive || s.generation != h.GetGeneration(),
                    "QuantumStateRegistry::"
                        << what << ": qubit " << h
                        << " no longer exists (it was discarded or measured destructively); "
                           "a qubit handle cannot be used after that");
    NS_ABORT_MSG_IF(s.erased && !allowErased,
                    "QuantumStateRegistry::" << what << ": qubit " << h
                                             << " was erased (lost); it has no quantum state");
    return h.GetSlot();
}

void
QuantumStateRegistry::CheckDistinct(const char* what, const std::vector<QubitHandle>& qubits) const
{
    for (size_t i = 0; i < qubits.size(); ++i)
    {
        Check(what, qubits[i]);
        for (size_t j = 0; j < i; ++j)
        {
            NS_ABORT_MSG_IF(qubits[i] == qubits[j],
                            "QuantumStateRegistry::" << what << ": qubit " << qubits[i]
                                                     << " is named twice; targets must differ");
        }
    }
}

uint32_t
QuantumStateRegistry::AllocSlot()
{
    uint32_t idx;
    if (!m_freeSlots.empty())
    {
        idx = m_freeSlots.back();
        m_freeSlots.pop_back();
    }
    else
    {
        NS_ABORT_MSG_IF(m_slots.size() >= std::numeric_limits<uint32_t>::max() - 1,
                        "QuantumStateRegistry: more than 2^32 live qubits");
        idx = m_slots.size();
        m_slots.push_back(Slot{0, NO_GROUP, 0, false, false});
    }
    Slot& s = m_slots[idx];
    // Generation 0 marks invalid handles; skip it on wrap-around.
    s.generation = (s.generation == std::numeric_limits<uint32_t>::max()) ? 1 : s.generation + 1;
    s.alive = true;
    s.erased = false;
    s.group = NO_GROUP;
    s.index = 0;
    ++m_liveQubits;
    return idx;
}

void
QuantumStateRegistry::FreeSlot(uint32_t slot)
{
    Slot& s = m_slots[slot];
    NS_ASSERT(s.alive && s.group == NO_GROUP);
    s.alive = false;
    s.erased = false;
    m_freeSlots.push_back(slot);
    --m_liveQubits;
}

uint32_t
QuantumStateRegistry::AddGroup(Ptr<QuantumState> state)
{
    const uint32_t g = NewGroupRecord(state);
    for (uint32_t i = 0; i < state->GetNumQubits(); ++i)
    {
        const uint32_t s = AllocSlot();
        m_slots[s].group = g;
        m_slots[s].index = i;
        m_groups[g].slots.push_back(s);
    }
    return g;
}

uint32_t
QuantumStateRegistry::NewGroupRecord(Ptr<QuantumState> state)
{
    uint32_t g;
    if (!m_freeGroups.empty())
    {
        g = m_freeGroups.back();
        m_freeGroups.pop_back();
    }
    else
    {
        g = m_groups.size();
        m_groups.emplace_back();
    }
    m_groups[g].state = state;
    m_groups[g].slots.clear();
    return g;
}

void
QuantumStateRegistry::FreeGroup(uint32_t g)
{
    m_groups[g].state = nullptr;
    m_groups[g].slots.clear();
    m_freeGroups.push_back(g);
}

QubitHandle
QuantumStateRegistry::HandleOf(uint32_t slot) const
{
    return QubitHandle(slot, m_slots[slot].generation);
}

std::vector<QubitHandle>
QuantumStateRegistry::HandlesOf(uint32_t g) const
{
    std::vector<QubitHandle> out;
    out.reserve(m_groups[g].slots.size());
    for (uint32_t s : m_groups[g].slots)
    {
        out.push_back(HandleOf(s));
    }
    return out;
}

std::vector<uint32_t>
QuantumStateRegistry::LocalIndices(const std::vector<QubitHandle>& qubits) const
{
    std::vector<uint32_t> idx;
    idx.reserve(qubits.size());
    for (const auto& q : qubits)
    {
        idx.push_back(m_slots[q.GetSlot()].index);
    }
    return idx;
}

Ptr<QuantumState>
QuantumStateRegistry::MakeZeroState(QuantumFormalism f, uint32_t n) const
{
    switch (f)
    {
        case QuantumFormalism::STATE_VECTOR:
            return Create<QuantumStateVector>(n);
        case QuantumFormalism::DENSITY_MATRIX:
            return Create<QuantumDensityMatrix>(n);
        case QuantumFormalism::STABILIZER:
            return Create<StabilizerTableau>(n);
        case QuantumFormalism::BELL_DIAGONAL:
            break;
    }
    NS_ABORT_MSG("QuantumStateRegistry: the BellDiagonal formalism holds pairs only; "
                 "single qubits need StateVector, DensityMatrix or Stabilizer");
    return nullptr;
}

Ptr<QuantumState>
QuantumStateRegistry::MakeEigenstate(QuantumFormalism f,
                                     const MeasurementBasis& basis,
                                     uint32_t outcome) const
{
    if (f == QuantumFormalism::STABILIZER)
    {
        Ptr<StabilizerTableau> t = Create<StabilizerTableau>(1);
        if (outcome == 1)
        {
            t->ApplyGate(QuantumGate::PauliX(), {0});
        }
        if (basis.GetKind() == MeasurementBasis::X)
        {
            t->ApplyGate(QuantumGate::Hadamard(), {0});
        }
        else if (basis.GetKind() == MeasurementBasis::Y)
        {
            t->ApplyGate(QuantumGate::Hadamard(), {0});
            t->ApplyGate(QuantumGate::Phase(), {0});
        }
        return t;
    }
    const QVector v = basis.GetEigenvector(outcome);
    if (f == QuantumFormalism::STATE_VECTOR)
    {
        return Create<QuantumStateVector>(v);
    }
    return QuantumDensityMatrix::FromPure(v);
}

void
QuantumStateRegistry::ConvertGroup(const char* what, uint32_t g, QuantumFormalism f)
{
    Ptr<QuantumState> s = m_groups[g].state;
    const QuantumFormalism from = s->GetFormalism();
    if (from == f)
    {
        return;
    }
    const uint32_t n = s->GetNumQubits();
    const std::string prefix = std::string("QuantumStateRegistry::") + what + ": ";
    Ptr<QuantumState> out;
    switch (f)
    {
        case QuantumFormalism::DENSITY_MATRIX:
            NS_ABORT_MSG_IF(n > m_maxDensityQubits,
                            prefix << "a group of " << n
                                   << " qubits exceeds MaxDensityMatrixQubits = "
                                   << m_maxDensityQubits);
            if (from == QuantumFormalism::STABILIZER)
            {
                out = QuantumDensityMatrix::FromPure(
                    StaticCast<StabilizerTableau>(s)->GetStateVector());
            }
            else
            {
                out = Create<QuantumDensityMatrix>(s->GetDensityMatrix());
            }
            break;
        case QuantumFormalism::STATE_VECTOR:
            NS_ABORT_MSG_IF(n > m_maxVectorQubits,
                            prefix
                                << "a group of " << n
                                << " qubits exceeds MaxStateVectorQubits = " << m_maxVectorQubits);
            if (from == QuantumFormalism::STABILIZER)
            {
                out = Create<QuantumStateVector>(
                    StaticCast<StabilizerTableau>(s)->GetStateVector());
            }
            else
            {
                // Exact only for a pure state: take the dominant eigenvector.
                const QMatrix rho = s->GetDensityMatrix();
                const double purity = std::real((rho * rho).trace());
                NS_ABORT_MSG_IF(std::abs(purity - 1) > 1e-9,
                                prefix << "cannot convert a mixed " << QuantumFormalismName(from)
                                       << " state (purity " << purity
                                       << ") to StateVector exactly");
                Eigen::SelfAdjointEigenSolver<QMatrix> es(rho);
                QVector v = es.eigenvectors().col(rho.rows() - 1);
                out = Create<QuantumStateVector>(QVector(v / v.norm()));
            }
            break;
        case QuantumFormalism::BELL_DIAGONAL: {
            BellDiagonalState::Coefficients c;
            NS_ABORT_MSG_IF(
                n != 2 || !BellDiagonalState::FromDensityMatrix(s->GetDensityMatrix(), 1e-9, c),
                prefix << "cannot convert a " << n << "-qubit " << QuantumFormalismName(from)
                       << " state to BellDiagonal exactly (it must be a two-qubit state "
                          "diagonal in the Bell basis)");
            out = Create<BellDiagonalState>(c);
            break;
        }
        case QuantumFormalism::STABILIZER:
            NS_ABORT_MSG(prefix << "no exact conversion from " << QuantumFormalismName(from)
                                << " to Stabilizer");
    }
    NS_LOG_LOGIC("group " << g << " converted from " << QuantumFormalismName(from) << " to "
                          << QuantumFormalismName(f) << " for " << what);
    m_groups[g].state = out;
}

uint32_t
QuantumStateRegistry::Join(const char* what, const std::vector<QubitHandle>& qubits)
{
    std::vector<uint32_t> groups;
    for (const auto& q : qubits)
    {
        const uint32_t g = m_slots[q.GetSlot()].group;
        if (std::find(groups.begin(), groups.end(), g) == groups.end())
        {
            groups.push_back(g);
        }
    }
    if (groups.size() == 1)
    {
        return groups[0];
    }
    // Choose a common formalism: Stabilizer and StateVector stay themselves if
    // all agree; any mixed or Bell-diagonal member makes the result a density
    // matrix; stabilizer with state vector gives a state vector.
    bool anyDensity = false;
    bool anyVector = false;
    bool allStabilizer = true;
    uint32_t total = 0;
    for (uint32_t g : groups)
    {
        const QuantumFormalism f = m_groups[g].state->GetFormalism();
        anyDensity
            |= (f == QuantumFormalism::DENSITY_MATRIX || f == QuantumFormalism::BELL_DIAGONAL);
        anyVector |= (f == QuantumFormalism::STATE_VECTOR);
        allStabilizer &= (f == QuantumFormalism::STABILIZER);
        total += m_groups[g].state->GetNumQubits();
    }
    QuantumFormalism target = allStabilizer ? QuantumFormalism::STABILIZER
                              : anyDensity  ? QuantumFormalism::DENSITY_MATRIX
                                            : QuantumFormalism::STATE_VECTOR;
    NS_ABORT_MSG_IF(target == QuantumFormalism::DENSITY_MATRIX && total > m_maxDensityQubits,
                    "QuantumStateRegistry::" << what << ": joining into a density matrix of "
                                             << total << " qubits exceeds MaxDensityMatrixQubits = "
                                             << m_maxDensityQubits);
    NS_ABORT_MSG_IF(target == QuantumFormalism::STATE_VECTOR && total > m_maxVectorQubits,
                    "QuantumStateRegistry::" << what << ": joining into a state vector of " << total
                                             << " qubits exceeds MaxStateVectorQubits = "
                                             << m_maxVectorQubits);
    (void)anyVector;
    for (uint32_t g : groups)
    {
        ConvertGroup(what, g, target);
    }
    const uint32_t dst = groups[0];
    for (size_t i = 1; i < groups.size(); ++i)
    {
        const uint32_t src = groups[i];
        m_groups[dst].state = m_groups[dst].state->Tensor(*m_groups[src].state);
        for (uint32_t s : m_groups[src].slots)
        {
            m_slots[s].group = dst;
            m_slots[s].index = m_groups[dst].slots.size();
            m_groups[dst].slots.push_back(s);
        }
        FreeGroup(src);
    }
    return dst;
}

void
QuantumStateRegistry::DetachSlot(uint32_t slot)
{
    Slot& s = m_slots[slot];
    if (s.group == NO_GROUP)
    {
        return;
    }
    const uint32_t g = s.group;
    Group& grp = m_groups[g];
    if (grp.slots.size() == 1)
    {
        FreeGroup(g);
        s.group = NO_GROUP;
        return;
    }
    if (grp.state->GetFormalism() == QuantumFormalism::BELL_DIAGONAL)
    {
        // Every Bell-diagonal state has maximally mixed marginals: the partner
        // is left in I/2, exactly, without building the 4x4 matrix.
        const uint32_t partner = PartnerOf(slot);
        grp.state = Create<QuantumDensityMatrix>(QMatrix(0.5 * QMatrix::Identity(2, 2)));
        grp.slots.assign(1, partner);
        m_slots[partner].index = 0;
        s.group = NO_GROUP;
        return;
    }
    if (!grp.state->SupportsRemoval())
    {
        ConvertGroup("Discard", g, QuantumFormalism::DENSITY_MATRIX);
    }
    const uint32_t idx = s.index;
    m_groups[g].state->RemoveQubit(idx, *m_uniform);
    m_groups[g].slots.erase(m_groups[g].slots.begin() + idx);
    for (uint32_t i = idx; i < m_groups[g].slots.size(); ++i)
    {
        m_slots[m_groups[g].slots[i]].index = i;
    }
    s.group = NO_GROUP;
}

bool
QuantumStateRegistry::IsBellDiagonalPair(uint32_t slot) const
{
    const uint32_t g = m_slots[slot].group;
    return g != NO_GROUP && m_groups[g].state->GetFormalism() == QuantumFormalism::BELL_DIAGONAL;
}

uint32_t
QuantumStateRegistry::PartnerOf(uint32_t slot) const
{
    const Group& grp = m_groups[m_slots[slot].group];
    NS_ASSERT(grp.slots.size() == 2);
    return grp.slots[0] == slot ? grp.slots[1] : grp.slots[0];
}

// --- creation ---------------------------------------------------------------

QubitHandle
QuantumStateRegistry::CreateQubit()
{
    return CreateQubit(m_defaultFormalism);
}

QubitHandle
QuantumStateRegistry::CreateQubit(QuantumFormalism f)
{
    const uint32_t g = AddGroup(MakeZeroState(f, 1));
    return HandleOf(m_groups[g].slots[0]);
}

std::vector<QubitHandle>
QuantumStateRegistry::CreateQubits(uint32_t n, QuantumFormalism f)
{
    if (f == QuantumFormalism::STABILIZER)
    {
        return HandlesOf(AddGroup(MakeZeroState(f, n)));
    }
    std::vector<QubitHandle> out;
    out.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        out.push_back(CreateQubit(f));
    }
    return out;
}

std::vector<QubitHandle>
QuantumStateRegistry::CreateState(const QVector& psi, QuantumFormalism f)
{
    NS_ABORT_MSG_IF(f != QuantumFormalism::STATE_VECTOR && f != QuantumFormalism::DENSITY_MATRIX,
                    "QuantumStateRegistry::CreateState: formalism "
                        << QuantumFormalismName(f)
                        << " cannot be built from an amplitude vector (StateVector or "
                           "DensityMatrix)");
    Ptr<QuantumState> s;
    if (f == QuantumFormalism::STATE_VECTOR)
    {
        s = Create<QuantumStateVector>(psi);
        NS_ABORT_MSG_IF(s->GetNumQubits() > m_maxVectorQubits,
                        "QuantumStateRegistry::CreateState: " << s->GetNumQubits()
                                                              << " qubits exceed "
                                                                 "MaxStateVectorQubits = "
                                                              << m_maxVectorQubits);
    }
    else
    {
        s = QuantumDensityMatrix::FromPure(psi);
    }
    return HandlesOf(AddGroup(s));
}

std::vector<QubitHandle>
QuantumStateRegistry::CreateMixedState(const QMatrix& rho)
{
    Ptr<QuantumState> s = Create<QuantumDensityMatrix>(rho);
    NS_ABORT_MSG_IF(s->GetNumQubits() > m_maxDensityQubits,
                    "QuantumStateRegistry::CreateMixedState: " << s->GetNumQubits()
                                                               << " qubits exceed "
                                                                  "MaxDensityMatrixQubits = "
                                                               << m_maxDensityQubits);
    return HandlesOf(AddGroup(s));
}

std::pair<QubitHandle, QubitHandle>
QuantumStateRegistry::CreateBellPair(BellState b, QuantumFormalism f)
{
    Ptr<QuantumState> s;
    switch (f)
    {
        case QuantumFormalism::BELL_DIAGONAL: {
            BellDiagonalState::Coefficients c{0, 0, 0, 0};
            c[static_cast<uint32_t>(b)] = 1;
            s = Create<BellDiagonalState>(c);
            break;
        }
        case QuantumFormalism::STATE_VECTOR:
            s = Create<QuantumStateVector>(BellStateVector(b));
            break;
        case QuantumFormalism::DENSITY_MATRIX:
            s = QuantumDensityMatrix::FromPure(BellStateVector(b));
            break;
        case QuantumFormalism::STABILIZER: {
            s = Create<StabilizerTableau>(2);
            s->ApplyGate(QuantumGate::Hadamard(), {0});
            s->ApplyGate(QuantumGate::Cnot(), {0, 1});
            const uint32_t l = static_cast<uint32_t>(b);
            if (l & 1)
            {
                s->ApplyGate(QuantumGate::PauliX(), {1});
            }
            if (l & 2)
            {
                s->ApplyGate(QuantumGate::PauliZ(), {1});
            }
            break;
        }
    }
    const auto h = HandlesOf(AddGroup(s));
    return {h[0], h[1]};
}

std::pair<QubitHandle, QubitHandle>
QuantumStateRegistry::CreateBellDiagonalPair(const BellDiagonalState::Coefficients& coefficients)
{
    const auto h = HandlesOf(AddGroup(Create<BellDiagonalState>(coefficients)));
    return {h[0], h[1]};
}

std::pair<QubitHandle, QubitHandle>
QuantumStateRegistry::CreateWernerPair(double fidelity)
{
    const auto h = HandlesOf(AddGroup(BellDiagonalState::Werner(fidelity)));
    return {h[0], h[1]};
}

// --- operations ---------------------------------------------------------------

void
QuantumStateRegistry::ApplyGate(const QuantumGate& gate, const std::vector<QubitHandle>& qubits)
{
    NS_LOG_FUNCTION(this << gate.GetName());
    NS_ABORT_MSG_IF(qubits.size() != gate.GetNumQubits(),
                    "QuantumStateRegistry::ApplyGate: gate "
                        << gate.GetName() << " acts on " << gate.GetNumQubits() << " qubits, but "
                        << qubits.size() << " were given");
    CheckDistinct("ApplyGate", qubits);
    const uint32_t g = Join("ApplyGate", qubits);
    auto idx = LocalIndices(qubits);
    if (!m_groups[g].state->SupportsGate(gate, idx))
    {
        const QuantumFormalism f = m_groups[g].state->GetFormalism();
        NS_ABORT_MSG_IF(f == QuantumFormalism::STABILIZER,
                        "QuantumStateRegistry::ApplyGate: gate "
                            << gate.GetName()
                            << " is not a Clifford gate; the Stabilizer formalism cannot apply it "
                               "exactly (convert the qubits with Convert(q, StateVector) first)");
        ConvertGroup("ApplyGate", g, QuantumFormalism::DENSITY_MATRIX);
    }
    m_groups[g].state->ApplyGate(gate, idx);
}

void
QuantumStateRegistry::ApplyChannel(const KrausChannel& channel,
                                   const std::vector<QubitHandle>& qubits)
{
    NS_LOG_FUNCTION(this << channel.GetName());
    NS_ABORT_MSG_IF(qubits.size() != channel.GetNumQubits(),
                    "QuantumStateRegistry::ApplyChannel: channel "
                        << channel.GetName() << " acts on " << channel.GetNumQubits()
                        << " qubits, but " << qubits.size() << " were given");
    CheckDistinct("ApplyChannel", qubits);
    if (channel.IsIdentity())
    {
        return;
    }
    const uint32_t g = Join("ApplyChannel", qubits);
    auto idx = LocalIndices(qubits);
    if (!m_groups[g].state->SupportsChannel(channel, idx))
    {
        const QuantumFormalism f = m_groups[g].state->GetFormalism();
        NS_ABORT_MSG_IF(f == QuantumFormalism::STABILIZER,
                        "QuantumStateRegistry::ApplyChannel: channel "
                            << channel.GetName()
                            << " is not a Pauli channel; the Stabilizer formalism cannot apply it");
        ConvertGroup("ApplyChannel", g, QuantumFormalism::DENSITY_MATRIX);
    }
    m_groups[g].state->ApplyChannel(channel, idx, *m_uniform);
}

void
QuantumStateRegistry::ApplyMemoryDecay(QubitHandle qubit,
                                       double dtSeconds,
                                       double t1Seconds,
                                       double t2Seconds)
{
    ApplyChannel(KrausChannel::MemoryDecay(dtSeconds, t1Seconds, t2Seconds), {qubit});
}

uint32_t
QuantumStateRegistry::Measure(QubitHandle qubit, const MeasurementBasis& basis, bool destructive)
{
    NS_LOG_FUNCTION(this << qubit << basis.GetName() << destructive);
    const uint32_t slot = Check("Measure", qubit);
    const uint32_t g = m_slots[slot].group;
    if (!m_groups[g].state->SupportsMeasurement(basis))
    {
        const QuantumFormalism f = m_groups[g].state->GetFormalism();
        NS_ABORT_MSG_IF(f == QuantumFormalism::STABILIZER,
                        "QuantumStateRegistry::Measure: basis "
                            << basis.GetName()
                            << " is not a Pauli basis; the Stabilizer formalism measures in Z, X "
                               "or Y only");
        ConvertGroup("Measure", g, QuantumFormalism::DENSITY_MATRIX);
    }
    const QuantumFormalism f = m_groups[g].state->GetFormalism();
    const uint32_t outcome = m_groups[g].state->Measure(m_slots[slot].index, basis, *m_uniform);
    if (destructive)
    {
        DetachSlot(slot);
        FreeSlot(slot);
    }
    else if (m_groups[g].slots.size() > 1)
    {
        // The measured qubit is now a product with the rest: split it off.
        DetachSlot(slot);
        const uint32_t ng = NewGroupRecord(MakeEigenstate(f, basis, outcome));
        m_groups[ng].slots.assign(1, slot);
        m_slots[slot].group = ng;
        m_slots[slot].index = 0;
    }
    return outcome;
}

BellState
QuantumStateRegistry::MeasureBell(QubitHandle a, QubitHandle b)
{
    NS_LOG_FUNCTION(this << a << b);
    CheckDistinct("MeasureBell", {a, b});
    const uint32_t sa = a.GetSlot();
    const uint32_t sb = b.GetSlot();
    if (IsBellDiagonalPair(sa) && IsBellDiagonalPair(sb))
    {
        const uint32_t ga = m_slots[sa].group;
        const uint32_t gb = m_slots[sb].group;
        if (ga == gb)
        {
            // Bell measurement of a pair itself.
            const BellState m = StaticCast<BellDiagonalState>(m_groups[ga].state)
                                    ->SampleBellMeasurement(*m_uniform);
            FreeGroup(ga);
            m_slots[sa].group = NO_GROUP;
            m_slots[sb].group = NO_GROUP;
            FreeSlot(sa);
            FreeSlot(sb);
            return m;
        }
        // Entanglement swapping: every outcome has probability 1/4.
        const BellState m = BellStateFromLabel(
            std::min<uint32_t>(3, static_cast<uint32_t>(m_uniform->GetValue() * 4)));
        const auto& p = StaticCast<BellDiagonalState>(m_groups[ga].state)->GetCoefficients();
        const auto& q = StaticCast<BellDiagonalState>(m_groups[gb].state)->GetCoefficients();
        const uint32_t pa = PartnerOf(sa);
        const uint32_t pb = PartnerOf(sb);
        StaticCast<BellDiagonalState>(m_groups[ga].state)
            ->SetCoefficients(BellDiagonalState::Swap(p, q, m));
        m_groups[ga].slots = {pa, pb};
        m_slots[pa].index = 0;
        m_slots[pb].group = ga;
        m_slots[pb].index = 1;
        FreeGroup(gb);
        m_slots[sa].group = NO_GROUP;
        m_slots[sb].group = NO_GROUP;
        FreeSlot(sa);
        FreeSlot(sb);
        return m;
    }
    ApplyGate(QuantumGate::Cnot(), {a, b});
    ApplyGate(QuantumGate::Hadamard(), {a});
    const uint32_t s1 = Measure(a, MeasurementBasis::ZBasis(), true);
    const uint32_t s2 = Measure(b, MeasurementBasis::ZBasis(), true);
    return BellStateFromLabel(s2 | (s1 << 1));
}

PurificationOutcome
QuantumStateRegistry::Purify(QubitHandle keepA,
                             QubitHandle keepB,
                             QubitHandle sacA,
                             QubitHandle sacB,
                             PurificationVariant variant)
{
    NS_LOG_FUNCTION(this << keepA << keepB << sacA << sacB);
    CheckDistinct("Purify", {keepA, keepB, sacA, sacB});
    const uint32_t ka = keepA.GetSlot();
    const uint32_t kb = keepB.GetSlot();
    const uint32_t sa = sacA.GetSlot();
    const uint32_t sb = sacB.GetSlot();
    if (IsBellDiagonalPair(ka) && IsBellDiagonalPair(sa) && PartnerOf(ka) == kb
        && PartnerOf(sa) == sb)
    {
        const uint32_t gk = m_slots[ka].group;
        const uint32_t gs = m_slots[sa].group;
        auto p = StaticCast<BellDiagonalState>(m_groups[gk].state)->GetCoefficients();
        auto q = StaticCast<BellDiagonalState>(m_groups[gs].state)->GetCoefficients();
        if (variant == PurificationVariant::DEJMPS)
        {
            p = BellDiagonalState::DejmpsRotation(p);
            q = BellDiagonalState::DejmpsRotation(q);
        }
        double p0;
        BellDiagonalState::BilateralCnotMeasure(p, q, 0, p0);
        const uint32_t parity = (m_uniform->GetValue() < p0) ? 0 : 1;
        double pp;
        const auto out = BellDiagonalState::BilateralCnotMeasure(p, q, parity, pp);
        StaticCast<BellDiagonalState>(m_groups[gk].state)->SetCoefficients(out);
        const uint32_t outcomeA = (m_uniform->GetValue() < 0.5) ? 0 : 1;
        FreeGroup(gs);
        m_slots[sa].group = NO_GROUP;
        m_slots[sb].group = NO_GROUP;
        FreeSlot(sa);
        FreeSlot(sb);
        return PurificationOutcome{outcomeA, outcomeA ^ parity};
    }
    if (variant == PurificationVariant::DEJMPS)
    {
        ApplyGate(QuantumGate::Rx(M_PI / 2), {keepA});
        ApplyGate(QuantumGate::Rx(M_PI / 2), {sacA});
        ApplyGate(QuantumGate::Rx(-M_PI / 2), {keepB});
        ApplyGate(QuantumGate::Rx(-M_PI / 2), {sacB});
    }
    ApplyGate(QuantumGate::Cnot(), {keepA, sacA});
    ApplyGate(QuantumGate::Cnot(), {keepB, sacB});
    const uint32_t mA = Measure(sacA, MeasurementBasis::ZBasis(), true);
    const uint32_t mB = Measure(sacB, MeasurementBasis::ZBasis(), true);
    return PurificationOutcome{mA, mB};
}

void
QuantumStateRegistry::Discard(QubitHandle qubit)
{
    NS_LOG_FUNCTION(this << qubit);
    const uint32_t slot = Check("Discard", qubit, true);
    DetachSlot(slot);
    FreeSlot(slot);
}

void
QuantumStateRegistry::Erase(QubitHandle qubit)
{
    NS_LOG_FUNCTION(this << qubit);
    const uint32_t slot = Check("Erase", qubit, true);
    DetachSlot(slot);
    m_slots[slot].erased = true;
}

bool
QuantumStateRegistry::IsErased(QubitHandle qubit) const
{
    const uint32_t slot = Check("IsErased", qubit, true);
    return m_slots[slot].erased;
}

bool
QuantumStateRegistry::IsAlive(QubitHandle qubit) const
{
    if (!qubit.IsValid() || qubit.GetSlot() >= m_slots.size())
    {
        return false;
    }
    const Slot& s = m_slots[qubit.GetSlot()];
    return s.alive && s.generation == qubit.GetGeneration();
}

void
QuantumStateRegistry::Convert(QubitHandle qubit, QuantumFormalism f)
{
    const uint32_t slot = Check("Convert", qubit);
    ConvertGroup("Convert", m_slots[slot].group, f);
}

// --- ground truth ---------------------------------------------------------------

QMatrix
QuantumStateRegistry::GetDensityMatrix(const std::vector<QubitHandle>& qubits) const
{
    for (size_t i = 0; i < qubits.size(); ++i)
    {
        Check("GetDensityMatrix", qubits[i]);
        for (size_t j = 0; j < i; ++j)
        {
            NS_ABORT_MSG_IF(qubits[i] == qubits[j],
                            "QuantumStateRegistry::GetDensityMatrix: qubit " << qubits[i]
                                                                             << " is named twice");
        }
    }
    NS_ABORT_MSG_IF(qubits.empty() || qubits.size() > 12,
                    "QuantumStateRegistry::GetDensityMatrix: " << qubits.size()
                                                               << " qubits requested; 1 to 12 "
                                                                  "are supported");
    // Groups are independent, so the joint state is the tensor product of each
    // group's reduced state; then reorder to the requested qubit order.
    std::vector<uint32_t> groups;
    std::vector<uint32_t> order; // position in the product -> position requested
    QMatrix rho = QMatrix::Identity(1, 1);
    for (size_t i = 0; i < qubits.size(); ++i)
    {
        const uint32_t g = m_slots[qubits[i].GetSlot()].group;
        if (std::find(groups.begin(), groups.end(), g) != groups.end())
        {
            continue;
        }
        groups.push_back(g);
        std::vector<uint32_t> keep;
        for (size_t j = i; j < qubits.size(); ++j)
        {
            if (m_slots[qubits[j].GetSlot()].group == g)
            {
                keep.push_back(m_slots[qubits[j].GetSlot()].index);
                order.push_back(j);
            }
        }
        rho = quantumlinalg::Kron(rho, m_groups[g].state->GetReducedDensityMatrix(keep));
    }
    const uint32_t n = qubits.size();
    bool identity = true;
    for (uint32_t k = 0; k < n; ++k)
    {
        identity &= (order[k] == k);
    }
    if (identity)
    {
        return rho;
    }
    // Permute: product qubit k goes to requested position order[k].
    const uint64_t dim = uint64_t(1) << n;
    std::vector<uint64_t> map(dim);
    for (uint64_t i = 0; i < dim; ++i)
    {
        uint64_t j = 0;
        for (uint32_t k = 0; k < n; ++k)
        {
            if ((i >> (n - 1 - k)) & 1)
            {
                j |= uint64_t(1) << (n - 1 - order[k]);
            }
        }
        map[i] = j;
    }
    QMatrix out(dim, dim);
    for (uint64_t r = 0; r < dim; ++r)
    {
        for (uint64_t c = 0; c < dim; ++c)
        {
            out(map[r], map[c]) = rho(r, c);
        }
    }
    return out;
}

double
QuantumStateRegistry::GetFidelity(const std::vector<QubitHandle>& qubits,
                                  const QVector& reference) const
{
    NS_ABORT_MSG_IF(reference.size() != (Eigen::Index(1) << qubits.size()),
                    "QuantumStateRegistry::GetFidelity: reference has "
                        << reference.size() << " amplitudes, expected 2^" << qubits.size());
    const double norm = reference.squaredNorm();
    NS_ABORT_MSG_IF(std::abs(norm - 1) > 1e-9,
                    "QuantumStateRegistry::GetFidelity: reference has squared norm " << norm
                                                                                     << ", not 1");
    // Fast path: all qubits in one group, in which the state computes it.
    const uint32_t g = m_slots[Check("GetFidelity", qubits.at(0))].group;
    bool sameGroup = true;
    for (const auto& q : qubits)
    {
        sameGroup &= (m_slots[Check("GetFidelity", q)].group == g);
    }
    if (sameGroup)
    {
        return m_groups[g].state->GetFidelity(reference, LocalIndices(qubits));
    }
    const QMatrix rho = GetDensityMatrix(qubits);
    return std::real(reference.dot(rho * reference));
}

QuantumFormalism
QuantumStateRegistry::GetFormalism(QubitHandle qubit) const
{
    return m_groups[m_slots[Check("GetFormalism", qubit)].group].state->GetFormalism();
}

uint32_t
QuantumStateRegistry::GetGroupSize(QubitHandle qubit) const
{
    return m_groups[m_slots[Check("GetGroupSize", qubit)].group].slots.size();
}

std::vector<QubitHandle>
QuantumStateRegistry::GetGroupQubits(QubitHandle qubit) const
{
    return HandlesOf(m_slots[Check("GetGroupQubits", qubit)].group);
}

bool
QuantumStateRegistry::InSameGroup(QubitHandle a, QubitHandle b) const
{
    return m_slots[Check("InSameGroup", a)].group == m_slots[Check("InSameGroup", b)].group;
}

uint32_t
QuantumStateRegistry::GetNumLiveQubits() const
{
    return m_liveQubits;
}

uint32_t
QuantumStateRegistry::GetNumGroups() const
{
    return m_groups.size() - m_freeGroups.size();
}

uint32_t
QuantumStateRegistry::GetSlotCapacity() const
{
    return m_slots.size();
}

uint32_t
QuantumStateRegistry::GetGroupCapacity() const
{
    return m_groups.size();
}

} // namespace ns3
