/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DISTRIBUTED_GATE_HEADER_H
#define DISTRIBUTED_GATE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The classical message of a non-local CNOT: one measured bit of the
 * gate-teleportation protocol (DistributedQpuApplication), carried over UDP.
 *
 * Wire format (11 bytes, network order): kind (1), shot (4), operation index
 * (4), bit (1), reserved (1).
 */
class DistributedGateHeader : public Header
{
  public:
    /** Which bit of the protocol. */
    enum Kind : uint8_t
    {
        ENTANGLER_BIT = 1,    //!< control to target: Z outcome of the control's pair half
        DISENTANGLER_BIT = 2, //!< target to control: X outcome of the target's pair half
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    DistributedGateHeader();

    /** @param kind the kind */
    void SetKind(Kind kind);
    /** @return the kind */
    Kind GetKind() const;
    /** @param shot the shot */
    void SetShot(uint32_t shot);
    /** @return the shot */
    uint32_t GetShot() const;
    /** @param op the operation index in the circuit */
    void SetOperation(uint32_t op);
    /** @return the operation index */
    uint32_t GetOperation() const;
    /** @param bit the measured bit (0 or 1) */
    void SetBit(uint8_t bit);
    /** @return the bit */
    uint8_t GetBit() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    Kind m_kind;     //!< kind
    uint32_t m_shot; //!< shot
    uint32_t m_op;   //!< operation index
    uint8_t m_bit;   //!< the bit
};

} // namespace ns3

#endif /* DISTRIBUTED_GATE_HEADER_H */
