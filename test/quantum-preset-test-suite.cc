/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Hardware presets (data/*.xml): every file loads and configures a memory,
// a processor and a transducer; conversions of quoted fidelities; malformed or
// invalid files abort with the file and the line; QuantumNodeHelper.

#include "quantum-test-utils.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/node-container.h"
#include "ns3/quantum-hardware-preset.h"
#include "ns3/quantum-memory.h"
#include "ns3/quantum-node-helper.h"
#include "ns3/quantum-processor.h"
#include "ns3/quantum-transducer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace ns3;

namespace
{

/**
 * @param obj an object
 * @param name an attribute that holds a Time, a double or an integer
 * @return its value as a double (seconds for times)
 */
double
AttributeAsDouble(Ptr<Object> obj, const std::string& name)
{
    TypeId::AttributeInformation info;
    NS_ABORT_IF(!obj->GetInstanceTypeId().LookupAttributeByName(name, &info));
    Ptr<AttributeValue> v = info.checker->Create();
    obj->GetAttribute(name, *v);
    if (auto t = DynamicCast<TimeValue>(v))
    {
        return t->Get().GetSeconds();
    }
    if (auto d = DynamicCast<DoubleValue>(v))
    {
        return d->Get();
    }
    if (auto u = DynamicCast<UintegerValue>(v))
    {
        return static_cast<double>(u->Get());
    }
    return std::nan("");
}

/**
 * Write a small preset file for a death test.
 * @param tag distinguishes the file
 * @param body the XML
 * @return its path
 */
std::string
WriteFile(const std::string& tag, const std::string& body)
{
    const std::string path
        = "/tmp/quantum-preset-test-" + std::to_string(getpid()) + "-" + tag + ".xml";
    std::ofstream f(path);
    f << body;
    return path;
}

/** Header lines shared by the bad files (the preset element is on line 2). */
const std::string HEAD = "<?xml version=\"1.0\"?>\n"
                         "<quantum-hardware-preset name=\"bad\">\n"
                         "  <reference id=\"r\" citation=\"a paper\"/>\n";

} // namespace

/**
 * @ingroup quantum-tests
 * Every preset of data/ loads; applying it sets exactly its values on a
 * memory, a processor and (when present) a transducer; T2 <= 2 T1.
 */
class PresetsLoadTestCase : public TestCase
{
  public:
    PresetsLoadTestCase()
        : TestCase("every preset in data loads and applies its values")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<std::string> names = QuantumHardwarePreset::ListPresets();
        const std::set<std::string> have(names.begin(), names.end());
        for (const char* expected : {"nv-centre",
                                     "trapped-ion",
                                     "rare-earth-afc",
                                     "atomic-ensemble",
                                     "superconducting-transducer"})
        {
            NS_TEST_EXPECT_MSG_EQ(have.count(expected), 1, "preset " << expected << " exists");
        }
        for (const auto& name : names)
        {
            QuantumHardwarePreset p = QuantumHardwarePreset::Load(name);
            NS_TEST_EXPECT_MSG_EQ(p.GetName(), name, "the name matches the file");
            Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
            Ptr<QuantumProcessor> proc = CreateObject<QuantumProcessor>();
            p.Apply(m, proc);
            for (const auto& [attr, param] : p.GetParameters(QuantumHardwarePreset::MEMORY))
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(AttributeAsDouble(m, attr),
                                          param.value,
                                          1e-12 * std::max(1.0, param.value),
                                          name << ": memory " << attr);
                NS_TEST_EXPECT_MSG_NE(param.source.empty(), true, name << ": source of " << attr);
            }
            for (const auto& [attr, param] : p.GetParameters(QuantumHardwarePreset::PROCESSOR))
            {
                if (attr == "ExecutionMode")
                {
                    continue;
                }
                NS_TEST_EXPECT_MSG_EQ_TOL(AttributeAsDouble(proc, attr),
                                          param.value,
                                          1e-12 * std::max(1.0, param.value),
                                          name << ": processor " << attr);
            }
            for (const auto& ins : p.GetInstructions())
            {
                if (ins.name == "MEASURE")
                {
                    NS_TEST_EXPECT_MSG_EQ(proc->GetMeasurementDuration(), ins.duration, name);
                    continue;
                }
                const QuantumGate g = ins.name == "CNOT" ? QuantumGate::Cnot()
                                      : ins.name == "CZ" ? QuantumGate::Cz()
                                                         : QuantumGate::Hadamard();
                if (g.GetName() == ins.name)
                {
                    NS_TEST_EXPECT_MSG_EQ(proc->GetDuration(g), ins.duration, name << ins.name);
                    NS_TEST_EXPECT_MSG_EQ_TOL(proc->GetDepolarizing(g),
                                              ins.noise,
                                              1e-15,
                                              name << ins.name);
                }
            }
            if (p.HasSection(QuantumHardwarePreset::TRANSDUCER))
            {
                Ptr<QuantumTransducer> t = CreateObject<QuantumTransducer>();
                p.ApplyTransducer(t);
                for (const auto& [attr, param] : p.GetParameters(QuantumHardwarePreset::TRANSDUCER))
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(AttributeAsDouble(t, attr),
                                              param.value,
                                              1e-12 * std::max(1.0, param.value),
                                              name << ": transducer " << attr);
                }
            }
            const double t1 = m->GetT1().GetSeconds();
            const double t2 = m->GetT2().GetSeconds();
            NS_TEST_EXPECT_MSG_EQ((t1 == 0 || t2 == 0 || t2 <= 2 * t1),
                                  true,
                                  name << ": T2 <= 2 T1");
            // The memory works with these values: one stored qubit decays.
            m->Allocate();
            m->Release(0);
        }
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Quoted fidelities are converted: readout F -> error 1 - F; average gate
 * fidelity of a depolarizing channel F = 1 - p/2 (one qubit) and 1 - 3p/4
 * (two qubits); added noise quanta N -> N/(1+N); the AFC decay time follows
 * from the two quoted efficiencies.
 */
class PresetsConversionTestCase : public TestCase
{
  public:
    PresetsConversionTestCase()
        : TestCase("quoted fidelities and noise quanta convert to attribute values")
    {
    }

  private:
    void DoRun() override
    {
        QuantumHardwarePreset nv = QuantumHardwarePreset::Load("nv-centre");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            nv.GetParameter(QuantumHardwarePreset::MEMORY, "ReadoutError0").value,
            0.05,
            1e-15,
            "1 - 0.950");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            nv.GetParameter(QuantumHardwarePreset::MEMORY, "ReadoutError1").value,
            0.005,
            1e-15,
            "1 - 0.995");
        NS_TEST_EXPECT_MSG_EQ(nv.GetInstructions().size(), 1, "one instruction");
        NS_TEST_EXPECT_MSG_EQ(nv.GetInstructions()[0].duration, MicroSeconds(500), "CNOT");
        QuantumHardwarePreset sc = QuantumHardwarePreset::Load("superconducting-transducer");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            sc.GetParameter(QuantumHardwarePreset::PROCESSOR, "SingleQubitGateDepolarizing").value,
            2 * (1 - 0.9998),
            1e-15,
            "one-qubit: p = 2 (1 - F)");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            sc.GetParameter(QuantumHardwarePreset::PROCESSOR, "TwoQubitGateDepolarizing").value,
            4 * (1 - 0.9992) / 3,
            1e-15,
            "two-qubit: p = 4 (1 - F) / 3");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            sc.GetParameter(QuantumHardwarePreset::TRANSDUCER, "AddedNoise").value,
            0.16 / 1.16,
            1e-15,
            "N / (1 + N)");
        NS_TEST_EXPECT_MSG_EQ_TOL(sc.GetParameter(QuantumHardwarePreset::MEMORY, "T2").value,
                                  300e-6,
                                  1e-18,
                                  "unit us");
        // The two quoted AFC efficiencies are reproduced by the decay law.
        QuantumHardwarePreset afc = QuantumHardwarePreset::Load("rare-earth-afc");
        Ptr<QuantumMemory> m = CreateObject<QuantumMemory>();
        afc.Apply(m, nullptr);
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetRetrievalEfficiency(Seconds(0)), 0.20, 1e-15, "eta0");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetRetrievalEfficiency(MicroSeconds(125)),
                                  0.05,
                                  1e-4,
                                  "5 % at 125 us (tau rounded to 0.1 us)");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * Bad preset files abort with the file, the line and the reason.
 */
class PresetsBadFileTestCase : public TestCase
{
  public:
    PresetsBadFileTestCase()
        : TestCase("bad preset files fail with file and line in the message")
    {
    }

  private:
    /**
     * @param tag file tag
     * @param body XML text
     * @param line the line the error is on
     * @param what a fragment of the reason
     */
    void ExpectFailure(const std::string& tag,
                       const std::string& body,
                       int line,
                       const std::string& what)
    {
        const std::string path = WriteFile(tag, body);
        QUANTUM_EXPECT_ABORT(QuantumHardwarePreset::Load(path),
                             path + ":" + std::to_string(line) + ": ");
        QUANTUM_EXPECT_ABORT(QuantumHardwarePreset::Load(path), what);
        unlink(path.c_str());
    }

    void DoRun() override
    {
        ExpectFailure("malformed",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"s\" "
                            "source=\"r\">\n  </memory>\n</quantum-hardware-preset>\n",
                      6,
                      "malformed XML");
        ExpectFailure("unknown-element",
                      HEAD + "  <memory>\n  </memory>\n  <laser/>\n</quantum-hardware-preset>\n",
                      6,
                      "unknown element <laser>");
        ExpectFailure("unknown-attribute",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"s\" "
                            "source=\"r\" colour=\"red\"/>\n  </memory>\n"
                            "</quantum-hardware-preset>\n",
                      5,
                      "unknown attribute 'colour'");
        ExpectFailure("missing-value",
                      HEAD
                          + "  <memory>\n\n    <parameter name=\"T1\" unit=\"s\" source=\"r\"/>\n"
                            "  </memory>\n</quantum-hardware-preset>\n",
                      6,
                      "lacks the required attribute 'value'");
        ExpectFailure("empty-value",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T2\" value=\"\" unit=\"s\" "
                            "source=\"r\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      5,
                      "is empty");
        ExpectFailure("out-of-range",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"s\" "
                            "source=\"r\"/>\n    <parameter name=\"ReadoutError0\" value=\"1.5\" "
                            "source=\"r\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      6,
                      "out of range");
        ExpectFailure("not-a-number",
                      HEAD
                          + "  <processor>\n    <parameter name=\"MeasurementError\" "
                            "value=\"0.1x\" source=\"r\"/>\n  </processor>\n"
                            "</quantum-hardware-preset>\n",
                      5,
                      "not a finite number");
        ExpectFailure("unknown-parameter",
                      HEAD
                          + "  <transducer>\n    <parameter name=\"Gain\" value=\"2\" "
                            "source=\"r\"/>\n  </transducer>\n</quantum-hardware-preset>\n",
                      5,
                      "unknown parameter 'Gain'");
        ExpectFailure("bad-unit",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"h\" "
                            "source=\"r\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      5,
                      "unknown time unit 'h'");
        ExpectFailure("no-unit",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" "
                            "source=\"r\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      5,
                      "needs a unit");
        ExpectFailure("unknown-source",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"s\" "
                            "source=\"nobody\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      5,
                      "source 'nobody'");
        ExpectFailure("twice",
                      HEAD
                          + "  <memory>\n    <parameter name=\"ReadoutError0\" value=\"0.1\" "
                            "source=\"r\"/>\n    <parameter name=\"ReadoutFidelity0\" "
                            "value=\"0.9\" source=\"r\"/>\n  </memory>\n"
                            "</quantum-hardware-preset>\n",
                      6,
                      "already set by 'ReadoutError0'");
        ExpectFailure("t2-above-2t1",
                      HEAD
                          + "  <memory>\n    <parameter name=\"T1\" value=\"1\" unit=\"s\" "
                            "source=\"r\"/>\n    <parameter name=\"T2\" value=\"2.5\" unit=\"s\" "
                            "source=\"r\"/>\n  </memory>\n</quantum-hardware-preset>\n",
                      6,
                      "exceeds 2 T1");
        ExpectFailure("bad-instruction",
                      HEAD
                          + "  <processor>\n    <instruction name=\"CNOT\" duration=\"-1\" "
                            "unit=\"us\" source=\"r\"/>\n  </processor>\n"
                            "</quantum-hardware-preset>\n",
                      5,
                      "out of range");
        ExpectFailure("wrong-root", "<?xml version=\"1.0\"?>\n<topology/>\n", 2, "root element");
        QUANTUM_EXPECT_ABORT(QuantumHardwarePreset::Load("/tmp/no/such/preset.xml"),
                             "cannot read the file");
        QUANTUM_EXPECT_ABORT(QuantumHardwarePreset::Load("no-such-preset"), "not found");
    }
};

/**
 * @ingroup quantum-tests
 * QuantumNodeHelper installs a memory and a processor per node, applies the
 * preset and then the helper's attributes, installs a transducer when the
 * preset has one, and counts streams.
 */
class NodeHelperTestCase : public TestCase
{
  public:
    NodeHelperTestCase()
        : TestCase("QuantumNodeHelper installs, configures and assigns streams")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(21);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        QuantumNodeHelper helper;
        helper.SetPreset("nv-centre");
        helper.SetMemoryAttribute("NumSlots", UintegerValue(4));
        helper.SetProcessorAttribute("ExecutionMode", StringValue("Parallel"));
        helper.Install(nodes);
        NS_TEST_EXPECT_MSG_EQ(helper.AssignStreams(nodes, 10), 6, "2 + 1 streams per node");
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<QuantumMemory> m = nodes.Get(i)->GetObject<QuantumMemory>();
            Ptr<QuantumProcessor> p = nodes.Get(i)->GetObject<QuantumProcessor>();
            NS_TEST_ASSERT_MSG_NE(m, nullptr, "memory installed");
            NS_TEST_ASSERT_MSG_NE(p, nullptr, "processor installed");
            NS_TEST_EXPECT_MSG_EQ(m->GetNumSlots(), 4, "helper attribute overrides");
            NS_TEST_EXPECT_MSG_EQ(m->GetT2(), Seconds(1.46), "preset applied");
            NS_TEST_EXPECT_MSG_EQ(p->GetMemory(), m, "processor works on the node's memory");
            NS_TEST_EXPECT_MSG_EQ(p->GetDuration(QuantumGate::Cnot()),
                                  MicroSeconds(500),
                                  "preset instruction");
            NS_TEST_EXPECT_MSG_EQ(nodes.Get(i)->GetObject<QuantumTransducer>(),
                                  nullptr,
                                  "no transducer in this preset");
        }
        NodeContainer sc;
        sc.Create(1);
        QuantumNodeHelper scHelper;
        scHelper.SetPreset("superconducting-transducer");
        scHelper.Install(sc);
        NS_TEST_EXPECT_MSG_EQ(scHelper.AssignStreams(sc, 0), 4, "2 + 1 + 1 streams");
        Ptr<QuantumTransducer> t = sc.Get(0)->GetObject<QuantumTransducer>();
        NS_TEST_ASSERT_MSG_NE(t, nullptr, "transducer installed");
        NS_TEST_EXPECT_MSG_EQ_TOL(AttributeAsDouble(t, "Efficiency"), 0.087, 1e-15, "preset");
        QUANTUM_EXPECT_ABORT(helper.Install(nodes), "already has a QuantumMemory");
        QUANTUM_EXPECT_ABORT(helper.SetMemoryAttribute("Colour", UintegerValue(1)),
                             "has no attribute 'Colour'");
        Simulator::Destroy();
    }
};

/**
 * @ingroup quantum-tests
 * The data directory is found and presets resolve by name.
 */
class PresetsDataDirectoryTestCase : public TestCase
{
  public:
    PresetsDataDirectoryTestCase()
        : TestCase("the data directory is found and presets resolve by name")
    {
    }

  private:
    void DoRun() override
    {
        const std::string dir = QuantumHardwarePreset::GetDataDirectory();
        NS_TEST_ASSERT_MSG_EQ(dir.empty(), false, "data directory found");
        NS_TEST_EXPECT_MSG_EQ(QuantumHardwarePreset::FindPreset("nv-centre"),
                              dir + "/nv-centre.xml",
                              "by name");
        NS_TEST_EXPECT_MSG_EQ(QuantumHardwarePreset::FindPreset(dir + "/nv-centre.xml"),
                              dir + "/nv-centre.xml",
                              "by path");
    }
};

/**
 * @ingroup quantum-tests
 * The hardware preset suite.
 */
class QuantumPresetTestSuite : public TestSuite
{
  public:
    QuantumPresetTestSuite()
        : TestSuite("quantum-presets", Type::UNIT)
    {
        AddTestCase(new PresetsDataDirectoryTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PresetsLoadTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PresetsConversionTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new PresetsBadFileTestCase, QUANTUM_TEST_QUICK);
        AddTestCase(new NodeHelperTestCase, QUANTUM_TEST_QUICK);
    }
};

/// The suite instance.
static QuantumPresetTestSuite g_quantumPresetTestSuite;
