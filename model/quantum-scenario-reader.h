/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_SCENARIO_READER_H
#define QUANTUM_SCENARIO_READER_H

#include "quantum-scenario-description.h"

#include <string>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Reads a scenario file (XML, see doc/scenarios.rst) into a
 * ScenarioDescription, checking it against the format in code: allowed
 * elements and attributes, required attributes, value types, units and
 * ranges, unique names and references to known nodes and chains.
 *
 * Parse() and ParseString() never abort and never throw: they return a
 * Result whose error names the file, the line and what is wrong.  Load()
 * is the fatal wrapper for programs: it stops with NS_FATAL_ERROR and the
 * same message.
 */
class ScenarioReader
{
  public:
    /** Outcome of parsing a scenario. */
    struct Result
    {
        bool ok = false;                 //!< the file is valid
        std::string file;                //!< file name used in messages
        int line = 0;                    //!< line of the first error (0: whole file)
        std::string message;             //!< what is wrong ("" if ok)
        ScenarioDescription description; //!< the scenario (valid only if ok)

        /** @return "ScenarioReader: <file>:<line>: <message>", or "" if ok */
        std::string Error() const;
    };

    /**
     * @param pathOrName a file path, or a path relative to the module's data
     *        directory or its scenarios/ folder (".xml" may be left out)
     * @return the parse result
     */
    static Result Parse(const std::string& pathOrName);

    /**
     * @param text the XML document
     * @param fileName the name to use in messages and to resolve relative preset paths
     * @return the parse result
     */
    static Result ParseString(const std::string& text, const std::string& fileName);

    /**
     * Parse, and stop the program with NS_FATAL_ERROR on any error.
     * @param pathOrName as for Parse()
     * @return the scenario
     */
    static ScenarioDescription Load(const std::string& pathOrName);

    /**
     * @param pathOrName as for Parse()
     * @return the file found, or "" if none
     */
    static std::string FindScenario(const std::string& pathOrName);
};

} // namespace ns3

#endif /* QUANTUM_SCENARIO_READER_H */
