/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPEATER_MESSAGE_HEADER_H
#define REPEATER_MESSAGE_HEADER_H

#include "ns3/header.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Classical control message of the network layer (swapping,
 * purification, end-to-end completion, teleportation), carried over UDP.
 *
 * Repeater messages travel hop by hop along the entanglement they concern:
 * each names the link pair (PairId) whose other half the next node holds.
 * A node that has swapped that half forwards the message over its other
 * link, naming the pair it swapped it with; the node that still holds the
 * half consumes it.  Fields not used by a type are zero.  Serialized size:
 * 44 bytes.
 */
class RepeaterMessageHeader : public Header
{
  public:
    /** Message types. */
    enum Type : uint8_t
    {
        SWAP_UPDATE = 1,    //!< a swap joined this pair with another: Pauli-frame delta, span count
        DISCARD = 2,        //!< the pair is gone (cut-off, failed swap or purification)
        COMPLETE = 3,       //!< end-to-end pair complete: Bell label, round start
        PURIFY_START = 4,   //!< start a purification step on (PairId kept, AuxPairId sacrificed)
        PURIFY_OUTCOME = 5, //!< local outcome of a purification step
        TELEPORT_BITS = 6,  //!< the two classical bits of teleportation (Bell label)
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    RepeaterMessageHeader();

    /** @param t the type */
    void SetType(Type t);
    /** @return the type */
    Type GetType() const;
    /** @param id the link pair the message is about (held by the receiver) */
    void SetPairId(uint64_t id);
    /** @return the link pair id */
    uint64_t GetPairId() const;
    /** @param id a second pair id (PURIFY_START: the sacrificed pair) */
    void SetAuxPairId(uint64_t id);
    /** @return the second pair id */
    uint64_t GetAuxPairId() const;
    /** @param label a Bell label or Pauli-frame delta, 0..3 */
    void SetLabel(uint8_t label);
    /** @return the label */
    uint8_t GetLabel() const;
    /** @param c number of swaps accounted for (SWAP_UPDATE), round (COMPLETE) */
    void SetCount(uint32_t c);
    /** @return the count */
    uint32_t GetCount() const;
    /** @param w a Werner parameter estimate (4F-1)/3 carried with the update */
    void SetWerner(double w);
    /** @return the Werner parameter estimate */
    double GetWerner() const;
    /** @param t a time stamp (COMPLETE: start of the round at the first node) */
    void SetTimeStamp(Time t);
    /** @return the time stamp */
    Time GetTimeStamp() const;
    /** @param v a small protocol value (purification outcome, twirl choice) */
    void SetValue(uint32_t v);
    /** @return the value */
    uint32_t GetValue() const;
    /**
     * @param port the sending agent's port: with link-layer frames (no UDP)
     *        it tells the agents of several chains on one node apart
     */
    void SetPort(uint16_t port);
    /** @return the port */
    uint16_t GetPort() const;

    /**
     * @param t a type
     * @return its name
     */
    static std::string TypeName(Type t);

  private:
    Type m_type;         //!< type
    uint64_t m_pairId;   //!< pair id
    uint64_t m_auxPair;  //!< second pair id
    uint8_t m_label;     //!< Bell label / delta
    uint32_t m_count;    //!< count
    double m_werner;     //!< Werner parameter estimate
    int64_t m_timeStamp; //!< time stamp in ns-3 time steps
    uint32_t m_value;    //!< small value
    uint16_t m_port;     //!< sending agent's port
};

} // namespace ns3

#endif /* REPEATER_MESSAGE_HEADER_H */
