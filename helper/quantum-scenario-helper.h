/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_SCENARIO_HELPER_H
#define QUANTUM_SCENARIO_HELPER_H

#include "qkd-helper.h"
#include "quantum-link-helper.h"
#include "quantum-repeater-helper.h"

#include "ns3/node-container.h"
#include "ns3/quantum-scenario-description.h"
#include "ns3/teleportation-application.h"

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Builds a ScenarioDescription (from a scenario file or written in
 * C++) into ns-3 objects through the module's helpers, records its traces
 * and summarises the run.
 *
 * A scenario script is a few lines:
 *
 * @code
 *   QuantumScenarioHelper h;
 *   h.Load("two-node-qkd.xml");   // or h.SetDescription(d)
 *   h.Build();                    // seeds, nodes, links, work; Stop at stopSeconds
 *   Simulator::Run();
 *   h.WriteTraces("out");         // out-qkd.csv, out-deliveries.csv, ...
 *   h.WriteSummary(std::cout);    // one JSON object
 *   Simulator::Destroy();
 * @endcode
 *
 * What Build() makes (see doc/scenarios.rst for the details):
 * - one ns3::Node per &lt;node&gt;, with a QuantumMemory and QuantumProcessor
 *   (QuantumNodeHelper: preset first, then explicit parameters), and a
 *   ConstantVelocityMobilityModel if the node has a position;
 * - one QKD link per &lt;qkd&gt; (QkdHelper) over the quantum link and the
 *   point-to-point classical link between its nodes;
 * - one repeater chain per &lt;repeaterChain&gt; (QuantumRepeaterHelper) whose
 *   hops are abstract (AbstractLinkLayer) or heralded (QuantumLinkHelper)
 *   links and whose classical hops are the point-to-point links of the file;
 * - one TeleportationApplication pair per &lt;teleportation&gt;;
 * - one routed network (QuantumRepeaterHelper::InstallNetwork) over the
 *   abstract fibre links whose nodes are in no chain, if there are
 *   &lt;entanglementRequest&gt;s, with each request submitted at its start time;
 * - CSMA segments for &lt;classicalLink type="csma"&gt;, and global IPv4 routing.
 *
 * Random streams are assigned from stream 1 in a fixed order (state
 * registry, QKD pairs, chains and their heralded links, routed network,
 * node devices), so equal seed and run give identical results.
 */
class QuantumScenarioHelper
{
  public:
    QuantumScenarioHelper();
    ~QuantumScenarioHelper();

    /**
     * Read and validate a scenario file; stops with NS_FATAL_ERROR naming
     * the file and line on any error.
     * @param pathOrName a file, or a file in the module's data/ or data/scenarios/
     */
    void Load(const std::string& pathOrName);

    /**
     * Use a description written in C++; stops with NS_FATAL_ERROR if it is invalid.
     * @param description the scenario
     */
    void SetDescription(const ScenarioDescription& description);

    /** @return the scenario */
    const ScenarioDescription& GetDescription() const;

    /**
     * Seed the random number generator from the scenario, create every
     * object, assign the random streams, and schedule Simulator::Stop at
     * stopSeconds.  Call once, before Simulator::Run().
     */
    void Build();

    /**
     * @param name a node name of the scenario
     * @return the node (aborts if unknown or not built)
     */
    Ptr<Node> GetNode(const std::string& name) const;

    /**
     * @param name a &lt;qkd&gt; name
     * @return its QKD link (aborts if unknown)
     */
    const QkdLinkInstance& GetQkd(const std::string& name) const;

    /**
     * @param name a &lt;repeaterChain&gt; name
     * @return the chain (aborts if unknown)
     */
    const RepeaterChain& GetChain(const std::string& name) const;

    /**
     * @param chain a &lt;repeaterChain&gt; name carrying a teleportation
     * @return the receiving application (aborts if none)
     */
    Ptr<TeleportationApplication> GetTeleportationReceiver(const std::string& chain) const;

    /** @return the routed network (empty if the scenario has no entanglement request) */
    const QuantumNetwork& GetNetwork() const;

    /**
     * @param name a &lt;quantumLink&gt; name
     * @return the heralded link built for it (aborts if it has none)
     */
    const HeraldedLink& GetHeraldedLink(const std::string& name) const;

    /**
     * Write the recorded traces as CSV: PREFIX-qkd.csv (per frame),
     * PREFIX-deliveries.csv (end-to-end pairs of chains and requests) and
     * PREFIX-teleportation.csv (teleported states).
     * @param prefix file name prefix
     */
    void WriteTraces(const std::string& prefix) const;

    /**
     * @return the run's summary as one line of JSON (call after
     *         Simulator::Run(), before Simulator::Destroy())
     */
    std::string GetSummaryJson() const;

    /**
     * Write GetSummaryJson() and a new line.
     * @param os the stream
     */
    void WriteSummary(std::ostream& os) const;

    /**
     * Write a human-readable report of the run.
     * @param os the stream
     */
    void WriteReport(std::ostream& os) const;

  private:
    /** Per-QKD-pair statistics. */
    struct QkdStats
    {
        uint32_t frames = 0;      //!< frames with a QBER sample
        uint32_t aborted = 0;     //!< aborted frames
        double qberSum = 0;       //!< sum of frame QBERs
        double siftedBits = 0;    //!< sifted bits
        double secretKeyBits = 0; //!< final key bits
    };

    /** A delivered end-to-end pair or teleported state. */
    struct Row
    {
        std::string work;         //!< chain name or "request-<id>"
        uint32_t round;           //!< delivery index
        double timeSeconds;       //!< time
        double estimatedFidelity; //!< protocol estimate (NaN for teleportation)
        double trueFidelity;      //!< ground truth
    };

    /** A per-frame QKD quantity. */
    struct FrameRow
    {
        std::string pair;     //!< qkd name
        double timeSeconds;   //!< time
        uint32_t frame;       //!< frame index
        std::string quantity; //!< qber, siftedBits, secretKeyBits, aborted
        double value;         //!< value
    };

    void BuildNodes();     //!< nodes, devices, mobility
    void BuildClassical(); //!< classical links (CSMA and chain hops)
    void BuildQkd();       //!< QKD pairs
    void BuildChains();    //!< repeater chains and teleportation
    void BuildNetwork();   //!< routed network and requests
    void SetLinkMetrics(); //!< distinct routing metrics per classical link (no equal-cost paths)
    /**
     * Submit a routed request (scheduled at its start time).
     * @param k its index in the scenario's requests
     */
    void Submit(uint32_t k);
    /**
     * @param q a QKD pair
     * @param name its name
     * @param what the quantity
     * @param frame the frame
     * @param value the value
     */
    void OnFrame(QkdStats* q, std::string name, std::string what, uint32_t frame, double value);

    ScenarioDescription m_description;                 //!< the scenario
    bool m_haveDescription;                            //!< set or loaded
    bool m_built;                                      //!< Build() was called
    NodeContainer m_nodes;                             //!< in file order
    std::unique_ptr<QuantumRepeaterHelper> m_repeater; //!< chains, network, classical hops
    std::unique_ptr<QkdHelper> m_qkdHelper;            //!< QKD pairs
    std::map<std::string, QkdLinkInstance> m_qkd;      //!< by name
    std::map<std::string, QkdStats> m_qkdStats;        //!< by name
    std::map<std::string, RepeaterChain> m_chains;     //!< by name
    std::map<std::string, HeraldedLink> m_heralded;    //!< by quantum link name
    std::map<std::string, Ptr<TeleportationApplication>> m_teleportRx; //!< by chain
    std::map<std::string, Ptr<TeleportationApplication>> m_teleportTx; //!< by chain
    QuantumNetwork m_network;                                          //!< routed network
    std::vector<QuantumRouteRequest> m_requests;                       //!< in file order
    std::vector<uint32_t> m_requestIds; //!< controller ids, in file order
    std::vector<Row> m_deliveries;      //!< end-to-end pairs
    std::vector<Row> m_teleported;      //!< teleported states
    std::vector<FrameRow> m_frames;     //!< QKD frames
};

} // namespace ns3

#endif /* QUANTUM_SCENARIO_HELPER_H */
