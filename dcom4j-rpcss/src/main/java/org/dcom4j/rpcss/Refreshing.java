package org.dcom4j.rpcss;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of configuration, re-read from the store at most every {@code refresh}: the
 * call path reads a volatile field; the first caller after the period reloads (one at a time; the
 * others keep the current snapshot), and a failed reload keeps the previous one. Thread-safe.
 */
public final class Refreshing<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Refreshing.class);

    private record Loaded<T>(long at, T value) {
    }

    private final Supplier<T> loader;
    private final long refreshNanos;
    private final String what;
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Loaded<T> current;

    /** Loads once now (a failure here propagates: there is nothing to fall back on). */
    public Refreshing(Supplier<T> loader, long refreshNanos, String what) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.refreshNanos = refreshNanos;
        this.what = what;
        this.current = new Loaded<>(System.nanoTime(), loader.get());
    }

    public T get() {
        Loaded<T> c = current;
        if (System.nanoTime() - c.at >= refreshNanos && loading.compareAndSet(false, true)) {
            try {
                c = new Loaded<>(System.nanoTime(), loader.get());
                current = c;
            } catch (RuntimeException e) {
                LOG.warn("cannot re-read the {}; keeping the previous one: {}", what, e.toString());
            } finally {
                loading.set(false);
            }
        }
        return c.value;
    }
}
