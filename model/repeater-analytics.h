/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPEATER_ANALYTICS_H
#define REPEATER_ANALYTICS_H

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Exact repeater-chain theory for abstract links (success probability
 * p per attempt, all links attempting in lock step), used by the repeater
 * tests and the reproduction examples.
 *
 * Waiting times are counted in attempt periods, the first attempt counting as
 * 1; swaps happen in the period in which their two input pairs exist (no
 * classical delay).  References: Shchukin, Schmidt and van Loock, PRA 100,
 * 032322 (2019); Brand, Coopmans and Elkouss, IEEE JSAC 38, 619 (2020);
 * Collins, Jenkins and Kuzmich, PRL 98, 060502 (2007); Rozpedek et al.,
 * PRA 99, 052330 (2019).
 */
class RepeaterAnalytics
{
  public:
    /**
     * E[max of n i.i.d. geometric(p) variables] by the alternating sum
     * sum_{k=1}^{n} C(n,k) (-1)^{k+1} / (1 - (1-p)^k): the waiting time of n
     * segments with deterministic swaps (any swap order).
     * @param n number of segments (1 to 60)
     * @param p success probability per attempt, in (0, 1]
     * @return the mean waiting time in attempts
     */
    static double MeanMaxGeometric(uint32_t n, double p);

    /**
     * The same expectation from the tail sum sum_{k>=0} (1 - (1 - (1-p)^k)^n),
     * numerically stable for any n (a cross-check of MeanMaxGeometric).
     * @param n number of segments (>= 1)
     * @param p success probability per attempt, in (0, 1]
     * @return the mean waiting time in attempts
     */
    static double MeanMaxGeometricTail(uint32_t n, double p);

    /**
     * Exact mean waiting time of nested doubling over 2^levels segments with
     * swap success probability ps: a failed swap at any level discards both
     * of its input pairs, whose whole sub-trees start again.  Solved exactly
     * from the absorbing Markov chain whose states are built recursively
     * (a level-k unit is the pair of the states of its two level-(k-1)
     * halves), by Gaussian elimination on (I - Q) E = 1.
     * @param levels nesting levels, 0 to 3 (1 to 8 segments)
     * @param p link success probability per attempt, in (0, 1]
     * @param ps swap success probability, in (0, 1]
     * @return the mean waiting time in attempts
     */
    static double DoublingMeanWait(uint32_t levels, double p, double ps);

    /**
     * Two segments, deterministic swap, memory cut-off: the first pair
     * survives c further attempts of the other link (c = 0: no cut-off), and
     * is then discarded and both links attempt again.  Closed form from the
     * renewal cycles (S0: both attempting; H: one pair stored):
     * E[T] = (1/s + h (1 - q^c)/p) / (1 - h q^c), s = 1 - q^2, h = 2pq/s.
     * @param p link success probability per attempt, in (0, 1]
     * @param c cut-off in attempts (0: none)
     * @return the mean waiting time in attempts
     */
    static double TwoSegmentMeanWait(double p, uint32_t c);

    /**
     * E[z^A] for the age A (in attempts) of the older pair when the two-segment
     * chain of TwoSegmentMeanWait completes:
     * (p^2/s + h p z (1 - (qz)^c) / (1 - qz)) / (p^2/s + h (1 - q^c)); without a
     * cut-off this is p (1 + qz) / ((2 - p)(1 - qz)), the generating function
     * of |T1 - T2| for two i.i.d. geometric variables.
     * @param p link success probability per attempt, in (0, 1]
     * @param c cut-off in attempts (0: none)
     * @param z the argument, in [0, 1]
     * @return the expectation
     */
    static double TwoSegmentAgeGeneratingFunction(double p, uint32_t c, double z);

    /**
     * Mean fidelity delivered by the two-segment chain with Werner links of
     * fidelity f0 and pure-dephasing memories: the older pair's two qubits
     * dephase for A attempt periods, so with w = (4 f0 - 1)/3 and
     * z = exp(-2 period / T2) the end-to-end fidelity is
     * (1 - w)/4 + w [(1 - w)/4 + w (1 + z^A)/2], linear in z^A, and its mean
     * follows from TwoSegmentAgeGeneratingFunction.
     * @param p link success probability per attempt, in (0, 1]
     * @param c cut-off in attempts (0: none)
     * @param f0 Werner fidelity of the links, in [0.25, 1]
     * @param periodOverT2 attempt period / T2 (0: no decay)
     * @return the mean fidelity
     */
    static double TwoSegmentMeanFidelity(double p, uint32_t c, double f0, double periodOverT2);

    /**
     * The same two-segment quantities with perfect links from the Markov chain
     * propagated period by period (a cross-check of the closed forms): a
     * stored pair of age a has fidelity (1 + exp(-2 a period/T2))/2.
     * @param p link success probability per attempt, in (0, 1]
     * @param c cut-off in attempts (0: none)
     * @param periodOverT2 attempt period / T2
     * @param meanF [out] the mean fidelity
     * @return the mean waiting time in attempts
     */
    static double TwoSegmentMarkov(double p, uint32_t c, double periodOverT2, double& meanF);

    /**
     * Fidelity of the GHZ state made by fusion at the middle node
     * (GhzFusionController): links (A, B1) and (B2, C) in heralded states of
     * Psi type, X-shaped: populations P[2a + b] and a coherence of modulus y
     * between |01> and |10> only (single-click heralding).  Bob applies
     * CNOT(B1, B2) with two-qubit depolarizing probability d, reads B2 in Z
     * with flip probabilities e0 (true 0) and e1 (true 1), and the frame
     * reference for a reported m is (|0 1 m> + s1 s2 |1 0 (1-m)>)/sqrt 2 on
     * (A, B1, C).  With pure dephasing, every phase flip on any of the four
     * qubits before the read flips the sign of the one surviving coherence,
     * so it is multiplied by the product D of the qubits' decay factors
     * exp(-t/T2).  For true B2 value r the unnormalised branch gives
     * G(r, m) = (P1[01] P2[(1-r) m] + P1[10] P2[r (1-m)] + 2 [m = r] y1 y2 D)/2,
     * and F = (1 - d) sum_r [(1 - e_r) G(r, r) + e_r G(r, 1 - r)] + d F_dep,
     * with the depolarized branch (B1, B2 maximally mixed)
     * F_dep = sum_r (1/2) sum_m P(m|r) (A(0) C(m) + A(1) C(1-m))/4,
     * A(a) = P1[a0] + P1[a1], C(c) = P2[0c] + P2[1c].
     * @param p1 populations of (A, B1), index 2a + b
     * @param y1 modulus of <01| rho1 |10>
     * @param p2 populations of (B2, C)
     * @param y2 modulus of <01| rho2 |10>
     * @param decay product D of the dephasing factors exp(-t/T2) of the four
     *        qubits from the link states to the read, in [0, 1]
     * @param d CNOT depolarizing probability, in [0, 1]
     * @param e0 P(read 1 | 0), in [0, 1]
     * @param e1 P(read 0 | 1), in [0, 1]
     * @return the fidelity to the frame reference
     */
    static double GhzFusionFidelity(const std::array<double, 4>& p1,
                                    double y1,
                                    const std::array<double, 4>& p2,
                                    double y2,
                                    double decay,
                                    double d,
                                    double e0,
                                    double e1);

    /**
     * The fidelity of one fusion round given its branch: true value r of
     * Bob's second qubit after the CNOT and reported outcome m (m != r when
     * the readout flipped).  The unnormalised branch state is
     * (1 - d) sigma_r + d sigma_r^dep with trace
     * P(r) = (1 - d) sum_{b1 xor b2 = r} P1[. b1] P2[b2 .] + d/2, so
     * F(r, m) = ((1 - d) G(r, m) + d Dep(r, m)) / P(r) with G of
     * GhzFusionFidelity and Dep(r, m) = (A(0) C(m) + A(1) C(1-m))/8; the
     * ground-truth fidelity of a simulated round is F(m, m) or F(1 - m, m),
     * and GhzFusionFidelity is the mean sum_r P(r) sum_m P(m|r) F(r, m).
     * @param p1 populations of (A, B1), index 2a + b
     * @param y1 modulus of <01| rho1 |10>
     * @param p2 populations of (B2, C)
     * @param y2 modulus of <01| rho2 |10>
     * @param decay product of the dephasing factors, in [0, 1]
     * @param d CNOT depolarizing probability, in [0, 1]
     * @param r true value of Bob's second qubit (0 or 1)
     * @param m reported outcome (0 or 1)
     * @return the fidelity of that branch to the frame reference of m
     */
    static double GhzFusionBranchFidelity(const std::array<double, 4>& p1,
                                          double y1,
                                          const std::array<double, 4>& p2,
                                          double y2,
                                          double decay,
                                          double d,
                                          uint32_t r,
                                          uint32_t m);

    /**
     * Single-click heralded fidelity (Humphreys et al., Nature 558, 268 (2018),
     * supplement) for unit visibility, no dark counts and equal arms of
     * transmission eta: F = 2 (1 - alpha)/(2 - alpha eta) at the herald; after
     * both spins dephased for t, (1 - alpha)(1 + exp(-2t/T2))/(2 - alpha eta).
     * @param alpha bright-state population, in (0, 1)
     * @param eta per-arm transmission including the detector, in (0, 1]
     * @param tOverT2 dephasing time / T2 (0: at the herald)
     * @return the fidelity to the heralded Bell state
     */
    static double SingleClickFidelity(double alpha, double eta, double tOverT2);
};

} // namespace ns3

#endif /* REPEATER_ANALYTICS_H */
