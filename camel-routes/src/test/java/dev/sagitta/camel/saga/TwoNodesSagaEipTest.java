package dev.sagitta.camel.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.QuickSeda;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one application share a PostgreSQL database and nothing else: a saga begun by a route
 * on the first is joined ({@code MANDATORY}) by a route on the second, through the
 * {@code Long-Running-Action} header alone, and completed there.
 */
class TwoNodesSagaEipTest {

    private final PostgresTestDatabase server = PostgresTestDatabase.create();
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** One process of the application: its own engine, CamelContext and connection pool. */
    private final class Node {
        final String name;
        final SagaDatabase database = server.openSagaDatabase();
        final CamelCommandTransport transport = CamelCommandTransport.builder().build();
        final SagaEngine engine;
        final CamelContext camel = QuickSeda.stopQuickly(transport.camelContext());

        Node(String name) throws Exception {
            this.name = name;
            CamelRouteSagas routeSagas = CamelRouteSagas.create();
            engine = SagaEngine.builder().store(database.store()).transport(transport)
                    .register(routeSagas.definition()).pollInterval(Duration.ofMillis(100)).build();
            engine.start();
            camel.addService(routeSagas.service(engine));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:order").saga().completionMode(SagaCompletionMode.MANUAL)
                            .completion("direct:confirm-order").compensation("direct:cancel-order")
                            .setBody(header(Exchange.SAGA_LONG_RUNNING_ACTION));
                    from("direct:ship").saga().propagation(SagaPropagation.MANDATORY)
                            .completion("direct:confirm-shipping")
                            .to("saga:complete");
                    for (String endpoint : List.of("confirm-order", "cancel-order", "confirm-shipping")) {
                        from("direct:" + endpoint).process(exchange -> calls.add(endpoint + " on " + Node.this.name
                                + " for " + exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)));
                    }
                }
            });
            nodes.add(this);
        }
    }

    @AfterEach
    void stop() {
        for (Node node : nodes) {
            node.engine.close();
            node.transport.close();
            node.database.close();
        }
        server.close();
    }

    @Test
    void a_saga_begun_on_one_node_is_joined_and_completed_on_the_other() throws Exception {
        Node first = new Node("node-1");
        Node second = new Node("node-2");
        String sagaId = first.camel.createProducerTemplate().requestBody("direct:order", "", String.class);

        second.camel.createProducerTemplate().sendBodyAndHeader("direct:ship", "", Exchange.SAGA_LONG_RUNNING_ACTION,
                sagaId);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> first.engine.find(sagaId).orElseThrow().status() == SagaStatus.COMPLETED);
        assertThat(calls).containsExactly("confirm-shipping on node-2 for " + sagaId,
                "confirm-order on node-2 for " + sagaId);
        assertThat(first.engine.find(sagaId).orElseThrow().steps()).extracting(step -> step.name())
                .containsExactly("step-1", "step-1.complete", "step-2", "step-2.complete");
    }
}
