/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Quantum channels: fibre loss and delay, MODE transmittance, FIFO order and
// timing jitter, the noise models against their formulas, demultiplexing,
// lost photons, free-space links (fixed and moving nodes), the channel
// helper, bad input and reproducible randomness.
//
// References for the formulas checked here:
//  - fibre: eta = 10^(-(alpha L + IL)/10), delay L / v_g;
//  - noise channels: Nielsen and Chuang, "Quantum Computation and Quantum
//    Information" (2000), section 8.3 (depolarizing eq. 8.102, phase flip);
//  - misalignment error e_d = sin^2(theta): Ma, Qi, Zhao and Lo, Phys. Rev. A
//    72, 012326 (2005);
//  - truncated normal mean and variance: Johnson, Kotz and Balakrishnan,
//    Continuous Univariate Distributions vol. 1 (1994), section 10.1;
//  - free space: Gaussian beam w(z) = w0 sqrt(1 + (z/z_R)^2), z_R = pi w0^2 /
//    lambda, aperture fraction 1 - exp(-2 a^2 / w^2), pointing jitter
//    broadening w^2 + 4 (sigma z)^2, atmosphere T_zenith^(1/sin(elevation)):
//    Bourgoin et al., New J. Phys. 15, 023006 (2013); Vasylyev, Semenov and
//    Vogel, Phys. Rev. Lett. 117, 090501 (2016).

#include "quantum-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/dephasing-noise-model.h"
#include "ns3/depolarizing-noise-model.h"
#include "ns3/double.h"
#include "ns3/fixed-loss-model.h"
#include "ns3/free-space-quantum-channel.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/polarization-misalignment-model.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-channel.h"
#include "ns3/quantum-net-device.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/timing-jitter-model.h"

#include <cmath>
#include <functional>
#include <set>
#include <vector>

using namespace ns3;

namespace
{

/** Records what arrives at a port handler. */
struct ChannelTestReceiver
{
    std::vector<Ptr<QuantumSignal>> signals; //!< arrived signals, in order
    std::vector<Time> times;                 //!< arrival times
    Ptr<QuantumStateRegistry> registry;      //!< frees qubits if set
    bool keepQubits = false;                 //!< keep QUBIT photons alive for inspection

    /**
     * Port handler.
     * @param s the signal
     * @param d the receiving device
     */
    void Receive(Ptr<QuantumSignal> s, Ptr<QuantumNetDevice> d)
    {
        signals.push_back(s);
        times.push_back(Simulator::Now());
        if (registry && !keepQubits && s->GetKind() == QuantumSignal::QUBIT)
        {
            registry->Discard(s->GetQubit());
        }
    }
};

/** Two nodes joined by a channel built by hand (not by the helper). */
struct ChannelTestLink
{
    Ptr<Node> a;              //!< sender node
    Ptr<Node> b;              //!< receiver node
    Ptr<QuantumNetDevice> da; //!< sender device
    Ptr<QuantumNetDevice> db; //!< receiver device
    Ptr<QuantumChannel> ch;   //!< the channel
};

/**
 * @param ch a channel
 * @return two nodes with a device each, attached to it
 */
ChannelTestLink
Attach(Ptr<QuantumChannel> ch)
{
    ChannelTestLink l;
    l.ch = ch;
    l.a = CreateObject<Node>();
    l.b = CreateObject<Node>();
    l.da = CreateObject<QuantumNetDevice>();
    l.db = CreateObject<QuantumNetDevice>();
    l.a->AddDevice(l.da);
    l.b->AddDevice(l.db);
    l.da->Attach(ch);
    l.db->Attach(ch);
    return l;
}

/**
 * @param lengthKm fibre length
 * @param attenuationDbPerKm attenuation
 * @param insertionLossDb insertion loss
 * @return a fibre link
 */
ChannelTestLink
MakeFibre(double lengthKm, double attenuationDbPerKm, double insertionLossDb)
{
    Ptr<QuantumChannel> ch = CreateObject<QuantumChannel>();
    ch->SetAttribute("LengthKm", DoubleValue(lengthKm));
    ch->SetAttribute("AttenuationDbPerKm", DoubleValue(attenuationDbPerKm));
    ch->SetAttribute("InsertionLossDb", DoubleValue(insertionLossDb));
    return Attach(ch);
}

/**
 * Send a pulse train from one event: pulse i is stamped with emission time
 * now + i * spacing and carries time bin i.
 * @param device the sender
 * @param make creates pulse i
 * @param n number of pulses
 * @param spacing time between pulses
 */
void
SendTrain(Ptr<QuantumNetDevice> device,
          std::function<Ptr<QuantumSignal>(uint32_t)> make,
          uint32_t n,
          Time spacing)
{
    const Time now = Simulator::Now();
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<QuantumSignal> s = make(i);
        s->SetTimeBin(i);
        s->SetEmissionTime(now + spacing * int64_t(i));
        device->SendSignal(s);
    }
}

/**
 * @param reg a registry
 * @param port the destination port
 * @return a maker of |0> QUBIT photons
 */
std::function<Ptr<QuantumSignal>(uint32_t)>
QubitMaker(Ptr<QuantumStateRegistry> reg, uint16_t port)
{
    return [reg, port](uint32_t) {
        Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(reg->CreateQubit());
        s->SetPort(port);
        return s;
    };
}

/**
 * @param port the destination port
 * @return a maker of Poisson MODE pulses (mean 0.5, Z basis, bit 0)
 */
std::function<Ptr<QuantumSignal>(uint32_t)>
ModeMaker(uint16_t port)
{
    return [port](uint32_t) {
        Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 0, 0);
        s->SetPort(port);
        return s;
    };
}

/**
 * @param a a matrix
 * @param b a matrix
 * @return the largest entry of |a - b|
 */
double
MaxDiff(const QMatrix& a, const QMatrix& b)
{
    return (a - b).cwiseAbs().maxCoeff();
}

/**
 * Closed form of the free-space transmittance (independent of the model's
 * code): Gaussian beam, pointing jitter, aperture, atmosphere, insertion loss.
 * @param z distance (m)
 * @param dz height difference (m)
 * @param lambda wavelength (m)
 * @param dt transmitter aperture diameter (m)
 * @param dr receiver aperture diameter (m)
 * @param sigma pointing jitter (rad)
 * @param tz zenith transmittance
 * @param atmosphere apply the atmosphere
 * @param ilDb insertion loss (dB)
 * @return the transmittance
 */
double
FreeSpaceClosedForm(double z,
                    double dz,
                    double lambda,
                    double dt,
                    double dr,
                    double sigma,
                    double tz,
                    bool atmosphere,
                    double ilDb)
{
    const double w0 = dt / 2;
    const double zr = M_PI * w0 * w0 / lambda;
    const double w2 = w0 * w0 * (1 + (z / zr) * (z / zr));
    const double weff2 = w2 + 4 * (sigma * z) * (sigma * z);
    const double a = dr / 2;
    double eta = 1 - std::exp(-2 * a * a / weff2);
    if (atmosphere)
    {
        const double sinEl = std::abs(dz) / z;
        eta *= std::pow(tz, 1 / sinEl);
    }
    return eta * std::pow(10.0, -ilDb / 10);
}

} // namespace

/**
 * @ingroup quantum-tests
 * QUBIT photons survive a fibre with probability 10^(-(alpha L + IL)/10)
 * times the chain's transmittance, at several distances (5 sigma).
 */
class ChannelLossVsDistanceTestCase : public TestCase
{
  public:
    ChannelLossVsDistanceTestCase()
        : TestCase("fibre loss against 10^(-(alpha L + IL) div 10) at several distances")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        const double alpha = 0.2;
        const double il = 1.0;
        const double chainLossDb = 0.5;
        const uint32_t n = 20000;
        int64_t stream = 100;
        for (double km : {0.0, 10.0, 25.0, 50.0})
        {
            Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
            reg->SetDefaultFormalism(QuantumFormalism::STATE_VECTOR);
            reg->AssignStreams(stream++);
            ChannelTestLink l = MakeFibre(km, alpha, il);
            l.ch->SetAttribute("Registry", PointerValue(reg));
            Ptr<FixedLossModel> fixed = CreateObject<FixedLossModel>();
            fixed->SetAttribute("LossDb", DoubleValue(chainLossDb));
            l.ch->AddModel(fixed);
            stream += l.ch->AssignStreams(stream);
            ChannelTestReceiver rx;
            rx.registry = reg;
            l.db->RegisterHandler(5, MakeCallback(&ChannelTestReceiver::Receive, &rx));
            uint32_t lost = 0;
            l.ch->TraceConnectWithoutContext("SignalLost",
                                             MakeBoundCallback(
                                                 +[](uint32_t* c, Ptr<const QuantumSignal>) {
                                                     ++*c;
                                                 },
                                                 &lost));
            Simulator::ScheduleNow(&SendTrain, l.da, QubitMaker(reg, 5), n, NanoSeconds(1));
            Simulator::Run();
            const double expected = std::pow(10.0, -(alpha * km + il + chainLossDb) / 10);
            NS_TEST_EXPECT_MSG_EQ_TOL(l.ch->GetTransmittance(l.da, l.db),
                                      expected,
                                      1e-14,
                                      "GetTransmittance at " << km << " km");
            const double measured = double(rx.signals.size()) / n;
            const double tol = 5 * quantumtest::BinomialSigma(expected, n);
            NS_TEST_EXPECT_MSG_EQ_TOL(measured,
                                      expected,
                                      tol,
                                      "delivered fraction at " << km << " km (5 sigma)");
            NS_TEST_EXPECT_MSG_EQ(lost + rx.signals.size(), n, "every photon lost or delivered");
            NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "lost and received qubits freed");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * Arrival time = send time + L / v_g exactly (Time equality), for sends at
 * scheduled times and for pulses stamped with future emission times.
 */
class ChannelDelayExactTestCase : public TestCase
{
  public:
    ChannelDelayExactTestCase()
        : TestCase("propagation delay is exactly L div v_g as a Time")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);

        struct Case
        {
            double km;       //!< length
            double velocity; //!< group velocity
        };

        for (const Case& c : {Case{0.0, 2e8}, Case{1.0, 2e8}, Case{13.7, 2.04e8}, Case{100.0, 2e8}})
        {
            ChannelTestLink l = MakeFibre(c.km, 0.0, 0.0);
            l.ch->SetAttribute("GroupVelocityMetersPerSecond", DoubleValue(c.velocity));
            Ptr<FixedLossModel> fixed = CreateObject<FixedLossModel>();
            fixed->SetAttribute("LossDb", DoubleValue(0.0));
            l.ch->AddModel(fixed); // a loss model adds no delay
            l.ch->AssignStreams(1);
            ChannelTestReceiver rx;
            rx.registry = QuantumStateRegistry::GetDefault();
            l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
            std::vector<Time> travel;
            l.ch->TraceConnectWithoutContext(
                "SignalDelivered",
                MakeBoundCallback(
                    +[](std::vector<Time>* v, Ptr<const QuantumSignal>, Time t) {
                        v->push_back(t);
                    },
                    &travel));
            const Time expectedDelay = Seconds(c.km * 1000.0 / c.velocity);
            NS_TEST_EXPECT_MSG_EQ(l.ch->GetPropagationDelay(l.da, l.db),
                                  expectedDelay,
                                  "GetPropagationDelay at " << c.km << " km");
            // Three single sends at odd times, then a train of 3 pulses 7 ns apart.
            const std::vector<Time> sendTimes{NanoSeconds(3), MicroSeconds(17), Seconds(1.25)};
            for (const Time& t : sendTimes)
            {
                Simulator::Schedule(t,
                                    &QuantumNetDevice::SendSignal,
                                    l.da,
                                    QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0),
                                    Ptr<QuantumNetDevice>());
            }
            const Time trainAt = Seconds(2);
            Simulator::Schedule(trainAt, &SendTrain, l.da, ModeMaker(0), 3, NanoSeconds(7));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(rx.times.size(), 6, "all six pulses delivered");
            for (size_t i = 0; i < 3; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(rx.times[i],
                                      sendTimes[i] + expectedDelay,
                                      "arrival of send " << i << " at " << c.km << " km");
                NS_TEST_EXPECT_MSG_EQ(rx.signals[i]->GetEmissionTime(),
                                      sendTimes[i],
                                      "emission time stamped on send");
            }
            for (size_t i = 0; i < 3; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(rx.times[3 + i],
                                      trainAt + NanoSeconds(7) * int64_t(i) + expectedDelay,
                                      "arrival of train pulse " << i << " at " << c.km << " km");
            }
            for (const Time& t : travel)
            {
                NS_TEST_EXPECT_MSG_EQ(t, expectedDelay, "SignalDelivered travel time");
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * MODE pulses always arrive and carry exactly the channel's transmittance.
 */
class ChannelModeTransmittanceTestCase : public TestCase
{
  public:
    ChannelModeTransmittanceTestCase()
        : TestCase("MODE pulses arrive carrying exactly eta")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const double km = 37.5;
        const double alpha = 0.21;
        const double il = 2.5;
        const double fixedDb = 1.75;
        ChannelTestLink l = MakeFibre(km, alpha, il);
        Ptr<FixedLossModel> fixed = CreateObject<FixedLossModel>();
        fixed->SetAttribute("LossDb", DoubleValue(fixedDb));
        l.ch->AddModel(fixed);
        l.ch->AssignStreams(1);
        ChannelTestReceiver rx;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        uint32_t lost = 0;
        l.ch->TraceConnectWithoutContext("SignalLost",
                                         MakeBoundCallback(
                                             +[](uint32_t* c, Ptr<const QuantumSignal>) {
                                                 ++*c;
                                             },
                                             &lost));
        const uint32_t n = 1000;
        Simulator::ScheduleNow(&SendTrain, l.da, ModeMaker(0), n, NanoSeconds(2));
        Simulator::Run();
        const double eta = std::pow(10.0, -(alpha * km + il) / 10) * std::pow(10.0, -fixedDb / 10);
        NS_TEST_EXPECT_MSG_EQ(rx.signals.size(), n, "every MODE pulse arrives");
        NS_TEST_EXPECT_MSG_EQ(lost, 0, "no MODE pulse is lost");
        bool allExact = true;
        for (const auto& s : rx.signals)
        {
            allExact = allExact && std::abs(s->GetTransmittance() - eta) <= 1e-15 * eta
                       && std::abs(s->GetArrivingMeanPhotonNumber() - 0.5 * eta) <= 1e-15 * eta;
        }
        NS_TEST_EXPECT_MSG_EQ(allExact, true, "transmittance " << eta << " carried exactly");
        NS_TEST_EXPECT_MSG_EQ_TOL(rx.signals[0]->GetTransmittance(), eta, 1e-15, "first pulse");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Strong jitter (sigma 1000 times the pulse spacing) never reorders the
 * signals between a pair of devices.
 */
class ChannelFifoUnderJitterTestCase : public TestCase
{
  public:
    ChannelFifoUnderJitterTestCase()
        : TestCase("signals between a pair of devices stay in FIFO order under strong jitter")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(2);
        ChannelTestLink l = MakeFibre(5.0, 0.0, 0.0);
        Ptr<TimingJitterModel> jitter = CreateObject<TimingJitterModel>();
        jitter->SetAttribute("StdDev", TimeValue(MicroSeconds(1)));
        l.ch->AddModel(jitter);
        l.ch->AssignStreams(7);
        ChannelTestReceiver rx;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        std::vector<Time> travel;
        l.ch->TraceConnectWithoutContext(
            "SignalDelivered",
            MakeBoundCallback(
                +[](std::vector<Time>* v, Ptr<const QuantumSignal>, Time t) {
                    v->push_back(t);
                },
                &travel));
        const uint32_t n = 2000;
        // Half the train from a single event, half as individually scheduled sends.
        Simulator::ScheduleNow(&SendTrain, l.da, ModeMaker(0), n / 2, NanoSeconds(1));
        for (uint32_t i = n / 2; i < n; ++i)
        {
            Ptr<QuantumSignal> s = QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0);
            s->SetTimeBin(i);
            Simulator::Schedule(NanoSeconds(i),
                                &QuantumNetDevice::SendSignal,
                                l.da,
                                s,
                                Ptr<QuantumNetDevice>());
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(rx.signals.size(), n, "all delivered");
        bool ordered = true;
        uint32_t heldBack = 0;
        const Time prop = l.ch->GetPropagationDelay(l.da, l.db);
        for (uint32_t i = 0; i < n; ++i)
        {
            ordered = ordered && rx.signals[i]->GetTimeBin() == i;
            if (i > 0)
            {
                ordered = ordered && rx.times[i] >= rx.times[i - 1];
                heldBack += (rx.times[i] == rx.times[i - 1]) ? 1 : 0;
            }
            ordered = ordered && rx.times[i] >= NanoSeconds(i) + prop;
            // The traced travel time is the real one, hold-back included.
            ordered = ordered && travel[i] == rx.times[i] - NanoSeconds(i);
        }
        NS_TEST_EXPECT_MSG_EQ(ordered,
                              true,
                              "arrivals in send order, never before L/v_g, travel traced");
        // Without the FIFO rule about half of the pulses would have overtaken
        // an earlier one; check the jitter really was strong enough to need it.
        NS_TEST_EXPECT_MSG_GT(heldBack, n / 4, "jitter forced hold-backs");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The jitter's sample mean and standard deviation match the truncated
 * normal (half-normal for MeanDelay 0, plain Gaussian for MeanDelay >> StdDev)
 * within 5 standard errors.
 */
class ChannelJitterStatisticsTestCase : public TestCase
{
  public:
    ChannelJitterStatisticsTestCase()
        : TestCase("jitter mean and standard deviation against the attributes")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const double sigma = 2e-6;

        struct Case
        {
            double mu;           //!< MeanDelay in s
            double expectedMean; //!< closed-form mean
            double expectedStd;  //!< closed-form standard deviation
        };

        const std::vector<Case> cases{
            {0.0, sigma * std::sqrt(2 / M_PI), sigma * std::sqrt(1 - 2 / M_PI)}, // half-normal
            {10 * sigma, 10 * sigma, sigma}, // truncation at -10 sigma is negligible (1e-23)
            {0.5 * sigma, 0, 0},             // general truncated normal, closed form below
        };
        int64_t stream = 11;
        for (Case c : cases)
        {
            if (c.expectedStd == 0)
            {
                const double alpha = -c.mu / sigma;
                const double lambda = std::exp(-alpha * alpha / 2) / std::sqrt(2 * M_PI)
                                      / (0.5 * std::erfc(alpha / std::sqrt(2.0)));
                c.expectedMean = c.mu + sigma * lambda;
                c.expectedStd = sigma * std::sqrt(1 + alpha * lambda - lambda * lambda);
            }
            ChannelTestLink l = MakeFibre(2.0, 0.0, 0.0);
            Ptr<TimingJitterModel> jitter = CreateObject<TimingJitterModel>();
            jitter->SetAttribute("StdDev", TimeValue(Seconds(sigma)));
            jitter->SetAttribute("MeanDelay", TimeValue(Seconds(c.mu)));
            l.ch->AddModel(jitter);
            stream += l.ch->AssignStreams(stream);
            NS_TEST_EXPECT_MSG_EQ_TOL(jitter->GetExpectedDelaySeconds(),
                                      c.expectedMean,
                                      1e-12 * sigma,
                                      "model's closed-form mean");
            NS_TEST_EXPECT_MSG_EQ_TOL(jitter->GetDelayStdDevSeconds(),
                                      c.expectedStd,
                                      1e-12 * sigma,
                                      "model's closed-form standard deviation");
            std::vector<Time> travel;
            l.ch->TraceConnectWithoutContext(
                "SignalDelivered",
                MakeBoundCallback(
                    +[](std::vector<Time>* v, Ptr<const QuantumSignal>, Time t) {
                        v->push_back(t);
                    },
                    &travel));
            ChannelTestReceiver rx;
            l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
            // Pulses 1 ms apart, far more than the jitter: FIFO never holds one back.
            const uint32_t n = 20000;
            Simulator::ScheduleNow(&SendTrain, l.da, ModeMaker(0), n, MilliSeconds(1));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(travel.size(), n, "all delivered");
            const double prop = l.ch->GetPropagationDelay(l.da, l.db).GetSeconds();
            double s1 = 0;
            double s2 = 0;
            double minExtra = 1;
            for (const Time& t : travel)
            {
                const double x = t.GetSeconds() - prop;
                s1 += x;
                s2 += x * x;
                minExtra = std::min(minExtra, x);
            }
            const double mean = s1 / n;
            double m2 = 0;
            double m4 = 0;
            for (const Time& t : travel)
            {
                const double d = t.GetSeconds() - prop - mean;
                m2 += d * d;
                m4 += d * d * d * d;
            }
            m2 /= n;
            m4 /= n;
            const double sd = std::sqrt(m2);
            // Standard errors: of the mean sd/sqrt(n); of the standard deviation by
            // the delta method, sqrt((m4 - m2^2) / n) / (2 sd).
            const double seMean = sd / std::sqrt(double(n));
            const double seSd = std::sqrt((m4 - m2 * m2) / n) / (2 * sd);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(minExtra, 0.0, "no signal before L/v_g");
            NS_TEST_EXPECT_MSG_EQ_TOL(mean,
                                      c.expectedMean,
                                      5 * seMean,
                                      "sample mean of the extra delay, mu=" << c.mu);
            NS_TEST_EXPECT_MSG_EQ_TOL(sd,
                                      c.expectedStd,
                                      5 * seSd,
                                      "sample standard deviation, mu=" << c.mu);
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * Each noise model against its formula: the delivered density matrix of a
 * QUBIT photon in a DENSITY_MATRIX registry (exact), and the flip
 * probabilities carried by MODE pulses (exact); the chain applies the models
 * in the order they were added.
 */
class ChannelNoiseModelsTestCase : public TestCase
{
  public:
    ChannelNoiseModelsTestCase()
        : TestCase("depolarizing, dephasing and misalignment models against their formulas")
    {
    }

  private:
    /**
     * Send one photon in state psi through a 25 km lossless fibre with the
     * given models; return its delivered density matrix.
     * @param models the chain
     * @param psi the photon's state
     * @return the delivered density matrix
     */
    QMatrix ThroughQubit(const std::vector<Ptr<QuantumChannelModel>>& models, const QVector& psi)
    {
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(1);
        ChannelTestLink l = MakeFibre(25.0, 0.0, 0.0);
        l.ch->SetAttribute("Registry", PointerValue(reg));
        for (const auto& m : models)
        {
            l.ch->AddModel(m);
        }
        l.ch->AssignStreams(2);
        ChannelTestReceiver rx;
        rx.keepQubits = true;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        QubitHandle q = reg->CreateState(psi, QuantumFormalism::DENSITY_MATRIX)[0];
        l.da->SendSignal(QuantumSignal::CreateQubit(q));
        Simulator::Run();
        NS_ASSERT(rx.signals.size() == 1);
        QMatrix rho = reg->GetDensityMatrix({q});
        Simulator::Destroy();
        return rho;
    }

    /**
     * Send one MODE pulse through the same fibre.
     * @param models the chain
     * @return the delivered pulse
     */
    Ptr<QuantumSignal> ThroughMode(const std::vector<Ptr<QuantumChannelModel>>& models)
    {
        ChannelTestLink l = MakeFibre(25.0, 0.0, 0.0);
        for (const auto& m : models)
        {
            l.ch->AddModel(m);
        }
        l.ch->AssignStreams(2);
        ChannelTestReceiver rx;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        l.da->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 1, 0));
        Simulator::Run();
        NS_ASSERT(rx.signals.size() == 1);
        Ptr<QuantumSignal> s = rx.signals[0];
        Simulator::Destroy();
        return s;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const double rk = 0.01;  // per km
        const double rs = 200.0; // per second
        const double lengthKm = 25.0;
        const double t = lengthKm * 1000 / 2e8;  // 125 us
        const double x = rk * lengthKm + rs * t; // 0.275
        // A generic pure state: Rz(0.3) Ry(0.7) |0>.
        QVector psi(2);
        psi << std::cos(0.35) * std::exp(QComplex(0, -0.15)),
            std::sin(0.35) * std::exp(QComplex(0, 0.15));
        const QMatrix rho = psi * psi.adjoint();
        const QMatrix id = QMatrix::Identity(2, 2);
        const QMatrix z = KrausChannel::PauliMatrix(3);

        // Depolarizing: p = 1 - exp(-x), rho -> (1-p) rho + p I/2.
        auto depol = [&]() {
            Ptr<DepolarizingNoiseModel> m = CreateObject<DepolarizingNoiseModel>();
            m->SetAttribute("RatePerKm", DoubleValue(rk));
            m->SetAttribute("RatePerSecond", DoubleValue(rs));
            return m;
        };
        const double pd = 1 - std::exp(-x);
        NS_TEST_EXPECT_MSG_EQ_TOL(depol()->GetProbability(lengthKm * 1000, Seconds(t)),
                                  pd,
                                  1e-15,
                                  "depolarizing probability");
        QMatrix out = ThroughQubit({depol()}, psi);
        NS_TEST_EXPECT_MSG_LT(MaxDiff(out, (1 - pd) * rho + pd * id / 2),
                              1e-13,
                              "depolarized density matrix");
        Ptr<QuantumSignal> m = ThroughMode({depol()});
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(0), pd / 2, 1e-15, "MODE Z flip");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(1), pd / 2, 1e-15, "MODE X flip");

        // Dephasing: coherence decays as exp(-x); p = (1 - exp(-x))/2.
        auto deph = [&]() {
            Ptr<DephasingNoiseModel> m = CreateObject<DephasingNoiseModel>();
            m->SetAttribute("RatePerKm", DoubleValue(rk));
            m->SetAttribute("RatePerSecond", DoubleValue(rs));
            return m;
        };
        const double pz = (1 - std::exp(-x)) / 2;
        out = ThroughQubit({deph()}, psi);
        NS_TEST_EXPECT_MSG_EQ_TOL(std::abs(out(0, 1)),
                                  std::abs(rho(0, 1)) * std::exp(-x),
                                  1e-14,
                                  "coherence decays as exp(-(rk L + rs t))");
        NS_TEST_EXPECT_MSG_LT(MaxDiff(out, (1 - pz) * rho + pz * z * rho * z),
                              1e-13,
                              "dephased density matrix");
        m = ThroughMode({deph()});
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(0), 0.0, 1e-15, "Z basis untouched");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(1), pz, 1e-15, "X flip = p");

        // Misalignment: Ry(2 theta) on QUBIT photons, its Pauli twirl on MODE pulses.
        const double theta = 0.23;
        auto mis = [&]() {
            Ptr<PolarizationMisalignmentModel> m = CreateObject<PolarizationMisalignmentModel>();
            m->SetAttribute("AngleRad", DoubleValue(theta));
            return m;
        };
        QMatrix ry(2, 2);
        ry << std::cos(theta), -std::sin(theta), std::sin(theta), std::cos(theta);
        out = ThroughQubit({mis()}, psi);
        NS_TEST_EXPECT_MSG_LT(MaxDiff(out, ry * rho * ry.adjoint()),
                              1e-13,
                              "polarization rotated by theta");
        m = ThroughMode({mis()});
        const double s2 = std::sin(theta) * std::sin(theta);
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetPauliNoise()[0], 1 - s2, 1e-15, "twirl: I weight");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetPauliNoise()[2], s2, 1e-15, "twirl: Y weight");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(0), s2, 1e-15, "e_d in Z");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(1), s2, 1e-15, "e_d in X");

        // Chain order: misalignment then dephasing differs from the reverse;
        // the channel applies the models in the order they were added.
        auto dephase = [&](const QMatrix& r) {
            return QMatrix((1 - pz) * r + pz * z * r * z);
        };
        out = ThroughQubit({mis(), deph()}, psi);
        NS_TEST_EXPECT_MSG_LT(MaxDiff(out, dephase(ry * rho * ry.adjoint())),
                              1e-13,
                              "misalignment, then dephasing");
        out = ThroughQubit({deph(), mis()}, psi);
        NS_TEST_EXPECT_MSG_LT(MaxDiff(out, ry * dephase(rho) * ry.adjoint()),
                              1e-13,
                              "dephasing, then misalignment");
        NS_TEST_EXPECT_MSG_GT(
            MaxDiff(dephase(ry * rho * ry.adjoint()), ry * dephase(rho) * ry.adjoint()),
            1e-3,
            "the two orders differ, so the check above has teeth");
        // MODE pulses compose the Pauli channels: X-basis flip a + b - 2ab.
        m = ThroughMode({depol(), deph()});
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(0), pd / 2, 1e-15, "composed, Z");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetFlipProbability(1),
                                  pd / 2 + pz - 2 * (pd / 2) * pz,
                                  1e-15,
                                  "composed, X");
    }
};

/**
 * @ingroup quantum-tests
 * BB84 error rate of a misaligned link is sin^2(theta) in both bases,
 * measured on QUBIT photons (5 sigma) and exact for MODE pulses.
 */
class ChannelMisalignmentErrorTestCase : public TestCase
{
  public:
    ChannelMisalignmentErrorTestCase()
        : TestCase("misalignment error rate sin^2(theta) in both bases")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        const double theta = 0.35;
        const double ed = std::sin(theta) * std::sin(theta);
        const uint32_t n = 10000;
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->SetDefaultFormalism(QuantumFormalism::STATE_VECTOR);
        reg->AssignStreams(3);
        ChannelTestLink l = MakeFibre(10.0, 0.0, 0.0);
        l.ch->SetAttribute("Registry", PointerValue(reg));
        Ptr<PolarizationMisalignmentModel> mis = CreateObject<PolarizationMisalignmentModel>();
        mis->SetAttribute("AngleRad", DoubleValue(theta));
        l.ch->AddModel(mis);
        l.ch->AssignStreams(4);
        NS_TEST_EXPECT_MSG_EQ_TOL(mis->GetErrorRate(), ed, 1e-15, "GetErrorRate");
        uint32_t errors[2] = {0, 0};
        uint32_t received[2] = {0, 0};
        // Basis 0: |0> measured in Z; basis 1: |+> measured in X.
        auto handler = [&](Ptr<QuantumSignal> s, Ptr<QuantumNetDevice>) {
            const uint8_t b = s->GetTimeBin() % 2;
            const uint32_t out
                = reg->Measure(s->GetQubit(),
                               b == 0 ? MeasurementBasis::ZBasis() : MeasurementBasis::XBasis(),
                               true);
            errors[b] += out;
            ++received[b];
        };
        l.db->RegisterHandler(0,
                              Callback<void, Ptr<QuantumSignal>, Ptr<QuantumNetDevice>>(handler));
        auto make = [reg](uint32_t i) {
            QubitHandle q = reg->CreateQubit();
            if (i % 2 == 1)
            {
                reg->ApplyGate(QuantumGate::Hadamard(), {q});
            }
            return QuantumSignal::CreateQubit(q);
        };
        Simulator::ScheduleNow(&SendTrain, l.da, make, 2 * n, NanoSeconds(1));
        Simulator::Run();
        for (uint8_t b = 0; b < 2; ++b)
        {
            NS_TEST_EXPECT_MSG_EQ(received[b], n, "all photons of basis " << int(b));
            NS_TEST_EXPECT_MSG_EQ_TOL(double(errors[b]) / n,
                                      ed,
                                      5 * quantumtest::BinomialSigma(ed, n),
                                      "error rate in basis " << int(b) << " (5 sigma)");
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Two applications on two ports each get their own signals; a signal for an
 * unbound port is traced as dropped and its qubit discarded.
 */
class ChannelDemultiplexingTestCase : public TestCase
{
  public:
    ChannelDemultiplexingTestCase()
        : TestCase("signals are demultiplexed by quantum port; unbound ports drop")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
        ChannelTestLink l = MakeFibre(1.0, 0.0, 0.0);
        l.ch->AssignStreams(1);
        ChannelTestReceiver app1;
        ChannelTestReceiver app2;
        app1.keepQubits = true;
        app2.keepQubits = true;
        l.db->RegisterHandler(1, MakeCallback(&ChannelTestReceiver::Receive, &app1));
        l.db->RegisterHandler(2, MakeCallback(&ChannelTestReceiver::Receive, &app2));
        std::vector<Ptr<const QuantumSignal>> dropped;
        l.db->TraceConnectWithoutContext(
            "SignalDrop",
            MakeBoundCallback(
                +[](std::vector<Ptr<const QuantumSignal>>* v, Ptr<const QuantumSignal> s) {
                    v->push_back(s);
                },
                &dropped));
        auto make = [reg](uint32_t i) {
            Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(reg->CreateQubit());
            s->SetPort(1 + i % 3); // ports 1, 2, 3 (3 is unbound)
            return s;
        };
        Simulator::ScheduleNow(&SendTrain, l.da, make, 30, NanoSeconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(app1.signals.size(), 10, "port 1 got its 10 photons");
        NS_TEST_EXPECT_MSG_EQ(app2.signals.size(), 10, "port 2 got its 10 photons");
        NS_TEST_EXPECT_MSG_EQ(dropped.size(), 10, "port 3 photons dropped and traced");
        bool own = true;
        for (const auto& s : app1.signals)
        {
            own = own && s->GetPort() == 1 && reg->IsAlive(s->GetQubit());
        }
        for (const auto& s : app2.signals)
        {
            own = own && s->GetPort() == 2 && reg->IsAlive(s->GetQubit());
        }
        NS_TEST_EXPECT_MSG_EQ(own, true, "each handler received only its port, qubits alive");
        bool discarded = true;
        for (const auto& s : dropped)
        {
            discarded = discarded && s->GetPort() == 3 && !reg->IsAlive(s->GetQubit());
        }
        NS_TEST_EXPECT_MSG_EQ(discarded, true, "dropped photons' qubits discarded");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 20, "only the received qubits live on");
        // Binding a taken port is an error.
        QUANTUM_EXPECT_ABORT(
            l.db->RegisterHandler(1, MakeCallback(&ChannelTestReceiver::Receive, &app2)),
            "already bound");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * A lost photon fires SignalLost with its qubit erased (the partner of a
 * Bell pair is left alone, maximally mixed), and is then freed: memory stays
 * bounded however many photons are lost.
 */
class ChannelLostPhotonTestCase : public TestCase
{
  public:
    ChannelLostPhotonTestCase()
        : TestCase("lost photons fire SignalLost, erase their qubit and free it")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(1);
        ChannelTestLink l = MakeFibre(50.0, 0.2, 0.0); // eta = 0.1
        l.ch->SetAttribute("Registry", PointerValue(reg));
        l.ch->AssignStreams(2);
        ChannelTestReceiver rx;
        rx.registry = reg;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));

        struct LossCheck
        {
            Ptr<QuantumStateRegistry> reg;           //!< registry
            std::map<uint64_t, QubitHandle> partner; //!< stored half, by signal id
            uint32_t lost = 0;                       //!< lost photons
            bool erased = true;                      //!< every lost qubit was erased when traced
            bool partnerMixed = true;                //!< every partner was left in I/2, alone
        } check;

        check.reg = reg;
        l.ch->TraceConnectWithoutContext(
            "SignalLost",
            MakeBoundCallback(
                +[](LossCheck* c, Ptr<const QuantumSignal> s) {
                    ++c->lost;
                    c->erased = c->erased && c->reg->IsErased(s->GetQubit());
                    const QubitHandle p = c->partner.at(s->GetId());
                    const QMatrix rho = c->reg->GetDensityMatrix({p});
                    c->partnerMixed = c->partnerMixed && c->reg->GetGroupSize(p) == 1
                                      && MaxDiff(rho, 0.5 * QMatrix::Identity(2, 2)) < 1e-14;
                },
                &check));
        const uint32_t n = 3000;
        std::vector<QubitHandle> stored;
        std::vector<QubitHandle> flying;
        auto make = [&](uint32_t) {
            auto [a, b]
                = reg->CreateBellPair(BellState::PHI_PLUS, QuantumFormalism::DENSITY_MATRIX);
            Ptr<QuantumSignal> s = QuantumSignal::CreateQubit(b);
            check.partner[s->GetId()] = a;
            stored.push_back(a);
            flying.push_back(b);
            return s;
        };
        Simulator::ScheduleNow(&SendTrain, l.da, make, n, NanoSeconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(check.lost + rx.signals.size(), n, "lost + delivered = sent");
        NS_TEST_EXPECT_MSG_EQ_TOL(double(check.lost) / n,
                                  0.9,
                                  5 * quantumtest::BinomialSigma(0.9, n),
                                  "loss fraction 1 - 10^(-1)");
        NS_TEST_EXPECT_MSG_EQ(check.erased, true, "qubit erased when SignalLost fires");
        NS_TEST_EXPECT_MSG_EQ(check.partnerMixed, true, "partner left maximally mixed");
        uint32_t freed = 0;
        for (const auto& q : flying)
        {
            freed += reg->IsAlive(q) ? 0 : 1;
        }
        NS_TEST_EXPECT_MSG_EQ(freed, n, "lost and received photon qubits are freed");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), n, "only the stored halves live on");
        for (const auto& q : stored)
        {
            reg->Discard(q);
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "nothing leaks");
        Simulator::Destroy();

        // A photon whose qubit was erased before sending (a failed emission)
        // is lost even on a lossless fibre, and freed.
        ChannelTestLink ll = MakeFibre(1.0, 0.0, 0.0); // eta = 1
        ll.ch->SetAttribute("Registry", PointerValue(reg));
        ChannelTestReceiver rx2;
        rx2.registry = reg;
        ll.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx2));
        uint32_t erasedLost = 0;
        ll.ch->TraceConnectWithoutContext("SignalLost",
                                          MakeBoundCallback(
                                              +[](uint32_t* c, Ptr<const QuantumSignal>) {
                                                  ++*c;
                                              },
                                              &erasedLost));
        auto makeErased = [&](uint32_t i) {
            const QubitHandle q = reg->CreateQubit(QuantumFormalism::DENSITY_MATRIX);
            if (i % 2 == 0)
            {
                reg->Erase(q);
            }
            return QuantumSignal::CreateQubit(q);
        };
        Simulator::ScheduleNow(&SendTrain, ll.da, makeErased, 10, NanoSeconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(erasedLost, 5, "the 5 erased photons are lost on a lossless fibre");
        NS_TEST_EXPECT_MSG_EQ(rx2.signals.size(), 5, "the 5 intact photons arrive");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "erased photons are freed");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * A channel with three devices needs a destination and delivers only to it.
 */
class ChannelThreeDevicesTestCase : public TestCase
{
  public:
    ChannelThreeDevicesTestCase()
        : TestCase("a channel with three devices requires a destination")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        ChannelTestLink l = MakeFibre(1.0, 0.0, 0.0);
        Ptr<Node> c = CreateObject<Node>();
        Ptr<QuantumNetDevice> dc = CreateObject<QuantumNetDevice>();
        c->AddDevice(dc);
        dc->Attach(l.ch);
        l.ch->AssignStreams(1);
        NS_TEST_EXPECT_MSG_EQ(l.ch->GetNDevices(), 3, "three devices");
        ChannelTestReceiver rb;
        ChannelTestReceiver rc;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rb));
        dc->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rc));
        QUANTUM_EXPECT_ABORT(
            l.da->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0)),
            "name the destination device");
        QUANTUM_EXPECT_ABORT(
            l.da->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0), l.da),
            "cannot send to itself");
        for (int i = 0; i < 3; ++i)
        {
            l.da->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0), dc);
        }
        l.db->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0), dc);
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(rc.signals.size(), 4, "the named destination got its signals");
        NS_TEST_EXPECT_MSG_EQ(rb.signals.size(), 0, "the other device got none");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Free-space transmittance at fixed distances against the closed form (with
 * and without pointing jitter and atmosphere), a hand-computed value,
 * delivered fractions (5 sigma) and the delay z / c.
 */
class FreeSpaceFixedDistanceTestCase : public TestCase
{
  public:
    FreeSpaceFixedDistanceTestCase()
        : TestCase("free-space transmittance and delay at fixed distances")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        const double lambda = 850e-9;
        const double dt = 0.3;
        const double dr = 1.0;

        struct Config
        {
            double sigma;    //!< pointing jitter
            bool atmosphere; //!< atmosphere on
            double il;       //!< insertion loss
        };

        int64_t stream = 50;
        for (const Config& cfg :
             {Config{0.0, false, 0.0}, Config{2e-6, false, 0.0}, Config{1e-6, true, 3.0}})
        {
            for (double elevationDeg : {90.0, 30.0})
            {
                for (double z : {1e4, 1e5, 5e5, 1.2e6})
                {
                    Ptr<FreeSpaceQuantumChannel> ch = CreateObject<FreeSpaceQuantumChannel>();
                    ch->SetAttribute("WavelengthNm", DoubleValue(lambda * 1e9));
                    ch->SetAttribute("TransmitterApertureM", DoubleValue(dt));
                    ch->SetAttribute("ReceiverApertureM", DoubleValue(dr));
                    ch->SetAttribute("PointingJitterRad", DoubleValue(cfg.sigma));
                    ch->SetAttribute("ZenithTransmittance", DoubleValue(0.8));
                    ch->SetAttribute("AtmosphereEnabled", BooleanValue(cfg.atmosphere));
                    ch->SetAttribute("InsertionLossDb", DoubleValue(cfg.il));
                    ChannelTestLink l = Attach(ch);
                    const double el = elevationDeg * M_PI / 180;
                    const Vector ground(100, -50, 20);
                    const Vector sky(ground.x + z * std::cos(el),
                                     ground.y,
                                     ground.z + z * std::sin(el));
                    Ptr<ConstantPositionMobilityModel> ma
                        = CreateObject<ConstantPositionMobilityModel>();
                    Ptr<ConstantPositionMobilityModel> mb
                        = CreateObject<ConstantPositionMobilityModel>();
                    ma->SetPosition(sky); // downlink: satellite sends
                    mb->SetPosition(ground);
                    l.a->AggregateObject(ma);
                    l.b->AggregateObject(mb);
                    stream += ch->AssignStreams(stream);
                    const double zz = CalculateDistance(sky, ground);
                    const double expected = FreeSpaceClosedForm(zz,
                                                                sky.z - ground.z,
                                                                lambda,
                                                                dt,
                                                                dr,
                                                                cfg.sigma,
                                                                0.8,
                                                                cfg.atmosphere,
                                                                cfg.il);
                    NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetTransmittance(l.da, l.db),
                                              expected,
                                              1e-12 * expected,
                                              "closed form at z=" << z << " sigma=" << cfg.sigma
                                                                  << " el=" << elevationDeg);
                    NS_TEST_EXPECT_MSG_EQ(ch->GetPropagationDelay(l.da, l.db),
                                          Seconds(zz / 299792458.0),
                                          "delay z / c");
                    // MODE pulses carry it; deliveries after z / c.
                    ChannelTestReceiver rx;
                    l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
                    Simulator::ScheduleNow(&SendTrain, l.da, ModeMaker(0), 3, NanoSeconds(1));
                    Simulator::Run();
                    NS_TEST_ASSERT_MSG_EQ(rx.signals.size(), 3, "MODE pulses delivered");
                    NS_TEST_EXPECT_MSG_EQ_TOL(rx.signals[2]->GetTransmittance(),
                                              expected,
                                              1e-12 * expected,
                                              "MODE pulse carries the free-space transmittance");
                    NS_TEST_EXPECT_MSG_EQ(rx.times[2],
                                          NanoSeconds(2) + Seconds(zz / 299792458.0),
                                          "arrival at emission + z / c");
                    Simulator::Destroy();
                }
            }
        }

        // Hand-computed anchor (z = 1000 km, lambda = 850 nm, D_T = 0.3 m, D_R = 1 m):
        // z_R = pi 0.15^2 / 850e-9 = 83159.8 m, w = 1.80998 m, eta = 0.1415471;
        // with sigma = 2 urad: w_eff = 4.39045 m, eta = 0.0256054; atmosphere at
        // 30 degrees with T_zenith = 0.8: 0.8^2 = 0.64.
        Ptr<FreeSpaceQuantumChannel> ch = CreateObject<FreeSpaceQuantumChannel>();
        ch->SetAttribute("PointingJitterRad", DoubleValue(0.0));
        NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetBeamRadiusMeters(1e6), 1.80998226, 1e-8, "w(z)");
        NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetCollectionEfficiency(1e6),
                                  0.141547119,
                                  1e-9,
                                  "collected fraction");
        ch->SetAttribute("PointingJitterRad", DoubleValue(2e-6));
        NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetLongTermBeamRadiusMeters(1e6),
                                  4.39044824,
                                  1e-8,
                                  "w_eff(z)");
        NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetCollectionEfficiency(1e6),
                                  0.0256054189,
                                  1e-10,
                                  "collected fraction with jitter");
        NS_TEST_EXPECT_MSG_EQ_TOL(ch->GetAtmosphericTransmittance(M_PI / 6),
                                  0.64,
                                  1e-14,
                                  "atmosphere at 30 degrees");

        // Statistical: QUBIT photons survive with the closed-form probability.
        for (double z : {2e5, 6e5})
        {
            Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
            reg->SetDefaultFormalism(QuantumFormalism::STATE_VECTOR);
            reg->AssignStreams(stream++);
            Ptr<FreeSpaceQuantumChannel> fs = CreateObject<FreeSpaceQuantumChannel>();
            fs->SetAttribute("Registry", PointerValue(reg));
            fs->SetAttribute("PointingJitterRad", DoubleValue(1e-6));
            ChannelTestLink l = Attach(fs);
            Ptr<ConstantPositionMobilityModel> ma = CreateObject<ConstantPositionMobilityModel>();
            Ptr<ConstantPositionMobilityModel> mb = CreateObject<ConstantPositionMobilityModel>();
            ma->SetPosition(Vector(0, 0, z));
            mb->SetPosition(Vector(0, 0, 0));
            l.a->AggregateObject(ma);
            l.b->AggregateObject(mb);
            stream += fs->AssignStreams(stream);
            const double expected
                = FreeSpaceClosedForm(z, z, 850e-9, 0.3, 1.0, 1e-6, 0.8, true, 0.0);
            ChannelTestReceiver rx;
            rx.registry = reg;
            l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
            const uint32_t n = 20000;
            Simulator::ScheduleNow(&SendTrain, l.da, QubitMaker(reg, 0), n, NanoSeconds(1));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ_TOL(double(rx.signals.size()) / n,
                                      expected,
                                      5 * quantumtest::BinomialSigma(expected, n),
                                      "delivered fraction at z=" << z << " (5 sigma)");
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * A satellite on a ConstantVelocityMobilityModel: the transmittance and
 * delay at two send times match the closed form at the two distances.
 */
class FreeSpaceMovingNodesTestCase : public TestCase
{
  public:
    FreeSpaceMovingNodesTestCase()
        : TestCase("free-space loss follows moving nodes")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<FreeSpaceQuantumChannel> ch = CreateObject<FreeSpaceQuantumChannel>();
        ch->SetAttribute("PointingJitterRad", DoubleValue(1.5e-6));
        ch->SetAttribute("ZenithTransmittance", DoubleValue(0.75));
        ChannelTestLink l = Attach(ch);
        // Satellite at 500 km altitude, 600 km west of the station, flying east at 7.6 km/s.
        Ptr<ConstantVelocityMobilityModel> sat = CreateObject<ConstantVelocityMobilityModel>();
        sat->SetPosition(Vector(-600e3, 0, 500e3));
        sat->SetVelocity(Vector(7600, 0, 0));
        Ptr<ConstantPositionMobilityModel> station = CreateObject<ConstantPositionMobilityModel>();
        station->SetPosition(Vector(0, 0, 0));
        l.a->AggregateObject(sat);
        l.b->AggregateObject(station);
        ch->AssignStreams(1);
        ChannelTestReceiver rx;
        l.db->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        const std::vector<Time> sendTimes{Seconds(10), Seconds(70)};
        for (const Time& t : sendTimes)
        {
            Simulator::Schedule(t,
                                &QuantumNetDevice::SendSignal,
                                l.da,
                                QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.5, 0, 0),
                                Ptr<QuantumNetDevice>());
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(rx.signals.size(), 2, "both pulses delivered");
        double previous = -1;
        for (size_t i = 0; i < 2; ++i)
        {
            const double x = -600e3 + 7600 * sendTimes[i].GetSeconds();
            const double z = std::sqrt(x * x + 500e3 * 500e3);
            const double expected
                = FreeSpaceClosedForm(z, 500e3, 850e-9, 0.3, 1.0, 1.5e-6, 0.75, true, 0.0);
            NS_TEST_EXPECT_MSG_EQ_TOL(rx.signals[i]->GetTransmittance(),
                                      expected,
                                      1e-12 * expected,
                                      "transmittance at t=" << sendTimes[i].GetSeconds() << " s");
            NS_TEST_EXPECT_MSG_EQ(rx.times[i],
                                  sendTimes[i] + Seconds(z / 299792458.0),
                                  "arrival at t + z(t)/c");
            NS_TEST_EXPECT_MSG_NE(expected, previous, "the two distances differ");
            previous = expected;
        }
        NS_TEST_EXPECT_MSG_GT(rx.signals[1]->GetTransmittance(),
                              rx.signals[0]->GetTransmittance(),
                              "closer satellite, higher transmittance");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The helper installs devices and channels with fresh model chains in order,
 * and AssignStreams counts each channel once.
 */
class ChannelHelperTestCase : public TestCase
{
  public:
    ChannelHelperTestCase()
        : TestCase("QuantumChannelHelper builds links with their own model chains")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(4);
        QuantumChannelHelper helper;
        helper.SetChannelAttribute("LengthKm", DoubleValue(12.5));
        helper.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(0.0));
        helper.AddModel("ns3::FixedLossModel", "LossDb", DoubleValue(3.0));
        helper.AddModel("ns3::TimingJitterModel",
                        "StdDev",
                        TimeValue(NanoSeconds(50)),
                        "MeanDelay",
                        TimeValue(NanoSeconds(500)));
        helper.AddModel("ns3::DephasingNoiseModel", "RatePerKm", DoubleValue(0.01));
        NS_TEST_EXPECT_MSG_EQ(helper.GetNModels(), 3, "three models");
        NetDeviceContainer d1 = helper.Install(nodes.Get(0), nodes.Get(1));
        NetDeviceContainer d2 = helper.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));
        NS_TEST_EXPECT_MSG_EQ(d1.GetN(), 2, "two devices");
        NS_TEST_EXPECT_MSG_EQ(nodes.Get(0)->GetNDevices(), 1, "device added to node 0");
        NS_TEST_EXPECT_MSG_EQ(d1.Get(0)->GetNode(), nodes.Get(0), "device on node 0");
        Ptr<QuantumChannel> c1 = QuantumChannelHelper::GetChannel(d1.Get(0));
        Ptr<QuantumChannel> c2 = QuantumChannelHelper::GetChannel(d2.Get(1));
        NS_TEST_EXPECT_MSG_EQ(c1, QuantumChannelHelper::GetChannel(d1.Get(1)), "one channel");
        NS_TEST_EXPECT_MSG_NE(c1, c2, "each Install makes its own channel");
        NS_TEST_EXPECT_MSG_EQ(c1->GetLengthMeters(DynamicCast<QuantumNetDevice>(d1.Get(0)),
                                                  DynamicCast<QuantumNetDevice>(d1.Get(1))),
                              12500.0,
                              "channel attribute applied");
        std::vector<std::string> names;
        Ptr<QuantumChannelModel> m1 = c1->GetFirstModel();
        Ptr<QuantumChannelModel> m2 = c2->GetFirstModel();
        for (; m1; m1 = m1->GetNext(), m2 = m2->GetNext())
        {
            names.push_back(m1->GetInstanceTypeId().GetName());
            NS_TEST_EXPECT_MSG_NE(m1, m2, "own model objects per Install");
        }
        NS_TEST_EXPECT_MSG_EQ(names.size(), 3, "three models in the chain");
        NS_TEST_EXPECT_MSG_EQ(names[0], "ns3::FixedLossModel", "FIFO order 1");
        NS_TEST_EXPECT_MSG_EQ(names[1], "ns3::TimingJitterModel", "FIFO order 2");
        NS_TEST_EXPECT_MSG_EQ(names[2], "ns3::DephasingNoiseModel", "FIFO order 3");
        NS_TEST_EXPECT_MSG_EQ_TOL(c1->GetTransmittance(DynamicCast<QuantumNetDevice>(d1.Get(0)),
                                                       DynamicCast<QuantumNetDevice>(d1.Get(1))),
                                  std::pow(10.0, -0.3),
                                  1e-15,
                                  "model attribute applied");
        // AssignStreams: 1 (channel) + 1 (jitter) per channel, each channel once.
        NetDeviceContainer all(d1, d2);
        all.Add(d1.Get(0)); // a duplicate device must not count twice
        NS_TEST_EXPECT_MSG_EQ(QuantumChannelHelper::AssignStreams(all, 10), 4, "streams used");
        // Free-space type.
        QuantumChannelHelper fsHelper;
        fsHelper.SetChannelType("ns3::FreeSpaceQuantumChannel");
        fsHelper.SetChannelAttribute("ReceiverApertureM", DoubleValue(0.5));
        NetDeviceContainer d3 = fsHelper.Install(nodes.Get(0), nodes.Get(2));
        NS_TEST_EXPECT_MSG_EQ(
            bool(DynamicCast<FreeSpaceQuantumChannel>(QuantumChannelHelper::GetChannel(d3.Get(0)))),
            true,
            "free-space channel installed");
        NS_TEST_EXPECT_MSG_EQ(nodes.Get(0)->GetNDevices(), 2, "second device on node 0");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad attribute values and misuse abort with clear messages.
 */
class ChannelBadInputTestCase : public TestCase
{
  public:
    ChannelBadInputTestCase()
        : TestCase("bad attribute values and misuse abort with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        // Through the helper: the message names the type, attribute, value and range.
        QUANTUM_EXPECT_ABORT(
            QuantumChannelHelper().AddModel("ns3::FixedLossModel", "LossDb", DoubleValue(-1.0)),
            "attribute 'LossDb' of ns3::FixedLossModel cannot take the value -1");
        QUANTUM_EXPECT_ABORT(
            QuantumChannelHelper().AddModel("ns3::FixedLossModel", "LossDb", DoubleValue(-1.0)),
            "[0, 1000]");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::DepolarizingNoiseModel",
                                                             "RatePerKm",
                                                             DoubleValue(-0.5)),
                             "'RatePerKm' of ns3::DepolarizingNoiseModel cannot take the value");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::DephasingNoiseModel",
                                                             "RatePerSecond",
                                                             DoubleValue(std::nan(""))),
                             "'RatePerSecond' of ns3::DephasingNoiseModel cannot take the value");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::PolarizationMisalignmentModel",
                                                             "AngleRad",
                                                             DoubleValue(4.0)),
                             "[-pi, pi]");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::TimingJitterModel",
                                                             "StdDev",
                                                             TimeValue(NanoSeconds(-1))),
                             "'StdDev' of ns3::TimingJitterModel cannot take the value");
        QUANTUM_EXPECT_ABORT(
            QuantumChannelHelper().AddModel("ns3::FixedLossModel", "LossDB", DoubleValue(1.0)),
            "ns3::FixedLossModel has no attribute 'LossDB'");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::NoSuchModel"),
                             "unknown type 'ns3::NoSuchModel'");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().AddModel("ns3::QuantumChannel"),
                             "is not a subclass of ns3::QuantumChannelModel");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper().SetChannelType("ns3::FixedLossModel"),
                             "is not a subclass of ns3::QuantumChannel");
        {
            QuantumChannelHelper h;
            QUANTUM_EXPECT_ABORT(h.SetChannelAttribute("LengthKm", DoubleValue(-3)),
                                 "attribute 'LengthKm' of ns3::QuantumChannel cannot take");
            h.SetChannelType("ns3::FreeSpaceQuantumChannel");
            QUANTUM_EXPECT_ABORT(h.SetChannelAttribute("ReceiverApertureM", DoubleValue(0.0)),
                                 "'ReceiverApertureM' of ns3::FreeSpaceQuantumChannel");
            QUANTUM_EXPECT_ABORT(h.SetChannelAttribute("ZenithTransmittance", DoubleValue(1.5)),
                                 "in [0, 1]");
            h.SetChannelAttribute("ReceiverApertureM", DoubleValue(0.4));
            QUANTUM_EXPECT_ABORT(h.SetChannelType("ns3::QuantumChannel"),
                                 "attribute 'ReceiverApertureM', set earlier, does not exist");
        }
        // Direct SetAttribute: ns-3's own checker message names the attribute and type.
        QUANTUM_EXPECT_ABORT(
            CreateObject<FixedLossModel>()->SetAttribute("LossDb", DoubleValue(2000.0)),
            "name=LossDb");
        QUANTUM_EXPECT_ABORT(
            CreateObject<FreeSpaceQuantumChannel>()->SetAttribute("PointingJitterRad",
                                                                  DoubleValue(-1e-6)),
            "name=PointingJitterRad");
        // Install on other than two nodes.
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer three;
                three.Create(3);
                QuantumChannelHelper().Install(three);
            },
            "a quantum link joins exactly 2 nodes, got 3");
        QUANTUM_EXPECT_ABORT(QuantumChannelHelper::GetChannel(Ptr<NetDevice>()),
                             "not a QuantumNetDevice");
        // Free space without mobility.
        QUANTUM_EXPECT_ABORT(
            {
                ChannelTestLink l = Attach(CreateObject<FreeSpaceQuantumChannel>());
                l.da->SendSignal(QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0));
            },
            "has no MobilityModel");
        // Attaching a device twice, sending unattached.
        QUANTUM_EXPECT_ABORT(
            {
                ChannelTestLink l = MakeFibre(1, 0.2, 0);
                l.ch->AddDevice(l.da);
            },
            "already attached");
        QUANTUM_EXPECT_ABORT(CreateObject<QuantumNetDevice>()->SendSignal(
                                 QuantumSignal::CreateMode(QuantumSignal::POISSON, 0.1, 0, 0)),
                             "is not attached to a channel");
        // A non-Clifford misalignment on a stabilizer photon is refused by the state engine.
        QUANTUM_EXPECT_ABORT(
            {
                Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
                ChannelTestLink l = MakeFibre(1, 0, 0);
                l.ch->SetAttribute("Registry", PointerValue(reg));
                Ptr<PolarizationMisalignmentModel> m
                    = CreateObject<PolarizationMisalignmentModel>();
                m->SetAttribute("AngleRad", DoubleValue(0.1));
                l.ch->AddModel(m);
                l.da->SendSignal(
                    QuantumSignal::CreateQubit(reg->CreateQubit(QuantumFormalism::STABILIZER)));
            },
            "Stabilizer");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Same run and streams give the same delivered set; another run gives
 * another one.
 */
class ChannelStreamsTestCase : public TestCase
{
  public:
    ChannelStreamsTestCase()
        : TestCase("AssignStreams makes runs reproducible and runs independent")
    {
    }

  private:
    /**
     * @param run RngRun
     * @return time bins delivered, and their arrival times
     */
    std::pair<std::vector<uint64_t>, std::vector<Time>> RunOnce(uint32_t run)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(run);
        NodeContainer nodes;
        nodes.Create(2);
        QuantumChannelHelper helper;
        helper.SetChannelAttribute("LengthKm", DoubleValue(15.0));
        helper.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(0.2)); // eta = 0.5
        helper.AddModel("ns3::TimingJitterModel", "StdDev", TimeValue(NanoSeconds(100)));
        NetDeviceContainer devices = helper.Install(nodes);
        helper.AssignStreams(devices, 20);
        Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
        reg->AssignStreams(5);
        ChannelTestReceiver rx;
        rx.registry = reg;
        Ptr<QuantumNetDevice> tx = DynamicCast<QuantumNetDevice>(devices.Get(0));
        DynamicCast<QuantumNetDevice>(devices.Get(1))
            ->RegisterHandler(0, MakeCallback(&ChannelTestReceiver::Receive, &rx));
        Simulator::ScheduleNow(&SendTrain, tx, QubitMaker(reg, 0), 400, MicroSeconds(1));
        Simulator::Run();
        std::vector<uint64_t> bins;
        for (const auto& s : rx.signals)
        {
            bins.push_back(s->GetTimeBin());
        }
        Simulator::Destroy();
        return {bins, rx.times};
    }

    void DoRun() override
    {
        auto a = RunOnce(1);
        auto b = RunOnce(1);
        auto c = RunOnce(2);
        NS_TEST_EXPECT_MSG_EQ((a.first == b.first), true, "same run: same delivered photons");
        NS_TEST_EXPECT_MSG_EQ((a.second == b.second), true, "same run: same arrival times");
        NS_TEST_EXPECT_MSG_EQ((a.first == c.first), false, "another run: other photons");
        // The two runs agree on whether a photon arrived about as often as
        // independent draws would: P(agree) = eta^2 + (1 - eta)^2 = 0.5.
        std::set<uint64_t> sa(a.first.begin(), a.first.end());
        std::set<uint64_t> sc(c.first.begin(), c.first.end());
        uint32_t agree = 0;
        for (uint64_t i = 0; i < 400; ++i)
        {
            agree += (sa.count(i) == sc.count(i)) ? 1 : 0;
        }
        const double eta = std::pow(10.0, -0.3);
        const double pAgree = eta * eta + (1 - eta) * (1 - eta);
        NS_TEST_EXPECT_MSG_EQ_TOL(agree / 400.0,
                                  pAgree,
                                  5 * quantumtest::BinomialSigma(pAgree, 400),
                                  "runs are independent (5 sigma)");
    }
};

/**
 * @ingroup quantum-tests
 * The channel test suite.
 */
class QuantumChannelTestSuite : public TestSuite
{
  public:
    QuantumChannelTestSuite()
        : TestSuite("quantum-channel", Type::UNIT)
    {
        AddTestCase(new ChannelLossVsDistanceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelDelayExactTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelModeTransmittanceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelFifoUnderJitterTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelJitterStatisticsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelNoiseModelsTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelMisalignmentErrorTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelDemultiplexingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelLostPhotonTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelThreeDevicesTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new FreeSpaceFixedDistanceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new FreeSpaceMovingNodesTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelHelperTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new ChannelStreamsTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumChannelTestSuite g_quantumChannelTestSuite;
