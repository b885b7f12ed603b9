/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "free-space-quantum-channel.h"

#include "quantum-net-device.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FreeSpaceQuantumChannel");

NS_OBJECT_ENSURE_REGISTERED(FreeSpaceQuantumChannel);

TypeId
FreeSpaceQuantumChannel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::FreeSpaceQuantumChannel")
              .SetParent<QuantumChannel>()
              .SetGroupName("Quantum")
              .AddConstructor<FreeSpaceQuantumChannel>()
              .AddAttribute("WavelengthNm",
                            "Design wavelength of the link in nm, in [100, 100000]; used for the "
                            "diffraction of every signal.",
                            DoubleValue(850.0),
                            MakeDoubleAccessor(&FreeSpaceQuantumChannel::m_wavelengthNm),
                            MakeDoubleChecker<double>(100.0, 100000.0))
              .AddAttribute("TransmitterApertureM",
                            "Transmitter aperture diameter D_T in m, in [1e-4, 100]; the beam "
                            "waist is w0 = D_T / 2.",
                            DoubleValue(0.3),
                            MakeDoubleAccessor(&FreeSpaceQuantumChannel::m_transmitterApertureM),
                            MakeDoubleChecker<double>(1e-4, 100.0))
              .AddAttribute("ReceiverApertureM",
                            "Receiver aperture diameter D_R in m, in [1e-4, 100].",
                            DoubleValue(1.0),
                            MakeDoubleAccessor(&FreeSpaceQuantumChannel::m_receiverApertureM),
                            MakeDoubleChecker<double>(1e-4, 100.0))
              .AddAttribute(
                  "PointingJitterRad",
                  "Standard deviation of the pointing error per axis in rad, in [0, 0.1].",
                  DoubleValue(1e-6),
                  MakeDoubleAccessor(&FreeSpaceQuantumChannel::m_pointingJitterRad),
                  MakeDoubleChecker<double>(0.0, 0.1))
              .AddAttribute("ZenithTransmittance",
                            "Transmittance of the whole atmosphere at zenith, in [0, 1].",
                            DoubleValue(0.8),
                            MakeDoubleAccessor(&FreeSpaceQuantumChannel::m_zenithTransmittance),
                            MakeDoubleChecker<double>(0.0, 1.0))
              .AddAttribute("AtmosphereEnabled",
                            "Apply the atmospheric transmittance ZenithTransmittance^(1/sin("
                            "elevation)); disable it for links above the atmosphere.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&FreeSpaceQuantumChannel::m_atmosphereEnabled),
                            MakeBooleanChecker());
    return tid;
}

FreeSpaceQuantumChannel::FreeSpaceQuantumChannel()
    : m_wavelengthNm(850.0)
    , m_transmitterApertureM(0.3)
    , m_receiverApertureM(1.0)
    , m_pointingJitterRad(1e-6)
    , m_zenithTransmittance(0.8)
    , m_atmosphereEnabled(true)
{
    NS_LOG_FUNCTION(this);
}

FreeSpaceQuantumChannel::~FreeSpaceQuantumChannel()
{
    NS_LOG_FUNCTION(this);
}

Ptr<MobilityModel>
FreeSpaceQuantumChannel::GetMobility(Ptr<const Node> node) const
{
    NS_ABORT_MSG_IF(!node,
                    "FreeSpaceQuantumChannel: a device attached to the channel has no node; "
                    "add the QuantumNetDevice to a node (Node::AddDevice) before sending");
    Ptr<MobilityModel> m = node->GetObject<MobilityModel>();
    NS_ABORT_MSG_IF(!m,
                    "FreeSpaceQuantumChannel: node "
                        << node->GetId()
                        << " has no MobilityModel; the free-space channel takes its length from "
                           "the nodes' positions, so aggregate an ns3::MobilityModel (e.g. "
                           "ConstantPositionMobilityModel, via MobilityHelper::Install) to both "
                           "nodes");
    return m;
}

double
FreeSpaceQuantumChannel::GetLengthMeters(Ptr<const QuantumNetDevice> source,
                                         Ptr<const QuantumNetDevice> destination) const
{
    return GetMobility(source->GetNode())->GetDistanceFrom(GetMobility(destination->GetNode()));
}

Time
FreeSpaceQuantumChannel::GetPropagationDelay(Ptr<const QuantumNetDevice> source,
                                             Ptr<const QuantumNetDevice> destination) const
{
    return Seconds(GetLengthMeters(source, destination) / SPEED_OF_LIGHT);
}

double
FreeSpaceQuantumChannel::GetElevationRad(Ptr<const QuantumNetDevice> source,
                                         Ptr<const QuantumNetDevice> destination) const
{
    const Vector a = GetMobility(source->GetNode())->GetPosition();
    const Vector b = GetMobility(destination->GetNode())->GetPosition();
    const double d = CalculateDistance(a, b);
    if (d == 0)
    {
        return M_PI / 2;
    }
    return std::asin(std::min(1.0, std::abs(b.z - a.z) / d));
}

double
FreeSpaceQuantumChannel::GetBeamRadiusMeters(double distanceMeters) const
{
    const double w0 = m_transmitterApertureM / 2;
    const double zR = M_PI * w0 * w0 / (m_wavelengthNm * 1e-9);
    const double r = distanceMeters / zR;
    return w0 * std::sqrt(1 + r * r);
}

double
FreeSpaceQuantumChannel::GetLongTermBeamRadiusMeters(double distanceMeters) const
{
    const double w = GetBeamRadiusMeters(distanceMeters);
    const double shift = m_pointingJitterRad * distanceMeters;
    return std::sqrt(w * w + 4 * shift * shift);
}

double
FreeSpaceQuantumChannel::GetCollectionEfficiency(double distanceMeters) const
{
    const double a = m_receiverApertureM / 2;
    const double w = GetLongTermBeamRadiusMeters(distanceMeters);
    return -std::expm1(-2 * a * a / (w * w));
}

double
FreeSpaceQuantumChannel::GetAtmosphericTransmittance(double elevationRad) const
{
    if (!m_atmosphereEnabled)
    {
        return 1.0;
    }
    NS_ABORT_MSG_IF(!(elevationRad >= 0 && elevationRad <= M_PI / 2),
                    "FreeSpaceQuantumChannel::GetAtmosphericTransmittance: elevation "
                        << elevationRad << " rad is outside [0, pi/2]");
    // A horizontal path (elevation 0) crosses an infinitely thick plane-parallel
    // atmosphere: pow(T, inf) = 0 for T < 1, and 1 for T = 1.
    return std::pow(m_zenithTransmittance, 1.0 / std::sin(elevationRad));
}

double
FreeSpaceQuantumChannel::GetIntrinsicTransmittance(const QuantumChannelContext& context) const
{
    const double z = context.lengthMeters;
    double elevation = M_PI / 2;
    if (m_atmosphereEnabled && z > 0)
    {
        const Vector a = GetMobility(context.sender)->GetPosition();
        const Vector b = GetMobility(context.receiver)->GetPosition();
        elevation = std::asin(std::min(1.0, std::abs(b.z - a.z) / z));
    }
    const double eta = GetCollectionEfficiency(z) * GetAtmosphericTransmittance(elevation)
                       * std::pow(10.0, -GetInsertionLossDb() / 10.0);
    NS_LOG_LOGIC("free-space link: z=" << z << " m, elevation=" << elevation
                                       << " rad, transmittance=" << eta);
    return eta;
}

} // namespace ns3
