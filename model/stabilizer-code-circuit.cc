/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stabilizer-code-circuit.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StabilizerCodeCircuit");

namespace
{
/**
 * @param m a non-zero mask
 * @return the index of its lowest set bit
 */
uint32_t
LowestBit(uint32_t m)
{
    uint32_t b = 0;
    while (((m >> b) & 1) == 0)
    {
        ++b;
    }
    return b;
}
} // namespace

StabilizerCodeCircuit::StabilizerCodeCircuit(const StabilizerCode& code)
    : m_code(code)
    , m_input(0)
{
    NS_LOG_FUNCTION(this << code.GetName());
    NS_ABORT_MSG_IF(!code.IsCss(),
                    "StabilizerCodeCircuit: code '"
                        << code.GetName()
                        << "' is not CSS; the encoder and syndrome circuits are built for CSS "
                           "codes only");
    const uint32_t n = code.GetNumQubits();
    // Reduced row-echelon form of the X-type generators' X parts.
    std::vector<uint32_t> rows;
    std::vector<uint32_t> pivots;
    for (uint32_t i = 0; i < code.GetNumStabilizers(); ++i)
    {
        uint32_t v = code.GetStabilizer(i).x;
        if (v == 0)
        {
            continue;
        }
        for (size_t r = 0; r < rows.size(); ++r)
        {
            if ((v >> pivots[r]) & 1)
            {
                v ^= rows[r];
            }
        }
        NS_ASSERT_MSG(v != 0, "independent generators cannot reduce to zero");
        const uint32_t p = LowestBit(v);
        for (auto& row : rows)
        {
            if ((row >> p) & 1)
            {
                row ^= v;
            }
        }
        rows.push_back(v);
        pivots.push_back(p);
    }
    uint32_t xl = code.GetLogicalX().x;
    for (size_t r = 0; r < rows.size(); ++r)
    {
        if ((xl >> pivots[r]) & 1)
        {
            xl ^= rows[r];
        }
    }
    NS_ASSERT_MSG(xl != 0, "X_L anticommutes with Z_L, so it is not in the stabilizer group");
    m_input = LowestBit(xl);
    for (uint32_t j = 0; j < n; ++j)
    {
        if (j != m_input && ((xl >> j) & 1))
        {
            m_encoder.push_back(CircuitStep{QuantumGate::Cnot(), {m_input, j}});
        }
    }
    for (uint32_t p : pivots)
    {
        m_encoder.push_back(CircuitStep{QuantumGate::Hadamard(), {p}});
    }
    for (size_t r = 0; r < rows.size(); ++r)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != pivots[r] && ((rows[r] >> j) & 1))
            {
                m_encoder.push_back(CircuitStep{QuantumGate::Cnot(), {pivots[r], j}});
            }
        }
    }
}

uint32_t
StabilizerCodeCircuit::GetInputQubit() const
{
    return m_input;
}

const std::vector<CircuitStep>&
StabilizerCodeCircuit::GetEncodingCircuit() const
{
    return m_encoder;
}

std::vector<CircuitStep>
StabilizerCodeCircuit::GetDecodingCircuit() const
{
    return std::vector<CircuitStep>(m_encoder.rbegin(), m_encoder.rend());
}

std::vector<CircuitStep>
StabilizerCodeCircuit::GetSyndromeCircuit(uint32_t generator, uint32_t ancilla) const
{
    const uint32_t n = m_code.GetNumQubits();
    NS_ABORT_MSG_IF(generator >= m_code.GetNumStabilizers(),
                    "StabilizerCodeCircuit::GetSyndromeCircuit: generator "
                        << generator << " out of range (0.." << m_code.GetNumStabilizers() - 1
                        << ")");
    NS_ABORT_MSG_IF(ancilla < n,
                    "StabilizerCodeCircuit::GetSyndromeCircuit: ancilla index "
                        << ancilla << " overlaps the data qubits 0.." << n - 1);
    const PauliMask& g = m_code.GetStabilizer(generator);
    std::vector<CircuitStep> steps;
    if (g.x == 0)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if ((g.z >> j) & 1)
            {
                steps.push_back(CircuitStep{QuantumGate::Cnot(), {j, ancilla}});
            }
        }
        return steps;
    }
    steps.push_back(CircuitStep{QuantumGate::Hadamard(), {ancilla}});
    for (uint32_t j = 0; j < n; ++j)
    {
        if ((g.x >> j) & 1)
        {
            steps.push_back(CircuitStep{QuantumGate::Cnot(), {ancilla, j}});
        }
    }
    steps.push_back(CircuitStep{QuantumGate::Hadamard(), {ancilla}});
    return steps;
}

} // namespace ns3
