/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Distributed quantum computing: non-local CNOTs by gate teleportation
// (Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000)) against the
// same circuit on one processor, against the analytic effect of Werner
// pairs, against the exact latency of the protocol, and bad inputs.

#include "quantum-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/distributed-circuit.h"
#include "ns3/distributed-computing-helper.h"
#include "ns3/distributed-gate-header.h"
#include "ns3/distributed-qpu-application.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/quantum-linalg.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-repeater-helper.h"
#include "ns3/quantum-state-registry.h"

#include <cmath>

using namespace ns3;

namespace
{

/** Parameters of a test network. */
struct Params
{
    double linkFidelity = 1.0;             //!< Werner fidelity of link pairs
    double linkSuccess = 1.0;              //!< success probability per attempt
    Time attemptPeriod = MilliSeconds(1);  //!< link attempt period
    Time classicalDelay = MilliSeconds(1); //!< classical link delay
    DataRate classicalRate{"1Gbps"};       //!< classical link data rate
    Time oneQubit = Time(0);               //!< one-qubit gate duration
    Time twoQubit = Time(0);               //!< two-qubit gate duration
    Time measurement = Time(0);            //!< measurement duration
    double twoQubitDepolarizing = 0;       //!< two-qubit gate depolarizing probability
    uint32_t shots = 1;                    //!< shots
    uint32_t slots = 8;                    //!< memory slots per node
};

/** A built network. */
struct Network
{
    NodeContainer nodes;                         //!< the processors
    ApplicationContainer apps;                   //!< the applications
    std::shared_ptr<DistributedShotTable> table; //!< recorded shots
};

/**
 * Build processors joined by direct abstract links for a circuit.
 * @param c the circuit
 * @param p parameters
 * @return the network
 */
Network
Build(const DistributedCircuit& c, const Params& p)
{
    QuantumStateRegistry::GetDefault()->SetDefaultFormalism(QuantumFormalism::DENSITY_MATRIX);
    Network net;
    net.nodes.Create(c.GetNumNodes());
    QuantumNodeHelper qnh;
    qnh.SetMemoryAttribute("NumSlots", UintegerValue(p.slots));
    qnh.SetProcessorAttribute("SingleQubitGateDuration", TimeValue(p.oneQubit));
    qnh.SetProcessorAttribute("TwoQubitGateDuration", TimeValue(p.twoQubit));
    qnh.SetProcessorAttribute("MeasurementDuration", TimeValue(p.measurement));
    qnh.SetProcessorAttribute("TwoQubitGateDepolarizing", DoubleValue(p.twoQubitDepolarizing));
    qnh.Install(net.nodes);
    QuantumRepeaterHelper links;
    links.SetLinkAttribute("LinkFidelity", DoubleValue(p.linkFidelity));
    links.SetLinkAttribute("SuccessProbability", DoubleValue(p.linkSuccess));
    links.SetLinkAttribute("AttemptPeriod", TimeValue(p.attemptPeriod));
    links.SetClassicalLink(p.classicalRate, p.classicalDelay);
    DistributedComputingHelper dch;
    dch.SetAttribute("Shots", UintegerValue(p.shots));
    net.apps = dch.Install(net.nodes, c);
    DistributedComputingHelper::InstallAbstractLinks(net.apps, links);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    int64_t stream = 1;
    stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
    DistributedComputingHelper::AssignStreams(net.apps, stream);
    net.table = DistributedComputingHelper::RecordShots(net.apps);
    return net;
}

/**
 * @param n qubits
 * @return (|0..0> + |1..1>)/sqrt(2)
 */
QVector
GhzVector(uint32_t n)
{
    QVector v = QVector::Zero(1u << n);
    v(0) = 1 / std::sqrt(2.0);
    v((1u << n) - 1) = 1 / std::sqrt(2.0);
    return v;
}

/**
 * @param ops one 2x2 matrix per qubit
 * @return their Kronecker product (qubit 0 first)
 */
QMatrix
KronAll(const std::vector<QMatrix>& ops)
{
    QMatrix m = ops[0];
    for (size_t i = 1; i < ops.size(); ++i)
    {
        m = quantumlinalg::Kron(m, ops[i]);
    }
    return m;
}

/**
 * Analytic state of the distributed GHZ over n nodes with Werner pairs of
 * fidelity F: each non-local CNOT i -> i+1 is the ideal CNOT followed by
 * I (prob. F), Z_i, X_{i+1} or Z_i X_{i+1} (prob. (1-F)/3 each), since an
 * X (Z) error of the pair half reaches the target (control); an X error on
 * qubit i+1 before the later CNOTs spreads to X_{i+1} ... X_{n-1}.
 * @param n nodes
 * @param f pair fidelity
 * @return the density matrix
 */
QMatrix
GhzWernerState(uint32_t n, double f)
{
    const QMatrix id = QMatrix::Identity(2, 2);
    const QMatrix x = QuantumGate::PauliX().GetMatrix();
    const QMatrix z = QuantumGate::PauliZ().GetMatrix();
    const QVector g = GhzVector(n);
    const QMatrix ghz = g * g.adjoint();
    const uint32_t m = n - 1;
    const double q = (1 - f) / 3;
    QMatrix rho = QMatrix::Zero(1u << n, 1u << n);
    for (uint32_t combo = 0; combo < (1u << (2 * m)); ++combo)
    {
        double prob = 1;
        std::vector<QMatrix> ops(n, id);
        for (uint32_t k = 0; k < m; ++k)
        {
            const uint32_t e = (combo >> (2 * k)) & 3u; // bit 0: Z on k, bit 1: X string
            prob *= e == 0 ? f : q;
            if (e & 1u)
            {
                ops[k] = z * ops[k];
            }
            if (e & 2u)
            {
                for (uint32_t j = k + 1; j < n; ++j)
                {
                    ops[j] = x * ops[j];
                }
            }
        }
        const QMatrix p = KronAll(ops);
        rho += prob * p * ghz * p.adjoint();
    }
    return rho;
}

/**
 * @param n nodes
 * @param f pair fidelity
 * @return [(F + q)^m + (F - q)^m] / 2, q = (1 - F)/3, m = n - 1
 */
double
GhzWernerFidelity(uint32_t n, double f)
{
    const double q = (1 - f) / 3;
    return (std::pow(f + q, n - 1) + std::pow(f - q, n - 1)) / 2;
}

/**
 * @param secret a BV secret
 * @param outcomes a register
 * @return true if the register spells the secret
 */
bool
Recovered(const std::string& secret, const std::vector<int32_t>& outcomes)
{
    if (outcomes.size() != secret.size())
    {
        return false;
    }
    for (size_t i = 0; i < secret.size(); ++i)
    {
        if (outcomes[i] != secret[i] - '0')
        {
            return false;
        }
    }
    return true;
}

} // namespace

/**
 * @ingroup quantum-tests
 * With ideal parts, the distributed GHZ state equals the one made on one
 * processor exactly (density matrices to 1e-9), whatever the random
 * outcomes of the gate teleportation (several runs), with gate durations
 * and random pair waiting times.
 */
class DistributedGhzIdealTestCase : public TestCase
{
  public:
    DistributedGhzIdealTestCase()
        : TestCase("Ideal distributed GHZ equals the single-processor circuit")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t n = 2; n <= 4; ++n)
        {
            for (uint32_t run = 1; run <= 6; ++run)
            {
                RngSeedManager::SetSeed(11);
                RngSeedManager::SetRun(run);
                Params p;
                p.linkSuccess = 0.3;
                p.oneQubit = MicroSeconds(10);
                p.twoQubit = MicroSeconds(100);
                p.measurement = MicroSeconds(50);
                const DistributedCircuit c = DistributedCircuit::Ghz(n);
                Network net = Build(c, p);
                Simulator::Run();
                std::vector<QubitHandle> qs;
                for (uint32_t i = 0; i < n; ++i)
                {
                    auto app = DynamicCast<DistributedQpuApplication>(net.apps.Get(i));
                    NS_TEST_ASSERT_MSG_EQ(app->GetShotsCompleted(), 1, "node " << i);
                    qs.push_back(app->GetQubitForAnalysis(0));
                }
                Ptr<QuantumStateRegistry> reg = QuantumStateRegistry::GetDefault();
                const QMatrix rho = reg->GetDensityMatrix(qs);
                const auto ref = c.RunOnOneProcessor(reg, QuantumFormalism::DENSITY_MATRIX);
                const QMatrix rhoRef = reg->GetDensityMatrix(ref);
                NS_TEST_EXPECT_MSG_LT((rho - rhoRef).cwiseAbs().maxCoeff(),
                                      1e-9,
                                      "GHZ over " << n << " nodes, run " << run);
                NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity(qs, GhzVector(n)),
                                          1.0,
                                          1e-9,
                                          "GHZ fidelity");
                const DistributedShotRecord& r = net.table->at(0);
                NS_TEST_EXPECT_MSG_EQ(r.nodesDone, n, "every node finished");
                NS_TEST_EXPECT_MSG_EQ(r.pairsUsed, n - 1, "one pair per non-local CNOT");
                Simulator::Destroy();
            }
        }
    }
};

/**
 * @ingroup quantum-tests
 * With ideal parts, the distributed Bernstein-Vazirani algorithm recovers
 * the secret in every shot, as the single-processor circuit does.
 */
class DistributedBvIdealTestCase : public TestCase
{
  public:
    DistributedBvIdealTestCase()
        : TestCase("Ideal distributed Bernstein-Vazirani recovers the secret every shot")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            std::string secret;
            uint32_t nodes;
        };

        for (const Case& k :
             {Case{"1", 2}, Case{"1011", 2}, Case{"10110", 3}, Case{"0000", 3}, Case{"111", 4}})
        {
            RngSeedManager::SetSeed(5);
            RngSeedManager::SetRun(1);
            Params p;
            p.linkSuccess = 0.5;
            p.shots = 25;
            p.oneQubit = MicroSeconds(10);
            p.twoQubit = MicroSeconds(100);
            p.measurement = MicroSeconds(50);
            const DistributedCircuit c = DistributedCircuit::BernsteinVazirani(k.secret, k.nodes);
            Network net = Build(c, p);
            Simulator::Run();
            uint32_t ones = 0;
            for (char ch : k.secret)
            {
                ones += ch == '1';
            }
            NS_TEST_ASSERT_MSG_EQ(net.table->size(), p.shots, "shots recorded");
            for (const auto& e : *net.table)
            {
                NS_TEST_EXPECT_MSG_EQ(Recovered(k.secret, e.second.outcomes),
                                      true,
                                      "secret " << k.secret << " shot " << e.first);
                NS_TEST_EXPECT_MSG_EQ(e.second.nodesDone, k.nodes, "nodes finished");
                NS_TEST_EXPECT_MSG_EQ(e.second.pairsUsed, ones, "pairs used");
            }
            std::vector<uint32_t> ref;
            c.RunOnOneProcessor(QuantumStateRegistry::GetDefault(),
                                QuantumFormalism::DENSITY_MATRIX,
                                &ref);
            for (size_t i = 0; i < ref.size(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(ref[i],
                                      static_cast<uint32_t>(k.secret[i] - '0'),
                                      "single-processor reference");
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * Werner pairs: a non-local CNOT with a Werner pair of fidelity F is the
 * ideal CNOT followed by I (F), Z_c, X_t, Z_c X_t ((1 - F)/3 each).  The
 * distributed GHZ state then has fidelity [(F + q)^m + (F - q)^m]/2 with
 * q = (1 - F)/3 and m = n - 1 (ground truth, exact to 1e-9, equal to the
 * analytic density matrix), and the fidelity measured from outcomes with the
 * parity-oscillation estimator F = (P_0..0 + P_1..1)/2 + (1/2n) sum_k (-1)^k
 * <M_k^(x)n>, M_k = cos(k pi/n) X + sin(k pi/n) Y (Sackett et al., Nature
 * 404, 256 (2000); Guehne et al., PRA 76, 030305 (2007)) agrees within 5
 * standard errors.
 */
class DistributedGhzWernerTestCase : public TestCase
{
  public:
    DistributedGhzWernerTestCase()
        : TestCase("Distributed GHZ with Werner pairs matches the analytic fidelity")
    {
    }

  private:
    void DoRun() override
    {
        const double f = 0.85;
        for (uint32_t n = 2; n <= 4; ++n)
        {
            const QMatrix expected = GhzWernerState(n, f);
            const QVector g = GhzVector(n);
            NS_TEST_ASSERT_MSG_EQ_TOL((g.adjoint() * expected * g)(0, 0).real(),
                                      GhzWernerFidelity(n, f),
                                      1e-12,
                                      "analytic state and formula agree");
            RngSeedManager::SetSeed(3);
            RngSeedManager::SetRun(n);
            Params p;
            p.linkFidelity = f;
            Network net = Build(DistributedCircuit::Ghz(n), p);
            Simulator::Run();
            std::vector<QubitHandle> qs;
            for (uint32_t i = 0; i < n; ++i)
            {
                qs.push_back(DynamicCast<DistributedQpuApplication>(net.apps.Get(i))
                                 ->GetQubitForAnalysis(0));
            }
            const QMatrix rho = QuantumStateRegistry::GetDefault()->GetDensityMatrix(qs);
            NS_TEST_EXPECT_MSG_LT((rho - expected).cwiseAbs().maxCoeff(),
                                  1e-9,
                                  "density matrix, n = " << n);
            NS_TEST_EXPECT_MSG_EQ_TOL(QuantumStateRegistry::GetDefault()->GetFidelity(qs, g),
                                      GhzWernerFidelity(n, f),
                                      1e-9,
                                      "ground-truth fidelity, n = " << n);
            Simulator::Destroy();
        }

        // Measured fidelity, three nodes: n + 1 measurement settings.
        const uint32_t n = 3;
        const uint32_t shots = 1500;
        const QMatrix rho = GhzWernerState(n, f);
        const QMatrix x = QuantumGate::PauliX().GetMatrix();
        const QMatrix y = QuantumGate::PauliY().GetMatrix();
        double estimate = 0;
        double variance = 0;
        for (uint32_t setting = 0; setting <= n; ++setting)
        {
            RngSeedManager::SetSeed(21);
            RngSeedManager::SetRun(setting + 1);
            const bool zSetting = setting == n;
            const double phi = zSetting ? 0 : setting * M_PI / n;
            const MeasurementBasis basis
                = zSetting ? MeasurementBasis::ZBasis() : MeasurementBasis::Bloch(M_PI / 2, phi);
            Params p;
            p.linkFidelity = f;
            p.shots = shots;
            Network net = Build(DistributedCircuit::Ghz(n, true, basis), p);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(net.table->size(), shots, "shots");
            double sum = 0;
            for (const auto& e : *net.table)
            {
                const auto& o = e.second.outcomes;
                if (zSetting)
                {
                    bool same = true;
                    for (int32_t b : o)
                    {
                        same = same && b == o[0];
                    }
                    sum += same ? 1 : 0;
                }
                else
                {
                    int parity = 1;
                    for (int32_t b : o)
                    {
                        parity *= b ? -1 : 1;
                    }
                    sum += parity;
                }
            }
            const double mean = sum / shots;
            if (zSetting)
            {
                const double pz = (rho(0, 0) + rho((1u << n) - 1, (1u << n) - 1)).real();
                estimate += mean / 2;
                variance += pz * (1 - pz) / shots / 4;
            }
            else
            {
                const QMatrix mk = std::cos(phi) * x + std::sin(phi) * y;
                const double ek = (rho * KronAll({mk, mk, mk})).trace().real();
                const double sign = (setting % 2 == 0) ? 1 : -1;
                estimate += sign * mean / (2 * n);
                variance += (1 - ek * ek) / shots / (4.0 * n * n);
            }
            Simulator::Destroy();
        }
        const double sigma = std::sqrt(variance);
        NS_TEST_EXPECT_MSG_EQ_TOL(estimate,
                                  GhzWernerFidelity(n, f),
                                  5 * sigma,
                                  "measured GHZ fidelity (sigma " << sigma << ")");
    }
};

/**
 * @ingroup quantum-tests
 * Werner pairs in the distributed Bernstein-Vazirani algorithm: the Z_c
 * error of a non-local CNOT (probability 2(1 - F)/3) flips the recovered
 * bit of its control, the X_t error hits the ancilla in |-> and does
 * nothing, so the secret is recovered with probability ((1 + 2F)/3)^w, w the
 * number of ones; within 5 binomial standard errors.
 */
class DistributedBvWernerTestCase : public TestCase
{
  public:
    DistributedBvWernerTestCase()
        : TestCase("Distributed Bernstein-Vazirani with Werner pairs matches the analytic success")
    {
    }

  private:
    void DoRun() override
    {
        const double f = 0.8;
        const std::string secret = "1101";
        const uint32_t shots = 1500;
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(1);
        Params p;
        p.linkFidelity = f;
        p.shots = shots;
        Network net = Build(DistributedCircuit::BernsteinVazirani(secret, 3), p);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(net.table->size(), shots, "shots");
        uint32_t ok = 0;
        for (const auto& e : *net.table)
        {
            ok += Recovered(secret, e.second.outcomes) ? 1 : 0;
        }
        const double expected = std::pow((1 + 2 * f) / 3, 3);
        NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(ok) / shots,
                                  expected,
                                  5 * quantumtest::BinomialSigma(expected, shots),
                                  "success probability");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Gate noise: two-qubit gates followed by the depolarizing channel
 * rho -> (1 - p) rho + p I/4, i.e. a uniformly random two-qubit Pauli with
 * probability p.  In Bernstein-Vazirani with secret "1" on two nodes the
 * non-local CNOT has two two-qubit gates: after CNOT(c, a) a Pauli whose
 * c-part is Z or Y (8 of 16) flips the recovered bit (its a-part only changes
 * m1, hence an X on the ancilla in |->, which does nothing); after CNOT(b, t)
 * a Pauli whose b-part is Z or Y flips m2, hence a wrong Z on c (its t-part
 * hits the ancilla after its last use).  Each flips with probability p/2,
 * independently: P_success = (1 - p/2)^2 + (p/2)^2, within 5 standard errors.
 */
class DistributedGateNoiseTestCase : public TestCase
{
  public:
    DistributedGateNoiseTestCase()
        : TestCase("Distributed Bernstein-Vazirani with depolarizing gates matches the analytic "
                   "success")
    {
    }

  private:
    void DoRun() override
    {
        const double pd = 0.2;
        const uint32_t shots = 2000;
        RngSeedManager::SetSeed(12);
        RngSeedManager::SetRun(1);
        Params p;
        p.twoQubitDepolarizing = pd;
        p.shots = shots;
        Network net = Build(DistributedCircuit::BernsteinVazirani("1", 2), p);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(net.table->size(), shots, "shots");
        uint32_t ok = 0;
        for (const auto& e : *net.table)
        {
            ok += Recovered("1", e.second.outcomes) ? 1 : 0;
        }
        const double expected = (1 - pd / 2) * (1 - pd / 2) + (pd / 2) * (pd / 2);
        NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(ok) / shots,
                                  expected,
                                  5 * quantumtest::BinomialSigma(expected, shots),
                                  "success probability with gate noise");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Latency of one non-local CNOT, exact: Bernstein-Vazirani with secret "1"
 * on two nodes, zero-duration one-qubit gates, two-qubit gates g2,
 * measurements gm, pairs on the first clock tick T of the link (p = 1), and
 * classical messages taking d + L/R (delay plus serialisation of L bytes at
 * rate R).  The control (data node) holds the pair at T, measures at
 * T + g2 + gm, the target has the bit one message later, runs g2 + gm, and
 * the control has the second bit one message later and measures its qubit:
 * latency = T + 2 g2 + 3 gm + 2 (d + L/R), which exceeds the classical round
 * trip 2 d.  Pairs used: one per shot.
 */
class DistributedLatencyTestCase : public TestCase
{
  public:
    DistributedLatencyTestCase()
        : TestCase("Latency of a non-local CNOT equals the protocol's critical path")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(2);
        RngSeedManager::SetRun(1);
        Params p;
        p.attemptPeriod = MicroSeconds(300);
        p.classicalDelay = MilliSeconds(2);
        p.classicalRate = DataRate("100Mbps");
        p.twoQubit = MicroSeconds(40);
        p.measurement = MicroSeconds(25);
        Network net = Build(DistributedCircuit::BernsteinVazirani("1", 2), p);
        Time wait;
        Time gate;
        DynamicCast<DistributedQpuApplication>(net.apps.Get(1))
            ->TraceConnectWithoutContext(
                "NonLocalGate",
                MakeCallback(+[](Time* w, Time* g, uint32_t, uint32_t, Time a, Time b) {
                    *w = a;
                    *g = b;
                }).Bind(&wait, &gate));
        Simulator::Run();
        // UDP payload + UDP (8) + IPv4 (20) + PPP (2) bytes.
        const uint32_t bytes = DistributedGateHeader().GetSerializedSize() + 8 + 20 + 2;
        const Time message = p.classicalDelay + p.classicalRate.CalculateBytesTxTime(bytes);
        const Time expected = p.attemptPeriod + 2 * p.twoQubit + 3 * p.measurement + 2 * message;
        const DistributedShotRecord& r = net.table->at(0);
        NS_TEST_EXPECT_MSG_EQ(r.GetLatency(), expected, "shot latency");
        NS_TEST_EXPECT_MSG_GT(r.GetLatency(), 2 * p.classicalDelay, "above the round trip");
        NS_TEST_EXPECT_MSG_EQ(r.pairsUsed, 1, "pairs used");
        NS_TEST_EXPECT_MSG_EQ(wait, p.attemptPeriod, "wait for the pair");
        NS_TEST_EXPECT_MSG_EQ(gate,
                              p.attemptPeriod + 2 * p.twoQubit + 2 * p.measurement + 2 * message,
                              "non-local CNOT duration at the control");
        NS_TEST_EXPECT_MSG_EQ(Recovered("1", r.outcomes), true, "secret");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Pairs from repeater chains (stage 6 of Wehner, Elkouss, Hanson, Science
 * 362, eaam9288 (2018)): Bernstein-Vazirani on three processors, each data
 * node joined to the ancilla node by a three-node repeater chain over
 * Werner links of parameter w = (4F - 1)/3.  An ideal swap gives a Werner
 * pair of parameter w^2 (Duer, Briegel, Cirac, Zoller, PRA 59, 169 (1999));
 * a non-local CNOT with a Werner pair of parameter W keeps a bit with
 * probability (1 + 2F')/3 = (1 + W)/2, so the secret "11" is recovered with
 * probability ((1 + w^2)/2)^2, within 5 binomial standard errors.  With
 * perfect links, every shot recovers it.
 */
class DistributedOverRepeaterChainTestCase : public TestCase
{
  public:
    DistributedOverRepeaterChainTestCase()
        : TestCase("Distributed Bernstein-Vazirani over repeater chains")
    {
    }

  private:
    void DoRun() override
    {
        for (double f : {1.0, 0.9})
        {
            RngSeedManager::SetSeed(4);
            RngSeedManager::SetRun(1);
            QuantumStateRegistry::GetDefault()->SetDefaultFormalism(
                QuantumFormalism::DENSITY_MATRIX);
            const uint32_t shots = f == 1.0 ? 40 : 800;
            const std::string secret = "11";
            NodeContainer procs;
            procs.Create(3);
            NodeContainer repeaters;
            repeaters.Create(2);
            QuantumNodeHelper qnh;
            qnh.SetMemoryAttribute("NumSlots", UintegerValue(8));
            qnh.Install(procs);
            qnh.Install(repeaters);
            QuantumRepeaterHelper links;
            links.SetLinkAttribute("LinkFidelity", DoubleValue(f));
            links.SetLinkAttribute("SuccessProbability", DoubleValue(0.5));
            links.SetClassicalLink(DataRate("1Gbps"), MicroSeconds(100));
            DistributedComputingHelper dch;
            dch.SetAttribute("Shots", UintegerValue(shots));
            const DistributedCircuit c = DistributedCircuit::BernsteinVazirani(secret, 3);
            ApplicationContainer apps = dch.Install(procs, c);
            RepeaterChain c1
                = DistributedComputingHelper::InstallChainLink(apps,
                                                               0,
                                                               1,
                                                               NodeContainer(repeaters.Get(0)),
                                                               links,
                                                               9501);
            RepeaterChain c2
                = DistributedComputingHelper::InstallChainLink(apps,
                                                               0,
                                                               2,
                                                               NodeContainer(repeaters.Get(1)),
                                                               links,
                                                               9502);
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
            int64_t stream = 1;
            stream += QuantumStateRegistry::GetDefault()->AssignStreams(stream);
            stream += QuantumRepeaterHelper::AssignStreams(c1, stream);
            stream += QuantumRepeaterHelper::AssignStreams(c2, stream);
            DistributedComputingHelper::AssignStreams(apps, stream);
            auto table = DistributedComputingHelper::RecordShots(apps);
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(table->size(), shots, "shots");
            uint32_t ok = 0;
            for (const auto& e : *table)
            {
                ok += Recovered(secret, e.second.outcomes) ? 1 : 0;
                NS_TEST_EXPECT_MSG_EQ(e.second.pairsUsed, 2, "pairs used");
            }
            const double w = (4 * f - 1) / 3;
            const double expected = std::pow((1 + w * w) / 2, 2);
            if (f == 1.0)
            {
                NS_TEST_EXPECT_MSG_EQ(ok, shots, "perfect links recover every shot");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(ok) / shots,
                                          expected,
                                          5 * quantumtest::BinomialSigma(expected, shots),
                                          "success over repeater chains, F = " << f);
            }
            Simulator::Destroy();
        }
    }
};

/**
 * @ingroup quantum-tests
 * Bad inputs stop with clear messages.
 */
class DistributedBadInputTestCase : public TestCase
{
  public:
    DistributedBadInputTestCase()
        : TestCase("Distributed computing rejects bad input")
    {
    }

  private:
    void DoRun() override
    {
        QUANTUM_EXPECT_ABORT(DistributedCircuit(0), "numNodes = 0");
        QUANTUM_EXPECT_ABORT(DistributedCircuit(2).AddQubit(2), "node 2 is unknown");
        QUANTUM_EXPECT_ABORT(
            {
                DistributedCircuit c(2);
                c.AddQubit(0);
                c.AddGate(QuantumGate::Hadamard(), {1});
            },
            "qubit 1 is out of range");
        QUANTUM_EXPECT_ABORT(
            {
                DistributedCircuit c(2);
                c.AddQubit(0);
                c.AddMeasurement(5);
            },
            "qubit 5 is out of range");
        QUANTUM_EXPECT_ABORT(
            {
                DistributedCircuit c(2);
                c.AddQubit(0);
                c.AddQubit(0);
                c.AddGate(QuantumGate::Hadamard(), {0, 1});
            },
            "acts on 1 qubits, got 2");
        QUANTUM_EXPECT_ABORT(
            {
                DistributedCircuit c(2);
                c.AddQubit(0);
                c.AddQubit(1);
                c.AddGate(QuantumGate::Cz(), {0, 1});
            },
            "only CNOT can act across nodes");
        QUANTUM_EXPECT_ABORT(
            {
                DistributedCircuit c(2);
                c.AddQubit(0);
                c.AddGate(QuantumGate::Cnot(), {0, 0});
            },
            "names qubit 0 twice");
        QUANTUM_EXPECT_ABORT(DistributedCircuit::BernsteinVazirani("10x1", 3), "only '0' and '1'");
        QUANTUM_EXPECT_ABORT(DistributedCircuit::BernsteinVazirani("101", 1), "at least 2");
        QUANTUM_EXPECT_ABORT(DistributedCircuit::Ghz(1), "at least 2");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(2);
                DistributedComputingHelper().Install(nodes, DistributedCircuit::Ghz(3));
            },
            "the circuit spans 3 nodes, but 2 nodes were given");
        QUANTUM_EXPECT_ABORT(
            {
                auto app = CreateObject<DistributedQpuApplication>();
                app->SetCircuit(DistributedCircuit::Ghz(2), 2);
            },
            "node index 2 is unknown");
        // A non-local CNOT without a link to the other node.
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(2);
                QuantumNodeHelper().Install(nodes);
                DistributedComputingHelper().Install(nodes, DistributedCircuit::Ghz(2));
                Simulator::Run();
            },
            "has no link to node 1");
        // Not enough memory for the qubits and a pair half.
        QUANTUM_EXPECT_ABORT(
            {
                Params p;
                p.slots = 1;
                Build(DistributedCircuit::Ghz(2), p);
                Simulator::Run();
            },
            "QuantumMemory has NumSlots = 1");
        QUANTUM_EXPECT_ABORT(
            {
                NodeContainer nodes;
                nodes.Create(3);
                QuantumNodeHelper().Install(nodes);
                QuantumRepeaterHelper links;
                auto apps = DistributedComputingHelper().Install(nodes, DistributedCircuit::Ghz(3));
                DistributedComputingHelper::InstallChainLink(apps,
                                                             0,
                                                             1,
                                                             NodeContainer(),
                                                             links,
                                                             9700);
            },
            "must be non-zero and differ from the applications' Port");
        QUANTUM_EXPECT_ABORT(DistributedGateHeader().SetBit(2), "is not 0 or 1");
    }
};

/**
 * @ingroup quantum-tests
 * The same run repeats exactly; another run gives other outcomes.
 */
class DistributedReplicationTestCase : public TestCase
{
  public:
    DistributedReplicationTestCase()
        : TestCase("Distributed runs replicate by seed and differ by run")
    {
    }

  private:
    void DoRun() override
    {
        auto once = [](uint32_t run) {
            RngSeedManager::SetSeed(8);
            RngSeedManager::SetRun(run);
            Params p;
            p.shots = 64;
            p.linkSuccess = 0.4;
            Network net = Build(DistributedCircuit::Ghz(3, true), p);
            Simulator::Run();
            std::vector<int32_t> all;
            for (const auto& e : *net.table)
            {
                all.insert(all.end(), e.second.outcomes.begin(), e.second.outcomes.end());
                all.push_back(static_cast<int32_t>(e.second.GetLatency().GetMicroSeconds()));
            }
            Simulator::Destroy();
            return all;
        };
        const auto a = once(1);
        const auto b = once(1);
        const auto c = once(2);
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same run, same results");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "another run, other results");
    }
};

/**
 * @ingroup quantum-tests
 * The distributed computing test suite.
 */
class QuantumDistributedComputingTestSuite : public TestSuite
{
  public:
    QuantumDistributedComputingTestSuite()
        : TestSuite("quantum-distributed-computing", Type::UNIT)
    {
        AddTestCase(new DistributedGhzIdealTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedBvIdealTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedGhzWernerTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedBvWernerTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedGateNoiseTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedLatencyTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedOverRepeaterChainTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new DistributedReplicationTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumDistributedComputingTestSuite g_quantumDistributedComputingTestSuite;
