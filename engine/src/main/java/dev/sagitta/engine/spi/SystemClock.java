package dev.sagitta.engine.spi;

import java.time.Instant;

/** {@link Clock} on the JVM's own clocks. Stateless and thread-safe. */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }
}
