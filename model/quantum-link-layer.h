/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUANTUM_LINK_LAYER_H
#define QUANTUM_LINK_LAYER_H

#include "bell-state.h"
#include "measurement-basis.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

namespace ns3
{

class Node;
class QuantumMemory;

/**
 * @ingroup quantum
 * What the upper layer does with each pair of an entanglement request.
 */
enum class EntanglementRequestType : uint8_t
{
    KEEP = 0,             //!< keep the local half in a memory slot (OK carries the slot)
    MEASURE_DIRECTLY = 1, //!< measure the local half at once (OK carries the outcome)
};

/**
 * @ingroup quantum
 * Why a request (or part of it) could not be served.
 */
enum class EntanglementError : uint8_t
{
    TIMEOUT = 0,      //!< the deadline passed before all pairs were delivered
    NO_RESOURCES = 1, //!< no memory slot, or the peer refused
    UNSUPPORTED = 2,  //!< the link cannot reach the requested fidelity, or the type is not offered
    UNKNOWN_NODE = 3, //!< the remote node is not the peer of this link
    INVALID_REQUEST = 4, //!< zero pairs, fidelity outside [0, 1], a deadline in the past
};

/**
 * @ingroup quantum
 * @param e an error code
 * @return its name ("TIMEOUT", ...)
 */
std::string EntanglementErrorName(EntanglementError e);

/**
 * @ingroup quantum
 * CREATE request of the link-layer service: "make numPairs pairs with the
 * remote node, each of fidelity at least minFidelity, before deadline".
 */
struct EntanglementRequest
{
    uint32_t remoteNodeId = 0; //!< ns-3 node id of the other end of the link
    uint32_t numPairs = 1;     //!< pairs wanted (at least 1)
    double minFidelity = 0.0;  //!< minimum estimated fidelity at delivery, in [0, 1]
    Time deadline = Time(0);   //!< absolute simulation time by which all pairs are due; 0 = none
    EntanglementRequestType type = EntanglementRequestType::KEEP; //!< keep or measure
    MeasurementBasis measureBasis = MeasurementBasis::ZBasis();   //!< basis for MEASURE_DIRECTLY
};

/**
 * @ingroup quantum
 * OK confirm (at the requesting node) or indication (at the peer) for one
 * delivered pair.  Both ends see the same pairId and the same bellState.
 */
struct EntanglementPair
{
    uint32_t requestId = 0;    //!< request id given by Create() at the origin node
    uint32_t originNodeId = 0; //!< node that issued the CREATE
    uint64_t pairId = 0;       //!< link-unique pair id, identical at both ends
    uint32_t remoteNodeId = 0; //!< the other end
    int32_t memorySlot = -1;   //!< local slot holding the half (KEEP), -1 for MEASURE_DIRECTLY
    BellState bellState = BellState::PHI_PLUS; //!< heralded Bell state the two halves share
    double estimatedFidelity = 0.0; //!< the link's estimate at delivery (no ground truth)
    Time creationTime;              //!< when the pair was heralded
    uint32_t outcome = 0;           //!< MEASURE_DIRECTLY: the local outcome
    MeasurementBasis basis = MeasurementBasis::ZBasis(); //!< MEASURE_DIRECTLY: the basis used
};

/**
 * @ingroup quantum
 * @brief One end of a quantum link's entanglement-generation service.
 *
 * The service has request/confirm/indication primitives in the style of
 * ns-3's lr-wpan MCPS/MLME SAPs and of published quantum link-layer designs
 * (Dahlberg et al., SIGCOMM 2019): Create() is the request; OK arrives through
 * the OK callback at both ends (confirm at the origin, indication at the
 * peer); ERR through the error callback at the origin; EXPIRE when a memory
 * cut-off discards a delivered half that the upper layer still holds.
 *
 * One object serves one link end (a node and one peer); a repeater node holds
 * one per neighbour.  Subclasses generate the pairs: HeraldedLinkLayer
 * (physical single-click / Barrett-Kok generation) and AbstractLinkLayer
 * (attempts succeed with a probability p, for comparison with repeater
 * theory).  After OK with KEEP the upper layer owns the memory slot and must
 * release it (QuantumMemory::Release) when done.
 */
class QuantumLinkLayer : public Object
{
  public:
    /** OK confirm / indication. */
    typedef Callback<void, const EntanglementPair&> OkCallback;
    /** ERR confirm: request id, error, number of pairs delivered before it. */
    typedef Callback<void, uint32_t, EntanglementError, uint32_t> ErrorCallback;
    /** EXPIRE indication: pair id, local memory slot. */
    typedef Callback<void, uint64_t, int32_t> ExpireCallback;

    /**
     * TracedCallback signature for delivered pairs.
     * @param pair the delivered pair (as given to the OK callback)
     * @param trueFidelity ground-truth fidelity of the two halves to the heralded
     *        Bell state at delivery (analysis only; protocols never see it)
     */
    typedef void (*PairTracedCallback)(const EntanglementPair& pair, double trueFidelity);
    /**
     * TracedCallback signature for failed requests.
     * @param requestId the request
     * @param error why it failed
     */
    typedef void (*ErrorTracedCallback)(uint32_t requestId, EntanglementError error);
    /**
     * TracedCallback signature for expired pairs.
     * @param pairId the pair
     * @param slot the local slot that was discarded
     */
    typedef void (*ExpireTracedCallback)(uint64_t pairId, int32_t slot);

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    QuantumLinkLayer();
    ~QuantumLinkLayer() override;

    /**
     * CREATE request.
     * @param request what to make
     * @return the request id (ERR for a bad request arrives through the error callback)
     */
    virtual uint32_t Create(const EntanglementRequest& request) = 0;

    /** @param cb called for every delivered pair at this end */
    void SetOkCallback(OkCallback cb);
    /** @param cb called when a request of this end fails */
    void SetErrorCallback(ErrorCallback cb);
    /** @param cb called when a delivered half expires in memory */
    void SetExpireCallback(ExpireCallback cb);

    /** @return the node this end is on */
    virtual Ptr<Node> GetNode() const = 0;
    /** @return the ns-3 node id of the peer */
    virtual uint32_t GetRemoteNodeId() const = 0;
    /** @return the memory that holds the delivered halves */
    virtual Ptr<QuantumMemory> GetMemory() const = 0;
    /** @return the duration of one generation attempt (the time unit of repeater theory) */
    virtual Time GetAttemptPeriod() const = 0;

  protected:
    void DoDispose() override;

    /**
     * Deliver OK to the upper layer and fire the PairDelivered trace.
     * @param pair the pair
     * @param trueFidelity ground truth for the trace
     */
    void NotifyOk(const EntanglementPair& pair, double trueFidelity);
    /**
     * Deliver ERR to the upper layer.
     * @param requestId the request
     * @param error why
     * @param delivered pairs delivered before the error
     */
    void NotifyError(uint32_t requestId, EntanglementError error, uint32_t delivered);
    /**
     * Deliver EXPIRE to the upper layer.
     * @param pairId the pair
     * @param slot the local slot that was discarded
     */
    void NotifyExpire(uint64_t pairId, int32_t slot);

  private:
    OkCallback m_ok;                                             //!< OK confirm/indication
    ErrorCallback m_error;                                       //!< ERR confirm
    ExpireCallback m_expire;                                     //!< EXPIRE indication
    TracedCallback<const EntanglementPair&, double> m_pairTrace; //!< PairDelivered
    TracedCallback<uint32_t, EntanglementError> m_errorTrace;    //!< RequestFailed
    TracedCallback<uint64_t, int32_t> m_expireTrace;             //!< PairExpired
};

} // namespace ns3

#endif /* QUANTUM_LINK_LAYER_H */
