package dev.sagitta.examples.routes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * An order saga written with Camel's own Saga EIP, nothing Sagitta-specific in it: the order, the
 * customer's credit and the shipping each join the saga with the endpoint that undoes them
 * ({@code compensation}) and the one that confirms them ({@code completion}), and options that
 * those endpoints receive as headers. If shipping (or credit) fails, Camel compensates every step
 * that began, last first; if the route ends well, it completes them, last first.
 *
 * <p>The endpoints here only write what they do into {@link #log()}; a real service would call its
 * systems, idempotently on the {@code Long-Running-Action} header and the step named in
 * {@code CamelRouteSagas.STEP_HEADER}.
 */
public final class OrderRoutes extends RouteBuilder {

    /** The exchange property where the order route keeps its saga's id (Camel drops the header once the saga ends). */
    public static final String SAGA_ID = "orderSagaId";

    private final Set<String> failingSteps;
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** @param failingSteps the steps that refuse every order: {@code credit} and/or {@code shipping} */
    public OrderRoutes(Set<String> failingSteps) {
        this.failingSteps = Set.copyOf(failingSteps);
    }

    /** What the endpoints did, in order: one line per action. */
    public List<String> log() {
        return log;
    }

    @Override
    public void configure() {
        from("direct:order").routeId("order")
                .saga()
                    .compensation("direct:cancel-order").completion("direct:confirm-order")
                    .option("orderId", header("orderId"))
                .setProperty(SAGA_ID, header(Exchange.SAGA_LONG_RUNNING_ACTION))
                .process(exchange -> did(exchange, "order created"))
                .to("direct:credit")
                .to("direct:shipping");

        from("direct:credit").routeId("credit")
                .saga()
                    .compensation("direct:refund-credit").completion("direct:confirm-credit")
                    .option("orderId", header("orderId")).option("amount", header("amount"))
                .process(exchange -> refuseIf("credit", exchange))
                .process(exchange -> did(exchange, "credit reserved: " + exchange.getMessage().getHeader("amount")));

        from("direct:shipping").routeId("shipping")
                .saga()
                    .compensation("direct:cancel-shipping").completion("direct:confirm-shipping")
                    .option("orderId", header("orderId"))
                .process(exchange -> refuseIf("shipping", exchange))
                .process(exchange -> did(exchange, "shipping booked"));

        action("cancel-order", "order cancelled");
        action("confirm-order", "order confirmed");
        action("refund-credit", "credit released");
        action("confirm-credit", "credit charged");
        action("cancel-shipping", "shipping cancelled");
        action("confirm-shipping", "shipping confirmed");
    }

    private void action(String endpoint, String what) {
        from("direct:" + endpoint).routeId(endpoint).process(exchange -> did(exchange, what));
    }

    private void refuseIf(String step, Exchange exchange) {
        if (failingSteps.contains(step)) {
            throw new IllegalStateException(step + " refused order " + exchange.getMessage().getHeader("orderId"));
        }
    }

    private void did(Exchange exchange, String what) {
        log.add(exchange.getMessage().getHeader("orderId") + ": " + what);
    }
}
