/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test runner for the standalone build: Debian's libns3-dev ships the
 * TestRunner library code but no test-runner program.
 */
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
