/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CIRCULAR_ORBIT_MOBILITY_MODEL_H
#define CIRCULAR_ORBIT_MOBILITY_MODEL_H

#include "ns3/mobility-model.h"
#include "ns3/nstime.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A satellite on a circular orbit around a spherical, non-rotating
 * Earth, in the local Cartesian frame of a ground station: the station at
 * the origin, z up (the local vertical), x along the satellite's ground
 * track.
 *
 * Geometry (Earth-centred, then shifted by the Earth radius R along z).  The
 * orbit of radius r = R + h (h: "AltitudeM") lies in a plane through the
 * Earth's centre whose closest point to the station's zenith direction
 * s = (0, 0, 1) is c = (0, sin beta, cos beta), beta the cross-track central
 * angle ("CrossTrackAngleRad"; 0: the pass goes through the zenith).  With
 * the along-track unit vector v = (1, 0, 0) and the in-plane angle
 * theta(t) = theta_0 + omega t (theta_0: "InitialAngleRad", t the simulation
 * time), the position is
 *
 *   p(t) = r [cos theta(t) c + sin theta(t) v] - (0, 0, R).
 *
 * The central angle gamma between station and satellite obeys
 * cos gamma = cos theta cos beta; the slant range is
 * d = sqrt(R^2 + r^2 - 2 R r cos gamma) and the elevation
 * el = asin((r cos gamma - R) / d) (spherical-Earth geometry, e.g. Vallado,
 * Fundamentals of Astrodynamics and Applications, 4th ed., Sec. 11.2).  The
 * angular velocity is Kepler's omega = sqrt(GM / r^3) (GM = 3.986004418e14
 * m^3/s^2, WGS 84) unless "OrbitalPeriod" is set (omega = 2 pi / period).
 *
 * Limits: the Earth's rotation (0.25 degrees per minute of ground-track
 * shift), its oblateness and any orbit perturbation are ignored, which is
 * adequate over one pass of a few minutes; SetPosition is not supported (the
 * orbit defines the position) and aborts.
 */
class CircularOrbitMobilityModel : public MobilityModel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CircularOrbitMobilityModel();
    ~CircularOrbitMobilityModel() override;

    /** Standard gravitational parameter of the Earth, m^3/s^2 (WGS 84). */
    static constexpr double EARTH_GM = 3.986004418e14;

    /** @return the angular velocity omega in rad/s */
    double GetAngularVelocityRadPerSecond() const;

    /**
     * @param t a time
     * @return the in-plane angle theta(t) = theta_0 + omega t in rad
     */
    double GetOrbitAngleRad(Time t) const;

    /**
     * Closed form of the slant range from the station (the origin).
     * @param t a time
     * @return d(t) = sqrt(R^2 + r^2 - 2 R r cos gamma) in m
     */
    double GetSlantRangeMeters(Time t) const;

    /**
     * Closed form of the elevation seen from the station.
     * @param t a time
     * @return el(t) = asin((r cos gamma - R) / d) in rad (negative below
     *         the horizon)
     */
    double GetElevationRad(Time t) const;

  private:
    /** @return p(t) at the current simulation time */
    Vector DoGetPosition() const override;
    /**
     * Aborts: the orbit defines the position.
     * @param position ignored
     */
    void DoSetPosition(const Vector& position) override;
    /** @return dp/dt = r omega [-sin theta c + cos theta v] at the current time */
    Vector DoGetVelocity() const override;

    double m_earthRadiusM;  //!< R
    double m_altitudeM;     //!< h
    double m_crossTrackRad; //!< beta
    double m_initialRad;    //!< theta_0
    Time m_period;          //!< orbital period (0: Kepler)
};

} // namespace ns3

#endif /* CIRCULAR_ORBIT_MOBILITY_MODEL_H */
