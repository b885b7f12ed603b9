/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QKD_SESSION_HEADER_H
#define QKD_SESSION_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Header of one QKD post-processing message on the classical
 * channel (QkdSession): message type, frame index and payload length.
 *
 * On the byte stream a message is this header (9 bytes), the payload, and a
 * 16-byte Wegman-Carter tag (sequence number and tag) over header and
 * payload.
 */
class QkdSessionHeader : public Header
{
  public:
    /** Message types. */
    enum Type : uint8_t
    {
        SIFT = 1,             //!< Bob: detected pulses and his bases
        SIFT_REPLY = 2,       //!< Alice: her bases, labels, counts, disclosed bits
        PE_RESULT = 3,        //!< Bob: abort flag and QBER estimate
        CASCADE_REQUEST = 4,  //!< Bob: Cascade parity request
        CASCADE_RESPONSE = 5, //!< Alice: Cascade parities
        EC_DONE = 6,          //!< Bob: Cascade finished
        VERIFY = 7,           //!< Alice: verification seed and tag
        PRIVACY = 8,          //!< Bob: final length and Toeplitz seed
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    QkdSessionHeader();

    /** @param type the message type */
    void SetType(uint8_t type);
    /** @return the message type */
    uint8_t GetType() const;
    /** @param frame the frame index */
    void SetFrame(uint32_t frame);
    /** @return the frame index */
    uint32_t GetFrame() const;
    /** @param length payload bytes */
    void SetPayloadLength(uint32_t length);
    /** @return payload bytes */
    uint32_t GetPayloadLength() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /** Serialized size in bytes. */
    static constexpr uint32_t SIZE = 9;

  private:
    uint8_t m_type;    //!< message type
    uint32_t m_frame;  //!< frame index
    uint32_t m_length; //!< payload length
};

} // namespace ns3

#endif /* QKD_SESSION_HEADER_H */
