/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quantum-linalg.h"

#include "ns3/assert.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{
namespace quantumlinalg
{

namespace
{
/**
 * Complex product without the C99 Annex G NaN/infinity recovery that GCC
 * calls for std::complex (__muldc3); amplitudes are always finite.
 * @param a factor
 * @param b factor
 * @return a * b
 */
inline QComplex
Mul(const QComplex& a, const QComplex& b)
{
    return QComplex(a.real() * b.real() - a.imag() * b.imag(),
                    a.real() * b.imag() + a.imag() * b.real());
}
} // namespace

uint32_t
BitOf(uint32_t n, uint32_t qubit)
{
    NS_ASSERT(qubit < n);
    return n - 1 - qubit;
}

void
ApplyMatrixToBits(QComplex* data,
                  uint32_t nBits,
                  const std::vector<uint32_t>& bitPositions,
                  const QMatrix& m)
{
    const uint32_t k = bitPositions.size();
    const uint64_t dimK = uint64_t(1) << k;
    NS_ASSERT(static_cast<uint64_t>(m.rows()) == dimK && static_cast<uint64_t>(m.cols()) == dimK);
    const uint64_t total = uint64_t(1) << nBits;
    if (k == 1)
    {
        const uint64_t mask = uint64_t(1) << bitPositions[0];
        const QComplex m00 = m(0, 0);
        const QComplex m01 = m(0, 1);
        const QComplex m10 = m(1, 0);
        const QComplex m11 = m(1, 1);
        for (uint64_t outer = 0; outer < total; outer += 2 * mask)
        {
            for (uint64_t i = outer; i < outer + mask; ++i)
            {
                const QComplex a0 = data[i];
                const QComplex a1 = data[i | mask];
                data[i] = Mul(m00, a0) + Mul(m01, a1);
                data[i | mask] = Mul(m10, a0) + Mul(m11, a1);
            }
        }
        return;
    }
    if (k == 2)
    {
        // Two-qubit fast path with fixed-size buffers.
        const uint64_t hi = uint64_t(1) << bitPositions[0];
        const uint64_t lo = uint64_t(1) << bitPositions[1];
        const uint64_t off[4] = {0, lo, hi, hi | lo};
        QComplex mm[4][4];
        for (int r = 0; r < 4; ++r)
        {
            for (int c = 0; c < 4; ++c)
            {
                mm[r][c] = m(r, c);
            }
        }
        // Monomial matrices (CNOT, CZ, SWAP, products of Paulis and phases):
        // one non-zero entry per row, applied as a permutation with phases.
        int src[4];
        bool monomial = true;
        for (int r = 0; r < 4 && monomial; ++r)
        {
            int nonZero = 0;
            for (int c = 0; c < 4; ++c)
            {
                if (mm[r][c] != QComplex(0, 0))
                {
                    ++nonZero;
                    src[r] = c;
                }
            }
            monomial = (nonZero == 1);
        }
        // Visit only the indices with both target bits clear.
        const uint64_t big = std::max(hi, lo);
        const uint64_t small = std::min(hi, lo);
        for (uint64_t outer = 0; outer < total; outer += 2 * big)
        {
            for (uint64_t mid = outer; mid < outer + big; mid += 2 * small)
            {
                for (uint64_t base = mid; base < mid + small; ++base)
                {
                    const QComplex a[4]
                        = {data[base], data[base | lo], data[base | hi], data[base | hi | lo]};
                    if (monomial)
                    {
                        for (int r = 0; r < 4; ++r)
                        {
                            data[base | off[r]] = Mul(mm[r][src[r]], a[src[r]]);
                        }
                        continue;
                    }
                    for (int r = 0; r < 4; ++r)
                    {
                        data[base | off[r]] = Mul(mm[r][0], a[0]) + Mul(mm[r][1], a[1])
                                              + Mul(mm[r][2], a[2]) + Mul(mm[r][3], a[3]);
                    }
                }
            }
        }
        return;
    }
    // Precompute, for each matrix index j, the offset of its bits in the flat
    // index (bitPositions[0] is the most significant bit of j).
    std::vector<uint64_t> offsets(dimK, 0);
    uint64_t targetMask = 0;
    for (uint64_t j = 0; j < dimK; ++j)
    {
        uint64_t off = 0;
        for (uint32_t t = 0; t < k; ++t)
        {
            if (j & (uint64_t(1) << (k - 1 - t)))
            {
                off |= uint64_t(1) << bitPositions[t];
            }
        }
        offsets[j] = off;
    }
    for (uint32_t t = 0; t < k; ++t)
    {
        targetMask |= uint64_t(1) << bitPositions[t];
    }
    // Monomial matrices (one non-zero per row: CNOT, CZ, SWAP, Paulis, phases)
    // are applied as a permutation with phases, without the dense product.
    std::vector<uint64_t> source(dimK, 0);
    std::vector<QComplex> factor(dimK, 0);
    bool monomial = true;
    for (uint64_t r = 0; r < dimK && monomial; ++r)
    {
        int nonZero = 0;
        for (uint64_t j = 0; j < dimK; ++j)
        {
            if (m(r, j) != QComplex(0, 0))
            {
                ++nonZero;
                source[r] = j;
                factor[r] = m(r, j);
            }
        }
        monomial = (nonZero == 1);
    }
    std::vector<QComplex> in(dimK);
    for (uint64_t base = 0; base < total; ++base)
    {
        if (base & targetMask)
        {
            continue;
        }
        for (uint64_t j = 0; j < dimK; ++j)
        {
            in[j] = data[base | offsets[j]];
        }
        if (monomial)
        {
            for (uint64_t r = 0; r < dimK; ++r)
            {
                data[base | offsets[r]] = Mul(factor[r], in[source[r]]);
            }
            continue;
        }
        for (uint64_t r = 0; r < dimK; ++r)
        {
            QComplex acc = 0;
            for (uint64_t j = 0; j < dimK; ++j)
            {
                acc += Mul(m(r, j), in[j]);
            }
            data[base | offsets[r]] = acc;
        }
    }
}

namespace
{

/**
 * Split a basis index of n qubits into the index of the kept qubits (in the
 * order of keep) and the index of the others (in ascending qubit order).
 * @param index full index
 * @param n number of qubits
 * @param keep the kept qubits
 * @param isKept flags, one per qubit
 * @param kept [out] index of the kept qubits
 * @param env [out] index of the other qubits
 */
inline void
SplitIndex(uint64_t index,
           uint32_t n,
           const std::vector<uint32_t>& keep,
           const std::vector<bool>& isKept,
           uint64_t& kept,
           uint64_t& env)
{
    kept = 0;
    for (uint32_t q : keep)
    {
        kept = (kept << 1) | ((index >> (n - 1 - q)) & 1);
    }
    env = 0;
    for (uint32_t q = 0; q < n; ++q)
    {
        if (!isKept[q])
        {
            env = (env << 1) | ((index >> (n - 1 - q)) & 1);
        }
    }
}

} // namespace

QMatrix
PartialTrace(const QMatrix& rho, uint32_t n, const std::vector<uint32_t>& keep)
{
    const uint64_t dim = uint64_t(1) << n;
    NS_ASSERT(static_cast<uint64_t>(rho.rows()) == dim);
    std::vector<bool> isKept(n, false);
    for (uint32_t q : keep)
    {
        NS_ASSERT(q < n && !isKept[q]);
        isKept[q] = true;
    }
    const uint64_t dk = uint64_t(1) << keep.size();
    QMatrix out = QMatrix::Zero(dk, dk);
    std::vector<uint64_t> keptIdx(dim);
    std::vector<uint64_t> envIdx(dim);
    for (uint64_t i = 0; i < dim; ++i)
    {
        SplitIndex(i, n, keep, isKept, keptIdx[i], envIdx[i]);
    }
    for (uint64_t c = 0; c < dim; ++c)
    {
        for (uint64_t r = 0; r < dim; ++r)
        {
            if (envIdx[r] == envIdx[c])
            {
                out(keptIdx[r], keptIdx[c]) += rho(r, c);
            }
        }
    }
    return out;
}

QMatrix
ReducedFromVector(const QVector& psi, uint32_t n, const std::vector<uint32_t>& keep)
{
    const uint64_t dim = uint64_t(1) << n;
    NS_ASSERT(static_cast<uint64_t>(psi.size()) == dim);
    std::vector<bool> isKept(n, false);
    for (uint32_t q : keep)
    {
        NS_ASSERT(q < n && !isKept[q]);
        isKept[q] = true;
    }
    const uint64_t dk = uint64_t(1) << keep.size();
    const uint64_t de = dim / dk;
    // Arrange psi as a dk x de matrix M, then rho = M M^dagger.
    QMatrix m = QMatrix::Zero(dk, de);
    for (uint64_t i = 0; i < dim; ++i)
    {
        uint64_t k;
        uint64_t e;
        SplitIndex(i, n, keep, isKept, k, e);
        m(k, e) = psi(i);
    }
    return m * m.adjoint();
}

double
UnitarityError(const QMatrix& m)
{
    if (m.rows() != m.cols() || m.rows() == 0)
    {
        return std::numeric_limits<double>::infinity();
    }
    QMatrix d = m.adjoint() * m - QMatrix::Identity(m.rows(), m.cols());
    return d.cwiseAbs().maxCoeff();
}

std::string
CheckDensityMatrix(const QMatrix& rho, double tolerance, bool checkPositivity)
{
    std::ostringstream err;
    if (rho.rows() != rho.cols())
    {
        err << "density matrix is not square (" << rho.rows() << "x" << rho.cols() << ")";
        return err.str();
    }
    const QComplex tr = rho.trace();
    if (std::abs(tr - QComplex(1, 0)) > tolerance)
    {
        err << "trace is " << tr << ", not 1 (tolerance " << tolerance << ")";
        return err.str();
    }
    double herm = 0;
    for (Eigen::Index c = 0; c < rho.cols(); ++c)
    {
        for (Eigen::Index r = 0; r <= c; ++r)
        {
            herm = std::max(herm, std::abs(rho(r, c) - std::conj(rho(c, r))));
        }
    }
    if (herm > tolerance)
    {
        err << "matrix is not Hermitian: max |rho - rho^dagger| = " << herm;
        return err.str();
    }
    if (checkPositivity)
    {
        Eigen::SelfAdjointEigenSolver<QMatrix> es(rho, Eigen::EigenvaluesOnly);
        const double minEig = es.eigenvalues().minCoeff();
        if (minEig < -tolerance)
        {
            err << "matrix is not positive semidefinite: smallest eigenvalue " << minEig;
            return err.str();
        }
    }
    return "";
}

QMatrix
Kron(const QMatrix& a, const QMatrix& b)
{
    QMatrix out(a.rows() * b.rows(), a.cols() * b.cols());
    for (Eigen::Index i = 0; i < a.rows(); ++i)
    {
        for (Eigen::Index j = 0; j < a.cols(); ++j)
        {
            out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
        }
    }
    return out;
}

QVector
KronVector(const QVector& a, const QVector& b)
{
    QVector out(a.size() * b.size());
    for (Eigen::Index i = 0; i < a.size(); ++i)
    {
        out.segment(i * b.size(), b.size()) = a(i) * b;
    }
    return out;
}

} // namespace quantumlinalg
} // namespace ns3
