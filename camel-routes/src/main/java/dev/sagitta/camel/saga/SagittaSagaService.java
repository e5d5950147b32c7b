package dev.sagitta.camel.saga;

import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.StartOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.service.ServiceSupport;
import org.jspecify.annotations.Nullable;

/**
 * A Camel saga service whose sagas are durable Sagitta sagas: routes that use the Saga EIP
 * ({@code .saga()}) keep their sagas, their steps' completion and compensation endpoints and option
 * values, and their timeouts in the engine's store, so a restart forgets nothing, and any node on
 * the same database can join a saga by its {@code Long-Running-Action} header. Created by
 * {@link CamelRouteSagas#service}; add it to the CamelContext with {@code addService}.
 *
 * <p>Each new saga, step, completion and compensation is one transaction. Completion and
 * compensation endpoints are called by the engine after that transaction, last step first, each
 * under a lease and retried (see {@link CamelRouteSagas}, which also says how to make a route wait
 * for them). The sagas are
 * ordinary Sagitta sagas of type {@value CamelRouteSagas#SAGA_TYPE}: find, watch and act on them
 * through the {@link SagaEngine}.
 *
 * <p>Thread-safe.
 */
public final class SagittaSagaService extends ServiceSupport implements CamelSagaService {

    private final SagaEngine engine;
    private final CamelRouteSagas routeSagas;
    private @Nullable CamelContext camelContext;
    private volatile @Nullable ExecutorService outcomeWaiters;

    SagittaSagaService(SagaEngine engine, CamelRouteSagas routeSagas) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.routeSagas = Objects.requireNonNull(routeSagas, "routeSagas");
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public @Nullable CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    protected void doStart() {
        CamelContext camel = Objects.requireNonNull(camelContext, "add the service to a CamelContext before starting it");
        routeSagas.bind(camel);
        outcomeWaiters = camel.getExecutorServiceManager().newCachedThreadPool(this, "SagittaSagaOutcome");
    }

    @Override
    protected void doStop() {
        ExecutorService waiters = outcomeWaiters;
        if (waiters != null && camelContext != null) {
            camelContext.getExecutorServiceManager().shutdownNow(waiters);
        }
        outcomeWaiters = null;
        if (camelContext != null) {
            routeSagas.unbind(camelContext);
        }
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        return engine.startSagaAsync(routeSagas.definition(), RouteSagaData.empty(), StartOptions.none())
                .thenApply(handle -> coordinator(handle.id()));
    }

    /**
     * The saga {@code id} if it is a route saga, from this node or any other on the same database,
     * whatever its status (a finished one then refuses new steps, as Camel's in-memory service
     * does); null if there is no such route saga.
     */
    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String id) {
        try {
            boolean routeSaga = engine.findWithoutTimeline(id)
                    .filter(saga -> saga.sagaType().equals(CamelRouteSagas.SAGA_TYPE)).isPresent();
            return CompletableFuture.completedFuture(routeSaga ? coordinator(id) : null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Nothing to do: a step's endpoints and options are stored when it begins. */
    @Override
    public void registerStep(CamelSagaStep step) {
    }

    /** The engine the sagas run on. */
    public SagaEngine engine() {
        return engine;
    }

    private CamelSagaCoordinator coordinator(String sagaId) {
        return new SagittaSagaCoordinator(sagaId, engine, routeSagas, this::outcomeWaiters);
    }

    private ExecutorService outcomeWaiters() {
        ExecutorService waiters = outcomeWaiters;
        if (waiters == null) {
            throw new IllegalStateException("the SagittaSagaService is not started");
        }
        return waiters;
    }
}
