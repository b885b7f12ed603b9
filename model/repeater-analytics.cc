/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "repeater-analytics.h"

#include "ns3/abort.h"

#include <cmath>
#include <vector>

namespace ns3
{

namespace
{

/**
 * @param p a success probability
 * @param what the method name for the message
 */
void
CheckProbability(double p, const char* what)
{
    NS_ABORT_MSG_IF(!(p > 0.0 && p <= 1.0),
                    "RepeaterAnalytics::" << what << ": success probability p = " << p
                                          << " is invalid (valid range (0, 1])");
}

} // namespace

double
RepeaterAnalytics::MeanMaxGeometric(uint32_t n, double p)
{
    CheckProbability(p, "MeanMaxGeometric");
    NS_ABORT_MSG_IF(n < 1 || n > 60,
                    "RepeaterAnalytics::MeanMaxGeometric: n = " << n
                                                                << " segments is invalid (valid "
                                                                   "range 1 to 60)");
    double sum = 0;
    double binom = 1; // C(n, k)
    for (uint32_t k = 1; k <= n; ++k)
    {
        binom = binom * (n - k + 1) / k;
        const double sign = (k % 2 == 1) ? 1.0 : -1.0;
        sum += sign * binom / (1.0 - std::pow(1.0 - p, k));
    }
    return sum;
}

double
RepeaterAnalytics::MeanMaxGeometricTail(uint32_t n, double p)
{
    CheckProbability(p, "MeanMaxGeometricTail");
    NS_ABORT_MSG_IF(n < 1, "RepeaterAnalytics::MeanMaxGeometricTail: n = 0 segments is invalid");
    double s = 0;
    for (uint64_t k = 0;; ++k)
    {
        const double term = 1.0 - std::pow(1.0 - std::pow(1.0 - p, double(k)), double(n));
        s += term;
        if (term < 1e-17 || k > 100000000)
        {
            break;
        }
    }
    return s;
}

double
RepeaterAnalytics::DoublingMeanWait(uint32_t levels, double p, double ps)
{
    CheckProbability(p, "DoublingMeanWait");
    NS_ABORT_MSG_IF(!(ps > 0.0 && ps <= 1.0),
                    "RepeaterAnalytics::DoublingMeanWait: swap success probability ps = "
                        << ps << " is invalid (valid range (0, 1])");
    NS_ABORT_MSG_IF(levels > 3,
                    "RepeaterAnalytics::DoublingMeanWait: levels = "
                        << levels << " is invalid (valid range 0 to 3, i.e. 1 to 8 segments)");
    // Level 0: one link, state 0 (attempting) or 1 (done).  The last state of
    // every level is "done", the first the initial one.
    std::vector<std::vector<double>> t = {{1.0 - p, p}, {0.0, 1.0}};
    for (uint32_t k = 1; k <= levels; ++k)
    {
        const size_t m = t.size();
        const size_t done = m * m - 1;
        std::vector<std::vector<double>> u(m * m, std::vector<double>(m * m, 0.0));
        for (size_t i = 0; i < m; ++i)
        {
            for (size_t j = 0; j < m; ++j)
            {
                const size_t idx = i * m + j;
                if (idx == done)
                {
                    u[idx][done] = 1.0;
                    continue;
                }
                for (size_t i2 = 0; i2 < m; ++i2)
                {
                    if (t[i][i2] == 0)
                    {
                        continue;
                    }
                    for (size_t j2 = 0; j2 < m; ++j2)
                    {
                        const double pr = t[i][i2] * t[j][j2];
                        if (pr == 0)
                        {
                            continue;
                        }
                        const size_t to = i2 * m + j2;
                        if (to == done)
                        {
                            // Both halves ready: the swap succeeds, or both restart.
                            u[idx][done] += pr * ps;
                            u[idx][0] += pr * (1.0 - ps);
                        }
                        else
                        {
                            u[idx][to] += pr;
                        }
                    }
                }
            }
        }
        t.swap(u);
    }
    if (levels == 0)
    {
        return 1.0 / p;
    }
    // Solve (I - Q) E = 1 over the transient states (all but the last).
    const size_t n = t.size() - 1;
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (size_t i = 0; i < n; ++i)
    {
        for (size_t j = 0; j < n; ++j)
        {
            a[i][j] = (i == j ? 1.0 : 0.0) - t[i][j];
        }
        a[i][n] = 1.0;
    }
    for (size_t c = 0; c < n; ++c)
    {
        size_t piv = c;
        for (size_t r = c + 1; r < n; ++r)
        {
            if (std::abs(a[r][c]) > std::abs(a[piv][c]))
            {
                piv = r;
            }
        }
        std::swap(a[c], a[piv]);
        NS_ABORT_MSG_IF(a[c][c] == 0.0,
                        "RepeaterAnalytics::DoublingMeanWait: singular Markov chain");
        for (size_t r = 0; r < n; ++r)
        {
            if (r == c || a[r][c] == 0.0)
            {
                continue;
            }
            const double f = a[r][c] / a[c][c];
            for (size_t k = c; k <= n; ++k)
            {
                a[r][k] -= f * a[c][k];
            }
        }
    }
    return a[0][n] / a[0][0];
}

double
RepeaterAnalytics::TwoSegmentMeanWait(double p, uint32_t c)
{
    CheckProbability(p, "TwoSegmentMeanWait");
    const double q = 1.0 - p;
    const double s = 1.0 - q * q;
    const double h = 2.0 * p * q / s;
    const double fail = c > 0 ? std::pow(q, c) : 0.0;
    return (1.0 / s + h * (1.0 - fail) / p) / (1.0 - h * fail);
}

double
RepeaterAnalytics::TwoSegmentAgeGeneratingFunction(double p, uint32_t c, double z)
{
    CheckProbability(p, "TwoSegmentAgeGeneratingFunction");
    NS_ABORT_MSG_IF(!(z >= 0.0 && z <= 1.0),
                    "RepeaterAnalytics::TwoSegmentAgeGeneratingFunction: z = "
                        << z << " is invalid (valid range [0, 1])");
    const double q = 1.0 - p;
    const double s = 1.0 - q * q;
    const double h = 2.0 * p * q / s;
    const double qz = q * z;
    // sum_{j=1}^{c} q^(j-1) p z^j (c = 0: to infinity)
    double stored;
    if (qz == 1.0)
    {
        stored = p * z * c; // only reached for p = 1 - q with q z = 1, i.e. never for p > 0
    }
    else
    {
        const double tail = c > 0 ? std::pow(qz, c) : 0.0;
        stored = p * z * (1.0 - tail) / (1.0 - qz);
    }
    const double fail = c > 0 ? std::pow(q, c) : 0.0;
    return (p * p / s + h * stored) / (p * p / s + h * (1.0 - fail));
}

double
RepeaterAnalytics::TwoSegmentMeanFidelity(double p, uint32_t c, double f0, double periodOverT2)
{
    NS_ABORT_MSG_IF(!(f0 >= 0.25 && f0 <= 1.0),
                    "RepeaterAnalytics::TwoSegmentMeanFidelity: link fidelity f0 = "
                        << f0 << " is invalid (valid range [0.25, 1])");
    NS_ABORT_MSG_IF(!(periodOverT2 >= 0.0),
                    "RepeaterAnalytics::TwoSegmentMeanFidelity: period/T2 = "
                        << periodOverT2 << " is invalid (must be >= 0)");
    const double w = (4.0 * f0 - 1.0) / 3.0;
    const double ez = TwoSegmentAgeGeneratingFunction(p, c, std::exp(-2.0 * periodOverT2));
    return (1.0 - w) / 4.0 + w * ((1.0 - w) / 4.0 + w * (1.0 + ez) / 2.0);
}

double
RepeaterAnalytics::TwoSegmentMarkov(double p, uint32_t c, double periodOverT2, double& meanF)
{
    CheckProbability(p, "TwoSegmentMarkov");
    const uint32_t cap = c > 0 ? c : 4000;
    std::vector<double> h(cap + 1, 0.0); // h[j]: a pair stored j attempts ago
    double s0 = 1.0;
    double meanT = 0;
    meanF = 0;
    auto fid = [periodOverT2](uint32_t age) {
        return 0.5 * (1 + std::exp(-2.0 * age * periodOverT2));
    };
    for (uint32_t step = 1; step < 2000000; ++step)
    {
        std::vector<double> nh(cap + 1, 0.0);
        double ns0 = 0;
        const double done0 = s0 * p * p;
        meanT += step * done0;
        meanF += done0 * fid(0);
        nh[0] += s0 * 2 * p * (1 - p);
        ns0 += s0 * (1 - p) * (1 - p);
        for (uint32_t j = 0; j <= cap; ++j)
        {
            if (h[j] == 0)
            {
                continue;
            }
            const double done = h[j] * p;
            meanT += step * done;
            meanF += done * fid(j + 1);
            const double stay = h[j] * (1 - p);
            if (c > 0 && j + 1 == c)
            {
                ns0 += stay; // discarded: both links attempt from the next period
            }
            else if (j + 1 <= cap)
            {
                nh[j + 1] += stay;
            }
        }
        h.swap(nh);
        s0 = ns0;
        double rest = s0;
        for (double x : h)
        {
            rest += x;
        }
        if (rest < 1e-15)
        {
            break;
        }
    }
    return meanT;
}

double
RepeaterAnalytics::GhzFusionFidelity(const std::array<double, 4>& p1,
                                     double y1,
                                     const std::array<double, 4>& p2,
                                     double y2,
                                     double decay,
                                     double d,
                                     double e0,
                                     double e1)
{
    NS_ABORT_MSG_IF(!(decay >= 0 && decay <= 1),
                    "RepeaterAnalytics::GhzFusionFidelity: decay = "
                        << decay << " is invalid (valid range [0, 1])");
    NS_ABORT_MSG_IF(!(d >= 0 && d <= 1),
                    "RepeaterAnalytics::GhzFusionFidelity: depolarizing probability "
                        << d << " is invalid (valid range [0, 1])");
    NS_ABORT_MSG_IF(!(e0 >= 0 && e0 <= 1 && e1 >= 0 && e1 <= 1),
                    "RepeaterAnalytics::GhzFusionFidelity: readout errors "
                        << e0 << ", " << e1 << " are invalid (valid range [0, 1])");
    const double e[2] = {e0, e1};
    auto g = [&](uint32_t r, uint32_t m) {
        const double pop = p1[1] * p2[2 * (1 - r) + m] + p1[2] * p2[2 * r + (1 - m)];
        const double coh = (m == r) ? 2.0 * y1 * y2 * decay : 0.0;
        return 0.5 * (pop + coh);
    };
    double ideal = 0;
    for (uint32_t r = 0; r < 2; ++r)
    {
        ideal += (1 - e[r]) * g(r, r) + e[r] * g(r, 1 - r);
    }
    const double a[2] = {p1[0] + p1[1], p1[2] + p1[3]};
    const double cc[2] = {p2[0] + p2[2], p2[1] + p2[3]};
    double dep = 0;
    for (uint32_t r = 0; r < 2; ++r)
    {
        for (uint32_t m = 0; m < 2; ++m)
        {
            const double pm = (m == r) ? 1 - e[r] : e[r];
            dep += 0.5 * pm * (a[0] * cc[m] + a[1] * cc[1 - m]) / 4.0;
        }
    }
    return (1 - d) * ideal + d * dep;
}

double
RepeaterAnalytics::GhzFusionBranchFidelity(const std::array<double, 4>& p1,
                                           double y1,
                                           const std::array<double, 4>& p2,
                                           double y2,
                                           double decay,
                                           double d,
                                           uint32_t r,
                                           uint32_t m)
{
    NS_ABORT_MSG_IF(r > 1 || m > 1,
                    "RepeaterAnalytics::GhzFusionBranchFidelity: r = " << r << ", m = " << m
                                                                       << " are invalid (0 or 1)");
    NS_ABORT_MSG_IF(!(decay >= 0 && decay <= 1),
                    "RepeaterAnalytics::GhzFusionBranchFidelity: decay = "
                        << decay << " is invalid (valid range [0, 1])");
    NS_ABORT_MSG_IF(!(d >= 0 && d <= 1),
                    "RepeaterAnalytics::GhzFusionBranchFidelity: depolarizing probability "
                        << d << " is invalid (valid range [0, 1])");
    const double pop = p1[1] * p2[2 * (1 - r) + m] + p1[2] * p2[2 * r + (1 - m)];
    const double coh = (m == r) ? 2.0 * y1 * y2 * decay : 0.0;
    const double g = 0.5 * (pop + coh);
    const double a[2] = {p1[0] + p1[1], p1[2] + p1[3]};
    const double cc[2] = {p2[0] + p2[2], p2[1] + p2[3]};
    const double dep = (a[0] * cc[m] + a[1] * cc[1 - m]) / 8.0;
    // P(b1 = x) and P(b2 = y): the marginals of Bob's two qubits.
    const double b1[2] = {p1[0] + p1[2], p1[1] + p1[3]};
    const double b2[2] = {p2[0] + p2[1], p2[2] + p2[3]};
    const double pIdeal = b1[0] * b2[r] + b1[1] * b2[1 - r];
    const double pr = (1 - d) * pIdeal + d / 2;
    NS_ABORT_MSG_IF(
        pr <= 0,
        "RepeaterAnalytics::GhzFusionBranchFidelity: branch r = " << r << " has probability 0");
    return ((1 - d) * g + d * dep) / pr;
}

double
RepeaterAnalytics::SingleClickFidelity(double alpha, double eta, double tOverT2)
{
    NS_ABORT_MSG_IF(!(alpha > 0 && alpha < 1),
                    "RepeaterAnalytics::SingleClickFidelity: alpha = "
                        << alpha << " is invalid (valid range (0, 1))");
    NS_ABORT_MSG_IF(!(eta > 0 && eta <= 1),
                    "RepeaterAnalytics::SingleClickFidelity: eta = "
                        << eta << " is invalid (valid range (0, 1])");
    NS_ABORT_MSG_IF(!(tOverT2 >= 0),
                    "RepeaterAnalytics::SingleClickFidelity: t/T2 = " << tOverT2
                                                                      << " must be >= 0");
    return (1 - alpha) * (1 + std::exp(-2 * tOverT2)) / (2 - alpha * eta);
}

} // namespace ns3
