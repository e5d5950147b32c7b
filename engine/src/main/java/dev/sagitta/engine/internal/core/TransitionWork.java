package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.StepStatus;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepAction;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.StepRole;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mutable working copy of one transition: the rules change it, then {@link #finish} freezes it
 * into a {@link Transition}. Lives for one event on one thread.
 */
final class TransitionWork {

    final SagaDefinition<Object> definition;
    final Instant now;
    final CircuitGate gate;
    private final SagaState original;
    private final PayloadCodec codec;
    private final IdGenerator ids;

    private SagaStatus status;
    private String data;
    private final Map<String, StepState> steps = new LinkedHashMap<>();
    private final List<String> compensationPlan;
    private @Nullable Instant deadlineAt;
    private int historySeq;
    private @Nullable String reason;
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<OutgoingCommand> commands = new ArrayList<>();
    private final List<LocalTask> localTasks = new ArrayList<>();
    private final List<CallOutcome> calls = new ArrayList<>();

    @SuppressWarnings("unchecked")
    TransitionWork(SagaDefinition<?> definition, SagaState state, Instant now, PayloadCodec codec, IdGenerator ids,
            CircuitGate gate) {
        this.definition = (SagaDefinition<Object>) definition;
        this.original = state;
        this.now = now;
        this.codec = codec;
        this.ids = ids;
        this.gate = gate;
        this.status = state.status();
        this.data = state.data();
        state.steps().forEach(s -> steps.put(s.name(), s));
        this.compensationPlan = new ArrayList<>(state.compensationPlan());
        this.deadlineAt = state.deadlineAt();
        this.historySeq = state.historySeq();
        this.reason = state.reason();
    }

    // ---- reading

    String sagaId() {
        return original.sagaId();
    }

    SagaStatus status() {
        return status;
    }

    StepState step(String name) {
        StepState step = steps.get(name);
        if (step == null) {
            throw new IllegalStateException("saga " + original.sagaId() + " has no state for step '" + name + "'");
        }
        return step;
    }

    /**
     * True if the saga has step {@code name}: one of its definition's, or, in an open saga, one
     * enlisted so far.
     */
    boolean hasStep(String name) {
        return steps.containsKey(name) && definition.hasStep(name);
    }

    StepDefinition<Object> definitionOf(String stepName) {
        return definition.step(stepName);
    }

    List<StepState> stepsInOrder() {
        return List.copyOf(steps.values());
    }

    List<String> compensationPlan() {
        return compensationPlan;
    }

    @Nullable Instant deadlineAt() {
        return deadlineAt;
    }

    Object decodedData() {
        return codec.decode(data, definition.dataType());
    }

    Object decode(String payload, Class<?> type) {
        return codec.decode(payload, type);
    }

    /** True once a step that cannot be undone has started: from then on the saga only goes forward. */
    boolean pastPointOfNoReturn() {
        for (StepState state : steps.values()) {
            // A step held back by an open breaker before its first attempt has not started.
            boolean started = state.phase() != StepStatus.PENDING
                    && !(state.phase() == StepStatus.WAITING_CIRCUIT && state.attempt() == 0);
            if (started && definitionOf(state.name()).role() != StepRole.COMPENSATABLE) {
                return true;
            }
        }
        return false;
    }

    // ---- writing

    void put(StepState state) {
        steps.put(state.name(), state);
    }

    void setStatus(SagaStatus newStatus) {
        SagaStatusTransitions.check(status, newStatus);
        status = newStatus;
        if (newStatus.isTerminal()) {
            steps.replaceAll((name, s) -> s.timerAt() == null ? s : s.withPhase(s.phase(), null));
        }
    }

    void setData(Object newData) {
        data = codec.encode(newData);
    }

    void setEncodedData(String encoded) {
        data = encoded;
    }

    void setReason(String why) {
        reason = why;
    }

    void clearDeadline() {
        deadlineAt = null;
    }

    /** Brings the deadline forward to {@code at}, unless it is already sooner. */
    void deadlineNoLaterThan(Instant at) {
        if (deadlineAt == null || at.isBefore(deadlineAt)) {
            deadlineAt = at;
        }
    }

    void record(@Nullable String step, int attempt, TimelineKind kind, @Nullable String detail) {
        timeline.add(new TimelineEntry(++historySeq, step, attempt, kind, detail, now));
    }

    void send(String step, int attempt, boolean compensation, StepAction<Object> action) {
        RemoteCall<Object> remote = (RemoteCall<Object>) action;
        Object command = remote.command().apply(decodedData());
        String payload = codec.encode(command);
        commands.add(new OutgoingCommand(ids.newId(), step, attempt, compensation,
                remote.participant(), remote.commandType(), payload));
    }

    void runLocally(String step, int attempt, boolean compensation) {
        localTasks.add(new LocalTask(step, attempt, compensation));
    }

    void called(CallOutcome outcome) {
        calls.add(outcome);
    }

    Transition finish(@Nullable String rejection) {
        SagaState state = new SagaState(original.sagaId(), original.sagaType(), original.version(), status, data,
                List.copyOf(steps.values()), compensationPlan, deadlineAt, historySeq, reason,
                original.correlationId(), original.tenantId(), original.businessKey(), original.createdAt());
        boolean deadlineApplies = status == SagaStatus.RUNNING && !pastPointOfNoReturn();
        return new Transition(state, state.wakeAt(deadlineApplies), timeline, commands, localTasks, calls,
                rejection);
    }
}
