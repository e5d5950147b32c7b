package dev.sagitta.testing;

import dev.sagitta.engine.spi.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link Clock} that moves only when told to. Wall time and monotonic time move together.
 *
 * <p>Thread-safe. Starts at {@link #DEFAULT_START} unless given another instant.
 */
public final class VirtualClock implements Clock {

    /** 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Instant start;
    private Instant now;

    public VirtualClock() {
        this(DEFAULT_START);
    }

    public VirtualClock(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized long monotonicNanos() {
        return Duration.between(start, now).toNanos();
    }

    /** Moves time forward by {@code duration} (zero or positive). */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; duration was " + duration);
        }
        now = now.plus(duration);
    }

    /** Moves time forward to {@code instant}; does nothing if it is already past it. */
    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }
}
