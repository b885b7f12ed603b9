/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "photon-number-statistics.h"

#include "ns3/abort.h"

#include <cmath>
#include <limits>
#include <random>

namespace ns3
{

namespace
{

/**
 * A uniform random bit generator (C++ named requirement) drawing 32-bit words
 * from an ns-3 stream, so the standard library's exact samplers stay on the
 * stream that AssignStreams fixed.
 */
struct StreamBits
{
    using result_type = uint32_t; //!< word type

    /** @return the smallest word */
    static constexpr result_type min()
    {
        return 0;
    }

    /** @return the largest word */
    static constexpr result_type max()
    {
        return std::numeric_limits<uint32_t>::max();
    }

    /** @return a uniform 32-bit word */
    result_type operator()()
    {
        return rng->GetInteger(0, std::numeric_limits<uint32_t>::max());
    }

    UniformRandomVariable* rng; //!< the stream
};

/**
 * Abort unless the arguments of a distribution are valid.
 * @param what the calling function
 * @param statistics the statistics
 * @param mean the mean
 */
void
CheckMean(const char* what, QuantumSignal::Statistics statistics, double mean)
{
    NS_ABORT_MSG_IF(!(mean >= 0) || !std::isfinite(mean),
                    "PhotonNumberStatistics::" << what << ": mean photon number " << mean
                                               << " must be finite and >= 0");
    NS_ABORT_MSG_IF(statistics == QuantumSignal::FOCK && mean != std::floor(mean),
                    "PhotonNumberStatistics::" << what
                                               << ": a Fock state needs an integer photon number, "
                                                  "got "
                                               << mean);
    NS_ABORT_MSG_IF(statistics == QuantumSignal::FOCK
                        && mean > double(std::numeric_limits<uint32_t>::max()),
                    "PhotonNumberStatistics::" << what << ": Fock photon number " << mean
                                               << " exceeds 2^32 - 1");
}

/**
 * Abort unless a probability is in [0, 1].
 * @param what the calling function
 * @param name the parameter name
 * @param p the value
 */
void
CheckProbability(const char* what, const char* name, double p)
{
    NS_ABORT_MSG_IF(!(p >= 0 && p <= 1),
                    "PhotonNumberStatistics::" << what << ": " << name << " = " << p
                                               << " is outside the valid range [0, 1]");
}

} // namespace

const char*
PhotonNumberStatistics::GetName(QuantumSignal::Statistics statistics)
{
    switch (statistics)
    {
        case QuantumSignal::FOCK:
            return "Fock";
        case QuantumSignal::POISSON:
            return "Poisson";
        case QuantumSignal::THERMAL:
            return "Thermal";
    }
    return "unknown";
}

double
PhotonNumberStatistics::Probability(QuantumSignal::Statistics statistics, double mean, uint32_t n)
{
    CheckMean("Probability", statistics, mean);
    switch (statistics)
    {
        case QuantumSignal::FOCK:
            return double(n) == mean ? 1.0 : 0.0;
        case QuantumSignal::POISSON:
            if (mean == 0)
            {
                return n == 0 ? 1.0 : 0.0;
            }
            return std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0));
        case QuantumSignal::THERMAL:
            if (mean == 0)
            {
                return n == 0 ? 1.0 : 0.0;
            }
            return std::exp(n * std::log(mean) - (n + 1.0) * std::log1p(mean));
    }
    NS_FATAL_ERROR("PhotonNumberStatistics::Probability: unknown statistics " << int(statistics));
    return 0;
}

double
PhotonNumberStatistics::GeneratingFunction(QuantumSignal::Statistics statistics,
                                           double mean,
                                           double z)
{
    CheckMean("GeneratingFunction", statistics, mean);
    CheckProbability("GeneratingFunction", "z", z);
    switch (statistics)
    {
        case QuantumSignal::FOCK:
            return std::pow(z, mean);
        case QuantumSignal::POISSON:
            return std::exp(-mean * (1 - z));
        case QuantumSignal::THERMAL:
            return 1 / (1 + mean * (1 - z));
    }
    NS_FATAL_ERROR("PhotonNumberStatistics::GeneratingFunction: unknown statistics "
                   << int(statistics));
    return 0;
}

double
PhotonNumberStatistics::NoPhotonProbability(QuantumSignal::Statistics statistics,
                                            double mean,
                                            double thinning)
{
    CheckProbability("NoPhotonProbability", "thinning", thinning);
    // G(1 - t), written out so that no rounding of 1 - (1 - t) enters.
    CheckMean("NoPhotonProbability", statistics, mean);
    switch (statistics)
    {
        case QuantumSignal::FOCK:
            return std::pow(1 - thinning, mean);
        case QuantumSignal::POISSON:
            return std::exp(-thinning * mean);
        case QuantumSignal::THERMAL:
            return 1 / (1 + thinning * mean);
    }
    NS_FATAL_ERROR("PhotonNumberStatistics::NoPhotonProbability: unknown statistics "
                   << int(statistics));
    return 0;
}

uint32_t
PhotonNumberStatistics::Sample(QuantumSignal::Statistics statistics,
                               double mean,
                               double thinning,
                               UniformRandomVariable& rng)
{
    CheckProbability("Sample", "thinning", thinning);
    CheckMean("Sample", statistics, mean);
    switch (statistics)
    {
        case QuantumSignal::FOCK:
            return SampleBinomial(static_cast<uint32_t>(mean), thinning, rng);
        case QuantumSignal::POISSON:
            return SamplePoisson(thinning * mean, rng);
        case QuantumSignal::THERMAL:
            return SampleThermal(thinning * mean, rng);
    }
    NS_FATAL_ERROR("PhotonNumberStatistics::Sample: unknown statistics " << int(statistics));
    return 0;
}

uint32_t
PhotonNumberStatistics::SamplePoisson(double mean, UniformRandomVariable& rng)
{
    NS_ABORT_MSG_IF(!(mean >= 0) || !std::isfinite(mean),
                    "PhotonNumberStatistics::SamplePoisson: mean " << mean
                                                                   << " must be finite and >= 0");
    if (mean == 0)
    {
        return 0;
    }
    if (mean <= 30)
    {
        // Inversion: one uniform, cost O(mean).
        const double u = rng.GetValue();
        double p = std::exp(-mean);
        double cdf = p;
        uint32_t k = 0;
        while (u > cdf && p > 0)
        {
            ++k;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }
    StreamBits bits{&rng};
    std::poisson_distribution<uint32_t> d(mean);
    return d(bits);
}

uint32_t
PhotonNumberStatistics::SampleThermal(double mean, UniformRandomVariable& rng)
{
    NS_ABORT_MSG_IF(!(mean >= 0) || !std::isfinite(mean),
                    "PhotonNumberStatistics::SampleThermal: mean " << mean
                                                                   << " must be finite and >= 0");
    if (mean == 0)
    {
        return 0;
    }
    // P(N >= n) = q^n with q = mean / (1 + mean); ln q = -ln(1 + 1/mean).
    const double u = 1.0 - rng.GetValue(); // in (0, 1]
    const double x = std::floor(std::log(u) / -std::log1p(1.0 / mean));
    if (x >= double(std::numeric_limits<uint32_t>::max()))
    {
        return std::numeric_limits<uint32_t>::max();
    }
    return static_cast<uint32_t>(x);
}

uint32_t
PhotonNumberStatistics::SampleBinomial(uint32_t n, double p, UniformRandomVariable& rng)
{
    CheckProbability("SampleBinomial", "p", p);
    if (n == 0 || p == 0)
    {
        return 0;
    }
    if (p == 1)
    {
        return n;
    }
    if (n <= 64)
    {
        uint32_t k = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            k += rng.GetValue() < p ? 1 : 0;
        }
        return k;
    }
    StreamBits bits{&rng};
    std::binomial_distribution<uint32_t> d(n, p);
    return d(bits);
}

} // namespace ns3
