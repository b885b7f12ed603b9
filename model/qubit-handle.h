/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUBIT_HANDLE_H
#define QUBIT_HANDLE_H

#include <cstdint>
#include <functional>
#include <ostream>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A small typed identifier of one qubit held by a QuantumStateRegistry.
 *
 * The handle is cheap to copy and carries no pointer.  It is made of a slot
 * index and a generation counter: when a qubit is discarded its slot is reused
 * with a new generation, so a stale handle can never silently refer to a
 * different qubit (the registry aborts with a clear message instead).
 */
class QubitHandle
{
  public:
    /** Construct an invalid handle. */
    QubitHandle();

    /**
     * Construct a handle from its parts.
     * @param slot the registry slot index
     * @param generation the slot's generation when the qubit was created
     */
    QubitHandle(uint32_t slot, uint32_t generation);

    /** @return true if this handle was issued by a registry (it may be stale) */
    bool IsValid() const;

    /** @return the slot index */
    uint32_t GetSlot() const;

    /** @return the generation */
    uint32_t GetGeneration() const;

    /** @return a 64-bit value unique to this handle (slot and generation) */
    uint64_t GetId() const;

    /**
     * @param other another handle
     * @return true if both name the same qubit
     */
    bool operator==(const QubitHandle& other) const;

    /**
     * @param other another handle
     * @return true if the handles differ
     */
    bool operator!=(const QubitHandle& other) const;

    /**
     * @param other another handle
     * @return strict weak order on GetId()
     */
    bool operator<(const QubitHandle& other) const;

  private:
    uint32_t m_slot;       //!< slot index in the registry
    uint32_t m_generation; //!< generation of the slot (0 = invalid handle)
};

/**
 * @param os output stream
 * @param h the handle
 * @return the stream, with "q<slot>.<generation>" written
 */
std::ostream& operator<<(std::ostream& os, const QubitHandle& h);

} // namespace ns3

namespace std
{
/** Hash of a QubitHandle, so handles can key unordered containers. */
template<>
struct hash<ns3::QubitHandle>
{
    /**
     * @param h the handle
     * @return its hash
     */
    size_t operator()(const ns3::QubitHandle& h) const noexcept
    {
        return std::hash<uint64_t>()(h.GetId());
    }
};
} // namespace std

#endif /* QUBIT_HANDLE_H */
