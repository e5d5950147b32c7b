package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.WhenCircuitOpen;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.CircuitGate.OpenCircuit;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a remote step does when its participant's circuit breaker is open, as its
 * {@link WhenCircuitOpen} says: wait without sending or counting the attempt, give up once the
 * breaker has been open too long, or fail the attempt at once. Also which answers count against
 * a participant's breaker.
 */
final class CircuitRules {

    /** Failure codes that say the participant is unwell, rather than that it refused. */
    private static final Set<String> UNWELL = Set.of(ErrorCodes.TIMEOUT, ErrorCodes.UNAVAILABLE,
            ErrorCodes.RATE_LIMITED, ErrorCodes.UNEXPECTED);

    private CircuitRules() {
    }

    /**
     * Asks the gate before attempt {@code attempt} of a remote step is sent. Returns true if the
     * breaker is open and the step was held back (waiting, failed or given up); false to send.
     */
    static boolean holdsBack(TransitionWork work, String stepName, int attempt, RemoteCall<Object> remote) {
        OpenCircuit open = work.gate.check(remote.participant(), work.now);
        if (open == null) {
            return false;
        }
        StepDefinition<Object> step = work.definitionOf(stepName);
        WhenCircuitOpen policy = step.whenCircuitOpen();
        String why = "circuit breaker of " + remote.participant() + " open since " + open.openedAt();
        if (policy.action() == WhenCircuitOpen.Action.FAIL_FAST) {
            work.put(work.step(stepName).attemptStarted(attempt, work.now));
            work.record(stepName, attempt, TimelineKind.CIRCUIT_OPEN, why + ": attempt " + attempt + " fails fast");
            // Not retried before the breaker might let a call through: a zero backoff would fail fast
            // again within this transition, over and over.
            ForwardRules.attemptFailed(work, stepName, why, ErrorCodes.UNAVAILABLE, open.retryAt());
            return true;
        }
        Instant wakeAt = open.retryAt();
        if (policy.action() == WhenCircuitOpen.Action.COMPENSATE) {
            Instant giveUpAt = open.openedAt().plus(policy.patience());
            if (!giveUpAt.isAfter(work.now)) {
                work.record(stepName, attempt, TimelineKind.CIRCUIT_OPEN, why + ", longer than "
                        + policy.patience() + ": giving up");
                ForwardRules.stepFailed(work, stepName, why + ", longer than " + policy.patience());
                return true;
            }
            wakeAt = giveUpAt.isBefore(wakeAt) ? giveUpAt : wakeAt;
        }
        StepState state = work.step(stepName);
        if (state.phase() != StepStatus.WAITING_CIRCUIT) {
            work.record(stepName, attempt, TimelineKind.CIRCUIT_OPEN, why + ": attempt " + attempt
                    + " waits, unsent, until " + wakeAt);
        }
        work.put(state.withPhase(StepStatus.WAITING_CIRCUIT, wakeAt));
        return true;
    }

    /**
     * Asks the gate before compensation attempt {@code attempt} is sent. A compensation always waits
     * for an open breaker, unsent and uncounted: giving up on it would leave the saga half undone.
     * Returns true if it was held back.
     */
    static boolean holdsBackCompensation(TransitionWork work, String stepName, int attempt, RemoteCall<Object> remote) {
        OpenCircuit open = work.gate.check(remote.participant(), work.now);
        if (open == null) {
            return false;
        }
        StepState state = work.step(stepName);
        if (state.phase() != StepStatus.COMPENSATION_WAITING_CIRCUIT) {
            work.record(stepName, attempt, TimelineKind.CIRCUIT_OPEN, "circuit breaker of " + remote.participant()
                    + " open since " + open.openedAt() + ": compensation attempt " + attempt + " waits, unsent, until "
                    + open.retryAt());
        }
        work.put(state.compensationHeldBack(attempt - 1, open.retryAt()));
        return true;
    }

    /** Counts a participant's reply for its breaker. */
    static void replied(TransitionWork work, RemoteCall<Object> remote, boolean failed,
            @Nullable String errorCode) {
        work.called(new CallOutcome(remote.participant(), !(failed && errorCode != null && UNWELL.contains(errorCode))));
    }

    /** Counts a call that got no reply in time against the participant's breaker. */
    static void timedOut(TransitionWork work, RemoteCall<Object> remote) {
        work.called(new CallOutcome(remote.participant(), false));
    }
}
