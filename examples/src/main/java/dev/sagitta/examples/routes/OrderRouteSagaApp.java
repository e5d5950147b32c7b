package dev.sagitta.examples.routes;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.saga.CamelRouteSagas;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.persistence.SagaDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link OrderRoutes}, a saga written with Camel's Saga EIP, on Sagitta's durable saga service
 * with the embedded H2 database: each order's saga, its steps' endpoints and options, and what is
 * left to confirm or undo are in the database, so a crash loses nothing. Prints what each endpoint
 * did and each saga's status and timeline as the engine stored it.
 */
@Command(name = "order-route-saga", mixinStandardHelpOptions = true,
        description = "An order saga written with Camel's .saga() routes, made durable by Sagitta.")
public final class OrderRouteSagaApp implements Callable<Integer> {

    @Option(names = "--orders", description = "How many orders to place (default: ${DEFAULT-VALUE}).")
    int orders = 2;

    @Option(names = "--fail", split = ",", description = "Steps that refuse every order: credit, shipping.")
    Set<String> failing = Set.of();

    @Option(names = "--data-dir", description = "Where the embedded H2 database lives (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("sagitta-route-data");

    private final PrintStream out;

    OrderRouteSagaApp(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OrderRouteSagaApp(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (String step : failing) {
            if (!Set.of("credit", "shipping").contains(step)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--fail takes credit and/or shipping, was '" + step + "'");
            }
        }
        CamelRouteSagas routeSagas = CamelRouteSagas.create();
        OrderRoutes routes = new OrderRoutes(failing);
        try (SagaDatabase database = SagaDatabase.embeddedH2(dataDir);
             CamelCommandTransport transport = CamelCommandTransport.builder().build();
             SagaEngine engine = SagaEngine.builder().store(database.store()).transport(transport)
                     .register(routeSagas.definition()).build()) {
            engine.start();
            CamelContext camel = transport.camelContext();
            camel.addService(routeSagas.service(engine));
            camel.addRoutes(routes);
            Map<String, String> sagaIds = placeOrders(camel.createProducerTemplate());
            boolean allAsExpected = true;
            SagaStatus expected = failing.isEmpty() ? SagaStatus.COMPLETED : SagaStatus.COMPENSATED;
            for (Map.Entry<String, String> order : sagaIds.entrySet()) {
                // A route returns once its saga's outcome is committed; the engine then makes the calls.
                SagaStatus status = engine.awaitTermination(order.getValue(), Duration.ofSeconds(30));
                out.println(order.getKey() + " (saga " + order.getValue() + "): " + status);
                routes.log().stream().filter(line -> line.startsWith(order.getKey() + ":"))
                        .forEach(line -> out.println("  " + line));
                out.print(engine.find(order.getValue()).orElseThrow().timelineText());
                allAsExpected &= status == expected;
            }
            out.println(allAsExpected ? "All " + sagaIds.size() + " sagas " + expected : "Some sagas are not " + expected);
            return allAsExpected ? 0 : 1;
        }
    }

    /** Places the orders; returns each order's saga id. */
    private Map<String, String> placeOrders(ProducerTemplate template) {
        Map<String, String> sagaIds = new LinkedHashMap<>();
        for (int n = 1; n <= orders; n++) {
            String orderId = "order-" + n;
            Exchange placed = template.request("direct:order", exchange -> {
                exchange.getMessage().setHeader("orderId", orderId);
                exchange.getMessage().setHeader("amount", 120);
            });
            String sagaId = placed.getProperty(OrderRoutes.SAGA_ID, String.class);
            out.println(orderId + " (saga " + sagaId + "): " + (placed.getException() == null ? "placed"
                    : "refused: " + placed.getException().getMessage()));
            sagaIds.put(orderId, sagaId);
        }
        return sagaIds;
    }
}
