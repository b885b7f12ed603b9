/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stabilizer-code.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <bitset>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StabilizerCode");

namespace
{
/**
 * @param v a 32-bit mask
 * @return the number of set bits
 */
uint32_t
PopCount(uint64_t v)
{
    return static_cast<uint32_t>(std::bitset<64>(v).count());
}

/**
 * @param p a Pauli
 * @return x | z << 32
 */
uint64_t
Pack(const PauliMask& p)
{
    return static_cast<uint64_t>(p.x) | (static_cast<uint64_t>(p.z) << 32);
}
} // namespace

bool
PauliMask::CommutesWith(const PauliMask& other) const
{
    return (PopCount((x & other.z) ^ (z & other.x)) & 1) == 0;
}

uint32_t
PauliMask::GetWeight() const
{
    return PopCount(x | z);
}

std::string
PauliMask::ToString(uint32_t n) const
{
    std::string s(n, 'I');
    for (uint32_t j = 0; j < n; ++j)
    {
        const bool bx = (x >> j) & 1;
        const bool bz = (z >> j) & 1;
        s[j] = bx ? (bz ? 'Y' : 'X') : (bz ? 'Z' : 'I');
    }
    return s;
}

PauliMask
PauliMask::operator*(const PauliMask& other) const
{
    return PauliMask{x ^ other.x, z ^ other.z};
}

bool
PauliMask::operator==(const PauliMask& other) const
{
    return x == other.x && z == other.z;
}

PauliMask
StabilizerCode::ParsePauli(const std::string& pauli, const std::string& what)
{
    NS_ABORT_MSG_IF(pauli.empty(), what << ": empty Pauli string");
    NS_ABORT_MSG_IF(pauli.size() > 32,
                    what << ": Pauli string '" << pauli << "' has " << pauli.size()
                         << " letters; at most 32 are supported");
    PauliMask p;
    for (uint32_t j = 0; j < pauli.size(); ++j)
    {
        switch (pauli[j])
        {
            case 'I':
                break;
            case 'X':
                p.x |= 1u << j;
                break;
            case 'Z':
                p.z |= 1u << j;
                break;
            case 'Y':
                p.x |= 1u << j;
                p.z |= 1u << j;
                break;
            default:
                NS_FATAL_ERROR(what << ": invalid Pauli string '" << pauli << "': letter '"
                                    << pauli[j] << "' at position " << j
                                    << " is not one of I, X, Y, Z");
        }
    }
    return p;
}

StabilizerCode::StabilizerCode(const std::string& name,
                               const std::vector<std::string>& stabilizers,
                               const std::string& logicalX,
                               const std::string& logicalZ)
    : m_name(name)
    , m_n(static_cast<uint32_t>(logicalX.size()))
{
    NS_LOG_FUNCTION(this << name);
    const std::string who = "StabilizerCode '" + name + "'";
    NS_ABORT_MSG_IF(m_n < 2 || m_n > 20,
                    who << ": logical X '" << logicalX << "' has " << m_n
                        << " letters; a code needs 2 to 20 physical qubits");
    m_logicalX = ParsePauli(logicalX, who + " logical X");
    m_logicalZ = ParsePauli(logicalZ, who + " logical Z");
    NS_ABORT_MSG_IF(logicalZ.size() != m_n,
                    who << ": logical Z '" << logicalZ << "' has " << logicalZ.size()
                        << " letters, logical X has " << m_n << "; all strings must be as long");
    NS_ABORT_MSG_IF(stabilizers.size() != m_n - 1,
                    who << ": " << stabilizers.size() << " stabilizer generators given; an [["
                        << m_n << ",1]] code needs exactly " << m_n - 1);
    for (uint32_t i = 0; i < stabilizers.size(); ++i)
    {
        NS_ABORT_MSG_IF(stabilizers[i].size() != m_n,
                        who << ": stabilizer " << i << " '" << stabilizers[i] << "' has "
                            << stabilizers[i].size() << " letters; all strings must have " << m_n);
        m_stabilizers.push_back(ParsePauli(stabilizers[i], who + " stabilizer"));
    }
    for (uint32_t i = 0; i < m_stabilizers.size(); ++i)
    {
        for (uint32_t j = 0; j < i; ++j)
        {
            NS_ABORT_MSG_IF(!m_stabilizers[i].CommutesWith(m_stabilizers[j]),
                            who << ": stabilizers " << j << " '" << stabilizers[j] << "' and " << i
                                << " '" << stabilizers[i]
                                << "' do not commute; generators must commute");
        }
        NS_ABORT_MSG_IF(!m_stabilizers[i].CommutesWith(m_logicalX),
                        who << ": logical X '" << logicalX << "' does not commute with stabilizer "
                            << i << " '" << stabilizers[i] << "'");
        NS_ABORT_MSG_IF(!m_stabilizers[i].CommutesWith(m_logicalZ),
                        who << ": logical Z '" << logicalZ << "' does not commute with stabilizer "
                            << i << " '" << stabilizers[i] << "'");
    }
    NS_ABORT_MSG_IF(m_logicalX.CommutesWith(m_logicalZ),
                    who << ": logical X '" << logicalX << "' and logical Z '" << logicalZ
                        << "' commute; they must anticommute");
    // Gaussian elimination over GF(2) on the 2n-bit symplectic vectors.
    for (uint32_t i = 0; i < m_stabilizers.size(); ++i)
    {
        const uint64_t v = Reduce(Pack(m_stabilizers[i]));
        NS_ABORT_MSG_IF(v == 0,
                        who << ": stabilizer " << i << " '" << stabilizers[i]
                            << "' is a product of the earlier generators; generators must be "
                               "independent");
        uint32_t pivot = 0;
        while (((v >> pivot) & 1) == 0)
        {
            ++pivot;
        }
        for (auto& row : m_echelon)
        {
            if ((row >> pivot) & 1)
            {
                row ^= v;
            }
        }
        m_echelon.push_back(v);
        m_echelonPivots.push_back(pivot);
    }
}

uint64_t
StabilizerCode::Reduce(uint64_t v) const
{
    for (uint32_t r = 0; r < m_echelon.size(); ++r)
    {
        if ((v >> m_echelonPivots[r]) & 1)
        {
            v ^= m_echelon[r];
        }
    }
    return v;
}

StabilizerCode
StabilizerCode::BitFlipRepetition3()
{
    return StabilizerCode("BitFlip3", {"ZZI", "IZZ"}, "XXX", "ZII");
}

StabilizerCode
StabilizerCode::Steane7()
{
    return StabilizerCode("Steane7",
                          {"IIIXXXX", "IXXIIXX", "XIXIXIX", "IIIZZZZ", "IZZIIZZ", "ZIZIZIZ"},
                          "XXXXXXX",
                          "ZZZZZZZ");
}

StabilizerCode
StabilizerCode::FromName(const std::string& name)
{
    if (name == "BitFlip3")
    {
        return BitFlipRepetition3();
    }
    if (name == "Steane7")
    {
        return Steane7();
    }
    NS_FATAL_ERROR("StabilizerCode::FromName: unknown code '" << name
                                                              << "'; valid: BitFlip3, Steane7");
}

std::string
StabilizerCode::GetName() const
{
    return m_name;
}

uint32_t
StabilizerCode::GetNumQubits() const
{
    return m_n;
}

uint32_t
StabilizerCode::GetNumStabilizers() const
{
    return static_cast<uint32_t>(m_stabilizers.size());
}

const PauliMask&
StabilizerCode::GetStabilizer(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_stabilizers.size(),
                    "StabilizerCode '" << m_name << "': stabilizer index " << i
                                       << " out of range (0.." << m_stabilizers.size() - 1 << ")");
    return m_stabilizers[i];
}

const PauliMask&
StabilizerCode::GetLogicalX() const
{
    return m_logicalX;
}

const PauliMask&
StabilizerCode::GetLogicalZ() const
{
    return m_logicalZ;
}

bool
StabilizerCode::IsCss() const
{
    for (const auto& g : m_stabilizers)
    {
        if (g.x != 0 && g.z != 0)
        {
            return false;
        }
    }
    return m_logicalX.z == 0 && m_logicalZ.x == 0;
}

uint32_t
StabilizerCode::GetSyndrome(const PauliMask& error) const
{
    uint32_t s = 0;
    for (uint32_t i = 0; i < m_stabilizers.size(); ++i)
    {
        if (!m_stabilizers[i].CommutesWith(error))
        {
            s |= 1u << i;
        }
    }
    return s;
}

bool
StabilizerCode::IsInStabilizerGroup(const PauliMask& p) const
{
    return Reduce(Pack(p)) == 0;
}

} // namespace ns3
