/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qubit-handle.h"

namespace ns3
{

QubitHandle::QubitHandle()
    : m_slot(0)
    , m_generation(0)
{
}

QubitHandle::QubitHandle(uint32_t slot, uint32_t generation)
    : m_slot(slot)
    , m_generation(generation)
{
}

bool
QubitHandle::IsValid() const
{
    return m_generation != 0;
}

uint32_t
QubitHandle::GetSlot() const
{
    return m_slot;
}

uint32_t
QubitHandle::GetGeneration() const
{
    return m_generation;
}

uint64_t
QubitHandle::GetId() const
{
    return (static_cast<uint64_t>(m_generation) << 32) | m_slot;
}

bool
QubitHandle::operator==(const QubitHandle& other) const
{
    return m_slot == other.m_slot && m_generation == other.m_generation;
}

bool
QubitHandle::operator!=(const QubitHandle& other) const
{
    return !(*this == other);
}

bool
QubitHandle::operator<(const QubitHandle& other) const
{
    return GetId() < other.GetId();
}

std::ostream&
operator<<(std::ostream& os, const QubitHandle& h)
{
    if (!h.IsValid())
    {
        return os << "q<invalid>";
    }
    return os << "q" << h.GetSlot() << "." << h.GetGeneration();
}

} // namespace ns3
