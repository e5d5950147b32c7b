package dev.sagitta.camel.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.QuickSeda;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.SagaStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes that use Camel's Saga EIP behave on {@link SagittaSagaService} as on Camel's in-memory
 * service: completion and compensation endpoints are called with the {@code Long-Running-Action}
 * header and the step's options, last step first; the completion modes and propagation modes work;
 * a step's timeout compensates; {@code saga:complete} and {@code saga:compensate} end a saga; a
 * compensated saga does not complete, nor the reverse. And each saga is a Sagitta saga in the store.
 * Run on each store by a subclass.
 */
abstract class SagaEipContract {

    /** A store for one test; closed by {@link #closeStore()}. */
    protected abstract SagaStore openStore();

    protected abstract void closeStore();

    /** One call to an endpoint, as the endpoint saw it. */
    record Call(String endpoint, String sagaId, Map<String, Object> headers) {
    }

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger confirmationFailuresLeft = new AtomicInteger();
    private CamelCommandTransport transport;
    private SagaEngine engine;
    private CamelContext camel;
    private ProducerTemplate template;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (transport != null) {
            transport.close();
        }
        closeStore();
    }

    private void start(RouteBuilder routes) throws Exception {
        start(routes, CamelRouteSagas.builder());
    }

    private void start(RouteBuilder routes, CamelRouteSagas.Builder options) throws Exception {
        CamelRouteSagas routeSagas = options.callRetry(RetryPolicy.fixed(3, Duration.ofMillis(50))).build();
        transport = CamelCommandTransport.builder().build();
        QuickSeda.stopQuickly(transport.camelContext());
        engine = SagaEngine.builder().store(openStore()).transport(transport).register(routeSagas.definition())
                .pollInterval(Duration.ofMillis(100)).build();
        engine.start();
        camel = transport.camelContext();
        camel.addService(routeSagas.service(engine));
        camel.addRoutes(routes);
        camel.addRoutes(endpointsThatRecordCalls());
        template = camel.createProducerTemplate();
    }

    /** direct:{name} endpoints that record each call; direct:flaky-confirm fails while told to. */
    private RouteBuilder endpointsThatRecordCalls() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String name : List.of("cancel-order", "confirm-order", "refund", "confirm-credit", "expired",
                        "inner-done", "outer-done")) {
                    from("direct:" + name).process(exchange -> record(name, exchange));
                }
                from("direct:flaky-confirm").process(exchange -> {
                    if (confirmationFailuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("confirmation service down");
                    }
                    record("flaky-confirm", exchange);
                });
            }
        };
    }

    private void record(String name, Exchange exchange) {
        Map<String, Object> headers = new java.util.TreeMap<>(exchange.getMessage().getHeaders());
        calls.add(new Call(name, exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class),
                headers));
    }

    private List<String> calledEndpoints() {
        return calls.stream().map(Call::endpoint).toList();
    }

    /** The calls a route's completion or compensation decided come after the route returned: wait for them. */
    private void awaitCalls(String... endpoints) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calledEndpoints()).containsExactly(endpoints));
    }

    private void awaitStatus(String sagaId, SagaStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.find(sagaId).orElseThrow().status() == status);
    }

    /** direct:reserve opens a MANUAL saga and answers its id; direct:finish and direct:abandon end it. */
    private static RouteBuilder manualSagaRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL)
                        .compensation("direct:cancel-order").completion("direct:confirm-order")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:finish").to("saga:complete");
                from("direct:abandon").to("saga:compensate");
            }
        };
    }

    /** order: credit inside the order's saga; fails when the body says so. */
    private RouteBuilder orderAndCredit(SagaCompletionMode mode) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order")
                        .saga().completionMode(mode)
                            .compensation("direct:cancel-order").completion("direct:confirm-order")
                            .option("orderId", header("orderId"))
                        .to("direct:credit")
                        .setHeader("sagaId", header(Exchange.SAGA_LONG_RUNNING_ACTION))
                        .filter(body().isEqualTo("fail")).throwException(new IllegalStateException("shipping refused"))
                        .end();
                from("direct:credit")
                        .saga()
                            .compensation("direct:refund").completion("direct:confirm-credit")
                            .option("amount", constant(120)).option("currency", constant("EUR"))
                        .log("credit reserved");
            }
        };
    }

    @Test
    void a_saga_that_ends_well_calls_each_completion_once_last_step_first_with_its_options() throws Exception {
        start(orderAndCredit(SagaCompletionMode.AUTO));

        Exchange done = template.request("direct:order", e -> e.getMessage().setHeader("orderId", "o-17"));

        assertThat(done.getException()).isNull();
        String sagaId = done.getMessage().getHeader("sagaId", String.class);
        awaitCalls("confirm-credit", "confirm-order");
        awaitStatus(sagaId, SagaStatus.COMPLETED);
        assertThat(calls).allSatisfy(call -> assertThat(call.sagaId()).isEqualTo(sagaId));
        assertThat(calls.get(0).headers()).containsEntry("amount", 120).containsEntry("currency", "EUR")
                .containsEntry(CamelRouteSagas.STEP_HEADER, "step-2");
        assertThat(calls.get(1).headers()).containsEntry("orderId", "o-17")
                .containsEntry(CamelRouteSagas.STEP_HEADER, "step-1");
        SagaView saga = engine.find(sagaId).orElseThrow();
        assertThat(saga.sagaType()).isEqualTo(CamelRouteSagas.SAGA_TYPE);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.timeline()).extracting(TimelineEntry::kind).containsSubsequence("SAGA_STARTED",
                "STEP_ENLISTED", "STEP_ENLISTED", "SAGA_CLOSED", "SAGA_COMPLETED");
    }

    @Test
    void a_saga_whose_route_fails_calls_each_compensation_once_last_step_first_and_no_completion() throws Exception {
        start(orderAndCredit(SagaCompletionMode.AUTO));

        Exchange failed = template.request("direct:order", e -> {
            e.getMessage().setHeader("orderId", "o-18");
            e.getMessage().setBody("fail");
        });

        assertThat(failed.getException()).hasMessage("shipping refused");
        awaitCalls("refund", "cancel-order");
        String sagaId = calls.get(0).sagaId();
        assertThat(calls.get(1).headers()).containsEntry("orderId", "o-18");
        awaitStatus(sagaId, SagaStatus.COMPENSATED);
    }

    @Test
    void a_manual_saga_stays_open_until_saga_complete_and_then_cannot_be_compensated() throws Exception {
        start(manualSagaRoutes());
        String sagaId = template.requestBody("direct:reserve", "", String.class);
        SagaView open = engine.find(sagaId).orElseThrow();
        assertThat(open.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(open.timeline()).extracting(TimelineEntry::kind).doesNotContain("SAGA_CLOSED");
        assertThat(open.step("step-1.complete").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
        assertThat(calls).isEmpty();

        template.sendBodyAndHeader("direct:finish", "", Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);

        awaitCalls("confirm-order");
        awaitStatus(sagaId, SagaStatus.COMPLETED);
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:abandon", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Cannot compensate saga " + sagaId + ": saga is already COMPLETED");
        assertThat(calledEndpoints()).containsExactly("confirm-order");
    }

    @Test
    void a_manual_saga_compensated_by_saga_compensate_cannot_complete() throws Exception {
        start(manualSagaRoutes());
        String sagaId = template.requestBody("direct:reserve", "", String.class);

        template.sendBodyAndHeader("direct:abandon", "", Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);

        awaitCalls("cancel-order");
        awaitStatus(sagaId, SagaStatus.COMPENSATED);
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:finish", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Cannot complete saga " + sagaId + ": saga is already COMPENSATED");
        assertThat(calledEndpoints()).containsExactly("cancel-order");
    }

    @Test
    void a_step_timeout_that_passes_before_the_saga_completes_compensates_it() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL).timeout(Duration.ofMillis(300))
                        .compensation("direct:expired").completion("direct:confirm-order")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:finish").to("saga:complete");
            }
        });
        String sagaId = template.requestBody("direct:reserve", "", String.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> calledEndpoints().contains("expired"));

        awaitStatus(sagaId, SagaStatus.COMPENSATED);
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:finish", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Cannot complete saga " + sagaId + ": saga is already COMPENSATED");
        assertThat(calledEndpoints()).containsExactly("expired");
    }

    @Test
    void requires_new_runs_its_own_saga_inside_another_and_completes_it_on_its_own() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:outer").saga().completion("direct:outer-done")
                        .setHeader("outer", header(Exchange.SAGA_LONG_RUNNING_ACTION))
                        .to("direct:inner");
                from("direct:inner").saga().propagation(SagaPropagation.REQUIRES_NEW).completion("direct:inner-done")
                        .setHeader("inner", header(Exchange.SAGA_LONG_RUNNING_ACTION));
            }
        });

        Exchange done = template.request("direct:outer", e -> { });

        String outer = done.getMessage().getHeader("outer", String.class);
        String inner = done.getMessage().getHeader("inner", String.class);
        assertThat(inner).isNotEqualTo(outer);
        // Two sagas, each completed on its own: their calls may come in either order.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls)
                .extracting(Call::endpoint, Call::sagaId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("inner-done", inner),
                        org.assertj.core.groups.Tuple.tuple("outer-done", outer)));
    }

    @Test
    void mandatory_and_never_refuse_the_wrong_context_supports_and_not_supported_follow_it() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:mandatory").saga().propagation(SagaPropagation.MANDATORY).log("joined");
                from("direct:never").saga().propagation(SagaPropagation.NEVER).log("outside");
                from("direct:supports").saga().propagation(SagaPropagation.SUPPORTS)
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:not-supported").saga().propagation(SagaPropagation.NOT_SUPPORTED)
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:in-a-saga").saga().completion("direct:confirm-order")
                        .setHeader("sagaId", header(Exchange.SAGA_LONG_RUNNING_ACTION))
                        .to("direct:never");
            }
        });

        assertThatThrownBy(() -> template.requestBody("direct:mandatory", ""))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(template.requestBody("direct:supports", "", String.class)).isNull();
        assertThat(template.requestBody("direct:not-supported", "", String.class)).isNull();
        Exchange refused = template.request("direct:in-a-saga", e -> { });
        assertThat(refused.getException()).isNotNull();
        String sagaId = refused.getMessage().getHeader("sagaId", String.class);
        awaitStatus(sagaId, SagaStatus.COMPENSATED);
        assertThat(calls).as("the refused saga was compensated, not completed").isEmpty();
    }

    @Test
    void a_failing_completion_is_retried_until_it_is_made_once() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completion("direct:flaky-confirm")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
            }
        });
        confirmationFailuresLeft.set(2);

        String sagaId = template.requestBody("direct:reserve", "", String.class);

        awaitCalls("flaky-confirm");
        awaitStatus(sagaId, SagaStatus.COMPLETED);
        SagaView saga = engine.find(sagaId).orElseThrow();
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.step("step-1.complete").orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    void a_completion_out_of_attempts_leaves_the_saga_failed_for_an_operator() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completion("direct:flaky-confirm")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
            }
        });
        confirmationFailuresLeft.set(3);

        String sagaId = template.requestBody("direct:reserve", "", String.class);

        awaitStatus(sagaId, SagaStatus.FAILED);
        assertThat(engine.find(sagaId).orElseThrow().reason()).contains("step-1.complete", "confirmation service down");
        assertThat(engine.retryNow(sagaId, "step-1.complete", "ops", "confirmation service is back").accepted())
                .isTrue();
        awaitStatus(sagaId, SagaStatus.COMPLETED);
        assertThat(calledEndpoints()).containsExactly("flaky-confirm");
    }

    @Test
    void a_route_told_to_wait_for_its_calls_returns_after_them_and_fails_if_one_runs_out_of_attempts()
            throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completion("direct:flaky-confirm")
                        .setHeader("sagaId", header(Exchange.SAGA_LONG_RUNNING_ACTION));
            }
        }, CamelRouteSagas.builder().waitForCalls(Duration.ofSeconds(20)));

        Exchange done = template.request("direct:reserve", e -> { });
        assertThat(done.getException()).isNull();
        assertThat(calledEndpoints()).as("made before the route returned").containsExactly("flaky-confirm");

        confirmationFailuresLeft.set(3);
        Exchange failed = template.request("direct:reserve", e -> { });

        assertThat(failed.getException()).hasMessageContaining("Unable to complete all required steps of the saga");
        String sagaId = failed.getMessage().getHeader("sagaId", String.class);
        assertThat(engine.find(sagaId).orElseThrow().status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void routes_that_join_by_header_add_their_steps_to_that_saga_and_one_that_names_a_finished_saga_fails()
            throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL)
                        .compensation("direct:cancel-order").setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:supports").saga().propagation(SagaPropagation.SUPPORTS).compensation("direct:refund")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:mandatory").saga().propagation(SagaPropagation.MANDATORY).compensation("direct:refund")
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:not-supported").saga().propagation(SagaPropagation.NOT_SUPPORTED)
                        .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                from("direct:required").saga().compensation("direct:refund").log("joined");
                from("direct:abandon").to("saga:compensate");
            }
        });
        String sagaId = template.requestBody("direct:reserve", "", String.class);

        String supported = template.requestBodyAndHeader("direct:supports", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId, String.class);
        String mandatory = template.requestBodyAndHeader("direct:mandatory", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId, String.class);
        String suspended = template.requestBodyAndHeader("direct:not-supported", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId, String.class);

        assertThat(supported).isEqualTo(sagaId);
        assertThat(mandatory).isEqualTo(sagaId);
        assertThat(suspended).as("outside any saga while NOT_SUPPORTED").isNull();
        assertThat(engine.find(sagaId).orElseThrow().steps()).extracting(step -> step.name())
                .containsExactly("step-1", "step-2", "step-3");
        template.sendBodyAndHeader("direct:abandon", "", Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);
        awaitCalls("refund", "refund", "cancel-order");
        awaitStatus(sagaId, SagaStatus.COMPENSATED);
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:required", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Cannot begin a step of saga " + sagaId + ": saga is already COMPENSATED");
        assertThat(calledEndpoints()).containsExactly("refund", "refund", "cancel-order");
    }

    @Test
    void an_option_whose_value_cannot_be_stored_as_json_fails_the_step_naming_the_option() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().compensation("direct:cancel-order")
                        .option("customer", constant(new Object())).log("never here");
                from("direct:charge").saga().compensation("direct:refund")
                        .option("amount", constant(new java.math.BigDecimal("12.30"))).log("never here");
            }
        });

        Exchange withObject = template.request("direct:reserve", e -> { });
        Exchange withDecimal = template.request("direct:charge", e -> { });

        assertThat(withObject.getException()).hasMessageStartingWith("Saga option 'customer' is a java.lang.Object,"
                + " which cannot be stored as JSON");
        assertThat(withDecimal.getException()).hasMessageStartingWith("Saga option 'amount' is a java.math.BigDecimal,"
                + " which cannot be stored as JSON").hasMessageEndingWith("or a decimal amount as a string");
        assertThat(calls).isEmpty();
    }
}
