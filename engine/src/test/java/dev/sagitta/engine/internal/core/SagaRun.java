package dev.sagitta.engine.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Drives one saga through the pure state machine: keeps its current state and a virtual clock,
 * plays the participants' replies and local results back as events, and remembers everything the
 * machine asked for. Every transition is checked against the status table on the way.
 *
 * @param <D> the saga data type
 */
final class SagaRun<D> {

    static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    /** One status change a transition made, possibly passing through others on the way. */
    record StatusChange(SagaStatus from, SagaStatus to) {
    }

    private final SagaDefinition<D> definition;
    private final JacksonPayloadCodec codec = new JacksonPayloadCodec();
    private final SagaStateMachine machine;
    private int nextMessageId;
    private int nextReplyId;
    private Instant now = T0;
    private SagaState state;
    private Transition last;
    private final List<Transition> transitions = new ArrayList<>();
    private final List<OutgoingCommand> sent = new ArrayList<>();
    private final List<LocalTask> tasks = new ArrayList<>();
    private final List<StatusChange> statusChanges = new ArrayList<>();

    private SagaRun(SagaDefinition<D> definition, D data) {
        this.definition = definition;
        this.machine = new SagaStateMachine(codec, () -> "msg-" + (++nextMessageId));
        SagaEvent.Start start = new SagaEvent.Start("saga-1", definition.name(), definition.version(),
                codec.encode(data), "corr-1", "tenant-a", "booking-42");
        this.state = null;
        record(SagaStatus.RUNNING, machine.start(definition, start, now));
    }

    static <D> SagaRun<D> start(SagaDefinition<D> definition, D data) {
        return new SagaRun<>(definition, data);
    }

    // ---- time

    /** Moves the virtual clock forward. */
    SagaRun<D> after(Duration elapsed) {
        now = now.plus(elapsed);
        return this;
    }

    /** Delivers a wake-up at the current virtual time. */
    Transition wakeUp() {
        return apply(new SagaEvent.WakeUp());
    }

    /** Moves the clock to the saga's stored wake-up time and delivers the wake-up. */
    Transition wakeUpWhenDue() {
        now = Objects.requireNonNull(last.wakeAt(), "the saga has no wake-up time");
        return wakeUp();
    }

    // ---- events

    Transition apply(SagaEvent event) {
        SagaStatus before = state.status();
        return record(before, machine.apply(definition, state, event, now));
    }

    Transition cancel(String reason) {
        return apply(new SagaEvent.Cancel(reason));
    }

    /** The participant of {@code step}'s latest forward command succeeds, with no reply body. */
    Transition succeed(String step) {
        return reply(ReplyMessage.success(message(lastCommand(step, false)), replyId(), "reply.ok", null, now));
    }

    /** The participant of {@code step}'s latest forward command succeeds, replying {@code body}. */
    Transition succeed(String step, Object body) {
        return succeed(lastCommand(step, false), body);
    }

    Transition succeed(OutgoingCommand command, Object body) {
        return reply(ReplyMessage.success(message(command), replyId(), "reply.ok", codec.encode(body), now));
    }

    /** The participant of {@code step}'s latest forward command refuses it. */
    Transition fail(String step, String reason) {
        return fail(lastCommand(step, false), reason);
    }

    Transition fail(OutgoingCommand command, String reason) {
        return reply(ReplyMessage.failure(message(command), replyId(), "reply.failed", reason, now));
    }

    /** The participant of {@code step}'s latest forward command fails it with {@code errorCode}. */
    Transition failWithCode(String step, String errorCode, String reason) {
        return reply(ReplyMessage.failure(message(lastCommand(step, false)), replyId(), "reply.failed", errorCode,
                reason, now));
    }

    /** The participant confirms {@code step}'s latest compensation command. */
    Transition compensated(String step) {
        return reply(ReplyMessage.success(message(lastCommand(step, true)), replyId(), "reply.ok", null, now));
    }

    /** The participant refuses {@code step}'s latest compensation command. */
    Transition compensationFails(String step, String reason) {
        return fail(lastCommand(step, true), reason);
    }

    Transition reply(ReplyMessage reply) {
        return apply(new SagaEvent.ReplyReceived(reply));
    }

    /** The latest local run of {@code step} returned {@code newData}. */
    Transition localSucceeds(String step, @Nullable D newData) {
        LocalTask task = lastTask(step, false);
        return apply(new SagaEvent.LocalFinished(step, task.attempt(), false, SagaEvent.LocalOutcome.SUCCEEDED,
                newData == null ? null : codec.encode(newData), null));
    }

    /** The latest local run of {@code step} threw. */
    Transition localFails(String step, SagaEvent.LocalOutcome outcome, String error) {
        LocalTask task = lastTask(step, false);
        return apply(new SagaEvent.LocalFinished(step, task.attempt(), false, outcome, null, error));
    }

    /** The latest local compensation of {@code step} finished. */
    Transition localCompensationFinished(String step, SagaEvent.LocalOutcome outcome) {
        LocalTask task = lastTask(step, true);
        return apply(new SagaEvent.LocalFinished(step, task.attempt(), true, outcome, null,
                outcome == SagaEvent.LocalOutcome.SUCCEEDED ? null : "boom"));
    }

    // ---- what the machine asked for

    /** The latest command ever emitted for {@code step} (forward, or its compensation). */
    OutgoingCommand lastCommand(String step, boolean compensation) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            OutgoingCommand command = sent.get(i);
            if (command.step().equals(step) && command.compensation() == compensation) {
                return command;
            }
        }
        throw new AssertionError("no " + (compensation ? "compensation " : "") + "command was sent for " + step
                + "; sent: " + sent);
    }

    LocalTask lastTask(String step, boolean compensation) {
        for (int i = tasks.size() - 1; i >= 0; i--) {
            LocalTask task = tasks.get(i);
            if (task.step().equals(step) && task.compensation() == compensation) {
                return task;
            }
        }
        throw new AssertionError("no local task was asked for " + step + "; asked: " + tasks);
    }

    /** Every command emitted so far, in order. */
    List<OutgoingCommand> allCommands() {
        return List.copyOf(sent);
    }

    List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    List<StatusChange> statusChanges() {
        return List.copyOf(statusChanges);
    }

    // ---- reading the state

    SagaState state() {
        return state;
    }

    Transition last() {
        return last;
    }

    Instant now() {
        return now;
    }

    SagaStatus status() {
        return state.status();
    }

    StepState step(String name) {
        return state.step(name).orElseThrow();
    }

    StepStatus phase(String name) {
        return step(name).phase();
    }

    @SuppressWarnings("unchecked")
    D data() {
        return (D) codec.decode(state.data(), definition.dataType());
    }

    /** The kinds of the timeline entries the last transition appended. */
    List<TimelineKind> timeline() {
        return last.timeline().stream().map(TimelineEntry::kind).toList();
    }

    /** Every timeline entry so far. */
    List<TimelineEntry> fullTimeline() {
        return transitions.stream().flatMap(t -> t.timeline().stream()).toList();
    }

    CommandMessage message(OutgoingCommand command) {
        return new CommandMessage(command.messageId(), command.messageType(), state.sagaId(), state.sagaType(),
                command.step(), command.attempt(), command.compensation(), command.participant(), command.payload(),
                state.correlationId(), state.tenantId(), now);
    }

    String replyId() {
        return "reply-" + (++nextReplyId);
    }

    // ---- bookkeeping

    private Transition record(SagaStatus before, Transition transition) {
        checkStatusPath(before, transition);
        checkNeverSilentlyStuck(transition);
        last = transition;
        state = transition.state();
        transitions.add(transition);
        sent.addAll(transition.commands());
        tasks.addAll(transition.localTasks());
        return transition;
    }

    /** DESIGN.md: every non-terminal saga has a wake-up time (each outstanding message has a timeout). */
    private static void checkNeverSilentlyStuck(Transition transition) {
        SagaState next = transition.state();
        if (next.status().isTerminal()) {
            assertThat(transition.wakeAt()).as("a terminal saga needs no wake-up").isNull();
        } else {
            assertThat(transition.wakeAt()).as("wake-up of a %s saga: %s", next.status(), next.steps()).isNotNull();
        }
        boolean deadlineActed = transition.timeline().stream().anyMatch(e -> e.kind() == TimelineKind.DEADLINE_PASSED);
        if (!transition.accepted() && !deadlineActed) {
            assertThat(transition.commands()).as("commands of a rejected event").isEmpty();
            assertThat(transition.localTasks()).as("local tasks of a rejected event").isEmpty();
        }
    }

    /** Replays the statuses the transition went through (from its timeline) against the declared table. */
    private void checkStatusPath(SagaStatus before, Transition transition) {
        SagaStatus current = before;
        for (TimelineEntry entry : transition.timeline()) {
            SagaStatus next = switch (entry.kind()) {
                case COMPENSATION_STARTED -> SagaStatus.COMPENSATING;
                case SAGA_COMPLETED -> SagaStatus.COMPLETED;
                case SAGA_COMPENSATED -> SagaStatus.COMPENSATED;
                case SAGA_FAILED -> SagaStatus.FAILED;
                // An operator takes a FAILED saga on: back to compensating, or to running forward.
                case SAGA_RESUMED -> entry.detail() != null && entry.detail().startsWith("compensating")
                        ? SagaStatus.COMPENSATING : SagaStatus.RUNNING;
                case SAGA_RESOLVED -> SagaStatus.RESOLVED;
                default -> current;
            };
            if (next != current) {
                assertThat(SagaStatusTransitions.isAllowed(current, next))
                        .as("status change %s -> %s (%s)", current, next, entry)
                        .isTrue();
                statusChanges.add(new StatusChange(current, next));
                current = next;
            }
        }
        assertThat(transition.state().status())
                .as("the status the timeline leads to")
                .isEqualTo(current);
    }
}
