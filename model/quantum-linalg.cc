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

uint32_t
BitOf(uint32_t n, uint32_t qubit)
{
    NS_ASSERT(qubit < n);
    return n - 1 - qubit;
}

namespace
{

/**
 * Insert zero bits at the given (sorted ascending) positions of a compact index.
 * @param compact the index without the target bits
 * @param sortedBits target bit positions, ascending
 * @return the expanded index with zeros at the target bits
 */
inline uint64_t
InsertZeroBits(uint64_t compact, const std::vector<uint32_t>& sortedBits)
{
    for (uint32_t b : sortedBits)
    {
        uint64_t low = compact & ((uint64_t(1) << b) - 1);
        compact = ((compact >> b) << (b + 1)) | low;
    }
    return compact;
}

} // namespace

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
        for (uint64_t i = 0; i < total; ++i)
        {
            if (i & mask)
            {
                continue;
            }
            const QComplex a0 = data[i];
            const QComplex a1 = data[i | mask];
            data[i] = m00 * a0 + m01 * a1;
            data[i | mask] = m10 * a0 + m11 * a1;
        }
        return;
    }
    std::vector<uint32_t> sorted = bitPositions;
    std::sort(sorted.begin(), sorted.end());
    // offsets[j] = the index bits for matrix index j (bitPositions[0] is the MSB)
    std::vector<uint64_t> offsets(dimK, 0);
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
    std::vector<QComplex> in(dimK);
    const uint64_t outer = total >> k;
    for (uint64_t c = 0; c < outer; ++c)
    {
        const uint64_t base = InsertZeroBits(c, sorted);
        for (uint64_t j = 0; j < dimK; ++j)
        {
            in[j] = data[base | offsets[j]];
        }
        for (uint64_t r = 0; r < dimK; ++r)
        {
            QComplex acc = 0;
            for (uint64_t j = 0; j < dimK; ++j)
            {
                acc += m(r, j) * in[j];
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
    const double herm = (rho - rho.adjoint()).cwiseAbs().maxCoeff();
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
