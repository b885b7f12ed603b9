/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HERALD_HEADER_H
#define HERALD_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Classical messages of heralded entanglement generation: the
 * station's herald for one attempt, and the CREATE handshake between the two
 * ends of a link.
 *
 * One fixed-size header serves all message types; fields a type does not use
 * are zero.  It carries only what real hardware knows: attempt and pair
 * numbers, the click pattern, the Bell-state label it implies, and the
 * request parameters.  Over UDP it is the whole payload; on a signal line it
 * is handed over as is, after the line's delay.
 */
class HeraldHeader : public Header
{
  public:
    /** Message types. */
    enum MessageType : uint8_t
    {
        HERALD = 0, //!< station -> ends: result of one attempt
        CREATE = 1, //!< origin end -> peer end: a CREATE request to serve together
        ACCEPT = 2, //!< peer -> origin: accepted, with the number of parallel lanes
        REJECT = 3, //!< peer -> origin: refused (no free memory slot or busy)
        ABORT = 4,  //!< either end -> other: the request stops (error code in bellLabel)
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

    MessageType type = HERALD; //!< message type
    uint16_t requestTag = 0;   //!< link-wide tag of the request the message belongs to
    uint16_t lane = 0;         //!< parallel attempt lane (memory slot in use)
    uint32_t attemptId = 0;    //!< attempt number within the lane (HERALD)
    uint8_t clickPattern = 0;  //!< bit 2r + j: detector j clicked in round r (HERALD)
    uint8_t success = 0;       //!< 1 if the pattern heralds entanglement (HERALD)
    uint8_t bellLabel = 0;     //!< heralded Bell state label (HERALD); error code (ABORT)
    uint32_t successIndex = 0; //!< index of this success within the request (HERALD)
    uint64_t pairId = 0;       //!< link-unique pair id (HERALD success)
    uint32_t requestId = 0;    //!< request id at the origin (CREATE)
    uint32_t originNodeId = 0; //!< node that issued the CREATE (CREATE)
    uint32_t numPairs = 0;     //!< pairs wanted (CREATE)
    uint8_t requestType = 0;   //!< EntanglementRequestType (CREATE)
    uint8_t basisKind = 0;     //!< MeasurementBasis::Kind (CREATE)
    double basisTheta = 0;     //!< basis polar angle (CREATE)
    double basisPhi = 0;       //!< basis azimuth (CREATE)
    double minFidelity = 0;    //!< minimum fidelity (CREATE)
    int64_t deadlineNs = 0;    //!< absolute deadline in ns, 0 = none (CREATE)
    uint16_t lanes = 0;        //!< parallel lanes proposed / agreed (CREATE, ACCEPT)
};

} // namespace ns3

#endif /* HERALD_HEADER_H */
