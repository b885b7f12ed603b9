/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Reproduction: eavesdropping on BB84 with weak coherent pulses.
 *
 * (a) Intercept-resend (Bennett et al., J. Cryptology 5, 3 (1992)) on a
 *     fraction f of the pulses: Eve measures in a random basis and
 *     re-prepares, so half of the intercepted pulses reach Bob in the wrong
 *     basis and give him a random bit.  The QBER becomes
 *     E(f) = E_0 + f (1 - 2 E_0) / 4, E_0 the intrinsic QBER of [Ma2005]
 *     eq. (11) (f / 4 above E_0 when E_0 << 1); the gains do not change.
 *     Points: the simulated signal QBER and the decoy-state key rate against
 *     f at one distance; curves: E(f) and the key rate of the vacuum + weak
 *     decoy bounds fed with the expected gains and QBERs.
 *
 * (b) Photon-number splitting (Brassard, Luetkenhaus, Mor and Sanders, PRL
 *     85, 1330 (2000)) against decoy states (Hwang, PRL 91, 057901 (2003);
 *     Lo, Ma and Chen, PRL 94, 230504 (2005)).  At every distance Eve picks
 *     the attack that keeps the signal gain at its expected value: she
 *     blocks single photons with probability b and forwards n - 1 photons of
 *     every multi-photon pulse over her own channel of transmittance t_E
 *     (b = 1 and t_E < 1 at long distance; t_E = 1 and b < 1 at short
 *     distance).  The signal gain and QBER look normal, so an analysis that
 *     trusts the channel model ("naive": eq. (1) of [Ma2005] with the
 *     single-photon yield of a lossy channel whose transmittance is inferred
 *     from the signal gain) accepts and reports key, although the true
 *     single-photon gain is (1 - b) of the channel's.  The vacuum + weak
 *     decoy bounds see the decoy gain fall and the single-photon yield bound
 *     collapse: the key rate estimate is 0.  GLLP without decoys (worst
 *     case, secure) gives 0 at this mean photon number as well.
 *
 * Parameters: the GYS set of Ma, Qi, Zhao and Lo, PRA 72, 012326 (2005)
 * [Ma2005] (alpha 0.21 dB/km, eta_Bob 0.045, e_d 3.3 %, Y0 1.7e-6,
 * f 1.22, mu 0.48), weak decoy nu and a vacuum decoy.
 *
 * --outputPrefix writes <prefix>-ir.csv, <prefix>-ir-curve.csv,
 * <prefix>-pns.csv and the gnuplot scripts <prefix>-ir.gnuplot,
 * <prefix>-pns.gnuplot.  The last line of stdout is a JSON summary.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-decoy-tally.h"
#include "ns3/qkd-intercept-resend-eavesdropper.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/qkd-pns-eavesdropper.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-net-device.h"
#include "ns3/single-photon-detector.h"
#include "ns3/weak-coherent-source.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/** Parameters (GYS set of [Ma2005]). */
struct Params
{
    double attenuationDbPerKm{0.21};          //!< alpha
    double etaBob{0.045};                     //!< Bob's detection efficiency
    double misalignment{0.033};               //!< e_d
    double y0{1.7e-6};                        //!< background yield
    double f{1.22};                           //!< error-correction efficiency
    double mu{0.48};                          //!< signal
    double nu{0.05};                          //!< weak decoy
    std::vector<double> probs{0.4, 0.4, 0.2}; //!< intensity probabilities
};

/**
 * Simulate one configuration.
 * @param p parameters
 * @param lengthKm fibre length
 * @param eve the eavesdropper or nullptr
 * @param pulses pulses to send
 * @param stream first RNG stream
 * @return the measured quantities
 */
QkdDecoyTally
Simulate(const Params& p,
         double lengthKm,
         Ptr<QkdEavesdropper> eve,
         uint64_t pulses,
         int64_t stream)
{
    QuantumChannelHelper ch;
    ch.SetChannelAttribute("LengthKm", DoubleValue(lengthKm));
    ch.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(p.attenuationDbPerKm));
    ch.AddModel("ns3::PolarizationMisalignmentModel",
                "AngleRad",
                DoubleValue(std::asin(std::sqrt(p.misalignment))));
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer d = ch.Install(nodes.Get(0), nodes.Get(1));
    Ptr<QkdQuantumLink> link = CreateObject<QkdQuantumLink>();
    link->SetAttribute("Protocol", StringValue("BB84"));
    link->SetAttribute("SourceType", StringValue("Wcp"));
    link->SetAttribute("Mode", StringValue("Fast"));
    link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                         DynamicCast<QuantumNetDevice>(d.Get(1)));
    link->GetWeakCoherentSource()->SetIntensities({p.mu, p.nu, 0.0});
    link->GetWeakCoherentSource()->SetProbabilities(p.probs);
    for (uint32_t k = 0; k < 2; ++k)
    {
        link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(p.etaBob);
        link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1 - std::sqrt(1 - p.y0));
    }
    link->SetEavesdropper(eve);
    link->AssignStreams(stream);
    if (eve)
    {
        eve->AssignStreams(stream + 5);
    }
    QkdDecoyTally m;
    const double expected = QkdKeyRateCalculator::ExpectedGain(p.mu, p.etaBob, p.y0);
    const uint64_t framePulses = static_cast<uint64_t>(std::max(1e6, 2e6 / expected));
    m.AddFrames(link, pulses, framePulses);
    return m;
}

/**
 * @param p parameters
 * @param lengthKm fibre length
 * @return eta_Bob x fibre transmittance
 */
double
Eta(const Params& p, double lengthKm)
{
    return p.etaBob * QkdKeyRateCalculator::FibreTransmittance(lengthKm, p.attenuationDbPerKm);
}

/**
 * Decoy-state key rate per signal pulse from gains and QBERs ([Ma2005]
 * eqs. (34), (37), (1)).
 * @param p parameters
 * @param qm Q_mu
 * @param em E_mu
 * @param qn Q_nu
 * @param en E_nu
 * @param y0 vacuum yield
 * @param single set to the single-photon estimate
 * @return the rate
 */
double
DecoyRate(const Params& p,
          double qm,
          double em,
          double qn,
          double en,
          double y0,
          QkdSinglePhotonEstimate& single)
{
    single = QkdKeyRateCalculator::VacuumWeakDecoyBounds(p.mu, p.nu, qm, qn, en, y0);
    return QkdKeyRateCalculator::KeyRate(0.5, qm, std::min(em, 1.0), p.f, single);
}

/**
 * "Naive" key rate: [Ma2005] eq. (1) with the single-photon quantities of a
 * lossy channel (Y_1 = Y0 + eta - Y0 eta, e_1 = (Y0/2 + e_d eta) / Y_1) whose
 * transmittance eta is inferred from the observed signal gain and whose e_d
 * from the observed signal QBER (inverting [Ma2005] eqs. (10), (11)):
 * trusting the channel model instead of measuring Y_1.
 * @param p parameters
 * @param qm observed Q_mu
 * @param em observed E_mu
 * @param q1 set to the single-photon gain the naive analysis assumes
 * @return the rate the naive analysis would report
 */
double
NaiveRate(const Params& p, double qm, double em, double& q1)
{
    const double clicks = std::max(1e-300, qm - p.y0); // 1 - e^{-eta mu}
    const double eta = std::min(1.0, -std::log1p(-std::min(clicks, 1 - 1e-12)) / p.mu);
    const double ed = std::clamp((em * qm - 0.5 * p.y0) / clicks, 0.0, 0.5);
    const QkdSinglePhotonEstimate s
        = QkdKeyRateCalculator::InfiniteDecoyValues(p.mu, eta, p.y0, ed);
    q1 = s.gain;
    return QkdKeyRateCalculator::KeyRate(0.5, qm, std::min(em, 1.0), p.f, s);
}

/**
 * Expected gain of intensity m under the PNS attack (Poisson photon
 * number n): Y_0' = Y0, Y_1' = (1 - b) Y_1 + b Y0, Y_n' = 1 - (1 - Y0)(1 -
 * t_E eta_Bob)^(n - 1) for n >= 2 (the forwarded photons bypass the fibre).
 * @param p parameters
 * @param m mean photon number
 * @param eta channel x Bob transmittance
 * @param b single-photon blocking probability
 * @param tE Eve's forward transmittance
 * @return Q_m'
 */
double
PnsGain(const Params& p, double m, double eta, double b, double tE)
{
    double q = 0;
    double pn = std::exp(-m);
    for (uint32_t n = 0; n < 80; ++n)
    {
        double y;
        if (n == 0)
        {
            y = p.y0;
        }
        else if (n == 1)
        {
            y = (1 - b) * QkdKeyRateCalculator::PhotonNumberYield(1, eta, p.y0) + b * p.y0;
        }
        else
        {
            y = 1 - (1 - p.y0) * std::pow(1 - tE * p.etaBob, n - 1);
        }
        q += pn * y;
        pn *= m / (n + 1);
    }
    return q;
}

/**
 * Eve's attack that keeps the signal gain at its expected value.
 * @param p parameters
 * @param eta channel x Bob transmittance
 * @param b set to the blocking probability
 * @param tE set to the forward transmittance
 * @return false if no attack of this family reaches the expected gain (short
 *         distances: keeping one photon of every multi-photon pulse already
 *         costs more gain than the fibre); then b = 0, t_E = 1
 */
bool
MatchAttack(const Params& p, double eta, double& b, double& tE)
{
    const double target = QkdKeyRateCalculator::ExpectedGain(p.mu, eta, p.y0);
    double lo = 0;
    double hi = 1;
    if (PnsGain(p, p.mu, eta, 0, 1) < target)
    {
        b = 0;
        tE = 1;
        return false;
    }
    if (PnsGain(p, p.mu, eta, 1, 1) >= target)
    {
        b = 1; // block every single photon; tune the forwarding loss
        for (int i = 0; i < 60; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (PnsGain(p, p.mu, eta, 1, mid) < target ? lo : hi) = mid;
        }
        tE = 0.5 * (lo + hi);
    }
    else
    {
        tE = 1; // forward losslessly; let some single photons through
        for (int i = 0; i < 60; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (PnsGain(p, p.mu, eta, mid, 1) > target ? lo : hi) = mid;
        }
        b = 0.5 * (lo + hi);
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    Params p;
    double distanceKm = 25;
    double fractionStep = 0.1;
    double irDetections = 2e6;
    double pnsMinKm = 20;
    double pnsMaxKm = 100;
    double pnsStepKm = 10;
    double pnsDetections = 2e6;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string outputPrefix;

    CommandLine cmd(__FILE__);
    cmd.AddValue("mu", "signal mean photon number (Ma2005 optimum for GYS: 0.48)", p.mu);
    cmd.AddValue("nu", "weak decoy mean photon number", p.nu);
    cmd.AddValue("misalignment", "e_d (GYS: 0.033)", p.misalignment);
    cmd.AddValue("distanceKm", "fibre length of the intercept-resend sweep, km", distanceKm);
    cmd.AddValue("fractionStep", "step of the intercepted fraction f in [0, 1]", fractionStep);
    cmd.AddValue("irDetections", "expected detections per intercept-resend point", irDetections);
    cmd.AddValue("pnsMinKm",
                 "first fibre length of the PNS sweep, km (below about 15 km Eve cannot keep the "
                 "signal gain with this attack)",
                 pnsMinKm);
    cmd.AddValue("pnsMaxKm", "last fibre length of the PNS sweep, km", pnsMaxKm);
    cmd.AddValue("pnsStepKm", "fibre length step of the PNS sweep, km", pnsStepKm);
    cmd.AddValue("pnsDetections", "expected detections per PNS point", pnsDetections);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run", run);
    cmd.AddValue("outputPrefix",
                 "write CSV files and gnuplot scripts with this prefix",
                 outputPrefix);
    cmd.Parse(argc, argv);

    NS_ABORT_MSG_IF(!(fractionStep > 0 && fractionStep <= 1),
                    "--fractionStep must be in (0, 1], got " << fractionStep);
    NS_ABORT_MSG_IF(!(pnsStepKm > 0), "--pnsStepKm must be > 0, got " << pnsStepKm);
    NS_ABORT_MSG_IF(!(p.nu > 0 && p.nu < p.mu),
                    "--nu must be in (0, mu = " << p.mu << "), got " << p.nu);
    NS_ABORT_MSG_IF(!(distanceKm >= 0), "--distanceKm must be >= 0, got " << distanceKm);
    NS_ABORT_MSG_IF(!(irDetections >= 1 && pnsDetections >= 1),
                    "--irDetections and --pnsDetections must be >= 1");
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const auto wallStart = std::chrono::steady_clock::now();
    std::cout << std::setprecision(5);

    // (a) intercept-resend against f.
    const double eta = Eta(p, distanceKm);
    const std::vector<double> intensities{p.mu, p.nu, 0.0};
    std::vector<double> q0(3);
    std::vector<double> e0(3);
    double perPulse = 0;
    for (uint32_t l = 0; l < 3; ++l)
    {
        q0[l] = QkdKeyRateCalculator::ExpectedGain(intensities[l], eta, p.y0);
        e0[l] = QkdKeyRateCalculator::ExpectedQber(intensities[l], eta, p.y0, p.misalignment);
        perPulse += p.probs[l] * q0[l];
    }
    auto analyticQber = [&e0](uint32_t l, double f) {
        return e0[l] + f * (1 - 2 * e0[l]) / 4;
    };
    auto analyticRate = [&](double f) {
        QkdSinglePhotonEstimate s;
        return DecoyRate(p, q0[0], analyticQber(0, f), q0[1], analyticQber(1, f), q0[2], s);
    };
    const uint64_t irPulses = static_cast<uint64_t>(std::ceil(irDetections / perPulse));
    std::cout
        << "(a) intercept-resend at " << distanceKm << " km, " << double(irPulses)
        << " pulses per point\n     f  QBER(sim)      sigma   QBER(th)     R(sim)      R(th)\n";

    struct IrRow
    {
        double f;
        QkdDecoyTally m;
        double rate;
    };

    std::vector<IrRow> irRows;
    int64_t stream = 100;
    double maxIrDeviation = 0; // in standard errors
    const uint32_t fractionSteps = static_cast<uint32_t>(std::floor(1 / fractionStep + 1e-9));
    for (uint32_t i = 0; i <= fractionSteps; ++i)
    {
        const double f = std::min(1.0, i * fractionStep);
        Ptr<QkdInterceptResendEavesdropper> eve = CreateObject<QkdInterceptResendEavesdropper>();
        eve->SetAttribute("InterceptFraction", DoubleValue(f));
        IrRow r{f, Simulate(p, distanceKm, f > 0 ? eve : nullptr, irPulses, stream), 0};
        stream += 10;
        QkdSinglePhotonEstimate s;
        r.rate = DecoyRate(p,
                           r.m.GetGain(0),
                           r.m.GetQber(0),
                           r.m.GetGain(1),
                           r.m.GetQber(1),
                           r.m.GetGain(2),
                           s);
        const double th = analyticQber(0, f);
        const double sigma = std::sqrt(th * (1 - th) / std::max<uint64_t>(1, r.m.GetSifted(0)));
        maxIrDeviation = std::max(maxIrDeviation, std::abs(r.m.GetQber(0) - th) / sigma);
        std::cout << std::setw(6) << f << std::setw(11) << r.m.GetQber(0) << std::setw(11) << sigma
                  << std::setw(11) << th << std::setw(11) << r.rate << std::setw(11)
                  << analyticRate(f) << "\n";
        irRows.push_back(r);
    }
    // Analytic f at which the decoy key rate vanishes (bisection on f).
    double fZero = 1;
    if (analyticRate(1) <= 0 && analyticRate(0) > 0)
    {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (analyticRate(mid) > 0 ? lo : hi) = mid;
        }
        fZero = lo;
    }
    std::cout << "     the decoy key rate vanishes at f = " << fZero << " (analytic)\n";

    // (b) PNS against distance.
    std::cout << "(b) photon-number splitting, Eve matching the signal gain\n"
              << " L(km)       b       t_E Q_mu/Q_exp Q_nu/Q_exp  Q1^L(decoy)   Q1(true)  "
                 "Q1(naive)    R_decoy    R_naive     R_GLLP R_noEve(th)\n";

    struct PnsRow
    {
        double km;
        double b;
        double tE;
        QkdDecoyTally m;
        QkdSinglePhotonEstimate single;
        double rateDecoy;
        double rateNaive;
        double rateGllp;
        double rateNoEve;
        double q1True;
        double q1Naive;
        bool matched;
    };

    std::vector<PnsRow> pnsRows;
    uint32_t decoyZero = 0;     // decoy estimate: no key
    uint32_t decoySecure = 0;   // decoy bound Q1^L <= true Q1
    uint32_t naiveAccepted = 0; // naive analysis: key
    uint32_t naiveInsecure = 0; // naive Q1 > true Q1 while reporting key
    uint32_t matchedPoints = 0;
    for (double km = pnsMinKm; km <= pnsMaxKm + 1e-9; km += pnsStepKm)
    {
        const double e = Eta(p, km);
        double b;
        double tE;
        const bool matched = MatchAttack(p, e, b, tE);
        Ptr<QkdPnsEavesdropper> eve = CreateObject<QkdPnsEavesdropper>();
        eve->SetAttribute("SinglePhotonBlockProbability", DoubleValue(b));
        eve->SetAttribute("ForwardTransmittance", DoubleValue(tE));
        double pp = 0;
        for (uint32_t l = 0; l < 3; ++l)
        {
            pp += p.probs[l] * PnsGain(p, intensities[l], e, b, tE);
        }
        const uint64_t pulses = static_cast<uint64_t>(std::ceil(pnsDetections / pp));
        PnsRow r{km,
                 b,
                 tE,
                 Simulate(p, km, eve, pulses, stream),
                 {0, 0.5, 0},
                 0,
                 0,
                 0,
                 0,
                 0,
                 0,
                 matched};
        stream += 10;
        r.rateDecoy = DecoyRate(p,
                                r.m.GetGain(0),
                                r.m.GetQber(0),
                                r.m.GetGain(1),
                                r.m.GetQber(1),
                                r.m.GetGain(2),
                                r.single);
        r.rateNaive = NaiveRate(p, r.m.GetGain(0), r.m.GetQber(0), r.q1Naive);
        r.rateGllp = QkdKeyRateCalculator::GllpRate(0.5, p.mu, r.m.GetGain(0), r.m.GetQber(0), p.f);
        QkdSinglePhotonEstimate s;
        const double qn = QkdKeyRateCalculator::ExpectedGain(p.nu, e, p.y0);
        const double qm = QkdKeyRateCalculator::ExpectedGain(p.mu, e, p.y0);
        r.rateNoEve = DecoyRate(p,
                                qm,
                                QkdKeyRateCalculator::ExpectedQber(p.mu, e, p.y0, p.misalignment),
                                qn,
                                QkdKeyRateCalculator::ExpectedQber(p.nu, e, p.y0, p.misalignment),
                                p.y0,
                                s);
        r.q1True = (1 - b) * QkdKeyRateCalculator::PhotonNumberYield(1, e, p.y0) * p.mu
                   * std::exp(-p.mu);
        matchedPoints += matched ? 1 : 0;
        decoyZero += r.rateDecoy == 0 ? 1 : 0;
        decoySecure += r.single.gain <= r.q1True ? 1 : 0;
        naiveAccepted += r.rateNaive > 0 ? 1 : 0;
        naiveInsecure += (r.rateNaive > 0 && r.q1Naive > r.q1True) ? 1 : 0;
        std::cout << std::setw(6) << km << std::setw(8) << b << std::setw(10) << tE << std::setw(11)
                  << r.m.GetGain(0) / qm << std::setw(11) << r.m.GetGain(1) / qn << std::setw(13)
                  << r.single.gain << std::setw(11) << r.q1True << std::setw(11) << r.q1Naive
                  << std::setw(11) << r.rateDecoy << std::setw(11) << r.rateNaive << std::setw(11)
                  << r.rateGllp << std::setw(12) << r.rateNoEve
                  << (matched ? "" : "  (gain not matchable)") << "\n";
        pnsRows.push_back(r);
    }
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::cout << "PNS at " << pnsRows.size() << " distances (" << matchedPoints
              << " with the signal gain matched): decoy estimate no key at " << decoyZero
              << ", decoy bound Q1^L <= true Q1 at " << decoySecure
              << "; the naive analysis reports key at " << naiveAccepted
              << ", with Q1 above the true one at " << naiveInsecure << "; wall " << wall << " s\n";

    if (!outputPrefix.empty())
    {
        std::ofstream ir(outputPrefix + "-ir.csv");
        ir << std::setprecision(8);
        ir << "fraction,qber_sim,qber_sigma,qber_analytic,gain_mu,rate_sim,rate_analytic\n";
        for (const IrRow& r : irRows)
        {
            const double th = analyticQber(0, r.f);
            ir << r.f << "," << r.m.GetQber(0) << ","
               << std::sqrt(th * (1 - th) / std::max<uint64_t>(1, r.m.GetSifted(0))) << "," << th
               << "," << r.m.GetGain(0) << "," << r.rate << "," << analyticRate(r.f) << "\n";
        }
        std::ofstream irc(outputPrefix + "-ir-curve.csv");
        irc << std::setprecision(8);
        irc << "fraction,qber_analytic,rate_analytic\n";
        for (int i = 0; i <= 200; ++i)
        {
            const double f = i / 200.0;
            irc << f << "," << analyticQber(0, f) << "," << analyticRate(f) << "\n";
        }
        std::ofstream pns(outputPrefix + "-pns.csv");
        pns << std::setprecision(8);
        pns << "distance_km,block_probability,forward_transmittance,gain_matched,gain_mu,gain_mu_"
               "expected,gain_nu,gain_nu_expected,qber_mu,y1_lower,y1_channel,q1_lower,q1_true,q1_"
               "naive,rate_decoy,rate_naive,rate_gllp,rate_no_eve_analytic\n";
        for (const PnsRow& r : pnsRows)
        {
            const double e = Eta(p, r.km);
            pns << r.km << "," << r.b << "," << r.tE << "," << (r.matched ? 1 : 0) << ","
                << r.m.GetGain(0) << "," << QkdKeyRateCalculator::ExpectedGain(p.mu, e, p.y0) << ","
                << r.m.GetGain(1) << "," << QkdKeyRateCalculator::ExpectedGain(p.nu, e, p.y0) << ","
                << r.m.GetQber(0) << "," << r.single.yield << ","
                << QkdKeyRateCalculator::PhotonNumberYield(1, e, p.y0) << "," << r.single.gain
                << "," << r.q1True << "," << r.q1Naive << "," << r.rateDecoy << "," << r.rateNaive
                << "," << r.rateGllp << "," << r.rateNoEve << "\n";
        }
        std::ofstream g1(outputPrefix + "-ir.gnuplot");
        g1 << "set terminal png size 900,600\n"
           << "set output '" << outputPrefix << "-ir.png'\n"
           << "set datafile separator ','\n"
           << "set xlabel 'intercepted fraction f'\nset ylabel 'QBER (signal)'\n"
           << "set y2label 'decoy key rate (bits per signal pulse)'\nset y2tics\nset ytics "
              "nomirror\n"
           << "set title 'BB84 intercept-resend at " << distanceKm << " km (GYS parameters)'\n"
           << "set key top left\n"
           << "plot '" << outputPrefix
           << "-ir-curve.csv' every ::1 using 1:2 with lines lw 2 title 'E_0 + f (1 - 2 E_0)/4', "
              "\\\n"
           << "     '" << outputPrefix
           << "-ir.csv' every ::1 using 1:2:(5*$3) with yerrorbars pt 7 title 'simulated QBER "
              "(5 sigma bars)', \\\n"
           << "     '" << outputPrefix
           << "-ir-curve.csv' every ::1 using 1:3 axes x1y2 with lines lw 2 dt 2 title 'key "
              "rate (analytic)', \\\n"
           << "     '" << outputPrefix
           << "-ir.csv' every ::1 using 1:6 axes x1y2 with points pt 5 title 'key rate "
              "(simulated)'\n";
        std::ofstream g2(outputPrefix + "-pns.gnuplot");
        g2 << "set terminal png size 900,900\n"
           << "set output '" << outputPrefix << "-pns.png'\n"
           << "set datafile separator ','\n"
           << "set multiplot layout 2,1 title 'PNS attack keeping the signal gain (GYS "
              "parameters, mu = "
           << p.mu << ", nu = " << p.nu << ")'\n"
           << "set logscale y\nset format y '10^{%L}'\nset xlabel 'fibre length (km)'\n"
           << "set key bottom left\nset ylabel 'gain per pulse'\n"
           << "plot '" << outputPrefix
           << "-pns.csv' every ::1 using 1:6 with lines lw 2 title 'signal gain, expected without "
              "Eve', \\\n"
           << "     '' every ::1 using 1:5 with points pt 7 title 'signal gain under attack', \\\n"
           << "     '' every ::1 using 1:8 with lines lw 2 dt 2 title 'decoy gain, expected "
              "without Eve', "
              "\\\n"
           << "     '' every ::1 using 1:7 with points pt 5 title 'decoy gain under attack', \\\n"
           << "     '' every ::1 using 1:13 with lines lw 2 dt 3 title 'true single-photon gain', "
              "\\\n"
           << "     '' every ::1 using 1:($14 > 0 ? $14 : 1/0) with points pt 2 title "
              "'single-photon gain assumed "
              "by the naive analysis', \\\n"
           << "     '' every ::1 using 1:($12 > 0 ? $12 : 1/0) with points pt 4 title 'decoy lower "
              "bound on the "
              "single-photon gain (0 not drawn)'\n"
           << "set ylabel 'key rate (bits per signal pulse)'\n"
           << "plot '" << outputPrefix
           << "-pns.csv' every ::1 using 1:($18 > 0 ? $18 : 1/0) with lines lw 2 title 'no Eve "
              "(analytic, decoy)', \\\n"
           << "     '' every ::1 using 1:($16 > 0 ? $16 : 1/0) with points pt 7 title 'naive "
              "analysis under attack (insecure)', \\\n"
           << "     '' every ::1 using 1:($15 > 0 ? $15 : 1/0) with points pt 5 title 'decoy "
              "estimate under attack (0 not drawn)'\n"
           << "unset multiplot\n";
    }

    std::cout << std::setprecision(8) << "{\"interceptResendPoints\": " << irRows.size()
              << ", \"qberAtFullInterceptSim\": " << irRows.back().m.GetQber(0)
              << ", \"qberAtFullInterceptAnalytic\": " << analyticQber(0, irRows.back().f)
              << ", \"maxQberDeviationSigma\": " << maxIrDeviation
              << ", \"decoyRateZeroAtFraction\": " << fZero << ", \"pnsPoints\": " << pnsRows.size()
              << ", \"pnsGainMatched\": " << matchedPoints
              << ", \"pnsDecoyRateZero\": " << decoyZero
              << ", \"pnsDecoyBoundBelowTrue\": " << decoySecure
              << ", \"pnsNaiveAccepted\": " << naiveAccepted
              << ", \"pnsNaiveInsecure\": " << naiveInsecure << ", \"wallSeconds\": " << wall << "}"
              << std::endl;
    Simulator::Destroy();
    return 0;
}
