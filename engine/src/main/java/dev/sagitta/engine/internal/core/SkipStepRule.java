package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.ReplyMapping;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.SagaEvent.OperatorAction;
import org.jspecify.annotations.Nullable;

/**
 * The operator's skip: a step, or its compensation, counts as done without it. A forward step takes
 * the operator's result as if it had succeeded with it; a compensation counts as undone. Whatever
 * the step's outstanding attempt answers later is ignored as late.
 */
final class SkipStepRule {

    private SkipStepRule() {
    }

    static @Nullable String apply(TransitionWork work, OperatorAction action, String stepName) {
        StepState step = work.step(stepName);
        return switch (step.phase()) {
            case RUNNING, WAITING_RETRY, WAITING_CIRCUIT -> work.status() == SagaStatus.RUNNING
                    ? skipForward(work, action, stepName, false) : nothingToSkip(stepName, step);
            case FAILED -> parkedGoingForward(work)
                    ? skipForward(work, action, stepName, true) : nothingToSkip(stepName, step);
            case COMPENSATING, COMPENSATION_WAITING_RETRY, COMPENSATION_WAITING_CIRCUIT -> skipCompensation(work, action, stepName, false);
            case COMPENSATION_FAILED -> work.status() == SagaStatus.FAILED
                    ? skipCompensation(work, action, stepName, true) : nothingToSkip(stepName, step);
            default -> nothingToSkip(stepName, step);
        };
    }

    /** A FAILED saga with no failed compensation stopped going forward, at a retriable step or a doubtful pivot. */
    private static boolean parkedGoingForward(TransitionWork work) {
        return work.status() == SagaStatus.FAILED
                && work.stepsInOrder().stream().noneMatch(s -> s.phase() == StepStatus.COMPENSATION_FAILED);
    }

    private static @Nullable String skipForward(TransitionWork work, OperatorAction action, String stepName,
            boolean resume) {
        Object newData;
        try {
            newData = dataAfter(work, work.definitionOf(stepName), action.data());
        } catch (RuntimeException e) {
            // Checked before anything changes: a refused skip leaves the saga as it was.
            return "the result given for step '" + stepName + "' does not fit it: " + e.getMessage();
        }
        OperatorRules.audit(work, action);
        if (resume) {
            work.setStatus(SagaStatus.RUNNING);
            work.record(null, 0, TimelineKind.SAGA_RESUMED, "running again past step '" + stepName + "'");
        }
        if (newData != null) {
            work.setData(newData);
        }
        ForwardRules.succeeded(work, stepName, "skipped by " + action.operator()
                + (action.data() == null ? "" : " with result " + action.data()));
        return null;
    }

    /**
     * The saga data as the step's success would leave it: a remote step maps the result as its reply;
     * a local step's result is the saga data itself. Null: the data stays as it is.
     */
    private static @Nullable Object dataAfter(TransitionWork work, StepDefinition<Object> step, @Nullable String result) {
        if (result == null) {
            return null;
        }
        if (step.action() instanceof RemoteCall<Object> remote) {
            ReplyMapping<Object, ?> mapping = remote.replyMapping();
            if (mapping == null) {
                throw new IllegalArgumentException("the step takes nothing from its reply; skip it without a result");
            }
            return mapping.applyTo(work.decodedData(), work.decode(result, mapping.replyType()));
        }
        return work.decode(result, work.definition.dataType());
    }

    private static @Nullable String skipCompensation(TransitionWork work, OperatorAction action, String stepName,
            boolean resume) {
        if (action.data() != null) {
            return "step '" + stepName + "' is being compensated: skip its compensation without a result";
        }
        OperatorRules.audit(work, action);
        if (resume) {
            work.setStatus(SagaStatus.COMPENSATING);
            work.record(null, 0, TimelineKind.SAGA_RESUMED, "compensating again; to undo: " + work.compensationPlan());
        }
        CompensationRules.compensated(work, stepName);
        return null;
    }

    private static String nothingToSkip(String stepName, StepState step) {
        return "step '" + stepName + "' is " + step.phase() + ": nothing to skip (a step can be skipped while it runs"
                + " or waits for a retry, or when its failure or its compensation's left the saga FAILED)";
    }
}
