/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "deferred-uniform-random-variable.h"

#include "ns3/abort.h"

namespace ns3
{

DeferredUniformRandomVariable::DeferredUniformRandomVariable()
    : m_stream(-1)
{
}

UniformRandomVariable&
DeferredUniformRandomVariable::Get()
{
    if (!m_rng)
    {
        m_rng = CreateObject<UniformRandomVariable>();
        if (m_stream >= 0)
        {
            m_rng->SetStream(m_stream);
        }
    }
    return *m_rng;
}

double
DeferredUniformRandomVariable::GetValue()
{
    return Get().GetValue();
}

int64_t
DeferredUniformRandomVariable::AssignStreams(int64_t stream)
{
    NS_ABORT_MSG_IF(stream < -1,
                    "DeferredUniformRandomVariable::AssignStreams: stream "
                        << stream << " is invalid; valid range: stream >= 0, or -1 for ns-3's "
                        << "next automatic stream");
    m_stream = stream;
    if (m_rng)
    {
        m_rng->SetStream(stream);
    }
    return 1;
}

int64_t
DeferredUniformRandomVariable::GetAssignedStream() const
{
    return m_stream;
}

bool
DeferredUniformRandomVariable::IsCreated() const
{
    return static_cast<bool>(m_rng);
}

void
DeferredUniformRandomVariable::Dispose()
{
    m_rng = nullptr;
}

} // namespace ns3
