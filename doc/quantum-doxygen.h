/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @defgroup quantum Quantum networks
 *
 * The `quantum` module: a state engine (state vectors, density matrices, Bell-diagonal states and
 * stabilizer tableaux behind qubit handles), the physical layer (quantum channels, sources,
 * detectors, memories, processors, transducers and hardware presets), heralded entanglement and
 * its link-layer service, the network layer (swapping, purification, repeater chains, routing,
 * teleportation), QKD protocols with classical post-processing and key management, and
 * applications. The manual is doc/quantum.rst.
 */

/**
 * @ingroup quantum
 * @defgroup quantum-tests Quantum module tests
 */

/**
 * @fn ns3::TypeId ns3::Object::GetInstanceTypeId() const
 * @copydoc ns3::ObjectBase::GetInstanceTypeId
 */
