/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BLIND_COMPUTATION_HEADER_H
#define BLIND_COMPUTATION_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief The classical messages of blind quantum computation, between a
 * BlindComputationClient and a BlindComputationServer (UDP).
 *
 *  - START (client -> server): a new shot; carries the public part of the
 *    pattern, the number of qubits and the graph edges (the measurement
 *    order is the qubit order).
 *  - READY (server -> client): START processed; photons may be sent.
 *  - ACK (server -> client): the photon of qubit `index` arrived and is stored.
 *  - DELTA (client -> server): measure qubit `index` at angle value pi/4.
 *  - OUTCOME (server -> client): the outcome `value` (0 or 1) of qubit `index`.
 *
 * Nothing secret travels: the angles the server sees are the blinded delta_i.
 */
class BlindComputationHeader : public Header
{
  public:
    /** Message types. */
    enum MessageType : uint8_t
    {
        START = 1,   //!< begin a shot
        ACK = 2,     //!< photon stored
        DELTA = 3,   //!< measurement angle
        OUTCOME = 4, //!< measurement outcome
        READY = 5,   //!< ready for the photons of a shot
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

    MessageType type = START;                         //!< message type
    uint32_t shot = 0;                                //!< shot number
    uint32_t index = 0;                               //!< qubit index (ACK, DELTA, OUTCOME)
    uint8_t value = 0;                                //!< angle index (DELTA) or outcome
    uint32_t numQubits = 0;                           //!< graph size (START)
    std::vector<std::pair<uint16_t, uint16_t>> edges; //!< graph edges (START)
};

} // namespace ns3

#endif /* BLIND_COMPUTATION_HEADER_H */
