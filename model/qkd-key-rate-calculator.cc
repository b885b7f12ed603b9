/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "qkd-key-rate-calculator.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

/**
 * Abort unless lo <= value <= hi.
 * @param method the calculator method
 * @param name the parameter name
 * @param value the value
 * @param lo lower end
 * @param hi upper end
 */
void
CheckRange(const char* method, const char* name, double value, double lo, double hi)
{
    NS_ABORT_MSG_IF(!(value >= lo && value <= hi),
                    "QkdKeyRateCalculator::" << method << ": " << name << " = " << value
                                             << " is outside the valid range [" << lo << ", " << hi
                                             << "]");
}

} // namespace

double
QkdKeyRateCalculator::BinaryEntropy(double x)
{
    CheckRange("BinaryEntropy", "x", x, 0.0, 1.0);
    if (x == 0.0 || x == 1.0)
    {
        return 0.0;
    }
    return -x * std::log2(x) - (1.0 - x) * std::log2(1.0 - x);
}

double
QkdKeyRateCalculator::FibreTransmittance(double lengthKm, double attenuationDbPerKm)
{
    CheckRange("FibreTransmittance", "lengthKm", lengthKm, 0.0, 1e6);
    CheckRange("FibreTransmittance", "attenuationDbPerKm", attenuationDbPerKm, 0.0, 1e3);
    return std::pow(10.0, -attenuationDbPerKm * lengthKm / 10.0);
}

double
QkdKeyRateCalculator::PhotonNumberYield(uint32_t photonNumber, double eta, double y0)
{
    CheckRange("PhotonNumberYield", "eta", eta, 0.0, 1.0);
    CheckRange("PhotonNumberYield", "y0", y0, 0.0, 1.0);
    const double etaN = 1.0 - std::pow(1.0 - eta, static_cast<double>(photonNumber));
    return y0 + etaN - y0 * etaN;
}

double
QkdKeyRateCalculator::PhotonNumberErrorRate(uint32_t photonNumber,
                                            double eta,
                                            double y0,
                                            double misalignment,
                                            double backgroundError)
{
    CheckRange("PhotonNumberErrorRate", "misalignment", misalignment, 0.0, 0.5);
    CheckRange("PhotonNumberErrorRate", "backgroundError", backgroundError, 0.0, 1.0);
    const double yn = PhotonNumberYield(photonNumber, eta, y0);
    if (yn == 0.0)
    {
        return backgroundError;
    }
    const double etaN = 1.0 - std::pow(1.0 - eta, static_cast<double>(photonNumber));
    return (backgroundError * y0 + misalignment * etaN) / yn;
}

double
QkdKeyRateCalculator::ExpectedGain(double mu, double eta, double y0)
{
    CheckRange("ExpectedGain", "mu", mu, 0.0, 1e3);
    CheckRange("ExpectedGain", "eta", eta, 0.0, 1.0);
    CheckRange("ExpectedGain", "y0", y0, 0.0, 1.0);
    return y0 - std::expm1(-eta * mu);
}

double
QkdKeyRateCalculator::ExpectedQber(double mu,
                                   double eta,
                                   double y0,
                                   double misalignment,
                                   double backgroundError)
{
    CheckRange("ExpectedQber", "misalignment", misalignment, 0.0, 0.5);
    CheckRange("ExpectedQber", "backgroundError", backgroundError, 0.0, 1.0);
    const double q = ExpectedGain(mu, eta, y0);
    if (q == 0.0)
    {
        return backgroundError;
    }
    return (backgroundError * y0 - misalignment * std::expm1(-eta * mu)) / q;
}

double
QkdKeyRateCalculator::KeyRate(double q,
                              double gain,
                              double qber,
                              double f,
                              const QkdSinglePhotonEstimate& single)
{
    CheckRange("KeyRate", "q", q, 1e-300, 1.0);
    CheckRange("KeyRate", "gain", gain, 0.0, 1.0);
    CheckRange("KeyRate", "qber", qber, 0.0, 1.0);
    CheckRange("KeyRate", "f", f, 1.0, 100.0);
    CheckRange("KeyRate", "single-photon gain Q_1", single.gain, 0.0, 1.0);
    CheckRange("KeyRate", "single-photon error rate e_1", single.errorRate, 0.0, 1.0);
    const double e1 = std::min(single.errorRate, 0.5);
    const double e = std::min(qber, 0.5);
    const double r = q * (-gain * f * BinaryEntropy(e) + single.gain * (1.0 - BinaryEntropy(e1)));
    return std::max(0.0, r);
}

double
QkdKeyRateCalculator::SinglePhotonRate(double q, double gain, double qber, double f)
{
    return KeyRate(q, gain, qber, f, {gain, qber, gain});
}

QkdSinglePhotonEstimate
QkdKeyRateCalculator::GllpWorstCaseBounds(double mu, double gain, double qber)
{
    CheckRange("GllpWorstCaseBounds", "mu", mu, 1e-300, 1e3);
    CheckRange("GllpWorstCaseBounds", "gain", gain, 0.0, 1.0);
    CheckRange("GllpWorstCaseBounds", "qber", qber, 0.0, 1.0);
    // P_multi = 1 - e^{-mu} - mu e^{-mu}
    const double pMulti = -std::expm1(-mu) - mu * std::exp(-mu);
    if (gain <= pMulti)
    {
        return {0.0, 0.5, 0.0};
    }
    const double q1 = gain - pMulti; // = Q_mu (1 - Delta)
    const double e1 = std::min(0.5, qber * gain / q1);
    return {q1 / (mu * std::exp(-mu)), e1, q1};
}

double
QkdKeyRateCalculator::GllpRate(double q, double mu, double gain, double qber, double f)
{
    return KeyRate(q, gain, qber, f, GllpWorstCaseBounds(mu, gain, qber));
}

QkdSinglePhotonEstimate
QkdKeyRateCalculator::VacuumWeakDecoyBounds(double mu,
                                            double nu,
                                            double gainMu,
                                            double gainNu,
                                            double qberNu,
                                            double y0,
                                            double backgroundError)
{
    CheckRange("VacuumWeakDecoyBounds", "nu", nu, 1e-300, 1e3);
    NS_ABORT_MSG_IF(!(mu > nu),
                    "QkdKeyRateCalculator::VacuumWeakDecoyBounds: the signal intensity mu = "
                        << mu << " must exceed the weak-decoy intensity nu = " << nu);
    CheckRange("VacuumWeakDecoyBounds", "mu", mu, 1e-300, 1e3);
    CheckRange("VacuumWeakDecoyBounds", "gainMu", gainMu, 0.0, 1.0);
    CheckRange("VacuumWeakDecoyBounds", "gainNu", gainNu, 0.0, 1.0);
    CheckRange("VacuumWeakDecoyBounds", "qberNu", qberNu, 0.0, 1.0);
    CheckRange("VacuumWeakDecoyBounds", "y0", y0, 0.0, 1.0);
    CheckRange("VacuumWeakDecoyBounds", "backgroundError", backgroundError, 0.0, 1.0);
    // [Ma2005] eq. (34)
    const double y1
        = std::max(0.0,
                   mu / (mu * nu - nu * nu)
                       * (gainNu * std::exp(nu) - gainMu * std::exp(mu) * nu * nu / (mu * mu)
                          - (mu * mu - nu * nu) / (mu * mu) * y0));
    const double q1 = y1 * mu * std::exp(-mu);
    if (y1 <= 0.0)
    {
        return {0.0, 0.5, 0.0};
    }
    // [Ma2005] eq. (37)
    const double e1 = (qberNu * gainNu * std::exp(nu) - backgroundError * y0) / (y1 * nu);
    return {y1, std::clamp(e1, 0.0, 0.5), q1};
}

QkdSinglePhotonEstimate
QkdKeyRateCalculator::InfiniteDecoyValues(double mu,
                                          double eta,
                                          double y0,
                                          double misalignment,
                                          double backgroundError)
{
    CheckRange("InfiniteDecoyValues", "mu", mu, 0.0, 1e3);
    const double y1 = PhotonNumberYield(1, eta, y0);
    const double e1 = PhotonNumberErrorRate(1, eta, y0, misalignment, backgroundError);
    return {y1, e1, y1 * mu * std::exp(-mu)};
}

double
QkdKeyRateCalculator::PlobBound(double eta)
{
    NS_ABORT_MSG_IF(!(eta >= 0.0 && eta < 1.0),
                    "QkdKeyRateCalculator::PlobBound: eta = "
                        << eta << " is outside the valid range [0, 1) (eta = 1 has no bound)");
    return -std::log2(1.0 - eta);
}

} // namespace ns3
