/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "circular-orbit-mobility-model.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CircularOrbitMobilityModel");

NS_OBJECT_ENSURE_REGISTERED(CircularOrbitMobilityModel);

TypeId
CircularOrbitMobilityModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::CircularOrbitMobilityModel")
              .SetParent<MobilityModel>()
              .SetGroupName("Quantum")
              .AddConstructor<CircularOrbitMobilityModel>()
              .AddAttribute("EarthRadiusM",
                            "Radius R of the spherical Earth in m, in [1e3, 1e8] (default: the "
                            "mean radius 6371 km).",
                            DoubleValue(6371.0e3),
                            MakeDoubleAccessor(&CircularOrbitMobilityModel::m_earthRadiusM),
                            MakeDoubleChecker<double>(1e3, 1e8))
              .AddAttribute("AltitudeM",
                            "Orbit altitude h above the surface in m, in [1e3, 1e9] (default: "
                            "500 km, the Micius orbit).",
                            DoubleValue(500.0e3),
                            MakeDoubleAccessor(&CircularOrbitMobilityModel::m_altitudeM),
                            MakeDoubleChecker<double>(1e3, 1e9))
              .AddAttribute("CrossTrackAngleRad",
                            "Central angle beta between the station's zenith and the orbit "
                            "plane in rad, in [0, pi/2] (0: the pass goes through the zenith).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&CircularOrbitMobilityModel::m_crossTrackRad),
                            MakeDoubleChecker<double>(0.0, M_PI / 2))
              .AddAttribute("InitialAngleRad",
                            "In-plane angle theta_0 of the satellite at time 0 in rad, in "
                            "[-pi, pi] (0: closest approach; negative: before it).",
                            DoubleValue(0.0),
                            MakeDoubleAccessor(&CircularOrbitMobilityModel::m_initialRad),
                            MakeDoubleChecker<double>(-M_PI, M_PI))
              .AddAttribute("OrbitalPeriod",
                            "Orbital period, >= 0; 0 means Kepler's period 2 pi sqrt(r^3 / GM).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&CircularOrbitMobilityModel::m_period),
                            MakeTimeChecker(Seconds(0)));
    return tid;
}

CircularOrbitMobilityModel::CircularOrbitMobilityModel()
    : m_earthRadiusM(6371.0e3)
    , m_altitudeM(500.0e3)
    , m_crossTrackRad(0.0)
    , m_initialRad(0.0)
    , m_period(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

CircularOrbitMobilityModel::~CircularOrbitMobilityModel()
{
    NS_LOG_FUNCTION(this);
}

double
CircularOrbitMobilityModel::GetAngularVelocityRadPerSecond() const
{
    if (m_period.IsStrictlyPositive())
    {
        return 2 * M_PI / m_period.GetSeconds();
    }
    const double r = m_earthRadiusM + m_altitudeM;
    return std::sqrt(EARTH_GM / (r * r * r));
}

double
CircularOrbitMobilityModel::GetOrbitAngleRad(Time t) const
{
    return m_initialRad + GetAngularVelocityRadPerSecond() * t.GetSeconds();
}

double
CircularOrbitMobilityModel::GetSlantRangeMeters(Time t) const
{
    const double R = m_earthRadiusM;
    const double r = R + m_altitudeM;
    const double cosGamma = std::cos(GetOrbitAngleRad(t)) * std::cos(m_crossTrackRad);
    return std::sqrt(R * R + r * r - 2 * R * r * cosGamma);
}

double
CircularOrbitMobilityModel::GetElevationRad(Time t) const
{
    const double R = m_earthRadiusM;
    const double r = R + m_altitudeM;
    const double cosGamma = std::cos(GetOrbitAngleRad(t)) * std::cos(m_crossTrackRad);
    const double d = GetSlantRangeMeters(t);
    return std::asin(std::max(-1.0, std::min(1.0, (r * cosGamma - R) / d)));
}

Vector
CircularOrbitMobilityModel::DoGetPosition() const
{
    const double r = m_earthRadiusM + m_altitudeM;
    const double theta = GetOrbitAngleRad(Simulator::Now());
    const double sb = std::sin(m_crossTrackRad);
    const double cb = std::cos(m_crossTrackRad);
    return Vector(r * std::sin(theta),
                  r * std::cos(theta) * sb,
                  r * std::cos(theta) * cb - m_earthRadiusM);
}

void
CircularOrbitMobilityModel::DoSetPosition(const Vector& position)
{
    NS_FATAL_ERROR("CircularOrbitMobilityModel::SetPosition("
                   << position
                   << "): the orbit defines the position; set the attributes AltitudeM, "
                      "CrossTrackAngleRad and InitialAngleRad instead");
}

Vector
CircularOrbitMobilityModel::DoGetVelocity() const
{
    const double r = m_earthRadiusM + m_altitudeM;
    const double w = GetAngularVelocityRadPerSecond();
    const double theta = GetOrbitAngleRad(Simulator::Now());
    const double sb = std::sin(m_crossTrackRad);
    const double cb = std::cos(m_crossTrackRad);
    return Vector(r * w * std::cos(theta),
                  -r * w * std::sin(theta) * sb,
                  -r * w * std::sin(theta) * cb);
}

} // namespace ns3
