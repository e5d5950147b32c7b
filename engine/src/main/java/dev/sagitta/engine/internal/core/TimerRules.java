package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.engine.SagaStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What happens when time passes: the deadline, reply timeouts, lease expiries and retries. */
final class TimerRules {

    private TimerRules() {
    }

    static @Nullable String onWakeUp(TransitionWork work) {
        if (work.status().isTerminal()) {
            return "saga is " + work.status();
        }
        for (StepState snapshot : work.stepsInOrder()) {
            StepState state = work.step(snapshot.name());
            if (state.isDue(work.now) && !work.status().isTerminal()) {
                fireTimer(work, state);
            }
        }
        return null;
    }

    static void enforceDeadline(TransitionWork work) {
        Instant deadline = work.deadlineAt();
        if (deadline == null || deadline.isAfter(work.now) || work.status() != SagaStatus.RUNNING) {
            return;
        }
        if (work.pastPointOfNoReturn()) {
            work.clearDeadline();
            work.record(null, 0, TimelineKind.DEADLINE_PASSED, "past the pivot: the saga goes on");
        } else {
            work.record(null, 0, TimelineKind.DEADLINE_PASSED, "deadline " + deadline);
            CompensationRules.begin(work, "deadline " + deadline + " passed");
        }
    }

    private static void fireTimer(TransitionWork work, StepState state) {
        StepDefinition<Object> step = work.definitionOf(state.name());
        boolean remote = step.action() instanceof RemoteCall;
        switch (state.phase()) {
            case RUNNING -> {
                if (remote) {
                    work.put(state.withOutcomeUnknown());
                    CircuitRules.timedOut(work, (RemoteCall<Object>) step.action());
                    work.record(state.name(), state.attempt(), TimelineKind.STEP_TIMED_OUT, "no reply within "
                            + step.timeout());
                    ForwardRules.attemptFailed(work, state.name(), "timed out after " + step.timeout(),
                            ErrorCodes.TIMEOUT);
                } else if (state.leaseExpiries() < SagaStateMachine.MAX_LEASE_EXPIRIES) {
                    // The node running it may have died: run the same attempt again, same idempotency key.
                    work.put(state.leaseRenewed(work.now.plus(step.timeout())));
                    work.record(state.name(), state.attempt(), TimelineKind.LEASE_EXPIRED, "running it again");
                    work.runLocally(state.name(), state.attempt(), false);
                } else {
                    work.put(state.withOutcomeUnknown());
                    work.record(state.name(), state.attempt(), TimelineKind.STEP_TIMED_OUT, "lease expired "
                            + (SagaStateMachine.MAX_LEASE_EXPIRIES + 1) + " times");
                    ForwardRules.attemptFailed(work, state.name(), "did not finish within " + step.timeout() + ", "
                            + (SagaStateMachine.MAX_LEASE_EXPIRIES + 1) + " times", ErrorCodes.TIMEOUT);
                }
            }
            case WAITING_RETRY, WAITING_CIRCUIT -> ForwardRules.startAttempt(work, state.name(), state.attempt() + 1);
            case COMPENSATING -> CompensationRules.timerFired(work, state);
            case COMPENSATION_WAITING_RETRY, COMPENSATION_WAITING_CIRCUIT ->
                    CompensationRules.startAttempt(work, state.name(), state.compensationAttempt() + 1);
            default -> work.put(state.withPhase(state.phase(), null));
        }
    }
}
