/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TIMING_JITTER_MODEL_H
#define TIMING_JITTER_MODEL_H

#include "quantum-channel-model.h"

#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Random extra delay of each signal: a Gaussian of mean "MeanDelay"
 * and standard deviation "StdDev", truncated at zero so that no signal
 * arrives before the propagation delay (light cannot outrun the medium).
 *
 * The extra delay D has the density of N(mu, sigma^2) restricted to D >= 0
 * (sampled by rejection; with mu >= 0 at least half the draws are
 * accepted).  With alpha = -mu / sigma and lambda = phi(alpha) / (1 -
 * Phi(alpha)) its mean is mu + sigma lambda and its variance sigma^2 (1 +
 * alpha lambda - lambda^2) (Johnson, Kotz and Balakrishnan, Continuous
 * Univariate Distributions, vol. 1, 2nd ed., 1994, section 10.1).  With the
 * default MeanDelay = 0 this is the half-normal distribution: mean sigma
 * sqrt(2/pi), standard deviation sigma sqrt(1 - 2/pi); with MeanDelay >> StdDev
 * it is the plain Gaussian N(mu, sigma^2).
 *
 * Jitter never reorders signals: the QuantumChannel delivers the signals
 * between a pair of devices in the order they were sent, holding back a
 * signal whose sampled arrival would precede an earlier one's.
 *
 * A pulse train (QuantumSignal::SetPulseTrain) takes the mean delay MeanDelay
 * and records the variance StdDev^2 on the signal; the detector adds an
 * untruncated Gaussian of that variance to each click's time stamp (the same
 * distribution when MeanDelay >> StdDev).
 */
class TimingJitterModel : public QuantumChannelModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    TimingJitterModel();
    ~TimingJitterModel() override;

    /** @return the expected extra delay, in seconds (truncated-normal mean) */
    double GetExpectedDelaySeconds() const;

    /** @return the standard deviation of the extra delay, in seconds (truncated normal) */
    double GetDelayStdDevSeconds() const;

  protected:
    void DoDispose() override;
    Time DoApply(Ptr<QuantumSignal> signal, const QuantumChannelContext& context) override;
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    Time m_mean;                        //!< mean of the parent Gaussian
    Time m_stdDev;                      //!< standard deviation of the parent Gaussian
    Ptr<NormalRandomVariable> m_normal; //!< standard normal draws
};

} // namespace ns3

#endif /* TIMING_JITTER_MODEL_H */
