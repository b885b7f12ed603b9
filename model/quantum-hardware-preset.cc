/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-hardware-preset.h"

#include "quantum-memory.h"
#include "quantum-processor.h"
#include "quantum-transducer.h"
#include "quantum-xml-utils.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumHardwarePreset");

// XML helpers shared with ScenarioReader (quantum-xml-utils.h).
using quantumxml::GetAttr;
using quantumxml::IsBlank;
using quantumxml::IsDirectory;
using quantumxml::IsFile;
using quantumxml::NameOf;

namespace
{

/** How a parameter's value is read and checked. */
enum class ValueKind
{
    PROBABILITY, //!< a number in [lo, hi]
    TIME,        //!< a duration with a unit, >= 0
    COUNT,       //!< an integer in [lo, hi]
    NUMBER,      //!< a number in [lo, hi]
    MODE,        //!< "Serial" or "Parallel"
};

/** Description of one parameter a file may give. */
struct ParameterSpec
{
    const char* name;   //!< name in the file
    ValueKind kind;     //!< value kind
    double lo;          //!< smallest valid value
    double hi;          //!< largest valid value
    const char* target; //!< attribute it sets
};

/** @return the memory parameters */
const std::vector<ParameterSpec>&
MemorySpecs()
{
    static const std::vector<ParameterSpec> specs = {
        {"NumSlots", ValueKind::COUNT, 1, 1e6, "NumSlots"},
        {"T1", ValueKind::TIME, 0, 0, "T1"},
        {"T2", ValueKind::TIME, 0, 0, "T2"},
        {"InitializationFidelity", ValueKind::PROBABILITY, 0, 1, "InitializationFidelity"},
        {"ReadoutError0", ValueKind::PROBABILITY, 0, 1, "ReadoutError0"},
        {"ReadoutError1", ValueKind::PROBABILITY, 0, 1, "ReadoutError1"},
        {"ReadoutFidelity0", ValueKind::PROBABILITY, 0, 1, "ReadoutError0"},
        {"ReadoutFidelity1", ValueKind::PROBABILITY, 0, 1, "ReadoutError1"},
        {"CutoffTime", ValueKind::TIME, 0, 0, "CutoffTime"},
        {"EmissionEfficiency", ValueKind::PROBABILITY, 0, 1, "EmissionEfficiency"},
        {"RetrievalEfficiency", ValueKind::PROBABILITY, 0, 1, "RetrievalEfficiency"},
        {"EfficiencyDecayTime", ValueKind::TIME, 0, 0, "EfficiencyDecayTime"},
        {"EmissionWavelengthNm", ValueKind::NUMBER, 1, 1e9, "EmissionWavelengthNm"},
    };
    return specs;
}

/** @return the processor parameters */
const std::vector<ParameterSpec>&
ProcessorSpecs()
{
    static const std::vector<ParameterSpec> specs = {
        {"SingleQubitGateDuration", ValueKind::TIME, 0, 0, "SingleQubitGateDuration"},
        {"TwoQubitGateDuration", ValueKind::TIME, 0, 0, "TwoQubitGateDuration"},
        {"MeasurementDuration", ValueKind::TIME, 0, 0, "MeasurementDuration"},
        {"SingleQubitGateDepolarizing",
         ValueKind::PROBABILITY,
         0,
         1,
         "SingleQubitGateDepolarizing"},
        {"TwoQubitGateDepolarizing", ValueKind::PROBABILITY, 0, 1, "TwoQubitGateDepolarizing"},
        {"SingleQubitGateFidelity", ValueKind::PROBABILITY, 0.5, 1, "SingleQubitGateDepolarizing"},
        {"TwoQubitGateFidelity", ValueKind::PROBABILITY, 0.25, 1, "TwoQubitGateDepolarizing"},
        {"MeasurementError", ValueKind::PROBABILITY, 0, 1, "MeasurementError"},
        {"MeasurementFidelity", ValueKind::PROBABILITY, 0, 1, "MeasurementError"},
        {"ExecutionMode", ValueKind::MODE, 0, 0, "ExecutionMode"},
    };
    return specs;
}

/** @return the transducer parameters */
const std::vector<ParameterSpec>&
TransducerSpecs()
{
    static const std::vector<ParameterSpec> specs = {
        {"Efficiency", ValueKind::PROBABILITY, 0, 1, "Efficiency"},
        {"AddedNoise", ValueKind::PROBABILITY, 0, 1, "AddedNoise"},
        {"AddedNoiseQuanta", ValueKind::NUMBER, 0, 1e6, "AddedNoise"},
        {"Latency", ValueKind::TIME, 0, 0, "Latency"},
        {"OutputWavelengthNm", ValueKind::NUMBER, 1, 1e9, "OutputWavelengthNm"},
    };
    return specs;
}

/**
 * @param name a file parameter name
 * @param raw its value as read
 * @return the attribute value it stands for
 */
double
Convert(const std::string& name, double raw)
{
    if (name == "ReadoutFidelity0" || name == "ReadoutFidelity1" || name == "MeasurementFidelity")
    {
        return 1 - raw;
    }
    if (name == "SingleQubitGateFidelity")
    {
        return 2 * (1 - raw); // F_avg = 1 - p/2 for a one-qubit depolarizing channel
    }
    if (name == "TwoQubitGateFidelity")
    {
        return 4 * (1 - raw) / 3; // F_avg = 1 - 3p/4 for a two-qubit depolarizing channel
    }
    if (name == "AddedNoiseQuanta")
    {
        return raw / (1 + raw);
    }
    return raw;
}

} // namespace

/**
 * @ingroup quantum
 * Reads and validates one preset file into a QuantumHardwarePreset.
 */
class QuantumHardwarePresetParser
{
  public:
    /**
     * @param path the file
     */
    explicit QuantumHardwarePresetParser(const std::string& path)
        : m_path(path)
    {
    }

    /**
     * @return the preset
     */
    QuantumHardwarePreset Parse()
    {
        NS_ABORT_MSG_IF(!IsFile(m_path),
                        "QuantumHardwarePreset: " << m_path
                                                  << ": cannot read the file (it does not exist "
                                                     "or is not a regular file)");
        // Keep the first error libxml2 reports (later ones follow from it).
        quantumxml::XmlFirstError first;
        xmlSetStructuredErrorFunc(&first, &quantumxml::XmlFirstError::Handler);
        xmlDocPtr doc = xmlReadFile(m_path.c_str(),
                                    nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        xmlSetStructuredErrorFunc(nullptr, nullptr);
        if (!doc || first.seen)
        {
            if (doc)
            {
                xmlFreeDoc(doc);
            }
            NS_FATAL_ERROR("QuantumHardwarePreset: " << m_path << ":" << first.line
                                                     << ": malformed XML: " << first.message);
        }
        m_doc = doc;
        QuantumHardwarePreset preset;
        preset.m_path = m_path;
        xmlNodePtr root = xmlDocGetRootElement(doc);
        if (!root || NameOf(root) != "quantum-hardware-preset")
        {
            Fail(root,
                 "the root element must be <quantum-hardware-preset>, not <"
                     + (root ? NameOf(root) : std::string("nothing")) + ">");
        }
        CheckAttributes(root, {"name", "description"}, {"name"});
        GetAttr(root, "name", preset.m_name);
        GetAttr(root, "description", preset.m_description);
        if (preset.m_name.empty())
        {
            Fail(root, "attribute 'name' of <quantum-hardware-preset> is empty");
        }
        // References first, so that sources can be resolved in any order.
        for (xmlNodePtr n = root->children; n; n = n->next)
        {
            if (n->type == XML_ELEMENT_NODE && NameOf(n) == "reference")
            {
                CheckAttributes(n, {"id", "citation"}, {"id", "citation"});
                std::string id;
                std::string citation;
                GetAttr(n, "id", id);
                GetAttr(n, "citation", citation);
                if (m_references.count(id) != 0)
                {
                    Fail(n, "reference id '" + id + "' is defined twice");
                }
                m_references[id] = citation;
            }
        }
        const char* sectionNames[3] = {"memory", "processor", "transducer"};
        for (xmlNodePtr n = root->children; n; n = n->next)
        {
            if (SkipNonElement(n))
            {
                continue;
            }
            const std::string name = NameOf(n);
            if (name == "reference")
            {
                continue;
            }
            int section = -1;
            for (int s = 0; s < 3; ++s)
            {
                section = (name == sectionNames[s]) ? s : section;
            }
            if (section < 0)
            {
                Fail(n,
                     "unknown element <" + name
                         + "> (expected <reference>, <memory>, <processor> or <transducer>)");
            }
            if (preset.m_has[section])
            {
                Fail(n, "element <" + name + "> appears twice");
            }
            CheckAttributes(n, {}, {});
            preset.m_has[section] = true;
            ParseSection(n, section, preset);
        }
        // T2 <= 2 T1.
        auto& mem = preset.m_parameters[QuantumHardwarePreset::MEMORY];
        auto t1 = mem.find("T1");
        auto t2 = mem.find("T2");
        if (t2 != mem.end() && t2->second.value > 0)
        {
            const double t1v = (t1 == mem.end()) ? 0 : t1->second.value;
            if (t1v > 0 && t2->second.value > 2 * t1v)
            {
                FailLine(t2->second.line,
                         "T2 = " + Str(t2->second.value) + " s exceeds 2 T1 = " + Str(2 * t1v)
                             + " s, which is unphysical");
            }
        }
        xmlFreeDoc(doc);
        m_doc = nullptr;
        return preset;
    }

  private:
    /**
     * @param x a number
     * @return it as text
     */
    static std::string Str(double x)
    {
        std::ostringstream s;
        s << x;
        return s.str();
    }

    /**
     * @param n a node
     * @return true if it is not an element (comments, white space); aborts on other text
     */
    bool SkipNonElement(xmlNodePtr n)
    {
        if (n->type == XML_ELEMENT_NODE)
        {
            return false;
        }
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
            const std::string text = n->content ? reinterpret_cast<const char*>(n->content) : "";
            if (!IsBlank(text))
            {
                Fail(n, "unexpected text '" + text + "' (values go in attributes)");
            }
        }
        return true;
    }

    /**
     * @param n a node
     * @param what the problem
     */
    [[noreturn]] void Fail(xmlNodePtr n, const std::string& what)
    {
        FailLine(n ? static_cast<int>(xmlGetLineNo(n)) : 0, what);
    }

    /**
     * @param line the line
     * @param what the problem
     */
    [[noreturn]] void FailLine(int line, const std::string& what)
    {
        if (m_doc)
        {
            xmlFreeDoc(m_doc);
            m_doc = nullptr;
        }
        NS_FATAL_ERROR("QuantumHardwarePreset: " << m_path << ":" << line << ": " << what);
    }

    /**
     * Abort on unknown or missing attributes.
     * @param n an element
     * @param allowed the attributes it may have
     * @param required the attributes it must have
     */
    void CheckAttributes(xmlNodePtr n,
                         const std::set<std::string>& allowed,
                         const std::set<std::string>& required)
    {
        for (xmlAttrPtr a = n->properties; a; a = a->next)
        {
            const std::string an = reinterpret_cast<const char*>(a->name);
            if (allowed.count(an) == 0)
            {
                std::string list;
                for (const auto& x : allowed)
                {
                    list += (list.empty() ? "" : ", ") + x;
                }
                Fail(n,
                     "unknown attribute '" + an + "' on <" + NameOf(n)
                         + "> (allowed: " + (list.empty() ? std::string("none") : list) + ")");
            }
        }
        for (const auto& r : required)
        {
            std::string v;
            if (!GetAttr(n, r.c_str(), v))
            {
                Fail(n, "element <" + NameOf(n) + "> lacks the required attribute '" + r + "'");
            }
        }
    }

    /**
     * @param n the element
     * @param attr the attribute holding the number
     * @param text its text
     * @return the number; aborts if it is not a finite number
     */
    double ParseNumber(xmlNodePtr n, const std::string& attr, const std::string& text)
    {
        if (IsBlank(text))
        {
            Fail(n, "attribute '" + attr + "' is empty; a number is needed");
        }
        errno = 0;
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        while (end && (*end == ' ' || *end == '\t'))
        {
            ++end;
        }
        if (errno != 0 || !end || *end != '\0' || !std::isfinite(v))
        {
            Fail(n, "attribute '" + attr + "' = '" + text + "' is not a finite number");
        }
        return v;
    }

    /**
     * @param n the element
     * @param unit a unit name
     * @return seconds per unit; aborts on an unknown unit
     */
    double UnitScale(xmlNodePtr n, const std::string& unit)
    {
        if (unit == "s")
        {
            return 1;
        }
        if (unit == "ms")
        {
            return 1e-3;
        }
        if (unit == "us")
        {
            return 1e-6;
        }
        if (unit == "ns")
        {
            return 1e-9;
        }
        if (unit == "ps")
        {
            return 1e-12;
        }
        Fail(n, "unknown time unit '" + unit + "' (use s, ms, us, ns or ps)");
    }

    /**
     * @param n the element
     * @return the citation of its source attribute; aborts if unknown
     */
    std::string Source(xmlNodePtr n)
    {
        std::string id;
        GetAttr(n, "source", id);
        auto it = m_references.find(id);
        if (it == m_references.end())
        {
            Fail(n, "source '" + id + "' is not a <reference> id of this file");
        }
        return it->second;
    }

    /**
     * @param sec the section element
     * @param section its index
     * @param preset the preset being filled
     */
    void ParseSection(xmlNodePtr sec, int section, QuantumHardwarePreset& preset)
    {
        const std::vector<ParameterSpec>& specs
            = section == 0 ? MemorySpecs() : (section == 1 ? ProcessorSpecs() : TransducerSpecs());
        std::map<std::string, std::string> targetSetBy; // attribute -> file parameter name
        for (xmlNodePtr n = sec->children; n; n = n->next)
        {
            if (SkipNonElement(n))
            {
                continue;
            }
            const std::string el = NameOf(n);
            if (el == "instruction" && section == 1)
            {
                ParseInstruction(n, preset);
                continue;
            }
            if (el != "parameter")
            {
                Fail(n,
                     "unknown element <" + el + "> in <" + NameOf(sec) + "> (expected <parameter>"
                         + (section == 1 ? std::string(" or <instruction>") : std::string(""))
                         + ")");
            }
            CheckAttributes(n,
                            {"name", "value", "unit", "source", "note"},
                            {"name", "value", "source"});
            std::string name;
            std::string text;
            GetAttr(n, "name", name);
            GetAttr(n, "value", text);
            const ParameterSpec* spec = nullptr;
            for (const auto& s : specs)
            {
                spec = (name == s.name) ? &s : spec;
            }
            if (!spec)
            {
                std::string list;
                for (const auto& s : specs)
                {
                    list += (list.empty() ? "" : ", ") + std::string(s.name);
                }
                Fail(n,
                     "unknown parameter '" + name + "' in <" + NameOf(sec) + "> (known: " + list
                         + ")");
            }
            auto prev = targetSetBy.find(spec->target);
            if (prev != targetSetBy.end())
            {
                Fail(n,
                     "parameter '" + name + "' sets " + spec->target + ", already set by '"
                         + prev->second + "'");
            }
            targetSetBy[spec->target] = name;
            std::string unit;
            const bool hasUnit = GetAttr(n, "unit", unit);
            QuantumHardwarePreset::Parameter p;
            p.text = text;
            p.line = static_cast<int>(xmlGetLineNo(n));
            p.source = Source(n);
            if (spec->kind == ValueKind::TIME)
            {
                if (!hasUnit)
                {
                    Fail(n,
                         "time parameter '" + name
                             + "' needs a unit attribute (s, ms, us, ns "
                               "or ps)");
                }
                const double v = ParseNumber(n, "value", text);
                if (v < 0)
                {
                    Fail(n,
                         "parameter '" + name + "' = " + text + " " + unit
                             + " is out of range: it must be >= 0");
                }
                p.value = v * UnitScale(n, unit);
            }
            else
            {
                if (hasUnit)
                {
                    Fail(n, "parameter '" + name + "' is not a time and takes no unit");
                }
                if (spec->kind == ValueKind::MODE)
                {
                    if (text != "Serial" && text != "Parallel")
                    {
                        Fail(n,
                             "parameter '" + name + "' = '" + text
                                 + "' is out of range: use Serial or Parallel");
                    }
                }
                else
                {
                    const double v = ParseNumber(n, "value", text);
                    if (v < spec->lo || v > spec->hi)
                    {
                        Fail(n,
                             "parameter '" + name + "' = " + text
                                 + " is out of range: valid range [" + Str(spec->lo) + ", "
                                 + Str(spec->hi) + "]");
                    }
                    if (spec->kind == ValueKind::COUNT && v != std::floor(v))
                    {
                        Fail(n, "parameter '" + name + "' = " + text + " must be an integer");
                    }
                    p.value = Convert(name, v);
                }
            }
            preset.m_parameters[section][spec->target] = p;
        }
    }

    /**
     * @param n an <instruction> element
     * @param preset the preset being filled
     */
    void ParseInstruction(xmlNodePtr n, QuantumHardwarePreset& preset)
    {
        CheckAttributes(n,
                        {"name", "duration", "unit", "depolarizing", "fidelity", "source", "note"},
                        {"name", "duration", "unit", "source"});
        QuantumHardwarePreset::Instruction ins;
        GetAttr(n, "name", ins.name);
        if (IsBlank(ins.name))
        {
            Fail(n, "attribute 'name' of <instruction> is empty");
        }
        for (const auto& other : preset.m_instructions)
        {
            if (other.name == ins.name)
            {
                Fail(n, "instruction '" + ins.name + "' is given twice");
            }
        }
        std::string text;
        std::string unit;
        GetAttr(n, "duration", text);
        GetAttr(n, "unit", unit);
        const double d = ParseNumber(n, "duration", text);
        if (d < 0)
        {
            Fail(n,
                 "instruction '" + ins.name + "' duration " + text
                     + " is out of range: it must be >= 0");
        }
        ins.duration = Seconds(d * UnitScale(n, unit));
        std::string dep;
        std::string fid;
        const bool hasDep = GetAttr(n, "depolarizing", dep);
        const bool hasFid = GetAttr(n, "fidelity", fid);
        if (hasDep && hasFid)
        {
            Fail(n, "instruction '" + ins.name + "' gives both 'depolarizing' and 'fidelity'");
        }
        if (hasDep)
        {
            ins.noise = ParseNumber(n, "depolarizing", dep);
            if (ins.noise < 0 || ins.noise > 1)
            {
                Fail(n,
                     "instruction '" + ins.name + "' depolarizing = " + dep
                         + " is out of range: valid range [0, 1]");
            }
        }
        if (hasFid)
        {
            const double f = ParseNumber(n, "fidelity", fid);
            if (f < 0 || f > 1)
            {
                Fail(n,
                     "instruction '" + ins.name + "' fidelity = " + fid
                         + " is out of range: valid range [0, 1]");
            }
            // The fidelity of a measurement is 1 - flip probability; that of a
            // gate is taken as the average gate fidelity of a depolarizing
            // channel on one qubit (p = 2 (1 - F)) unless the instruction name
            // is a known two-qubit gate (p = 4 (1 - F) / 3).
            const bool two = ins.name == "CNOT" || ins.name == "CZ" || ins.name == "SWAP";
            if (ins.name == "MEASURE")
            {
                ins.noise = 1 - f;
            }
            else
            {
                ins.noise = two ? 4 * (1 - f) / 3 : 2 * (1 - f);
                if (ins.noise > 1)
                {
                    Fail(n,
                         "instruction '" + ins.name + "' fidelity = " + fid
                             + " is below the fully depolarized value");
                }
            }
        }
        ins.source = Source(n);
        preset.m_instructions.push_back(ins);
    }

    std::string m_path;                              //!< the file
    xmlDocPtr m_doc = nullptr;                       //!< the parsed document
    std::map<std::string, std::string> m_references; //!< citation by reference id
};

QuantumHardwarePreset::QuantumHardwarePreset()
    : m_has{false, false, false}
{
}

QuantumHardwarePreset
QuantumHardwarePreset::Load(const std::string& pathOrName)
{
    NS_LOG_FUNCTION(pathOrName);
    return QuantumHardwarePresetParser(FindPreset(pathOrName)).Parse();
}

std::string
QuantumHardwarePreset::GetDataDirectory()
{
    return quantumxml::DataDirectory();
}

std::string
QuantumHardwarePreset::FindPreset(const std::string& name)
{
    if (IsFile(name))
    {
        return name;
    }
    const bool isPath = name.find('/') != std::string::npos;
    const std::string dir = GetDataDirectory();
    NS_ABORT_MSG_IF(isPath,
                    "QuantumHardwarePreset: " << name
                                              << ": cannot read the file (it does not exist or is "
                                                 "not a regular file)");
    NS_ABORT_MSG_IF(dir.empty(),
                    "QuantumHardwarePreset: preset '"
                        << name
                        << "' not found: no data directory (set QUANTUM_DATA_DIR to the "
                           "module's data/ folder)");
    const bool hasExt = name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
    const std::string path = dir + "/" + name + (hasExt ? "" : ".xml");
    NS_ABORT_MSG_IF(!IsFile(path),
                    "QuantumHardwarePreset: preset '" << name << "' not found: no file " << path);
    return path;
}

std::vector<std::string>
QuantumHardwarePreset::ListPresets()
{
    std::vector<std::string> names;
    const std::string dir = GetDataDirectory();
    if (dir.empty())
    {
        return names;
    }
    DIR* d = opendir(dir.c_str());
    if (!d)
    {
        return names;
    }
    while (struct dirent* e = readdir(d))
    {
        const std::string f = e->d_name;
        if (f.size() <= 4 || f.compare(f.size() - 4, 4, ".xml") != 0)
        {
            continue;
        }
        // data/ also holds other XML files (topologies): list presets only.
        xmlDocPtr doc = xmlReadFile((dir + "/" + f).c_str(),
                                    nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc)
        {
            // A malformed file is listed, so that loading it reports the error.
            names.push_back(f.substr(0, f.size() - 4));
            continue;
        }
        xmlNodePtr root = xmlDocGetRootElement(doc);
        if (root && NameOf(root) == "quantum-hardware-preset")
        {
            names.push_back(f.substr(0, f.size() - 4));
        }
        xmlFreeDoc(doc);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

std::string
QuantumHardwarePreset::GetName() const
{
    return m_name;
}

std::string
QuantumHardwarePreset::GetDescription() const
{
    return m_description;
}

std::string
QuantumHardwarePreset::GetPath() const
{
    return m_path;
}

bool
QuantumHardwarePreset::HasSection(Section section) const
{
    return m_has[section];
}

bool
QuantumHardwarePreset::HasParameter(Section section, const std::string& name) const
{
    return m_parameters[section].count(name) != 0;
}

const QuantumHardwarePreset::Parameter&
QuantumHardwarePreset::GetParameter(Section section, const std::string& name) const
{
    auto it = m_parameters[section].find(name);
    NS_ABORT_MSG_IF(it == m_parameters[section].end(),
                    "QuantumHardwarePreset '" << m_name << "': no parameter " << name
                                              << " in this section");
    return it->second;
}

const std::map<std::string, QuantumHardwarePreset::Parameter>&
QuantumHardwarePreset::GetParameters(Section section) const
{
    return m_parameters[section];
}

const std::vector<QuantumHardwarePreset::Instruction>&
QuantumHardwarePreset::GetInstructions() const
{
    return m_instructions;
}

namespace
{
/**
 * Set the attributes of one section on an object.
 * @param obj the object
 * @param params the section's parameters
 */
void
SetAll(Ptr<Object> obj, const std::map<std::string, QuantumHardwarePreset::Parameter>& params)
{
    for (const auto& [name, p] : params)
    {
        const bool isTime = name == "T1" || name == "T2" || name == "CutoffTime"
                            || name == "EfficiencyDecayTime" || name == "Latency"
                            || name.find("Duration") != std::string::npos;
        if (isTime)
        {
            obj->SetAttribute(name, TimeValue(Seconds(p.value)));
        }
        else if (name == "NumSlots")
        {
            obj->SetAttribute(name, UintegerValue(static_cast<uint64_t>(p.value)));
        }
        else if (name == "ExecutionMode")
        {
            obj->SetAttribute(name, StringValue(p.text));
        }
        else
        {
            obj->SetAttribute(name, DoubleValue(p.value));
        }
    }
}
} // namespace

void
QuantumHardwarePreset::Apply(Ptr<QuantumMemory> memory, Ptr<QuantumProcessor> processor) const
{
    if (memory)
    {
        // T2 <= 2 T1 is checked by the memory when it is used, so the
        // order in which the two are set does not matter.
        SetAll(memory, m_parameters[MEMORY]);
    }
    if (processor)
    {
        SetAll(processor, m_parameters[PROCESSOR]);
        for (const auto& ins : m_instructions)
        {
            processor->SetInstruction(ins.name, ins.duration, ins.noise);
        }
    }
}

void
QuantumHardwarePreset::ApplyTransducer(Ptr<QuantumTransducer> transducer) const
{
    NS_ABORT_MSG_IF(!transducer, "QuantumHardwarePreset::ApplyTransducer: null transducer");
    SetAll(transducer, m_parameters[TRANSDUCER]);
}

} // namespace ns3
