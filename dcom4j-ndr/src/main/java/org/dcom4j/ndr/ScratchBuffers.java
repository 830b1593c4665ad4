package org.dcom4j.ndr;

/**
 * One reusable {@link NdrBuffer} per platform thread for the encoders that return a new array
 * ({@link NdrCodec#encode(Object)}, {@link NdrParameterCodec#encode(Object...)}): the stub is written
 * into the scratch buffer and copied out at its exact size, so an encode allocates only its result.
 * A buffer is taken out of its slot while in use (a nested encode gets a fresh one) and is not kept
 * once it has grown past {@link #KEEP_LIMIT}. Virtual threads always get a fresh buffer: they are
 * many and short-lived, and a thread-local per virtual thread would cost more than it saves.
 */
final class ScratchBuffers {
    /** The largest buffer kept for reuse, in bytes. */
    static final int KEEP_LIMIT = 64 * 1024;
    private static final ThreadLocal<NdrBuffer[]> SLOT = ThreadLocal.withInitial(() -> new NdrBuffer[1]);

    private ScratchBuffers() {
    }

    /** An empty buffer, owned by the caller until {@link #give}. */
    static NdrBuffer take() {
        if (Thread.currentThread().isVirtual()) {
            return new NdrBuffer();
        }
        NdrBuffer[] slot = SLOT.get();
        NdrBuffer b = slot[0];
        if (b == null) {
            return new NdrBuffer();
        }
        slot[0] = null;
        return b.reset();
    }

    /** Returns {@code b}, which the caller no longer uses, for the next {@link #take} on this thread. */
    static void give(NdrBuffer b) {
        if (!Thread.currentThread().isVirtual() && b.array().length <= KEEP_LIMIT) {
            SLOT.get()[0] = b;
        }
    }
}
