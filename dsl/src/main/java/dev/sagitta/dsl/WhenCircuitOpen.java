package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * What a remote step does when the engine's circuit breaker for its participant is open. While it
 * waits, no command is sent and no attempt is used: the step wakes when the breaker lets a trial
 * call through, or when its patience runs out.
 *
 * <p>Immutable and thread-safe. The default, {@link #waitIndefinitely()}, waits for as long as the
 * breaker stays open.
 *
 * @param action   what to do
 * @param patience how long the breaker may have been open before {@link Action#COMPENSATE} gives up;
 *                 {@link Duration#ZERO} for the other actions
 */
public record WhenCircuitOpen(Action action, Duration patience) {

    /** What a step does about an open breaker. */
    public enum Action {
        /** Wait until the breaker lets a call through, however long that takes. */
        WAIT,
        /**
         * Wait, but once the breaker has been open longer than the patience, fail the step, so the
         * saga compensates (a retriable step, past the pivot, leaves the saga FAILED instead).
         */
        COMPENSATE,
        /** Do not wait: the attempt fails at once with {@link ErrorCodes#UNAVAILABLE}, which the retry policy handles. */
        FAIL_FAST
    }

    public WhenCircuitOpen {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(patience, "patience");
        if (action == Action.COMPENSATE && (patience.isZero() || patience.isNegative())) {
            throw new SagaDefinitionException("the patience before compensating must be positive, was " + patience);
        }
    }

    /** Waits as long as the breaker stays open. */
    public static WhenCircuitOpen waitIndefinitely() {
        return new WhenCircuitOpen(Action.WAIT, Duration.ZERO);
    }

    /**
     * Waits, and fails the step once the breaker has been open longer than {@code patience}: the saga
     * compensates, or, for a retriable step, goes FAILED.
     */
    public static WhenCircuitOpen compensateAfter(Duration patience) {
        return new WhenCircuitOpen(Action.COMPENSATE, patience);
    }

    /** Fails the attempt at once with {@link ErrorCodes#UNAVAILABLE}; retries follow the step's retry policy. */
    public static WhenCircuitOpen failFast() {
        return new WhenCircuitOpen(Action.FAIL_FAST, Duration.ZERO);
    }
}
