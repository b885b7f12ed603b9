/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup quantum
 * libFuzzer target for the scenario file reader: every input must give
 * either a valid description (which then passes Validate() again) or an
 * error with a message; the reader must never crash, throw, leak or read
 * out of bounds (AddressSanitizer).  Built and run by utils/fuzz-scenario.sh.
 */

#include "ns3/quantum-scenario-reader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ns3::ScenarioReader::Result r = ns3::ScenarioReader::ParseString(text, "fuzz.xml");
    if (r.ok)
    {
        // A description the reader accepts must pass its own check again.
        if (!r.description.Validate().empty() || !r.message.empty())
        {
            std::abort();
        }
    }
    else if (r.message.empty() || r.line < 0 || r.Error().find("fuzz.xml:") == std::string::npos)
    {
        std::abort(); // every error names the file, a line and what is wrong
    }
    return 0;
}
