/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_ENCRYPTING_APPLICATION_H
#define QKD_ENCRYPTING_APPLICATION_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

/**
 * @ingroup quantum
 * @brief A consumer of QKD keys: a sender that one-time-pad encrypts its
 * traffic with keys from its node's QkdKeyManager (GetKey, as master SAE),
 * and a receiver that fetches the same keys by id (GetKeyWithIds, as slave
 * SAE), decrypts and verifies the plaintext.
 *
 * Every packet carries PacketSizeBytes bytes of plaintext and consumes one key
 * of 8 PacketSizeBytes bits (one-time pad: the key rate must match the data
 * rate).  Wire format of a packet (UDP): key id (8 bytes), sequence number
 * (4), length (4), ciphertext.  The plaintext is a fixed function of the
 * sequence number and the byte index, so the receiver can verify it.
 *
 * When the key manager has no key (INSUFFICIENT_KEY) the sender stalls: the
 * packet is not sent and the attempt is counted; it tries again after
 * Interval.  When the receiver's key manager does not know the key id yet
 * (the RESERVE message is still on its way) the receiver retries after
 * RetryInterval, at most MaxRetries times.
 */
class QkdEncryptingApplication : public Application
{
  public:
    /** Sender or receiver. */
    enum Role
    {
        SENDER,  //!< master SAE: gets keys and encrypts
        RECEIVER //!< slave SAE: gets keys by id and decrypts
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdEncryptingApplication();
    ~QkdEncryptingApplication() override;

    /**
     * TracedCallback signature of Encrypted and Decrypted.
     * @param seq packet sequence number
     * @param bytes plaintext bytes
     * @param keyId the key used
     */
    typedef void (*PacketTracedCallback)(uint32_t seq, uint32_t bytes, uint64_t keyId);

    /**
     * The plaintext the sender encrypts (known to the receiver for checking).
     * @param seq sequence number
     * @param size number of bytes
     * @return the plaintext bytes
     */
    static std::vector<uint8_t> Plaintext(uint32_t seq, uint32_t size);

    /** @return plaintext bytes sent encrypted (sender) */
    uint64_t GetBytesEncrypted() const;

    /** @return plaintext bytes decrypted and verified (receiver) */
    uint64_t GetBytesDecrypted() const;

    /** @return decrypted bytes that did not match the plaintext (receiver) */
    uint64_t GetBytesMismatched() const;

    /** @return send attempts without key (sender) */
    uint64_t GetStalls() const;

    /** @return packets sent (sender) or decrypted (receiver) */
    uint64_t GetPackets() const;

    /** @return key requests refused for a reason other than INSUFFICIENT_KEY */
    uint64_t GetRefusals() const;

    /** @return key bits used (sender: obtained; receiver: obtained by id) */
    uint64_t GetKeyBitsUsed() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** Sender: try to send the next packet. */
    void SendNext();

    /**
     * @param socket receiver socket with data
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * Receiver: try to decrypt a packet.
     * @param keyId key id
     * @param seq sequence number
     * @param cipher ciphertext
     * @param retries attempts so far
     */
    void TryDecrypt(uint64_t keyId, uint32_t seq, std::vector<uint8_t> cipher, uint32_t retries);

    Role m_role;                                                   //!< sender or receiver
    uint32_t m_localSae;                                           //!< our SAE id
    uint32_t m_peerSae;                                            //!< the other SAE id
    Address m_remote;                                              //!< sender: receiver address
    uint16_t m_port;                                               //!< receiver: listening port
    uint32_t m_packetSize;                                         //!< plaintext bytes per packet
    Time m_interval;                                               //!< sender: time between packets
    uint32_t m_maxPackets;                                         //!< sender: 0 = unlimited
    Time m_retryInterval;                                          //!< receiver: retry delay
    uint32_t m_maxRetries;                                         //!< receiver: retries per packet
    Ptr<Socket> m_socket;                                          //!< UDP socket
    EventId m_sendEvent;                                           //!< next send
    uint32_t m_seq;                                                //!< next sequence number
    uint64_t m_bytesEncrypted;                                     //!< sender counter
    uint64_t m_bytesDecrypted;                                     //!< receiver counter
    uint64_t m_bytesMismatched;                                    //!< receiver counter
    uint64_t m_stalls;                                             //!< sender counter
    uint64_t m_packets;                                            //!< packets sent / decrypted
    uint64_t m_refusals;                                           //!< other refusals
    uint64_t m_keyBits;                                            //!< key bits used
    TracedCallback<uint32_t, uint32_t, uint64_t> m_encryptedTrace; //!< Encrypted
    TracedCallback<uint32_t, uint32_t, uint64_t> m_decryptedTrace; //!< Decrypted
    TracedCallback<Time> m_stallTrace;                             //!< Stall
};

} // namespace ns3

#endif /* QKD_ENCRYPTING_APPLICATION_H */
