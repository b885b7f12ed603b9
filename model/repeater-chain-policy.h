/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPEATER_CHAIN_POLICY_H
#define REPEATER_CHAIN_POLICY_H

#include "quantum-state-registry.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * @ingroup quantum
 * @brief Chain-level policy of a repeater chain: the swapping scheme and the
 * link-level purification, shared by the RepeaterNodeAgent of every node.
 *
 * Schemes: swap-as-soon-as-possible (a node swaps as soon as it holds a pair
 * on each side) and nested doubling (Briegel, Duer, Cirac, Zoller, PRL 81,
 * 5932 (1998)): for 2^n segments the node at position i has level
 * l = (number of trailing zero bits of i) and swaps only pairs that span
 * 2^l segments on each side, so pairs double in length level by level.
 *
 * Purification: with PurifyRounds r > 0 every link pair is pumped r times
 * (Duer, Briegel, Cirac, Zoller, PRA 59, 169 (1999)) with the chosen
 * protocol before it is used in a swap; QuantumRepeaterHelper::
 * InstallNestedChain applies the same pumping to the pairs of every nesting
 * level of the doubling scheme (sub-chains behind ChainLinkLayer links).
 */
class RepeaterChainPolicy : public Object
{
  public:
    /** Swapping schemes. */
    enum Scheme
    {
        SWAP_ASAP = 0, //!< swap as soon as both pairs exist
        DOUBLING = 1,  //!< nested doubling (BDCZ)
    };

    /** Link-level purification. */
    enum Purification
    {
        NONE = 0,   //!< no purification
        BBPSSW = 1, //!< Bennett et al. 1996
        DEJMPS = 2, //!< Deutsch et al. 1996
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RepeaterChainPolicy();

    /**
     * Check that the policy can run on a chain of n nodes (aborts with a
     * clear message otherwise: doubling needs n - 1 a power of two).
     * @param numNodes number of nodes (at least 2)
     */
    void Validate(uint32_t numNodes) const;

    /**
     * @param position the node's position (1 .. n-2)
     * @param numNodes n
     * @param leftSpan segments spanned by the pair on the left
     * @param rightSpan segments spanned by the pair on the right
     * @return true if the node should swap these two pairs now
     */
    bool ShouldSwap(uint32_t position,
                    uint32_t numNodes,
                    uint32_t leftSpan,
                    uint32_t rightSpan) const;

    /** @return the scheme */
    Scheme GetScheme() const;
    /** @return the purification protocol */
    Purification GetPurification() const;
    /** @return the number of pumping rounds per link (0 without purification) */
    uint32_t GetPurifyRounds() const;
    /** @return the registry variant of the purification protocol */
    PurificationVariant GetVariant() const;

  private:
    Scheme m_scheme;             //!< scheme
    Purification m_purification; //!< purification protocol
    uint32_t m_rounds;           //!< pumping rounds
};

} // namespace ns3

#endif /* REPEATER_CHAIN_POLICY_H */
