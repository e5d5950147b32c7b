package dev.sagitta.engine.spi;

import java.time.Instant;

/**
 * The engine's only source of time. Wall time stamps records and schedules durable wake-ups;
 * monotonic time measures durations in-process and never goes backwards.
 *
 * <p>Implementations must be thread-safe. The default is {@link #system()}.
 */
public interface Clock {

    /** Wall-clock time, stored in records and compared with stored wake-up times. */
    Instant now();

    /** Monotonic nanoseconds, only meaningful as a difference between two readings in one process. */
    long monotonicNanos();

    /** The system clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
