/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FREE_SPACE_QUANTUM_CHANNEL_H
#define FREE_SPACE_QUANTUM_CHANNEL_H

#include "quantum-channel.h"

namespace ns3
{

class MobilityModel;

/**
 * @ingroup quantum
 * @brief A free-space optical link (ground-to-ground, ground-to-satellite,
 * satellite-to-satellite) whose length is the distance between the nodes'
 * MobilityModels at the time of sending.
 *
 * Each node must aggregate an ns3::MobilityModel; moving nodes (a satellite
 * pass driven by a WaypointMobilityModel or a ConstantVelocityMobilityModel)
 * make the loss and the delay change with time.  With z the distance and dz
 * the height difference (the z axis points up):
 *
 *  - delay z / c, c = 299792458 m/s;
 *  - diffraction of a Gaussian beam with waist w0 = D_T / 2 at the
 *    transmitter aperture: Rayleigh range z_R = pi w0^2 / lambda, beam
 *    radius (1/e^2 intensity) w(z) = w0 sqrt(1 + (z / z_R)^2);
 *  - pointing jitter of sigma rad per axis (Gaussian) moves the beam centre
 *    by sigma z per axis; the long-term (time-averaged) spot is the
 *    convolution of the two Gaussians, exactly Gaussian with
 *    w_eff^2 = w(z)^2 + 4 (sigma z)^2;
 *  - a receiver aperture of radius a = D_R / 2 centred on the beam collects
 *    1 - exp(-2 a^2 / w_eff^2) of the power;
 *  - the atmosphere (if "AtmosphereEnabled") transmits
 *    T_zenith^(1 / sin(elevation)), elevation = asin(|dz| / z) (plane-parallel
 *    atmosphere; air mass 1/sin(elevation));
 *  - the insertion loss of the optics, 10^(-InsertionLossDb / 10).
 *
 * The product is the mean (long-term) transmittance; each photon is lost
 * independently with it.  Fading (the probability distribution of the
 * transmittance, correlated over milliseconds, Vasylyev, Semenov and Vogel,
 * Phys. Rev. Lett. 117, 090501 (2016)) is not modelled.  The beam model
 * follows Bourgoin et al., New J. Phys. 15, 023006 (2013); Liao et al.,
 * Nature 549, 43 (2017) give typical satellite numbers (850 nm, 300 mm
 * transmitter, 1 m receiver, 500 km orbit).
 *
 * The link is designed for one wavelength, "WavelengthNm": the diffraction
 * uses it for every signal (a QuantumSignal's own wavelength is not
 * consulted, so the transmittance is a property of the link, the same for
 * GetTransmittance and for each signal).  The fibre attributes inherited
 * from QuantumChannel (LengthKm, GroupVelocityMetersPerSecond,
 * AttenuationDbPerKm) are ignored; InsertionLossDb, the model chain, FIFO
 * order and the traces work as in a fibre.  The positions are those at the
 * time SendSignal is called; a pulse train stamped with future emission times
 * uses them for all its pulses, so keep such trains short compared with the
 * time over which the geometry changes (a satellite moves 7.6 m in 1 ms).
 */
class FreeSpaceQuantumChannel : public QuantumChannel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    FreeSpaceQuantumChannel();
    ~FreeSpaceQuantumChannel() override;

    /** Speed of light in vacuum, m/s. */
    static constexpr double SPEED_OF_LIGHT = 299792458.0;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return the distance between the two nodes' MobilityModels now, in metres
     */
    double GetLengthMeters(Ptr<const QuantumNetDevice> source,
                           Ptr<const QuantumNetDevice> destination) const override;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return distance / c
     */
    Time GetPropagationDelay(Ptr<const QuantumNetDevice> source,
                             Ptr<const QuantumNetDevice> destination) const override;

    /**
     * @param source sending device
     * @param destination receiving device
     * @return the elevation asin(|dz| / distance) in radians (pi/2 for
     *         coincident nodes)
     */
    double GetElevationRad(Ptr<const QuantumNetDevice> source,
                           Ptr<const QuantumNetDevice> destination) const;

    /**
     * @param distanceMeters distance z
     * @return the diffraction-limited beam radius w(z) in metres
     */
    double GetBeamRadiusMeters(double distanceMeters) const;

    /**
     * @param distanceMeters distance z
     * @return the long-term beam radius w_eff(z), with pointing jitter, in metres
     */
    double GetLongTermBeamRadiusMeters(double distanceMeters) const;

    /**
     * @param distanceMeters distance z
     * @return the fraction 1 - exp(-2 a^2 / w_eff^2) the receiver collects
     */
    double GetCollectionEfficiency(double distanceMeters) const;

    /**
     * @param elevationRad elevation in radians
     * @return T_zenith^(1 / sin(elevation)), or 1 if the atmosphere is disabled
     */
    double GetAtmosphericTransmittance(double elevationRad) const;

  protected:
    double GetIntrinsicTransmittance(const QuantumChannelContext& context) const override;

  private:
    /**
     * @param node a node
     * @return its MobilityModel; aborts with a clear message if there is none
     */
    Ptr<MobilityModel> GetMobility(Ptr<const Node> node) const;

    double m_wavelengthNm;         //!< design wavelength
    double m_transmitterApertureM; //!< transmitter aperture diameter D_T
    double m_receiverApertureM;    //!< receiver aperture diameter D_R
    double m_pointingJitterRad;    //!< pointing jitter per axis
    double m_zenithTransmittance;  //!< atmospheric transmittance at zenith
    bool m_atmosphereEnabled;      //!< apply the atmospheric transmittance
};

} // namespace ns3

#endif /* FREE_SPACE_QUANTUM_CHANNEL_H */
