/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QKD_KEY_RATE_CALCULATOR_H
#define QKD_KEY_RATE_CALCULATOR_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief What the security analysis of weak-coherent-pulse BB84 needs to know
 * about the pulses that carried exactly one photon.
 */
struct QkdSinglePhotonEstimate
{
    double yield;     //!< Y_1: probability of a detection given a single-photon pulse
    double errorRate; //!< e_1: error rate of the detections caused by single photons
    double gain;      //!< Q_1 = Y_1 mu e^{-mu}: single-photon detections per signal pulse
};

/**
 * @ingroup quantum
 * @brief Asymptotic secret key rates of BB84 and the standard channel model
 * they are evaluated on.
 *
 * All rates are secret bits per signal pulse sent, never negative (a bound
 * below zero means that no key can be extracted and is returned as 0).
 * Notation of Ma, Qi, Zhao and Lo, "Practical decoy state for quantum key
 * distribution", Phys. Rev. A 72, 012326 (2005) [Ma2005]:
 *  - q: sifting factor (1/2 for BB84 with symmetric basis choice);
 *  - mu, nu: signal and weak-decoy mean photon numbers;
 *  - Q_mu, E_mu: gain (detections per pulse) and QBER of intensity mu;
 *  - Y_0, e_0: background (dark count) yield and its error rate (1/2);
 *  - e_d: misalignment error probability ("e_detector");
 *  - eta: overall transmittance (channel times Bob's efficiency);
 *  - f: error-correction efficiency (leakage / (n h(E)), >= 1).
 *
 * Key rate of [Ma2005] eq. (1) (Gottesman, Lo, Lütkenhaus, Preskill, Quantum
 * Inf. Comput. 4, 325 (2004) [GLLP], with Shor-Preskill's argument):
 * R = q { -Q_mu f h(E_mu) + Q_1 [1 - h(e_1)] }.
 */
class QkdKeyRateCalculator
{
  public:
    /**
     * Binary entropy h(x) = -x log2 x - (1 - x) log2(1 - x), h(0) = h(1) = 0.
     * @param x probability in [0, 1] (aborts otherwise)
     * @return h(x) in bits
     */
    static double BinaryEntropy(double x);

    /**
     * @param lengthKm fibre length, >= 0
     * @param attenuationDbPerKm loss coefficient alpha, >= 0
     * @return 10^{-alpha L / 10} ([Ma2005] Sec. II)
     */
    static double FibreTransmittance(double lengthKm, double attenuationDbPerKm);

    /**
     * Yield of an n-photon pulse in the standard model ([Ma2005] Sec. II):
     * Y_n = Y_0 + eta_n - Y_0 eta_n, eta_n = 1 - (1 - eta)^n.
     * @param photonNumber n
     * @param eta overall transmittance in [0, 1]
     * @param y0 background yield in [0, 1]
     * @return Y_n
     */
    static double PhotonNumberYield(uint32_t photonNumber, double eta, double y0);

    /**
     * Error rate of n-photon detections ([Ma2005] Sec. II):
     * e_n = (e_0 Y_0 + e_d eta_n) / Y_n.
     * @param photonNumber n
     * @param eta overall transmittance in [0, 1]
     * @param y0 background yield in [0, 1]
     * @param misalignment e_d in [0, 0.5]
     * @param backgroundError e_0 in [0, 1] (1/2 for random dark counts)
     * @return e_n (e_0 if Y_n = 0)
     */
    static double PhotonNumberErrorRate(uint32_t photonNumber,
                                        double eta,
                                        double y0,
                                        double misalignment,
                                        double backgroundError = 0.5);

    /**
     * Expected gain of a coherent pulse of mean photon number mu
     * ([Ma2005] eq. (10); Lo, Ma, Chen, PRL 94, 230504 (2005)):
     * Q_mu = Y_0 + 1 - e^{-eta mu}.
     * @param mu mean photon number, >= 0
     * @param eta overall transmittance in [0, 1]
     * @param y0 background yield in [0, 1]
     * @return Q_mu
     */
    static double ExpectedGain(double mu, double eta, double y0);

    /**
     * Expected QBER of a coherent pulse ([Ma2005] eq. (11)):
     * E_mu Q_mu = e_0 Y_0 + e_d (1 - e^{-eta mu}).
     * @param mu mean photon number, >= 0
     * @param eta overall transmittance in [0, 1]
     * @param y0 background yield in [0, 1]
     * @param misalignment e_d in [0, 0.5]
     * @param backgroundError e_0 in [0, 1]
     * @return E_mu (e_0 if Q_mu = 0)
     */
    static double ExpectedQber(double mu,
                               double eta,
                               double y0,
                               double misalignment,
                               double backgroundError = 0.5);

    /**
     * The key rate of [Ma2005] eq. (1) for given single-photon quantities:
     * R = q { -Q_mu f h(E_mu) + Q_1 [1 - h(e_1)] } (0 if negative); e_1 is
     * clipped to 1/2.
     * @param q sifting factor in (0, 1]
     * @param gain Q_mu in [0, 1]
     * @param qber E_mu in [0, 1]
     * @param f error-correction efficiency, >= 1
     * @param single the single-photon gain Q_1 and error rate e_1
     * @return secret bits per signal pulse
     */
    static double KeyRate(double q,
                          double gain,
                          double qber,
                          double f,
                          const QkdSinglePhotonEstimate& single);

    /**
     * BB84 with an ideal single-photon source (Shor and Preskill, PRL 85, 441
     * (2000), with an error-correction efficiency f): every detection comes
     * from a single photon, so Q_1 = Q and e_1 = E:
     * R = q { -Q f h(E) + Q [1 - h(E)] }.
     * @param q sifting factor in (0, 1]
     * @param gain detections per pulse Q in [0, 1]
     * @param qber E in [0, 1]
     * @param f error-correction efficiency, >= 1
     * @return secret bits per pulse
     */
    static double SinglePhotonRate(double q, double gain, double qber, double f);

    /**
     * GLLP worst-case single-photon bounds for weak coherent pulses without
     * decoy states: every multi-photon pulse is assumed detected and every
     * error is attributed to single photons, Delta = P_multi / Q_mu with
     * P_multi = 1 - e^{-mu} (1 + mu); Q_1 >= Q_mu (1 - Delta),
     * e_1 <= E_mu / (1 - Delta) ([GLLP] Sec. 5; as used in [Ma2005] Sec. III).
     * @param mu mean photon number, > 0
     * @param gain Q_mu in [0, 1]
     * @param qber E_mu in [0, 1]
     * @return the bounds (gain 0 and error rate 1/2 when Q_mu <= P_multi)
     */
    static QkdSinglePhotonEstimate GllpWorstCaseBounds(double mu, double gain, double qber);

    /**
     * GLLP rate without decoys: KeyRate() with GllpWorstCaseBounds().
     * @param q sifting factor in (0, 1]
     * @param mu mean photon number, > 0
     * @param gain Q_mu in [0, 1]
     * @param qber E_mu in [0, 1]
     * @param f error-correction efficiency, >= 1
     * @return secret bits per pulse
     */
    static double GllpRate(double q, double mu, double gain, double qber, double f);

    /**
     * Vacuum + weak decoy bounds ([Ma2005] eqs. (34) and (37)):
     * Y_1^L = mu / (mu nu - nu^2) [Q_nu e^nu - Q_mu e^mu nu^2/mu^2
     *         - (mu^2 - nu^2)/mu^2 Y_0],
     * Q_1^L = Y_1^L mu e^{-mu},
     * e_1^U = (E_nu Q_nu e^nu - e_0 Y_0) / (Y_1^L nu).
     * Y_0 is the measured gain of the vacuum decoy.
     * @param mu signal mean photon number, > nu (aborts otherwise)
     * @param nu weak-decoy mean photon number, > 0
     * @param gainMu measured Q_mu in [0, 1]
     * @param gainNu measured Q_nu in [0, 1]
     * @param qberNu measured E_nu in [0, 1]
     * @param y0 measured vacuum yield Y_0 in [0, 1]
     * @param backgroundError e_0 in [0, 1]
     * @return the bounds (Y_1^L clipped at 0; e_1^U clipped to [0, 1/2], and
     *         1/2 when Y_1^L = 0)
     */
    static QkdSinglePhotonEstimate VacuumWeakDecoyBounds(double mu,
                                                         double nu,
                                                         double gainMu,
                                                         double gainNu,
                                                         double qberNu,
                                                         double y0,
                                                         double backgroundError = 0.5);

    /**
     * The "infinite decoy" limit: the true single-photon quantities of the
     * standard model, Y_1 = Y_0 + eta - Y_0 eta, e_1 = (e_0 Y_0 + e_d eta) / Y_1,
     * Q_1 = Y_1 mu e^{-mu} ([Ma2005] Sec. II, the asymptotic case).
     * @param mu signal mean photon number, >= 0
     * @param eta overall transmittance in [0, 1]
     * @param y0 background yield in [0, 1]
     * @param misalignment e_d in [0, 0.5]
     * @param backgroundError e_0 in [0, 1]
     * @return the single-photon quantities
     */
    static QkdSinglePhotonEstimate InfiniteDecoyValues(double mu,
                                                       double eta,
                                                       double y0,
                                                       double misalignment,
                                                       double backgroundError = 0.5);

    /**
     * Pirandola-Laurenza-Ottaviani-Banchi (PLOB) bound on the secret key
     * capacity of a pure-loss channel without repeaters, Nat. Commun. 8, 15043
     * (2017): -log2(1 - eta) bits per channel use.
     * @param eta transmittance in [0, 1); eta = 1 aborts (infinite capacity)
     * @return the bound in bits per pulse
     */
    static double PlobBound(double eta);
};

} // namespace ns3

#endif /* QKD_KEY_RATE_CALCULATOR_H */
