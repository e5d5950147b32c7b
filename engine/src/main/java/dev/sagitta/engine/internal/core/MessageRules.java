package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.ReplyMapping;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.StepRole;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import org.jspecify.annotations.Nullable;

/** How replies and local results apply; what no longer waits for them is recorded and ignored. */
final class MessageRules {

    private MessageRules() {
    }
    static @Nullable String onReply(TransitionWork work, ReplyMessage reply) {
        if (!work.hasStep(reply.step())) {
            return ignore(work, null, reply.attempt(), "reply " + reply.messageId() + " names unknown step '"
                    + reply.step() + "'");
        }
        StepState state = work.step(reply.step());
        StepDefinition<Object> step = work.definitionOf(reply.step());
        if (!((reply.compensation() ? step.compensation() : step.action()) instanceof RemoteCall<Object> called)) {
            return ignore(work, reply.step(), reply.attempt(), "reply " + reply.messageId() + " names step '"
                    + reply.step() + "', whose " + (reply.compensation() ? "compensation" : "action")
                    + " is local and expects no reply");
        }
        CircuitRules.replied(work, called, reply.outcome() == ReplyOutcome.FAILURE, reply.errorCode());
        if (reply.compensation()) {
            if (reply.outcome() == ReplyOutcome.SUCCESS && awaitsCompensation(state, reply.attempt())) {
                // Any attempt's success means the compensation took effect, even if a later attempt is out.
                CompensationRules.compensated(work, reply.step());
                return null;
            }
            if (state.phase() != StepStatus.COMPENSATING || state.compensationAttempt() != reply.attempt()) {
                return ignore(work, reply.step(), reply.attempt(), "late compensation reply " + reply.messageId()
                        + " (step is " + state.phase() + ", compensation attempt " + state.compensationAttempt() + ")");
            }
            CompensationRules.attemptFailed(work, reply.step(), "failure reply: " + reply.failureReason());
            return null;
        }
        boolean retriable = step.role() == StepRole.RETRIABLE;
        // An earlier attempt's answer counts (commands keep one idempotency key across attempts),
        // except a retriable step's refusal while a newer attempt is out: that attempt may still succeed.
        boolean answersTheStep = awaitsForward(state, reply.attempt())
                && (reply.outcome() == ReplyOutcome.SUCCESS || !retriable);
        if (!answersTheStep && (state.phase() != StepStatus.RUNNING || state.attempt() != reply.attempt())) {
            return ignore(work, reply.step(), reply.attempt(), "late reply " + reply.messageId()
                    + " (step is " + state.phase() + ", attempt " + state.attempt() + ")");
        }
        if (reply.outcome() == ReplyOutcome.FAILURE) {
            // An earlier attempt that timed out stays "may have taken effect": undoing a refused
            // step is harmless, missing one that did happen is not.
            ForwardRules.attemptFailed(work, reply.step(), "failure reply" + codeSuffix(reply.errorCode()) + ": "
                    + reply.failureReason(), reply.errorCode());
            return null;
        }
        try {
            applyReply(work, reply);
        } catch (RuntimeException e) {
            // The participant did the work even though its reply is unusable: it must be undone.
            work.put(work.step(reply.step()).withOutcomeUnknown());
            ForwardRules.stepFailed(work, reply.step(), "its reply could not be applied: " + e);
            return null;
        }
        ForwardRules.succeeded(work, reply.step(), null);
        return null;
    }

    /** Whether the step still waits for an answer to forward attempt {@code attempt} or a later one. */
    private static boolean awaitsForward(StepState state, int attempt) {
        return (state.phase() == StepStatus.RUNNING || state.phase() == StepStatus.WAITING_RETRY
                || state.phase() == StepStatus.WAITING_CIRCUIT)
                && attempt >= 1 && attempt <= state.attempt();
    }

    private static boolean awaitsCompensation(StepState state, int attempt) {
        return (state.phase() == StepStatus.COMPENSATING || state.phase() == StepStatus.COMPENSATION_WAITING_RETRY
                || state.phase() == StepStatus.COMPENSATION_WAITING_CIRCUIT)
                && attempt >= 1 && attempt <= state.compensationAttempt();
    }

    private static void applyReply(TransitionWork work, ReplyMessage reply) {
        RemoteCall<Object> remote = (RemoteCall<Object>) work.definitionOf(reply.step()).action();
        ReplyMapping<Object, ?> mapping = remote.replyMapping();
        if (mapping == null) {
            return;
        }
        if (reply.payload() == null) {
            throw new IllegalArgumentException("the reply has no payload, but the step maps a "
                    + mapping.replyType().getSimpleName());
        }
        Object decoded = work.decode(reply.payload(), mapping.replyType());
        work.setData(mapping.applyTo(work.decodedData(), decoded));
    }

    static @Nullable String onLocalFinished(TransitionWork work, SagaEvent.LocalFinished finished) {
        if (!work.hasStep(finished.step())) {
            return ignore(work, null, finished.attempt(), "local result for unknown step '" + finished.step() + "'");
        }
        StepState state = work.step(finished.step());
        boolean success = finished.outcome() == SagaEvent.LocalOutcome.SUCCEEDED;
        if (finished.compensation()) {
            if (state.phase() != StepStatus.COMPENSATING || state.compensationAttempt() != finished.attempt()) {
                return ignore(work, finished.step(), finished.attempt(), "late local compensation result");
            }
            if (success) {
                setDataIfPresent(work, finished.data());
                CompensationRules.compensated(work, finished.step());
            } else {
                CompensationRules.attemptFailed(work, finished.step(), String.valueOf(finished.error()));
            }
            return null;
        }
        if (state.phase() != StepStatus.RUNNING || state.attempt() != finished.attempt()) {
            return ignore(work, finished.step(), finished.attempt(), "late local result (step is " + state.phase()
                    + ", attempt " + state.attempt() + ")");
        }
        if (success) {
            setDataIfPresent(work, finished.data());
            ForwardRules.succeeded(work, finished.step(), null);
        } else {
            boolean transientFailure = finished.outcome() == SagaEvent.LocalOutcome.FAILED_TRANSIENT;
            if (transientFailure) {
                // It threw part-way: whatever it did before throwing may have taken effect.
                work.put(state.withOutcomeUnknown());
            }
            ForwardRules.attemptFailed(work, finished.step(), (finished.errorCode() == null || ErrorCodes.UNEXPECTED.equals(finished.errorCode())
                    ? "" : "[" + finished.errorCode() + "] ")
                    + finished.error(), finished.errorCode());
        }
        return null;
    }

    /** " [code]" for a failure with a code, "" without: it goes into the step's error and the timeline. */
    private static String codeSuffix(@Nullable String errorCode) {
        return errorCode == null ? "" : " [" + errorCode + "]";
    }

    private static void setDataIfPresent(TransitionWork work, @Nullable String data) {
        if (data != null) {
            work.setEncodedData(data);
        }
    }

    static String ignore(TransitionWork work, @Nullable String step, int attempt, String why) {
        work.record(step, attempt, TimelineKind.MESSAGE_IGNORED, why);
        return why;
    }
}
