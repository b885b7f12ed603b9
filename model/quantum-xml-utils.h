/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_XML_UTILS_H
#define QUANTUM_XML_UTILS_H

#include <libxml/tree.h>
#include <string>

/**
 * @file
 * @ingroup quantum
 * Small libxml2 helpers shared by the module's XML readers
 * (QuantumHardwarePreset and ScenarioReader).  A private header of the module
 * (not installed): it exposes libxml2 types.
 */

namespace ns3
{
namespace quantumxml
{

/**
 * @ingroup quantum
 * @param path a path
 * @return true if it is a directory
 */
bool IsDirectory(const std::string& path);

/**
 * @ingroup quantum
 * @param path a path
 * @return true if it is a regular file
 */
bool IsFile(const std::string& path);

/**
 * @ingroup quantum
 * The module's data directory (presets, scenarios): $QUANTUM_DATA_DIR if set
 * (empty if it is not a directory), else the source tree's data/ compiled in
 * as QUANTUM_SOURCE_DATA_DIR, else the first of data, ../data, ../../data,
 * contrib/quantum/data and src/quantum/data that exists.
 * @return the directory, or "" if none is found
 */
std::string DataDirectory();

/**
 * @ingroup quantum
 * @param node an element
 * @param name an attribute name
 * @param value set to the attribute's value if present
 * @return true if present
 */
bool GetAttr(xmlNodePtr node, const char* name, std::string& value);

/**
 * @ingroup quantum
 * @param node a node
 * @return its name as a string
 */
std::string NameOf(xmlNodePtr node);

/**
 * @ingroup quantum
 * @param text a string
 * @return true if it is only white space
 */
bool IsBlank(const std::string& text);

/**
 * @ingroup quantum
 * @brief The first error libxml2 reports while parsing (later ones follow from it).
 *
 * Install with xmlSetStructuredErrorFunc(&first, &XmlFirstError::Handler)
 * around the parse call, and reset with xmlSetStructuredErrorFunc(nullptr, nullptr).
 */
struct XmlFirstError
{
    bool seen = false;   //!< an error was reported
    int line = 0;        //!< its line
    std::string message; //!< its message, without the trailing new line

    /**
     * libxml2 structured error handler: keeps the first error.
     * @param ctx the XmlFirstError
     * @param err the error
     */
    static void Handler(void* ctx, xmlErrorPtr err);
};

} // namespace quantumxml
} // namespace ns3

#endif /* QUANTUM_XML_UTILS_H */
