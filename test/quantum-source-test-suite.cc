/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Photon sources against their defining distributions: decoy-state weak
// coherent pulses (intensity choice, Poisson photon numbers: Ma, Qi, Zhao and
// Lo, Phys. Rev. A 72, 012326, 2005), a triggered single-photon source
// (efficiency, two-photon probability, g2(0): Loudon 2000, section 6.4), and
// SPDC pairs (thermal pair numbers P(n) = mu^n / (1 + mu)^(n+1), single pairs
// in a Bell state, multi-pair emission as I/4).  Statistical checks use 5
// standard errors of the sample and fixed seeds.

#include "quantum-test-utils.h"

#include "ns3/bell-state.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/photon-number-statistics.h"
#include "ns3/pointer.h"
#include "ns3/quantum-signal.h"
#include "ns3/quantum-state-registry.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/single-photon-detector.h"
#include "ns3/single-photon-source.h"
#include "ns3/spdc-pair-source.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/weak-coherent-source.h"

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
 * Release the qubits of an SPDC emission.
 * @param reg the registry
 * @param e the emission
 */
void
DiscardEmission(Ptr<QuantumStateRegistry> reg, const SpdcEmission& e)
{
    if (e.photonA)
    {
        reg->Discard(e.photonA->GetQubit());
        reg->Discard(e.photonB->GetQubit());
    }
}

} // namespace

/**
 * @ingroup quantum-tests
 * Weak coherent source: intensity-choice frequencies, Poisson photon numbers
 * per intensity (counted by an ideal photon-number-resolving detector),
 * labels, time stamps and pulse indices.
 */
class WeakCoherentSourceTestCase : public TestCase
{
  public:
    WeakCoherentSourceTestCase()
        : TestCase("decoy intensities are chosen by their probabilities and are Poisson")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(31);
        RngSeedManager::SetRun(1);
        Ptr<WeakCoherentSource> src = CreateObject<WeakCoherentSource>();
        src->SetAttribute("Intensities", StringValue("0.6,0.2,0"));
        src->SetAttribute("Probabilities", StringValue("0.7,0.2,0.1"));
        src->SetAttribute("WavelengthNm", DoubleValue(850));
        NS_TEST_EXPECT_MSG_EQ(src->AssignStreams(40), 1, "streams");
        NS_TEST_EXPECT_MSG_EQ(src->GetNumIntensities(), 3, "three levels");
        NS_TEST_EXPECT_MSG_EQ_TOL(src->GetIntensity(1), 0.2, 1e-15, "intensity of label 1");
        NS_TEST_EXPECT_MSG_EQ_TOL(src->GetIntensityProbability(2), 0.1, 1e-15, "probability");
        Ptr<SinglePhotonDetector> pnr = CreateObject<SinglePhotonDetector>();
        pnr->SetAttribute("PhotonNumberResolving", BooleanValue(true));
        pnr->AssignStreams(41);
        const uint32_t pulses = 60000;
        std::vector<double> count(3, 0);
        std::vector<double> sum(3, 0);
        std::vector<double> sum2(3, 0);
        bool stampsOk = true;
        Simulator::Schedule(MicroSeconds(3), [&]() {
            for (uint32_t i = 0; i < pulses; ++i)
            {
                const uint8_t basis = i % 2;
                const uint8_t bit = (i / 2) % 2;
                Ptr<QuantumSignal> s = src->EmitPulse(basis, bit);
                const uint32_t l = s->GetIntensityLabel();
                stampsOk = stampsOk && s->GetKind() == QuantumSignal::MODE
                           && s->GetStatistics() == QuantumSignal::POISSON
                           && s->GetMeanPhotonNumber() == src->GetIntensity(l)
                           && s->GetBasis() == basis && s->GetBit() == bit && s->GetTimeBin() == i
                           && s->GetEmissionTime() == MicroSeconds(3)
                           && std::abs(s->GetWavelengthMeters() - 850e-9) < 1e-18;
                const double n = pnr->Detect(s).photons;
                count[l]++;
                sum[l] += n;
                sum2[l] += n * n;
            }
        });
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(stampsOk,
                              true,
                              "statistics, mean, basis, bit, time, wavelength, index");
        NS_TEST_EXPECT_MSG_EQ(src->GetPulseCount(), pulses, "pulse counter");
        for (uint32_t l = 0; l < 3; ++l)
        {
            const double p = src->GetIntensityProbability(l);
            NS_TEST_EXPECT_MSG_EQ_TOL(count[l] / pulses,
                                      p,
                                      FiveSigma(p, pulses),
                                      "choice frequency of label " << l);
            const double mu = src->GetIntensity(l);
            const double mean = sum[l] / count[l];
            const double var = sum2[l] / count[l] - mean * mean;
            // Poisson: variance mu, central fourth moment mu (1 + 3 mu).
            NS_TEST_EXPECT_MSG_EQ_TOL(mean,
                                      mu,
                                      std::max(5 * std::sqrt(mu / count[l]), 1e-12),
                                      "Poisson mean of label " << l);
            NS_TEST_EXPECT_MSG_EQ_TOL(
                var,
                mu,
                std::max(5 * std::sqrt((mu * (1 + 3 * mu) - mu * mu) / count[l]), 1e-12),
                "Poisson variance of label " << l);
        }
        // A single intensity needs no draw and always takes label 0.
        src->SetIntensities({0.3});
        src->SetProbabilities({1.0});
        NS_TEST_EXPECT_MSG_EQ(src->EmitPulse(0, 0)->GetIntensityLabel(), 0, "single level");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Single-photon source: photon-number distribution of MODE pulses, qubit
 * photons and their states in every formalism.
 */
class SinglePhotonSourceTestCase : public TestCase
{
  public:
    SinglePhotonSourceTestCase()
        : TestCase("single-photon source efficiency, two-photon fraction and qubit states")
    {
    }

  private:
    void OnTrigger(uint64_t index, uint32_t photons)
    {
        m_triggers++;
        m_photons += photons;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(32);
        RngSeedManager::SetRun(1);
        const double e = 0.7;
        const double m = 0.1;
        Ptr<SinglePhotonSource> src = CreateObject<SinglePhotonSource>();
        src->SetAttribute("Efficiency", DoubleValue(e));
        src->SetAttribute("MultiPhotonProbability", DoubleValue(m));
        src->TraceConnectWithoutContext("Trigger",
                                        MakeCallback(&SinglePhotonSourceTestCase::OnTrigger, this));
        NS_TEST_EXPECT_MSG_EQ(src->AssignStreams(50), 1, "streams");
        const uint32_t pulses = 50000;
        uint32_t n[3] = {0, 0, 0};
        uint32_t total = 0;
        uint32_t badPulses = 0;
        for (uint32_t i = 0; i < pulses; ++i)
        {
            Ptr<QuantumSignal> s = src->EmitMode(1, 1);
            badPulses += s->GetStatistics() != QuantumSignal::FOCK || s->GetTimeBin() != i;
            const uint32_t k = s->GetMeanPhotonNumber();
            n[k]++;
            total += k;
        }
        NS_TEST_EXPECT_MSG_EQ(badPulses, 0, "Fock pulses with consecutive pulse indices");
        for (uint32_t k = 0; k < 3; ++k)
        {
            const double p = src->GetPhotonNumberProbability(k);
            NS_TEST_EXPECT_MSG_EQ_TOL(double(n[k]) / pulses,
                                      p,
                                      FiveSigma(p, pulses),
                                      "P(" << k << ")");
        }
        const double emitted = n[1] + n[2];
        NS_TEST_EXPECT_MSG_EQ_TOL(emitted / pulses, e, FiveSigma(e, pulses), "efficiency");
        NS_TEST_EXPECT_MSG_EQ_TOL(n[2] / emitted,
                                  m,
                                  FiveSigma(m, emitted),
                                  "two-photon fraction of emissions");
        NS_TEST_EXPECT_MSG_EQ_TOL(src->GetSecondOrderCoherence(),
                                  2 * e * m / std::pow(e * (1 + m), 2),
                                  1e-15,
                                  "g2(0) = 2 P(2) / <n>^2");
        NS_TEST_EXPECT_MSG_EQ(m_triggers, pulses, "every trigger traced");
        NS_TEST_EXPECT_MSG_EQ(m_photons, total, "traced photon numbers");

        // Qubit photons: nullptr with probability 1 - e; the state is the one asked for.
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(51);
        src->SetAttribute("Registry", PointerValue(reg));
        src->SetAttribute("Encoding", EnumValue(QuantumSignal::TIME_BIN));
        QVector psi(2);
        psi << std::cos(0.4), std::polar(std::sin(0.4), 1.3);
        uint32_t photons = 0;
        bool statesOk = true;
        const uint32_t triggers = 20000;
        for (uint32_t i = 0; i < triggers; ++i)
        {
            Ptr<QuantumSignal> s = src->EmitQubit(psi);
            if (!s)
            {
                continue;
            }
            photons++;
            statesOk = statesOk && s->GetKind() == QuantumSignal::QUBIT
                       && s->GetEncoding() == QuantumSignal::TIME_BIN
                       && std::abs(reg->GetFidelity({s->GetQubit()}, psi) - 1) < 1e-12;
            reg->Discard(s->GetQubit());
        }
        NS_TEST_EXPECT_MSG_EQ(statesOk, true, "qubit photons carry the requested state");
        NS_TEST_EXPECT_MSG_EQ_TOL(double(photons) / triggers,
                                  e,
                                  FiveSigma(e, triggers),
                                  "qubit emission efficiency");
        // Multi-photon emission does not apply to qubits: one photon per emission.
        src->SetAttribute("Efficiency", DoubleValue(1.0));
        src->SetAttribute("MultiPhotonProbability", DoubleValue(1.0));
        uint32_t emittedQubits = 0;
        for (uint32_t i = 0; i < 100; ++i)
        {
            Ptr<QuantumSignal> s = src->EmitQubit(MeasurementBasis::XBasis(), 1);
            if (s)
            {
                emittedQubits++;
                reg->Discard(s->GetQubit());
            }
        }
        NS_TEST_EXPECT_MSG_EQ(emittedQubits, 100, "efficiency 1 always emits one photon");
        // Every formalism, through the attribute and through the registry default.
        const MeasurementBasis bases[3]
            = {MeasurementBasis::ZBasis(), MeasurementBasis::XBasis(), MeasurementBasis::YBasis()};
        for (auto f : {QuantumFormalism::DENSITY_MATRIX,
                       QuantumFormalism::STATE_VECTOR,
                       QuantumFormalism::STABILIZER})
        {
            for (bool viaDefault : {false, true})
            {
                if (viaDefault)
                {
                    src->SetAttribute("Formalism",
                                      EnumValue(SinglePhotonSource::FORMALISM_DEFAULT));
                    reg->SetDefaultFormalism(f);
                }
                else
                {
                    src->SetAttribute("Formalism", EnumValue(static_cast<int>(f)));
                    reg->SetDefaultFormalism(QuantumFormalism::DENSITY_MATRIX);
                }
                for (const auto& b : bases)
                {
                    for (uint32_t bit = 0; bit < 2; ++bit)
                    {
                        Ptr<QuantumSignal> s = src->EmitQubit(b, bit);
                        const QubitHandle q = s->GetQubit();
                        NS_TEST_EXPECT_MSG_EQ(QuantumFormalismName(reg->GetFormalism(q)),
                                              QuantumFormalismName(f),
                                              "formalism");
                        NS_TEST_EXPECT_MSG_EQ_TOL(reg->GetFidelity({q}, b.GetEigenvector(bit)),
                                                  1.0,
                                                  1e-12,
                                                  QuantumFormalismName(f)
                                                      << " " << b.GetName() << " " << bit);
                        reg->Discard(q);
                    }
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "all photons released");
        Simulator::Destroy();
    }

    uint32_t m_triggers{0}; //!< traced triggers
    uint32_t m_photons{0};  //!< traced photons
};

/**
 * @ingroup quantum-tests
 * SPDC source: thermal pair numbers, Bell pairs for n = 1, I/4 for n >= 2,
 * arm modes, stamps.
 */
class SpdcPairSourceTestCase : public TestCase
{
  public:
    SpdcPairSourceTestCase()
        : TestCase("SPDC pair numbers are thermal, single pairs are Bell states")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(33);
        RngSeedManager::SetRun(1);
        Ptr<QuantumStateRegistry> reg = CreateObject<QuantumStateRegistry>();
        reg->AssignStreams(60);
        Ptr<SpdcPairSource> src = CreateObject<SpdcPairSource>();
        src->SetAttribute("Registry", PointerValue(reg));
        src->SetAttribute("Formalism",
                          EnumValue(static_cast<int>(QuantumFormalism::BELL_DIAGONAL)));
        NS_TEST_EXPECT_MSG_EQ(src->AssignStreams(61), 1, "streams");
        // Thermal distribution.
        const double mu = 0.3;
        src->SetAttribute("MeanPairNumber", DoubleValue(mu));
        const uint32_t pulses = 100000;
        std::vector<double> hist(4, 0);
        for (uint32_t i = 0; i < pulses; ++i)
        {
            const SpdcEmission e = src->Emit();
            hist[std::min(e.pairs, 3u)]++;
            DiscardEmission(reg, e);
        }
        double tail = 1;
        for (uint32_t n = 0; n < 3; ++n)
        {
            const double p = std::pow(mu, n) / std::pow(1 + mu, n + 1);
            NS_TEST_EXPECT_MSG_EQ_TOL(src->GetPairNumberProbability(n), p, 1e-15, "P(n) formula");
            NS_TEST_EXPECT_MSG_EQ_TOL(hist[n] / pulses, p, FiveSigma(p, pulses), "P(" << n << ")");
            tail -= p;
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(hist[3] / pulses, tail, FiveSigma(tail, pulses), "P(n >= 3)");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "pairs released");

        // n = 1: fidelity 1 with the configured Bell state, in every formalism.
        src->SetAttribute("MeanPairNumber", DoubleValue(0.5));
        src->SetAttribute("IdlerWavelengthNm", DoubleValue(810));
        for (auto f : {QuantumFormalism::DENSITY_MATRIX,
                       QuantumFormalism::STATE_VECTOR,
                       QuantumFormalism::BELL_DIAGONAL,
                       QuantumFormalism::STABILIZER})
        {
            src->SetAttribute("Formalism", EnumValue(static_cast<int>(f)));
            for (uint32_t label = 0; label < 4; ++label)
            {
                src->SetAttribute("BellState", EnumValue(label));
                uint32_t singles = 0;
                while (singles < 5)
                {
                    const uint64_t index = src->GetPulseCount();
                    const SpdcEmission e = src->Emit();
                    if (e.pairs == 1)
                    {
                        singles++;
                        const QVector bell = BellStateVector(BellStateFromLabel(label));
                        NS_TEST_EXPECT_MSG_EQ_TOL(
                            reg->GetFidelity({e.photonA->GetQubit(), e.photonB->GetQubit()}, bell),
                            1.0,
                            1e-12,
                            QuantumFormalismName(f)
                                << " " << BellStateName(BellStateFromLabel(label)));
                        NS_TEST_EXPECT_MSG_EQ(e.photonA->GetTimeBin(), index, "pulse index A");
                        NS_TEST_EXPECT_MSG_EQ(e.photonB->GetTimeBin(), index, "pulse index B");
                        NS_TEST_EXPECT_MSG_EQ_TOL(e.photonA->GetWavelengthMeters(),
                                                  1550e-9,
                                                  1e-18,
                                                  "signal wavelength");
                        NS_TEST_EXPECT_MSG_EQ_TOL(e.photonB->GetWavelengthMeters(),
                                                  810e-9,
                                                  1e-18,
                                                  "idler wavelength");
                        NS_TEST_EXPECT_MSG_EQ(e.modeA->GetMeanPhotonNumber(), 1, "mode A Fock 1");
                    }
                    else if (e.pairs == 0)
                    {
                        NS_TEST_EXPECT_MSG_EQ((e.photonA == nullptr && e.modeA == nullptr),
                                              true,
                                              "no photons for n = 0");
                    }
                    DiscardEmission(reg, e);
                }
            }
        }
        // n >= 2: I/4 exactly in the mixed-state formalisms, in distribution otherwise.
        src->SetAttribute("MeanPairNumber", DoubleValue(5.0));
        src->SetAttribute("BellState", EnumValue(0));
        for (auto f : {QuantumFormalism::DENSITY_MATRIX, QuantumFormalism::BELL_DIAGONAL})
        {
            src->SetAttribute("Formalism", EnumValue(static_cast<int>(f)));
            uint32_t multi = 0;
            while (multi < 20)
            {
                const SpdcEmission e = src->Emit();
                if (e.pairs >= 2)
                {
                    multi++;
                    const QMatrix rho
                        = reg->GetDensityMatrix({e.photonA->GetQubit(), e.photonB->GetQubit()});
                    NS_TEST_EXPECT_MSG_LT(
                        (rho - QMatrix::Identity(4, 4) * 0.25).cwiseAbs().maxCoeff(),
                        1e-12,
                        "I/4 in " << QuantumFormalismName(f));
                    NS_TEST_EXPECT_MSG_EQ(e.modeB->GetMeanPhotonNumber(), e.pairs, "Fock n arm");
                    NS_TEST_EXPECT_MSG_EQ_TOL(e.modeA->GetFlipProbability(0),
                                              0.5,
                                              1e-15,
                                              "unpolarized");
                    NS_TEST_EXPECT_MSG_EQ_TOL(e.modeA->GetFlipProbability(1),
                                              0.5,
                                              1e-15,
                                              "unpolarized");
                }
                DiscardEmission(reg, e);
            }
        }
        for (auto f : {QuantumFormalism::STATE_VECTOR, QuantumFormalism::STABILIZER})
        {
            src->SetAttribute("Formalism", EnumValue(static_cast<int>(f)));
            uint32_t multi = 0;
            double fidelity = 0;
            while (multi < 4000)
            {
                const SpdcEmission e = src->Emit();
                if (e.pairs >= 2)
                {
                    multi++;
                    fidelity += reg->GetFidelity({e.photonA->GetQubit(), e.photonB->GetQubit()},
                                                 BellStateVector(BellState::PHI_PLUS));
                }
                DiscardEmission(reg, e);
            }
            // A uniformly drawn Bell state has fidelity 1 with Phi+ with probability 1/4.
            NS_TEST_EXPECT_MSG_EQ_TOL(fidelity / multi,
                                      0.25,
                                      FiveSigma(0.25, multi),
                                      "I/4 in distribution in " << QuantumFormalismName(f));
        }
        // The unconditional arm.
        Ptr<QuantumSignal> arm = src->CreateArmMode();
        NS_TEST_EXPECT_MSG_EQ((arm->GetStatistics() == QuantumSignal::THERMAL),
                              true,
                              "thermal arm");
        NS_TEST_EXPECT_MSG_EQ_TOL(arm->GetMeanPhotonNumber(), 5.0, 1e-15, "arm mean mu");
        // mu = 0: never a pair.
        src->SetAttribute("MeanPairNumber", DoubleValue(0.0));
        uint32_t pairs = 0;
        for (uint32_t i = 0; i < 1000; ++i)
        {
            pairs += src->Emit().pairs;
        }
        NS_TEST_EXPECT_MSG_EQ(pairs, 0, "mu = 0 emits nothing");
        NS_TEST_EXPECT_MSG_EQ(reg->GetNumLiveQubits(), 0, "pairs released");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad input aborts with a clear message.
 */
class SourceBadInputTestCase : public TestCase
{
  public:
    SourceBadInputTestCase()
        : TestCase("bad source input aborts with clear messages")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<WeakCoherentSource> w = CreateObject<WeakCoherentSource>();
        QUANTUM_EXPECT_ABORT(w->SetProbabilities({0.5, 0.4}), "Probabilities sum to 0.9, not 1");
        QUANTUM_EXPECT_ABORT(w->SetProbabilities({1.5, -0.5}), "Probabilities[0] = 1.5");
        QUANTUM_EXPECT_ABORT(w->SetIntensities({0.5, -0.1}), "Intensities[1] = -0.1");
        QUANTUM_EXPECT_ABORT(w->SetIntensities({}), "Intensities is empty");
        QUANTUM_EXPECT_ABORT(w->SetAttribute("Intensities", StringValue("0.5,-1")),
                             "Attribute name=Intensities");
        QUANTUM_EXPECT_ABORT(w->SetAttribute("Probabilities", StringValue("0.5,0.6")),
                             "Probabilities sum to 1.1");
        QUANTUM_EXPECT_ABORT(
            {
                w->SetIntensities({0.5, 0.1});
                w->EmitPulse(0, 0);
            },
            "Intensities has 2 levels but Probabilities has 3");
        QUANTUM_EXPECT_ABORT(w->EmitPulse(2, 0), "must be 0 or 1");
        QUANTUM_EXPECT_ABORT(w->GetIntensity(7), "label 7 out of range");

        Ptr<SinglePhotonSource> s = CreateObject<SinglePhotonSource>();
        QUANTUM_EXPECT_ABORT(s->SetEfficiency(1.5), "Efficiency = 1.5 is outside the valid range");
        QUANTUM_EXPECT_ABORT(s->SetMultiPhotonProbability(-1), "MultiPhotonProbability = -1");
        QUANTUM_EXPECT_ABORT(s->SetAttribute("Efficiency", DoubleValue(2)),
                             "Attribute name=Efficiency");
        QUANTUM_EXPECT_ABORT(s->EmitQubit(QVector::Ones(4) * 0.5), "expected 2");
        QUANTUM_EXPECT_ABORT(s->EmitQubit(QVector::Ones(2)), "not normalised");
        QUANTUM_EXPECT_ABORT(s->EmitMode(0, 3), "must be 0 or 1");
        auto emitNonStabilizer = [&]() {
            s->SetAttribute("Formalism", EnumValue(static_cast<int>(QuantumFormalism::STABILIZER)));
            QVector psi(2);
            psi << std::cos(0.3), std::sin(0.3);
            s->EmitQubit(psi);
        };
        QUANTUM_EXPECT_ABORT(emitNonStabilizer(), "is not a stabilizer state");
        QUANTUM_EXPECT_ABORT(
            s->SetAttribute("Formalism",
                            EnumValue(static_cast<int>(QuantumFormalism::BELL_DIAGONAL))),
            "Attribute name=Formalism");

        Ptr<SpdcPairSource> p = CreateObject<SpdcPairSource>();
        QUANTUM_EXPECT_ABORT(p->SetMeanPairNumber(-0.1), "MeanPairNumber = -0.1 is outside");
        QUANTUM_EXPECT_ABORT(p->SetAttribute("MeanPairNumber", DoubleValue(-1)),
                             "Attribute name=MeanPairNumber");
        QUANTUM_EXPECT_ABORT(p->SetAttribute("BellState", EnumValue(9)),
                             "Attribute name=BellState");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * AssignStreams: the same streams repeat exactly; other streams differ.
 */
class SourceStreamsTestCase : public TestCase
{
  public:
    SourceStreamsTestCase()
        : TestCase("AssignStreams makes sources reproducible")
    {
    }

  private:
    /**
     * @param stream first stream
     * @return labels, photon numbers and pair numbers of 3000 triggers
     */
    std::vector<uint32_t> Record(int64_t stream)
    {
        Ptr<WeakCoherentSource> w = CreateObject<WeakCoherentSource>();
        Ptr<SinglePhotonSource> s = CreateObject<SinglePhotonSource>();
        s->SetAttribute("Efficiency", DoubleValue(0.5));
        Ptr<SpdcPairSource> p = CreateObject<SpdcPairSource>();
        p->SetAttribute("MeanPairNumber", DoubleValue(0.5));
        p->SetAttribute("Formalism", EnumValue(static_cast<int>(QuantumFormalism::BELL_DIAGONAL)));
        int64_t used = w->AssignStreams(stream);
        used += s->AssignStreams(stream + used);
        used += p->AssignStreams(stream + used);
        NS_TEST_EXPECT_MSG_EQ(used, 3, "one stream per source");
        std::vector<uint32_t> out;
        for (uint32_t i = 0; i < 3000; ++i)
        {
            out.push_back(w->EmitPulse(0, 0)->GetIntensityLabel());
            out.push_back(s->EmitMode(0, 0)->GetMeanPhotonNumber());
            const SpdcEmission e = p->Emit();
            out.push_back(e.pairs);
        }
        Simulator::Destroy();
        return out;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(34);
        RngSeedManager::SetRun(1);
        const std::vector<uint32_t> a = Record(7);
        const std::vector<uint32_t> b = Record(7);
        const std::vector<uint32_t> c = Record(70);
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same streams: identical");
        // Single-photon emissions (p = 1/2) of other streams agree half the time.
        double agree = 0;
        for (size_t i = 1; i < a.size(); i += 3)
        {
            agree += (a[i] == c[i]);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(agree / 3000, 0.5, FiveSigma(0.5, 3000), "other streams");
    }
};

/**
 * @ingroup quantum-tests
 * The source test suite.
 */
class QuantumSourceTestSuite : public TestSuite
{
  public:
    QuantumSourceTestSuite()
        : TestSuite("quantum-sources", Type::UNIT)
    {
        AddTestCase(new WeakCoherentSourceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SinglePhotonSourceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SpdcPairSourceTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SourceBadInputTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new SourceStreamsTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumSourceTestSuite g_quantumSourceTestSuite;
