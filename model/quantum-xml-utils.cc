/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-xml-utils.h"

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>
#include <vector>

namespace ns3
{
namespace quantumxml
{

bool
IsDirectory(const std::string& path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool
IsFile(const std::string& path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool
GetAttr(xmlNodePtr node, const char* name, std::string& value)
{
    xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!v)
    {
        return false;
    }
    value = reinterpret_cast<const char*>(v);
    xmlFree(v);
    return true;
}

std::string
NameOf(xmlNodePtr node)
{
    return (node && node->name) ? reinterpret_cast<const char*>(node->name) : "";
}

bool
IsBlank(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
}

std::string
DataDirectory()
{
    const char* env = std::getenv("QUANTUM_DATA_DIR");
    if (env && *env)
    {
        return IsDirectory(env) ? std::string(env) : std::string();
    }
    std::vector<std::string> candidates;
#ifdef QUANTUM_SOURCE_DATA_DIR
    candidates.emplace_back(QUANTUM_SOURCE_DATA_DIR);
#endif
    for (const char* c :
         {"data", "../data", "../../data", "contrib/quantum/data", "src/quantum/data"})
    {
        candidates.emplace_back(c);
    }
    for (const auto& c : candidates)
    {
        if (IsDirectory(c))
        {
            return c;
        }
    }
    return "";
}

void
XmlFirstError::Handler(void* ctx, xmlErrorPtr err)
{
    XmlFirstError* first = static_cast<XmlFirstError*>(ctx);
    if (first->seen || !err || err->level < XML_ERR_ERROR)
    {
        return;
    }
    first->seen = true;
    first->line = err->line;
    first->message = err->message ? err->message : "unknown error";
    while (!first->message.empty()
           && (first->message.back() == '\n' || first->message.back() == ' '))
    {
        first->message.pop_back();
    }
}

} // namespace quantumxml
} // namespace ns3
