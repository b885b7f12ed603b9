/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CHSH_ESTIMATOR_H
#define CHSH_ESTIMATOR_H

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Estimates the CHSH value S (Clauser, Horne, Shimony, Holt, PRL 23,
 * 880 (1969)) from measured coincidences of a Bell test.
 *
 * Each round, side A measures with setting a in {0, 1} and side B with
 * setting b in {0, 1}; outcomes 0 and 1 stand for the eigenvalues +1 and -1.
 * The correlator of a setting pair is E(a, b) = (N_same - N_diff) / N_ab and
 * S = E(0,0) + E(0,1) + E(1,0) - E(1,1), with the standard error
 * sigma_S = sqrt(sum_ab (1 - E(a,b)^2) / N_ab) (independent rounds; each
 * product of outcomes is a +-1 variable of mean E).  Local hidden-variable
 * models obey |S| <= 2; a Werner state of visibility V measured at the
 * optimal angles gives S = 2 sqrt 2 V (Tsirelson's bound for V = 1).
 */
class ChshEstimator
{
  public:
    ChshEstimator();

    /**
     * Record one round.  Aborts on a setting or outcome other than 0 or 1.
     * @param settingA A's setting
     * @param settingB B's setting
     * @param outcomeA A's outcome
     * @param outcomeB B's outcome
     */
    void Add(uint32_t settingA, uint32_t settingB, uint32_t outcomeA, uint32_t outcomeB);

    /**
     * @param settingA a setting of A
     * @param settingB a setting of B
     * @return rounds recorded with these settings
     */
    uint64_t GetCount(uint32_t settingA, uint32_t settingB) const;

    /** @return rounds recorded */
    uint64_t GetTotal() const;

    /**
     * @param settingA a setting of A
     * @param settingB a setting of B
     * @return E(a, b); aborts if no round has these settings
     */
    double GetCorrelator(uint32_t settingA, uint32_t settingB) const;

    /** @return S; aborts unless every setting pair has rounds */
    double GetS() const;

    /** @return the standard error of S; aborts unless every setting pair has rounds */
    double GetStandardError() const;

    /**
     * @param visibility Werner visibility V in [-1, 1]
     * @return 2 sqrt 2 V, the CHSH value at the optimal angles
     */
    static double WernerS(double visibility);

    /**
     * @param fidelity Werner fidelity F in [0, 1] (weight of |Phi+>)
     * @return the visibility V = (4 F - 1) / 3
     */
    static double WernerVisibility(double fidelity);

  private:
    /**
     * @param what the caller, for messages
     * @param settingA a setting of A
     * @param settingB a setting of B
     */
    static void CheckSettings(const char* what, uint32_t settingA, uint32_t settingB);

    std::array<std::array<uint64_t, 2>, 2> m_count; //!< rounds per setting pair
    std::array<std::array<int64_t, 2>, 2> m_sum;    //!< sum of outcome products per setting pair
};

} // namespace ns3

#endif /* CHSH_ESTIMATOR_H */
