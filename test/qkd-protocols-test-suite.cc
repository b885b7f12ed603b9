/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// QKD protocols: BB84 (single photons, weak coherent pulses with decoys),
// BBM92/E91, eavesdroppers, the skipping sampler against the per-pulse
// simulation, and the post-processing sessions over TCP.
// Closed forms: Ma, Qi, Zhao and Lo, PRA 72, 012326 (2005) (gain and QBER per
// intensity, decoy bounds); Shor and Preskill, PRL 85, 441 (2000); PLOB bound
// (Pirandola et al., Nat. Commun. 8, 15043 (2017)); CHSH (Clauser, Horne,
// Shimony and Holt, PRL 23, 880 (1969)); time-bin coding (Gisin et al., Rev.
// Mod. Phys. 74, 145 (2002), Sec. IV).  Tolerances: 5 standard errors.

#include "quantum-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/polarization-analyzer.h"
#include "ns3/qkd-decoy-tally.h"
#include "ns3/qkd-helper.h"
#include "ns3/qkd-intercept-resend-eavesdropper.h"
#include "ns3/qkd-key-rate-calculator.h"
#include "ns3/qkd-pns-eavesdropper.h"
#include "ns3/qkd-quantum-link.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-net-device.h"
#include "ns3/single-photon-detector.h"
#include "ns3/single-photon-source.h"
#include "ns3/spdc-pair-source.h"
#include "ns3/toeplitz-hasher.h"
#include "ns3/weak-coherent-source.h"

#include <cmath>

using namespace ns3;
using quantumtest::BinomialSigma;

namespace
{

/** Parameters of a test link. */
struct LinkSetup
{
    std::string protocol{"BB84"}; //!< protocol
    std::string source{"Wcp"};    //!< BB84 source
    double lengthKm{25};          //!< fibre (per arm for pairs)
    double ed{0.01};              //!< misalignment
    double eta{0.1};              //!< detector efficiency
    double dark{1e-5};            //!< dark-count probability per gate
    double deadNs{0};             //!< dead time
    double rateHz{1e9};           //!< pulse rate
    std::string mode{"Fast"};     //!< Fast or Exact
};

/**
 * Build a link (quantum part only) between two new nodes.
 * @param s parameters
 * @return the link
 */
Ptr<QkdQuantumLink>
MakeLink(const LinkSetup& s)
{
    QuantumChannelHelper ch;
    ch.SetChannelAttribute("LengthKm", DoubleValue(s.lengthKm));
    if (s.ed > 0)
    {
        ch.AddModel("ns3::PolarizationMisalignmentModel",
                    "AngleRad",
                    DoubleValue(std::asin(std::sqrt(s.ed))));
    }
    Ptr<QkdQuantumLink> link = CreateObject<QkdQuantumLink>();
    link->SetAttribute("Protocol", StringValue(s.protocol));
    link->SetAttribute("SourceType", StringValue(s.source));
    link->SetAttribute("Mode", StringValue(s.mode));
    link->SetAttribute("PulseRateHz", DoubleValue(s.rateHz));
    NodeContainer n;
    n.Create(3);
    if (s.protocol == "BB84")
    {
        NetDeviceContainer d = ch.Install(n.Get(0), n.Get(1));
        link->SetBb84Channel(DynamicCast<QuantumNetDevice>(d.Get(0)),
                             DynamicCast<QuantumNetDevice>(d.Get(1)));
    }
    else
    {
        NetDeviceContainer a = ch.Install(n.Get(2), n.Get(0));
        NetDeviceContainer b = ch.Install(n.Get(2), n.Get(1));
        link->SetPairChannels(DynamicCast<QuantumNetDevice>(a.Get(0)),
                              DynamicCast<QuantumNetDevice>(a.Get(1)),
                              DynamicCast<QuantumNetDevice>(b.Get(0)),
                              DynamicCast<QuantumNetDevice>(b.Get(1)));
    }
    for (auto an : {link->GetBobAnalyzer(), link->GetAliceAnalyzer()})
    {
        for (uint32_t k = 0; k < 2; ++k)
        {
            an->GetDetector(k)->SetEfficiency(s.eta);
            an->GetDetector(k)->SetDarkCountProbability(s.dark);
            an->GetDetector(k)->SetDeadTime(NanoSeconds(s.deadNs));
        }
    }
    return link;
}

/**
 * Exact click and error probabilities of a basis-matched BB84 gate with two
 * threshold detectors (efficiency folded into a = eta T mu), dark-count
 * probability d each, and misalignment e (all photons of a pulse routed
 * together, the Pauli model of PolarizationAnalyzer).
 * @param noPhoton P(no photon detected at a detector that receives the pulse):
 *        exp(-a) (Poisson) or 1 - a (one photon)
 * @param d dark-count probability
 * @param e misalignment e_d
 * @param q set to the gain
 * @return the QBER E (double clicks count 1/2)
 */
double
ExactBb84(double noPhoton, double d, double e, double& q)
{
    const double silentRx = (1 - d) * noPhoton; // the detector receiving the photons is silent
    const double anyRx = 1 - silentRx;          // ...clicks
    q = 1 - (1 - d) * silentRx;
    const double onlyWrong = (1 - e) * silentRx * d + e * (1 - d) * anyRx;
    const double both = d * anyRx;
    return (onlyWrong + 0.5 * both) / q;
}

} // namespace

/**
 * Gain and QBER per intensity against the closed forms, single photons and
 * weak coherent pulses.
 */
class QkdBb84GainQberTestCase : public TestCase
{
  public:
    QkdBb84GainQberTestCase()
        : TestCase("Gain and QBER per intensity match the closed forms")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(11);
        RngSeedManager::SetRun(1);
        for (const std::string src : {"Wcp", "SinglePhoton"})
        {
            LinkSetup s;
            s.source = src;
            s.dark = 1e-4;
            s.ed = 0.02;
            Ptr<QkdQuantumLink> link = MakeLink(s);
            link->GetWeakCoherentSource()->SetIntensities({0.5, 0.1, 0.0});
            link->GetWeakCoherentSource()->SetProbabilities({0.6, 0.2, 0.2});
            link->AssignStreams(100);
            QkdFrameView a;
            QkdFrameView b;
            link->GenerateFrame(40000000, a, b);
            const QkdLinkTruth& t = link->GetTruth();
            const double T = link->GetBobChannelTransmittance();
            for (uint32_t l = 0; l < link->GetNumLabels(); ++l)
            {
                const double mu = link->GetIntensity(l);
                double q;
                const double noPhoton = src == "Wcp" ? std::exp(-s.eta * T * mu) : 1 - s.eta * T;
                const double e = ExactBb84(noPhoton, s.dark, s.ed, q);
                const double n = t.pulsesPerLabel[l];
                const double gain = t.detectionsPerLabel[l] / n;
                NS_TEST_EXPECT_MSG_EQ_TOL(gain,
                                          q,
                                          5 * BinomialSigma(q, n),
                                          src << " gain, mu " << mu);
                const double ns = t.siftedPerLabel[l];
                const double qber = double(t.errorsPerLabel[l]) / ns;
                NS_TEST_EXPECT_MSG_EQ_TOL(qber,
                                          e,
                                          5 * BinomialSigma(e, ns),
                                          src << " QBER, mu " << mu);
                if (src == "Wcp" && mu > 0)
                {
                    // Ma2005 eqs. (10), (11) drop O(Y0 eta mu) terms: within 5 sigma + that.
                    const double y0 = 1 - (1 - s.dark) * (1 - s.dark);
                    const double qm = QkdKeyRateCalculator::ExpectedGain(mu, s.eta * T, y0);
                    const double em = QkdKeyRateCalculator::ExpectedQber(mu, s.eta * T, y0, s.ed);
                    NS_TEST_EXPECT_MSG_EQ_TOL(gain,
                                              qm,
                                              5 * BinomialSigma(q, n) + 2 * y0 * s.eta * T * mu,
                                              "Ma2005 gain");
                    NS_TEST_EXPECT_MSG_EQ_TOL(qber,
                                              em,
                                              5 * BinomialSigma(e, ns) + 2 * y0 / q,
                                              "Ma2005 QBER");
                }
            }
            // Label frequencies of Alice's (lazily drawn) pulse counts.
            if (src == "Wcp")
            {
                const double p = 0.2;
                NS_TEST_EXPECT_MSG_EQ_TOL(t.pulsesPerLabel[1] / 4e7,
                                          p,
                                          5 * BinomialSigma(p, 4e7),
                                          "decoy frequency");
            }
        }
        Simulator::Destroy();
    }
};

/**
 * The skipping sampler and the per-pulse simulation through the
 * physical-layer objects agree, with dead time (and dead time matters).
 */
class QkdBb84SkippingVsExactTestCase : public TestCase
{
  public:
    QkdBb84SkippingVsExactTestCase()
        : TestCase("Skipping sampler agrees with the per-pulse simulation, dead time included")
    {
    }

  private:
    /**
     * @param mode Fast or Exact
     * @param pulses pulses
     * @param deadNs dead time
     * @return (detection rate, QBER, double-click fraction, sifted)
     */
    std::array<double, 4> Run(const std::string& mode, uint64_t pulses, double deadNs)
    {
        LinkSetup s;
        s.mode = mode;
        s.lengthKm = 5;
        s.eta = 0.5;
        s.dark = 0.01;
        s.ed = 0.03;
        s.rateHz = 1e8; // 10 ns gates; dead time 55 ns = 5.5 gates -> 5 blind gates
        s.deadNs = deadNs;
        Ptr<QkdQuantumLink> link = MakeLink(s);
        link->GetWeakCoherentSource()->SetIntensities({0.8, 0.2, 0.0});
        link->GetWeakCoherentSource()->SetProbabilities({0.5, 0.3, 0.2});
        link->SetAttribute("TotalPulses", UintegerValue(pulses));
        link->SetAttribute("FramePulses", UintegerValue(pulses));
        link->AssignStreams(300);
        link->Start(Seconds(0));
        Simulator::Run();
        const QkdLinkTruth& t = link->GetTruth();
        double sifted = 0;
        double errors = 0;
        for (uint32_t l = 0; l < 3; ++l)
        {
            sifted += t.siftedPerLabel[l];
            errors += t.errorsPerLabel[l];
        }
        Simulator::Destroy();
        return {double(t.events) / t.pulses,
                errors / sifted,
                double(t.doubleClicks) / t.events,
                sifted};
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(2);
        const uint64_t nExact = 300000;
        const auto exact = Run("Exact", nExact, 55);
        const auto fast = Run("Fast", 20000000, 55);
        const auto fastNoDead = Run("Fast", 20000000, 0);
        const double p = fast[0];
        const double tol = 5
                           * std::sqrt(BinomialSigma(p, nExact) * BinomialSigma(p, nExact)
                                       + BinomialSigma(p, 2e7) * BinomialSigma(p, 2e7));
        NS_TEST_EXPECT_MSG_EQ_TOL(exact[0], fast[0], tol, "detection probability per pulse");
        NS_TEST_EXPECT_MSG_GT(std::abs(fastNoDead[0] - fast[0]),
                              10 * tol,
                              "the dead time changes the detection rate");
        const double e = fast[1];
        NS_TEST_EXPECT_MSG_EQ_TOL(exact[1], e, 5 * BinomialSigma(e, exact[3]) * 1.05, "QBER");
        const double dc = fast[2];
        NS_TEST_EXPECT_MSG_EQ_TOL(exact[2],
                                  dc,
                                  5 * BinomialSigma(dc, exact[0] * nExact) * 1.05,
                                  "double-click fraction");
    }
};

/**
 * Per-basis QBER with the two encodings (Gisin, Ribordy, Tittel and Zbinden,
 * Rev. Mod. Phys. 74, 145 (2002), Sec. IV: time-bin qubits, Z = arrival
 * time, X = phase read by an unbalanced interferometer).  Polarization: both
 * bases see the misalignment e_d.  Time bin: Z sees TimeBinZError = 0.01, X
 * sees e_d = (1 - V)/2 = 0.03.  Each basis against the exact closed form
 * (ExactBb84 with that basis' error), 5 standard errors, in the skipping
 * sampler (20M pulses) and the per-pulse Exact mode (100k pulses).
 */
class QkdBb84EncodingTestCase : public TestCase
{
  public:
    QkdBb84EncodingTestCase()
        : TestCase("Per-basis QBER of polarization and time-bin encodings match the closed forms")
    {
    }

  private:
    /**
     * @param store the views received
     * @param view a frame view
     */
    static void StoreView(std::vector<Ptr<const QkdFrameView>>* store, Ptr<const QkdFrameView> view)
    {
        store->push_back(view);
    }

    /** Per-basis counts of basis-matched detections. */
    struct BasisCounts
    {
        std::array<double, 2> sifted{0, 0}; //!< per basis (0 Z, 1 X)
        std::array<double, 2> errors{0, 0}; //!< per basis
    };

    /**
     * @param a Alice's view
     * @param b Bob's view (same pulses)
     * @param c counts to update
     */
    static void Count(const QkdFrameView& a, const QkdFrameView& b, BasisCounts& c)
    {
        NS_ABORT_MSG_IF(a.records.size() != b.records.size(), "views of different sizes");
        for (size_t i = 0; i < a.records.size(); ++i)
        {
            const QkdDetectionRecord& ra = a.records[i];
            const QkdDetectionRecord& rb = b.records[i];
            NS_ABORT_MSG_IF(ra.pulse != rb.pulse, "views not aligned");
            if (ra.setting == rb.setting)
            {
                c.sifted[ra.setting] += 1;
                c.errors[ra.setting] += ra.bit != rb.bit ? 1 : 0;
            }
        }
    }

    /**
     * Run a link and check both bases against the closed forms.
     * @param encoding Polarization or TimeBin
     * @param mode Fast or Exact
     * @param pulses pulses
     */
    void Check(const std::string& encoding, const std::string& mode, uint64_t pulses)
    {
        const double ed = 0.03;
        const double ez = 0.01;
        LinkSetup s;
        s.ed = ed;
        s.mode = mode;
        s.lengthKm = mode == "Exact" ? 1 : 25;
        s.eta = mode == "Exact" ? 0.5 : 0.1;
        s.dark = 1e-5;
        Ptr<QkdQuantumLink> link = MakeLink(s);
        link->SetAttribute("Encoding", StringValue(encoding));
        link->SetAttribute("TimeBinZError", DoubleValue(ez));
        const double mu = 0.5;
        link->GetWeakCoherentSource()->SetIntensities({mu});
        link->GetWeakCoherentSource()->SetProbabilities({1.0});
        link->AssignStreams(700);
        BasisCounts c;
        if (mode == "Fast")
        {
            QkdFrameView a;
            QkdFrameView b;
            link->GenerateFrame(pulses, a, b);
            Count(a, b, c);
        }
        else
        {
            std::vector<Ptr<const QkdFrameView>> av;
            std::vector<Ptr<const QkdFrameView>> bv;
            link->SetAliceCallback(MakeBoundCallback(&StoreView, &av));
            link->SetBobCallback(MakeBoundCallback(&StoreView, &bv));
            link->SetAttribute("TotalPulses", UintegerValue(pulses));
            link->SetAttribute("FramePulses", UintegerValue(pulses));
            link->Start(Seconds(0));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(av.size(), bv.size(), "one view per party per frame");
            for (size_t i = 0; i < av.size(); ++i)
            {
                Count(*av[i], *bv[i], c);
            }
        }
        const double T = link->GetBobChannelTransmittance();
        const double noPhoton = std::exp(-s.eta * T * mu);
        const bool timeBin = encoding == "TimeBin";
        for (uint8_t basis = 0; basis < 2; ++basis)
        {
            const double eBasis = timeBin && basis == 0 ? ez : ed;
            // The link's per-basis noise gives the same error rate.
            const auto pn = link->GetBobBasisNoise(basis);
            const double noiseError = basis == 0 ? pn[1] + pn[2] : pn[3] + pn[2];
            NS_TEST_EXPECT_MSG_EQ_TOL(noiseError,
                                      eBasis,
                                      1e-12,
                                      encoding << " basis " << int(basis) << " noise");
            double q;
            const double e = ExactBb84(noPhoton, s.dark, eBasis, q);
            const double n = c.sifted[basis];
            const double qber = c.errors[basis] / n;
            NS_TEST_EXPECT_MSG_GT(n, 1000, "enough sifted bits");
            NS_TEST_EXPECT_MSG_EQ_TOL(qber,
                                      e,
                                      5 * BinomialSigma(e, n),
                                      encoding << " " << mode << " QBER basis " << int(basis));
            std::cout << "encoding " << encoding << " mode " << mode << " basis "
                      << (basis == 0 ? "Z" : "X") << ": QBER " << qber << " (closed form " << e
                      << ", n " << n << ")\n";
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(17);
        RngSeedManager::SetRun(1);
        Check("Polarization", "Fast", 20000000);
        Check("TimeBin", "Fast", 20000000);
        Check("TimeBin", "Exact", 100000);
        // TimeBinZError does not affect the polarization encoding (tested
        // above: both bases e_d) and is range checked.
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QkdQuantumLink> l = CreateObject<QkdQuantumLink>();
                l->SetAttribute("TimeBinZError", DoubleValue(0.6));
            },
            "TimeBinZError");
    }
};

/**
 * Intercept-resend on every pulse gives QBER 1/4; on a fraction f, f/4 on
 * top of the channel's errors; the post-processing aborts.
 */
class QkdInterceptResendTestCase : public TestCase
{
  public:
    QkdInterceptResendTestCase()
        : TestCase("Intercept-resend gives QBER f over 4")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        for (double f : {1.0, 0.4})
        {
            LinkSetup s;
            s.source = "SinglePhoton";
            s.ed = 0;
            s.dark = 0;
            Ptr<QkdQuantumLink> link = MakeLink(s);
            Ptr<QkdInterceptResendEavesdropper> eve
                = CreateObject<QkdInterceptResendEavesdropper>();
            eve->SetAttribute("InterceptFraction", DoubleValue(f));
            link->SetEavesdropper(eve);
            link->AssignStreams(7);
            QkdFrameView a;
            QkdFrameView b;
            link->GenerateFrame(5000000, a, b);
            const QkdLinkTruth& t = link->GetTruth();
            const double qber = double(t.errorsPerLabel[0]) / t.siftedPerLabel[0];
            NS_TEST_EXPECT_MSG_EQ_TOL(qber,
                                      f / 4,
                                      5 * BinomialSigma(f / 4, t.siftedPerLabel[0]),
                                      "QBER with intercept fraction " << f);
        }
        Simulator::Destroy();
    }
};

/**
 * Photon-number splitting keeps the signal gain near its value but the
 * decoy bounds expose it: the yields per intensity no longer agree.
 */
class QkdPnsDecoyTestCase : public TestCase
{
  public:
    QkdPnsDecoyTestCase()
        : TestCase("PNS attack is exposed by the vacuum plus weak decoy bounds")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        QkdSinglePhotonEstimate bounds[2];
        double y1[2];
        for (int attack = 0; attack < 2; ++attack)
        {
            LinkSetup s;
            s.lengthKm = 50;
            s.dark = 1e-6;
            Ptr<QkdQuantumLink> link = MakeLink(s);
            link->GetWeakCoherentSource()->SetIntensities({0.5, 0.1, 0.0});
            link->GetWeakCoherentSource()->SetProbabilities({0.6, 0.2, 0.2});
            if (attack)
            {
                Ptr<QkdPnsEavesdropper> eve = CreateObject<QkdPnsEavesdropper>();
                // Eve forwards with Bob's-detector-matched transmittance so the
                // signal gain stays close to the honest one.
                eve->SetAttribute("ForwardTransmittance", DoubleValue(0.1));
                link->SetEavesdropper(eve);
            }
            link->AssignStreams(50);
            QkdFrameView a;
            QkdFrameView b;
            link->GenerateFrame(200000000, a, b);
            const QkdLinkTruth& t = link->GetTruth();
            auto gain = [&t](int l) {
                return double(t.detectionsPerLabel[l]) / t.pulsesPerLabel[l];
            };
            auto qber = [&t](int l) {
                return double(t.errorsPerLabel[l]) / t.siftedPerLabel[l];
            };
            bounds[attack] = QkdKeyRateCalculator::VacuumWeakDecoyBounds(0.5,
                                                                         0.1,
                                                                         gain(0),
                                                                         gain(1),
                                                                         qber(1),
                                                                         gain(2));
            const double eta = s.eta * link->GetBobChannelTransmittance();
            y1[attack] = 1 - (1 - 1e-6) * (1 - 1e-6) * (1 - eta);
        }
        // Honest: the bound is below, and close to, the true Y_1.
        NS_TEST_EXPECT_MSG_LT(bounds[0].yield, y1[0] * 1.05, "honest Y1 lower bound <= Y1");
        NS_TEST_EXPECT_MSG_GT(bounds[0].yield, y1[0] * 0.7, "honest Y1 bound is tight");
        // PNS (single photons blocked): the bound collapses.
        NS_TEST_EXPECT_MSG_LT(bounds[1].yield, 0.2 * y1[0], "PNS exposed: Y1 bound collapses");
        Simulator::Destroy();
    }
};

/**
 * A billion pulses at 100 km: the number of detections matches the
 * closed form (and the run is cheap: it takes a fraction of a second).
 */
class QkdBillionPulsesTestCase : public TestCase
{
  public:
    QkdBillionPulsesTestCase()
        : TestCase("A billion pulses at 100 km by geometric skipping")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(4);
        LinkSetup s;
        s.lengthKm = 100;
        s.dark = 1e-6;
        s.deadNs = 100;
        Ptr<QkdQuantumLink> link = MakeLink(s);
        link->GetWeakCoherentSource()->SetIntensities({0.5});
        link->GetWeakCoherentSource()->SetProbabilities({1.0});
        link->AssignStreams(1);
        QkdFrameView a;
        QkdFrameView b;
        link->GenerateFrame(1000000000, a, b);
        const double T = link->GetBobChannelTransmittance();
        double q;
        ExactBb84(std::exp(-s.eta * T * 0.5), s.dark, s.ed, q);
        // Dead time of 100 gates per click costs a fraction q x 100 x ... < 1e-3 here.
        const double expected = 1e9 * q;
        NS_TEST_EXPECT_MSG_EQ_TOL(double(link->GetTruth().events),
                                  expected,
                                  5 * std::sqrt(expected) + expected * q * 100,
                                  "detections");
        NS_TEST_EXPECT_MSG_EQ(a.records.size(), b.records.size(), "one record per click each");
        Simulator::Destroy();
    }
};

/** Bad configurations abort with clear messages. */
class QkdBadInputTestCase : public TestCase
{
  public:
    QkdBadInputTestCase()
        : TestCase("Bad QKD configurations abort with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(
            {
                LinkSetup s;
                s.protocol = "BBM92";
                s.mode = "Exact";
                Ptr<QkdQuantumLink> l = MakeLink(s);
                l->Prepare();
            },
            "Exact is available for BB84 only");
        QUANTUM_EXPECT_ABORT(
            {
                LinkSetup s;
                Ptr<QkdQuantumLink> l = MakeLink(s);
                l->GetBobAnalyzer()->GetDetector(0)->SetAfterpulseProbability(0.01);
                l->Prepare();
            },
            "AfterpulseProbability");
        QUANTUM_EXPECT_ABORT(
            {
                LinkSetup s;
                Ptr<QkdQuantumLink> l = MakeLink(s);
                l->GetBobAnalyzer()->GetDetector(1)->SetDeadTime(NanoSeconds(7));
                l->Prepare();
            },
            "different dead times");
        QUANTUM_EXPECT_ABORT(
            {
                LinkSetup s;
                Ptr<QkdQuantumLink> l = MakeLink(s);
                l->GetWeakCoherentSource()->SetIntensities({0.5, 0.1});
                l->GetWeakCoherentSource()->SetProbabilities({0.5, 0.5});
                Ptr<QkdSession> session = CreateObject<QkdSession>();
                session->SetLink(l);
            },
            "three: signal mu > weak decoy nu > 0 and vacuum 0");
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QkdQuantumLink> l = CreateObject<QkdQuantumLink>();
                l->SetAttribute("PulseRateHz", DoubleValue(0.5));
            },
            "PulseRateHz");
        QUANTUM_EXPECT_ABORT({ QkdHelper().SetMisalignment(0.7); }, "outside the valid range");
    }
};

/**
 * Full sessions over TCP: identical final keys at both ends, key rate below
 * PLOB and the Shor-Preskill / decoy asymptotic rates at the measured
 * values; the abort path produces no key.
 */
class QkdSessionTestCase : public TestCase
{
  public:
    QkdSessionTestCase()
        : TestCase("Sessions over TCP give identical keys, bounded rates, and abort under attack")
    {
    }

  private:
    std::map<uint64_t, QkdBitString> m_alice; //!< Alice's blocks
    std::map<uint64_t, QkdBitString> m_bob;   //!< Bob's blocks

    /**
     * @param key key
     * @param id block id
     */
    void AliceKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
    {
        m_alice[id] = key;
    }

    /**
     * @param key key
     * @param id block id
     */
    void BobKey(const QkdBitString& key, uint64_t id, uint32_t, uint32_t)
    {
        m_bob[id] = key;
    }

    /**
     * @param source Wcp or SinglePhoton
     * @param eve eavesdropper type or ""
     * @param finite finite-key option
     * @param stats set to Bob's statistics
     * @return the asymptotic rate per pulse
     */
    double Run(const std::string& source,
               const std::string& eve,
               bool finite,
               QkdSessionStatistics& stats,
               double& eta)
    {
        m_alice.clear();
        m_bob.clear();
        NodeContainer nodes;
        nodes.Create(2);
        QkdHelper qkd;
        qkd.SetLinkAttribute("SourceType", StringValue(source));
        qkd.SetLinkAttribute("TotalPulses", UintegerValue(10000000));
        qkd.SetLinkAttribute("FramePulses", UintegerValue(5000000));
        qkd.SetChannelAttribute("LengthKm", DoubleValue(20));
        qkd.SetMisalignment(0.01);
        qkd.SetSessionAttribute("FiniteKey", BooleanValue(finite));
        qkd.SetClassicalAttribute("Delay", StringValue("1ms"));
        qkd.SetClassicalLossRate(0.01);
        if (!eve.empty())
        {
            qkd.SetEavesdropper(eve);
        }
        QkdLinkInstance l = qkd.Install(nodes.Get(0), nodes.Get(1));
        for (uint32_t k = 0; k < 2; ++k)
        {
            l.link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.2);
            l.link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1e-6);
        }
        qkd.AssignStreams(l, 500);
        l.alice->TraceConnectWithoutContext("SecretKey",
                                            MakeCallback(&QkdSessionTestCase::AliceKey, this));
        l.bob->TraceConnectWithoutContext("SecretKey",
                                          MakeCallback(&QkdSessionTestCase::BobKey, this));
        Simulator::Run();
        stats = l.bob->GetStatistics();
        eta = 0.2 * l.link->GetBobChannelTransmittance();
        const double r = l.bob->GetAsymptoticRatePerPulse();
        Simulator::Destroy();
        return r;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        for (const std::string src : {"Wcp", "SinglePhoton"})
        {
            QkdSessionStatistics s;
            double eta;
            const double r = Run(src, "", false, s, eta);
            NS_TEST_EXPECT_MSG_EQ(s.frames, 2, src << ": both frames post-processed");
            NS_TEST_EXPECT_MSG_EQ(s.abortedFrames, 0, src << ": no abort");
            NS_TEST_EXPECT_MSG_GT(s.secretKeyBits, 1000, src << ": key produced");
            NS_TEST_EXPECT_MSG_EQ(m_alice.size(), m_bob.size(), "same blocks");
            for (const auto& [id, key] : m_bob)
            {
                NS_TEST_EXPECT_MSG_EQ((m_alice[id] == key),
                                      true,
                                      "identical key bits, block " << id);
            }
            NS_TEST_EXPECT_MSG_LT(r, QkdKeyRateCalculator::PlobBound(eta), "rate below PLOB");
            const double f = s.GetCascadeEfficiency();
            NS_TEST_EXPECT_MSG_LT(f, 1.25, "Cascade efficiency");
            // The measured-quantity rate agrees with the closed-form rate at the
            // expected gain and QBER (Shor-Preskill; decoy: infinite-decoy limit
            // as upper bound).
            const double y0 = 1 - (1 - 1e-6) * (1 - 1e-6);
            if (src == "SinglePhoton")
            {
                double q;
                const double e = ExactBb84(1 - eta, 1e-6, 0.01, q);
                const double rSp = QkdKeyRateCalculator::SinglePhotonRate(0.5, q, e, 1.16);
                NS_TEST_EXPECT_MSG_EQ_TOL(r, rSp, 0.05 * rSp, "Shor-Preskill rate");
            }
            else
            {
                const double qm = QkdKeyRateCalculator::ExpectedGain(0.5, eta, y0);
                const double em = QkdKeyRateCalculator::ExpectedQber(0.5, eta, y0, 0.01);
                const double rInf
                    = 0.8
                      * QkdKeyRateCalculator::KeyRate(
                          0.5,
                          qm,
                          em,
                          1.16,
                          QkdKeyRateCalculator::InfiniteDecoyValues(0.5, eta, y0, 0.01));
                NS_TEST_EXPECT_MSG_LT(r, rInf * 1.02, "decoy rate below the infinite-decoy rate");
                NS_TEST_EXPECT_MSG_GT(r, rInf * 0.6, "decoy rate close to it");
            }
        }
        // Finite-key option with single photons gives a shorter, identical key.
        {
            QkdSessionStatistics s;
            double eta;
            Run("SinglePhoton", "", true, s, eta);
            NS_TEST_EXPECT_MSG_GT(s.secretKeyBits, 0, "finite key produced");
            for (const auto& [id, key] : m_bob)
            {
                NS_TEST_EXPECT_MSG_EQ((m_alice[id] == key), true, "identical finite key");
            }
        }
        // Abort path: intercept-resend on every pulse.
        {
            QkdSessionStatistics s;
            double eta;
            Run("SinglePhoton", "ns3::QkdInterceptResendEavesdropper", false, s, eta);
            NS_TEST_EXPECT_MSG_EQ(s.abortedFrames, s.frames, "every frame aborted");
            NS_TEST_EXPECT_MSG_EQ(s.secretKeyBits, 0, "no key");
            NS_TEST_EXPECT_MSG_EQ(m_alice.size() + m_bob.size(), 0, "no key delivered");
            NS_TEST_EXPECT_MSG_EQ_TOL(s.GetQber(), 0.25 + 0.01 * 0.5, 0.02, "QBER about 25 %");
        }
    }
};

/**
 * The Karatsuba / carry-less-multiply Toeplitz kernel against the definition
 * y_i = sum_j s_{i+n-1-j} x_j on sizes that recurse several levels
 * (leaves of 24 words), with the hardware and the portable leaf multiply.
 */
class QkdToeplitzKaratsubaTestCase : public TestCase
{
  public:
    QkdToeplitzKaratsubaTestCase()
        : TestCase("Toeplitz Karatsuba kernel matches the definition on large inputs")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(42);
        for (bool hardware : {true, false})
        {
            ToeplitzHasher::SetHardwareCarrylessMultiply(hardware);
            for (auto [n, m] : std::vector<std::pair<size_t, size_t>>{{1601, 5},
                                                                      {6000, 1},
                                                                      {5000, 3001},
                                                                      {4097, 4100},
                                                                      {6400, 1600},
                                                                      {200, 6000}})
            {
                const QkdBitString x = QkdBitString::Random(n, rng);
                const QkdBitString s
                    = QkdBitString::Random(ToeplitzHasher::GetSeedLength(n, m), rng);
                NS_TEST_EXPECT_MSG_EQ(
                    (ToeplitzHasher::Hash(x, m, s) == ToeplitzHasher::HashByDefinition(x, m, s)),
                    true,
                    "n = " << n << ", m = " << m << ", hardware " << hardware);
            }
        }
        ToeplitzHasher::SetHardwareCarrylessMultiply(true);
    }
};

/**
 * Reproducibility: with the same seed, run and AssignStreams, two complete
 * sessions give bit-identical final keys and bit-identical classical traffic
 * (which carries the Wegman-Carter tags made with the pre-shared keys, drawn
 * by QkdHelper from a stream AssignStreams covers); another run gives other
 * keys.
 */
class QkdReproducibilityTestCase : public TestCase
{
  public:
    QkdReproducibilityTestCase()
        : TestCase("Same seed run and streams give bit-identical keys and traffic")
    {
    }

  private:
    QkdBitString m_keys;   //!< Bob's final keys, concatenated in delivery order
    uint64_t m_traffic{0}; //!< FNV-1a hash of every classical packet sent

    /**
     * @param key final key block
     */
    void BobKey(const QkdBitString& key, uint64_t, uint32_t, uint32_t)
    {
        m_keys.Append(key);
    }

    /**
     * @param p a classical packet handed to a point-to-point device
     */
    void Sent(Ptr<const Packet> p)
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        for (uint8_t b : bytes)
        {
            m_traffic = (m_traffic ^ b) * 1099511628211ULL;
        }
    }

    /**
     * One complete single-photon session.
     * @param run RngSeedManager run
     */
    void Run(uint64_t run)
    {
        RngSeedManager::SetSeed(31);
        RngSeedManager::SetRun(run);
        m_keys = QkdBitString();
        m_traffic = 14695981039346656037ULL;
        NodeContainer nodes;
        nodes.Create(2);
        QkdHelper qkd;
        qkd.SetLinkAttribute("SourceType", StringValue("SinglePhoton"));
        qkd.SetLinkAttribute("TotalPulses", UintegerValue(4000000));
        qkd.SetLinkAttribute("FramePulses", UintegerValue(2000000));
        qkd.SetChannelAttribute("LengthKm", DoubleValue(20));
        qkd.SetMisalignment(0.01);
        qkd.SetClassicalAttribute("Delay", StringValue("1ms"));
        QkdLinkInstance l = qkd.Install(nodes.Get(0), nodes.Get(1));
        for (uint32_t k = 0; k < 2; ++k)
        {
            l.link->GetBobAnalyzer()->GetDetector(k)->SetEfficiency(0.2);
            l.link->GetBobAnalyzer()->GetDetector(k)->SetDarkCountProbability(1e-6);
        }
        const int64_t used = qkd.AssignStreams(l, 700);
        NS_TEST_EXPECT_MSG_GT(used, 1, "AssignStreams counts the streams it assigns");
        l.bob->TraceConnectWithoutContext("SecretKey",
                                          MakeCallback(&QkdReproducibilityTestCase::BobKey, this));
        for (uint32_t i = 0; i < 2; ++i)
        {
            l.classical.Get(i)->TraceConnectWithoutContext(
                "MacTx",
                MakeCallback(&QkdReproducibilityTestCase::Sent, this));
        }
        Simulator::Run();
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Run(1);
        const QkdBitString keys1 = m_keys;
        const uint64_t traffic1 = m_traffic;
        NS_TEST_ASSERT_MSG_GT(keys1.GetSize(), 1000, "keys produced");
        Run(1);
        NS_TEST_EXPECT_MSG_EQ((m_keys == keys1), true, "same run: bit-identical final keys");
        NS_TEST_EXPECT_MSG_EQ(m_traffic, traffic1, "same run: bit-identical classical traffic");
        Run(2);
        NS_TEST_EXPECT_MSG_EQ((m_keys == keys1), false, "another run: other keys");
        NS_TEST_EXPECT_MSG_NE(m_traffic, traffic1, "another run: other traffic");
    }
};

/**
 * @ingroup quantum-tests
 * QkdDecoyTally on hand-made frames: per-label pulses, detections, sifted
 * detections and errors are counted exactly, gains and QBERs follow, and bad
 * frames or labels abort.
 */
class QkdDecoyTallyTestCase : public TestCase
{
  public:
    QkdDecoyTallyTestCase()
        : TestCase("decoy tally counts per intensity from the two views")
    {
    }

  private:
    void DoRun() override
    {
        // pulse, setting, bit, label: sender and receiver views of 5 detections.
        QkdFrameView a;
        QkdFrameView b;
        a.pulsesPerLabel = {100, 50, 10};
        a.records = {{3, 0, 1, 0}, {7, 1, 0, 0}, {9, 0, 0, 1}, {20, 1, 1, 0}, {41, 0, 1, 2}};
        b.records = {{3, 0, 1, 0}, {7, 0, 1, 0}, {9, 0, 1, 0}, {20, 1, 0, 0}, {41, 1, 0, 0}};
        QkdDecoyTally t;
        t.Add(a, b);
        t.Add(a, b);
        NS_TEST_ASSERT_MSG_EQ(t.GetNumLabels(), 3, "labels");
        const uint64_t pulses[3] = {200, 100, 20};
        const uint64_t detections[3] = {6, 2, 2};
        const uint64_t sifted[3] = {4, 2, 0}; // pulses 3, 20; 9; none
        const uint64_t errors[3] = {2, 2, 0}; // pulse 20; pulse 9
        for (uint32_t l = 0; l < 3; ++l)
        {
            NS_TEST_EXPECT_MSG_EQ(t.GetPulses(l), pulses[l], "pulses " << l);
            NS_TEST_EXPECT_MSG_EQ(t.GetDetections(l), detections[l], "detections " << l);
            NS_TEST_EXPECT_MSG_EQ(t.GetSifted(l), sifted[l], "sifted " << l);
            NS_TEST_EXPECT_MSG_EQ(t.GetErrors(l), errors[l], "errors " << l);
            NS_TEST_EXPECT_MSG_EQ_TOL(t.GetGain(l),
                                      double(detections[l]) / pulses[l],
                                      1e-15,
                                      "gain " << l);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(t.GetQber(0), 0.5, 1e-15, "QBER, signal");
        NS_TEST_EXPECT_MSG_EQ_TOL(t.GetQber(1), 1.0, 1e-15, "QBER, decoy");
        NS_TEST_EXPECT_MSG_EQ_TOL(t.GetQber(2), 0.5, 1e-15, "no sifted detection: 0.5");
        NS_TEST_EXPECT_MSG_EQ_TOL(QkdDecoyTally().GetGain(0), 0.0, 0.0, "no pulse: gain 0");

        QUANTUM_EXPECT_ABORT({ QkdDecoyTally(0); }, "numLabels = 0 is invalid");
        QUANTUM_EXPECT_ABORT(
            {
                QkdFrameView x = a;
                x.records.pop_back();
                QkdDecoyTally().Add(x, b);
            },
            "both list the same detections");
        QUANTUM_EXPECT_ABORT(
            {
                QkdFrameView x = b;
                x.records[1].pulse = 8;
                QkdDecoyTally().Add(a, x);
            },
            "record 1 is pulse 7 for the sender and 8 for the receiver");
        QUANTUM_EXPECT_ABORT({ QkdDecoyTally(2).Add(a, b); }, "has 3 intensity labels");
        QUANTUM_EXPECT_ABORT({ QkdDecoyTally().GetQber(3); }, "label 3 is out of range [0, 3)");
        QUANTUM_EXPECT_ABORT({ QkdDecoyTally().AddFrames(CreateObject<QkdQuantumLink>(), 10, 0); },
                             "framePulses = 0 is invalid");
    }
};

/** BB84 suite. */
class QkdBb84TestSuite : public TestSuite
{
  public:
    QkdBb84TestSuite()
        : TestSuite("qkd-bb84", Type::UNIT)
    {
        AddTestCase(new QkdBb84GainQberTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdBb84SkippingVsExactTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdBb84EncodingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdInterceptResendTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdPnsDecoyTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdBillionPulsesTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdSessionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdReproducibilityTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdToeplitzKaratsubaTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdDecoyTallyTestCase, QUANTUM_TEST_QUICK);
    }
};

static QkdBb84TestSuite g_qkdBb84TestSuite; //!< registration

/**
 * BBM92: coincidence probability and QBER against the closed forms of the
 * model; E91: the CHSH value.
 */
class QkdEntanglementTestCase : public TestCase
{
  public:
    QkdEntanglementTestCase()
        : TestCase("BBM92 coincidences and QBER, E91 CHSH value match the closed forms")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(17);
        RngSeedManager::SetRun(1);
        for (const std::string proto : {"BBM92", "E91"})
        {
            LinkSetup s;
            s.protocol = proto;
            s.lengthKm = 10;
            s.eta = 0.3;
            s.dark = 1e-4;
            s.ed = 0.01;
            Ptr<QkdQuantumLink> link = MakeLink(s);
            // E91: a low pair number, so that the expected CHSH value (2.55)
            // exceeds 2 by many standard errors (about 0.02 at 10^8 pulses);
            // at mu = 0.1 it is 2.03, within 2 standard errors of 2.
            const bool e91 = proto == "E91";
            const double mu = e91 ? 0.02 : 0.1;
            link->GetPairSource()->SetMeanPairNumber(mu);
            link->AssignStreams(77);
            QkdFrameView a;
            QkdFrameView b;
            const double n = e91 ? 100000000 : 20000000;
            link->GenerateFrame(n, a, b);
            const QkdLinkTruth& t = link->GetTruth();
            const double tA = s.eta * link->GetAliceChannelTransmittance();
            const double tB = s.eta * link->GetBobChannelTransmittance();
            const double d2 = (1 - s.dark) * (1 - s.dark);
            // C = sum_n P(n) [1 - d2 (1 - tA)^n][1 - d2 (1 - tB)^n], thermal P(n).
            auto g = [mu](double x) {
                return 1 / (1 + mu * (1 - x));
            };
            const double c = 1 - d2 * g(1 - tA) - d2 * g(1 - tB) + d2 * d2 * g((1 - tA) * (1 - tB));
            NS_TEST_EXPECT_MSG_EQ_TOL(t.coincidences / n,
                                      c,
                                      5 * BinomialSigma(c, n),
                                      proto << " coincidences");
            // Correlated coincidences: one pair, both photons detected, no dark
            // count on the other detector of either arm.
            const double p1 = mu / ((1 + mu) * (1 + mu));
            const double ccorr = p1 * tA * tB * d2;
            const double v = (1 - 2 * s.ed) * (1 - 2 * s.ed); // visibility of both arms
            if (proto == "BBM92")
            {
                const double sifted
                    = t.coincidencesPerSetting[0][0] + t.coincidencesPerSetting[1][1];
                const double err = sifted - t.equalPerSetting[0][0] - t.equalPerSetting[1][1];
                const double e = 0.5 - 0.5 * v * ccorr / c;
                NS_TEST_EXPECT_MSG_EQ_TOL(err / sifted,
                                          e,
                                          5 * BinomialSigma(e, sifted),
                                          "BBM92 QBER");
            }
            else
            {
                auto corr = [&t](int i, int j) {
                    const double m = t.coincidencesPerSetting[i][j];
                    return (2.0 * t.equalPerSetting[i][j] - m) / m;
                };
                const double sMeas = corr(0, 0) - corr(0, 2) + corr(2, 0) + corr(2, 2);
                const double sTheory = 2 * std::sqrt(2.0) * v * ccorr / c;
                double var = 0;
                for (int i : {0, 2})
                {
                    for (int j : {0, 2})
                    {
                        var += (1 - corr(i, j) * corr(i, j)) / t.coincidencesPerSetting[i][j];
                    }
                }
                NS_TEST_EXPECT_MSG_EQ_TOL(sMeas, sTheory, 5 * std::sqrt(var), "CHSH S");
                NS_TEST_EXPECT_MSG_GT(sMeas, 2.0, "Bell violation");
            }
        }
        Simulator::Destroy();
    }
};

/**
 * BBM92 with time-bin encoding: per-basis QBER of the coincidences against
 * the closed form e_b = 1/2 - v_b C_corr / (2 C) with the visibility of both
 * arms v_Z = (1 - 2 TimeBinZError)^2 (one wrong-bin probability per arm) and
 * v_X = (1 - 2 e_d)^2 (interferometer error e_d = (1 - V)/2 per arm); Gisin
 * et al., Rev. Mod. Phys. 74, 145 (2002), Sec. IV.  5 standard errors.
 */
class QkdEntanglementTimeBinTestCase : public TestCase
{
  public:
    QkdEntanglementTimeBinTestCase()
        : TestCase("BBM92 time-bin per-basis QBER matches the closed form")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(23);
        RngSeedManager::SetRun(1);
        LinkSetup s;
        s.protocol = "BBM92";
        s.lengthKm = 10;
        s.eta = 0.3;
        s.dark = 1e-4;
        s.ed = 0.03;
        const double ez = 0.01;
        Ptr<QkdQuantumLink> link = MakeLink(s);
        link->SetAttribute("Encoding", StringValue("TimeBin"));
        link->SetAttribute("TimeBinZError", DoubleValue(ez));
        const double mu = 0.1;
        link->GetPairSource()->SetMeanPairNumber(mu);
        link->AssignStreams(91);
        QkdFrameView a;
        QkdFrameView b;
        const double n = 20000000;
        link->GenerateFrame(n, a, b);
        const QkdLinkTruth& t = link->GetTruth();
        const double tA = s.eta * link->GetAliceChannelTransmittance();
        const double tB = s.eta * link->GetBobChannelTransmittance();
        const double d2 = (1 - s.dark) * (1 - s.dark);
        auto g = [mu](double x) {
            return 1 / (1 + mu * (1 - x));
        };
        const double c = 1 - d2 * g(1 - tA) - d2 * g(1 - tB) + d2 * d2 * g((1 - tA) * (1 - tB));
        const double p1 = mu / ((1 + mu) * (1 + mu));
        const double ccorr = p1 * tA * tB * d2;
        for (uint32_t basis = 0; basis < 2; ++basis)
        {
            const double eb = basis == 0 ? ez : s.ed;
            const double v = (1 - 2 * eb) * (1 - 2 * eb);
            const double sifted = t.coincidencesPerSetting[basis][basis];
            const double err = sifted - t.equalPerSetting[basis][basis];
            const double e = 0.5 - 0.5 * v * ccorr / c;
            NS_TEST_EXPECT_MSG_GT(sifted, 1000, "enough sifted bits");
            NS_TEST_EXPECT_MSG_EQ_TOL(err / sifted,
                                      e,
                                      5 * BinomialSigma(e, sifted),
                                      "BBM92 time-bin QBER basis " << basis);
            std::cout << "BBM92 time bin basis " << (basis == 0 ? "Z" : "X") << ": QBER "
                      << err / sifted << " (closed form " << e << ", n " << sifted << ")\n";
        }
        Simulator::Destroy();
    }
};

/** Entanglement suite. */
class QkdEntanglementTestSuite : public TestSuite
{
  public:
    QkdEntanglementTestSuite()
        : TestSuite("qkd-entanglement", Type::UNIT)
    {
        AddTestCase(new QkdEntanglementTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new QkdEntanglementTimeBinTestCase, QUANTUM_TEST_QUICK);
    }
};

static QkdEntanglementTestSuite g_qkdEntanglementTestSuite; //!< registration
