package dev.sagitta.camel.saga;

import dev.sagitta.dsl.EnlistedSteps;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepContext;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.engine.SagaEngine;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.jspecify.annotations.Nullable;

/**
 * The saga definition behind Camel routes that use the Saga EIP ({@code .saga()}) with
 * {@link SagittaSagaService}: an open saga ({@link EnlistedSteps}) of type {@value #SAGA_TYPE},
 * whose enlisted steps call the completion and compensation endpoints the routes named.
 *
 * <p>Register {@link #definition()} with the engine, then add {@link #service(SagaEngine)} to the
 * CamelContext whose routes use {@code .saga()}:
 *
 * <pre>{@code
 * CamelRouteSagas routeSagas = CamelRouteSagas.create();
 * SagaEngine engine = SagaEngine.builder().store(database.store()).transport(transport)
 *         .register(routeSagas.definition()).build();
 * camelContext.addService(routeSagas.service(engine));
 * }</pre>
 *
 * <p>Each completion or compensation call is made under a lease ({@code callTimeout}, after which it
 * is made again) and retried with {@code callRetry}; once a call runs out of attempts the saga is
 * FAILED, with the calls still to make in its steps, for an operator. The calls go through the
 * CamelContext of the service that is started; until one is, they fail and are retried.
 *
 * <p>A route's completion or compensation returns once the decision is committed, as with Camel's
 * in-memory service, which makes its calls after the route has moved on; with
 * {@link Builder#waitForCalls} it waits until the calls were made instead, and fails the exchange if
 * one ran out of attempts.
 *
 * <p>Thread-safe. Defaults: call timeout {@link StepDefinition#DEFAULT_TIMEOUT}, call retry
 * {@link StepDefinition#DEFAULT_COMPENSATION_RETRY} (10 attempts, 1 s doubling up to 1 min), no
 * waiting for the calls.
 */
public final class CamelRouteSagas {

    /** The saga type of Camel route sagas in the store. */
    public static final String SAGA_TYPE = "camel-route-saga";

    /**
     * The header that names the step ({@code step-n}, the n-th step that began in the saga) on each
     * completion and compensation call: with {@code Long-Running-Action}, the key an endpoint makes
     * its work idempotent on, as a call may be made more than once.
     */
    public static final String STEP_HEADER = "SagittaSagaStep";

    private final SagaDefinition<RouteSagaData> definition;
    private final @Nullable Duration waitForCalls;
    private final AtomicReference<@Nullable EndpointCaller> caller = new AtomicReference<>();

    private CamelRouteSagas(Builder builder) {
        this.waitForCalls = builder.waitForCalls;
        this.definition = Saga.define(SAGA_TYPE, RouteSagaData.class)
                .enlistedSteps(steps -> steps.completion(this::complete).compensation(this::compensate)
                        .callTimeout(builder.callTimeout)
                        .completionRetry(builder.callRetry)
                        .compensationRetry(builder.callRetry))
                .build();
    }

    /** With the defaults. */
    public static CamelRouteSagas create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The definition to register with the engine. */
    public SagaDefinition<RouteSagaData> definition() {
        return definition;
    }

    /** A saga service for a CamelContext, on {@code engine}, which must have {@link #definition()} registered. */
    public SagittaSagaService service(SagaEngine engine) {
        return new SagittaSagaService(engine, this);
    }

    /** How long a route's completion or compensation waits for the calls it decided; null: it does not wait. */
    @Nullable Duration waitForCalls() {
        return waitForCalls;
    }

    void bind(CamelContext camel) {
        EndpointCaller bound = new EndpointCaller(camel);
        if (!caller.compareAndSet(null, bound)) {
            EndpointCaller existing = Objects.requireNonNull(caller.get());
            closeQuietly(bound);
            if (existing.camelContext() != camel) {
                throw new IllegalStateException("these Camel route sagas already make their calls through CamelContext '"
                        + existing.camelContext().getName() + "': give each CamelContext an engine and"
                        + " CamelRouteSagas of its own");
            }
        }
    }

    void unbind(CamelContext camel) {
        EndpointCaller bound = caller.get();
        if (bound != null && bound.camelContext() == camel && caller.compareAndSet(bound, null)) {
            closeQuietly(bound);
        }
    }

    private RouteSagaData complete(RouteSagaData data, StepContext context) throws Exception {
        RouteSagaStep step = stepOf(data, context);
        if (step.completion() != null) {
            boundCaller().call(context.sagaId(), step.name(), step.completion(), step.options());
        }
        return data;
    }

    private RouteSagaData compensate(RouteSagaData data, StepContext context) throws Exception {
        RouteSagaStep step = stepOf(data, context);
        if (step.compensation() != null) {
            boundCaller().call(context.sagaId(), step.name(), step.compensation(), step.options());
        }
        return data;
    }

    private static RouteSagaStep stepOf(RouteSagaData data, StepContext context) {
        String name = EnlistedSteps.stepName(EnlistedSteps.numberOf(context.stepName()));
        return data.step(name).orElseThrow(() -> new IllegalStateException("saga " + context.sagaId()
                + " holds no record of its step " + name));
    }

    private EndpointCaller boundCaller() {
        EndpointCaller bound = caller.get();
        if (bound == null) {
            throw new IllegalStateException("no SagittaSagaService is started: add CamelRouteSagas.service(engine)"
                    + " to the CamelContext of the routes, and start it");
        }
        return bound;
    }

    private static void closeQuietly(EndpointCaller caller) {
        try {
            caller.close();
        } catch (Exception ignored) {
            // a producer template that fails to close holds nothing the saga needs
        }
    }

    /** Builds {@link CamelRouteSagas}. Not thread-safe. */
    public static final class Builder {

        private Duration callTimeout = StepDefinition.DEFAULT_TIMEOUT;
        private RetryPolicy callRetry = StepDefinition.DEFAULT_COMPENSATION_RETRY;
        private @Nullable Duration waitForCalls;

        private Builder() {
        }

        /** How long one call to a completion or compensation endpoint may take before it is made again. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /** How a failed call is retried; when it runs out, the saga is FAILED. */
        public Builder callRetry(RetryPolicy retry) {
            this.callRetry = Objects.requireNonNull(retry, "callRetry");
            return this;
        }

        /**
         * Makes a route's completion or compensation wait until the calls it decided were made, up to
         * {@code timeout}: its exchange then fails if a call ran out of attempts, or if the calls are
         * still being retried after {@code timeout} (they go on: the saga is durable). Each waiting
         * route holds a thread of the service's pool meanwhile.
         */
        public Builder waitForCalls(Duration timeout) {
            this.waitForCalls = positive(timeout, "waitForCalls");
            return this;
        }

        public CamelRouteSagas build() {
            return new CamelRouteSagas(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
