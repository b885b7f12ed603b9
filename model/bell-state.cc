/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "bell-state.h"

#include "ns3/abort.h"

#include <cmath>

namespace ns3
{

std::string
BellStateName(BellState b)
{
    switch (b)
    {
        case BellState::PHI_PLUS:
            return "Phi+";
        case BellState::PSI_PLUS:
            return "Psi+";
        case BellState::PHI_MINUS:
            return "Phi-";
        case BellState::PSI_MINUS:
            return "Psi-";
    }
    return "?";
}

QVector
BellStateVector(BellState b)
{
    const double r = 1 / std::sqrt(2.0);
    QVector v = QVector::Zero(4);
    switch (b)
    {
        case BellState::PHI_PLUS:
            v(0) = r;
            v(3) = r;
            break;
        case BellState::PSI_PLUS:
            v(1) = r;
            v(2) = r;
            break;
        case BellState::PHI_MINUS:
            v(0) = r;
            v(3) = -r;
            break;
        case BellState::PSI_MINUS:
            v(1) = r;
            v(2) = -r;
            break;
    }
    return v;
}

uint8_t
BellLabelOfPauli(uint32_t pauliIndex)
{
    // I -> 0, X -> x=1 (1), Y ~ XZ -> 3, Z -> z=1 (2)
    static const uint8_t table[4] = {0, 1, 3, 2};
    NS_ABORT_MSG_IF(pauliIndex > 3,
                    "BellLabelOfPauli: Pauli index " << pauliIndex << " is outside [0, 3]");
    return table[pauliIndex];
}

BellState
BellStateFromLabel(uint32_t label)
{
    NS_ABORT_MSG_IF(label > 3, "BellStateFromLabel: label " << label << " is outside [0, 3]");
    return static_cast<BellState>(label);
}

} // namespace ns3
