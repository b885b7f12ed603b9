/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_TEST_UTILS_H
#define QUANTUM_TEST_UTILS_H

#include "ns3/test.h"

#include <functional>
#include <string>

/**
 * @file
 * @ingroup quantum-tests
 * Shared test helpers: the ns-3 version compatibility of test durations, and
 * death tests run in a child process.
 */

#include <type_traits>

namespace ns3
{
namespace quantumtest
{
/**
 * The "quick" test duration: TestCase::QUICK in ns-3.37, but
 * TestCase::Duration::QUICK once ns-3 made the enum scoped.
 */
template<typename T, typename = void>
struct TestDurations
{
    static constexpr auto QUICK = T::QUICK;         //!< quick
    static constexpr auto EXTENSIVE = T::EXTENSIVE; //!< extensive
};

/** Specialisation for ns-3 versions with TestCase::Duration. */
template<typename T>
struct TestDurations<T, std::void_t<typename T::Duration>>
{
    static constexpr auto QUICK = T::Duration::QUICK;         //!< quick
    static constexpr auto EXTENSIVE = T::Duration::EXTENSIVE; //!< extensive
};
} // namespace quantumtest
} // namespace ns3

/** Duration of a quick test case, spelled for this ns-3 version. */
#define QUANTUM_TEST_QUICK ns3::quantumtest::TestDurations<ns3::TestCase>::QUICK
/** Duration of an extensive test case, spelled for this ns-3 version. */
#define QUANTUM_TEST_EXTENSIVE ns3::quantumtest::TestDurations<ns3::TestCase>::EXTENSIVE

namespace ns3
{
namespace quantumtest
{

/**
 * Result of running a function in a child process.
 */
struct ChildResult
{
    bool aborted;       //!< the child died from a signal (abort) or exited non-zero
    std::string output; //!< what the child wrote to stderr and stdout
};

/**
 * Run a function in a forked child process, capturing its output.
 * @param body the code to run; it is expected to abort
 * @return whether the child aborted, and its output
 */
ChildResult RunInChild(const std::function<void()>& body);

/**
 * @param body code expected to abort
 * @param expected a fragment the abort message must contain
 * @return an empty string on success, else a description of what went wrong
 */
std::string CheckAborts(const std::function<void()>& body, const std::string& expected);

/**
 * Binomial standard error.
 * @param p probability
 * @param n sample size
 * @return sqrt(p (1 - p) / n)
 */
double BinomialSigma(double p, double n);

} // namespace quantumtest
} // namespace ns3

/**
 * Check that body aborts with a message containing expected (death test, in
 * a child process).
 */
#define QUANTUM_EXPECT_ABORT(body, expected)                                                       \
    do                                                                                             \
    {                                                                                              \
        const std::string quantumDeathErr_ = ns3::quantumtest::CheckAborts(                        \
            [&]() {                                                                                \
                body;                                                                              \
            },                                                                                     \
            expected);                                                                             \
        NS_TEST_EXPECT_MSG_EQ(quantumDeathErr_, "", "death test: " #body);                         \
    } while (false)

#endif /* QUANTUM_TEST_UTILS_H */
