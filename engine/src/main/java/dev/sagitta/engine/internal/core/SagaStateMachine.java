package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The pure saga state machine: {@code (definition, state, event, now) -> transition}.
 *
 * <p>No I/O, no clock, no threads: time arrives with the event and ids come from the
 * {@link IdGenerator} it was given, so the same inputs always give the same transition, given the
 * same answers from the {@link CircuitGate} (always closed unless breakers are configured). Thread-safe
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
    private final CircuitGate gate;

    public SagaStateMachine(PayloadCodec codec, IdGenerator ids) {
        this(codec, ids, CircuitGate.ALWAYS_CLOSED);
    }

    /** @param gate asked before each command is sent: an open circuit breaker holds it back */
    public SagaStateMachine(PayloadCodec codec, IdGenerator ids, CircuitGate gate) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.gate = Objects.requireNonNull(gate, "gate");
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
        ForwardRules.advance(work);
        return work.finish(null);
    }

    /** Applies {@code event} to {@code state}. */
    public Transition apply(SagaDefinition<?> definition, SagaState state, SagaEvent event, Instant now) {
        TransitionWork work = work(definition, state, now);
        // The deadline is due whatever event arrives first after it: a reply must not carry the saga past it.
        TimerRules.enforceDeadline(work);
        String rejection;
        if (event instanceof SagaEvent.ReplyReceived received) {
            rejection = MessageRules.onReply(work, received.reply());
        } else if (event instanceof SagaEvent.LocalFinished finished) {
            rejection = MessageRules.onLocalFinished(work, finished);
        } else if (event instanceof SagaEvent.WakeUp) {
            rejection = TimerRules.onWakeUp(work);
        } else if (event instanceof SagaEvent.OperatorAction action) {
            rejection = OperatorRules.apply(work, action);
        } else if (event instanceof SagaEvent.Enlist enlist) {
            rejection = OpenSagaRules.enlist(work, enlist);
        } else if (event instanceof SagaEvent.Close) {
            rejection = OpenSagaRules.close(work);
        } else if (event instanceof SagaEvent.Cancel cancel) {
            rejection = onCancel(work, cancel.reason());
        } else {
            rejection = "saga " + state.sagaId() + " has already started";
        }
        return work.finish(rejection);
    }

    private TransitionWork work(SagaDefinition<?> definition, SagaState state, Instant now) {
        return new TransitionWork(definition, state, now, codec, ids, gate);
    }

    // ---- admin

    private static @Nullable String onCancel(TransitionWork work, String reason) {
        String refusal = CancelRule.refusal(work);
        if (refusal != null) {
            return refusal;
        }
        work.record(null, 0, TimelineKind.CANCEL_REQUESTED, reason);
        CompensationRules.begin(work, "cancelled: " + reason);
        return null;
    }
}
