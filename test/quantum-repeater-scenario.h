/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_REPEATER_SCENARIO_H
#define QUANTUM_REPEATER_SCENARIO_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace quantumtest
{

/** A repeater-chain scenario of the network-layer tests. */
struct ChainScenario
{
    uint32_t nodes = 3;                 //!< chain length
    double p = 0.5;                     //!< link success probability per attempt
    double ps = 1.0;                    //!< swap success probability
    double linkFidelity = 1.0;          //!< Werner fidelity of link pairs
    std::vector<double> linkFidelities; //!< per-link fidelities (overrides linkFidelity)
    double t2Seconds = 0.0;             //!< memory T2 (0: infinite)
    uint32_t cutoffAttempts = 0;        //!< cut-off in attempts (0: none)
    std::string scheme = "SwapAsap";    //!< SwapAsap or Doubling
    std::string purification = "None";  //!< None, Bbpssw, Dejmps
    uint32_t purifyRounds = 1;          //!< pumping rounds
    Time period = MilliSeconds(1);      //!< attempt period
    Time classicalDelay = Time(0);      //!< per-hop classical delay
    double twoQubitDepolarizing = 0.0;  //!< processor CNOT noise
    bool densityMatrix = false;         //!< link pairs as density matrices
    uint32_t deliveries = 100;          //!< end-to-end pairs to collect
    uint32_t seed = 1;                  //!< RNG seed
    uint32_t run = 1;                   //!< RNG run
    bool purifyEveryLevel = false;      //!< InstallNestedChain (purify at every level)
    bool frames = false;                //!< classical messages as frames (SimpleNetDevice), not UDP
};

/** What a scenario measured. */
struct ChainResult
{
    std::vector<double> waitAttempts;    //!< waiting time per delivery, in attempt periods
    std::vector<double> trueFidelity;    //!< ground-truth fidelity per delivery
    std::vector<double> estFidelity;     //!< estimated fidelity per delivery
    std::vector<double> completionDelay; //!< completion time minus the last attempt tick
    uint32_t purifySuccess = 0;          //!< successful purification steps (first node)
    uint32_t purifyTotal = 0;            //!< purification steps (first node)
    uint32_t lastEndDeliveries = 0;      //!< deliveries seen at the last node
    std::vector<uint32_t> labels;        //!< Bell label delivered at the first end
    std::vector<uint32_t> lastLabels;    //!< Bell label delivered at the last end
};

/**
 * Build and run the scenario with abstract links until `deliveries`
 * end-to-end pairs; the simulator is destroyed afterwards.
 * @param s the scenario
 * @return the measurements
 */
ChainResult RunChain(const ChainScenario& s);

/**
 * @param v samples
 * @return their mean
 */
double Mean(const std::vector<double>& v);

/**
 * @param v samples
 * @return the standard error of their mean
 */
double StdError(const std::vector<double>& v);

} // namespace quantumtest
} // namespace ns3

#endif /* QUANTUM_REPEATER_SCENARIO_H */
