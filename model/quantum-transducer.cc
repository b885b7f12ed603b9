/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-transducer.h"

#include "kraus-channel.h"
#include "quantum-state-registry.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumTransducer");

NS_OBJECT_ENSURE_REGISTERED(QuantumTransducer);

TypeId
QuantumTransducer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::QuantumTransducer")
              .SetParent<Object>()
              .SetGroupName("Quantum")
              .AddConstructor<QuantumTransducer>()
              .AddAttribute("Efficiency",
                            "Probability that a photon is converted (else it is lost).",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&QuantumTransducer::m_efficiency),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("AddedNoise",
                            "Depolarizing probability p applied to a converted qubit: "
                            "rho -> (1-p) rho + p I/2.",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&QuantumTransducer::m_addedNoise),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("Latency",
                            "Time a conversion takes.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&QuantumTransducer::m_latency),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("OutputWavelengthNm",
                            "Wavelength of the converted signal, in nm.",
                            DoubleValue(1550.0),
                            MakeDoubleAccessor(&QuantumTransducer::m_wavelengthNm),
                            MakeDoubleChecker<double>(1.0, 1e9))
              .AddAttribute("Registry",
                            "The state engine; the simulation's default registry if unset.",
                            PointerValue(),
                            MakePointerAccessor(&QuantumTransducer::m_registry),
                            MakePointerChecker<QuantumStateRegistry>())
              .AddTraceSource("Converted",
                              "A signal was converted.",
                              MakeTraceSourceAccessor(&QuantumTransducer::m_convertedTrace),
                              "ns3::QuantumTransducer::SignalTracedCallback")
              .AddTraceSource("Lost",
                              "A photon was lost in the conversion (its qubit erased).",
                              MakeTraceSourceAccessor(&QuantumTransducer::m_lostTrace),
                              "ns3::QuantumTransducer::SignalTracedCallback");
    return tid;
}

QuantumTransducer::QuantumTransducer()
    : m_efficiency(1.0)
    , m_addedNoise(0.0)
    , m_latency(Seconds(0))
    , m_wavelengthNm(1550.0)
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

QuantumTransducer::~QuantumTransducer()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumTransducer::DoDispose()
{
    m_registry = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

Ptr<QuantumStateRegistry>
QuantumTransducer::GetRegistry() const
{
    return m_registry ? m_registry : QuantumStateRegistry::GetDefault();
}

void
QuantumTransducer::Convert(Ptr<QuantumSignal> signal, ConvertedCallback done)
{
    NS_ABORT_MSG_IF(!signal, "QuantumTransducer::Convert: null signal");
    NS_LOG_FUNCTION(this << signal->GetId());
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        NS_ABORT_MSG_IF(!GetRegistry()->IsAlive(signal->GetQubit()),
                        "QuantumTransducer::Convert: the signal's qubit " << signal->GetQubit()
                                                                          << " no longer exists");
        NS_ABORT_MSG_IF(GetRegistry()->IsErased(signal->GetQubit()),
                        "QuantumTransducer::Convert: the signal's photon was already lost "
                        "(qubit erased); there is nothing to convert");
    }
    Simulator::Schedule(m_latency, &QuantumTransducer::Finish, this, signal, done);
}

void
QuantumTransducer::Finish(Ptr<QuantumSignal> signal, ConvertedCallback done)
{
    signal->SetWavelengthMeters(m_wavelengthNm * 1e-9);
    bool lost = false;
    if (signal->GetKind() == QuantumSignal::QUBIT)
    {
        Ptr<QuantumStateRegistry> reg = GetRegistry();
        if (m_efficiency < 1 && m_rng->GetValue() >= m_efficiency)
        {
            reg->Erase(signal->GetQubit());
            lost = true;
        }
        else if (m_addedNoise > 0)
        {
            reg->ApplyChannel(KrausChannel::Depolarizing(m_addedNoise, 1), {signal->GetQubit()});
        }
    }
    else
    {
        signal->ApplyTransmittance(m_efficiency);
        if (m_addedNoise > 0)
        {
            signal->ComposePauliNoise(KrausChannel::Depolarizing(m_addedNoise, 1));
        }
    }
    if (lost)
    {
        m_lostTrace(signal);
    }
    else
    {
        m_convertedTrace(signal);
    }
    if (!done.IsNull())
    {
        done(signal);
    }
}

int64_t
QuantumTransducer::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

} // namespace ns3
