package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.Stage;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.StepRole;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a saga moves forward: starting steps stage by stage, retrying attempts, failing steps. */
final class ForwardRules {

    private ForwardRules() {
    }

    /** Starts whatever the first unfinished stage still has pending; completes the saga after the last. */
    static void advance(TransitionWork work) {
        if (work.status() != SagaStatus.RUNNING) {
            return;
        }
        if (work.definition.isOpen()) {
            OpenSagaRules.advance(work);
            return;
        }
        for (Stage<Object> stage : work.definition.stages()) {
            boolean stageDone = stage.steps().stream()
                    .allMatch(step -> work.step(step.name()).phase() == StepStatus.SUCCEEDED);
            if (stageDone) {
                continue;
            }
            for (StepDefinition<Object> step : stage.steps()) {
                if (work.step(step.name()).phase() == StepStatus.PENDING && work.status() == SagaStatus.RUNNING) {
                    startAttempt(work, step.name(), 1);
                }
            }
            return;
        }
        work.setStatus(SagaStatus.COMPLETED);
        work.record(null, 0, TimelineKind.SAGA_COMPLETED, null);
    }

    static void startAttempt(TransitionWork work, String stepName, int attempt) {
        StepDefinition<Object> step = work.definitionOf(stepName);
        if (step.action() instanceof RemoteCall<Object> remote && CircuitRules.holdsBack(work, stepName, attempt,
                remote)) {
            return;
        }
        StepState state = work.step(stepName).attemptStarted(attempt, work.now.plus(step.timeout()));
        work.put(state);
        if (step.action() instanceof RemoteCall<Object> remote) {
            try {
                work.send(stepName, attempt, false, remote);
            } catch (RuntimeException e) {
                stepFailed(work, stepName, "its command could not be built: " + e);
                return;
            }
            work.record(stepName, attempt, TimelineKind.COMMAND_SENT, remote.describe());
        } else {
            work.runLocally(stepName, attempt, false);
            work.record(stepName, attempt, TimelineKind.STEP_STARTED, "local");
        }
    }

    static void succeeded(TransitionWork work, String stepName, @Nullable String detail) {
        StepState state = work.step(stepName);
        work.put(state.withPhase(StepStatus.SUCCEEDED, null));
        work.record(stepName, state.attempt(), TimelineKind.STEP_SUCCEEDED, detail);
        advance(work);
    }

    /**
     * An attempt failed with {@code errorCode}: retry if the step retries on that code and has
     * attempts left, otherwise the step fails for good.
     */
    static void attemptFailed(TransitionWork work, String stepName, String error, @Nullable String errorCode) {
        attemptFailed(work, stepName, error, errorCode, work.now);
    }

    /** As {@link #attemptFailed(TransitionWork, String, String, String)}, retrying no earlier than {@code notBefore}. */
    static void attemptFailed(TransitionWork work, String stepName, String error, @Nullable String errorCode,
            Instant notBefore) {
        StepDefinition<Object> step = work.definitionOf(stepName);
        StepState state = work.step(stepName).withError(error);
        work.put(state);
        if (step.retriesOn(errorCode) && step.retry().allowsAttemptAfter(state.attempt())) {
            int next = state.attempt() + 1;
            Instant backedOff = work.now.plus(Backoff.delayBefore(step.retry(), next, work.sagaId() + "/" + stepName));
            Instant at = backedOff.isBefore(notBefore) ? notBefore : backedOff;
            if (!at.isAfter(work.now)) {
                startAttempt(work, stepName, next);
            } else {
                work.put(state.withPhase(StepStatus.WAITING_RETRY, at));
                work.record(stepName, state.attempt(), TimelineKind.RETRY_SCHEDULED, "attempt " + next + " at " + at
                        + " after: " + error);
            }
            return;
        }
        stepFailed(work, stepName, error);
    }

    /** The step failed for good: a retriable step parks the saga, any other starts compensation. */
    static void stepFailed(TransitionWork work, String stepName, String error) {
        StepState state = work.step(stepName);
        work.put(state.withPhase(StepStatus.FAILED, null).withError(error));
        work.record(stepName, state.attempt(), TimelineKind.STEP_FAILED, error);
        String why = "step '" + stepName + "' failed: " + error;
        if (work.definitionOf(stepName).role() == StepRole.PIVOT && state.outcomeUnknown()) {
            // The point of no return may have been passed: neither compensating nor going on is safe.
            work.setReason(why + " (the pivot may have taken effect: check it, then force the outcome)");
            work.setStatus(SagaStatus.FAILED);
            work.record(null, 0, TimelineKind.SAGA_FAILED, "pivot '" + stepName + "' outcome unknown");
            return;
        }
        if (work.definitionOf(stepName).role() == StepRole.RETRIABLE) {
            work.setReason(why + " (retriable step out of attempts; the saga is past its pivot and cannot be undone)");
            work.setStatus(SagaStatus.FAILED);
            work.record(null, 0, TimelineKind.SAGA_FAILED, work.definitionOf(stepName).name());
            return;
        }
        CompensationRules.begin(work, why);
    }
}
