/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SENSING_MESSAGE_HEADER_H
#define SENSING_MESSAGE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Classical messages of the entangled sensor network
 * (SensorFusionApplication <-> EntangledSensorApplication).
 *
 * One fixed-size header (16 bytes) for every message type; fields a type
 * does not use are zero.  It carries only what the nodes know: shot numbers,
 * Pauli corrections, measurement outcomes and the readout angle a sensor
 * used.
 */
class SensingMessageHeader : public Header
{
  public:
    /** Message types. */
    enum MessageType : uint8_t
    {
        CORRECTION = 0, //!< centre -> sensor: GHZ Pauli correction (bits: x + 2 z)
        START = 1,      //!< centre -> sensor: prepare a local |+> probe (separable strategy)
        OUTCOME = 2,    //!< sensor -> centre: readout bit and readout angle
        ABORT = 3,      //!< centre -> sensor: the shot failed, drop its qubit
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

    MessageType type = CORRECTION; //!< message type
    uint8_t bits = 0;              //!< correction x + 2 z (CORRECTION), outcome (OUTCOME)
    uint16_t sensor = 0;           //!< sensor index
    uint32_t shot = 0;             //!< shot number
    double readoutAngle = 0.0;     //!< azimuth of the readout basis in radians (OUTCOME)
};

} // namespace ns3

#endif /* SENSING_MESSAGE_HEADER_H */
