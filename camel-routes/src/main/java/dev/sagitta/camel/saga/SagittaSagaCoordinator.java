package dev.sagitta.camel.saga;

import dev.sagitta.engine.OpenSagaResult;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;
import org.jspecify.annotations.Nullable;

/**
 * One route saga, as the Saga EIP's processors see it. Holds nothing but the saga id: every call
 * goes to the engine, so a coordinator for the same saga on another node behaves the same.
 * Thread-safe.
 */
final class SagittaSagaCoordinator implements CamelSagaCoordinator {

    private final String sagaId;
    private final SagaEngine engine;
    private final CamelRouteSagas routeSagas;
    private final Supplier<ExecutorService> outcomeWaiters;

    SagittaSagaCoordinator(String sagaId, SagaEngine engine, CamelRouteSagas routeSagas,
            Supplier<ExecutorService> outcomeWaiters) {
        this.sagaId = sagaId;
        this.engine = engine;
        this.routeSagas = routeSagas;
        this.outcomeWaiters = outcomeWaiters;
    }

    @Override
    public String getId() {
        return sagaId;
    }

    @Override
    public CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
        if (step.isEmpty()) {
            // Nothing to store; still, as Camel's in-memory service, no step begins in a saga that ended.
            SagaStatus status = engine.findWithoutTimeline(sagaId).map(saga -> saga.status()).orElse(null);
            return status == SagaStatus.RUNNING ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException("Cannot begin a step of saga " + sagaId
                            + ": saga is " + (status == null ? "unknown" : status)));
        }
        Map<String, Object> options;
        try {
            options = StepOptions.evaluate(exchange, step);
        } catch (IllegalArgumentException badOption) {
            return CompletableFuture.failedFuture(badOption);
        }
        String compensation = step.getCompensation().map(Endpoint::getEndpointUri).orElse(null);
        String completion = step.getCompletion().map(Endpoint::getEndpointUri).orElse(null);
        Duration timeout = step.getTimeoutInMilliseconds().map(Duration::ofMillis).orElse(null);
        return engine.enlistAsync(sagaId, routeSagas.definition(),
                (data, name) -> data.with(new RouteSagaStep(name, compensation, completion, options)),
                completion != null, timeout)
                .thenApply(result -> {
                    if (!result.accepted()) {
                        throw new IllegalStateException("Cannot begin a step of saga " + sagaId + ": "
                                + result.rejection());
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<Void> compensate(Exchange exchange) {
        Exception cause = exchange == null ? null : exchange.getException();
        String reason = "compensation asked by a route" + (cause == null ? "" : " after: " + cause);
        return engine.cancelAsync(sagaId, reason).thenCompose(result -> {
            boolean underWay = result.accepted() || result.status() == SagaStatus.COMPENSATING
                    || result.status() == SagaStatus.COMPENSATED;
            if (!underWay) {
                throw new IllegalStateException("Cannot compensate saga " + sagaId + ": " + describe(result.status(),
                        result.rejection()));
            }
            return outcome(result.status(), SagaStatus.COMPENSATED, "compensate");
        });
    }

    @Override
    public CompletableFuture<Void> complete(Exchange exchange) {
        return engine.closeAsync(sagaId).thenCompose((OpenSagaResult result) -> {
            // Refused while RUNNING means already closing: its confirmations are under way.
            boolean underWay = result.accepted() || result.status() == SagaStatus.RUNNING
                    || result.status() == SagaStatus.COMPLETED;
            if (!underWay) {
                throw new IllegalStateException("Cannot complete saga " + sagaId + ": " + describe(result.status(),
                        result.rejection()));
            }
            return outcome(result.status(), SagaStatus.COMPLETED, "complete");
        });
    }

    /**
     * Done once the decision is committed; when told to wait for the calls, waits off the caller's
     * thread until the saga is terminal, and fails unless it ended {@code expected}.
     */
    private CompletableFuture<Void> outcome(SagaStatus now, SagaStatus expected, String what) {
        Duration wait = routeSagas.waitForCalls();
        if (wait == null && !now.isTerminal()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<SagaStatus> terminal = now.isTerminal() ? CompletableFuture.completedFuture(now)
                : CompletableFuture.supplyAsync(() -> awaitTerminal(wait), outcomeWaiters.get());
        return terminal.thenApply(status -> {
            if (status != expected) {
                throw new RuntimeCamelException("Unable to " + what + " all required steps of the saga " + sagaId
                        + ": it is " + status + reasonOf());
            }
            return null;
        });
    }

    private SagaStatus awaitTerminal(Duration wait) {
        try {
            return engine.awaitTermination(sagaId, wait);
        } catch (SagaTimeoutException stillGoing) {
            throw new CompletionException(new RuntimeCamelException("Saga " + sagaId + " is still " + stillGoing
                    .getMessage() + "; its calls go on, as the saga is durable: look it up with SagaEngine.find",
                    stillGoing));
        }
    }

    private String reasonOf() {
        String reason = engine.findWithoutTimeline(sagaId).map(view -> view.reason()).orElse(null);
        return reason == null ? "" : " (" + reason + ")";
    }

    private static String describe(SagaStatus status, @Nullable String rejection) {
        return rejection != null ? rejection : "saga is " + status;
    }
}
