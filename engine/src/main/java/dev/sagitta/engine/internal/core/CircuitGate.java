package dev.sagitta.engine.internal.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a call to a participant may go out now: the state machine asks before it sends a
 * command. Implementations must be thread-safe. Asking takes a call permit when one is free (as a
 * half-open breaker hands out a few trial calls), so ask only to send.
 */
@FunctionalInterface
public interface CircuitGate {

    /** No breakers: every call may go. */
    CircuitGate ALWAYS_CLOSED = (participant, now) -> null;

    /** Null if a call to {@code participant} may go now; otherwise the open breaker's times. */
    @Nullable OpenCircuit check(String participant, Instant now);

    /**
     * An open breaker.
     *
     * @param openedAt when it last opened
     * @param retryAt  when it may let a trial call through
     */
    record OpenCircuit(Instant openedAt, Instant retryAt) {
    }
}
