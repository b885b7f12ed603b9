/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEFERRED_UNIFORM_RANDOM_VARIABLE_H
#define DEFERRED_UNIFORM_RANDOM_VARIABLE_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup quantum
 * @brief A UniformRandomVariable on [0, 1) that is created on its first draw.
 *
 * An ns-3 UniformRandomVariable with its RngStream costs about 176 bytes of
 * heap.  Many quantum components own a stream they may never draw from (the
 * photon-loss stream of a memory that never emits, the success draw of an
 * ideal swapper), which adds up in networks of thousands of nodes.  This
 * member-sized value holds a null Ptr and an assigned stream number until the
 * first draw, when it creates the UniformRandomVariable (default range
 * [0, 1)) and, if AssignStreams was called before, sets that stream.
 *
 * Reproducibility is that of a plain UniformRandomVariable:
 * - with AssignStreams(s) (before or after the first draw) the draws are those
 *   of a UniformRandomVariable whose stream is s;
 * - without AssignStreams the variable takes ns-3's next automatic stream at
 *   its first draw, so a run is deterministic for a given seed and run number.
 *
 * The owner keeps its `int64_t AssignStreams(int64_t)` and forwards to this
 * class, which uses exactly one stream number.
 */
class DeferredUniformRandomVariable
{
  public:
    /** Construct without a stream and without an assigned stream number. */
    DeferredUniformRandomVariable();

    /**
     * Draw a uniform number in [0, 1), creating the stream on the first call.
     * @return the draw
     */
    double GetValue();

    /**
     * Use the given stream number: recorded now and applied at the first draw,
     * or applied at once if the stream already exists.  As for
     * RandomVariableStream::SetStream, -1 means ns-3's next automatic stream.
     * @param stream the stream number (>= 0, or -1)
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @return the assigned stream number, or -1 if AssignStreams was not called
     */
    int64_t GetAssignedStream() const;

    /**
     * @return true once the underlying UniformRandomVariable exists (after
     * the first draw)
     */
    bool IsCreated() const;

    /**
     * Release the underlying UniformRandomVariable (from the owner's
     * DoDispose).  The assigned stream number is kept, so a later draw
     * restarts that stream.
     */
    void Dispose();

  private:
    /** @return the stream, created (and its assigned stream set) if needed */
    UniformRandomVariable& Get();

    Ptr<UniformRandomVariable> m_rng; //!< the stream (null until the first draw)
    int64_t m_stream;                 //!< assigned stream number (-1 = automatic)
};

} // namespace ns3

#endif /* DEFERRED_UNIFORM_RANDOM_VARIABLE_H */
