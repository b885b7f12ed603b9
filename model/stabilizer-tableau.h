/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STABILIZER_TABLEAU_H
#define STABILIZER_TABLEAU_H

#include "quantum-state.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A stabilizer state of n qubits held as an Aaronson–Gottesman
 * tableau: the CHP algorithm of S. Aaronson and D. Gottesman, "Improved
 * simulation of stabilizer circuits", Phys. Rev. A 70, 052328 (2004).
 *
 * The tableau has 2n rows, n destabilizer generators followed by n
 * stabilizer generators, plus one scratch row.  Row i is the Pauli operator
 * (-1)^{r_i} P_{i,0} (x) ... (x) P_{i,n-1} where P_{i,j} is I, X, Z or Y for
 * (x_ij, z_ij) = (0, 0), (1, 0), (0, 1) or (1, 1).  The x and z bits of a
 * row are packed into 64-bit words (interleaved, word w of x followed by word
 * w of z), so memory is 2 (2n + 1) ceil(n / 64) words, a Clifford gate costs
 * O(n) word operations and a measurement O(n^2 / 64).
 *
 * After a measurement (random or deterministic) the measured qubit is
 * decoupled in the tableau: one generator pair becomes (destabilizer,
 * stabilizer) = (X_t, +-Z_t) for a Z measurement, and no other row acts on
 * the qubit.  This changes only the choice of generators, never the state,
 * and keeps later deterministic measurements cheap (measuring all qubits of
 * a 1000-qubit GHZ state takes about as long as preparing it).
 *
 * Supported: Clifford gates (I, X, Y, Z, H, S, SDG, CNOT, CZ, SWAP and
 * Rx/Ry/Rz by multiples of pi/2, applied up to a global phase), Pauli
 * channels of one or two qubits (one Pauli sampled per application) and
 * measurements in the Z, X and Y bases.  Global phases are not tracked;
 * GetStateVector() fixes one convention (see there).
 */
class StabilizerTableau : public QuantumState
{
  public:
    /**
     * The state |0...0> of numQubits qubits.
     * @param numQubits the number of qubits (may be 0)
     */
    explicit StabilizerTableau(uint32_t numQubits);

    ~StabilizerTableau() override;

    // QuantumState interface
    QuantumFormalism GetFormalism() const override;
    uint32_t GetNumQubits() const override;
    Ptr<QuantumState> Copy() const override;
    /**
     * Direct sum of the tableaux (block diagonal), this state's qubits
     * first.  Costs O((n1 + n2)^2 / 64) word operations.
     * @param other a StabilizerTableau
     * @return this (x) other
     */
    Ptr<QuantumState> Tensor(const QuantumState& other) const override;
    bool SupportsGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) const override;
    void ApplyGate(const QuantumGate& gate, const std::vector<uint32_t>& targets) override;
    bool SupportsChannel(const KrausChannel& channel,
                         const std::vector<uint32_t>& targets) const override;
    /**
     * Apply one sample of a Pauli channel: draw a Pauli from
     * channel.GetPauliProbabilities() with one rng.GetValue() and apply it.
     * For two qubits, Pauli index 4 a + b applies a to targets[0] and b to
     * targets[1].
     * @param channel a Pauli channel of 1 or 2 qubits
     * @param targets local qubit indices
     * @param rng uniform random numbers on [0, 1)
     */
    void ApplyChannel(const KrausChannel& channel,
                      const std::vector<uint32_t>& targets,
                      RandomVariableStream& rng) override;
    bool SupportsMeasurement(const MeasurementBasis& basis) const override;
    /**
     * Measure one qubit in the Z, X or Y basis (CHP measurement; X and Y by a
     * basis rotation before and after).  A random outcome is
     * rng.GetValue() < 0.5 ? 0 : 1; a deterministic one draws nothing.
     * @param target local qubit index
     * @param basis Z, X or Y
     * @param rng uniform random numbers on [0, 1)
     * @return the outcome, 0 or 1
     */
    uint32_t Measure(uint32_t target,
                     const MeasurementBasis& basis,
                     RandomVariableStream& rng) override;
    /**
     * @param target local qubit index
     * @param basis Z, X or Y
     * @param outcome 0 or 1
     * @return 0.5 if the outcome is random, else 0 or 1; the state is unchanged
     */
    double GetOutcomeProbability(uint32_t target,
                                 const MeasurementBasis& basis,
                                 uint32_t outcome) const override;
    /**
     * Post-select an outcome.  Aborts if it has probability 0.
     * @param target local qubit index
     * @param basis Z, X or Y
     * @param outcome 0 or 1
     * @return the probability the outcome had, 0.5 or 1
     */
    double Project(uint32_t target, const MeasurementBasis& basis, uint32_t outcome) override;
    /**
     * Measure the qubit in Z, disentangle it from the others and delete it;
     * the qubits above target move down by one index.
     * @param target local qubit index
     * @param rng uniform random numbers on [0, 1), used if the Z outcome is random
     */
    void RemoveQubit(uint32_t target, RandomVariableStream& rng) override;
    /**
     * @return |psi><psi| with psi = GetStateVector(); aborts above
     * GetMaxDenseQubits() qubits
     */
    QMatrix GetDensityMatrix() const override;
    /**
     * Exact reduced density matrix for any n: with S_A the subgroup of the
     * stabilizer group supported on the kept qubits (found by Gaussian
     * elimination of the other qubits' columns, O(n^3 / 64)),
     * rho_A = 2^-k sum_{g in S_A} g|_A = 2^-k prod_j (I + g_j|_A) over the m
     * generators g_j of S_A.  Aborts if more than GetMaxDenseQubits() qubits
     * are kept.
     * @param keep local qubits to keep, distinct, in the order they take in the result
     * @return the 2^k x 2^k reduced density matrix
     */
    QMatrix GetReducedDensityMatrix(const std::vector<uint32_t>& keep) const override;

    /**
     * The exact state vector.  Its global phase is fixed by making the
     * amplitude of the first (lowest index) basis state in the support real
     * and positive.  Aborts above GetMaxDenseQubits() qubits.
     * @return the 2^n amplitudes, qubit k being bit (n - 1 - k) of the index
     */
    QVector GetStateVector() const;

    /** @return the largest n for which GetStateVector() and GetDensityMatrix() work (12) */
    static uint32_t GetMaxDenseQubits();

    /**
     * @return the stabilizer generators, one per entry, each a sign ('+' or
     * '-') followed by n characters from I, X, Y, Z (qubit 0 first)
     */
    std::vector<std::string> GetStabilizers() const;

    /**
     * @return the stabilizer generators as GetStabilizers() gives them,
     * separated by newlines (e.g. "+XX\n+ZZ" for |Phi+>)
     */
    std::string ToString() const;

  private:
    /**
     * @param row row index (0 .. 2n, 2n being the scratch row)
     * @return pointer to the row's interleaved x/z words (writable: the
     *         storage is mutable so that const queries can use the scratch row)
     */
    uint64_t* RowPtr(uint32_t row) const;
    /**
     * @param row row index
     * @param qubit qubit index
     * @return the x bit
     */
    bool GetX(uint32_t row, uint32_t qubit) const;
    /**
     * @param row row index
     * @param qubit qubit index
     * @return the z bit
     */
    bool GetZ(uint32_t row, uint32_t qubit) const;
    /**
     * Row h := row i * row h with the phase of the product (the CHP rowsum).
     * The rows must commute.  The phase is computed 64 qubits at a time with
     * bit masks (see the .cc file).
     * @param h destination row
     * @param i source row
     */
    void RowSum(uint32_t h, uint32_t i) const;
    /**
     * Row h := row i * row h, ignoring the phase (for destabilizers, whose
     * signs carry no information).
     * @param h destination row
     * @param i source row
     */
    void RowMulNoPhase(uint32_t h, uint32_t i);
    /**
     * Set a row to +I.
     * @param row the row
     */
    void RowClear(uint32_t row) const;

    /** @param a qubit */
    void DoH(uint32_t a);
    /** @param a qubit */
    void DoS(uint32_t a);
    /** @param a qubit */
    void DoSdg(uint32_t a);
    /**
     * Conjugate by a Pauli: flip the sign of rows that anticommute with it.
     * @param a qubit
     * @param pauli Pauli index, 0 = I, 1 = X, 2 = Y, 3 = Z
     */
    void DoPauli(uint32_t a, uint32_t pauli);
    /**
     * @param a control
     * @param b target
     */
    void DoCnot(uint32_t a, uint32_t b);
    /**
     * @param a first qubit
     * @param b second qubit
     */
    void DoCz(uint32_t a, uint32_t b);
    /**
     * @param a first qubit
     * @param b second qubit
     */
    void DoSwap(uint32_t a, uint32_t b);
    /**
     * Apply Rz(k pi / 2) up to a global phase.
     * @param a qubit
     * @param k quarter turns, 0..3
     */
    void DoRzQuarter(uint32_t a, uint32_t k);

    /**
     * Rotate a qubit so that a measurement in basis becomes a Z measurement
     * (inverse = false), or back (inverse = true).
     * @param a qubit
     * @param basis Z, X or Y
     * @param inverse direction
     */
    void RotateToZ(uint32_t a, const MeasurementBasis& basis, bool inverse);

    /**
     * @param a qubit
     * @return the first stabilizer row (n .. 2n-1) with x_a = 1, or 2n if
     *         none, i.e. if the Z outcome is deterministic
     */
    uint32_t FindAnticommutingStabilizer(uint32_t a) const;

    /**
     * Deterministic Z outcome of qubit a (no stabilizer may have x_a = 1).
     * Leaves the product of stabilizers equal to (-1)^outcome Z_a in the
     * scratch row.
     * @param a qubit
     * @return the outcome
     */
    uint32_t DeterministicZ(uint32_t a) const;

    /**
     * Collapse a random Z measurement of qubit a onto an outcome.
     * @param a qubit
     * @param p the stabilizer row returned by FindAnticommutingStabilizer()
     * @param outcome 0 or 1
     */
    void CollapseZ(uint32_t a, uint32_t p, uint32_t outcome);

    /**
     * Measure Z on qubit t and decouple the qubit from the rest of the
     * tableau: afterwards stabilizer k + n is (-1)^outcome Z_t, destabilizer
     * k is X_t, and no other row acts on t.  Leaving the measured qubit
     * isolated keeps later measurements cheap (a deterministic CHP
     * measurement costs one rowsum per destabilizer with x_t = 1).
     * @param t qubit
     * @param rng source of the random outcome, or nullptr to force it
     * @param forced the outcome used when the result is random and rng is
     *        nullptr (ignored when the outcome is deterministic)
     * @param[out] k the index of the row pair now holding the qubit
     * @return the outcome
     */
    uint32_t MeasureZAndIsolate(uint32_t t,
                                RandomVariableStream* rng,
                                uint32_t forced,
                                uint32_t& k);

    /**
     * Probability of an outcome of a Z, X or Y measurement, without any
     * change to the tableau (uses the scratch row).
     * @param a qubit
     * @param px x bit of the measured Pauli
     * @param pz z bit of the measured Pauli
     * @param outcome 0 or 1
     * @return 0, 0.5 or 1
     */
    double PauliOutcomeProbability(uint32_t a, bool px, bool pz, uint32_t outcome) const;

    uint32_t m_n;      //!< number of qubits
    uint32_t m_words;  //!< 64-bit words per bit array of a row: ceil(n / 64)
    uint32_t m_stride; //!< words per row: 2 m_words (x and z interleaved)
    /**
     * The 2n + 1 rows (destabilizers 0..n-1, stabilizers n..2n-1, scratch
     * 2n), m_stride words each.  Mutable only for the scratch row, which the
     * const queries use.
     */
    mutable std::vector<uint64_t> m_data;
    mutable std::vector<uint8_t> m_sign; //!< sign bit r of each row (incl. scratch)
};

} // namespace ns3

#endif /* STABILIZER_TABLEAU_H */
