package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.EnlistedSteps;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How an open saga ({@link dev.sagitta.dsl.SagaDefinition#isOpen()}) moves: steps done outside the
 * engine are enlisted while it runs, and closing it confirms them one at a time, last enlisted
 * first. Cancelling it, or its deadline passing, compensates them as any saga's steps are
 * ({@link CompensationRules}).
 */
final class OpenSagaRules {

    private OpenSagaRules() {
    }

    static @Nullable String enlist(TransitionWork work, SagaEvent.Enlist enlist) {
        String refusal = refusal(work, "enlist a step in it");
        if (refusal != null) {
            return refusal;
        }
        if (!work.definition.key().equals(enlist.definitionKey())) {
            return "saga is a " + work.definition.key() + ", not a " + enlist.definitionKey();
        }
        int number = enlistedCount(work) + 1;
        String name = EnlistedSteps.stepName(number);
        try {
            work.setData(enlist.addToData().apply(work.decodedData(), name));
        } catch (RuntimeException e) {
            return "step " + name + " could not be recorded in the saga data: " + e;
        }
        // The work was done before it was enlisted: the step joins as succeeded, its confirmation pending.
        work.put(new StepState(name, StepStatus.SUCCEEDED, 1, 0, null, false, null, 0));
        if (enlist.completes()) {
            work.put(StepState.pending(EnlistedSteps.completionName(number)));
        }
        String detail = enlist.completes() ? "confirmed when the saga closes" : "nothing to confirm";
        if (enlist.timeout() != null) {
            work.deadlineNoLaterThan(work.now.plus(enlist.timeout()));
            detail += "; compensated if not closed by " + work.deadlineAt();
        }
        work.record(name, 1, TimelineKind.STEP_ENLISTED, detail);
        return null;
    }

    static @Nullable String close(TransitionWork work) {
        String refusal = refusal(work, "close it");
        if (refusal != null) {
            return refusal;
        }
        List<String> toConfirm = completions(work).stream().map(StepState::name).toList();
        work.record(null, 0, TimelineKind.SAGA_CLOSED, toConfirm.isEmpty() ? "nothing to confirm"
                : "to confirm: " + toConfirm);
        confirmNext(work);
        return null;
    }

    /** After a confirmation succeeded: the next one, or the end. Nothing happens before the saga is closed. */
    static void advance(TransitionWork work) {
        if (closing(work)) {
            confirmNext(work);
        }
    }

    /** True if {@code stepName} is an enlisted step whose completion has succeeded. */
    static boolean confirmed(TransitionWork work, String stepName) {
        int number = EnlistedSteps.numberOf(stepName);
        if (!work.definition.isOpen() || number == 0 || EnlistedSteps.isCompletion(stepName)) {
            return false;
        }
        String completion = EnlistedSteps.completionName(number);
        return work.hasStep(completion) && work.step(completion).phase() == StepStatus.SUCCEEDED;
    }

    private static void confirmNext(TransitionWork work) {
        for (StepState completion : completions(work)) {
            switch (completion.phase()) {
                case SUCCEEDED -> {
                    // confirmed already: go on to the one enlisted before it
                }
                case PENDING -> {
                    ForwardRules.startAttempt(work, completion.name(), 1);
                    return;
                }
                default -> {
                    // one confirmation at a time: this one is still out, or failed for good
                    return;
                }
            }
        }
        work.setStatus(SagaStatus.COMPLETED);
        work.record(null, 0, TimelineKind.SAGA_COMPLETED, null);
    }

    private static @Nullable String refusal(TransitionWork work, String what) {
        if (!work.definition.isOpen()) {
            return "saga " + work.definition.key() + " is not open: its steps are those of its definition, so"
                    + " nothing can " + what;
        }
        if (work.status() != SagaStatus.RUNNING) {
            return "saga is already " + work.status();
        }
        if (closing(work)) {
            return "saga is closing: its enlisted steps are being confirmed";
        }
        return null;
    }

    /** Closed and still confirming: a confirmation has started. */
    private static boolean closing(TransitionWork work) {
        return completions(work).stream().anyMatch(step -> step.phase() != StepStatus.PENDING);
    }

    /** The confirmations, last enlisted first. */
    private static List<StepState> completions(TransitionWork work) {
        List<StepState> completions = new ArrayList<>();
        for (StepState step : work.stepsInOrder()) {
            if (EnlistedSteps.isCompletion(step.name())) {
                completions.add(step);
            }
        }
        completions.sort(Comparator.comparingInt((StepState step) -> EnlistedSteps.numberOf(step.name())).reversed());
        return completions;
    }

    private static int enlistedCount(TransitionWork work) {
        int count = 0;
        for (StepState step : work.stepsInOrder()) {
            if (EnlistedSteps.numberOf(step.name()) > 0 && !EnlistedSteps.isCompletion(step.name())) {
                count++;
            }
        }
        return count;
    }
}
