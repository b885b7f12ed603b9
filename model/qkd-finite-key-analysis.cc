/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-finite-key-analysis.h"

#include "qkd-key-rate-calculator.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

/**
 * Abort unless n and k are positive.
 * @param method the method name
 * @param n raw key bits
 * @param k test bits
 */
void
CheckSizes(const char* method, double n, double k)
{
    NS_ABORT_MSG_IF(!(n > 0.0 && std::isfinite(n)),
                    "QkdFiniteKeyAnalysis::" << method << ": raw key length n = " << n
                                             << " must be positive and finite");
    NS_ABORT_MSG_IF(!(k > 0.0 && std::isfinite(k)),
                    "QkdFiniteKeyAnalysis::" << method << ": test sample size k = " << k
                                             << " must be positive and finite");
}

/**
 * Abort unless 0 < eps < 1.
 * @param method the method name
 * @param name the parameter
 * @param eps the value
 */
void
CheckEpsilon(const char* method, const char* name, double eps)
{
    NS_ABORT_MSG_IF(!(eps > 0.0 && eps < 1.0),
                    "QkdFiniteKeyAnalysis::" << method << ": " << name << " = " << eps
                                             << " is outside the valid range (0, 1)");
}

} // namespace

double
QkdFiniteKeyAnalysis::StatisticalDeviation(double rawKeyBits,
                                           double testBits,
                                           double epsilonSecrecy)
{
    CheckSizes("StatisticalDeviation", rawKeyBits, testBits);
    CheckEpsilon("StatisticalDeviation", "epsilonSecrecy", epsilonSecrecy);
    const double n = rawKeyBits;
    const double k = testBits;
    return std::sqrt((n + k) / (n * k) * (k + 1.0) / k * std::log(2.0 / epsilonSecrecy));
}

double
QkdFiniteKeyAnalysis::KeyLength(double rawKeyBits,
                                double testBits,
                                double toleratedQber,
                                double leakedBits,
                                double epsilonSecrecy,
                                double epsilonCorrectness)
{
    CheckSizes("KeyLength", rawKeyBits, testBits);
    NS_ABORT_MSG_IF(!(toleratedQber >= 0.0 && toleratedQber <= 0.5),
                    "QkdFiniteKeyAnalysis::KeyLength: toleratedQber = "
                        << toleratedQber << " is outside the valid range [0, 0.5]");
    NS_ABORT_MSG_IF(!(leakedBits >= 0.0),
                    "QkdFiniteKeyAnalysis::KeyLength: leakedBits = " << leakedBits
                                                                     << " must be >= 0");
    CheckEpsilon("KeyLength", "epsilonSecrecy", epsilonSecrecy);
    CheckEpsilon("KeyLength", "epsilonCorrectness", epsilonCorrectness);
    const double mu = StatisticalDeviation(rawKeyBits, testBits, epsilonSecrecy);
    // Beyond an error rate of 1/2 the phase-error entropy is 1: no key.
    const double phase = std::min(0.5, toleratedQber + mu);
    return rawKeyBits * (1.0 - QkdKeyRateCalculator::BinaryEntropy(phase)) - leakedBits
           - std::log2(2.0 / (epsilonSecrecy * epsilonSecrecy * epsilonCorrectness));
}

uint64_t
QkdFiniteKeyAnalysis::SecretKeyBits(double rawKeyBits,
                                    double testBits,
                                    double toleratedQber,
                                    double leakedBits,
                                    double epsilonSecrecy,
                                    double epsilonCorrectness)
{
    const double l = KeyLength(rawKeyBits,
                               testBits,
                               toleratedQber,
                               leakedBits,
                               epsilonSecrecy,
                               epsilonCorrectness);
    return l > 0.0 ? static_cast<uint64_t>(std::floor(l)) : 0;
}

double
QkdFiniteKeyAnalysis::KeyBasisProbability(double rawKeyBits, double testBits)
{
    CheckSizes("KeyBasisProbability", rawKeyBits, testBits);
    return 1.0 / (1.0 + std::sqrt(testBits / rawKeyBits));
}

double
QkdFiniteKeyAnalysis::ExpectedSignals(double rawKeyBits, double testBits)
{
    CheckSizes("ExpectedSignals", rawKeyBits, testBits);
    const double s = std::sqrt(rawKeyBits) + std::sqrt(testBits);
    return s * s;
}

} // namespace ns3
