package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.StepStatus;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step's state inside a saga instance. Immutable.
 *
 * @param name                the step
 * @param phase               where it is
 * @param attempt             the current (or last) forward attempt, 0 before the first
 * @param compensationAttempt the current (or last) compensation attempt, 0 before the first
 * @param timerAt             when the step needs attention (reply timeout, lease expiry or retry), or null
 * @param outcomeUnknown      an attempt timed out or was abandoned, so it may have taken effect
 * @param lastError           the latest failure, if any
 * @param leaseExpiries       how often the current local attempt's lease expired and it was run again
 */
public record StepState(
        String name,
        StepStatus phase,
        int attempt,
        int compensationAttempt,
        @Nullable Instant timerAt,
        boolean outcomeUnknown,
        @Nullable String lastError,
        int leaseExpiries) {

    public StepState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
    }

    public static StepState pending(String name) {
        return new StepState(name, StepStatus.PENDING, 0, 0, null, false, null, 0);
    }

    StepState withPhase(StepStatus newPhase, @Nullable Instant newTimer) {
        return new StepState(name, newPhase, attempt, compensationAttempt, newTimer, outcomeUnknown, lastError,
                leaseExpiries);
    }

    StepState attemptStarted(int newAttempt, Instant timer) {
        return new StepState(name, StepStatus.RUNNING, newAttempt, compensationAttempt, timer, outcomeUnknown, lastError,
                0);
    }

    StepState compensationStarted(int newAttempt, Instant timer) {
        return new StepState(name, StepStatus.COMPENSATING, attempt, newAttempt, timer, outcomeUnknown, lastError,
                0);
    }

    /** Waiting for an open breaker before compensation attempt {@code lastAttempt + 1}, checked at {@code timer}. */
    StepState compensationHeldBack(int lastAttempt, Instant timer) {
        return new StepState(name, StepStatus.COMPENSATION_WAITING_CIRCUIT, attempt, lastAttempt, timer, outcomeUnknown,
                lastError, 0);
    }

    StepState withError(String error) {
        return new StepState(name, phase, attempt, compensationAttempt, timerAt, outcomeUnknown, error, leaseExpiries);
    }

    StepState withOutcomeUnknown() {
        return new StepState(name, phase, attempt, compensationAttempt, timerAt, true, lastError, leaseExpiries);
    }

    /** The same attempt, run again after its lease expired, with a new lease. */
    StepState leaseRenewed(Instant timer) {
        return new StepState(name, phase, attempt, compensationAttempt, timer, outcomeUnknown, lastError,
                leaseExpiries + 1);
    }

    boolean isDue(Instant now) {
        return timerAt != null && !timerAt.isAfter(now);
    }
}
