/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "heralded-entanglement-model.h"

#include "ns3/abort.h"

#include <cmath>
#include <map>

namespace ns3
{

std::string
HeraldingProtocolName(HeraldingProtocol p)
{
    return p == HeraldingProtocol::SINGLE_CLICK ? "single-click" : "double-click";
}

bool
HeraldedEntanglementModel::Parameters::operator==(const Parameters& o) const
{
    return protocol == o.protocol && etaA == o.etaA && etaB == o.etaB
           && detectorEfficiency[0] == o.detectorEfficiency[0]
           && detectorEfficiency[1] == o.detectorEfficiency[1]
           && darkCountProbability[0] == o.darkCountProbability[0]
           && darkCountProbability[1] == o.darkCountProbability[1] && visibility == o.visibility
           && alphaA == o.alphaA && alphaB == o.alphaB && phaseNoiseStdRad == o.phaseNoiseStdRad;
}

HeraldedEntanglementModel::HeraldedEntanglementModel()
    : m_pSuccess(0)
    , m_meanFidelity(0)
{
}

HeraldedEntanglementModel::HeraldedEntanglementModel(const Parameters& params)
    : m_params(params)
    , m_pSuccess(0)
    , m_meanFidelity(0)
{
    Check();
    Compute();
}

namespace
{
/**
 * Abort unless lo <= v <= hi.
 * @param name parameter name
 * @param v value
 * @param lo lower bound
 * @param hi upper bound
 */
void
CheckRange(const char* name, double v, double lo, double hi)
{
    NS_ABORT_MSG_IF(!(v >= lo && v <= hi),
                    "HeraldedEntanglementModel: parameter "
                        << name << " = " << v << " is outside the valid range [" << lo << ", " << hi
                        << "]");
}

/** Number of modes per round: c_s, d_s, c_pA, d_pA, c_pB, d_pB, env_A, env_B. */
constexpr uint32_t MODES_PER_ROUND = 8;
/** Bits per mode occupation in the packed Fock key. */
constexpr uint32_t BITS_PER_MODE = 4;

/** A term of a creation operator: output mode and amplitude. */
struct ModeTerm
{
    uint32_t mode; //!< output mode index
    double amp;    //!< amplitude
};

/** A Fock-basis superposition keyed by packed occupations. */
using FockState = std::map<uint64_t, QComplex>;

/**
 * @param key packed occupations
 * @param mode a mode
 * @return its occupation
 */
uint32_t
Occupation(uint64_t key, uint32_t mode)
{
    return static_cast<uint32_t>((key >> (BITS_PER_MODE * mode)) & 0xf);
}

/**
 * Apply a creation operator (a linear combination of output-mode creation
 * operators) to a Fock state.
 * @param in the state
 * @param op the operator
 * @return the new state
 */
FockState
Create(const FockState& in, const std::vector<ModeTerm>& op)
{
    FockState out;
    for (const auto& [key, a] : in)
    {
        for (const auto& t : op)
        {
            const uint32_t n = Occupation(key, t.mode);
            const uint64_t k2 = key + (uint64_t{1} << (BITS_PER_MODE * t.mode));
            out[k2] += a * t.amp * std::sqrt(static_cast<double>(n + 1));
        }
    }
    return out;
}
} // namespace

void
HeraldedEntanglementModel::Check() const
{
    const Parameters& p = m_params;
    CheckRange("etaA", p.etaA, 0, 1);
    CheckRange("etaB", p.etaB, 0, 1);
    CheckRange("detectorEfficiency[c]", p.detectorEfficiency[0], 0, 1);
    CheckRange("detectorEfficiency[d]", p.detectorEfficiency[1], 0, 1);
    CheckRange("darkCountProbability[c]", p.darkCountProbability[0], 0, 1);
    CheckRange("darkCountProbability[d]", p.darkCountProbability[1], 0, 1);
    CheckRange("visibility", p.visibility, 0, 1);
    CheckRange("alphaA", p.alphaA, 0, 1);
    CheckRange("alphaB", p.alphaB, 0, 1);
    CheckRange("phaseNoiseStdRad", p.phaseNoiseStdRad, 0, 1e3);
}

void
HeraldedEntanglementModel::Compute()
{
    const Parameters& p = m_params;
    const bool sc = p.protocol == HeraldingProtocol::SINGLE_CLICK;
    const uint32_t rounds = sc ? 1 : 2;
    const double m = std::pow(p.visibility, 0.25); // shared-mode amplitude
    const double q = std::sqrt(std::max(0.0, 1 - m * m));
    const double r2 = 1 / std::sqrt(2.0);

    // Creation operator of the photon of node x (0 = A, 1 = B) in round r.
    auto photon = [&](uint32_t x, uint32_t r) {
        const double eta = x == 0 ? p.etaA : p.etaB;
        const double sign = x == 0 ? 1.0 : -1.0; // b -> (c - d)/sqrt 2
        const uint32_t base = MODES_PER_ROUND * r;
        const double t = std::sqrt(eta);
        std::vector<ModeTerm> op;
        auto add = [&op](uint32_t mode, double amp) {
            if (amp != 0)
            {
                op.push_back({mode, amp});
            }
        };
        add(base + 0, t * m * r2);
        add(base + 1, sign * t * m * r2);
        add(base + 2 + 2 * x, t * q * r2);
        add(base + 3 + 2 * x, sign * t * q * r2);
        add(base + 6 + x, std::sqrt(1 - eta));
        return op;
    };

    // Fock state of the photons emitted by each spin basis state s = 2 sA + sB,
    // and the spin amplitudes c_s.
    std::vector<FockState> phi(4);
    double c[4];
    for (uint32_t s = 0; s < 4; ++s)
    {
        const uint32_t sA = s >> 1;
        const uint32_t sB = s & 1;
        FockState st;
        st[0] = 1.0;
        if (sc)
        {
            auto amp = [](double alpha, uint32_t bit) {
                return bit ? std::sqrt(alpha) : std::sqrt(1 - alpha);
            };
            c[s] = amp(p.alphaA, sA) * amp(p.alphaB, sB);
            if (sA)
            {
                st = Create(st, photon(0, 0));
            }
            if (sB)
            {
                st = Create(st, photon(1, 0));
            }
        }
        else
        {
            c[s] = 0.5;
            st = Create(st, photon(0, sA ? 0 : 1));
            st = Create(st, photon(1, sB ? 0 : 1));
        }
        phi[s] = std::move(st);
    }

    // Every Fock configuration that occurs, with its amplitude vector over s.
    std::map<uint64_t, QVector> configs;
    for (uint32_t s = 0; s < 4; ++s)
    {
        for (const auto& [key, a] : phi[s])
        {
            auto it = configs.find(key);
            if (it == configs.end())
            {
                it = configs.emplace(key, QVector::Zero(4)).first;
            }
            it->second[s] += c[s] * a;
        }
    }

    // Probability that detector j does not click in round r for a configuration.
    auto noClick = [&](uint64_t key, uint32_t r, uint32_t j) {
        const uint32_t base = MODES_PER_ROUND * r;
        const uint32_t n = Occupation(key, base + j) + Occupation(key, base + 2 + j)
                           + Occupation(key, base + 4 + j);
        return (1 - p.darkCountProbability[j]) * std::pow(1 - p.detectorEfficiency[j], n);
    };

    const uint32_t nPatterns = 1u << (2 * rounds);
    const double kappa = std::exp(-p.phaseNoiseStdRad * p.phaseNoiseStdRad / 2);
    m_outcomes.clear();
    m_success.clear();
    m_cumulative.clear();
    m_pSuccess = 0;
    double fSum = 0;
    double cum = 0;
    for (uint32_t k = 0; k < nPatterns; ++k)
    {
        QMatrix rho = QMatrix::Zero(4, 4);
        for (const auto& [key, v] : configs)
        {
            double f = 1;
            for (uint32_t r = 0; r < rounds; ++r)
            {
                for (uint32_t j = 0; j < 2; ++j)
                {
                    const double q0 = noClick(key, r, j);
                    f *= ((k >> (2 * r + j)) & 1) ? 1 - q0 : q0;
                }
            }
            if (f != 0)
            {
                rho += f * v * v.adjoint();
            }
        }
        HeraldedOutcome o;
        o.clickPattern = static_cast<uint8_t>(k);
        o.probability = std::max(0.0, rho.trace().real());
        if (sc)
        {
            o.success = (k == 1 || k == 2);
            o.bellState = k == 1 ? BellState::PSI_PLUS : BellState::PSI_MINUS;
        }
        else
        {
            const uint32_t a = k & 3;
            const uint32_t b = k >> 2;
            o.success = (a == 1 || a == 2) && (b == 1 || b == 2);
            o.bellState = a == b ? BellState::PSI_PLUS : BellState::PSI_MINUS;
        }
        if (o.success && o.probability > 0)
        {
            QMatrix st = rho / o.probability;
            if (!sc)
            {
                // Undo the pi pulses (X on both spins): s -> 3 - s.
                QMatrix flipped(4, 4);
                for (uint32_t i = 0; i < 4; ++i)
                {
                    for (uint32_t j = 0; j < 4; ++j)
                    {
                        flipped(i, j) = st(3 - i, 3 - j);
                    }
                }
                st = flipped;
            }
            else
            {
                for (uint32_t i = 0; i < 4; ++i)
                {
                    for (uint32_t j = 0; j < 4; ++j)
                    {
                        if ((i & 1) != (j & 1))
                        {
                            st(i, j) *= kappa;
                        }
                    }
                }
            }
            o.state = st;
            const QVector ref = BellStateVector(o.bellState);
            o.fidelity = std::real(ref.dot(st * ref));
            m_pSuccess += o.probability;
            fSum += o.probability * o.fidelity;
        }
        else
        {
            o.success = o.success && o.probability > 0;
        }
        cum += o.probability;
        m_cumulative.push_back(cum);
        if (o.success)
        {
            m_success.push_back(k);
        }
        m_outcomes.push_back(std::move(o));
    }
    m_meanFidelity = m_pSuccess > 0 ? fSum / m_pSuccess : 0;
}

const HeraldedEntanglementModel::Parameters&
HeraldedEntanglementModel::GetParameters() const
{
    return m_params;
}

const std::vector<HeraldedOutcome>&
HeraldedEntanglementModel::GetOutcomes() const
{
    return m_outcomes;
}

const std::vector<uint32_t>&
HeraldedEntanglementModel::GetSuccessIndices() const
{
    return m_success;
}

double
HeraldedEntanglementModel::GetSuccessProbability() const
{
    return m_pSuccess;
}

double
HeraldedEntanglementModel::GetMeanFidelity() const
{
    return m_meanFidelity;
}

const HeraldedOutcome&
HeraldedEntanglementModel::GetOutcome(uint8_t pattern) const
{
    NS_ABORT_MSG_IF(pattern >= m_outcomes.size(),
                    "HeraldedEntanglementModel::GetOutcome: no click pattern "
                        << static_cast<uint32_t>(pattern) << " (the model has " << m_outcomes.size()
                        << " patterns)");
    return m_outcomes[pattern];
}

uint32_t
HeraldedEntanglementModel::DrawSuccess(double u) const
{
    NS_ABORT_MSG_IF(m_success.empty(),
                    "HeraldedEntanglementModel::DrawSuccess: the success probability is 0");
    double x = u * m_pSuccess;
    for (uint32_t i : m_success)
    {
        x -= m_outcomes[i].probability;
        if (x < 0)
        {
            return i;
        }
    }
    return m_success.back();
}

uint32_t
HeraldedEntanglementModel::DrawOutcome(double u) const
{
    const double x = u * m_cumulative.back();
    for (uint32_t i = 0; i < m_cumulative.size(); ++i)
    {
        if (x < m_cumulative[i])
        {
            return i;
        }
    }
    return static_cast<uint32_t>(m_cumulative.size() - 1);
}

std::string
HeraldedEntanglementModel::ClickPatternName(HeraldingProtocol protocol, uint8_t pattern)
{
    const uint32_t rounds = protocol == HeraldingProtocol::SINGLE_CLICK ? 1 : 2;
    std::string s;
    for (uint32_t r = 0; r < rounds; ++r)
    {
        if (r > 0)
        {
            s += ",";
        }
        const uint32_t b = (pattern >> (2 * r)) & 3;
        s += b == 0 ? "-" : b == 1 ? "c" : b == 2 ? "d" : "cd";
    }
    return s;
}

} // namespace ns3
