/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_FINITE_KEY_ANALYSIS_H
#define QKD_FINITE_KEY_ANALYSIS_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Finite-key length of BB84 with a single-photon source, after
 * Tomamichel, Lim, Gisin and Renner, "Tight finite-key analysis for quantum
 * cryptography", Nat. Commun. 3, 634 (2012) [TLGR2012].
 *
 * The protocol of [TLGR2012] Table I measures n raw-key bits in the key basis
 * and k bits in the other basis for parameter estimation, aborts if the error
 * rate of the k test bits exceeds Q_tol, corrects errors with a leakage of
 * leak_EC bits, verifies with a hash of ceil(log2(1/eps_cor)) bits and
 * extracts by two-universal hashing a key of length ([TLGR2012] eq. (2), as
 * published)
 *
 *   l = n (1 - h(Q_tol + mu)) - leak_EC - log2(2 / (eps_sec^2 eps_cor)),
 *   mu = sqrt( (n + k)/(n k) (k + 1)/k ln(2/eps_sec) ),
 *
 * which is eps_sec-secret and eps_cor-correct.  mu is the statistical
 * deviation of the phase error rate of the n key bits from the error rate of
 * the k test bits, from Serfling's bound for sampling without replacement
 * ([TLGR2012] Supplementary Note 2).  Only valid for a single-photon source
 * (preparation quality q = 1); decoy-state finite-key bounds need more
 * statistics than this class provides.
 */
class QkdFiniteKeyAnalysis
{
  public:
    /**
     * @param rawKeyBits n, > 0
     * @param testBits k, > 0
     * @param epsilonSecrecy eps_sec in (0, 1)
     * @return mu of [TLGR2012] eq. (2)
     */
    static double StatisticalDeviation(double rawKeyBits, double testBits, double epsilonSecrecy);

    /**
     * The secret key length of [TLGR2012] eq. (2) (real valued, may be negative).
     * @param rawKeyBits n, > 0
     * @param testBits k, > 0
     * @param toleratedQber Q_tol in [0, 0.5]
     * @param leakedBits leak_EC, >= 0 (the bits disclosed by error correction)
     * @param epsilonSecrecy eps_sec in (0, 1)
     * @param epsilonCorrectness eps_cor in (0, 1)
     * @return l; negative or zero means no key
     */
    static double KeyLength(double rawKeyBits,
                            double testBits,
                            double toleratedQber,
                            double leakedBits,
                            double epsilonSecrecy,
                            double epsilonCorrectness);

    /**
     * @param rawKeyBits n
     * @param testBits k
     * @param toleratedQber Q_tol
     * @param leakedBits leak_EC
     * @param epsilonSecrecy eps_sec
     * @param epsilonCorrectness eps_cor
     * @return floor(max(0, KeyLength(...))) as a number of bits
     */
    static uint64_t SecretKeyBits(double rawKeyBits,
                                  double testBits,
                                  double toleratedQber,
                                  double leakedBits,
                                  double epsilonSecrecy,
                                  double epsilonCorrectness);

    /**
     * Basis probability that minimises the number of signals needed to
     * collect n key bits and k test bits ([TLGR2012] Table I):
     * p_x = 1 / (1 + sqrt(k / n)).
     * @param rawKeyBits n, > 0
     * @param testBits k, > 0
     * @return p_x
     */
    static double KeyBasisProbability(double rawKeyBits, double testBits);

    /**
     * Expected number of detected signals M(n, k) until n key-basis and k
     * test-basis bits are sifted, with both parties choosing the key basis
     * with probability p_x = KeyBasisProbability(n, k): n / p_x^2 =
     * k / (1 - p_x)^2 = (sqrt(n) + sqrt(k))^2 (the mean stopping time,
     * neglecting its fluctuation).
     * @param rawKeyBits n, > 0
     * @param testBits k, > 0
     * @return M(n, k)
     */
    static double ExpectedSignals(double rawKeyBits, double testBits);
};

} // namespace ns3

#endif /* QKD_FINITE_KEY_ANALYSIS_H */
