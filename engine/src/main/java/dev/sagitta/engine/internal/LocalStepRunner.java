package dev.sagitta.engine.internal;

import dev.sagitta.dsl.LocalCall;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepAction;
import dev.sagitta.dsl.StepContext;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.StepFailedException;
import dev.sagitta.engine.internal.core.LocalTask;
import dev.sagitta.engine.internal.core.SagaEvent;
import dev.sagitta.engine.internal.core.SagaEvent.LocalOutcome;
import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.TaskExecutor;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local steps and local compensations after the transition that started them committed,
 * outside any transaction, and feeds the result back as an event. The step's lease is its timer in
 * the store: if this node dies, another runs the same attempt again. Thread-safe.
 *
 * <p>A step with a {@link StepDefinition#timeLimit() time limit} runs under a Resilience4j
 * {@link TimeLimiter} whose timeout is scheduled on the engine's executor (so on the engine's clock):
 * when it fires first, the attempt fails with {@link ErrorCodes#TIMEOUT} and the function's thread
 * is interrupted; whatever the function returns after that is dropped.
 */
final class LocalStepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStepRunner.class);

    private final TaskExecutor executor;
    private final TaskScheduler timeouts;
    private final PayloadCodec codec;
    private final BiConsumer<String, SagaEvent> results;

    /**
     * @param executor  runs the local functions
     * @param timeouts  where time limits are scheduled: the engine's own executor
     */
    LocalStepRunner(TaskExecutor executor, TaskExecutor timeouts, PayloadCodec codec,
            BiConsumer<String, SagaEvent> results) {
        this.executor = executor;
        this.timeouts = new TaskScheduler(timeouts);
        this.codec = codec;
        this.results = results;
    }

    void run(SagaDefinition<?> definition, SagaState state, LocalTask task) {
        Duration limit = definition.step(task.step()).timeLimit();
        if (limit == null) {
            executor.execute(() -> results.accept(state.sagaId(), execute(definition, state, task)));
        } else {
            executor.execute(() -> runLimited(definition, state, task, limit));
        }
    }

    /** Runs the function on this thread, with the time limiter's timeout armed as it starts. */
    private void runLimited(SagaDefinition<?> definition, SagaState state, LocalTask task, Duration limit) {
        CompletableFuture<SagaEvent> finished = new CompletableFuture<>();
        FutureTask<Void> function = new FutureTask<>(() -> {
            try {
                finished.complete(execute(definition, state, task));
            } catch (Throwable error) {
                // An Error from the function must not wait out the limit and pass for a timeout.
                finished.completeExceptionally(error);
            }
        }, null);
        TimeLimiter limiter = TimeLimiter.of(definition.name() + "/" + task.step(),
                TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build());
        limiter.executeCompletionStage(timeouts, () -> finished).whenComplete((event, failure) -> {
            if (failure == null) {
                results.accept(state.sagaId(), event);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof TimeoutException)) {
                LOG.error("Local {} {} of saga {} failed with an error", task.compensation() ? "compensation of step"
                        : "step", task.step(), state.sagaId(), cause);
                results.accept(state.sagaId(), finished(task, LocalOutcome.FAILED_TRANSIENT, null, cause.toString(),
                        ErrorCodes.UNEXPECTED));
                return;
            }
            function.cancel(true);
            LOG.warn("Local {} {} of saga {} was cut off after its time limit of {}",
                    task.compensation() ? "compensation of step" : "step", task.step(), state.sagaId(), limit);
            results.accept(state.sagaId(), finished(task, LocalOutcome.FAILED_TRANSIENT, null,
                    "cut off after its time limit of " + limit, ErrorCodes.TIMEOUT));
        });
        function.run();
        // A cut-off leaves this pool thread interrupted; the next task must not inherit that.
        Thread.interrupted();
    }

    @SuppressWarnings("unchecked")
    private SagaEvent execute(SagaDefinition<?> definition, SagaState state, LocalTask task) {
        StepDefinition<Object> step = (StepDefinition<Object>) definition.step(task.step());
        StepAction<Object> action = task.compensation() ? step.compensation() : step.action();
        if (!(action instanceof LocalCall<Object> local)) {
            return finished(task, LocalOutcome.FAILED_BUSINESS, null, "step has no local function to run", null);
        }
        Context context = new Context(state.sagaId(), task.step(), task.attempt(), task.compensation());
        try {
            Object data = codec.decode(state.data(), definition.dataType());
            Object result = local.action().run(data, context);
            return finished(task, LocalOutcome.SUCCEEDED, result == null ? null : codec.encode(result), null, null);
        } catch (StepFailedException e) {
            return finished(task, LocalOutcome.FAILED_BUSINESS, null, e.getMessage(), e.code());
        } catch (Exception e) {
            LOG.debug("Local step {} of saga {} threw", task.step(), state.sagaId(), e);
            return finished(task, LocalOutcome.FAILED_TRANSIENT, null, e.toString(), ErrorCodes.of(e));
        }
    }

    private static SagaEvent finished(LocalTask task, LocalOutcome outcome, @Nullable String data,
            @Nullable String error, @Nullable String errorCode) {
        return new SagaEvent.LocalFinished(task.step(), task.attempt(), task.compensation(), outcome, data, error,
                errorCode);
    }

    private record Context(String sagaId, String stepName, int attempt, boolean compensating) implements StepContext {
    }
}
