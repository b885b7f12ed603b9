/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-test-utils.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace quantumtest
{

ChildResult
RunInChild(const std::function<void()>& body)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        return {false, "pipe() failed"};
    }
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid < 0)
    {
        return {false, "fork() failed"};
    }
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        body();
        std::fflush(stdout);
        std::fflush(stderr);
        _exit(0); // reached only if body did not abort
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        out.append(buf, n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const bool aborted = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    return {aborted, out};
}

std::string
CheckAborts(const std::function<void()>& body, const std::string& expected)
{
    const ChildResult r = RunInChild(body);
    if (!r.aborted)
    {
        return "did not abort; output: " + r.output;
    }
    if (r.output.find(expected) == std::string::npos)
    {
        return "aborted, but the message lacks '" + expected + "': " + r.output;
    }
    return "";
}

double
BinomialSigma(double p, double n)
{
    return std::sqrt(p * (1 - p) / n);
}

} // namespace quantumtest
} // namespace ns3
