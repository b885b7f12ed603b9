/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "toeplitz-hasher.h"

#include "ns3/abort.h"

#include <vector>

namespace ns3
{

namespace
{

/**
 * @param v a word
 * @return v with its 64 bits in reverse order
 */
uint64_t
ReverseBits(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
    v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
    v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FULL) | ((v & 0x0F0F0F0F0F0F0F0FULL) << 4);
    v = ((v >> 8) & 0x00FF00FF00FF00FFULL) | ((v & 0x00FF00FF00FF00FFULL) << 8);
    v = ((v >> 16) & 0x0000FFFF0000FFFFULL) | ((v & 0x0000FFFF0000FFFFULL) << 16);
    return (v >> 32) | (v << 32);
}

/**
 * Abort unless the arguments of a hash are consistent.
 * @param method the method name
 * @param n input length
 * @param m output length
 * @param seedLength the seed length
 */
void
CheckArguments(const char* method, size_t n, size_t m, size_t seedLength)
{
    NS_ABORT_MSG_IF(n == 0, "ToeplitzHasher::" << method << ": the input has no bits");
    NS_ABORT_MSG_IF(m == 0, "ToeplitzHasher::" << method << ": the output length must be > 0");
    NS_ABORT_MSG_IF(seedLength != n + m - 1,
                    "ToeplitzHasher::" << method << ": the seed has " << seedLength << " bits; an "
                                       << m << " x " << n
                                       << " Toeplitz matrix needs n + m - 1 = " << n + m - 1);
}

} // namespace

size_t
ToeplitzHasher::GetSeedLength(size_t inputLength, size_t outputLength)
{
    NS_ABORT_MSG_IF(inputLength == 0 || outputLength == 0,
                    "ToeplitzHasher::GetSeedLength: input and output lengths must be > 0 (got "
                        << inputLength << " and " << outputLength << ")");
    return inputLength + outputLength - 1;
}

QkdBitString
ToeplitzHasher::Hash(const QkdBitString& bits, size_t outputLength, const QkdBitString& seed)
{
    const size_t n = bits.GetSize();
    const size_t m = outputLength;
    CheckArguments("Hash", n, m, seed.GetSize());
    const size_t nw = bits.GetNumWords();
    const size_t pad = 64 * nw - n;

    // r = reverse(x): r[j] = x[n - 1 - j], packed; its tail bits are zero.
    const std::vector<uint64_t>& x = bits.GetWords();
    std::vector<uint64_t> r(nw, 0);
    for (size_t w = 0; w < nw; ++w)
    {
        // Reversing the whole word array gives x[64 nw - 1 - t] at bit t;
        // shifting down by the padding aligns it to x[n - 1 - j].
        const uint64_t rev = ReverseBits(x[nw - 1 - w]);
        if (pad == 0)
        {
            r[w] = rev;
        }
        else
        {
            r[w] |= rev >> pad;
            if (w > 0)
            {
                r[w - 1] |= rev << (64 - pad);
            }
        }
    }

    // Output bit i = parity(s[i .. i + n - 1] & r).  For each bit offset b
    // in 0..63, shift the seed down by b once; then output bit 64 a + b uses
    // the aligned words shifted[a .. a + nw - 1].
    const std::vector<uint64_t>& s = seed.GetWords();
    const size_t sw = s.size();
    std::vector<uint64_t> shifted(sw + nw + 1, 0);
    std::vector<uint64_t> out((m + 63) / 64, 0);
    const size_t blocks = (m + 63) / 64;
    for (size_t b = 0; b < 64 && b < m; ++b)
    {
        for (size_t w = 0; w < sw; ++w)
        {
            uint64_t v = s[w] >> b;
            if (b != 0 && w + 1 < sw)
            {
                v |= s[w + 1] << (64 - b);
            }
            shifted[w] = v;
        }
        for (size_t a = 0; a < blocks; ++a)
        {
            const size_t i = 64 * a + b;
            if (i >= m)
            {
                break;
            }
            const uint64_t* win = shifted.data() + a;
            uint64_t acc0 = 0;
            uint64_t acc1 = 0;
            uint64_t acc2 = 0;
            uint64_t acc3 = 0;
            size_t w = 0;
            for (; w + 4 <= nw; w += 4)
            {
                acc0 ^= win[w] & r[w];
                acc1 ^= win[w + 1] & r[w + 1];
                acc2 ^= win[w + 2] & r[w + 2];
                acc3 ^= win[w + 3] & r[w + 3];
            }
            for (; w < nw; ++w)
            {
                acc0 ^= win[w] & r[w];
            }
            if (__builtin_parityll(acc0 ^ acc1 ^ acc2 ^ acc3))
            {
                out[a] |= uint64_t(1) << b;
            }
        }
    }
    return QkdBitString::FromWords(std::move(out), m);
}

QkdBitString
ToeplitzHasher::HashByDefinition(const QkdBitString& bits,
                                 size_t outputLength,
                                 const QkdBitString& seed)
{
    const size_t n = bits.GetSize();
    const size_t m = outputLength;
    CheckArguments("HashByDefinition", n, m, seed.GetSize());
    QkdBitString y(m);
    for (size_t i = 0; i < m; ++i)
    {
        bool acc = false;
        for (size_t j = 0; j < n; ++j)
        {
            acc ^= seed.Get(i + n - 1 - j) && bits.Get(j);
        }
        y.Set(i, acc);
    }
    return y;
}

} // namespace ns3
