/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_SCENARIO_DESCRIPTION_H
#define QUANTUM_SCENARIO_DESCRIPTION_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A quantum network scenario as plain data: what a scenario file
 * (ScenarioReader) or a C++ script describes, and what
 * QuantumScenarioHelper builds.
 *
 * Every field has the meaning, unit and default of the XML attribute of the
 * same name (see doc/scenarios.rst).  Optional numbers use a negative value
 * (or NaN for positions) for "not given".  Nodes and links refer to each
 * other by name.  Validate() checks what the reader checks, so a
 * description written in C++ gets the same errors as a file.
 */
class ScenarioDescription
{
  public:
    /** A node: hardware preset and/or explicit memory and processor parameters. */
    struct Node
    {
        std::string name;                     //!< unique name
        std::string preset;                   //!< preset name or path ("" = none)
        int64_t numSlots = -1;                //!< memory slots (-1: default)
        double t1Seconds = -1;                //!< memory T1 in s (0 = no decay, -1: default)
        double t2Seconds = -1;                //!< memory T2 in s (0 = no decay, -1: default)
        double twoQubitGateDepolarizing = -1; //!< processor two-qubit gate noise (-1: default)
        double measurementError = -1;         //!< processor measurement flip (-1: default)
        bool hasPosition = false;             //!< a mobility model is installed
        double position[3] = {0, 0, 0};       //!< position x, y, z in m
        double velocity[3] = {0, 0, 0};       //!< constant velocity in m/s
        int line = 0;                         //!< line in the file (0: not from a file)
    };

    /** Kind of a quantum link. */
    enum LinkType
    {
        FIBRE,      //!< optical fibre
        FREE_SPACE, //!< free-space optical link between nodes with positions
    };

    /** Link-layer model of a fibre link used by repeater chains. */
    enum LinkModel
    {
        ABSTRACT, //!< AbstractLinkLayer: success probability and Werner fidelity per attempt
        HERALDED, //!< HeraldedLinkLayer through QuantumLinkHelper (midpoint station)
    };

    /** A quantum link between two nodes. */
    struct QuantumLink
    {
        std::string name;                //!< unique name
        std::string from;                //!< one end
        std::string to;                  //!< other end
        LinkType type = FIBRE;           //!< fibre or free space
        LinkModel model = ABSTRACT;      //!< link layer for chains (fibre only)
        double lengthKm = 0;             //!< fibre length in km
        double attenuationDbPerKm = 0.2; //!< fibre attenuation in dB/km
        double successProbability = -1;  //!< abstract: per attempt (-1: fibre transmittance)
        double fidelity = 1;             //!< abstract: Werner fidelity of delivered pairs
        double receiverApertureM = -1;   //!< free space: receiver aperture in m (-1: default)
        int line = 0;                    //!< line in the file
    };

    /** Kind of a classical link. */
    enum ClassicalType
    {
        POINT_TO_POINT, //!< point-to-point link between two nodes
        CSMA,           //!< shared CSMA segment among several nodes
    };

    /** A classical link. */
    struct ClassicalLink
    {
        ClassicalType type = POINT_TO_POINT; //!< kind
        std::vector<std::string> nodes;      //!< the two ends, or the CSMA members
        double dataRateBps = 1e9;            //!< data rate in bit/s
        double delaySeconds = 0;             //!< propagation delay in s
        int line = 0;                        //!< line in the file
    };

    /** QKD protocol of a &lt;qkd&gt; pair. */
    enum QkdProtocolKind
    {
        BB84,       //!< BB84 with a single-photon source
        DECOY_BB84, //!< BB84 with weak coherent pulses, signal + decoy + vacuum
        BBM92,      //!< entanglement-based BBM92 with an SPDC source in the middle
    };

    /** A QKD pair. */
    struct Qkd
    {
        std::string name;                      //!< unique name
        std::string alice;                     //!< Alice's node
        std::string bob;                       //!< Bob's node
        QkdProtocolKind protocol = DECOY_BB84; //!< protocol
        double pulseRateHz = 1e8;              //!< pulse (pump) rate in Hz
        uint64_t totalPulses = 1000000;        //!< pulses in all
        uint64_t framePulses = 1000000;        //!< pulses per frame
        double misalignment = 0;               //!< polarization misalignment error in [0, 0.5]
        double signalMu = 0.5;                 //!< decoy BB84: signal mean photon number
        double decoyMu = 0.1;                  //!< decoy BB84: decoy mean photon number
        int line = 0;                          //!< line in the file
    };

    /** A repeater chain along named nodes. */
    struct RepeaterChain
    {
        std::string name;                //!< unique name
        std::vector<std::string> nodes;  //!< the nodes in chain order (at least 2)
        std::string scheme = "SwapAsap"; //!< SwapAsap or Doubling
        uint32_t maxDeliveries = 10;     //!< end-to-end pairs to deliver
        int line = 0;                    //!< line in the file
    };

    /** Teleportation over a repeater chain (first node sends to the last). */
    struct Teleportation
    {
        std::string chain;   //!< the repeater chain
        double thetaRad = 0; //!< polar Bloch angle
        double phiRad = 0;   //!< azimuthal Bloch angle
        int line = 0;        //!< line in the file
    };

    /** An end-to-end entanglement request served by the routed network. */
    struct EntanglementRequest
    {
        std::string from;        //!< source node
        std::string to;          //!< destination node
        uint32_t pairs = 1;      //!< end-to-end pairs
        double minFidelity = 0;  //!< required expected fidelity
        double startSeconds = 0; //!< submission time in s
        int line = 0;            //!< line in the file
    };

    std::string name;         //!< scenario name
    std::string path;         //!< file it was read from ("" for C++)
    uint32_t seed = 1;        //!< RngSeedManager seed
    uint64_t run = 1;         //!< RngSeedManager run
    double stopSeconds = 10;  //!< simulation stop time in s
    std::string outputPrefix; //!< CSV prefix ("" = no files)

    std::vector<Node> nodes;                   //!< nodes
    std::vector<QuantumLink> quantumLinks;     //!< quantum links
    std::vector<ClassicalLink> classicalLinks; //!< classical links
    std::vector<Qkd> qkd;                      //!< QKD pairs
    std::vector<RepeaterChain> chains;         //!< repeater chains
    std::vector<Teleportation> teleportations; //!< teleportation applications
    std::vector<EntanglementRequest> requests; //!< routed entanglement requests

    /**
     * Check the cross-references and ranges of the whole description.
     * @param line if not null, set to the line of the element at fault (0 for
     *        descriptions built in C++)
     * @return "" if valid, else what is wrong (the first problem found)
     */
    std::string Validate(int* line = nullptr) const;

    /**
     * @param name a node name
     * @return its index in nodes, or -1
     */
    int FindNode(const std::string& name) const;

    /**
     * @param a a node name
     * @param b another node name
     * @return the index of the quantum link between them (either direction), or -1
     */
    int FindQuantumLink(const std::string& a, const std::string& b) const;

    /**
     * @param a a node name
     * @param b another node name
     * @return the index of the point-to-point classical link between them, or -1
     */
    int FindPointToPoint(const std::string& a, const std::string& b) const;
};

} // namespace ns3

#endif /* QUANTUM_SCENARIO_DESCRIPTION_H */
