package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.StepStatus;
import dev.sagitta.dsl.ReplyMapping;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.Stage;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.StepRole;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The pure saga state machine: {@code (definition, state, event, now) -> transition}.
 *
 * <p>No I/O, no clock, no threads: time arrives with the event and ids come from the
 * {@link IdGenerator} it was given, so the same inputs always give the same transition. Thread-safe
 * (it keeps no state between calls).
 */
public final class SagaStateMachine {

    /**
     * How often one attempt of a local step (or local compensation) is run again after its lease
     * expired, before the attempt counts as timed out.
     */
    public static final int MAX_LEASE_EXPIRIES = 2;

    private final PayloadCodec codec;
    private final IdGenerator ids;

    public SagaStateMachine(PayloadCodec codec, IdGenerator ids) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The first transition of a new instance. */
    public Transition start(SagaDefinition<?> definition, SagaEvent.Start start, Instant now) {
        List<StepState> steps = new ArrayList<>();
        definition.steps().forEach(step -> steps.add(StepState.pending(step.name())));
        Instant deadline = definition.deadline().map(now::plus).orElse(null);
        SagaState initial = new SagaState(start.sagaId(), definition.name(), definition.version(), SagaStatus.RUNNING,
                start.data(), steps, List.of(), deadline, 0, null, start.correlationId(), start.tenantId(),
                start.businessKey(), now);
        TransitionWork work = work(definition, initial, now);
        work.record(null, 0, TimelineKind.SAGA_STARTED, definition.key());
        advance(work);
        return work.finish(null);
    }

    /** Applies {@code event} to {@code state}. */
    public Transition apply(SagaDefinition<?> definition, SagaState state, SagaEvent event, Instant now) {
        TransitionWork work = work(definition, state, now);
        // The deadline is due whatever event arrives first after it: a reply must not carry the saga past it.
        enforceDeadline(work);
        String rejection;
        if (event instanceof SagaEvent.ReplyReceived received) {
            rejection = onReply(work, received.reply());
        } else if (event instanceof SagaEvent.LocalFinished finished) {
            rejection = onLocalFinished(work, finished);
        } else if (event instanceof SagaEvent.WakeUp) {
            rejection = onWakeUp(work);
        } else if (event instanceof SagaEvent.Cancel cancel) {
            rejection = onCancel(work, cancel.reason());
        } else {
            rejection = "saga " + state.sagaId() + " has already started";
        }
        return work.finish(rejection);
    }

    private TransitionWork work(SagaDefinition<?> definition, SagaState state, Instant now) {
        return new TransitionWork(definition, state, now, codec, ids);
    }

    // ---- forward

    /** Starts whatever the first unfinished stage still has pending; completes the saga after the last. */
    static void advance(TransitionWork work) {
        if (work.status() != SagaStatus.RUNNING) {
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

    private static @Nullable String onReply(TransitionWork work, ReplyMessage reply) {
        if (!work.definition.hasStep(reply.step())) {
            return ignore(work, null, reply.attempt(), "reply " + reply.messageId() + " names unknown step '"
                    + reply.step() + "'");
        }
        StepState state = work.step(reply.step());
        StepDefinition<Object> step = work.definitionOf(reply.step());
        if (!((reply.compensation() ? step.compensation() : step.action()) instanceof RemoteCall)) {
            return ignore(work, reply.step(), reply.attempt(), "reply " + reply.messageId() + " names step '"
                    + reply.step() + "', whose " + (reply.compensation() ? "compensation" : "action")
                    + " is local and expects no reply");
        }
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
        boolean lateSuccess = reply.outcome() == ReplyOutcome.SUCCESS && awaitsForward(state, reply.attempt());
        if (!lateSuccess && (state.phase() != StepStatus.RUNNING || state.attempt() != reply.attempt())) {
            return ignore(work, reply.step(), reply.attempt(), "late reply " + reply.messageId()
                    + " (step is " + state.phase() + ", attempt " + state.attempt() + ")");
        }
        if (reply.outcome() == ReplyOutcome.FAILURE) {
            boolean retriable = step.role() == StepRole.RETRIABLE;
            attemptFailed(work, reply.step(), "failure reply: " + reply.failureReason(), retriable);
            return null;
        }
        try {
            applyReply(work, reply);
        } catch (RuntimeException e) {
            // The participant did the work even though its reply is unusable: it must be undone.
            work.put(work.step(reply.step()).withOutcomeUnknown());
            stepFailed(work, reply.step(), "its reply could not be applied: " + e);
            return null;
        }
        succeeded(work, reply.step(), null);
        return null;
    }

    /**
     * Whether a success reply to forward attempt {@code attempt} still counts: the step is still waiting
     * for this or a later attempt. Commands keep one idempotency key across attempts, so an earlier
     * attempt's success is the step's success.
     */
    private static boolean awaitsForward(StepState state, int attempt) {
        return (state.phase() == StepStatus.RUNNING || state.phase() == StepStatus.WAITING_RETRY)
                && attempt >= 1 && attempt <= state.attempt();
    }

    private static boolean awaitsCompensation(StepState state, int attempt) {
        return (state.phase() == StepStatus.COMPENSATING || state.phase() == StepStatus.COMPENSATION_WAITING_RETRY)
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

    private static @Nullable String onLocalFinished(TransitionWork work, SagaEvent.LocalFinished finished) {
        if (!work.definition.hasStep(finished.step())) {
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
            succeeded(work, finished.step(), null);
        } else {
            boolean transientFailure = finished.outcome() == SagaEvent.LocalOutcome.FAILED_TRANSIENT;
            if (transientFailure) {
                // It threw part-way: whatever it did before throwing may have taken effect.
                work.put(state.withOutcomeUnknown());
            }
            boolean retriable = transientFailure || work.definitionOf(finished.step()).role() == StepRole.RETRIABLE;
            attemptFailed(work, finished.step(), String.valueOf(finished.error()), retriable);
        }
        return null;
    }

    private static void setDataIfPresent(TransitionWork work, @Nullable String data) {
        if (data != null) {
            work.setEncodedData(data);
        }
    }

    private static void succeeded(TransitionWork work, String stepName, @Nullable String detail) {
        StepState state = work.step(stepName);
        work.put(state.withPhase(StepStatus.SUCCEEDED, null));
        work.record(stepName, state.attempt(), TimelineKind.STEP_SUCCEEDED, detail);
        advance(work);
    }

    /** An attempt failed; retry if allowed and {@code retriable}, otherwise the step fails for good. */
    static void attemptFailed(TransitionWork work, String stepName, String error, boolean retriable) {
        StepDefinition<Object> step = work.definitionOf(stepName);
        StepState state = work.step(stepName).withError(error);
        work.put(state);
        if (retriable && step.retry().allowsAttemptAfter(state.attempt())) {
            int next = state.attempt() + 1;
            Instant at = work.now.plus(step.retry().delayBefore(next));
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

    // ---- timers

    private static @Nullable String onWakeUp(TransitionWork work) {
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

    private static void enforceDeadline(TransitionWork work) {
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
                    work.record(state.name(), state.attempt(), TimelineKind.STEP_TIMED_OUT, "no reply within "
                            + step.timeout());
                    attemptFailed(work, state.name(), "timed out after " + step.timeout(), true);
                } else if (state.leaseExpiries() < MAX_LEASE_EXPIRIES) {
                    // The node running it may have died: run the same attempt again, same idempotency key.
                    work.put(state.leaseRenewed(work.now.plus(step.timeout())));
                    work.record(state.name(), state.attempt(), TimelineKind.LEASE_EXPIRED, "running it again");
                    work.runLocally(state.name(), state.attempt(), false);
                } else {
                    work.put(state.withOutcomeUnknown());
                    work.record(state.name(), state.attempt(), TimelineKind.STEP_TIMED_OUT, "lease expired "
                            + (MAX_LEASE_EXPIRIES + 1) + " times");
                    attemptFailed(work, state.name(), "did not finish within " + step.timeout() + ", "
                            + (MAX_LEASE_EXPIRIES + 1) + " times", true);
                }
            }
            case WAITING_RETRY -> startAttempt(work, state.name(), state.attempt() + 1);
            case COMPENSATING -> CompensationRules.timerFired(work, state);
            case COMPENSATION_WAITING_RETRY ->
                    CompensationRules.startAttempt(work, state.name(), state.compensationAttempt() + 1);
            default -> work.put(state.withPhase(state.phase(), null));
        }
    }

    // ---- admin

    private static @Nullable String onCancel(TransitionWork work, String reason) {
        if (work.status() != SagaStatus.RUNNING) {
            return "saga is already " + work.status();
        }
        if (work.pastPointOfNoReturn()) {
            return "saga has passed its pivot and can no longer be cancelled";
        }
        work.record(null, 0, TimelineKind.CANCEL_REQUESTED, reason);
        CompensationRules.begin(work, "cancelled: " + reason);
        return null;
    }

    private static String ignore(TransitionWork work, @Nullable String step, int attempt, String why) {
        work.record(step, attempt, TimelineKind.MESSAGE_IGNORED, why);
        return why;
    }
}
