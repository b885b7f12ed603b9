/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The key quantities of the QKD paper reproductions (examples
// qkd-decoy-distance-example, qkd-eavesdropping-example and
// qkd-satellite-pass-example) against their closed forms:
//  - the maximum distance of decoy-state BB84 with the GYS parameters (Ma,
//    Qi, Zhao and Lo, PRA 72, 012326 (2005) [Ma2005]: about 142 km with
//    infinitely many decoys);
//  - the simulated gains and QBERs of signal, weak decoy and vacuum at two
//    distances and the vacuum + weak decoy bound Y_1^L ([Ma2005] eq. (34));
//  - the QBER against the intercepted fraction f (Bennett et al., J.
//    Cryptology 5, 3 (1992)): E(f) = E_0 + f (1 - 2 E_0) / 4;
//  - the photon-number-splitting attack (Brassard et al., PRL 85, 1330
//    (2000)) that keeps the signal gain: the decoy gain and Y_1^L expose it
//    (Lo, Ma and Chen, PRL 94, 230504 (2005));
//  - the satellite orbit (spherical geometry) and the free-space loss along
//    it (FreeSpaceQuantumChannel's equations; Bourgoin et al., New J. Phys.
//    15, 023006 (2013)), and the loss measured from detections.
// Statistical tolerances: 5 standard errors at a fixed seed.

#include "quantum-test-utils.h"

#include "ns3/circular-orbit-mobility-model.h"
#include "ns3/core-module.h"
#include "ns3/free-space-quantum-channel.h"
#include "ns3/mobility-module.h"
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

#include <cmath>

using namespace ns3;
using quantumtest::BinomialSigma;

namespace
{

// GYS parameters [Ma2005] Table I.
constexpr double kAlpha = 0.21;   //!< dB/km
constexpr double kEtaBob = 0.045; //!< Bob's efficiency
constexpr double kEd = 0.033;     //!< e_detector
constexpr double kY0 = 1.7e-6;    //!< background yield
constexpr double kF = 1.22;       //!< f(e)
constexpr double kMu = 0.48;      //!< signal
constexpr double kNu = 0.05;      //!< weak decoy

/**
 * A GYS BB84 link with signal, weak decoy and vacuum.
 * @param lengthKm fibre length
 * @param eve eavesdropper or nullptr
 * @param stream first stream
 * @return the link
 */
Ptr<QkdQuantumLink>
MakeGysLink(double lengthKm, Ptr<QkdEavesdropper> eve, int64_t stream)
{
    QuantumChannelHelper ch;
    ch.SetChannelAttribute("LengthKm", DoubleValue(lengthKm));
    ch.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(kAlpha));
    ch.AddModel("ns3::PolarizationMisalignmentModel",
                "AngleRad",
                DoubleValue(std::asin(std::sqrt(kEd))));
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer d = ch.Install(nodes.Get(0), nodes.Get(1));
    Ptr<QkdQuantumLink> link = CreateObject<QkdQuantumLink>();
    link->SetAttribute("Protocol", StringValue("BB84"));
    link->SetAttribute("SourceType", StringValue("Wcp"));
    link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                         DynamicCast<QuantumNetDevice>(d.Get(1)));
    link->GetWeakCoherentSource()->SetIntensities({kMu, kNu, 0.0});
    link->GetWeakCoherentSource()->SetProbabilities({0.4, 0.4, 0.2});
    for (uint32_t k = 0; k < 2; ++k)
    {
        link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(kEtaBob);
        link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1 - std::sqrt(1 - kY0));
    }
    link->SetEavesdropper(eve);
    link->AssignStreams(stream);
    return link;
}

/**
 * Exact gain and QBER of a Poisson pulse with two threshold detectors
 * (dark-count probability d each), misalignment e (all photons of a pulse
 * routed together, the Pauli model of PolarizationAnalyzer) and double
 * clicks squashed to a random bit.
 * @param etaMu eta x mu
 * @param e misalignment
 * @param q set to the gain
 * @return the QBER
 */
double
ExactGainQber(double etaMu, double e, double& q)
{
    const double d = 1 - std::sqrt(1 - kY0);
    const double silentRx = (1 - d) * std::exp(-etaMu);
    const double anyRx = 1 - silentRx;
    q = 1 - (1 - d) * silentRx;
    const double onlyWrong = (1 - e) * silentRx * d + e * (1 - d) * anyRx;
    const double both = d * anyRx;
    return (onlyWrong + 0.5 * both) / q;
}

/**
 * @param lengthKm fibre length
 * @return eta_Bob x 10^{-alpha L / 10}
 */
double
Eta(double lengthKm)
{
    return kEtaBob * std::pow(10.0, -kAlpha * lengthKm / 10);
}

/**
 * Y_1^L of [Ma2005] eq. (34) as a linear function of the gains, and its
 * standard error from independent binomial gains.
 * @param qm Q_mu
 * @param qn Q_nu
 * @param y0 Y_0
 * @param c the counts (for the sample sizes); nullptr: no error
 * @param sigma set to the standard error
 * @return Y_1^L (not clipped)
 */
double
Y1Lower(double qm, double qn, double y0, const QkdDecoyTally* c, double& sigma)
{
    const double k = kMu / (kMu * kNu - kNu * kNu);
    const double am = std::exp(kMu) * kNu * kNu / (kMu * kMu);
    const double a0 = (kMu * kMu - kNu * kNu) / (kMu * kMu);
    const double an = std::exp(kNu);
    sigma = 0;
    if (c)
    {
        const double vn = qn * (1 - qn) / c->GetPulses(1);
        const double vm = qm * (1 - qm) / c->GetPulses(0);
        const double v0 = y0 * (1 - y0) / c->GetPulses(2);
        sigma = k * std::sqrt(an * an * vn + am * am * vm + a0 * a0 * v0);
    }
    return k * (an * qn - am * qm - a0 * y0);
}

/**
 * Gain of intensity m under the PNS attack (block b, forward t_E).
 * @param m mean photon number
 * @param eta channel x Bob transmittance
 * @param b blocking probability
 * @param tE forward transmittance
 * @return the gain
 */
double
PnsGain(double m, double eta, double b, double tE)
{
    double q = 0;
    double pn = std::exp(-m);
    for (uint32_t n = 0; n < 80; ++n)
    {
        double y = kY0;
        if (n == 1)
        {
            y = (1 - b) * (1 - (1 - kY0) * (1 - eta)) + b * kY0;
        }
        else if (n >= 2)
        {
            y = 1 - (1 - kY0) * std::pow(1 - tE * kEtaBob, n - 1);
        }
        q += pn * y;
        pn *= m / (n + 1);
    }
    return q;
}

} // namespace

/**
 * The maximum distance of the GYS curve with infinitely many decoys,
 * bisected on [Ma2005] eq. (1), against the published value.
 */
class GysMaxDistanceTestCase : public TestCase
{
  public:
    GysMaxDistanceTestCase()
        : TestCase("GYS maximum distance of decoy BB84 is 142 km as in Ma2005")
    {
    }

  private:
    /**
     * @param l fibre length
     * @param vacuumWeak false: infinite decoys; true: vacuum + weak decoy bounds
     * @return the signed key rate per signal pulse
     */
    static double Rate(double l, bool vacuumWeak)
    {
        const double eta = Eta(l);
        const double q = QkdKeyRateCalculator::ExpectedGain(kMu, eta, kY0);
        const double e = QkdKeyRateCalculator::ExpectedQber(kMu, eta, kY0, kEd);
        QkdSinglePhotonEstimate s = QkdKeyRateCalculator::InfiniteDecoyValues(kMu, eta, kY0, kEd);
        if (vacuumWeak)
        {
            const double qn = QkdKeyRateCalculator::ExpectedGain(kNu, eta, kY0);
            const double en = QkdKeyRateCalculator::ExpectedQber(kNu, eta, kY0, kEd);
            s = QkdKeyRateCalculator::VacuumWeakDecoyBounds(kMu, kNu, q, qn, en, kY0);
        }
        const double h = QkdKeyRateCalculator::BinaryEntropy(e);
        const double h1 = QkdKeyRateCalculator::BinaryEntropy(std::min(0.5, s.errorRate));
        return 0.5 * (-q * kF * h + s.gain * (1 - h1));
    }

    /**
     * @param vacuumWeak which estimate
     * @return the distance where the rate reaches 0
     */
    static double MaxDistance(bool vacuumWeak)
    {
        double lo = 0;
        double hi = 300;
        for (int i = 0; i < 60; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (Rate(mid, vacuumWeak) > 0 ? lo : hi) = mid;
        }
        return lo;
    }

    void DoRun() override
    {
        const double inf = MaxDistance(false);
        // [Ma2005] Sec. V: about 142 km for GYS with mu = 0.48 and infinite decoys.
        NS_TEST_EXPECT_MSG_EQ_TOL(inf, 142.0, 1.0, "GYS maximum distance, infinite decoys");
        // The rate is positive below and zero above it.
        NS_TEST_EXPECT_MSG_GT(Rate(inf - 1, false), 0, "key below the maximum distance");
        NS_TEST_EXPECT_MSG_LT(Rate(inf + 1, false), 0, "no key beyond it");
        // Vacuum + weak decoy (nu = 0.05) approaches the infinite-decoy limit
        // from below ([Ma2005] Sec. IV: within a few km for weak nu).
        const double vw = MaxDistance(true);
        NS_TEST_EXPECT_MSG_LT(vw, inf, "vacuum + weak decoy below infinite decoys");
        NS_TEST_EXPECT_MSG_GT(vw, inf - 3, "vacuum + weak decoy within 3 km of the limit");
    }
};

/**
 * Gains and QBERs of signal, weak decoy and vacuum at 25 km and 100 km
 * against the closed forms, and the simulated Y_1^L against eq. (34) of the
 * expected gains.
 */
class DecoyGainsTestCase : public TestCase
{
  public:
    DecoyGainsTestCase()
        : TestCase("Decoy gains, QBERs and Y1 bound at two GYS distances")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        const std::vector<double> mus{kMu, kNu, 0.0};
        const std::vector<std::pair<double, uint64_t>> cases{{25, 200000000ULL},
                                                             {100, 4000000000ULL}};
        int64_t stream = 10;
        for (const auto& [km, pulses] : cases)
        {
            Ptr<QkdQuantumLink> link = MakeGysLink(km, nullptr, stream);
            stream += 10;
            QkdDecoyTally c;
            c.AddFrames(link, pulses, 100000000ULL);
            std::vector<double> qth(3);
            for (uint32_t l = 0; l < 3; ++l)
            {
                const double eth = ExactGainQber(Eta(km) * mus[l], kEd, qth[l]);
                const double gain = c.GetGain(l);
                const double qber = c.GetQber(l);
                NS_TEST_EXPECT_MSG_EQ_TOL(gain,
                                          qth[l],
                                          5 * BinomialSigma(qth[l], c.GetPulses(l)),
                                          "gain at " << km << " km, intensity " << mus[l]);
                NS_TEST_EXPECT_MSG_EQ_TOL(qber,
                                          eth,
                                          5 * BinomialSigma(eth, c.GetSifted(l)),
                                          "QBER at " << km << " km, intensity " << mus[l]);
            }
            double sigma;
            const double y1 = Y1Lower(c.GetGain(0), c.GetGain(1), c.GetGain(2), &c, sigma);
            double unused;
            const double y1th = Y1Lower(qth[0], qth[1], qth[2], nullptr, unused);
            NS_TEST_EXPECT_MSG_EQ_TOL(y1, y1th, 5 * sigma, "Y1^L at " << km << " km");
            // The bound is below the true single-photon yield (a lower bound).
            NS_TEST_EXPECT_MSG_LT(y1th,
                                  QkdKeyRateCalculator::PhotonNumberYield(1, Eta(km), kY0),
                                  "Y1^L is a lower bound");
        }
    }
};

/**
 * QBER against the intercepted fraction f: E(f) = E_0 + f (1 - 2 E_0) / 4,
 * gain unchanged.
 */
class InterceptResendQberTestCase : public TestCase
{
  public:
    InterceptResendQberTestCase()
        : TestCase("Intercept-resend QBER is E0 + f (1 - 2 E0) over 4")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(8);
        RngSeedManager::SetRun(1);
        const double km = 25;
        const std::vector<double> mus{kMu, kNu, 0.0};
        int64_t stream = 200;
        for (double f : {0.0, 0.3, 1.0})
        {
            Ptr<QkdInterceptResendEavesdropper> eve
                = CreateObject<QkdInterceptResendEavesdropper>();
            eve->SetAttribute("InterceptFraction", DoubleValue(f));
            Ptr<QkdQuantumLink> link = MakeGysLink(km, eve, stream);
            stream += 10;
            QkdDecoyTally c;
            c.AddFrames(link, 100000000ULL, 100000000ULL);
            for (uint32_t l = 0; l < 2; ++l)
            {
                double q;
                const double e0 = ExactGainQber(Eta(km) * mus[l], kEd, q);
                const double eth = e0 + f * (1 - 2 * e0) / 4;
                NS_TEST_EXPECT_MSG_EQ_TOL(c.GetQber(l),
                                          eth,
                                          5 * BinomialSigma(eth, c.GetSifted(l)),
                                          "QBER, f = " << f << ", intensity " << mus[l]);
                NS_TEST_EXPECT_MSG_EQ_TOL(c.GetGain(l),
                                          q,
                                          5 * BinomialSigma(q, c.GetPulses(l)),
                                          "gain unchanged, f = " << f);
            }
        }
    }
};

/**
 * PNS attack that keeps the signal gain (b = 1, t_E tuned) at 50 km: the
 * signal gain matches the no-Eve value, the decoy gain and Y_1^L collapse
 * (decoy key rate 0), while the naive analysis reports key.
 */
class PnsDecoyDetectionTestCase : public TestCase
{
  public:
    PnsDecoyDetectionTestCase()
        : TestCase("PNS keeping the signal gain is exposed by the decoy bound")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        const double km = 50;
        const double eta = Eta(km);
        const double target = QkdKeyRateCalculator::ExpectedGain(kMu, eta, kY0);
        // Eve blocks every single photon (b = 1) and tunes t_E so that the
        // signal gain equals its expected value.
        NS_TEST_ASSERT_MSG_GT(PnsGain(kMu, eta, 1, 1), target, "b = 1 suffices at 50 km");
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (PnsGain(kMu, eta, 1, mid) < target ? lo : hi) = mid;
        }
        const double tE = 0.5 * (lo + hi);
        Ptr<QkdPnsEavesdropper> eve = CreateObject<QkdPnsEavesdropper>();
        eve->SetAttribute("SinglePhotonBlockProbability", DoubleValue(1.0));
        eve->SetAttribute("ForwardTransmittance", DoubleValue(tE));
        Ptr<QkdQuantumLink> link = MakeGysLink(km, eve, 300);
        QkdDecoyTally c;
        c.AddFrames(link, 1000000000ULL, 200000000ULL);
        const std::vector<double> mus{kMu, kNu, 0.0};
        std::vector<double> q(3);
        for (uint32_t l = 0; l < 3; ++l)
        {
            const double th = PnsGain(mus[l], eta, 1, tE);
            q[l] = c.GetGain(l);
            NS_TEST_EXPECT_MSG_EQ_TOL(q[l],
                                      th,
                                      5 * BinomialSigma(th, c.GetPulses(l)),
                                      "gain under PNS, intensity " << mus[l]);
        }
        // The signal gain looks normal...
        NS_TEST_EXPECT_MSG_EQ_TOL(q[0],
                                  target,
                                  5 * BinomialSigma(target, c.GetPulses(0)),
                                  "signal gain equals the no-Eve value");
        // ...the weak decoy's does not (far below, many standard errors).
        const double qnExpected = QkdKeyRateCalculator::ExpectedGain(kNu, eta, kY0);
        NS_TEST_EXPECT_MSG_LT(q[1] + 20 * BinomialSigma(qnExpected, c.GetPulses(1)),
                              qnExpected,
                              "decoy gain drops");
        double sigma;
        const double y1 = Y1Lower(q[0], q[1], q[2], &c, sigma);
        double unused;
        const double y1th
            = Y1Lower(PnsGain(kMu, eta, 1, tE), PnsGain(kNu, eta, 1, tE), kY0, nullptr, unused);
        NS_TEST_EXPECT_MSG_EQ_TOL(y1, y1th, 5 * sigma, "Y1^L under attack");
        NS_TEST_EXPECT_MSG_LT(y1 + 5 * sigma, 0.0, "Y1^L collapses below 0");
        const double en = c.GetQber(1);
        const double em = c.GetQber(0);
        const QkdSinglePhotonEstimate s
            = QkdKeyRateCalculator::VacuumWeakDecoyBounds(kMu, kNu, q[0], q[1], en, q[2]);
        NS_TEST_EXPECT_MSG_EQ(QkdKeyRateCalculator::KeyRate(0.5, q[0], em, kF, s),
                              0.0,
                              "decoy key rate 0");
        // Naive: the single-photon yield of a lossy channel matching the gain.
        const double etaNaive = -std::log1p(-(q[0] - kY0)) / kMu;
        const double naive = QkdKeyRateCalculator::KeyRate(
            0.5,
            q[0],
            em,
            kF,
            QkdKeyRateCalculator::InfiniteDecoyValues(kMu, etaNaive, kY0, kEd));
        NS_TEST_EXPECT_MSG_GT(naive, 0.0, "the naive analysis accepts");
    }
};

/**
 * The satellite orbit and the free-space loss along it against the closed
 * forms at three times, and the loss measured from the detections.
 */
class SatellitePassLossTestCase : public TestCase
{
  public:
    SatellitePassLossTestCase()
        : TestCase("Free-space loss along a circular orbit matches the closed form")
    {
    }

  private:
    /** Closed-form checks at the current simulation time. */
    void Check()
    {
        const double t = Simulator::Now().GetSeconds();
        const double theta = m_theta0 + m_omega * t;
        const double cosGamma = std::cos(theta) * std::cos(m_beta);
        const double d = std::sqrt(m_R * m_R + m_r * m_r - 2 * m_R * m_r * cosGamma);
        const double el = std::asin((m_r * cosGamma - m_R) / d);
        NS_TEST_EXPECT_MSG_EQ_TOL(m_channel->GetLengthMeters(m_sat, m_gs),
                                  d,
                                  1e-6 * d,
                                  "slant range at t = " << t);
        NS_TEST_EXPECT_MSG_EQ_TOL(m_channel->GetElevationRad(m_sat, m_gs),
                                  el,
                                  1e-9,
                                  "elevation at t = " << t);
        // Free-space model: Gaussian beam, jitter, aperture, atmosphere.
        const double w0 = 0.15;
        const double zr = M_PI * w0 * w0 / 850e-9;
        const double weff2 = w0 * w0 * (1 + d * d / (zr * zr)) + 4 * std::pow(2e-6 * d, 2);
        const double closed = (1 - std::exp(-2 * 0.25 / weff2)) * std::pow(0.8, 1 / std::sin(el))
                              * std::pow(10, -0.3);
        const double sim = m_channel->GetTransmittance(m_sat, m_gs);
        NS_TEST_EXPECT_MSG_EQ_TOL(sim, closed, 1e-9 * closed, "transmittance at t = " << t);
        m_checked++;
        if (t > 100 && t < 200)
        {
            // Loss measured from the detections of the moving link.
            m_link->Prepare();
            QkdFrameView a;
            QkdFrameView b;
            m_link->GenerateFrame(200000000ULL, a, b);
            uint64_t clicks = 0;
            for (const auto& r : a.records)
            {
                clicks += r.label == 0 ? 1 : 0;
            }
            const double y0 = 1 - std::pow(1 - 1e-6, 2);
            const double expected = 1 - (1 - y0) * std::exp(-0.5 * closed * 0.8);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(clicks) / a.pulsesPerLabel[0],
                                      expected,
                                      5 * BinomialSigma(expected, a.pulsesPerLabel[0]),
                                      "signal gain on the orbit at t = " << t);
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(10);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        m_R = 6371e3;
        m_r = m_R + 500e3;
        m_beta = 0.05;
        m_theta0 = -0.2;
        Ptr<CircularOrbitMobilityModel> orbit = CreateObject<CircularOrbitMobilityModel>();
        orbit->SetAttribute("CrossTrackAngleRad", DoubleValue(m_beta));
        orbit->SetAttribute("InitialAngleRad", DoubleValue(m_theta0));
        nodes.Get(0)->AggregateObject(orbit);
        Ptr<ConstantPositionMobilityModel> ground = CreateObject<ConstantPositionMobilityModel>();
        nodes.Get(1)->AggregateObject(ground);
        // Kepler: omega = sqrt(GM / r^3), GM = 3.986004418e14 m^3/s^2 (WGS 84);
        // speed sqrt(GM / r) = 7.6 km/s at 500 km.
        m_omega = std::sqrt(3.986004418e14 / (m_r * m_r * m_r));
        NS_TEST_EXPECT_MSG_EQ_TOL(orbit->GetAngularVelocityRadPerSecond(),
                                  m_omega,
                                  1e-12 * m_omega,
                                  "Kepler angular velocity");
        NS_TEST_EXPECT_MSG_EQ_TOL(orbit->GetVelocity().GetLength(),
                                  std::sqrt(3.986004418e14 / m_r),
                                  1e-6,
                                  "orbital speed");
        QuantumChannelHelper ch;
        ch.SetChannelType("ns3::FreeSpaceQuantumChannel");
        ch.SetChannelAttribute("PointingJitterRad", DoubleValue(2e-6));
        ch.SetChannelAttribute("InsertionLossDb", DoubleValue(3.0));
        NetDeviceContainer d = ch.Install(nodes.Get(0), nodes.Get(1));
        m_sat = DynamicCast<QuantumNetDevice>(d.Get(0));
        m_gs = DynamicCast<QuantumNetDevice>(d.Get(1));
        m_channel = DynamicCast<FreeSpaceQuantumChannel>(m_sat->GetChannel());
        m_link = CreateObject<QkdQuantumLink>();
        m_link->SetAttribute("Protocol", StringValue("BB84"));
        m_link->SetAttribute("SourceType", StringValue("Wcp"));
        m_link->SetBb84Channel(m_sat, m_gs);
        m_link->GetWeakCoherentSource()->SetIntensities({0.5, 0.1, 0.0});
        m_link->GetWeakCoherentSource()->SetProbabilities({0.5, 0.25, 0.25});
        for (uint32_t k = 0; k < 2; ++k)
        {
            m_link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.8);
            m_link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1e-6);
        }
        m_link->AssignStreams(400);
        // Three times: low elevation, mid pass, near the closest approach.
        for (double t : {0.0, 180.0, 300.0})
        {
            Simulator::Schedule(Seconds(t), &SatellitePassLossTestCase::Check, this);
        }
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_EXPECT_MSG_EQ(m_checked, 3, "three checks ran");
        m_link = nullptr;
        m_channel = nullptr;
        m_sat = nullptr;
        m_gs = nullptr;
    }

    double m_R{0};                          //!< Earth radius
    double m_r{0};                          //!< orbit radius
    double m_beta{0};                       //!< cross-track angle
    double m_theta0{0};                     //!< initial angle
    double m_omega{0};                      //!< angular velocity
    uint32_t m_checked{0};                  //!< checks run
    Ptr<QuantumNetDevice> m_sat;            //!< satellite device
    Ptr<QuantumNetDevice> m_gs;             //!< ground device
    Ptr<FreeSpaceQuantumChannel> m_channel; //!< channel
    Ptr<QkdQuantumLink> m_link;             //!< link
};

/**
 * Bad input to the orbit model.
 */
class CircularOrbitBadInputTestCase : public TestCase
{
  public:
    CircularOrbitBadInputTestCase()
        : TestCase("Circular orbit rejects bad input")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            CreateObject<CircularOrbitMobilityModel>()->SetPosition(Vector(1, 2, 3)),
            "the orbit defines the position");
        QUANTUM_EXPECT_ABORT(
            CreateObject<CircularOrbitMobilityModel>()->SetAttribute("AltitudeM", DoubleValue(-5)),
            "AltitudeM");
        QUANTUM_EXPECT_ABORT(
            CreateObject<CircularOrbitMobilityModel>()->SetAttribute("CrossTrackAngleRad",
                                                                     DoubleValue(2.0)),
            "CrossTrackAngleRad");
        // A valid orbit above the zenith: straight up at the closest approach.
        Ptr<CircularOrbitMobilityModel> m = CreateObject<CircularOrbitMobilityModel>();
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetPosition().z, 500e3, 1e-6, "zenith pass at t = 0");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetElevationRad(Seconds(0)), M_PI / 2, 1e-12, "zenith");
    }
};

/**
 * The suite.
 */
class QuantumReproductionsQkdTestSuite : public TestSuite
{
  public:
    QuantumReproductionsQkdTestSuite()
        : TestSuite("quantum-reproductions-qkd", Type::UNIT)
    {
        AddTestCase(new GysMaxDistanceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DecoyGainsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new InterceptResendQberTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PnsDecoyDetectionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SatellitePassLossTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new CircularOrbitBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** Static instance. */
static QuantumReproductionsQkdTestSuite g_quantumReproductionsQkdTestSuite;
