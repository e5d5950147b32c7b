package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.StepStatus;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.StepAction;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.engine.SagaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How a saga undoes itself: in reverse order, every step that completed or may have. */
final class CompensationRules {

    private CompensationRules() {
    }

    /** Turns the saga to compensation and starts the first compensation, if any is needed. */
    static void begin(TransitionWork work, String reason) {
        work.setReason(reason);
        work.setStatus(SagaStatus.COMPENSATING);
        List<String> plan = new ArrayList<>();
        for (StepState state : work.stepsInOrder()) {
            StepState settled = abandonIfOutstanding(work, state);
            if (needsCompensation(work, settled)) {
                plan.add(settled.name());
            }
        }
        Collections.reverse(plan);
        work.compensationPlan().clear();
        work.compensationPlan().addAll(plan);
        work.record(null, 0, TimelineKind.COMPENSATION_STARTED, reason + "; to undo: " + plan);
        next(work);
    }

    /** A step still waiting for its attempt may or may not have taken effect: stop waiting, assume it might have. */
    private static StepState abandonIfOutstanding(TransitionWork work, StepState state) {
        if (state.phase() == StepStatus.WAITING_CIRCUIT && state.attempt() == 0) {
            // Held back by an open breaker before its first attempt: nothing was sent, nothing to undo.
            StepState neverSent = state.withPhase(StepStatus.PENDING, null);
            work.put(neverSent);
            return neverSent;
        }
        if (state.phase() == StepStatus.RUNNING || state.phase() == StepStatus.WAITING_RETRY
                || state.phase() == StepStatus.WAITING_CIRCUIT) {
            StepState abandoned = state.withPhase(StepStatus.ABANDONED, null).withOutcomeUnknown();
            work.put(abandoned);
            return abandoned;
        }
        return state;
    }

    private static boolean needsCompensation(TransitionWork work, StepState state) {
        if (!work.definitionOf(state.name()).isCompensatable()) {
            return false;
        }
        if (OpenSagaRules.confirmed(work, state.name())) {
            // An enlisted step already confirmed is not undone: its completion said it stays.
            return false;
        }
        return switch (state.phase()) {
            case SUCCEEDED, ABANDONED -> true;
            case FAILED -> state.outcomeUnknown();
            default -> false;
        };
    }

    /** Starts the next compensation in the plan, or finishes the saga as COMPENSATED. */
    static void next(TransitionWork work) {
        List<String> plan = work.compensationPlan();
        if (plan.isEmpty()) {
            work.setStatus(SagaStatus.COMPENSATED);
            work.record(null, 0, TimelineKind.SAGA_COMPENSATED, null);
            return;
        }
        startAttempt(work, plan.get(0), 1);
    }

    static void startAttempt(TransitionWork work, String stepName, int attempt) {
        StepDefinition<Object> step = work.definitionOf(stepName);
        StepAction<Object> compensation = step.compensation();
        if (compensation == null) {
            throw new IllegalStateException("step '" + stepName + "' is planned for compensation but has none");
        }
        if (compensation instanceof RemoteCall<Object> remote
                && CircuitRules.holdsBackCompensation(work, stepName, attempt, remote)) {
            return;
        }
        work.put(work.step(stepName).compensationStarted(attempt, work.now.plus(step.timeout())));
        if (compensation instanceof RemoteCall<Object> remote) {
            try {
                work.send(stepName, attempt, true, remote);
            } catch (RuntimeException e) {
                // Building it again would fail the same way: retrying cannot help.
                giveUp(work, stepName, "its compensation command could not be built: " + e);
                return;
            }
            work.record(stepName, attempt, TimelineKind.STEP_COMPENSATING, remote.describe());
        } else {
            work.runLocally(stepName, attempt, true);
            work.record(stepName, attempt, TimelineKind.STEP_COMPENSATING, "local");
        }
    }

    static void compensated(TransitionWork work, String stepName) {
        StepState state = work.step(stepName);
        work.put(state.withPhase(StepStatus.COMPENSATED, null));
        work.record(stepName, state.compensationAttempt(), TimelineKind.STEP_COMPENSATED, null);
        work.compensationPlan().remove(stepName);
        next(work);
    }

    static void timerFired(TransitionWork work, StepState state) {
        StepDefinition<Object> step = work.definitionOf(state.name());
        if (step.compensation() instanceof RemoteCall<Object> remote) {
            CircuitRules.timedOut(work, remote);
            work.record(state.name(), state.compensationAttempt(), TimelineKind.STEP_TIMED_OUT,
                    "no compensation reply within " + step.timeout());
            attemptFailed(work, state.name(), "compensation timed out after " + step.timeout());
        } else if (state.leaseExpiries() < SagaStateMachine.MAX_LEASE_EXPIRIES) {
            work.put(state.leaseRenewed(work.now.plus(step.timeout())));
            work.record(state.name(), state.compensationAttempt(), TimelineKind.LEASE_EXPIRED, "running it again");
            work.runLocally(state.name(), state.compensationAttempt(), true);
        } else {
            attemptFailed(work, state.name(), "compensation did not finish within " + step.timeout() + ", "
                    + (SagaStateMachine.MAX_LEASE_EXPIRIES + 1) + " times");
        }
    }

    /** A compensation attempt failed: retry by the step's compensation policy, or park the saga as FAILED. */
    static void attemptFailed(TransitionWork work, String stepName, String error) {
        StepDefinition<Object> step = work.definitionOf(stepName);
        StepState state = work.step(stepName).withError(error);
        work.put(state);
        work.record(stepName, state.compensationAttempt(), TimelineKind.COMPENSATION_ATTEMPT_FAILED, error);
        if (step.compensationRetry().allowsAttemptAfter(state.compensationAttempt())) {
            int next = state.compensationAttempt() + 1;
            Instant at = work.now.plus(Backoff.delayBefore(step.compensationRetry(), next,
                    work.sagaId() + "/" + stepName + "/compensation"));
            if (!at.isAfter(work.now)) {
                startAttempt(work, stepName, next);
            } else {
                work.put(state.withPhase(StepStatus.COMPENSATION_WAITING_RETRY, at));
                work.record(stepName, state.compensationAttempt(), TimelineKind.RETRY_SCHEDULED,
                        "compensation attempt " + next + " at " + at);
            }
            return;
        }
        giveUp(work, stepName, "failed after " + state.compensationAttempt() + " attempts: " + error);
    }

    /** The compensation cannot succeed by itself: park the saga as FAILED for an operator. */
    private static void giveUp(TransitionWork work, String stepName, String why) {
        work.put(work.step(stepName).withPhase(StepStatus.COMPENSATION_FAILED, null).withError(why));
        work.setReason("compensation of step '" + stepName + "' " + why + "; still to compensate: "
                + work.compensationPlan());
        work.setStatus(SagaStatus.FAILED);
        work.record(null, 0, TimelineKind.SAGA_FAILED, "compensation of '" + stepName + "' cannot finish");
    }
}
