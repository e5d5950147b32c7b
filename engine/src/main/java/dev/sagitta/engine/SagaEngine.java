package dev.sagitta.engine;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.internal.EngineRuntime;
import dev.sagitta.engine.internal.EventOutcome;
import dev.sagitta.engine.internal.core.SagaEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The saga engine: starts sagas, moves them by their events, and keeps every transition in the
 * store before anything leaves the process.
 *
 * <p>Thread-safe. Build it with {@link #builder()}, call {@link #start()} once, and {@link #close()}
 * when done. Several engines (nodes) may share one database.
 *
 * <pre>{@code
 * try (SagaEngine engine = SagaEngine.builder()
 *         .store(store)
 *         .transport(transport)
 *         .register(TripSaga.DEFINITION)
 *         .build()) {
 *     engine.start();
 *     SagaHandle trip = engine.startSaga(TripSaga.DEFINITION, new Trip("Lisbon", 3));
 *     SagaStatus status = trip.awaitTermination(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class SagaEngine implements AutoCloseable {

    private final EngineRuntime runtime;

    SagaEngine(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    public static SagaEngineBuilder builder() {
        return new SagaEngineBuilder();
    }

    /**
     * Checks the store, then starts consuming replies and polling for due wake-ups.
     *
     * @throws UnregisteredDefinitionException if the store holds unfinished sagas of a definition
     *                                         version this engine does not register
     */
    public void start() {
        runtime.start();
    }

    /** Starts a saga and returns once its first transition has committed. */
    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data) {
        return startSaga(definition, data, StartOptions.none());
    }

    /**
     * Starts a saga and returns once its first transition has committed. With a business key that
     * was used before for this saga type, returns the existing saga instead
     * ({@link SagaHandle#alreadyExisted()}).
     *
     * <p>When fewer than {@link SagaEngineBuilder#concurrentBatches concurrentBatches} batches are
     * running, the calling thread commits the start itself, in a batch with whatever else waits to
     * be committed, and sends the commands of that batch (but those that other waiting callers send
     * themselves) before this returns: that saves waking an engine thread and then the caller.
     * Otherwise it waits for a batch of the engine's to commit the start, and as a rule then sends
     * the saga's first commands itself before this returns, beside the other callers of that batch. {@link #startSagaAsync} always leaves the work to the engine's threads.
     */
    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data, StartOptions options) {
        // The caller waits anyway: it may commit the start itself rather than wait for an engine thread.
        return join(runtime.startOnCallingThread(definition, data, options).thenApply(this::handleOf));
    }

    /** Starts a saga; the future completes once its first transition has committed. */
    public <D> CompletableFuture<SagaHandle> startSagaAsync(SagaDefinition<D> definition, D data,
            StartOptions options) {
        return runtime.start(definition, data, options).thenApply(this::handleOf);
    }

    private SagaHandle handleOf(EventOutcome started) {
        return new SagaHandle(started.sagaId(), this, !started.applied());
    }

    /** A handle on an existing saga (not checked until used). */
    public SagaHandle handle(String sagaId) {
        return new SagaHandle(sagaId, this, true);
    }

    /** The saga as it stands now, read from the store. */
    public Optional<SagaView> find(String sagaId) {
        return runtime.find(sagaId);
    }

    /**
     * The saga as {@link #find} gives it, but without its timeline ({@link SagaView#timeline()} is
     * empty): one read of the store, for callers that only need its status, data or steps.
     */
    public Optional<SagaView> findWithoutTimeline(String sagaId) {
        return runtime.find(sagaId, false);
    }

    /** Ids of up to {@code limit} sagas still RUNNING or COMPENSATING, oldest first. */
    public java.util.List<String> unfinishedSagaIds(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return runtime.unfinishedSagaIds(limit);
    }

    /**
     * Finds up to {@code limit} sagas that are not terminal yet do not seem to move: with no wake-up
     * time, so neither a timer nor a timeout will ever touch them, or with no transition for longer
     * than {@code noProgressFor}. An open saga (one that enlists its steps) waiting with no wake-up
     * for its next step or its close is normal: it counts only once it has had no transition for
     * {@code noProgressFor}. Each one found is also logged at WARN with its id. Least recently moved
     * first.
     *
     * @param noProgressFor how long without a transition counts as stalled; choose it longer than
     *                      the longest step timeout or retry delay, or slow sagas are reported too
     */
    public List<StalledSaga> findStalled(Duration noProgressFor, int limit) {
        if (noProgressFor == null || noProgressFor.isNegative() || noProgressFor.isZero()) {
            throw new IllegalArgumentException("noProgressFor must be positive, was " + noProgressFor);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return runtime.findStalled(noProgressFor, limit);
    }

    /**
     * Asks a running saga to stop and compensate what it did. Refused once the saga has started its
     * pivot (it can then only go forward) or has finished.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public CancelResult cancel(String sagaId, String reason) {
        return join(cancelAsync(sagaId, reason));
    }

    /**
     * Operator action: runs the step's next attempt now, or its compensation's next attempt. Works
     * while the step waits for a scheduled retry, and on a FAILED saga whose compensation of this
     * step ran out of attempts (the saga compensates again, then goes on with the rest of its plan)
     * or whose retriable step did. A step waiting for its circuit breaker asks the breaker again, and
     * keeps waiting while it stays open. Recorded in the saga's timeline with {@code operator} and
     * {@code reason}.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public OperatorActionResult retryNow(String sagaId, String step, String operator, String reason) {
        return join(retryNowAsync(sagaId, step, operator, reason));
    }

    /** Like {@link #retryNow}; the future completes once the action has committed. */
    public CompletableFuture<OperatorActionResult> retryNowAsync(String sagaId, String step, String operator,
            String reason) {
        return operate(sagaId, SagaEvent.OperatorAction.Action.RETRY_NOW, requireText(step, "step"), operator, reason,
                null);
    }

    /**
     * Operator action: stops the saga going forward and compensates what it did, even past its pivot,
     * or from FAILED when nothing is left to compensate yet (a pivot whose outcome is unknown and
     * that the operator found did not happen, or a retriable step that cannot succeed). Recorded in
     * the saga's timeline with {@code operator} and {@code reason}.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public OperatorActionResult forceCompensation(String sagaId, String operator, String reason) {
        return join(forceCompensationAsync(sagaId, operator, reason));
    }

    /** Like {@link #forceCompensation}; the future completes once the action has committed. */
    public CompletableFuture<OperatorActionResult> forceCompensationAsync(String sagaId, String operator,
            String reason) {
        return operate(sagaId, SagaEvent.OperatorAction.Action.FORCE_COMPENSATION, null, operator, reason, null);
    }

    /**
     * Operator action: counts a step as done without it, with {@code result} as what it produced.
     * For a step going forward (running, waiting for a retry, or the retriable step or doubtful pivot
     * that left the saga FAILED), the saga goes on as if the step had succeeded: {@code result} is
     * what its reply would have carried (a remote step with a reply mapping) or the saga data it
     * would have returned (a local step), or null to leave the saga data as it is. For a step being
     * compensated (or whose compensation left the saga FAILED), its compensation counts as done and
     * the saga undoes the rest; {@code result} must then be null. A command already sent is not
     * withdrawn: the participant may still act on it, and its answer is ignored, so skip a running
     * remote step once you know what the participant did. Recorded in the saga's timeline with
     * {@code operator} and {@code reason}.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public OperatorActionResult skipStep(String sagaId, String step, @Nullable Object result, String operator,
            String reason) {
        return join(skipStepAsync(sagaId, step, result, operator, reason));
    }

    /** Like {@link #skipStep}; the future completes once the action has committed. */
    public CompletableFuture<OperatorActionResult> skipStepAsync(String sagaId, String step, @Nullable Object result,
            String operator, String reason) {
        return operate(sagaId, SagaEvent.OperatorAction.Action.SKIP_STEP, requireText(step, "step"), operator, reason,
                result == null ? null : runtime.encode(result));
    }

    /**
     * Operator action: closes a FAILED saga as {@link SagaStatus#RESOLVED}, once the operator has
     * settled by hand whatever it had left (its steps and its list of compensations still to run stay
     * as they were, for the record). Recorded in the saga's timeline with {@code operator} and
     * {@code reason}.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public OperatorActionResult markResolved(String sagaId, String operator, String reason) {
        return join(markResolvedAsync(sagaId, operator, reason));
    }

    /** Like {@link #markResolved}; the future completes once the action has committed. */
    public CompletableFuture<OperatorActionResult> markResolvedAsync(String sagaId, String operator, String reason) {
        return operate(sagaId, SagaEvent.OperatorAction.Action.MARK_RESOLVED, null, operator, reason, null);
    }

    /**
     * Operator action: {@link #cancel(String, String) cancels} the saga, and records in its timeline
     * who asked and why.
     *
     * @throws UnknownSagaException if there is no such saga
     */
    public CancelResult cancel(String sagaId, String operator, String reason) {
        return join(cancelAsync(sagaId, operator, reason));
    }

    /** Like {@link #cancel(String, String, String)}; the future completes once the request has committed. */
    public CompletableFuture<CancelResult> cancelAsync(String sagaId, String operator, String reason) {
        return operate(sagaId, SagaEvent.OperatorAction.Action.CANCEL, null, operator, reason, null)
                .thenApply(result -> new CancelResult(result.accepted(), result.status(), result.rejection()));
    }

    private CompletableFuture<OperatorActionResult> operate(String sagaId, SagaEvent.OperatorAction.Action action,
            @Nullable String step, String operator, String reason, @Nullable String data) {
        SagaEvent.OperatorAction event = new SagaEvent.OperatorAction(action, step, requireText(operator, "operator"),
                requireText(reason, "reason"), data);
        return runtime.operate(requireText(sagaId, "sagaId"), event).thenApply(outcome -> {
            if (outcome.status() == null) {
                throw new UnknownSagaException(sagaId);
            }
            return new OperatorActionResult(outcome.applied(), outcome.status(), outcome.rejection());
        });
    }

    private static String requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank: say which " + name
                    + (name.equals("reason") ? " (it goes into the saga's audit trail)" : ""));
        }
        return value;
    }

    /** Like {@link #cancel(String, String)}; the future completes once the request has committed. */
    public CompletableFuture<CancelResult> cancelAsync(String sagaId, String reason) {
        return runtime.cancel(sagaId, reason).thenApply(outcome -> {
            if (outcome.status() == null) {
                throw new UnknownSagaException(sagaId);
            }
            return new CancelResult(outcome.applied(), outcome.status(), outcome.rejection());
        });
    }

    /**
     * Enlists work done outside the engine as the next step of an open saga (one whose definition
     * has {@link dev.sagitta.dsl.SagaDefinitionBuilder#enlistedSteps enlisted steps}), in one
     * transaction. The step is named {@code step-n} (see {@link dev.sagitta.dsl.EnlistedSteps});
     * {@code addToData} records in the saga data what the step's completion and compensation need,
     * and must be pure (it may be applied again if the transaction is retried). Refused unless the
     * saga is open, running and not yet closed; a refused step is not part of the saga, so whatever
     * work it stands for is the caller's to undo.
     *
     * @param completes true if the step is to be confirmed (its completion run) when the saga closes
     * @param timeout   if not null, the saga is compensated unless closed within it (its deadline
     *                  moves forward to now + timeout if that is sooner)
     * @return completes once committed
     * @throws UnknownSagaException in the future, if there is no such saga
     */
    public <D> CompletableFuture<OpenSagaResult> enlistAsync(String sagaId, SagaDefinition<D> definition,
            BiFunction<D, String, D> addToData, boolean completes, @Nullable Duration timeout) {
        Objects.requireNonNull(addToData, "addToData");
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (!definition.isOpen()) {
            throw new IllegalArgumentException("saga " + definition.key() + " is not open: define it with"
                    + " enlistedSteps(...) to enlist steps in it");
        }
        @SuppressWarnings("unchecked")
        BiFunction<Object, String, Object> untyped = (data, step) -> addToData.apply((D) data, step);
        SagaEvent.Enlist enlist = new SagaEvent.Enlist(definition.key(), untyped, completes, timeout);
        return openSagaResult(sagaId, runtime.enlist(requireText(sagaId, "sagaId"), definition, enlist));
    }

    /**
     * Closes an open saga, in one transaction: from then on its enlisted steps' completions run, last
     * enlisted first, each retried by the definition's policy, and the saga completes after the last
     * (or is FAILED if one runs out of attempts). Refused unless the saga is open, running and not yet
     * closed.
     *
     * @return completes once committed
     * @throws UnknownSagaException in the future, if there is no such saga
     */
    public CompletableFuture<OpenSagaResult> closeAsync(String sagaId) {
        return openSagaResult(sagaId, runtime.close(requireText(sagaId, "sagaId")));
    }

    private static CompletableFuture<OpenSagaResult> openSagaResult(String sagaId,
            CompletableFuture<EventOutcome> outcome) {
        return outcome.thenApply(applied -> {
            if (applied.status() == null) {
                throw new UnknownSagaException(sagaId);
            }
            return new OpenSagaResult(applied.applied(), applied.status(), applied.rejection());
        });
    }

    /**
     * Waits until the saga is terminal (finished here or on another node) and returns its status.
     *
     * @throws SagaTimeoutException if it is still running after {@code timeout}
     */
    public SagaStatus awaitTermination(String sagaId, Duration timeout) {
        return runtime.awaitTermination(sagaId, timeout);
    }

    /**
     * The participants' circuit breakers made so far (one per participant called, if breakers are
     * configured), for their state, metrics and events ({@code getEventPublisher()}).
     */
    public CircuitBreakerRegistry circuitBreakers() {
        return runtime.circuitBreakers();
    }

    /** Looks for due wake-ups and unsent outbox rows now, instead of at the next poll. */
    public void pollNow() {
        runtime.pollOnce();
    }

    /** Stops polling and consuming; sagas in flight stay in the store and resume on the next start. */
    @Override
    public void close() {
        runtime.close();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
