package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaTimeoutException;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StalledSaga;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.StepView;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.UnregisteredDefinitionException;
import dev.sagitta.engine.internal.core.LocalTask;
import dev.sagitta.engine.internal.core.SagaEvent;
import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.internal.core.SagaStateMachine;
import dev.sagitta.engine.internal.core.StepState;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import dev.sagitta.engine.spi.SagaRecord;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the shell around the state machine: the transition processor, outbox dispatch, local step
 * runner, wake-up poller and termination waiters. Thread-safe.
 */
public final class EngineRuntime {

    /** How many sagas' latest records a node keeps, to skip the read before their next transition. */
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);
    private static final int CACHED_SAGAS = 10_000;
    /** Sent outbox rows wait at most this long for a batch to delete them with; well inside the grace. */
    private static final Duration MAX_ACK_FLUSH_DELAY = Duration.ofSeconds(1);

    private final EngineConfig config;
    private final DefinitionRegistry registry;
    private final TransitionProcessor processor;
    private final OutboxDispatcher dispatcher;
    private final SagaSendOrder sendOrder;
    private final LocalStepRunner localSteps;
    private final WakeUpPoller poller;
    private final TerminationWaiters waiters = new TerminationWaiters();
    private final ProgressCodec progress = new ProgressCodec();

    public EngineRuntime(EngineConfig config) {
        this.config = config;
        this.registry = new DefinitionRegistry(config.definitions());
        SagaStateMachine machine = new SagaStateMachine(config.codec(), config.ids(), config.breakers());
        BatchApplier applier = new BatchApplier(config.store(), registry, machine, config.outboxGrace(),
                CACHED_SAGAS);
        Duration ackFlushDelay = config.outboxGrace().dividedBy(2).compareTo(MAX_ACK_FLUSH_DELAY) < 0
                ? config.outboxGrace().dividedBy(2) : MAX_ACK_FLUSH_DELAY;
        this.processor = new TransitionProcessor(config.store(), applier, config.clock(), config.executor(),
                config.batchSize(), config.concurrentBatches(), ackFlushDelay, this::committed);
        this.dispatcher = new OutboxDispatcher(config.transport(), processor::dispatched);
        this.sendOrder = new SagaSendOrder(dispatcher::send, config.executor());
        this.localSteps = new LocalStepRunner(config.localStepExecutor(), config.executor(), config.codec(),
                commitsLocalResultsInline(config) ? processor::submitAndRun : processor::submit);
        this.poller = new WakeUpPoller(config.store(), processor, dispatcher, config.clock(), config.executor(),
                config.pollInterval(), config.claimLease(), config.pollLimit());
    }

    /**
     * Whether the thread that ran a local step commits its result: it has nothing left to do, which
     * saves waking another. Only on the engine's own threads; an executor the caller gave for local
     * steps runs user code and nothing else, as its builder method promises.
     */
    private static boolean commitsLocalResultsInline(EngineConfig config) {
        return config.ownsLocalExecutor() || config.localStepExecutor() == config.executor();
    }

    public DefinitionRegistry registry() {
        return registry;
    }

    /** Checks the store holds no unfinished saga of an unregistered version, then starts consuming and polling. */
    public void start() {
        registry.requireAll(config.store().unfinishedTypeVersions());
        config.transport().start(new Replies());
        poller.start();
    }

    public void close() {
        poller.stop();
        // Transport first: replies in hand finish against a running processor, and no new ones come.
        config.transport().close();
        processor.close();
        config.breakers().close();
        if (config.ownsLocalExecutor()) {
            config.localStepExecutor().close();
        }
        if (config.ownsExecutor()) {
            config.executor().close();
        }
    }

    public CompletableFuture<EventOutcome> start(SagaDefinition<?> definition, Object data, StartOptions options) {
        SagaEvent.Start start = startEvent(definition, data, options);
        return processor.submit(start.sagaId(), start, definition);
    }

    /** As {@link #start}, for a caller that waits for the result: the calling thread may commit it. */
    public CompletableFuture<EventOutcome> startOnCallingThread(SagaDefinition<?> definition, Object data,
            StartOptions options) {
        SagaEvent.Start start = startEvent(definition, data, options);
        return processor.submitRunOrWait(start.sagaId(), start, definition);
    }

    private SagaEvent.Start startEvent(SagaDefinition<?> definition, Object data, StartOptions options) {
        registry.requireRegistered(definition);
        return new SagaEvent.Start(config.ids().newId(), definition.name(), definition.version(),
                config.codec().encode(data), options.correlationId(), options.tenantId(), options.businessKey());
    }

    public CompletableFuture<EventOutcome> operate(String sagaId, SagaEvent.OperatorAction action) {
        return processor.submit(sagaId, action);
    }

    /** Enlists a step in an open saga; {@code definition} must be registered. */
    public CompletableFuture<EventOutcome> enlist(String sagaId, SagaDefinition<?> definition, SagaEvent.Enlist enlist) {
        registry.requireRegistered(definition);
        return processor.submit(sagaId, enlist);
    }

    public CompletableFuture<EventOutcome> close(String sagaId) {
        return processor.submit(sagaId, new SagaEvent.Close());
    }

    /** A value as the engine's codec writes it into the store. */
    public String encode(Object value) {
        return config.codec().encode(value);
    }

    public CompletableFuture<EventOutcome> cancel(String sagaId, String reason) {
        return processor.submit(sagaId, new SagaEvent.Cancel(reason));
    }

    /**
     * Where the transport hands replies in; completes after the reply's transition committed, or
     * with {@link UnknownSagaException} if the store holds no such saga.
     */
    public CompletionStage<Void> receive(ReplyMessage reply) {
        sendOrder.delivered(reply.sagaId(), reply.causationId());
        return unknownIfNoSaga(reply, processor.submit(reply.sagaId(), new SagaEvent.ReplyReceived(reply)));
    }

    private static CompletionStage<Void> unknownIfNoSaga(ReplyMessage reply, CompletableFuture<EventOutcome> applied) {
        return applied.thenApply(outcome -> {
            if (outcome.status() == null) {
                throw new UnknownSagaException(reply.sagaId());
            }
            return null;
        });
    }

    /** The transport's way in; a caller that waits for the reply anyway may run its batch itself. */
    private final class Replies implements ReplySink {

        @Override
        public CompletionStage<Void> accept(ReplyMessage reply) {
            return receive(reply);
        }

        @Override
        public CompletionStage<Void> acceptOnCallingThread(ReplyMessage reply) {
            sendOrder.delivered(reply.sagaId(), reply.causationId());
            return unknownIfNoSaga(reply, processor.submitRunOrWait(reply.sagaId(), new SagaEvent.ReplyReceived(reply)));
        }
    }

    public CircuitBreakerRegistry circuitBreakers() {
        return config.breakers().registry();
    }

    /** Polls the store for due sagas and stale outbox rows once, now. */
    public void pollOnce() {
        poller.pollOnce();
    }

    public List<StalledSaga> findStalled(Duration noProgressFor, int limit) {
        Instant now = config.clock().now();
        List<StalledSaga> stalled = new ArrayList<>();
        Instant cutoff = now.minus(noProgressFor);
        for (SagaRecord saga : config.store().stalledSagas(cutoff, limit)) {
            if (saga.wakeAt() == null && !saga.updatedAt().isBefore(cutoff) && isOpen(saga)) {
                // An open saga waits for its next enlistment or its close, with no timer unless it has a timeout.
                continue;
            }
            String why = saga.wakeAt() == null
                    ? "it has no wake-up time, so no timer or timeout will move it"
                    : "no transition since " + saga.updatedAt() + ", more than " + noProgressFor + " ago"
                            + " (next wake-up " + saga.wakeAt() + ")";
            LOG.warn("Saga {} ({}, {}) is stalled: {}", saga.sagaId(), saga.sagaType(), saga.status(), why);
            stalled.add(new StalledSaga(saga.sagaId(), saga.sagaType(), saga.status(), saga.updatedAt(),
                    saga.wakeAt(), why));
        }
        return stalled;
    }

    private boolean isOpen(SagaRecord saga) {
        try {
            return registry.get(saga.sagaType(), saga.sagaVersion()).isOpen();
        } catch (UnregisteredDefinitionException unknown) {
            return false;
        }
    }

    public List<String> unfinishedSagaIds(int limit) {
        return config.store().unfinishedSagaIds(limit);
    }

    public Optional<SagaView> find(String sagaId) {
        return find(sagaId, true);
    }

    /** @param withTimeline false to skip reading the timeline: the view's is then empty */
    public Optional<SagaView> find(String sagaId, boolean withTimeline) {
        Map<String, SagaRecord> loaded = config.store().load(List.of(sagaId));
        SagaRecord record = loaded.get(sagaId);
        if (record == null) {
            return Optional.empty();
        }
        SagaState state = progress.toState(record);
        List<StepView> steps = new ArrayList<>();
        for (StepState step : state.steps()) {
            steps.add(new StepView(step.name(), step.phase(), step.attempt(), step.compensationAttempt(),
                    step.lastError()));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (HistoryRecord entry : withTimeline ? config.store().history(sagaId) : List.<HistoryRecord>of()) {
            timeline.add(new TimelineEntry(entry.seq(), entry.step(), entry.attempt(), entry.kind(), entry.detail(),
                    entry.at()));
        }
        return Optional.of(new SagaView(record.sagaId(), record.sagaType(), record.sagaVersion(), record.status(),
                record.data(), state.reason(), steps, timeline, record.wakeAt(), record.correlationId(),
                record.tenantId(), record.businessKey(), record.createdAt(), record.updatedAt(), config.codec()));
    }

    /**
     * Blocks the caller until the saga is terminal on any node. What this node knows answers first
     * (a saga it just finished, or one it holds unfinished); otherwise, and every poll interval
     * after that, the store does, so a saga finished by another node is seen too.
     */
    public SagaStatus awaitTermination(String sagaId, Duration timeout) {
        CompletableFuture<SagaStatus> reached = waiters.register(sagaId);
        try {
            long deadline = config.clock().monotonicNanos() + timeout.toNanos();
            boolean trustLocalKnowledge = true;
            while (true) {
                SagaStatus finishedHere = waiters.finishedHere(sagaId);
                if (finishedHere != null) {
                    return finishedHere;
                }
                boolean runningHere = trustLocalKnowledge && processor.holdsUnfinished(sagaId);
                SagaStatus status = runningHere ? SagaStatus.RUNNING : currentStatus(sagaId);
                if (status.isTerminal()) {
                    return status;
                }
                trustLocalKnowledge = false;
                long remaining = deadline - config.clock().monotonicNanos();
                if (remaining <= 0) {
                    throw new SagaTimeoutException(sagaId, timeout, status);
                }
                try {
                    return reached.get(Math.min(remaining, config.pollInterval().toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // Not finished on this node yet; another node may have finished it: look again.
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for saga " + sagaId, e);
                }
            }
        } finally {
            waiters.forget(sagaId, reached);
        }
    }

    private SagaStatus currentStatus(String sagaId) {
        SagaRecord record = config.store().load(List.of(sagaId)).get(sagaId);
        if (record == null) {
            throw new UnknownSagaException(sagaId);
        }
        return record.status();
    }

    /**
     * While the batch still holds the sagas: records the calls for the breakers, starts local steps
     * (a hand-off to their executor, which does not wait) and takes each transition's place in its
     * saga's send order. Done here, they keep the order of the saga's transitions: a later transition
     * could otherwise cancel a local step before it was even started. The sends, and the waiters of
     * sagas that ended, are left for later: one piece of work per transition, run by the caller that
     * waits for it, or else by the batch's thread after the batch let the sagas go.
     */
    private List<Runnable> committed(List<AppliedTransition> applied) {
        List<Runnable> work = new ArrayList<>(applied.size());
        for (AppliedTransition transition : applied) {
            List<CommandMessage> commands = transition.commands();
            SagaSendOrder.@Nullable Sends sends = null;
            try {
                sends = commands.isEmpty() ? null : sendOrder.reserve(transition.state().sagaId(), commands);
            } catch (RuntimeException e) {
                // Nothing was reserved: the relay sends the committed commands; the other transitions go on.
                LOG.warn("Could not order the sends of saga {}; the outbox relay will send them",
                        transition.state().sagaId(), e);
            }
            SagaSendOrder.@Nullable Sends reserved = sends;
            work.add(() -> afterCommit(transition, reserved));
            try {
                config.breakers().record(transition.transition().calls());
                for (LocalTask task : transition.transition().localTasks()) {
                    localSteps.run(transition.definition(), transition.state(), task);
                }
            } catch (RuntimeException | Error e) {
                // Committed work is safe: leases re-run local steps. Caught here, whatever it was, so the
                // sends reserved for this batch still go out and no saga's later sends wait for good.
                LOG.warn("Post-commit work of saga {} failed; the wake-up poller will catch up",
                        transition.state().sagaId(), e);
            }
        }
        return work;
    }

    private void afterCommit(AppliedTransition transition, SagaSendOrder.@Nullable Sends sends) {
        if (sends != null) {
            // Never skipped: a place reserved and not sent would hold the saga's later sends back.
            sendOrder.send(sends);
        }
        SagaStatus status = transition.state().status();
        if (status.isTerminal()) {
            try {
                waiters.reached(transition.state().sagaId(), status);
            } catch (RuntimeException e) {
                LOG.warn("Could not tell the waiters of saga {} that it ended", transition.state().sagaId(), e);
            }
        }
    }
}
