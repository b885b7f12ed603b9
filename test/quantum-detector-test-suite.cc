/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Single-photon detectors and polarization analyzers against their closed
// forms: threshold click probability 1 - (1 - p_d) G(1 - eta) with G the
// photon-number generating function (Fock, Poisson, thermal: Loudon, The
// Quantum Theory of Light, 2000, sections 5.8, 6.10), dark counts from a rate
// (1 - exp(-R tau)), dead time, after-pulsing, photon-number resolution, timing
// jitter; analyzer routing with the Pauli noise of a pulse, the decoy-state
// error model E Q = e_d (1 - exp(-eta mu)) (Ma, Qi, Zhao and Lo, Phys. Rev. A
// 72, 012326, 2005), and Born-rule statistics of QUBIT photons.  Statistical
// checks use 5 standard errors of the sample and fixed seeds.

#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/kraus-channel.h"
#include "ns3/network-module.h"
#include "ns3/nstime.h"
#include "ns3/photon-number-statistics.h"
#include "ns3/pointer.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-net-device.h"
#include "ns3/quantum-signal.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/test.h"

#include <cmath>
#include <vector>

using namespace ns3;

namespace
{

/**
 * @param p probability
 * @param n sample size
 * @return 5 binomial standard errors (a floor of 1e-12 for p = 0 or 1)
 */
double
FiveSigma(double p, double n)
{
    return std::max(5 * quantumtest::BinomialSigma(p, n), 1e-12);
}

/**
 * @param efficiency detection efficiency
 * @param pDark dark-count probability per gate
 * @return a detector with those attributes and fixed streams
 */
Ptr<SinglePhotonDetector>
MakeDetector(double efficiency, double pDark)
{
    Ptr<SinglePhotonDetector> d = CreateObject<SinglePhotonDetector>();
    d->SetAttribute("Efficiency", DoubleValue(efficiency));
    d->SetAttribute("DarkCountProbability", DoubleValue(pDark));
    d->AssignStreams(100);
    return d;
}

/**
 * @param s statistics
 * @param mean mean (or photon number)
 * @param transmittance transmittance applied to the pulse
 * @return a MODE pulse (Z basis, bit 0)
 */
Ptr<QuantumSignal>
MakePulse(QuantumSignal::Statistics s, double mean, double transmittance)
{
    Ptr<QuantumSignal> p = QuantumSignal::CreateMode(s, mean, 0, 0);
    p->ApplyTransmittance(transmittance);
    return p;
}

/**
 * Sample moments of a list of counts.
 */
struct Moments
{
    double mean;     //!< sample mean
    double variance; //!< sample variance
    double meanSe;   //!< standard error of the mean
    double varSe;    //!< standard error of the variance, sqrt((m4 - s^4) / N)
};

/**
 * @param x samples
 * @return their moments
 */
Moments
ComputeMoments(const std::vector<double>& x)
{
    const double n = x.size();
    double m = 0;
    for (double v : x)
    {
        m += v;
    }
    m /= n;
    double m2 = 0;
    double m4 = 0;
    for (double v : x)
    {
        const double d = (v - m) * (v - m);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    return {m, m2 * n / (n - 1), std::sqrt(m2 / n), std::sqrt(std::max(m4 - m2 * m2, 0.0) / n)};
}

} // namespace

/**
 * @ingroup quantum-tests
 * The analytic helpers against hand-evaluated formulas.
 */
class DetectorClosedFormTestCase : public TestCase
{
  public:
    DetectorClosedFormTestCase()
        : TestCase("click probability and photon-number closed forms")
    {
    }

  private:
    void DoRun() override
    {
        const double eta = 0.37;
        const double pd = 0.013;
        for (uint32_t n = 0; n < 6; ++n)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(
                SinglePhotonDetector::ClickProbability(QuantumSignal::FOCK, n, eta, pd),
                1 - std::pow(1 - eta, n) * (1 - pd),
                1e-15,
                "Fock " << n);
        }
        for (double mu : {0.0, 0.1, 1.0, 7.5})
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(
                SinglePhotonDetector::ClickProbability(QuantumSignal::POISSON, mu, eta, pd),
                1 - (1 - pd) * std::exp(-eta * mu),
                1e-15,
                "Poisson " << mu);
            NS_TEST_EXPECT_MSG_EQ_TOL(
                SinglePhotonDetector::ClickProbability(QuantumSignal::THERMAL, mu, eta, pd),
                1 - (1 - pd) / (1 + eta * mu),
                1e-15,
                "thermal " << mu);
            // The pmfs are normalised and have the stated mean.
            for (auto s : {QuantumSignal::POISSON, QuantumSignal::THERMAL})
            {
                double total = 0;
                double mean = 0;
                for (uint32_t k = 0; k < 2000; ++k)
                {
                    const double p = PhotonNumberStatistics::Probability(s, mu, k);
                    total += p;
                    mean += k * p;
                }
                NS_TEST_EXPECT_MSG_EQ_TOL(total, 1.0, 1e-10, "normalised");
                NS_TEST_EXPECT_MSG_EQ_TOL(mean, mu, 1e-9, "mean");
            }
        }
        // A transmittance T on a Fock pulse: (1 - eta T)^n.
        Ptr<QuantumSignal> fock = MakePulse(QuantumSignal::FOCK, 3, 0.5);
        NS_TEST_EXPECT_MSG_EQ_TOL(SinglePhotonDetector::ClickProbability(fock, eta, pd),
                                  1 - std::pow(1 - eta * 0.5, 3) * (1 - pd),
                                  1e-15,
                                  "Fock with transmittance");
        // Dark counts from a rate.
        NS_TEST_EXPECT_MSG_EQ_TOL(
            SinglePhotonDetector::DarkCountProbabilityFromRate(2e6, NanoSeconds(100)),
            1 - std::exp(-0.2),
            1e-11, // Time::GetSeconds() is exact to ~1e-12 relative
            "1 - exp(-R tau)");
        Ptr<SinglePhotonDetector> d = MakeDetector(0.5, 0.25);
        NS_TEST_EXPECT_MSG_EQ_TOL(d->GetEffectiveDarkCountProbability(),
                                  0.25,
                                  1e-15,
                                  "probability used when the rate is 0");
        d->SetAttribute("DarkCountRateHz", DoubleValue(2e6));
        d->SetAttribute("GateWidth", TimeValue(NanoSeconds(100)));
        NS_TEST_EXPECT_MSG_EQ_TOL(d->GetEffectiveDarkCountProbability(),
                                  1 - std::exp(-0.2),
                                  1e-11,
                                  "the rate wins when > 0");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Click rates of Fock pulses (with a transmittance) and of QUBIT photons.
 */
class DetectorFockClickTestCase : public TestCase
{
  public:
    DetectorFockClickTestCase()
        : TestCase("Fock pulses and qubit photons click with 1 - (1 - pd)(1 - eta T)^n")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(11);
        RngSeedManager::SetRun(1);
        const double eta = 0.35;
        const double pd = 0.02;
        const double t = 0.8;
        const uint32_t trials = 40000;
        Ptr<SinglePhotonDetector> d = MakeDetector(eta, pd);
        for (uint32_t n : {0u, 1u, 2u, 3u, 5u, 80u})
        {
            Ptr<QuantumSignal> s = MakePulse(QuantumSignal::FOCK, n, t);
            uint32_t clicks = 0;
            uint32_t badCounts = 0;
            for (uint32_t i = 0; i < trials; ++i)
            {
                DetectionResult r = d->Detect(s);
                clicks += r.clicked;
                badCounts += r.photons != (r.clicked ? 1 : 0); // threshold detector: 0/1 only
            }
            NS_TEST_EXPECT_MSG_EQ(badCounts, 0, "a threshold detector reports 0 or 1");
            const double expected = 1 - (1 - pd) * std::pow(1 - eta * t, n);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(clicks) / trials,
                                      expected,
                                      FiveSigma(expected, trials),
                                      "Fock " << n);
        }
        // QUBIT photons: one photon each, consumed; erased photons only give dark counts.
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(1);
        d->SetAttribute("Registry", PointerValue(reg));
        uint32_t clicks = 0;
        uint32_t erasedClicks = 0;
        const uint32_t qubits = 20000;
        for (uint32_t i = 0; i < qubits; ++i)
        {
            clicks += d->Detect(QuantumSignal::CreateQubit(reg->CreateQubit())).clicked;
            QubitHandle lost = reg->CreateQubit();
            reg->Erase(lost);
            erasedClicks += d->Detect(QuantumSignal::CreateQubit(lost)).clicked;
        }
        const double pQubit = 1 - (1 - pd) * (1 - eta);
        NS_TEST_EXPECT_MSG_EQ_TOL(double(clicks) / qubits,
                                  pQubit,
                                  FiveSigma(pQubit, qubits),
                                  "qubit photon");
        NS_TEST_EXPECT_MSG_EQ_TOL(double(erasedClicks) / qubits,
                                  pd,
                                  FiveSigma(pd, qubits),
                                  "erased photon: dark counts only");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "detected photons are consumed");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Click rates of Poisson and thermal pulses with dark counts.
 */
class DetectorPoissonThermalClickTestCase : public TestCase
{
  public:
    DetectorPoissonThermalClickTestCase()
        : TestCase("Poisson and thermal pulses click with 1 - (1 - pd) G(1 - eta T)")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(12);
        RngSeedManager::SetRun(1);
        const double eta = 0.6;
        const double pd = 0.01;
        const double t = 0.5;
        const uint32_t trials = 40000;
        Ptr<SinglePhotonDetector> d = MakeDetector(eta, pd);
        for (double mu : {0.1, 1.0, 4.0, 150.0})
        {
            const double m = eta * t * mu;
            Ptr<QuantumSignal> poisson = MakePulse(QuantumSignal::POISSON, mu, t);
            Ptr<QuantumSignal> thermal = MakePulse(QuantumSignal::THERMAL, mu, t);
            uint32_t cp = 0;
            uint32_t ct = 0;
            for (uint32_t i = 0; i < trials; ++i)
            {
                cp += d->Detect(poisson).clicked;
                ct += d->Detect(thermal).clicked;
            }
            const double ep = 1 - (1 - pd) * std::exp(-m);
            const double et = 1 - (1 - pd) / (1 + m);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(cp) / trials,
                                      ep,
                                      FiveSigma(ep, trials),
                                      "Poisson mu = " << mu);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(ct) / trials,
                                      et,
                                      FiveSigma(et, trials),
                                      "thermal mu = " << mu);
            NS_TEST_EXPECT_MSG_EQ_TOL(d->GetClickProbability(poisson), ep, 1e-15, "analytic");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Dark counts alone: per-gate probability, or from a rate and a gate width.
 */
class DetectorDarkCountTestCase : public TestCase
{
  public:
    DetectorDarkCountTestCase()
        : TestCase("dark counts match p_dark and 1 - exp(-rate gate)")
    {
    }

  private:
    void OnClick(Time t, uint32_t photons, bool isDark)
    {
        m_traced++;
        m_tracedDark += isDark;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(13);
        RngSeedManager::SetRun(1);
        const uint32_t gates = 100000;
        Ptr<SinglePhotonDetector> d = MakeDetector(0.9, 0.03);
        d->TraceConnectWithoutContext("Click",
                                      MakeCallback(&DetectorDarkCountTestCase::OnClick, this));
        uint32_t clicks = 0;
        for (uint32_t i = 0; i < gates; ++i)
        {
            clicks += d->DetectDarkOnly().clicked;
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(double(clicks) / gates,
                                  0.03,
                                  FiveSigma(0.03, gates),
                                  "DarkCountProbability");
        NS_TEST_EXPECT_MSG_EQ(m_traced, clicks, "every click traced");
        NS_TEST_EXPECT_MSG_EQ(m_tracedDark, clicks, "and traced as dark");
        // The rate wins over the probability when > 0.
        d->SetAttribute("DarkCountProbability", DoubleValue(0.5));
        d->SetAttribute("DarkCountRateHz", DoubleValue(2e6));
        d->SetAttribute("GateWidth", TimeValue(NanoSeconds(100)));
        clicks = 0;
        for (uint32_t i = 0; i < gates; ++i)
        {
            clicks += d->DetectDarkOnly().clicked;
        }
        const double expected = 1 - std::exp(-2e6 * 100e-9);
        NS_TEST_EXPECT_MSG_EQ_TOL(double(clicks) / gates,
                                  expected,
                                  FiveSigma(expected, gates),
                                  "DarkCountRateHz x GateWidth");
        Simulator::Destroy();
    }

    uint32_t m_traced{0};     //!< traced clicks
    uint32_t m_tracedDark{0}; //!< traced dark clicks
};

/**
 * @ingroup quantum-tests
 * Dead time: a gate inside it never clicks, one after it clicks as usual.
 */
class DetectorDeadTimeTestCase : public TestCase
{
  public:
    DetectorDeadTimeTestCase()
        : TestCase("no click within the dead time, the usual probability after it")
    {
    }

  private:
    void OnGate(Time t, uint32_t signalPhotons, bool blind)
    {
        m_blindGates += blind;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(14);
        RngSeedManager::SetRun(1);
        const double eta = 0.5;
        const double pd = 0.1;
        Ptr<SinglePhotonDetector> d = MakeDetector(eta, pd);
        d->SetAttribute("DeadTime", TimeValue(NanoSeconds(100)));
        d->TraceConnectWithoutContext("Gate",
                                      MakeCallback(&DetectorDeadTimeTestCase::OnGate, this));
        Ptr<QuantumSignal> bright = MakePulse(QuantumSignal::FOCK, 60, 1.0);
        Ptr<QuantumSignal> single = MakePulse(QuantumSignal::FOCK, 1, 1.0);
        const uint32_t trials = 20000;
        uint32_t primed = 0;
        uint32_t insideClicks = 0;
        uint32_t insideBlind = 0;
        uint32_t notDead = 0;
        uint32_t afterClicks = 0;
        uint32_t edgeClicks = 0;
        for (uint32_t i = 0; i < trials; ++i)
        {
            const Time base = MicroSeconds(10) * i;
            Simulator::Schedule(base, [&]() {
                if (d->Detect(bright).clicked) // P(no click) = 2^-60 (1 - pd)
                {
                    primed++;
                    // Inside the dead time: a bright pulse must not click.
                    Simulator::Schedule(NanoSeconds(50), [&]() {
                        notDead += !d->IsInDeadTime();
                        DetectionResult r = d->Detect(bright);
                        insideClicks += r.clicked;
                        insideBlind += r.blind;
                    });
                    // After it: one photon clicks with 1 - (1 - eta)(1 - pd).
                    Simulator::Schedule(NanoSeconds(150), [&]() {
                        afterClicks += d->Detect(single).clicked;
                    });
                }
            });
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(primed, trials, "bright pulses click");
        NS_TEST_EXPECT_MSG_EQ(insideClicks, 0, "no click inside the dead time");
        NS_TEST_EXPECT_MSG_EQ(insideBlind, primed, "gates inside the dead time are blind");
        NS_TEST_EXPECT_MSG_EQ(notDead, 0, "IsInDeadTime inside the dead time");
        NS_TEST_EXPECT_MSG_EQ(m_blindGates, primed, "and traced as blind");
        const double expected = 1 - (1 - eta) * (1 - pd);
        NS_TEST_EXPECT_MSG_EQ_TOL(double(afterClicks) / primed,
                                  expected,
                                  FiveSigma(expected, primed),
                                  "usual probability after the dead time");
        Simulator::Destroy();
        // Dark counts start a dead time too, and a gate exactly DeadTime later is live.
        Ptr<SinglePhotonDetector> dark = MakeDetector(0.5, 1.0);
        dark->SetAttribute("DeadTime", TimeValue(NanoSeconds(100)));
        uint32_t blindClicks = 0;
        for (uint32_t i = 0; i < 1000; ++i)
        {
            const Time base = MicroSeconds(10) * i;
            Simulator::Schedule(base, [&]() {
                dark->DetectDarkOnly();
            });
            Simulator::Schedule(base + NanoSeconds(99), [&]() {
                blindClicks += dark->DetectDarkOnly().clicked;
            });
            Simulator::Schedule(base + NanoSeconds(100), [&]() {
                edgeClicks += dark->DetectDarkOnly().clicked;
            });
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(blindClicks, 0, "a dark count starts a dead time");
        NS_TEST_EXPECT_MSG_EQ(edgeClicks, 1000, "live again at exactly DeadTime (p_dark = 1)");
        Simulator::Destroy();
    }

    uint32_t m_blindGates{0}; //!< traced blind gates
};

/**
 * @ingroup quantum-tests
 * After-pulses: extra click probability inside the window, none after it.
 */
class DetectorAfterpulseTestCase : public TestCase
{
  public:
    DetectorAfterpulseTestCase()
        : TestCase("after-pulse probability inside the window, none outside")
    {
    }

  private:
    void OnAfterpulse(Time t)
    {
        m_afterpulses++;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(15);
        RngSeedManager::SetRun(1);
        const double pap = 0.2;
        for (double pd : {0.0, 0.05})
        {
            m_afterpulses = 0;
            Ptr<SinglePhotonDetector> d = MakeDetector(0.5, pd);
            d->SetAttribute("DeadTime", TimeValue(NanoSeconds(50)));
            d->SetAttribute("AfterpulseProbability", DoubleValue(pap));
            d->SetAttribute("AfterpulseWindow", TimeValue(MicroSeconds(1)));
            d->TraceConnectWithoutContext(
                "Afterpulse",
                MakeCallback(&DetectorAfterpulseTestCase::OnAfterpulse, this));
            Ptr<QuantumSignal> bright = MakePulse(QuantumSignal::FOCK, 60, 1.0);
            const uint32_t trials = 20000;
            uint32_t primed = 0;
            uint32_t inside = 0;
            uint32_t outside = 0;
            for (uint32_t i = 0; i < trials; ++i)
            {
                const Time base = MicroSeconds(10) * i;
                Simulator::Schedule(base, [&]() {
                    if (d->Detect(bright).clicked)
                    {
                        primed++;
                        Simulator::Schedule(NanoSeconds(500), [&]() {
                            inside += d->DetectDarkOnly().clicked;
                        });
                        // 1.6 us after the click, and >= 1 us after any after-pulse at 0.5 us.
                        Simulator::Schedule(NanoSeconds(1600), [&]() {
                            outside += d->DetectDarkOnly().clicked;
                        });
                    }
                });
            }
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(primed, trials, "bright pulses click");
            const double expected = 1 - (1 - pd) * (1 - pap);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(inside) / primed,
                                      expected,
                                      FiveSigma(expected, primed),
                                      "inside the window, pd = " << pd);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(outside) / primed,
                                      pd,
                                      FiveSigma(pd, primed),
                                      "outside the window only dark counts, pd = " << pd);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(m_afterpulses) / primed,
                                      pap,
                                      FiveSigma(pap, primed),
                                      "traced after-pulses, pd = " << pd);
            Simulator::Destroy();
        }
    }

    uint32_t m_afterpulses{0}; //!< traced after-pulses
};

/**
 * @ingroup quantum-tests
 * Photon-number-resolving detection: the reported counts follow the thinned
 * distributions (mean, variance, probabilities).
 */
class DetectorPnrTestCase : public TestCase
{
  public:
    DetectorPnrTestCase()
        : TestCase("photon-number-resolving counts follow the thinned distributions")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(16);
        RngSeedManager::SetRun(1);
        const double eta = 0.6;
        const uint32_t trials = 40000;
        Ptr<SinglePhotonDetector> d = MakeDetector(eta, 0.0);
        d->SetAttribute("PhotonNumberResolving", BooleanValue(true));

        struct Case
        {
            QuantumSignal::Statistics s; //!< statistics
            double mu;                   //!< mean or photon number
            double t;                    //!< transmittance
            double mean;                 //!< expected mean of the counts
            double var;                  //!< expected variance of the counts
        };

        const double m = eta * 0.5 * 2.0;
        const std::vector<Case> cases = {
            {QuantumSignal::POISSON, 2.0, 0.5, m, m},                          // Poisson(m)
            {QuantumSignal::THERMAL, 2.0, 0.5, m, m * (1 + m)},                // Bose-Einstein
            {QuantumSignal::FOCK, 10, 0.5, 10 * 0.3, 10 * 0.3 * 0.7},          // Binomial(10, 0.3)
            {QuantumSignal::FOCK, 300, 1.0, 300 * eta, 300 * eta * (1 - eta)}, // large n
            {QuantumSignal::POISSON, 100, 1.0, 60, 60},                        // large mean
        };
        for (const auto& c : cases)
        {
            Ptr<QuantumSignal> s = MakePulse(c.s, c.mu, c.t);
            std::vector<double> counts;
            std::vector<uint32_t> histogram(5, 0);
            for (uint32_t i = 0; i < trials; ++i)
            {
                const uint32_t k = d->Detect(s).photons;
                counts.push_back(k);
                if (k < histogram.size())
                {
                    histogram[k]++;
                }
            }
            const Moments mo = ComputeMoments(counts);
            const std::string name = PhotonNumberStatistics::GetName(c.s);
            NS_TEST_EXPECT_MSG_EQ_TOL(mo.mean, c.mean, 5 * mo.meanSe, name << " mean");
            NS_TEST_EXPECT_MSG_EQ_TOL(mo.variance, c.var, 5 * mo.varSe, name << " variance");
            // Probabilities of 0..4 counts against the thinned distribution.
            const double thin = eta * c.t;
            for (uint32_t k = 0; k < histogram.size(); ++k)
            {
                double p;
                if (c.s == QuantumSignal::FOCK)
                {
                    p = std::exp(std::lgamma(c.mu + 1) - std::lgamma(k + 1.0)
                                 - std::lgamma(c.mu - k + 1) + k * std::log(thin)
                                 + (c.mu - k) * std::log1p(-thin));
                }
                else
                {
                    p = PhotonNumberStatistics::Probability(c.s, thin * c.mu, k);
                }
                NS_TEST_EXPECT_MSG_EQ_TOL(double(histogram[k]) / trials,
                                          p,
                                          FiveSigma(p, trials),
                                          name << " P(" << k << ")");
            }
        }
        // Dark counts add one count: mean m + pd for Poisson(m).
        const double pd = 0.2;
        d->SetAttribute("DarkCountProbability", DoubleValue(pd));
        Ptr<QuantumSignal> s = MakePulse(QuantumSignal::POISSON, 2.0, 0.5);
        std::vector<double> counts;
        for (uint32_t i = 0; i < trials; ++i)
        {
            counts.push_back(d->Detect(s).photons);
        }
        const Moments mo = ComputeMoments(counts);
        NS_TEST_EXPECT_MSG_EQ_TOL(mo.mean, m + pd, 5 * mo.meanSe, "PNR dark count adds one");
        NS_TEST_EXPECT_MSG_EQ_TOL(mo.variance,
                                  m + pd * (1 - pd),
                                  5 * mo.varSe,
                                  "variance of Poisson plus Bernoulli");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Timing jitter: the reported click times scatter with the attribute's sigma.
 */
class DetectorJitterTestCase : public TestCase
{
  public:
    DetectorJitterTestCase()
        : TestCase("click-time jitter has the configured standard deviation")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(17);
        RngSeedManager::SetRun(1);
        Ptr<SinglePhotonDetector> d = MakeDetector(1.0, 1.0);
        const uint32_t trials = 20000;
        // No jitter: the click time is the gate time.
        uint32_t exact = 0;
        for (uint32_t i = 0; i < 100; ++i)
        {
            exact += d->DetectDarkOnly().clickTime == Simulator::Now();
        }
        NS_TEST_EXPECT_MSG_EQ(exact, 100, "no jitter by default");
        const double sigmaNs = 1000;
        d->SetAttribute("TimingJitter", TimeValue(NanoSeconds(sigmaNs)));
        std::vector<double> offsets;
        Simulator::Schedule(MilliSeconds(1), [&]() {
            for (uint32_t i = 0; i < trials; ++i)
            {
                // Integer nanoseconds: ns-3's int64x64 conversion of a
                // negative Time (GetSeconds) is undefined behaviour.
                offsets.push_back(static_cast<double>(
                    (d->DetectDarkOnly().clickTime - Simulator::Now()).GetNanoSeconds()));
            }
        });
        Simulator::Run();
        const Moments mo = ComputeMoments(offsets);
        // Time in ns (the default resolution); rounding adds 1/12 ns^2 of variance.
        NS_TEST_EXPECT_MSG_EQ_TOL(mo.mean, 0.0, 5 * mo.meanSe, "jitter mean");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::sqrt(mo.variance),
                                  sigmaNs,
                                  5 * sigmaNs / std::sqrt(2.0 * trials),
                                  "jitter standard deviation");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Analyzer on MODE pulses: the error rate in the encoded basis is the
 * pulse's flip probability, 1/2 in a conjugate basis, and the Bloch-vector
 * formula in a general basis.
 */
class AnalyzerModeRoutingTestCase : public TestCase
{
  public:
    AnalyzerModeRoutingTestCase()
        : TestCase(
            "analyzer error is the flip probability in the encoded basis and one half otherwise")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(18);
        RngSeedManager::SetRun(1);
        Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
        a->AssignStreams(200);
        const uint32_t trials = 40000;
        const KrausChannel noise = KrausChannel::Pauli({0.85, 0.05, 0.04, 0.06});
        const MeasurementBasis bases[2] = {MeasurementBasis::ZBasis(), MeasurementBasis::XBasis()};
        for (uint8_t basis = 0; basis < 2; ++basis)
        {
            for (uint8_t bit = 0; bit < 2; ++bit)
            {
                Ptr<QuantumSignal> s
                    = QuantumSignal::CreateMode(QuantumSignal::FOCK, 1, basis, bit);
                s->ComposePauliNoise(noise);
                uint32_t wrong = 0;
                uint32_t zero = 0;
                uint32_t notOne = 0;
                for (uint32_t i = 0; i < trials; ++i)
                {
                    const AnalyzerResult r = a->Analyze(s, bases[basis]);
                    notOne += r.NoClick() || r.DoubleClick(); // one photon, eta = 1, pd = 0
                    wrong += bit == 0 ? r.OnlyOne() : r.OnlyZero();
                    zero += a->Analyze(s, bases[1 - basis]).OnlyZero();
                }
                NS_TEST_EXPECT_MSG_EQ(notOne, 0, "exactly one detector clicks");
                const double flip = s->GetFlipProbability(basis);
                NS_TEST_EXPECT_MSG_EQ_TOL(double(wrong) / trials,
                                          flip,
                                          FiveSigma(flip, trials),
                                          "matched basis " << int(basis) << " bit " << int(bit));
                NS_TEST_EXPECT_MSG_EQ_TOL(double(zero) / trials,
                                          0.5,
                                          FiveSigma(0.5, trials),
                                          "conjugate basis");
            }
        }
        // General basis Bloch(theta, 0) on a noisy Z-basis |0>:
        // P(0) = (1 + cos(theta) (pI + pZ - pX - pY)) / 2.
        const double theta = 0.7;
        Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::FOCK, 1, 0, 0);
        s->ComposePauliNoise(noise);
        a->SetBasis(MeasurementBasis::Bloch(theta, 0));
        uint32_t zero = 0;
        for (uint32_t i = 0; i < trials; ++i)
        {
            zero += a->Analyze(s).OnlyZero();
        }
        const double expected = 0.5 * (1 + std::cos(theta) * (0.85 + 0.06 - 0.05 - 0.04));
        NS_TEST_EXPECT_MSG_EQ_TOL(double(zero) / trials,
                                  expected,
                                  FiveSigma(expected, trials),
                                  "general basis");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Analyzer joint outcomes for Poisson and thermal pulses with noise, unequal
 * detectors and dark counts against OutcomeProbabilities, and the
 * decoy-state error model.
 */
class AnalyzerJointOutcomeTestCase : public TestCase
{
  public:
    AnalyzerJointOutcomeTestCase()
        : TestCase("analyzer joint click statistics match the closed form")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(19);
        RngSeedManager::SetRun(1);
        const double eta0 = 0.7;
        const double eta1 = 0.5;
        const double pd0 = 0.02;
        const double pd1 = 0.05;
        Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
        a->SetAttribute("Detector0", PointerValue(MakeDetector(eta0, pd0)));
        a->SetAttribute("Detector1", PointerValue(MakeDetector(eta1, pd1)));
        a->AssignStreams(300);
        const uint32_t trials = 50000;
        const KrausChannel noise = KrausChannel::Pauli({0.8, 0.07, 0.05, 0.08});
        for (auto stat : {QuantumSignal::POISSON, QuantumSignal::THERMAL, QuantumSignal::FOCK})
        {
            const double mu = stat == QuantumSignal::FOCK ? 3 : 0.9;
            Ptr<QuantumSignal> s = QuantumSignal::CreateMode(stat, mu, 0, 1);
            s->ApplyTransmittance(0.6);
            s->ComposePauliNoise(noise);
            for (const auto& basis : {MeasurementBasis::ZBasis(), MeasurementBasis::XBasis()})
            {
                const auto p
                    = PolarizationAnalyzer::OutcomeProbabilities(s, basis, eta0, eta1, pd0, pd1);
                NS_TEST_EXPECT_MSG_EQ_TOL(p[0] + p[1] + p[2] + p[3], 1.0, 1e-12, "normalised");
                uint32_t counts[4] = {0, 0, 0, 0};
                for (uint32_t i = 0; i < trials; ++i)
                {
                    const AnalyzerResult r = a->Analyze(s, basis);
                    counts[r.NoClick() ? 0 : r.OnlyZero() ? 1 : r.OnlyOne() ? 2 : 3]++;
                }
                for (uint32_t k = 0; k < 4; ++k)
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(double(counts[k]) / trials,
                                              p[k],
                                              FiveSigma(p[k], trials),
                                              PhotonNumberStatistics::GetName(stat)
                                                  << " basis " << basis.GetName() << " outcome "
                                                  << k);
                }
            }
        }
        // Decoy-state model (Ma, Qi, Zhao, Lo 2005): without dark counts a Poisson
        // pulse gives wrong-detector clicks e_d (1 - exp(-eta mu)) and no double clicks.
        Ptr<PolarizationAnalyzer> b = CreateObject<PolarizationAnalyzer>();
        b->SetAttribute("Detector0", PointerValue(MakeDetector(0.6, 0.0)));
        b->SetAttribute("Detector1", PointerValue(MakeDetector(0.6, 0.0)));
        b->AssignStreams(400);
        const double mu = 2.0;
        Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, mu, 0, 0);
        s->ComposePauliNoise(KrausChannel::BitFlip(0.03));
        uint32_t wrong = 0;
        uint32_t doubles = 0;
        for (uint32_t i = 0; i < trials; ++i)
        {
            const AnalyzerResult r = b->Analyze(s, MeasurementBasis::ZBasis());
            wrong += r.OnlyOne();
            doubles += r.DoubleClick();
        }
        const double expected = 0.03 * (1 - std::exp(-0.6 * mu));
        NS_TEST_EXPECT_MSG_EQ_TOL(double(wrong) / trials,
                                  expected,
                                  FiveSigma(expected, trials),
                                  "E Q = e_d (1 - exp(-eta mu))");
        NS_TEST_EXPECT_MSG_EQ(doubles, 0, "matched basis, no dark counts: no double clicks");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Analyzer on QUBIT photons: Born-rule statistics through the registry,
 * correlations of Bell pairs, erased photons.
 */
class AnalyzerQubitTestCase : public TestCase
{
  public:
    AnalyzerQubitTestCase()
        : TestCase("analyzer measures qubit photons by the Born rule through the registry")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(20);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(1);
        Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
        a->SetAttribute("Registry", PointerValue(reg));
        a->AssignStreams(500);
        const double theta = 1.1;
        const double phi = 0.4;
        QVector psi(2);
        psi << std::cos(theta / 2), std::polar(std::sin(theta / 2), phi);
        const double r[3]
            = {std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi), std::cos(theta)};
        const uint32_t trials = 20000;

        struct Case
        {
            MeasurementBasis basis; //!< basis
            double p0;              //!< Born probability of outcome 0
        };

        const double bt = 0.5;
        const double bp = 2.0;
        const std::vector<Case> cases = {
            {MeasurementBasis::ZBasis(), 0.5 * (1 + r[2])},
            {MeasurementBasis::XBasis(), 0.5 * (1 + r[0])},
            {MeasurementBasis::YBasis(), 0.5 * (1 + r[1])},
            {MeasurementBasis::Bloch(bt, bp),
             0.5
                 * (1 + std::sin(bt) * std::cos(bp) * r[0] + std::sin(bt) * std::sin(bp) * r[1]
                    + std::cos(bt) * r[2])},
        };
        for (const auto& c : cases)
        {
            for (auto f : {QuantumFormalism::DENSITY_MATRIX, QuantumFormalism::STATE_VECTOR})
            {
                uint32_t zero = 0;
                uint32_t notOne = 0;
                for (uint32_t i = 0; i < trials; ++i)
                {
                    const QubitHandle q = reg->CreateState(psi, f)[0];
                    const AnalyzerResult res = a->Analyze(QuantumSignal::CreateQubit(q), c.basis);
                    notOne += res.NoClick() || res.DoubleClick();
                    zero += res.OnlyZero();
                }
                NS_TEST_EXPECT_MSG_EQ(notOne, 0, "exactly one detector clicks");
                NS_TEST_EXPECT_MSG_EQ_TOL(double(zero) / trials,
                                          c.p0,
                                          FiveSigma(c.p0, trials),
                                          "Born rule, basis " << c.basis.GetName());
            }
        }
        // Bell pairs: equal outcomes in Z-Z and X-X, agreement 1/2 in Z-X.
        Ptr<PolarizationAnalyzer> b = CreateObject<PolarizationAnalyzer>();
        b->SetAttribute("Registry", PointerValue(reg));
        b->AssignStreams(600);
        const uint32_t pairs = 5000;
        uint32_t agreeZZ = 0;
        uint32_t agreeXX = 0;
        uint32_t agreeZX = 0;
        for (uint32_t i = 0; i < pairs; ++i)
        {
            for (uint32_t k = 0; k < 3; ++k)
            {
                auto [qa, qb]
                    = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
                const MeasurementBasis ba
                    = k == 1 ? MeasurementBasis::XBasis() : MeasurementBasis::ZBasis();
                const MeasurementBasis bb
                    = k == 0 ? MeasurementBasis::ZBasis() : MeasurementBasis::XBasis();
                const bool ra = a->Analyze(QuantumSignal::CreateQubit(qa), ba).OnlyOne();
                const bool rb = b->Analyze(QuantumSignal::CreateQubit(qb), bb).OnlyOne();
                (k == 0 ? agreeZZ : k == 1 ? agreeXX : agreeZX) += (ra == rb);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(agreeZZ, pairs, "Phi+ is correlated in Z");
        NS_TEST_EXPECT_MSG_EQ(agreeXX, pairs, "Phi+ is correlated in X");
        NS_TEST_EXPECT_MSG_EQ_TOL(double(agreeZX) / pairs,
                                  0.5,
                                  FiveSigma(0.5, pairs),
                                  "Phi+ is uncorrelated in Z-X");
        // Lost photons leave empty gates and free their handles.
        uint32_t clicks = 0;
        for (uint32_t i = 0; i < 100; ++i)
        {
            const QubitHandle q = reg->CreateQubit();
            reg->Erase(q);
            clicks += !a->Analyze(QuantumSignal::CreateQubit(q)).NoClick();
        }
        NS_TEST_EXPECT_MSG_EQ(clicks, 0, "erased photons never click without dark counts");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "analysed photons are consumed");
        // Dark counts on both detectors: double clicks with pd^2.
        a->GetDetector(0)->SetAttribute("DarkCountProbability", DoubleValue(0.3));
        a->GetDetector(1)->SetAttribute("DarkCountProbability", DoubleValue(0.3));
        uint32_t doubles = 0;
        for (uint32_t i = 0; i < trials; ++i)
        {
            doubles += a->AnalyzeDarkOnly().DoubleClick();
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(double(doubles) / trials,
                                  0.09,
                                  FiveSigma(0.09, trials),
                                  "dark double clicks");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Pulse trains: one gate per pulse, clicks by geometric skipping.  Without
 * dead time the click count is Binomial(N, p) with p the threshold click
 * probability; with a dead time blinding k gates after each click the clicks
 * form a renewal process with cycle length G + k (G geometric on {1, 2, ...}
 * of mean 1/p), so the click fraction tends to p / (1 + k p) with variance
 * N p (1 - p) / (1 + k p)^3 (renewal central limit theorem: Cox, Renewal
 * Theory, 1962, section 6.3).  The gate-by-gate path (taken when a Gate trace
 * is connected) must give the same distribution.
 */
class DetectorPulseTrainTestCase : public TestCase
{
  public:
    DetectorPulseTrainTestCase()
        : TestCase("pulse trains: click fraction p and p over 1 + k p with dead time, both paths")
    {
    }

  private:
    /** Gate trace sink: counts gates (its presence selects the gate-by-gate path). */
    void OnGate(Time, uint32_t, bool)
    {
        ++m_gates;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        // No dead time: Binomial(N, p), p = 1 - (1 - pd) exp(-eta T mu).
        {
            const double mu = 0.5;
            const double t = 0.1;
            const double eta = 0.2;
            const double pd = 1e-4;
            Ptr<SinglePhotonDetector> d = MakeDetector(eta, pd);
            Ptr<QuantumSignal> train = MakePulse(QuantumSignal::POISSON, mu, t);
            const uint64_t n = 2000000;
            train->SetPulseTrain(n, NanoSeconds(1));
            const TrainDetectionResult r = d->DetectTrain(train);
            const double p = 1 - (1 - pd) * std::exp(-eta * t * mu);
            NS_TEST_EXPECT_MSG_EQ(r.gates, n, "one gate per pulse");
            NS_TEST_EXPECT_MSG_EQ(r.blindGates, 0, "no dead time, no blind gate");
            NS_TEST_EXPECT_MSG_EQ_TOL(double(r.clicks.size()) / n,
                                      p,
                                      FiveSigma(p, n),
                                      "click fraction = threshold click probability");
            bool ordered = true;
            for (std::size_t i = 1; i < r.clicks.size(); ++i)
            {
                ordered &= r.clicks[i].pulse > r.clicks[i - 1].pulse;
                ordered &= r.clicks[i].clickTime == NanoSeconds(int64_t(r.clicks[i].pulse));
            }
            NS_TEST_EXPECT_MSG_EQ(ordered, true, "clicks in pulse order, stamped at their gate");
        }
        // Dead time 10 ns at a 1 ns period: a click blinds the next k = 9 gates.
        const double p = 1 - std::exp(-0.06); // Poisson mu 0.3, efficiency 0.2, no dark counts
        const double k = 9;
        const double expected = p / (1 + k * p);
        for (bool gateByGate : {false, true})
        {
            Ptr<SinglePhotonDetector> d = MakeDetector(0.2, 0.0);
            d->SetAttribute("DeadTime", TimeValue(NanoSeconds(10)));
            m_gates = 0;
            if (gateByGate)
            {
                d->TraceConnectWithoutContext(
                    "Gate",
                    MakeCallback(&DetectorPulseTrainTestCase::OnGate, this));
            }
            Ptr<QuantumSignal> train = MakePulse(QuantumSignal::POISSON, 0.3, 1.0);
            const uint64_t n = gateByGate ? 400000 : 4000000;
            train->SetPulseTrain(n, NanoSeconds(1));
            const TrainDetectionResult r = d->DetectTrain(train);
            const double sigma = std::sqrt(n * p * (1 - p) / std::pow(1 + k * p, 3)) / n;
            NS_TEST_EXPECT_MSG_EQ_TOL(double(r.clicks.size()) / n,
                                      expected,
                                      5 * sigma + 2.0 / n, // + the truncated last cycle
                                      "renewal click fraction p / (1 + k p), gate by gate "
                                          << gateByGate);
            bool spaced = true;
            for (std::size_t i = 1; i < r.clicks.size(); ++i)
            {
                spaced &= r.clicks[i].pulse - r.clicks[i - 1].pulse >= 10;
            }
            NS_TEST_EXPECT_MSG_EQ(spaced, true, "no click inside a dead time");
            const uint64_t tail = n - 1 - r.clicks.back().pulse;
            NS_TEST_EXPECT_MSG_EQ(r.blindGates,
                                  9 * (r.clicks.size() - 1) + std::min<uint64_t>(9, tail),
                                  "every click blinds the next 9 gates");
            NS_TEST_EXPECT_MSG_EQ(m_gates,
                                  (gateByGate ? n : uint64_t(0)),
                                  "Gate trace only gate by gate");
            // The dead time carries over: a train starting 4 ns after the last
            // click's gate finds max(0, 10 - 4 - ...) of its first gates blind.
            const Time lastGate = NanoSeconds(int64_t(r.clicks.back().pulse));
            Simulator::Schedule(lastGate + NanoSeconds(4), [d, this]() {
                Ptr<QuantumSignal> bright = MakePulse(QuantumSignal::FOCK, 50, 1.0);
                bright->SetPulseTrain(20, NanoSeconds(1));
                const TrainDetectionResult b = d->DetectTrain(bright);
                NS_TEST_EXPECT_MSG_EQ(b.clicks.size(), 2, "gates 6 and 16 click (1 - 0.8^50)");
                NS_TEST_EXPECT_MSG_EQ(b.clicks.front().pulse, 6, "first 6 gates blind");
                NS_TEST_EXPECT_MSG_EQ(b.blindGates, 6 + 9 + 3, "blind gates");
            });
            Simulator::Run();
            Simulator::Destroy();
        }
    }

    uint64_t m_gates{0}; //!< gates traced
};

/**
 * @ingroup quantum-tests
 * A pulse train through a fibre with a timing-jitter model: one delivery at
 * the first pulse's arrival with the fibre's transmittance 10^(-alpha L / 10);
 * a pulse sent after it is held back behind the train's last pulse (FIFO);
 * the click time stamps spread with the variance sigma_channel^2 +
 * sigma_detector^2 (independent Gaussians), within 5 standard errors of the
 * sample variance, sqrt(2 / (n - 1)) sigma^2.
 */
class DetectorPulseTrainChannelTestCase : public TestCase
{
  public:
    DetectorPulseTrainChannelTestCase()
        : TestCase("pulse train through a fibre: transmittance, FIFO behind the train, jitter")
    {
    }

  private:
    /**
     * Port handler: detect and record.
     * @param s the signal
     * @param dev the receiving device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> dev)
    {
        m_arrivals.push_back(Simulator::Now());
        m_transmittance.push_back(s->GetTransmittance());
        if (s->GetPulseCount() > 1)
        {
            m_result = m_detector->DetectTrain(s);
            m_trainStart = Simulator::Now();
        }
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(22);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        QuantumChannelHelper helper;
        helper.SetChannelAttribute("LengthKm", DoubleValue(10.0));
        helper.AddModel("ns3::TimingJitterModel",
                        "StdDev",
                        TimeValue(MicroSeconds(3)),
                        "MeanDelay",
                        TimeValue(MicroSeconds(20)));
        NetDeviceContainer devices = helper.Install(nodes);
        QuantumChannelHelper::AssignStreams(devices, 1);
        Ptr<QuantumNetDevice> tx = DynamicCast<QuantumNetDevice>(devices.Get(0));
        Ptr<QuantumNetDevice> rx = DynamicCast<QuantumNetDevice>(devices.Get(1));
        rx->RegisterHandler(1, MakeCallback(&DetectorPulseTrainChannelTestCase::Receive, this));
        m_detector = MakeDetector(1.0, 0.0);
        m_detector->SetAttribute("TimingJitter", TimeValue(MicroSeconds(4)));
        const uint64_t n = 200000;
        Simulator::Schedule(Seconds(0), [tx, n]() {
            Ptr<QuantumSignal> train = QuantumSignal::CreateMode(QuantumSignal::FOCK, 1, 0, 0);
            train->SetPort(1);
            train->SetPulseTrain(n, NanoSeconds(1));
            tx->SendSignal(train);
            Ptr<QuantumSignal> single = QuantumSignal::CreateMode(QuantumSignal::FOCK, 1, 0, 0);
            single->SetPort(1);
            tx->SendSignal(single);
        });
        Simulator::Run();
        const double eta = std::pow(10.0, -0.2); // 0.2 dB/km x 10 km
        NS_TEST_ASSERT_MSG_EQ(m_arrivals.size(), 2, "two deliveries: the train, then the pulse");
        NS_TEST_EXPECT_MSG_EQ_TOL(m_transmittance[0], eta, 1e-12, "fibre transmittance");
        const Time first = MicroSeconds(50) + MicroSeconds(20); // L / v + mean jitter delay
        NS_TEST_EXPECT_MSG_EQ(m_arrivals[0], first, "train arrives at L/v + MeanDelay");
        NS_TEST_EXPECT_MSG_EQ((m_arrivals[1] >= first + NanoSeconds(int64_t(n) - 1)),
                              true,
                              "the next pulse waits for the train's last pulse (FIFO)");
        // Fock(1) x eta: clicks ~ Binomial(n, eta).
        NS_TEST_EXPECT_MSG_EQ_TOL(double(m_result.clicks.size()) / n,
                                  eta,
                                  FiveSigma(eta, n),
                                  "click fraction = transmittance (efficiency 1)");
        std::vector<double> residuals;
        for (const TrainClick& c : m_result.clicks)
        {
            residuals.push_back(
                1e-9 * double((c.clickTime - m_trainStart).GetNanoSeconds() - int64_t(c.pulse)));
        }
        const Moments m = ComputeMoments(residuals);
        const double var = 9e-12 + 16e-12; // (3 us)^2 + (4 us)^2
        NS_TEST_EXPECT_MSG_EQ_TOL(m.mean, 0.0, 5 * m.meanSe, "click stamps centred on the gates");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.variance,
                                  var,
                                  5 * std::sqrt(2.0 / (residuals.size() - 1)) * var,
                                  "timing variance = channel jitter^2 + detector jitter^2");
        rx->UnregisterHandler(1);
        m_detector = nullptr;
        Simulator::Destroy();
    }

    Ptr<SinglePhotonDetector> m_detector; //!< the receiver's detector
    std::vector<Time> m_arrivals;         //!< delivery times
    std::vector<double> m_transmittance;  //!< transmittance of each delivery
    TrainDetectionResult m_result;        //!< the train's detection
    Time m_trainStart;                    //!< delivery time of the train
};

/**
 * @ingroup quantum-tests
 * Bad input aborts with a clear message.
 */
class DetectorBadInputTestCase : public TestCase
{
  public:
    DetectorBadInputTestCase()
        : TestCase("bad detector and analyzer input aborts with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SinglePhotonDetector> d = CreateObject<SinglePhotonDetector>();
        QUANTUM_EXPECT_ABORT(d->SetAttribute("Efficiency", DoubleValue(1.5)),
                             "Attribute name=Efficiency");
        QUANTUM_EXPECT_ABORT(d->SetAttribute("DarkCountRateHz", DoubleValue(-1)),
                             "Attribute name=DarkCountRateHz");
        QUANTUM_EXPECT_ABORT(d->SetAttribute("DeadTime", TimeValue(NanoSeconds(-5))),
                             "Attribute name=DeadTime");
        QUANTUM_EXPECT_ABORT(d->SetEfficiency(1.5),
                             "Efficiency = 1.5 is outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(d->SetDarkCountProbability(-0.1),
                             "DarkCountProbability = -0.1 is outside the valid range [0, 1]");
        QUANTUM_EXPECT_ABORT(d->SetDarkCountRateHz(-5), "DarkCountRateHz = -5 is outside");
        QUANTUM_EXPECT_ABORT(d->SetAfterpulseProbability(2), "AfterpulseProbability = 2");
        QUANTUM_EXPECT_ABORT(d->SetDeadTime(NanoSeconds(-3)), "DeadTime = ");
        QUANTUM_EXPECT_ABORT(d->SetTimingJitter(NanoSeconds(-3)), "TimingJitter = ");
        QUANTUM_EXPECT_ABORT(d->SetGateWidth(NanoSeconds(-3)), "GateWidth = ");
        QUANTUM_EXPECT_ABORT(d->Detect(nullptr), "null signal");
        QUANTUM_EXPECT_ABORT(d->DetectTrain(nullptr), "null signal");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumSignal> t = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0);
                t->SetPulseTrain(5, NanoSeconds(1));
                d->Detect(t);
            },
            "is a train of 5 pulses; use DetectTrain");
        QUANTUM_EXPECT_ABORT(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0)
                                 ->SetPulseTrain(0, NanoSeconds(1)),
                             "pulses 0 is outside [1, 2^64)");
        QUANTUM_EXPECT_ABORT(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0)
                                 ->SetPulseTrain(3, Seconds(0)),
                             "must be > 0 for a train of 3 pulses");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
                QuantumSignal::CreateQubit(reg->CreateQubit())->SetPulseTrain(2, NanoSeconds(1));
            },
            "only MODE pulses form trains");
        QUANTUM_EXPECT_ABORT(
            QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0)->AddTimingVariance(-1),
            "variance -1 s^2 is outside [0, infinity)");
        QUANTUM_EXPECT_ABORT(
            SinglePhotonDetector::ClickProbability(QuantumSignal::FOCK, 1.5, 0.5, 0.0),
            "integer photon number");
        QUANTUM_EXPECT_ABORT(
            SinglePhotonDetector::ClickProbability(QuantumSignal::POISSON, 1.0, 1.2, 0.0),
            "Efficiency = 1.2");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
                d->SetAttribute("Registry", PointerValue(reg));
                Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(reg->CreateQubit());
                d->Detect(s);
                d->Detect(s);
            },
            "no longer exists in the registry");
        Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
        QUANTUM_EXPECT_ABORT(a->Analyze(nullptr), "null signal");
        QUANTUM_EXPECT_ABORT(a->GetDetector(2), "index 2 is not 0 or 1");
        QUANTUM_EXPECT_ABORT(a->SetDetector(1, a->GetDetector(0)), "same detector");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
                PolarizationAnalyzer::OutcomeProbabilities(
                    QuantumSignal::CreateQubit(reg->CreateQubit()),
                    MeasurementBasis::ZBasis(),
                    1,
                    1,
                    0,
                    0);
            },
            "is a QUBIT photon");
        QUANTUM_EXPECT_ABORT(a->SetAttribute("Basis", EnumValue(7)), "Attribute name=Basis");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * AssignStreams: the same streams repeat exactly, other streams and other
 * runs are independent.
 */
class DetectorStreamsTestCase : public TestCase
{
  public:
    DetectorStreamsTestCase()
        : TestCase("AssignStreams makes detectors and analyzers reproducible and independent")
    {
    }

  private:
    /**
     * @param stream first stream
     * @return a record of 4000 gates of a noisy PNR detector and an analyzer
     */
    std::vector<int64_t> Record(int64_t stream)
    {
        Ptr<PolarizationAnalyzer> a = CreateObject<PolarizationAnalyzer>();
        NS_TEST_EXPECT_MSG_EQ(a->AssignStreams(stream), 5, "analyzer streams");
        for (uint32_t k = 0; k < 2; ++k)
        {
            a->GetDetector(k)->SetAttribute("DarkCountProbability", DoubleValue(0.5));
            a->GetDetector(k)->SetAttribute("PhotonNumberResolving", BooleanValue(true));
            a->GetDetector(k)->SetAttribute("TimingJitter", TimeValue(NanoSeconds(100)));
        }
        Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, 1.0, 0, 0);
        std::vector<int64_t> out;
        for (uint32_t i = 0; i < 4000; ++i)
        {
            const AnalyzerResult r = a->Analyze(s, MeasurementBasis::XBasis());
            out.push_back(r.detector0.clicked);
            out.push_back(r.detector0.photons * 1000003 + r.detector0.clickTime.GetTimeStep());
        }
        Simulator::Destroy();
        return out;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        Ptr<SinglePhotonDetector> d = CreateObject<SinglePhotonDetector>();
        NS_TEST_EXPECT_MSG_EQ(d->AssignStreams(0), 2, "detector streams");
        const std::vector<int64_t> a = Record(10);
        const std::vector<int64_t> b = Record(10);
        const std::vector<int64_t> c = Record(20);
        RngSeedManager::SetRun(2);
        const std::vector<int64_t> e = Record(10);
        RngSeedManager::SetRun(1);
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same streams, same run: identical");
        // Click records (even entries, p = 1 - (1 - 0.5) exp(-0.5) each) of other
        // streams or runs agree at lags 0..3 as independent sequences do.
        const double p = 1 - 0.5 * std::exp(-0.5);
        const double agreeP = p * p + (1 - p) * (1 - p);
        for (const auto* other : {&c, &e})
        {
            for (int lag = 0; lag < 4; ++lag)
            {
                double agree = 0;
                double n = 0;
                for (size_t i = 2 * lag; i < a.size(); i += 2)
                {
                    agree += (a[i] == (*other)[i - 2 * lag]);
                    n++;
                }
                NS_TEST_EXPECT_MSG_EQ_TOL(agree / n,
                                          agreeP,
                                          FiveSigma(agreeP, n),
                                          "independent at lag " << lag);
            }
        }
    }
};

/**
 * @ingroup quantum-tests
 * The detector test suite.
 */
class QuantumDetectorTestSuite : public TestSuite
{
  public:
    QuantumDetectorTestSuite()
        : TestSuite("quantum-detectors", Type::UNIT)
    {
        AddTestCase(new DetectorClosedFormTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorFockClickTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorPoissonThermalClickTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorDarkCountTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorDeadTimeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorAfterpulseTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorPnrTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorJitterTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorPulseTrainTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorPulseTrainChannelTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new AnalyzerModeRoutingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new AnalyzerJointOutcomeTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new AnalyzerQubitTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DetectorStreamsTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumDetectorTestSuite g_quantumDetectorTestSuite;
