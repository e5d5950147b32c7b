package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.StepRole;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.internal.core.SagaEvent.OperatorAction;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an operator's action does. Every accepted action is recorded in the saga's timeline first:
 * who, what and why (the entry's time is when).
 */
final class OperatorRules {

    private OperatorRules() {
    }

    static @Nullable String apply(TransitionWork work, OperatorAction action) {
        return switch (action.action()) {
            case RETRY_NOW -> retryNow(work, action);
            case FORCE_COMPENSATION -> forceCompensation(work, action);
            case SKIP_STEP -> skipStep(work, action);
            case MARK_RESOLVED -> markResolved(work, action);
            case CANCEL -> cancel(work, action);
        };
    }

    private static @Nullable String unknownStep(TransitionWork work, @Nullable String stepName) {
        if (stepName == null || !work.hasStep(stepName)) {
            return "saga has no step '" + stepName + "': name one of " + work.stepsInOrder().stream()
                    .map(step -> step.name()).toList();
        }
        return null;
    }

    private static @Nullable String retryNow(TransitionWork work, OperatorAction action) {
        String stepName = action.step();
        String unknown = unknownStep(work, stepName);
        if (unknown != null) {
            return unknown;
        }
        StepState step = work.step(stepName);
        switch (step.phase()) {
            case WAITING_RETRY, WAITING_CIRCUIT -> {
                if (work.status() != SagaStatus.RUNNING) {
                    return nothingToRetry(stepName, step) + "; the saga is " + work.status();
                }
                audit(work, action);
                // A step waiting for its breaker asks it again: while it stays open, the step keeps waiting.
                ForwardRules.startAttempt(work, stepName, step.attempt() + 1);
            }
            case COMPENSATION_WAITING_RETRY, COMPENSATION_WAITING_CIRCUIT -> {
                if (work.status() != SagaStatus.COMPENSATING) {
                    return nothingToRetry(stepName, step) + "; the saga is " + work.status();
                }
                audit(work, action);
                CompensationRules.startAttempt(work, stepName, step.compensationAttempt() + 1);
            }
            case COMPENSATION_FAILED -> {
                if (work.status() != SagaStatus.FAILED) {
                    return nothingToRetry(stepName, step);
                }
                audit(work, action);
                // The plan still lists this step first: compensating it lets the rest follow.
                work.setStatus(SagaStatus.COMPENSATING);
                work.record(null, 0, TimelineKind.SAGA_RESUMED, "compensating again; to undo: " + work.compensationPlan());
                CompensationRules.startAttempt(work, stepName, step.compensationAttempt() + 1);
            }
            case FAILED -> {
                if (work.status() != SagaStatus.FAILED || work.definitionOf(stepName).role()
                        != StepRole.RETRIABLE) {
                    return nothingToRetry(stepName, step);
                }
                audit(work, action);
                work.setStatus(SagaStatus.RUNNING);
                work.record(null, 0, TimelineKind.SAGA_RESUMED, "running again from step '" + stepName + "'");
                ForwardRules.startAttempt(work, stepName, step.attempt() + 1);
            }
            default -> {
                return nothingToRetry(stepName, step);
            }
        }
        return null;
    }

    private static @Nullable String forceCompensation(TransitionWork work, OperatorAction action) {
        if (work.status() != SagaStatus.RUNNING && work.status() != SagaStatus.FAILED) {
            return "saga is " + work.status() + ": only a RUNNING or FAILED saga can be forced to compensate";
        }
        if (work.status() == SagaStatus.FAILED && !work.compensationPlan().isEmpty()) {
            return "saga is already compensating what it did and is waiting on step '" + work.compensationPlan().get(0)
                    + "': retry that step's compensation instead";
        }
        audit(work, action);
        CompensationRules.begin(work, "forced by " + action.operator() + ": " + action.reason());
        return null;
    }

    private static @Nullable String skipStep(TransitionWork work, OperatorAction action) {
        String unknown = unknownStep(work, action.step());
        return unknown != null ? unknown : SkipStepRule.apply(work, action, action.step());
    }

    private static @Nullable String markResolved(TransitionWork work, OperatorAction action) {
        if (work.status() != SagaStatus.FAILED) {
            return "saga is " + work.status() + ": only a FAILED saga can be marked resolved";
        }
        audit(work, action);
        // The steps keep their phases and the plan what was left: the record of what the operator settled.
        work.setStatus(SagaStatus.RESOLVED);
        work.record(null, 0, TimelineKind.SAGA_RESOLVED, "by " + action.operator() + ": " + action.reason()
                + (work.compensationPlan().isEmpty() ? "" : "; left to compensate: " + work.compensationPlan()));
        return null;
    }

    private static @Nullable String cancel(TransitionWork work, OperatorAction action) {
        String refusal = CancelRule.refusal(work);
        if (refusal != null) {
            return refusal;
        }
        audit(work, action);
        CompensationRules.begin(work, "cancelled by " + action.operator() + ": " + action.reason());
        return null;
    }

    private static String nothingToRetry(String stepName, StepState step) {
        return "step '" + stepName + "' is " + step.phase() + ": nothing to retry (a step can be retried now while it"
                + " waits for a retry, or when its failure left the saga FAILED)";
    }

    static void audit(TransitionWork work, OperatorAction action) {
        String what = action.action().name().toLowerCase(Locale.ROOT).replace('_', '-');
        work.record(action.step(), 0, TimelineKind.OPERATOR_ACTION,
                what + " by " + action.operator() + ": " + action.reason());
    }
}
