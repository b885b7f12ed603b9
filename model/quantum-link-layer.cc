/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-link-layer.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(QuantumLinkLayer);

std::string
EntanglementErrorName(EntanglementError e)
{
    switch (e)
    {
        case EntanglementError::TIMEOUT:
            return "TIMEOUT";
        case EntanglementError::NO_RESOURCES:
            return "NO_RESOURCES";
        case EntanglementError::UNSUPPORTED:
            return "UNSUPPORTED";
        case EntanglementError::UNKNOWN_NODE:
            return "UNKNOWN_NODE";
        case EntanglementError::INVALID_REQUEST:
            return "INVALID_REQUEST";
    }
    return "UNKNOWN_ERROR";
}

TypeId
QuantumLinkLayer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumLinkLayer")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddTraceSource(
                  "PairDelivered",
                  "A pair was delivered at this end (OK), with its ground-truth fidelity.",
                  MakeTraceSourceAccessor(&QuantumLinkLayer::m_pairTrace),
                  "ns3::QuantumLinkLayer::PairTracedCallback")
              .AddTraceSource("RequestFailed",
                              "A request of this end failed (ERR): request id, error.",
                              MakeTraceSourceAccessor(&QuantumLinkLayer::m_errorTrace),
                              "ns3::QuantumLinkLayer::ErrorTracedCallback")
              .AddTraceSource("PairExpired",
                              "A delivered half expired in memory (EXPIRE): pair id, slot.",
                              MakeTraceSourceAccessor(&QuantumLinkLayer::m_expireTrace),
                              "ns3::QuantumLinkLayer::ExpireTracedCallback");
    return tid;
}

namespace
{
/**
 * @return the link-layer ends created since the last Simulator::Destroy (or
 * since the start), to be disposed at the next one.  The vector is never
 * freed, so that no end is released during static destruction.
 */
std::vector<Ptr<QuantumLinkLayer>>&
PendingLinkLayers()
{
    static auto* ends = new std::vector<Ptr<QuantumLinkLayer>>();
    return *ends;
}

/**
 * Dispose, in creation order, every link-layer end created since the last
 * Simulator::Destroy (scheduled with Simulator::ScheduleDestroy).
 */
void
DisposeLinkLayers()
{
    std::vector<Ptr<QuantumLinkLayer>> ends;
    ends.swap(PendingLinkLayers());
    for (auto& end : ends)
    {
        end->Dispose();
    }
}
} // namespace

QuantumLinkLayer::QuantumLinkLayer()
{
    NS_LOG_FUNCTION(this);
    // Link-layer ends are neither aggregated to a node nor kept in a list
    // that ns-3 disposes, and the two ends of a link (and their stations,
    // multiplexers and agents) refer to each other: dispose every end at
    // Simulator::Destroy so that these reference cycles are broken.  One
    // destroy event serves all ends (a destroy event per end would cost about
    // 90 bytes of heap each).
    std::vector<Ptr<QuantumLinkLayer>>& ends = PendingLinkLayers();
    if (ends.empty())
    {
        Simulator::ScheduleDestroy(&DisposeLinkLayers);
    }
    ends.emplace_back(this);
}

QuantumLinkLayer::~QuantumLinkLayer()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumLinkLayer::SetOkCallback(OkCallback cb)
{
    m_ok = cb;
}

void
QuantumLinkLayer::SetErrorCallback(ErrorCallback cb)
{
    m_error = cb;
}

void
QuantumLinkLayer::SetExpireCallback(ExpireCallback cb)
{
    m_expire = cb;
}

void
QuantumLinkLayer::DoDispose()
{
    m_ok = MakeNullCallback<void, const EntanglementPair&>();
    m_error = MakeNullCallback<void, uint32_t, EntanglementError, uint32_t>();
    m_expire = MakeNullCallback<void, uint64_t, int32_t>();
    Object::DoDispose();
}

void
QuantumLinkLayer::NotifyOk(const EntanglementPair& pair, double trueFidelity)
{
    NS_LOG_FUNCTION(this << pair.pairId << trueFidelity);
    m_pairTrace(pair, trueFidelity);
    if (!m_ok.IsNull())
    {
        m_ok(pair);
    }
}

void
QuantumLinkLayer::NotifyError(uint32_t requestId, EntanglementError error, uint32_t delivered)
{
    NS_LOG_FUNCTION(this << requestId << EntanglementErrorName(error) << delivered);
    m_errorTrace(requestId, error);
    if (!m_error.IsNull())
    {
        m_error(requestId, error, delivered);
    }
}

void
QuantumLinkLayer::NotifyExpire(uint64_t pairId, int32_t slot)
{
    NS_LOG_FUNCTION(this << pairId << slot);
    m_expireTrace(pairId, slot);
    if (!m_expire.IsNull())
    {
        m_expire(pairId, slot);
    }
}

} // namespace ns3
