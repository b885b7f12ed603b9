/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "chsh-estimator.h"

#include "ns3/abort.h"

#include <cmath>

namespace ns3
{

ChshEstimator::ChshEstimator()
    : m_count{}
    , m_sum{}
{
}

void
ChshEstimator::CheckSettings(const char* what, uint32_t settingA, uint32_t settingB)
{
    NS_ABORT_MSG_IF(settingA > 1 || settingB > 1,
                    "ChshEstimator::" << what << ": settings must be 0 or 1, got (" << settingA
                                      << ", " << settingB << ")");
}

void
ChshEstimator::Add(uint32_t settingA, uint32_t settingB, uint32_t outcomeA, uint32_t outcomeB)
{
    CheckSettings("Add", settingA, settingB);
    NS_ABORT_MSG_IF(outcomeA > 1 || outcomeB > 1,
                    "ChshEstimator::Add: outcomes must be 0 or 1, got (" << outcomeA << ", "
                                                                         << outcomeB << ")");
    ++m_count[settingA][settingB];
    m_sum[settingA][settingB] += outcomeA == outcomeB ? 1 : -1;
}

uint64_t
ChshEstimator::GetCount(uint32_t settingA, uint32_t settingB) const
{
    CheckSettings("GetCount", settingA, settingB);
    return m_count[settingA][settingB];
}

uint64_t
ChshEstimator::GetTotal() const
{
    return m_count[0][0] + m_count[0][1] + m_count[1][0] + m_count[1][1];
}

double
ChshEstimator::GetCorrelator(uint32_t settingA, uint32_t settingB) const
{
    CheckSettings("GetCorrelator", settingA, settingB);
    NS_ABORT_MSG_IF(m_count[settingA][settingB] == 0,
                    "ChshEstimator::GetCorrelator: no rounds with settings (" << settingA << ", "
                                                                              << settingB << ")");
    return static_cast<double>(m_sum[settingA][settingB]) / m_count[settingA][settingB];
}

double
ChshEstimator::GetS() const
{
    return GetCorrelator(0, 0) + GetCorrelator(0, 1) + GetCorrelator(1, 0) - GetCorrelator(1, 1);
}

double
ChshEstimator::GetStandardError() const
{
    double var = 0.0;
    for (uint32_t a = 0; a < 2; ++a)
    {
        for (uint32_t b = 0; b < 2; ++b)
        {
            const double e = GetCorrelator(a, b);
            var += (1.0 - e * e) / m_count[a][b];
        }
    }
    return std::sqrt(var);
}

double
ChshEstimator::WernerS(double visibility)
{
    NS_ABORT_MSG_IF(!(visibility >= -1.0 && visibility <= 1.0),
                    "ChshEstimator::WernerS: visibility " << visibility << " outside [-1, 1]");
    return 2.0 * std::sqrt(2.0) * visibility;
}

double
ChshEstimator::WernerVisibility(double fidelity)
{
    NS_ABORT_MSG_IF(!(fidelity >= 0.0 && fidelity <= 1.0),
                    "ChshEstimator::WernerVisibility: fidelity " << fidelity << " outside [0, 1]");
    return (4.0 * fidelity - 1.0) / 3.0;
}

} // namespace ns3
