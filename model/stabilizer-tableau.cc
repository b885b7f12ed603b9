/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stabilizer-tableau.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <cmath>
#include <sstream>

/*
 * Implementation notes.
 *
 * The algorithm is CHP: S. Aaronson and D. Gottesman, "Improved simulation of
 * stabilizer circuits", Phys. Rev. A 70, 052328 (2004), section III.  Rows
 * 0 .. n-1 are the destabilizers, n .. 2n-1 the stabilizers, 2n the scratch
 * row.  Row r occupies m_stride = 2 W words at m_data[r * m_stride]: word 2w
 * holds x bits 64w .. 64w+63 and word 2w+1 the matching z bits, so the x and
 * z bits a one-qubit gate touches share a cache line.  Bits beyond n in the
 * last word are always zero.
 *
 * Gate rules (conjugation P -> U P U^dagger of every row, CHP section III):
 *   H:    r ^= x z;            swap x, z
 *   S:    r ^= x z;            z ^= x
 *   SDG:  r ^= x (1 - z);      z ^= x          (S^3, or S^dagger X S = -Y, Y -> X)
 *   X:    r ^= z;  Y: r ^= x ^ z;  Z: r ^= x   (sign flips where the Pauli anticommutes)
 *   CNOT(a, b): r ^= x_a z_b (x_b ^ z_a ^ 1);  x_b ^= x_a;  z_a ^= z_b
 *   CZ(a, b):   r ^= x_a x_b (z_a ^ z_b);      z_a ^= x_b;  z_b ^= x_a   (= H_b CNOT H_b)
 *   SWAP:       exchange the columns, no sign change.
 * Rz(k pi/2) is S^k up to a global phase, Rx(theta) = H Rz(theta) H and
 * Ry(theta) = S Rx(theta) S^dagger.
 */

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StabilizerTableau");

namespace
{

/// Largest number of qubits for the dense conversions.
constexpr uint32_t kMaxDenseQubits = 12;

/**
 * @param x a word
 * @return the number of set bits
 */
inline uint32_t
PopCount(uint64_t x)
{
    return static_cast<uint32_t>(__builtin_popcountll(x));
}

/**
 * @param theta a rotation angle, a multiple of pi/2
 * @return the number of quarter turns modulo 4
 */
uint32_t
QuarterTurns(double theta)
{
    const long long k = std::llround(theta / (M_PI / 2));
    return static_cast<uint32_t>(((k % 4) + 4) % 4);
}

} // namespace

StabilizerTableau::StabilizerTableau(uint32_t numQubits)
    : m_n(numQubits)
    , m_words((numQubits + 63) / 64)
    , m_stride(2 * m_words)
    , m_data(static_cast<size_t>(2 * numQubits + 1) * m_stride, 0)
    , m_sign(2 * static_cast<size_t>(numQubits) + 1, 0)
{
    NS_LOG_FUNCTION(this << numQubits);
    // |0...0>: destabilizer i = X_i, stabilizer i = +Z_i
    for (uint32_t i = 0; i < m_n; ++i)
    {
        const uint64_t bit = uint64_t(1) << (i & 63);
        RowPtr(i)[2 * (i >> 6)] = bit;
        RowPtr(m_n + i)[2 * (i >> 6) + 1] = bit;
    }
}

StabilizerTableau::~StabilizerTableau()
{
}

QuantumFormalism
StabilizerTableau::GetFormalism() const
{
    return QuantumFormalism::STABILIZER;
}

uint32_t
StabilizerTableau::GetNumQubits() const
{
    return m_n;
}

Ptr<QuantumState>
StabilizerTableau::Copy() const
{
    return Create<StabilizerTableau>(*this);
}

uint32_t
StabilizerTableau::GetMaxDenseQubits()
{
    return kMaxDenseQubits;
}

// ---------------------------------------------------------------------------
// Row primitives

uint64_t*
StabilizerTableau::RowPtr(uint32_t row) const
{
    NS_ASSERT(row <= 2 * m_n);
    return m_data.data() + static_cast<size_t>(row) * m_stride;
}

bool
StabilizerTableau::GetX(uint32_t row, uint32_t qubit) const
{
    return (RowPtr(row)[2 * (qubit >> 6)] >> (qubit & 63)) & 1;
}

bool
StabilizerTableau::GetZ(uint32_t row, uint32_t qubit) const
{
    return (RowPtr(row)[2 * (qubit >> 6) + 1] >> (qubit & 63)) & 1;
}

void
StabilizerTableau::RowSum(uint32_t h, uint32_t i) const
{
    // Row h := P_i P_h.  The power of the imaginary unit in the product is
    // the sum over qubits of g(x_i, z_i, x_h, z_h) (CHP), where g is +1 for
    // the ordered pairs XY, YZ, ZX, -1 for YX, ZY, XZ and 0 otherwise.  For
    // each word we form the masks of the qubits contributing +1 and -1 and add
    // them, in parallel over the 64 lanes, into a 2-bit counter per lane
    // (bit-sliced: c1 = low bit, c2 = high bit), which is the sum mod 4 per
    // lane.  The total mod 4 is popcount(c1) + 2 popcount(c2).
    uint64_t* dst = RowPtr(h);
    const uint64_t* src = RowPtr(i);
    uint64_t c1 = 0;
    uint64_t c2 = 0;
    for (uint32_t w = 0; w < m_words; ++w)
    {
        const uint64_t x1 = src[2 * w];
        const uint64_t z1 = src[2 * w + 1];
        const uint64_t x2 = dst[2 * w];
        const uint64_t z2 = dst[2 * w + 1];
        const uint64_t y1 = x1 & z1;
        const uint64_t xOnly1 = x1 & ~z1;
        const uint64_t zOnly1 = z1 & ~x1;
        const uint64_t y2 = x2 & z2;
        const uint64_t xOnly2 = x2 & ~z2;
        const uint64_t zOnly2 = z2 & ~x2;
        const uint64_t plus = (xOnly1 & y2) | (y1 & zOnly2) | (zOnly1 & xOnly2);
        const uint64_t minus = (y1 & xOnly2) | (zOnly1 & y2) | (xOnly1 & zOnly2);
        // +1 on the plus lanes, -1 (= +3) on the minus lanes; the two are disjoint
        c2 ^= (c1 & plus) | (~c1 & minus);
        c1 ^= plus | minus;
        dst[2 * w] = x1 ^ x2;
        dst[2 * w + 1] = z1 ^ z2;
    }
    const uint32_t e = 2 * m_sign[h] + 2 * m_sign[i] + PopCount(c1) + 2 * PopCount(c2);
    NS_ASSERT_MSG((e & 1) == 0, "StabilizerTableau: rowsum of anticommuting rows");
    m_sign[h] = (e >> 1) & 1;
}

void
StabilizerTableau::RowMulNoPhase(uint32_t h, uint32_t i)
{
    uint64_t* dst = RowPtr(h);
    const uint64_t* src = RowPtr(i);
    for (uint32_t w = 0; w < m_stride; ++w)
    {
        dst[w] ^= src[w];
    }
}

void
StabilizerTableau::RowClear(uint32_t row) const
{
    std::fill_n(RowPtr(row), m_stride, 0);
    m_sign[row] = 0;
}

// ---------------------------------------------------------------------------
// Gates

void
StabilizerTableau::DoH(uint32_t a)
{
    const uint32_t s = a & 63;
    uint64_t* p = m_data.data() + 2 * (a >> 6);
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t x = (p[0] >> s) & 1;
        const uint64_t z = (p[1] >> s) & 1;
        r[i] ^= static_cast<uint8_t>(x & z);
        const uint64_t d = (x ^ z) << s;
        p[0] ^= d;
        p[1] ^= d;
    }
}

void
StabilizerTableau::DoS(uint32_t a)
{
    const uint32_t s = a & 63;
    uint64_t* p = m_data.data() + 2 * (a >> 6);
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t x = (p[0] >> s) & 1;
        const uint64_t z = (p[1] >> s) & 1;
        r[i] ^= static_cast<uint8_t>(x & z);
        p[1] ^= x << s;
    }
}

void
StabilizerTableau::DoSdg(uint32_t a)
{
    const uint32_t s = a & 63;
    uint64_t* p = m_data.data() + 2 * (a >> 6);
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t x = (p[0] >> s) & 1;
        const uint64_t z = (p[1] >> s) & 1;
        r[i] ^= static_cast<uint8_t>(x & (z ^ 1));
        p[1] ^= x << s;
    }
}

void
StabilizerTableau::DoPauli(uint32_t a, uint32_t pauli)
{
    NS_ASSERT(pauli < 4);
    if (pauli == 0)
    {
        return;
    }
    // The row's sign flips when it anticommutes with the Pauli: X with rows
    // having z = 1, Z with x = 1, Y with x ^ z = 1.
    const uint64_t useX = (pauli == 2 || pauli == 3) ? 1 : 0; // Y, Z anticommute with x
    const uint64_t useZ = (pauli == 1 || pauli == 2) ? 1 : 0; // X, Y anticommute with z
    const uint32_t s = a & 63;
    const uint64_t* p = m_data.data() + 2 * (a >> 6);
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t x = (p[0] >> s) & 1;
        const uint64_t z = (p[1] >> s) & 1;
        r[i] ^= static_cast<uint8_t>((x & useX) ^ (z & useZ));
    }
}

void
StabilizerTableau::DoCnot(uint32_t a, uint32_t b)
{
    NS_ASSERT(a != b);
    const uint32_t sa = a & 63;
    const uint32_t sb = b & 63;
    const uint32_t wa = 2 * (a >> 6);
    const uint32_t wb = 2 * (b >> 6);
    uint64_t* p = m_data.data();
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t xa = (p[wa] >> sa) & 1;
        const uint64_t za = (p[wa + 1] >> sa) & 1;
        const uint64_t xb = (p[wb] >> sb) & 1;
        const uint64_t zb = (p[wb + 1] >> sb) & 1;
        r[i] ^= static_cast<uint8_t>(xa & zb & (xb ^ za ^ 1));
        p[wb] ^= xa << sb;
        p[wa + 1] ^= zb << sa;
    }
}

void
StabilizerTableau::DoCz(uint32_t a, uint32_t b)
{
    NS_ASSERT(a != b);
    const uint32_t sa = a & 63;
    const uint32_t sb = b & 63;
    const uint32_t wa = 2 * (a >> 6);
    const uint32_t wb = 2 * (b >> 6);
    uint64_t* p = m_data.data();
    uint8_t* r = m_sign.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        const uint64_t xa = (p[wa] >> sa) & 1;
        const uint64_t za = (p[wa + 1] >> sa) & 1;
        const uint64_t xb = (p[wb] >> sb) & 1;
        const uint64_t zb = (p[wb + 1] >> sb) & 1;
        r[i] ^= static_cast<uint8_t>(xa & xb & (za ^ zb));
        p[wa + 1] ^= xb << sa;
        p[wb + 1] ^= xa << sb;
    }
}

void
StabilizerTableau::DoSwap(uint32_t a, uint32_t b)
{
    NS_ASSERT(a != b);
    const uint32_t sa = a & 63;
    const uint32_t sb = b & 63;
    const uint32_t wa = 2 * (a >> 6);
    const uint32_t wb = 2 * (b >> 6);
    uint64_t* p = m_data.data();
    const uint32_t rows = 2 * m_n;
    for (uint32_t i = 0; i < rows; ++i, p += m_stride)
    {
        for (uint32_t c = 0; c < 2; ++c)
        {
            const uint64_t d = ((p[wa + c] >> sa) ^ (p[wb + c] >> sb)) & 1;
            p[wa + c] ^= d << sa;
            p[wb + c] ^= d << sb;
        }
    }
}

void
StabilizerTableau::DoRzQuarter(uint32_t a, uint32_t k)
{
    switch (k & 3)
    {
        case 1:
            DoS(a);
            break;
        case 2:
            DoPauli(a, 3);
            break;
        case 3:
            DoSdg(a);
            break;
        default:
            break;
    }
}

bool
StabilizerTableau::SupportsGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) const
{
    return gate.IsClifford() && targets.size() == gate.GetNumQubits();
}

void
StabilizerTableau::ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets)
{
    NS_LOG_FUNCTION(this << gate.GetName());
    NS_ASSERT_MSG(gate.IsClifford(),
                  "StabilizerTableau: gate " << gate.GetName() << " is not Clifford");
    NS_ASSERT(targets.size() == gate.GetNumQubits());
    for (uint32_t t : targets)
    {
        NS_ASSERT_MSG(t < m_n, "StabilizerTableau: qubit " << t << " out of range (" << m_n << ")");
    }
    const uint32_t a = targets[0];
    switch (gate.GetKind())
    {
        case QuantumGate::I:
            break;
        case QuantumGate::X:
            DoPauli(a, 1);
            break;
        case QuantumGate::Y:
            DoPauli(a, 2);
            break;
        case QuantumGate::Z:
            DoPauli(a, 3);
            break;
        case QuantumGate::H:
            DoH(a);
            break;
        case QuantumGate::S:
            DoS(a);
            break;
        case QuantumGate::SDG:
            DoSdg(a);
            break;
        case QuantumGate::RZ:
            DoRzQuarter(a, QuarterTurns(gate.GetAngle()));
            break;
        case QuantumGate::RX: {
            // Rx(theta) = H Rz(theta) H
            const uint32_t k = QuarterTurns(gate.GetAngle());
            if (k == 2)
            {
                DoPauli(a, 1);
            }
            else if (k != 0)
            {
                DoH(a);
                DoRzQuarter(a, k);
                DoH(a);
            }
            break;
        }
        case QuantumGate::RY: {
            // Ry(theta) = S Rx(theta) S^dagger = S H Rz(theta) H S^dagger
            const uint32_t k = QuarterTurns(gate.GetAngle());
            if (k == 2)
            {
                DoPauli(a, 2);
            }
            else if (k != 0)
            {
                DoSdg(a);
                DoH(a);
                DoRzQuarter(a, k);
                DoH(a);
                DoS(a);
            }
            break;
        }
        case QuantumGate::CNOT:
            DoCnot(a, targets[1]);
            break;
        case QuantumGate::CZ:
            DoCz(a, targets[1]);
            break;
        case QuantumGate::SWAP:
            DoSwap(a, targets[1]);
            break;
        default:
            NS_ASSERT_MSG(false, "StabilizerTableau: unsupported gate " << gate.GetName());
            break;
    }
}

// ---------------------------------------------------------------------------
// Channels

bool
StabilizerTableau::SupportsChannel(const KrausChannel& channel,
                                   const std::vector<uint32_t>& targets) const
{
    const uint32_t k = channel.GetNumQubits();
    return channel.IsPauli() && (k == 1 || k == 2) && targets.size() == k;
}

void
StabilizerTableau::ApplyChannel(const KrausChannel& channel,
                                const std::vector<uint32_t>& targets,
                                RandomVariableStream& rng)
{
    NS_LOG_FUNCTION(this << channel.GetName());
    NS_ASSERT_MSG(SupportsChannel(channel, targets),
                  "StabilizerTableau: channel " << channel.GetName() << " is not a Pauli channel");
    for (uint32_t t : targets)
    {
        NS_ASSERT_MSG(t < m_n, "StabilizerTableau: qubit " << t << " out of range (" << m_n << ")");
    }
    const std::vector<double>& probs = channel.GetPauliProbabilities();
    const double u = rng.GetValue();
    // Inverse-CDF sampling; if rounding leaves u above the total, take the
    // last Pauli of nonzero probability.
    uint32_t chosen = 0;
    for (uint32_t i = 0; i < probs.size(); ++i)
    {
        if (probs[i] > 0)
        {
            chosen = i;
        }
    }
    double cumulative = 0;
    for (uint32_t i = 0; i < probs.size(); ++i)
    {
        cumulative += probs[i];
        if (u < cumulative)
        {
            chosen = i;
            break;
        }
    }
    if (targets.size() == 1)
    {
        DoPauli(targets[0], chosen);
    }
    else
    {
        NS_ASSERT(targets[0] != targets[1]);
        DoPauli(targets[0], chosen / 4);
        DoPauli(targets[1], chosen % 4);
    }
}

// ---------------------------------------------------------------------------
// Measurement

bool
StabilizerTableau::SupportsMeasurement(const MeasurementBasis& basis) const
{
    return basis.GetKind() != MeasurementBasis::GENERAL;
}

void
StabilizerTableau::RotateToZ(uint32_t a, const MeasurementBasis& basis, bool inverse)
{
    switch (basis.GetKind())
    {
        case MeasurementBasis::Z:
            break;
        case MeasurementBasis::X:
            // H maps |+> to |0>
            DoH(a);
            break;
        case MeasurementBasis::Y:
            // H S^dagger maps |+i> to |0>; back with S H
            if (inverse)
            {
                DoH(a);
                DoS(a);
            }
            else
            {
                DoSdg(a);
                DoH(a);
            }
            break;
        default:
            NS_ASSERT_MSG(false, "StabilizerTableau: unsupported basis " << basis.GetName());
            break;
    }
}

uint32_t
StabilizerTableau::FindAnticommutingStabilizer(uint32_t a) const
{
    const uint32_t w = 2 * (a >> 6);
    const uint64_t mask = uint64_t(1) << (a & 63);
    const uint64_t* p = m_data.data() + static_cast<size_t>(m_n) * m_stride + w;
    for (uint32_t i = m_n; i < 2 * m_n; ++i, p += m_stride)
    {
        if (*p & mask)
        {
            return i;
        }
    }
    return 2 * m_n;
}

uint32_t
StabilizerTableau::DeterministicZ(uint32_t a) const
{
    // Z_a commutes with every stabilizer, so Z_a = +-prod of the stabilizers
    // whose destabilizer anticommutes with Z_a, i.e. has x_a = 1 (CHP).
    const uint32_t scratch = 2 * m_n;
    RowClear(scratch);
    for (uint32_t i = 0; i < m_n; ++i)
    {
        if (GetX(i, a))
        {
            RowSum(scratch, m_n + i);
        }
    }
    NS_ASSERT(GetZ(scratch, a) && !GetX(scratch, a));
    return m_sign[scratch];
}

void
StabilizerTableau::CollapseZ(uint32_t a, uint32_t p, uint32_t outcome)
{
    NS_ASSERT(p >= m_n && p < 2 * m_n && GetX(p, a));
    // Make every other row commute with Z_a by multiplying with row p, which
    // anticommutes with Z_a.  Destabilizer phases carry no information.
    const uint32_t w = 2 * (a >> 6);
    const uint64_t mask = uint64_t(1) << (a & 63);
    for (uint32_t i = 0; i < 2 * m_n; ++i)
    {
        if (i != p && (RowPtr(i)[w] & mask))
        {
            if (i < m_n)
            {
                RowMulNoPhase(i, p);
            }
            else
            {
                RowSum(i, p);
            }
        }
    }
    // The old stabilizer becomes the destabilizer of the new one, +-Z_a.
    std::copy_n(RowPtr(p), m_stride, RowPtr(p - m_n));
    m_sign[p - m_n] = m_sign[p];
    RowClear(p);
    RowPtr(p)[w + 1] = mask;
    m_sign[p] = static_cast<uint8_t>(outcome);
}

double
StabilizerTableau::PauliOutcomeProbability(uint32_t a, bool px, bool pz, uint32_t outcome) const
{
    // Row i anticommutes with the Pauli (px, pz) on qubit a iff
    // x_ia pz + z_ia px = 1 (mod 2).
    const uint32_t w = 2 * (a >> 6);
    const uint32_t s = a & 63;
    const uint64_t mx = pz ? 1 : 0;
    const uint64_t mz = px ? 1 : 0;
    auto anticommutes = [&](uint32_t row) {
        const uint64_t* p = RowPtr(row) + w;
        return ((((p[0] >> s) & mx) ^ ((p[1] >> s) & mz)) & 1) != 0;
    };
    for (uint32_t i = m_n; i < 2 * m_n; ++i)
    {
        if (anticommutes(i))
        {
            return 0.5;
        }
    }
    const uint32_t scratch = 2 * m_n;
    RowClear(scratch);
    for (uint32_t i = 0; i < m_n; ++i)
    {
        if (anticommutes(i))
        {
            RowSum(scratch, m_n + i);
        }
    }
    NS_ASSERT(GetX(scratch, a) == px && GetZ(scratch, a) == pz);
    return (m_sign[scratch] == outcome) ? 1.0 : 0.0;
}

uint32_t
StabilizerTableau::Measure(uint32_t target,
                           const MeasurementBasis& basis,
                           RandomVariableStream& rng)
{
    NS_LOG_FUNCTION(this << target << basis.GetName());
    NS_ASSERT_MSG(target < m_n,
                  "StabilizerTableau: qubit " << target << " out of range (" << m_n << ")");
    NS_ASSERT(SupportsMeasurement(basis));
    RotateToZ(target, basis, false);
    uint32_t k;
    const uint32_t outcome = MeasureZAndIsolate(target, &rng, 0, k);
    RotateToZ(target, basis, true);
    NS_LOG_LOGIC("outcome " << outcome);
    return outcome;
}

double
StabilizerTableau::GetOutcomeProbability(uint32_t target,
                                         const MeasurementBasis& basis,
                                         uint32_t outcome) const
{
    NS_ASSERT_MSG(target < m_n,
                  "StabilizerTableau: qubit " << target << " out of range (" << m_n << ")");
    NS_ASSERT(outcome <= 1);
    switch (basis.GetKind())
    {
        case MeasurementBasis::Z:
            return PauliOutcomeProbability(target, false, true, outcome);
        case MeasurementBasis::X:
            return PauliOutcomeProbability(target, true, false, outcome);
        case MeasurementBasis::Y:
            return PauliOutcomeProbability(target, true, true, outcome);
        default:
            NS_ASSERT_MSG(false, "StabilizerTableau: unsupported basis " << basis.GetName());
            return 0;
    }
}

double
StabilizerTableau::Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome)
{
    NS_LOG_FUNCTION(this << target << basis.GetName() << outcome);
    const double prob = GetOutcomeProbability(target, basis, outcome);
    NS_ABORT_MSG_IF(prob == 0,
                    "StabilizerTableau::Project: outcome " << outcome << " of qubit " << target
                                                           << " in the " << basis.GetName()
                                                           << " basis has probability 0");
    RotateToZ(target, basis, false);
    uint32_t k;
    const uint32_t got = MeasureZAndIsolate(target, nullptr, outcome, k);
    NS_ASSERT(got == outcome);
    RotateToZ(target, basis, true);
    return prob;
}

// ---------------------------------------------------------------------------
// Removal and tensor product

uint32_t
StabilizerTableau::MeasureZAndIsolate(uint32_t t,
                                      RandomVariableStream* rng,
                                      uint32_t forced,
                                      uint32_t& k)
{
    const uint32_t w = 2 * (t >> 6);
    const uint64_t mask = uint64_t(1) << (t & 63);

    // 1. Measure Z_t and make stabilizer k + n exactly +-Z_t.
    uint32_t outcome;
    const uint32_t p = FindAnticommutingStabilizer(t);
    if (p < 2 * m_n)
    {
        // random: CHP collapse; afterwards only destabilizer p - n has x_t = 1
        outcome = rng ? ((rng->GetValue() < 0.5) ? 0 : 1) : forced;
        CollapseZ(t, p, outcome);
        k = p - m_n;
    }
    else
    {
        // deterministic: +-Z_t = product of the stabilizers i + n whose
        // destabilizer has x_t = 1 (now in the scratch row).  Replace the
        // first of them, k, by that product; every other such destabilizer i
        // then anticommutes with the new stabilizer k (which contains
        // stabilizer i): multiply it by destabilizer k.
        outcome = DeterministicZ(t);
        k = m_n;
        for (uint32_t i = 0; i < m_n; ++i)
        {
            if (RowPtr(i)[w] & mask)
            {
                if (k == m_n)
                {
                    k = i;
                }
                else
                {
                    RowMulNoPhase(i, k);
                }
            }
        }
        NS_ASSERT(k < m_n);
        std::copy_n(RowPtr(2 * m_n), m_stride, RowPtr(m_n + k));
        m_sign[m_n + k] = m_sign[2 * m_n];
    }

    // 2. Clear column t from every other row (all have x_t = 0 now):
    //    stabilizers by multiplying with (-1)^outcome Z_t, which only toggles
    //    the sign; destabilizers by multiplying with Z_t (phase irrelevant).
    //    Then destabilizer k := X_t, which anticommutes with stabilizer k only.
    for (uint32_t i = 0; i < 2 * m_n; ++i)
    {
        if (i == k || i == m_n + k)
        {
            continue;
        }
        uint64_t* row = RowPtr(i);
        NS_ASSERT((row[w] & mask) == 0);
        if (row[w + 1] & mask)
        {
            row[w + 1] &= ~mask;
            if (i >= m_n)
            {
                m_sign[i] ^= static_cast<uint8_t>(outcome);
            }
        }
    }
    std::fill_n(RowPtr(k), m_stride, 0);
    RowPtr(k)[w] = mask;
    m_sign[k] = 0;
    return outcome;
}

void
StabilizerTableau::RemoveQubit(uint32_t target, RandomVariableStream& rng)
{
    NS_LOG_FUNCTION(this << target);
    NS_ASSERT_MSG(target < m_n,
                  "StabilizerTableau: qubit " << target << " out of range (" << m_n << ")");
    const uint32_t t = target;
    const uint32_t wt = t >> 6;
    const uint64_t mask = uint64_t(1) << (t & 63);

    // Measure Z_t and decouple qubit t: stabilizer k + n = +-Z_t,
    // destabilizer k = X_t, no other row acts on t.
    uint32_t k;
    MeasureZAndIsolate(t, &rng, 0, k);

    // 3. Delete rows k, k + n and column t.
    const uint32_t n2 = m_n - 1;
    const uint32_t words2 = (n2 + 63) / 64;
    const uint32_t stride2 = 2 * words2;
    std::vector<uint64_t> data2(static_cast<size_t>(2 * n2 + 1) * stride2, 0);
    std::vector<uint8_t> sign2(2 * static_cast<size_t>(n2) + 1, 0);
    const uint64_t lowMask = mask - 1;
    uint32_t dst = 0;
    for (uint32_t i = 0; i < 2 * m_n; ++i)
    {
        if (i == k || i == m_n + k)
        {
            continue;
        }
        const uint64_t* src = RowPtr(i);
        uint64_t* out = data2.data() + static_cast<size_t>(dst) * stride2;
        for (uint32_t w = 0; w < words2; ++w)
        {
            for (uint32_t c = 0; c < 2; ++c)
            {
                const uint64_t cur = src[2 * w + c];
                const uint64_t next = (w + 1 < m_words) ? src[2 * (w + 1) + c] : 0;
                uint64_t v;
                if (w < wt)
                {
                    v = cur;
                }
                else if (w == wt)
                {
                    v = (cur & lowMask) | ((cur >> 1) & ~lowMask) | (next << 63);
                }
                else
                {
                    v = (cur >> 1) | (next << 63);
                }
                out[2 * w + c] = v;
            }
        }
        sign2[dst] = m_sign[i];
        ++dst;
    }
    NS_ASSERT(dst == 2 * n2);
    m_n = n2;
    m_words = words2;
    m_stride = stride2;
    m_data.swap(data2);
    m_sign.swap(sign2);
}

Ptr<QuantumState>
StabilizerTableau::Tensor(const QuantumState& other) const
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT_MSG(other.GetFormalism() == QuantumFormalism::STABILIZER,
                  "StabilizerTableau::Tensor: other state is "
                      << QuantumFormalismName(other.GetFormalism()));
    const auto& b = static_cast<const StabilizerTableau&>(other);
    const uint32_t n1 = m_n;
    const uint32_t n2 = b.m_n;
    Ptr<StabilizerTableau> result = Create<StabilizerTableau>(n1 + n2);
    std::fill(result->m_data.begin(), result->m_data.end(), 0);
    const uint32_t n = n1 + n2;
    const uint32_t words = result->m_words;

    // this: rows copied as they are (columns 0 .. n1-1)
    for (uint32_t i = 0; i < n1; ++i)
    {
        for (uint32_t half = 0; half < 2; ++half)
        {
            const uint32_t from = half * n1 + i;
            const uint32_t to = half * n + i;
            std::copy_n(RowPtr(from), m_stride, result->RowPtr(to));
            result->m_sign[to] = m_sign[from];
        }
    }
    // other: rows shifted right by n1 columns
    const uint32_t shiftWords = n1 >> 6;
    const uint32_t shiftBits = n1 & 63;
    for (uint32_t j = 0; j < n2; ++j)
    {
        for (uint32_t half = 0; half < 2; ++half)
        {
            const uint32_t from = half * n2 + j;
            const uint32_t to = half * n + n1 + j;
            const uint64_t* src = b.RowPtr(from);
            uint64_t* out = result->RowPtr(to);
            for (uint32_t w = 0; w < b.m_words; ++w)
            {
                for (uint32_t c = 0; c < 2; ++c)
                {
                    const uint64_t v = src[2 * w + c];
                    if (v == 0)
                    {
                        continue;
                    }
                    const uint32_t dw = shiftWords + w;
                    NS_ASSERT(dw < words);
                    out[2 * dw + c] |= v << shiftBits;
                    if (shiftBits != 0 && dw + 1 < words)
                    {
                        out[2 * (dw + 1) + c] |= v >> (64 - shiftBits);
                    }
                }
            }
            result->m_sign[to] = b.m_sign[from];
        }
    }
    return result;
}

// ---------------------------------------------------------------------------
// Dense conversion and printing

QVector
StabilizerTableau::GetStateVector() const
{
    NS_ABORT_MSG_IF(m_n > kMaxDenseQubits,
                    "StabilizerTableau::GetStateVector: "
                        << m_n << " qubits exceed the dense limit of " << kMaxDenseQubits);
    // Find the lowest basis state |b> in the support: collapse a copy qubit by
    // qubit in Z, choosing 0 whenever the outcome is random.
    StabilizerTableau work(*this);
    uint64_t b = 0;
    for (uint32_t q = 0; q < m_n; ++q)
    {
        const uint32_t p = work.FindAnticommutingStabilizer(q);
        uint32_t bit = 0;
        if (p < 2 * m_n)
        {
            work.CollapseZ(q, p, 0);
        }
        else
        {
            bit = work.DeterministicZ(q);
        }
        if (bit)
        {
            b |= uint64_t(1) << (m_n - 1 - q);
        }
    }
    // psi = prod_i (I + g_i) / 2 |b>, nonzero because <b|psi> = ||P|b>||^2 > 0,
    // with P the projector onto the stabilizer state; <b|psi> is real positive.
    const uint64_t dim = uint64_t(1) << m_n;
    QVector psi = QVector::Zero(dim);
    psi[b] = 1;
    QVector gpsi(dim);
    static const QComplex iPow[4]
        = {QComplex(1, 0), QComplex(0, 1), QComplex(-1, 0), QComplex(0, -1)};
    for (uint32_t g = 0; g < m_n; ++g)
    {
        const uint32_t row = m_n + g;
        uint64_t xMask = 0;
        uint64_t zMask = 0;
        for (uint32_t q = 0; q < m_n; ++q)
        {
            const uint64_t bit = uint64_t(1) << (m_n - 1 - q);
            xMask |= GetX(row, q) ? bit : 0;
            zMask |= GetZ(row, q) ? bit : 0;
        }
        // P|j> = (-1)^r i^{#Y} (-1)^{|j & zMask|} |j ^ xMask>  (Y = i X Z)
        const uint32_t base = 2 * m_sign[row] + PopCount(xMask & zMask);
        gpsi.setZero();
        for (uint64_t j = 0; j < dim; ++j)
        {
            if (psi[j] != QComplex(0, 0))
            {
                const uint32_t e = (base + 2 * PopCount(j & zMask)) & 3;
                gpsi[j ^ xMask] += iPow[e] * psi[j];
            }
        }
        psi = 0.5 * (psi + gpsi);
    }
    const double norm = psi.norm();
    NS_ASSERT(norm > 1e-9);
    return psi / norm;
}

QMatrix
StabilizerTableau::GetDensityMatrix() const
{
    NS_ABORT_MSG_IF(m_n > kMaxDenseQubits,
                    "StabilizerTableau::GetDensityMatrix: "
                        << m_n << " qubits exceed the dense limit of " << kMaxDenseQubits);
    const QVector psi = GetStateVector();
    return psi * psi.adjoint();
}

QMatrix
StabilizerTableau::GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const
{
    const uint32_t k = static_cast<uint32_t>(keep.size());
    NS_ABORT_MSG_IF(k > kMaxDenseQubits,
                    "StabilizerTableau::GetReducedDensityMatrix: " << k
                                                                   << " kept qubits exceed the "
                                                                      "dense limit of "
                                                                   << kMaxDenseQubits);
    std::vector<int32_t> position(m_n, -1); // position of each qubit in keep, or -1
    for (uint32_t j = 0; j < k; ++j)
    {
        NS_ASSERT_MSG(keep[j] < m_n && position[keep[j]] < 0,
                      "StabilizerTableau::GetReducedDensityMatrix: bad or repeated qubit "
                          << keep[j]);
        position[keep[j]] = static_cast<int32_t>(j);
    }

    // Eliminate the columns (x and z) of the traced-out qubits from a copy of
    // the stabilizer generators.  Pivot rows are removed from the candidate
    // set; the rows left over are zero outside the kept qubits and generate
    // the subgroup supported there.  The generators commute, so RowSum keeps
    // the signs exact.
    StabilizerTableau work(*this);
    std::vector<bool> used(m_n, false);
    for (uint32_t q = 0; q < m_n; ++q)
    {
        if (position[q] >= 0)
        {
            continue;
        }
        for (uint32_t c = 0; c < 2; ++c)
        {
            const uint32_t w = 2 * (q >> 6) + c;
            const uint64_t mask = uint64_t(1) << (q & 63);
            uint32_t pivot = m_n;
            for (uint32_t g = 0; g < m_n; ++g)
            {
                if (!used[g] && (work.RowPtr(m_n + g)[w] & mask))
                {
                    pivot = g;
                    break;
                }
            }
            if (pivot == m_n)
            {
                continue;
            }
            used[pivot] = true;
            for (uint32_t g = 0; g < m_n; ++g)
            {
                if (g != pivot && (work.RowPtr(m_n + g)[w] & mask))
                {
                    work.RowSum(m_n + g, m_n + pivot);
                }
            }
        }
    }

    // rho = 2^-k prod_j (I + g_j) over the remaining generators
    const uint64_t dim = uint64_t(1) << k;
    QMatrix rho = QMatrix::Identity(dim, dim) / static_cast<double>(dim);
    QMatrix grho(dim, dim);
    static const QComplex iPow[4]
        = {QComplex(1, 0), QComplex(0, 1), QComplex(-1, 0), QComplex(0, -1)};
    for (uint32_t g = 0; g < m_n; ++g)
    {
        if (used[g])
        {
            continue;
        }
        const uint32_t row = m_n + g;
        uint64_t xMask = 0;
        uint64_t zMask = 0;
        for (uint32_t j = 0; j < k; ++j)
        {
            const uint64_t bit = uint64_t(1) << (k - 1 - j);
            xMask |= work.GetX(row, keep[j]) ? bit : 0;
            zMask |= work.GetZ(row, keep[j]) ? bit : 0;
        }
        if (xMask == 0 && zMask == 0)
        {
            // a generator cannot be +-I; an all-I row here would be a bug
            NS_ASSERT_MSG(false, "StabilizerTableau: identity generator");
            continue;
        }
        // (g rho)[i ^ xMask, :] = phase(i) rho[i, :]  (Y = i X Z, as in GetStateVector)
        const uint32_t base = 2 * work.m_sign[row] + PopCount(xMask & zMask);
        for (uint64_t i = 0; i < dim; ++i)
        {
            const uint32_t e = (base + 2 * PopCount(i & zMask)) & 3;
            grho.row(i ^ xMask) = iPow[e] * rho.row(i);
        }
        rho += grho;
    }
    return rho;
}

std::vector<std::string>
StabilizerTableau::GetStabilizers() const
{
    static const char letters[4] = {'I', 'X', 'Z', 'Y'}; // index x + 2 z
    std::vector<std::string> out;
    out.reserve(m_n);
    for (uint32_t g = 0; g < m_n; ++g)
    {
        const uint32_t row = m_n + g;
        std::string s(m_n + 1, 'I');
        s[0] = m_sign[row] ? '-' : '+';
        for (uint32_t q = 0; q < m_n; ++q)
        {
            s[q + 1] = letters[(GetX(row, q) ? 1 : 0) + (GetZ(row, q) ? 2 : 0)];
        }
        out.push_back(s);
    }
    return out;
}

std::string
StabilizerTableau::ToString() const
{
    std::ostringstream os;
    const std::vector<std::string> stabs = GetStabilizers();
    for (size_t i = 0; i < stabs.size(); ++i)
    {
        os << (i ? "\n" : "") << stabs[i];
    }
    return os.str();
}

} // namespace ns3
