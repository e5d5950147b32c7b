package dev.sagitta.camel;

import dev.sagitta.engine.spi.Clock;
import java.time.Instant;

/** A clock that always says the same time. */
record FixedClock(Instant now) implements Clock {

    @Override
    public long monotonicNanos() {
        return 0;
    }
}
