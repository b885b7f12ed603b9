/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KRAUS_CHANNEL_H
#define KRAUS_CHANNEL_H

#include "quantum-linalg.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A completely positive trace-preserving map on k qubits, given by its
 * Kraus operators: rho -> sum_i K_i rho K_i^dagger.
 *
 * Channels that are mixtures of Pauli operators also carry their Pauli
 * probabilities, so that the Bell-diagonal and stabilizer formalisms can apply
 * them (exactly, respectively by sampling).  Pauli index of one qubit:
 * 0 = I, 1 = X, 2 = Y, 3 = Z; for two qubits (a, b) the index is 4 a + b.
 *
 * Conventions (Nielsen and Chuang, "Quantum Computation and Quantum
 * Information", 2000, section 8.3):
 *  - Depolarizing(p): rho -> (1 - p) rho + p I / 2^k;
 *  - Dephasing(p):    rho -> (1 - p) rho + p Z rho Z;
 *  - BitFlip(p):      rho -> (1 - p) rho + p X rho X;
 *  - AmplitudeDamping(gamma): K0 = diag(1, sqrt(1 - gamma)), K1 = sqrt(gamma) |0><1|;
 *  - GeneralizedAmplitudeDamping(gamma, p): N&C eq. 8.108–8.111, p the weight of
 *    the decay towards |0>;
 *  - MemoryDecay(dt, T1, T2): amplitude damping with gamma = 1 - exp(-dt/T1)
 *    followed by pure dephasing so that the coherence rho_01 decays as exp(-dt/T2).
 */
class KrausChannel
{
  public:
    /**
     * A channel from arbitrary Kraus operators.  Aborts with a clear message
     * unless all operators are 2^k x 2^k and sum_i K_i^dagger K_i = I within
     * the tolerance.
     * @param kraus the Kraus operators
     * @param name a name used in messages
     * @param tolerance the allowed deviation from completeness
     * @return the channel
     */
    static KrausChannel FromKraus(const std::vector<QMatrix>& kraus,
                                  const std::string& name = "Kraus",
                                  double tolerance = 1e-9);

    /**
     * A mixture of Pauli operators on k = 1 or 2 qubits.
     * @param probabilities 4^k probabilities in Pauli index order, each in
     *        [0, 1], summing to 1 (aborts otherwise)
     * @param name a name used in messages
     * @return the channel
     */
    static KrausChannel Pauli(const std::vector<double>& probabilities,
                              const std::string& name = "Pauli");

    /**
     * @param p depolarizing probability in [0, 1]
     * @param numQubits 1 or 2
     * @return rho -> (1 - p) rho + p I / 2^k
     */
    static KrausChannel Depolarizing(double p, uint32_t numQubits = 1);

    /**
     * @param p phase-flip probability in [0, 1]
     * @return rho -> (1 - p) rho + p Z rho Z
     */
    static KrausChannel Dephasing(double p);

    /**
     * @param p bit-flip probability in [0, 1]
     * @return rho -> (1 - p) rho + p X rho X
     */
    static KrausChannel BitFlip(double p);

    /**
     * @param gamma decay probability in [0, 1]
     * @return the amplitude-damping channel
     */
    static KrausChannel AmplitudeDamping(double gamma);

    /**
     * @param gamma decay probability in [0, 1]
     * @param p probability in [0, 1] that the decay goes towards |0> (p = 1
     *        is amplitude damping)
     * @return the generalised amplitude-damping channel
     */
    static KrausChannel GeneralizedAmplitudeDamping(double gamma, double p);

    /**
     * T1/T2 decay of an idle qubit over a duration.  An infinite T1 or T2
     * (std::numeric_limits<double>::infinity()) means no such decay.  Aborts
     * if dt < 0, T1 or T2 is not positive, or T2 > 2 T1 (unphysical).
     * @param dtSeconds the duration in seconds
     * @param t1Seconds energy relaxation time T1 in seconds
     * @param t2Seconds coherence time T2 in seconds
     * @return the channel
     */
    static KrausChannel MemoryDecay(double dtSeconds, double t1Seconds, double t2Seconds);

    /** @return the Kraus operators */
    const std::vector<QMatrix>& GetKrausOperators() const;
    /** @return the number of qubits the channel acts on */
    uint32_t GetNumQubits() const;
    /** @return the channel name */
    std::string GetName() const;
    /** @return true if the channel is a mixture of Pauli operators */
    bool IsPauli() const;
    /** @return the Pauli probabilities (empty unless IsPauli()) */
    const std::vector<double>& GetPauliProbabilities() const;
    /** @return true if the channel is the identity map */
    bool IsIdentity() const;

    /**
     * @param pauliIndex Pauli index of one qubit (0..3)
     * @return the 2x2 Pauli matrix
     */
    static QMatrix PauliMatrix(uint32_t pauliIndex);

  private:
    /** Default constructor, used by the factories. */
    KrausChannel();

    std::vector<QMatrix> m_kraus; //!< Kraus operators
    std::vector<double> m_pauli;  //!< Pauli probabilities, if a Pauli channel
    uint32_t m_numQubits;         //!< number of qubits
    std::string m_name;           //!< name
};

} // namespace ns3

#endif /* KRAUS_CHANNEL_H */
