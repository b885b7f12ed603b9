/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-scenario-reader.h"

#include "quantum-xml-utils.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioReader");

using quantumxml::GetAttr;
using quantumxml::IsBlank;
using quantumxml::IsFile;
using quantumxml::NameOf;

namespace
{

/** A validation error: line and message (caught inside the reader). */
struct ScenarioError
{
    int line;            //!< line
    std::string message; //!< what is wrong
};

/** Largest scenario file read, in bytes. */
constexpr size_t MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * @param n a node
 * @param what the problem
 */
[[noreturn]] void
Fail(xmlNodePtr n, const std::string& what)
{
    throw ScenarioError{n ? static_cast<int>(xmlGetLineNo(n)) : 0, what};
}

/**
 * @param x a number
 * @return it as text
 */
std::string
Str(double x)
{
    std::ostringstream s;
    s << x;
    return s.str();
}

/** The schema of one element: its attributes. */
struct ElementSpec
{
    std::set<std::string> allowed;  //!< attributes it may have
    std::set<std::string> required; //!< attributes it must have
};

/** @return the attributes of every element below <scenario> */
const std::map<std::string, ElementSpec>&
Schema()
{
    static const std::map<std::string, ElementSpec> schema = {
        {"scenario", {{"name", "seed", "run", "stopSeconds", "outputPrefix"}, {"name"}}},
        {"node",
         {{"name",
           "preset",
           "numSlots",
           "t1Seconds",
           "t2Seconds",
           "twoQubitGateDepolarizing",
           "measurementError",
           "x",
           "y",
           "z",
           "vx",
           "vy",
           "vz"},
          {"name"}}},
        {"quantumLink",
         {{"name",
           "from",
           "to",
           "type",
           "model",
           "lengthKm",
           "attenuationDbPerKm",
           "successProbability",
           "fidelity",
           "receiverApertureM"},
          {"name", "from", "to"}}},
        {"classicalLink", {{"type", "from", "to", "nodes", "dataRate", "delay"}, {}}},
        {"qkd",
         {{"name",
           "alice",
           "bob",
           "protocol",
           "pulseRateHz",
           "totalPulses",
           "framePulses",
           "misalignment",
           "signalMu",
           "decoyMu"},
          {"name", "alice", "bob"}}},
        {"repeaterChain", {{"name", "nodes", "scheme", "maxDeliveries"}, {"name", "nodes"}}},
        {"teleportation", {{"chain", "thetaRad", "phiRad"}, {"chain"}}},
        {"entanglementRequest",
         {{"from", "to", "pairs", "minFidelity", "startSeconds"}, {"from", "to"}}},
    };
    return schema;
}

/**
 * @param set names
 * @return them as a comma-separated list
 */
std::string
List(const std::set<std::string>& set)
{
    std::string list;
    for (const auto& x : set)
    {
        list += (list.empty() ? "" : ", ") + x;
    }
    return list.empty() ? std::string("none") : list;
}

/**
 * Check an element's attributes against the schema.
 * @param n the element
 */
void
CheckAttributes(xmlNodePtr n)
{
    const std::string el = NameOf(n);
    const ElementSpec& spec = Schema().at(el);
    for (xmlAttrPtr a = n->properties; a; a = a->next)
    {
        const std::string an = a->name ? reinterpret_cast<const char*>(a->name) : "";
        if (a->ns)
        {
            Fail(n, "attribute '" + an + "' on <" + el + "> has a namespace; none is allowed");
        }
        if (spec.allowed.count(an) == 0)
        {
            Fail(n,
                 "unknown attribute '" + an + "' on <" + el + "> (allowed: " + List(spec.allowed)
                     + ")");
        }
    }
    for (const auto& r : spec.required)
    {
        std::string v;
        if (!GetAttr(n, r.c_str(), v))
        {
            Fail(n, "element <" + el + "> lacks the required attribute '" + r + "'");
        }
    }
}

/**
 * @param n an element
 * @param attr an attribute name
 * @param value set to its value if present
 * @return true if present
 */
bool
Has(xmlNodePtr n, const char* attr, std::string& value)
{
    return GetAttr(n, attr, value);
}

/**
 * @param n the element
 * @param attr the attribute
 * @param text its value
 * @param rest set to what follows the number, without surrounding blanks
 * @return the leading number; fails if there is none or it is not finite
 *         (an underflow to 0 is kept: the range check reports it)
 */
double
LeadingNumber(xmlNodePtr n, const std::string& attr, const std::string& text, std::string& rest)
{
    if (IsBlank(text))
    {
        Fail(n, "attribute '" + attr + "' of <" + NameOf(n) + "> is empty; a number is needed");
    }
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(v))
    {
        Fail(n,
             "attribute '" + attr + "' of <" + NameOf(n) + "> = '" + text
                 + "' is not a finite number");
    }
    rest = end;
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
    {
        rest.erase(rest.begin());
    }
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
    {
        rest.pop_back();
    }
    return v;
}

/**
 * @param n the element
 * @param attr the attribute
 * @param lo smallest valid value
 * @param hi largest valid value
 * @param def value if absent
 * @return the number
 */
double
Number(xmlNodePtr n, const char* attr, double lo, double hi, double def)
{
    std::string text;
    if (!Has(n, attr, text))
    {
        return def;
    }
    std::string rest;
    const double v = LeadingNumber(n, attr, text, rest);
    if (!rest.empty())
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = '" + text
                 + "' is not a number (no units: the unit is in the attribute name)");
    }
    if (v < lo || v > hi)
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = " + text
                 + " is out of range [" + Str(lo) + ", " + Str(hi) + "]");
    }
    return v;
}

/**
 * @param n the element
 * @param attr the attribute
 * @param lo smallest valid value
 * @param hi largest valid value
 * @param def value if absent
 * @return the integer
 */
uint64_t
Integer(xmlNodePtr n, const char* attr, double lo, double hi, uint64_t def)
{
    std::string text;
    if (!Has(n, attr, text))
    {
        return def;
    }
    const double v = Number(n, attr, lo, hi, 0);
    if (v != std::floor(v))
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = " + text
                 + " must be an integer");
    }
    return static_cast<uint64_t>(v);
}

/**
 * @param n the element
 * @param attr the attribute
 * @param units accepted unit suffixes and their scale
 * @param kind what the value is, for messages
 * @param def value if absent
 * @return the value in base units (seconds, bit/s)
 */
double
WithUnit(xmlNodePtr n,
         const char* attr,
         const std::map<std::string, double>& units,
         const std::string& kind,
         double def)
{
    std::string text;
    if (!Has(n, attr, text))
    {
        return def;
    }
    std::string rest;
    const double v = LeadingNumber(n, attr, text, rest);
    auto it = units.find(rest);
    if (it == units.end())
    {
        std::string list;
        for (const auto& [u, s] : units)
        {
            list += (list.empty() ? "" : ", ") + u;
        }
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = '" + text + "': a "
                 + kind + " needs a unit (" + list + ")");
    }
    if (v < 0)
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = '" + text
                 + "' is negative");
    }
    return v * it->second;
}

/**
 * @param n the element
 * @param attr the attribute
 * @param choices the valid words
 * @param def value if absent
 * @return the word
 */
std::string
Choice(xmlNodePtr n, const char* attr, const std::set<std::string>& choices, const std::string& def)
{
    std::string text;
    if (!Has(n, attr, text))
    {
        return def;
    }
    if (choices.count(text) == 0)
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = '" + text
                 + "' is not one of: " + List(choices));
    }
    return text;
}

/**
 * @param n the element
 * @param attr the attribute
 * @return its value; fails if empty or not a plain name
 */
std::string
Name(xmlNodePtr n, const char* attr)
{
    std::string text;
    GetAttr(n, attr, text);
    if (text.empty() || text.size() > 256)
    {
        Fail(n,
             "attribute '" + std::string(attr) + "' of <" + NameOf(n)
                 + "> must be a name of 1 to 256 characters");
    }
    for (char c : text)
    {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-' || c == '.';
        if (!ok)
        {
            Fail(n,
                 "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> = '" + text
                     + "': names use letters, digits, '_', '-' and '.' only");
        }
    }
    return text;
}

/**
 * @param n the element
 * @param attr the attribute with white-space separated names
 * @return the names
 */
std::vector<std::string>
Names(xmlNodePtr n, const char* attr)
{
    std::string text;
    GetAttr(n, attr, text);
    std::istringstream in(text);
    std::vector<std::string> out;
    std::string w;
    while (in >> w)
    {
        out.push_back(w);
    }
    if (out.empty())
    {
        Fail(n, "attribute '" + std::string(attr) + "' of <" + NameOf(n) + "> lists no node");
    }
    return out;
}

/** @return time units in seconds */
const std::map<std::string, double>&
TimeUnits()
{
    static const std::map<std::string, double> u = {
        {"s", 1},
        {"ms", 1e-3},
        {"us", 1e-6},
        {"ns", 1e-9},
    };
    return u;
}

/** @return data-rate units in bit/s */
const std::map<std::string, double>&
RateUnits()
{
    static const std::map<std::string, double> u = {
        {"bps", 1},
        {"kbps", 1e3},
        {"Kbps", 1e3},
        {"Mbps", 1e6},
        {"Gbps", 1e9},
    };
    return u;
}

/**
 * @param preset a preset name or path
 * @param file the scenario file
 * @return the preset file found, or ""
 */
std::string
ResolvePreset(const std::string& preset, const std::string& file)
{
    if (IsFile(preset))
    {
        return preset;
    }
    const size_t slash = file.rfind('/');
    if (slash != std::string::npos && !preset.empty() && preset[0] != '/')
    {
        const std::string rel = file.substr(0, slash + 1) + preset;
        if (IsFile(rel))
        {
            return rel;
        }
    }
    if (preset.find('/') != std::string::npos)
    {
        return "";
    }
    const std::string dir = quantumxml::DataDirectory();
    if (dir.empty())
    {
        return "";
    }
    const bool hasExt = preset.size() > 4 && preset.compare(preset.size() - 4, 4, ".xml") == 0;
    const std::string path = dir + "/" + preset + (hasExt ? "" : ".xml");
    return IsFile(path) ? path : "";
}

/** Reads one document. */
class Parser
{
  public:
    /**
     * @param file file name for messages
     */
    explicit Parser(const std::string& file)
        : m_file(file)
    {
    }

    /**
     * @param root the root element
     * @return the description
     */
    ScenarioDescription Read(xmlNodePtr root)
    {
        ScenarioDescription d;
        d.path = m_file;
        if (!root || NameOf(root) != "scenario")
        {
            Fail(root,
                 "the root element must be <scenario>, not <"
                     + (root ? NameOf(root) : std::string("nothing")) + ">");
        }
        if (root->ns)
        {
            Fail(root, "element <scenario> has a namespace; none is allowed");
        }
        CheckAttributes(root);
        d.name = Name(root, "name");
        d.seed = static_cast<uint32_t>(Integer(root, "seed", 1, 4294967295.0, 1));
        d.run = Integer(root, "run", 1, 1e15, 1);
        d.stopSeconds = Number(root, "stopSeconds", 1e-9, 1e9, 10);
        GetAttr(root, "outputPrefix", d.outputPrefix);
        for (xmlNodePtr n = root->children; n; n = n->next)
        {
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            {
                const std::string text
                    = n->content ? reinterpret_cast<const char*>(n->content) : "";
                if (!IsBlank(text))
                {
                    // libxml2 gives a text node the line where it ends: go
                    // back to the line of its first non-blank character.
                    const size_t first = text.find_first_not_of(" \t\r\n");
                    const long back = std::count(text.begin() + first, text.end(), '\n');
                    throw ScenarioError{std::max(1, static_cast<int>(xmlGetLineNo(n) - back)),
                                        "unexpected text in <scenario> (values go in attributes)"};
                }
                continue;
            }
            if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
            {
                continue;
            }
            if (n->type != XML_ELEMENT_NODE)
            {
                Fail(n, "unexpected XML content (entity references are not allowed)");
            }
            const std::string el = NameOf(n);
            if (el == "scenario" || Schema().count(el) == 0)
            {
                Fail(n,
                     "unknown element <" + el
                         + "> in <scenario> (expected <node>, <quantumLink>, <classicalLink>, "
                           "<qkd>, <repeaterChain>, <teleportation> or <entanglementRequest>)");
            }
            if (n->ns)
            {
                Fail(n, "element <" + el + "> has a namespace; none is allowed");
            }
            CheckAttributes(n);
            for (xmlNodePtr c = n->children; c; c = c->next)
            {
                if (c->type == XML_COMMENT_NODE)
                {
                    continue;
                }
                const std::string text = (c->type == XML_TEXT_NODE && c->content)
                                             ? reinterpret_cast<const char*>(c->content)
                                             : "x";
                if (!IsBlank(text))
                {
                    Fail(c, "element <" + el + "> takes no content (values go in attributes)");
                }
            }
            if (el == "node")
            {
                ReadNode(n, d);
            }
            else if (el == "quantumLink")
            {
                ReadQuantumLink(n, d);
            }
            else if (el == "classicalLink")
            {
                ReadClassicalLink(n, d);
            }
            else if (el == "qkd")
            {
                ReadQkd(n, d);
            }
            else if (el == "repeaterChain")
            {
                ScenarioDescription::RepeaterChain c;
                c.line = static_cast<int>(xmlGetLineNo(n));
                c.name = Name(n, "name");
                c.nodes = Names(n, "nodes");
                c.scheme = Choice(n, "scheme", {"SwapAsap", "Doubling"}, "SwapAsap");
                c.maxDeliveries = static_cast<uint32_t>(Integer(n, "maxDeliveries", 1, 1e6, 10));
                d.chains.push_back(c);
            }
            else if (el == "teleportation")
            {
                ScenarioDescription::Teleportation t;
                t.line = static_cast<int>(xmlGetLineNo(n));
                t.chain = Name(n, "chain");
                t.thetaRad = Number(n, "thetaRad", 0, M_PI, 0);
                t.phiRad = Number(n, "phiRad", 0, 2 * M_PI, 0);
                d.teleportations.push_back(t);
            }
            else
            {
                ScenarioDescription::EntanglementRequest r;
                r.line = static_cast<int>(xmlGetLineNo(n));
                r.from = Name(n, "from");
                r.to = Name(n, "to");
                r.pairs = static_cast<uint32_t>(Integer(n, "pairs", 1, 1e6, 1));
                r.minFidelity = Number(n, "minFidelity", 0, 1, 0);
                r.startSeconds = Number(n, "startSeconds", 0, 1e9, 0);
                d.requests.push_back(r);
            }
        }
        int line = 0;
        const std::string err = d.Validate(&line);
        if (!err.empty())
        {
            throw ScenarioError{line, err};
        }
        return d;
    }

  private:
    /**
     * @param n a <node>
     * @param d the description
     */
    void ReadNode(xmlNodePtr n, ScenarioDescription& d)
    {
        ScenarioDescription::Node node;
        node.line = static_cast<int>(xmlGetLineNo(n));
        node.name = Name(n, "name");
        std::string preset;
        if (Has(n, "preset", preset))
        {
            node.preset = ResolvePreset(preset, m_file);
            if (node.preset.empty())
            {
                Fail(n,
                     "preset '" + preset + "' of node '" + node.name
                         + "' not found (neither a file, relative to the scenario, nor a preset "
                           "name in the module's data directory)");
            }
        }
        node.numSlots = static_cast<int64_t>(Integer(n, "numSlots", 1, 1e6, 0));
        node.numSlots = node.numSlots == 0 ? -1 : node.numSlots;
        node.t1Seconds = Number(n, "t1Seconds", 0, 1e12, -1);
        node.t2Seconds = Number(n, "t2Seconds", 0, 1e12, -1);
        node.twoQubitGateDepolarizing = Number(n, "twoQubitGateDepolarizing", 0, 1, -1);
        node.measurementError = Number(n, "measurementError", 0, 1, -1);
        std::string tmp;
        const int given = Has(n, "x", tmp) + Has(n, "y", tmp) + Has(n, "z", tmp);
        const bool moving = Has(n, "vx", tmp) || Has(n, "vy", tmp) || Has(n, "vz", tmp);
        if (given != 0 && given != 3)
        {
            Fail(n, "node '" + node.name + "': give all of x, y, z (m) or none");
        }
        if (moving && given == 0)
        {
            Fail(n, "node '" + node.name + "': a velocity (vx, vy, vz) needs a position (x, y, z)");
        }
        node.hasPosition = given == 3;
        const char* pos[3] = {"x", "y", "z"};
        const char* vel[3] = {"vx", "vy", "vz"};
        for (int k = 0; k < 3; ++k)
        {
            node.position[k] = Number(n, pos[k], -1e9, 1e9, 0);
            node.velocity[k] = Number(n, vel[k], -1e6, 1e6, 0);
        }
        d.nodes.push_back(node);
    }

    /**
     * @param n a <quantumLink>
     * @param d the description
     */
    void ReadQuantumLink(xmlNodePtr n, ScenarioDescription& d)
    {
        ScenarioDescription::QuantumLink l;
        l.line = static_cast<int>(xmlGetLineNo(n));
        l.name = Name(n, "name");
        l.from = Name(n, "from");
        l.to = Name(n, "to");
        const std::string type = Choice(n, "type", {"fibre", "freeSpace"}, "fibre");
        std::string tmp;
        if (type == "fibre")
        {
            l.type = ScenarioDescription::FIBRE;
            if (!Has(n, "lengthKm", tmp))
            {
                Fail(n, "fibre link '" + l.name + "' lacks the required attribute 'lengthKm'");
            }
            if (Has(n, "receiverApertureM", tmp))
            {
                Fail(n, "attribute 'receiverApertureM' is for free-space links only");
            }
            const std::string model = Choice(n, "model", {"abstract", "heralded"}, "abstract");
            l.model = model == "abstract" ? ScenarioDescription::ABSTRACT
                                          : ScenarioDescription::HERALDED;
            if (l.model == ScenarioDescription::HERALDED
                && (Has(n, "successProbability", tmp) || Has(n, "fidelity", tmp)))
            {
                Fail(n,
                     "heralded link '" + l.name
                         + "': successProbability and fidelity follow from the hardware; they "
                           "are for model=\"abstract\" only");
            }
        }
        else
        {
            l.type = ScenarioDescription::FREE_SPACE;
            for (const char* a :
                 {"lengthKm", "attenuationDbPerKm", "model", "successProbability", "fidelity"})
            {
                if (Has(n, a, tmp))
                {
                    Fail(n,
                         "attribute '" + std::string(a)
                             + "' is for fibre links; a free-space link takes its length from "
                               "the node positions");
                }
            }
        }
        l.lengthKm = Number(n, "lengthKm", 0, 1e5, 0);
        l.attenuationDbPerKm = Number(n, "attenuationDbPerKm", 0, 100, 0.2);
        const double p = Number(n, "successProbability", 0, 1, -1);
        if (p == 0)
        {
            Fail(n, "attribute 'successProbability' of <quantumLink> = 0 is out of range (0, 1]");
        }
        l.successProbability = p;
        l.fidelity = Number(n, "fidelity", 0, 1, 1);
        l.receiverApertureM = Number(n, "receiverApertureM", 1e-4, 100, -1);
        d.quantumLinks.push_back(l);
    }

    /**
     * @param n a <classicalLink>
     * @param d the description
     */
    void ReadClassicalLink(xmlNodePtr n, ScenarioDescription& d)
    {
        ScenarioDescription::ClassicalLink c;
        c.line = static_cast<int>(xmlGetLineNo(n));
        const std::string type = Choice(n, "type", {"pointToPoint", "csma"}, "pointToPoint");
        std::string tmp;
        if (type == "pointToPoint")
        {
            c.type = ScenarioDescription::POINT_TO_POINT;
            if (Has(n, "nodes", tmp))
            {
                Fail(n, "a point-to-point classical link takes 'from' and 'to', not 'nodes'");
            }
            if (!Has(n, "from", tmp) || !Has(n, "to", tmp))
            {
                Fail(n, "a point-to-point classical link needs the attributes 'from' and 'to'");
            }
            c.nodes = {Name(n, "from"), Name(n, "to")};
        }
        else
        {
            c.type = ScenarioDescription::CSMA;
            if (Has(n, "from", tmp) || Has(n, "to", tmp))
            {
                Fail(n, "a CSMA classical link takes 'nodes', not 'from' and 'to'");
            }
            if (!Has(n, "nodes", tmp))
            {
                Fail(n, "a CSMA classical link needs the attribute 'nodes'");
            }
            c.nodes = Names(n, "nodes");
        }
        c.dataRateBps = WithUnit(n, "dataRate", RateUnits(), "data rate", 1e9);
        c.delaySeconds = WithUnit(n, "delay", TimeUnits(), "time", 0);
        if (c.dataRateBps < 1 || c.dataRateBps > 1e15)
        {
            Fail(n, "dataRate must be in [1 bps, 1e15 bps]");
        }
        if (c.delaySeconds > 1e3)
        {
            Fail(n, "delay must be at most 1000 s");
        }
        d.classicalLinks.push_back(c);
    }

    /**
     * @param n a <qkd>
     * @param d the description
     */
    void ReadQkd(xmlNodePtr n, ScenarioDescription& d)
    {
        ScenarioDescription::Qkd q;
        q.line = static_cast<int>(xmlGetLineNo(n));
        q.name = Name(n, "name");
        q.alice = Name(n, "alice");
        q.bob = Name(n, "bob");
        const std::string p = Choice(n, "protocol", {"BB84", "DecoyBB84", "BBM92"}, "DecoyBB84");
        q.protocol = p == "BB84"        ? ScenarioDescription::BB84
                     : p == "DecoyBB84" ? ScenarioDescription::DECOY_BB84
                                        : ScenarioDescription::BBM92;
        std::string tmp;
        if (q.protocol != ScenarioDescription::DECOY_BB84
            && (Has(n, "signalMu", tmp) || Has(n, "decoyMu", tmp)))
        {
            Fail(n, "signalMu and decoyMu are for protocol=\"DecoyBB84\" only");
        }
        q.pulseRateHz = Number(n, "pulseRateHz", 1, 1e11, 1e8);
        q.totalPulses = Integer(n, "totalPulses", 1, 4e9, 1000000);
        q.framePulses
            = Integer(n, "framePulses", 1, 4e9, std::min<uint64_t>(q.totalPulses, 1000000));
        q.misalignment = Number(n, "misalignment", 0, 0.5, 0);
        q.signalMu = Number(n, "signalMu", 0, 100, 0.5);
        q.decoyMu = Number(n, "decoyMu", 0, 100, 0.1);
        d.qkd.push_back(q);
    }

    std::string m_file; //!< file name for messages
};

/** Frees a libxml2 document. */
struct DocDeleter
{
    /** @param doc the document */
    void operator()(xmlDoc* doc) const
    {
        xmlFreeDoc(doc);
    }
};

} // namespace

std::string
ScenarioReader::Result::Error() const
{
    if (ok)
    {
        return "";
    }
    std::ostringstream s;
    s << "ScenarioReader: " << file << ":" << line << ": " << message;
    return s.str();
}

std::string
ScenarioReader::FindScenario(const std::string& pathOrName)
{
    if (pathOrName.empty())
    {
        return "";
    }
    if (IsFile(pathOrName))
    {
        return pathOrName;
    }
    if (pathOrName[0] == '/')
    {
        return "";
    }
    const std::string dir = quantumxml::DataDirectory();
    if (dir.empty())
    {
        return "";
    }
    const bool hasExt
        = pathOrName.size() > 4 && pathOrName.compare(pathOrName.size() - 4, 4, ".xml") == 0;
    std::string rel = pathOrName;
    // A path written relative to the module root ("data/scenarios/x.xml").
    if (rel.compare(0, 5, "data/") == 0)
    {
        rel = rel.substr(5);
    }
    for (const std::string& c : {dir + "/" + rel, dir + "/scenarios/" + rel})
    {
        for (const std::string& f : {c, c + (hasExt ? "" : ".xml")})
        {
            if (IsFile(f))
            {
                return f;
            }
        }
    }
    return "";
}

ScenarioReader::Result
ScenarioReader::Parse(const std::string& pathOrName)
{
    NS_LOG_FUNCTION(pathOrName);
    const std::string path = FindScenario(pathOrName);
    if (path.empty())
    {
        Result r;
        r.file = pathOrName;
        r.message = "cannot read the file (it does not exist, is not a regular file, and is not "
                    "a scenario in the module's data directory or its scenarios/ folder)";
        return r;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof())
    {
        Result r;
        r.file = path;
        r.message = "cannot read the file";
        return r;
    }
    return ParseString(text.str(), path);
}

ScenarioReader::Result
ScenarioReader::ParseString(const std::string& text, const std::string& fileName)
{
    Result r;
    r.file = fileName;
    if (text.size() > MAX_FILE_BYTES)
    {
        r.message = "file larger than 16 MiB";
        return r;
    }
    quantumxml::XmlFirstError first;
    xmlSetStructuredErrorFunc(&first, &quantumxml::XmlFirstError::Handler);
    std::unique_ptr<xmlDoc, DocDeleter> doc(
        xmlReadMemory(text.data(),
                      static_cast<int>(text.size()),
                      fileName.c_str(),
                      nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (!doc || first.seen)
    {
        r.line = first.line;
        r.message
            = "malformed XML: " + (first.seen ? first.message : std::string("empty document"));
        return r;
    }
    if (doc->intSubset || doc->extSubset)
    {
        r.line = doc->intSubset
                     ? static_cast<int>(xmlGetLineNo(reinterpret_cast<xmlNodePtr>(doc->intSubset)))
                     : 0;
        r.message = "a document type declaration (DTD) is not allowed in a scenario file";
        r.line = r.line < 0 ? 0 : r.line;
        return r;
    }
    try
    {
        r.description = Parser(fileName).Read(xmlDocGetRootElement(doc.get()));
        r.ok = true;
    }
    catch (const ScenarioError& e)
    {
        r.line = e.line < 0 ? 0 : e.line;
        r.message = e.message;
    }
    return r;
}

ScenarioDescription
ScenarioReader::Load(const std::string& pathOrName)
{
    Result r = Parse(pathOrName);
    if (!r.ok)
    {
        NS_FATAL_ERROR(r.Error());
    }
    return r.description;
}

} // namespace ns3
