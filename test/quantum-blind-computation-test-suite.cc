/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Universal blind quantum computation (Broadbent, Fitzsimons, Kashefi, FOCS
// 2009, arXiv:0807.4154, protocol 1) end to end over a quantum channel and a
// UDP network: correctness against the logical circuit, blindness of the
// angles (chi-square), loss handling, dephasing and memory decay against
// closed forms, bad inputs.

#include "quantum-test-utils.h"

#include "ns3/blind-computation-helper.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/quantum-channel-helper.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <array>
#include <cmath>

using namespace ns3;

namespace
{

/**
 * Chi-square threshold for 7 degrees of freedom at a false-alarm probability
 * of 1e-4 (upper 0.9999 quantile of chi^2_7, e.g. Abramowitz & Stegun table
 * 26.8): a correct implementation fails a given check with probability 1e-4;
 * the seeds are fixed, so the outcome is reproducible.
 */
const double CHI2_7_THRESHOLD = 29.88;

/** One scenario of the test. */
struct BqcConfig
{
    BlindComputationPattern pattern; //!< the computation
    uint32_t shots = 1;              //!< shots
    double lengthKm = 1.0;           //!< fibre length (quantum and classical)
    double lossDb = 0.0;             //!< fixed channel loss
    double dephasingPerKm = 0.0;     //!< channel dephasing rate
    Time memoryT2 = Seconds(0);      //!< server memory T2 (0: ideal memory)
    uint32_t run = 1;                //!< RngRun
};

/** What a scenario produced. */
struct BqcResult
{
    uint32_t done = 0;                    //!< shots completed
    uint32_t correct = 0;                 //!< correct shots
    uint32_t failed = 0;                  //!< abandoned shots
    uint64_t sent = 0;                    //!< photons sent
    uint64_t lost = 0;                    //!< photons lost
    std::vector<uint64_t> counts;         //!< result histogram
    std::array<uint64_t, 8> deltaHist{};  //!< server-side delta histogram, all qubits
    std::array<uint64_t, 8> deltaHist0{}; //!< server-side delta histogram, qubit 0
    uint64_t outcomes = 0;                //!< outcomes the server returned
    uint64_t outcomeOnes = 0;             //!< of which 1
    std::vector<double> storageSum;       //!< per shot: sum of storage times of the parity set
    std::vector<uint32_t> paritySet;      //!< qubits whose storage enters storageSum
    uint32_t mismatchedAngles = 0;        //!< client AngleSent != server DeltaReceived
    std::vector<uint8_t> clientDeltas;    //!< deltas the client sent, in order
    std::vector<uint8_t> serverDeltas;    //!< deltas the server saw, in order
};

/**
 * @param r result
 * @param shot shot
 * @param index qubit
 * @param delta delta index
 */
void
OnServerDelta(BqcResult* r, uint32_t shot, uint32_t index, uint8_t delta)
{
    ++r->deltaHist[delta];
    if (index == 0)
    {
        ++r->deltaHist0[delta];
    }
    r->serverDeltas.push_back(delta);
}

/**
 * @param r result
 * @param shot shot
 * @param index qubit
 * @param delta delta index
 */
void
OnClientAngle(BqcResult* r, uint32_t shot, uint32_t index, uint8_t delta)
{
    r->clientDeltas.push_back(delta);
}

/**
 * @param r result
 * @param shot shot
 * @param index qubit
 * @param outcome outcome
 * @param storage storage time
 */
void
OnMeasured(BqcResult* r, uint32_t shot, uint32_t index, uint8_t outcome, Time storage)
{
    ++r->outcomes;
    r->outcomeOnes += outcome;
    if (r->storageSum.size() <= shot)
    {
        r->storageSum.resize(shot + 1, 0.0);
    }
    for (uint32_t q : r->paritySet)
    {
        if (q == index)
        {
            r->storageSum[shot] += storage.GetSeconds();
        }
    }
}

/**
 * Run one scenario: two nodes, a point-to-point link (delay 5 us/km) and a
 * fibre of the same length without attenuation (loss only from lossDb).
 * @param c configuration
 * @param paritySet qubits whose storage times are summed per shot
 * @return the result
 */
BqcResult
RunBqc(const BqcConfig& c, const std::vector<uint32_t>& paritySet = {})
{
    RngSeedManager::SetSeed(20091025);
    RngSeedManager::SetRun(c.run);
    BqcResult r;
    r.paritySet = paritySet;
    NodeContainer nodes;
    nodes.Create(2);
    const Time oneWay = MicroSeconds(5) * c.lengthKm;
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(oneWay));
    NetDeviceContainer ip = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = addresses.Assign(ip);

    QuantumChannelHelper qch;
    qch.SetChannelAttribute("LengthKm", DoubleValue(c.lengthKm));
    qch.SetChannelAttribute("AttenuationDbPerKm", DoubleValue(0.0));
    if (c.lossDb > 0)
    {
        qch.AddModel("ns3::FixedLossModel", "LossDb", DoubleValue(c.lossDb));
    }
    if (c.dephasingPerKm > 0)
    {
        qch.AddModel("ns3::DephasingNoiseModel", "RatePerKm", DoubleValue(c.dephasingPerKm));
    }
    NetDeviceContainer qdev = qch.Install(nodes.Get(0), nodes.Get(1));

    BlindComputationHelper bqc;
    bqc.SetPattern(c.pattern);
    bqc.SetClientAttribute("Shots", UintegerValue(c.shots));
    bqc.SetClientAttribute("AckTimeout", TimeValue(4 * oneWay + MicroSeconds(20)));
    Ptr<QuantumMemory> memory;
    if (c.memoryT2.IsStrictlyPositive())
    {
        memory = CreateObject<QuantumMemory>();
        memory->SetAttribute("NumSlots", UintegerValue(c.pattern.GetNumQubits()));
        memory->SetAttribute("T2", TimeValue(c.memoryT2));
        bqc.SetServerAttribute("Memory", PointerValue(memory));
    }
    ApplicationContainer apps = bqc.Install(nodes.Get(0), nodes.Get(1), ifs.GetAddress(1));
    apps.Start(Seconds(0.001));

    int64_t stream = 100;
    stream += QuantumChannelHelper::AssignStreams(qdev, stream);
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    stream += BlindComputationHelper::AssignStreams(apps, stream);
    if (memory)
    {
        stream += memory->AssignStreams(stream);
    }

    Ptr<BlindComputationClient> client = DynamicCast<BlindComputationClient>(apps.Get(0));
    Ptr<BlindComputationServer> server = DynamicCast<BlindComputationServer>(apps.Get(1));
    server->TraceConnectWithoutContext("DeltaReceived", MakeBoundCallback(&OnServerDelta, &r));
    server->TraceConnectWithoutContext("Measured", MakeBoundCallback(&OnMeasured, &r));
    client->TraceConnectWithoutContext("AngleSent", MakeBoundCallback(&OnClientAngle, &r));
    Simulator::Run();
    r.done = client->GetShotsDone();
    r.correct = client->GetShotsCorrect();
    r.failed = client->GetShotsFailed();
    r.sent = client->GetQubitsSent();
    r.lost = client->GetPhotonsLost();
    r.counts = client->GetResultCounts();
    r.mismatchedAngles = (r.clientDeltas == r.serverDeltas) ? 0 : 1;
    Simulator::Destroy();
    return r;
}

/**
 * @param h a histogram over the 8 angles
 * @return Pearson's chi-square statistic against the uniform distribution
 */
double
ChiSquareUniform(const std::array<uint64_t, 8>& h)
{
    double n = 0;
    for (uint64_t x : h)
    {
        n += x;
    }
    const double e = n / 8.0;
    double chi2 = 0;
    for (uint64_t x : h)
    {
        chi2 += (x - e) * (x - e) / e;
    }
    return chi2;
}

/**
 * @param a a histogram
 * @param b another
 * @return chi-square statistic of the 2 x 8 homogeneity test (7 dof)
 */
double
ChiSquareHomogeneity(const std::array<uint64_t, 8>& a, const std::array<uint64_t, 8>& b)
{
    double na = 0;
    double nb = 0;
    for (int k = 0; k < 8; ++k)
    {
        na += a[k];
        nb += b[k];
    }
    double chi2 = 0;
    for (int k = 0; k < 8; ++k)
    {
        const double col = a[k] + b[k];
        if (col == 0)
        {
            continue;
        }
        const double ea = col * na / (na + nb);
        const double eb = col * nb / (na + nb);
        chi2 += (a[k] - ea) * (a[k] - ea) / ea + (b[k] - eb) * (b[k] - eb) / eb;
    }
    return chi2;
}

/**
 * @ingroup quantum-tests
 * Deterministic computations with ideal parts: every shot equals the
 * logical circuit's output.
 */
class BqcCorrectnessTestCase : public TestCase
{
  public:
    BqcCorrectnessTestCase()
        : TestCase("deterministic computations are right every shot")
    {
    }

  private:
    void DoRun() override
    {
        // Rotation chains: output |+_{-S}> measured in X, S = sum k_j pi/4;
        // result 0 when S = 0 mod 2 pi, 1 when S = pi mod 2 pi.
        struct Case
        {
            std::vector<uint8_t> k; //!< rotation indices
            uint32_t expected;      //!< ideal result
        };

        const std::vector<Case> cases
            = {{{3, 5}, 0}, {{1, 3}, 1}, {{1, 2, 5}, 0}, {{7, 6, 3}, 0}, {{2, 2}, 1}};
        for (const auto& cs : cases)
        {
            BqcConfig c;
            c.pattern = BlindComputationPattern::RotationChain(cs.k);
            c.shots = 40;
            BqcResult r = RunBqc(c);
            NS_TEST_EXPECT_MSG_EQ(r.done, 40u, c.pattern.GetName() << ": shots completed");
            NS_TEST_EXPECT_MSG_EQ(r.correct, 40u, c.pattern.GetName() << ": correct shots");
            NS_TEST_EXPECT_MSG_EQ(r.counts[cs.expected], 40u, c.pattern.GetName() << ": result");
            NS_TEST_EXPECT_MSG_EQ(r.lost, 0u, "no loss without loss models");
            NS_TEST_EXPECT_MSG_EQ(r.mismatchedAngles, 0u, "server sees the angles the client sent");
        }
        // CNOT on the four classical inputs: result = a + 2 (a XOR b).
        for (uint32_t a = 0; a < 2; ++a)
        {
            for (uint32_t b = 0; b < 2; ++b)
            {
                BqcConfig c;
                c.pattern = BlindComputationPattern::Cnot(a, b);
                c.shots = 40;
                c.run = 2 + 2 * a + b;
                BqcResult r = RunBqc(c);
                NS_TEST_EXPECT_MSG_EQ(r.done, 40u, c.pattern.GetName() << ": shots completed");
                NS_TEST_EXPECT_MSG_EQ(r.counts[a + 2 * (a ^ b)],
                                      40u,
                                      c.pattern.GetName() << ": every shot gives (a, a XOR b)");
            }
        }
    }
};

/**
 * @ingroup quantum-tests
 * A non-deterministic computation: the output distribution equals the ideal
 * one within 5 sigma.
 */
class BqcDistributionTestCase : public TestCase
{
  public:
    BqcDistributionTestCase()
        : TestCase("output distribution of a non-Clifford rotation")
    {
    }

  private:
    void DoRun() override
    {
        // RotationChain({1}): |+> rotated by -pi/4, measured in X:
        // P(0) = cos^2(pi/8) = 0.853553.
        BqcConfig c;
        c.pattern = BlindComputationPattern::RotationChain({1});
        c.shots = 3000;
        BqcResult r = RunBqc(c);
        const double p0 = std::pow(std::cos(M_PI / 8), 2);
        NS_TEST_EXPECT_MSG_EQ_TOL(c.pattern.GetIdealDistribution()[0], p0, 1e-12, "ideal P(0)");
        NS_TEST_ASSERT_MSG_EQ(r.done, 3000u, "shots completed");
        const double phat = double(r.counts[0]) / r.done;
        const double sigma = quantumtest::BinomialSigma(p0, r.done);
        NS_TEST_EXPECT_MSG_EQ_TOL(phat, p0, 5 * sigma, "P(0) = cos^2(pi/8)");
        // And with three rotations summing to 3 pi/4: P(0) = cos^2(3 pi/8).
        c.pattern = BlindComputationPattern::RotationChain({1, 1, 1});
        c.shots = 2000;
        r = RunBqc(c);
        const double q0 = std::pow(std::cos(3 * M_PI / 8), 2);
        const double qhat = double(r.counts[0]) / r.done;
        NS_TEST_EXPECT_MSG_EQ_TOL(qhat,
                                  q0,
                                  5 * quantumtest::BinomialSigma(q0, r.done),
                                  "P(0) = cos^2(3 pi/8)");
    }
};

/**
 * @ingroup quantum-tests
 * Lost photons are detected by the missing ACK and resent; results stay
 * right; the loss fraction equals 1 - eta.
 */
class BqcLossTestCase : public TestCase
{
  public:
    BqcLossTestCase()
        : TestCase("lost photons are resent and the results stay right")
    {
    }

  private:
    void DoRun() override
    {
        // 3 dB fixed loss: eta = 10^(-0.3) = 0.501187.  Each sent photon is
        // lost independently with probability 1 - eta, so lost / sent is a
        // binomial proportion (the last photon of each qubit is the one that
        // arrived: sent = stored + lost).
        BqcConfig c;
        c.pattern = BlindComputationPattern::Cnot(1, 0);
        c.shots = 200;
        c.lossDb = 3.0;
        BqcResult r = RunBqc(c);
        NS_TEST_EXPECT_MSG_EQ(r.done, 200u, "all shots completed despite loss");
        NS_TEST_EXPECT_MSG_EQ(r.correct, 200u, "every shot right");
        NS_TEST_EXPECT_MSG_EQ(r.counts[1 + 2], 200u, "CNOT(1,0) = (1,1)");
        NS_TEST_EXPECT_MSG_EQ(r.sent - r.lost, 200u * 6, "one stored photon per qubit");
        const double eta = std::pow(10.0, -0.3);
        const double lossFraction = double(r.lost) / r.sent;
        NS_TEST_EXPECT_MSG_EQ_TOL(lossFraction,
                                  1 - eta,
                                  5 * quantumtest::BinomialSigma(1 - eta, r.sent),
                                  "lost fraction = 1 - eta");
    }
};

/**
 * @ingroup quantum-tests
 * Blindness: the angles the server receives are uniform over the 8 values
 * whatever the computation, and their distribution does not depend on phi.
 */
class BqcBlindnessTestCase : public TestCase
{
  public:
    BqcBlindnessTestCase()
        : TestCase("the server's angles are uniform and independent of the computation")
    {
    }

  private:
    void DoRun() override
    {
        // delta = phi' + theta + r pi with theta uniform over 8 values: for
        // any phi', delta is uniform (BFK 2009, theorem 3 / lemma 5).
        // Pearson chi-square against uniform, 7 dof, threshold 29.88
        // (false-alarm probability 1e-4).
        BqcConfig a;
        a.pattern = BlindComputationPattern::RotationChain({1, 3});
        a.shots = 500; // 2500 angles
        BqcResult ra = RunBqc(a);
        BqcConfig b;
        b.pattern = BlindComputationPattern::Cnot(1, 1);
        b.shots = 400; // 2400 angles
        b.run = 7;
        BqcResult rb = RunBqc(b);
        const double chiA = ChiSquareUniform(ra.deltaHist);
        const double chiB = ChiSquareUniform(rb.deltaHist);
        NS_TEST_EXPECT_MSG_LT(chiA, CHI2_7_THRESHOLD, "rotation chain: deltas uniform");
        NS_TEST_EXPECT_MSG_LT(chiB, CHI2_7_THRESHOLD, "CNOT: deltas uniform");
        NS_TEST_EXPECT_MSG_EQ(ra.mismatchedAngles + rb.mismatchedAngles, 0u, "angles delivered");
        // The two computations' angle histograms are the same distribution
        // (2 x 8 homogeneity test, 7 dof, same threshold).
        NS_TEST_EXPECT_MSG_LT(ChiSquareHomogeneity(ra.deltaHist, rb.deltaHist),
                              CHI2_7_THRESHOLD,
                              "angle histograms of two computations agree");
        // The same qubit measured at phi = pi/4 and at phi = 3 pi/2: the
        // distribution of delta_0 does not depend on phi_0.
        BqcConfig p1;
        p1.pattern = BlindComputationPattern::RotationChain({1});
        p1.shots = 2000;
        BqcResult r1 = RunBqc(p1);
        BqcConfig p2 = p1;
        p2.pattern = BlindComputationPattern::RotationChain({6});
        p2.run = 3;
        BqcResult r2 = RunBqc(p2);
        NS_TEST_EXPECT_MSG_LT(ChiSquareUniform(r1.deltaHist0), CHI2_7_THRESHOLD, "phi = pi/4");
        NS_TEST_EXPECT_MSG_LT(ChiSquareUniform(r2.deltaHist0), CHI2_7_THRESHOLD, "phi = 3pi/2");
        NS_TEST_EXPECT_MSG_LT(ChiSquareHomogeneity(r1.deltaHist0, r2.deltaHist0),
                              CHI2_7_THRESHOLD,
                              "delta_0 histograms for two phi agree");
        // The outcomes the server returns are uniform too (b = s XOR r).
        const double fb = double(ra.outcomeOnes) / ra.outcomes;
        NS_TEST_EXPECT_MSG_EQ_TOL(fb,
                                  0.5,
                                  5 * quantumtest::BinomialSigma(0.5, ra.outcomes),
                                  "outcomes uniform");
    }
};

/**
 * @ingroup quantum-tests
 * Channel dephasing: success probability against the closed form.
 */
class BqcDephasingTestCase : public TestCase
{
  public:
    BqcDephasingTestCase()
        : TestCase("channel dephasing lowers the success probability as predicted")
    {
    }

  private:
    void DoRun() override
    {
        // Pattern: RotationChain({0, 0}), 5 qubits, all angles 0, ideal
        // result 0.  A Z error on qubit i before the measurement flips its
        // outcome label (Z|+_a> = |-_a>) and nothing else, for every theta.
        // With Pauli angles (0, pi) the X dependencies only change the sign
        // of 0 or pi, so the decoded output is the parity raw_0 + raw_2 +
        // raw_4 of the physical X outcomes (stabilizer K_0 K_2 K_4 = X_0 X_2
        // X_4): it is wrong iff an odd number of qubits 0, 2, 4 dephased.
        // The DephasingNoiseModel flips with p = (1 - exp(-gamma L))/2 per
        // photon (Z noise commutes with CZ), so
        //   P(success) = (1 + (1 - 2p)^3)/2 = (1 + exp(-3 gamma L))/2.
        // Monotonic in gamma; checked at three rates.
        const double lengthKm = 10.0;
        double previous = 1.0;
        for (double gamma : {0.0, 0.01, 0.03})
        {
            BqcConfig c;
            c.pattern = BlindComputationPattern::RotationChain({0, 0});
            c.shots = 2000;
            c.lengthKm = lengthKm;
            c.dephasingPerKm = gamma;
            BqcResult r = RunBqc(c);
            const double expected = 0.5 * (1 + std::exp(-3 * gamma * lengthKm));
            const double success = double(r.correct) / r.done;
            NS_TEST_ASSERT_MSG_EQ(r.done, 2000u, "shots completed");
            NS_TEST_EXPECT_MSG_EQ_TOL(success,
                                      expected,
                                      5 * quantumtest::BinomialSigma(expected, r.done) + 1e-12,
                                      "P(success) = (1 + exp(-3 gamma L))/2 at gamma = " << gamma);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(success, previous, "monotonic in gamma");
            previous = success;
        }
    }
};

/**
 * @ingroup quantum-tests
 * Memory dephasing while the qubits wait: success against the closed form
 * computed from each shot's storage times.
 */
class BqcMemoryDecayTestCase : public TestCase
{
  public:
    BqcMemoryDecayTestCase()
        : TestCase("memory decay lowers the success probability as predicted")
    {
    }

  private:
    void DoRun() override
    {
        // Same pattern and argument as the dephasing test.  A memory with
        // T1 = infinity and T2 multiplies the coherence of a qubit stored
        // for t by exp(-t/T2) (QuantumMemory, KrausChannel::MemoryDecay):
        // dephasing with 1 - 2p = exp(-t/T2).  CZ commutes with it, so
        //   P(success) = (1 + exp(-(t_0 + t_2 + t_4)/T2))/2
        // with t_i the storage time of qubit i (traced by the server).
        const double lengthKm = 20.0;
        double previous = 1.0;
        for (double t2us : {30000.0, 6000.0, 2000.0})
        {
            BqcConfig c;
            c.pattern = BlindComputationPattern::RotationChain({0, 0});
            c.shots = 2000;
            c.lengthKm = lengthKm;
            c.memoryT2 = MicroSeconds(t2us);
            BqcResult r = RunBqc(c, {0, 2, 4});
            NS_TEST_ASSERT_MSG_EQ(r.done, 2000u, "shots completed");
            double expected = 0;
            for (double t : r.storageSum)
            {
                expected += 0.5 * (1 + std::exp(-t / (t2us * 1e-6)));
            }
            expected /= r.storageSum.size();
            const double success = double(r.correct) / r.done;
            NS_TEST_EXPECT_MSG_EQ_TOL(success,
                                      expected,
                                      5 * quantumtest::BinomialSigma(expected, r.done),
                                      "P(success) from storage times at T2 = " << t2us << " us");
            NS_TEST_EXPECT_MSG_LT(success, previous, "decreases with T2");
            NS_TEST_EXPECT_MSG_LT(expected, 0.99, "the decay is significant");
            previous = success;
        }
    }
};

/**
 * @ingroup quantum-tests
 * Replications: the same RngRun repeats a run exactly; another run gives
 * other secret angles (independent streams).
 */
class BqcReplicationTestCase : public TestCase
{
  public:
    BqcReplicationTestCase()
        : TestCase("the same run repeats exactly and another run differs")
    {
    }

  private:
    void DoRun() override
    {
        BqcConfig c;
        c.pattern = BlindComputationPattern::RotationChain({1});
        c.shots = 200;
        c.lossDb = 1.0;
        const BqcResult a = RunBqc(c);
        const BqcResult b = RunBqc(c);
        c.run = 2;
        const BqcResult d = RunBqc(c);
        NS_TEST_EXPECT_MSG_EQ((a.serverDeltas == b.serverDeltas), true, "same run, same angles");
        NS_TEST_EXPECT_MSG_EQ(a.counts[0], b.counts[0], "same run, same results");
        NS_TEST_EXPECT_MSG_EQ(a.lost, b.lost, "same run, same losses");
        NS_TEST_ASSERT_MSG_EQ(a.serverDeltas.size(), d.serverDeltas.size(), "600 angles each");
        // Two independent uniform sequences of 600 angles agree in about
        // 600/8 = 75 places (binomial, sigma = 8.1); a copy or a shifted copy
        // would agree in (nearly) all of them.
        uint32_t same = 0;
        for (std::size_t i = 0; i < a.serverDeltas.size(); ++i)
        {
            same += a.serverDeltas[i] == d.serverDeltas[i] ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(double(same),
                                  600.0 / 8,
                                  5 * 600 * quantumtest::BinomialSigma(1.0 / 8, 600),
                                  "another run: independent angles");
    }
};

/**
 * @ingroup quantum-tests
 * Bad inputs abort with clear messages.
 */
class BqcBadInputTestCase : public TestCase
{
  public:
    BqcBadInputTestCase()
        : TestCase("bad patterns and configurations abort")
    {
    }

  private:
    void DoRun() override
    {
        using Edge = BlindComputationPattern::Edge;
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern(3, {Edge(0, 1), Edge(1, 2)}, {0, 0}, {1, 2, -1}),
            "2 measurement angles for 3 qubits");
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern(3, {Edge(0, 1), Edge(1, 2)}, {0, 0, 0}, {1, -1}),
            "2 flow entries for 3 qubits");
        QUANTUM_EXPECT_ABORT(BlindComputationPattern(2, {Edge(0, 1)}, {0, 9}, {1, -1}),
                             "angle index 9 of qubit 1 is outside the valid range [0, 7]");
        QUANTUM_EXPECT_ABORT(BlindComputationPattern(2, {Edge(0, 5)}, {0, 0}, {1, -1}),
                             "names a qubit outside [0, 1]");
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern(3, {Edge(0, 1), Edge(1, 2)}, {0, 0, 0}, {2, 2, -1}),
            "is not a neighbour of 0");
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern(3, {Edge(0, 1), Edge(1, 2)}, {0, 0, 0}, {1, 0, -1}),
            "must be a later qubit");
        // f(1) = 2 has neighbour 0, measured before 1: no flow.
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern(3, {Edge(0, 2), Edge(1, 2)}, {0, 0, 0}, {2, 2, -1}),
            "no flow");
        QUANTUM_EXPECT_ABORT(BlindComputationPattern::RotationChain({}), "no rotation angle");
        QUANTUM_EXPECT_ABORT(BlindComputationPattern::Cnot(2, 0), "must be bits");
        QUANTUM_EXPECT_ABORT(
            BlindComputationPattern::RotationChain({1}).SetIdealDistribution({1.0}),
            "ideal distribution has 1 entries");
        // A server memory smaller than the graph.
        QUANTUM_EXPECT_ABORT(
            {
                BqcConfig c;
                c.pattern = BlindComputationPattern::Cnot(0, 0);
                c.memoryT2 = Seconds(1);
                NodeContainer nodes;
                nodes.Create(2);
                PointToPointHelper p2p;
                NetDeviceContainer ip = p2p.Install(nodes);
                InternetStackHelper internet;
                internet.Install(nodes);
                Ipv4AddressHelper addresses;
                addresses.SetBase("10.1.1.0", "255.255.255.0");
                Ipv4InterfaceContainer ifs = addresses.Assign(ip);
                QuantumChannelHelper qch;
                qch.Install(nodes.Get(0), nodes.Get(1));
                Ptr<QuantumMemory> memory = CreateObject<QuantumMemory>();
                memory->SetAttribute("NumSlots", UintegerValue(2));
                BlindComputationHelper bqc;
                bqc.SetPattern(c.pattern);
                bqc.SetServerAttribute("Memory", PointerValue(memory));
                bqc.Install(nodes.Get(0), nodes.Get(1), ifs.GetAddress(1));
                Simulator::Run();
            },
            "free slots but the graph of shot 0 needs 6");
        // A client without a computation, and a node without an optical port.
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(1);
                Ptr<BlindComputationClient> client = CreateObject<BlindComputationClient>();
                nodes.Get(0)->AddApplication(client);
                Simulator::Run();
            },
            "no computation; call SetPattern");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(2);
                InternetStackHelper internet;
                internet.Install(nodes);
                BlindComputationHelper bqc;
                bqc.SetPattern(BlindComputationPattern::RotationChain({1}));
                bqc.Install(nodes.Get(0), nodes.Get(1), Ipv4Address("10.1.1.2"));
                Simulator::Run();
            },
            "has no QuantumNetDevice");
        QUANTUM_EXPECT_ABORT(BlindComputationHelper().Install(nullptr, nullptr, Ipv4Address()),
                             "no computation; call SetPattern first");
        // Attribute range: zero shots.
        QUANTUM_EXPECT_ABORT(
            CreateObject<BlindComputationClient>()->SetAttribute("Shots", UintegerValue(0)),
            "Shots");
    }
};

} // namespace

/**
 * @ingroup quantum-tests
 * The blind quantum computation test suite.
 */
class QuantumBlindComputationTestSuite : public TestSuite
{
  public:
    QuantumBlindComputationTestSuite()
        : TestSuite("quantum-blind-computation", Type::UNIT)
    {
        AddTestCase(new BqcCorrectnessTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcDistributionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcLossTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcBlindnessTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcDephasingTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcMemoryDecayTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcReplicationTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new BqcBadInputTestCase, QUANTUM_TEST_QUICK);
    }
};

/** The suite instance. */
static QuantumBlindComputationTestSuite g_quantumBlindComputationTestSuite;
