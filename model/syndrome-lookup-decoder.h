/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SYNDROME_LOOKUP_DECODER_H
#define SYNDROME_LOOKUP_DECODER_H

#include "stabilizer-code.h"

#include <cstdint>
#include <map>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Minimum-weight lookup-table decoder of a CSS stabilizer code.
 *
 * X and Z errors are decoded separately, as CSS codes allow (Nielsen and
 * Chuang section 10.4.2): the syndrome bits of the Z-type generators index a
 * table of X corrections and those of the X-type generators a table of Z
 * corrections.  Each table is filled by enumerating error patterns in order
 * of increasing weight (equal weights: increasing bit mask) and keeping the
 * first pattern that produces each syndrome, so every entry is a
 * minimum-weight error with that syndrome.  A Y error is the product of an X
 * and a Z error and is corrected by the two tables together.
 *
 * Building costs 2^n syndrome evaluations (n <= 20); decoding is a table
 * look-up.
 */
class SyndromeLookupDecoder
{
  public:
    /**
     * Build the tables.  Aborts unless the code is CSS.
     * @param code the code
     */
    explicit SyndromeLookupDecoder(const StabilizerCode& code);

    /**
     * @param syndrome bit i = outcome of generator i (1: the error anticommutes)
     * @return the minimum-weight correction (X part from the Z-type
     *         generators' bits, Z part from the X-type generators' bits)
     */
    PauliMask Decode(uint32_t syndrome) const;

    /**
     * @return the largest weight of a table entry (1 for both built-in
     *         codes: each of their syndromes is produced by an error of
     *         weight 0 or 1 of each type)
     */
    uint32_t GetMaxCorrectionWeight() const;

  private:
    uint32_t m_xTypeMask;                  //!< generator bits of X-type generators
    uint32_t m_zTypeMask;                  //!< generator bits of Z-type generators
    std::map<uint32_t, uint32_t> m_xTable; //!< Z-type syndrome bits -> X correction mask
    std::map<uint32_t, uint32_t> m_zTable; //!< X-type syndrome bits -> Z correction mask
    uint32_t m_maxWeight;                  //!< largest entry weight
};

} // namespace ns3

#endif /* SYNDROME_LOOKUP_DECODER_H */
