package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.OperatorActionResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StartOptions;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Calls the harness's engine as an application would: a call that a planned crash interrupts is
 * made again on the next engine, and with a crash planned a start without a business key is given
 * one ({@code harness-start-N}) so the retry cannot start a second saga. Each call runs the engine
 * until it has nothing left to do now.
 *
 * <p>Used on the harness's one thread.
 */
final class RetryingClient {

    private static final int RETRIES = 3;

    private final RestartingEngine engines;
    private final ManualTaskExecutor executor;
    private final boolean crashPlanned;
    private int generatedKeys;

    RetryingClient(RestartingEngine engines, ManualTaskExecutor executor, FaultPlan plan) {
        this.engines = engines;
        this.executor = executor;
        this.crashPlanned = plan.crashPoint() != null;
    }

    <D> SagaHandle start(SagaDefinition<D> definition, D data, StartOptions options) {
        StartOptions sent = crashPlanned && options.businessKey() == null
                ? options.withBusinessKey("harness-start-" + (++generatedKeys))
                : options;
        return call("start", () -> engines.current().startSagaAsync(definition, data, sent));
    }

    /** Starts a saga of {@code definition} with data whose type is checked only now. */
    @SuppressWarnings("unchecked")
    <D> SagaHandle startUnchecked(SagaDefinition<D> definition, Object data) {
        if (!definition.dataType().isInstance(data)) {
            throw new IllegalArgumentException(definition.key() + " takes " + definition.dataType().getName()
                    + " data, not " + data.getClass().getName());
        }
        return start(definition, (D) data, StartOptions.none());
    }

    CancelResult cancel(String sagaId, String reason) {
        return call("cancel", () -> engines.current().cancelAsync(sagaId, reason));
    }

    OperatorActionResult retryNow(String sagaId, String step, String operator, String reason) {
        return call("retryNow", () -> engines.current().retryNowAsync(sagaId, step, operator, reason));
    }

    OperatorActionResult forceCompensation(String sagaId, String operator, String reason) {
        return call("forceCompensation", () -> engines.current().forceCompensationAsync(sagaId, operator, reason));
    }

    OperatorActionResult skipStep(String sagaId, String step, @Nullable Object result, String operator, String reason) {
        return call("skipStep", () -> engines.current().skipStepAsync(sagaId, step, result, operator, reason));
    }

    OperatorActionResult markResolved(String sagaId, String operator, String reason) {
        return call("markResolved", () -> engines.current().markResolvedAsync(sagaId, operator, reason));
    }

    CancelResult cancel(String sagaId, String operator, String reason) {
        return call("cancel", () -> engines.current().cancelAsync(sagaId, operator, reason));
    }

    private <T> T call(String what, Supplier<CompletableFuture<T>> call) {
        for (int attempt = 1; ; attempt++) {
            int before = engines.lives();
            CompletableFuture<T> result = call.get();
            executor.runUntilIdle();
            boolean succeeded = result.isDone() && !result.isCompletedExceptionally();
            if (succeeded || engines.lives() == before || attempt > RETRIES) {
                if (!result.isDone()) {
                    throw new IllegalStateException(what + " did not finish although the engine is idle");
                }
                return result.join();
            }
        }
    }
}
