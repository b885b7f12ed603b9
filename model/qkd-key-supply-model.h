/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_SUPPLY_MODEL_H
#define QKD_KEY_SUPPLY_MODEL_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>

namespace ns3
{

class QkdKeyManager;
class UniformRandomVariable;

/**
 * @ingroup quantum
 * @brief A rate model of a QKD link's secret-key output: identical random key
 * blocks delivered to the key managers at both ends at a constant secret-key
 * rate, instead of simulating the QKD protocol itself.
 *
 * This is a stand-in for a BB84 session (whose SecretKey output can feed
 * QkdKeyManager::AddLinkKey directly), for networks where the key *rate*, not
 * the protocol, matters.  The rate should come from physics:
 * DecoyBb84RateBps() evaluates the asymptotic decoy-state BB84 rate
 * R = q { -Q_mu f h(E_mu) + Q_1 [1 - h(e_1)] } (Ma, Qi, Zhao, Lo, PRA 72,
 * 012326 (2005), eq. (1), infinite-decoy single-photon values) times the
 * pulse rate.  A block of BlockBits bits is delivered every BlockBits / rate
 * seconds, to both ends at the same simulation time, with ids 1, 2, 3, ...
 */
class QkdKeySupplyModel : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QkdKeySupplyModel();
    ~QkdKeySupplyModel() override;

    /**
     * TracedCallback signature of BlockSupplied.
     * @param blockId the block id
     * @param numBits its length
     */
    typedef void (*BlockTracedCallback)(uint64_t blockId, uint32_t numBits);

    /**
     * Asymptotic decoy-state BB84 secret-key rate of a fibre link, with the
     * standard channel model of [Ma2005] Sec. II (eta = 10^{-alpha L / 10}
     * eta_Bob; Q_mu, E_mu from eqs. (10)-(11); Y_1, e_1 exact).
     * @param lengthKm fibre length, >= 0
     * @param attenuationDbPerKm alpha, >= 0
     * @param detectorEfficiency eta_Bob in (0, 1]
     * @param y0 background yield (dark counts) per pulse in [0, 1)
     * @param misalignment e_d in [0, 0.5]
     * @param mu signal mean photon number, > 0
     * @param f error-correction efficiency, >= 1
     * @param pulseRateHz pulses per second, > 0
     * @return secret bits per second (0 beyond the maximal distance)
     */
    static double DecoyBb84RateBps(double lengthKm,
                                   double attenuationDbPerKm,
                                   double detectorEfficiency,
                                   double y0,
                                   double misalignment,
                                   double mu,
                                   double f,
                                   double pulseRateHz);

    /**
     * @param a key manager at one end (must have a QKD link store to b's node)
     * @param b key manager at the other end
     */
    void SetLink(Ptr<QkdKeyManager> a, Ptr<QkdKeyManager> b);

    /**
     * Start delivering at the current time + one block interval.
     */
    void Start();

    /** Stop delivering. */
    void Stop();

    /**
     * @param stream first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** @return the number of blocks delivered */
    uint64_t GetBlocksSupplied() const;

  protected:
    void DoDispose() override;

  private:
    /** Deliver one block to both ends and schedule the next. */
    void Supply();

    Ptr<QkdKeyManager> m_a;                             //!< one end
    Ptr<QkdKeyManager> m_b;                             //!< other end
    Ptr<UniformRandomVariable> m_rng;                   //!< key bits
    double m_rateBps;                                   //!< secret-key rate
    uint32_t m_blockBits;                               //!< block size
    uint64_t m_nextId;                                  //!< next block id
    EventId m_event;                                    //!< next delivery
    TracedCallback<uint64_t, uint32_t> m_suppliedTrace; //!< BlockSupplied
};

} // namespace ns3

#endif /* QKD_KEY_SUPPLY_MODEL_H */
