package dev.sagitta.examples.order;

import static dev.sagitta.examples.order.OrderSaga.INVENTORY;
import static dev.sagitta.examples.order.OrderSaga.NOTIFICATIONS;
import static dev.sagitta.examples.order.OrderSaga.PAYMENTS;
import static dev.sagitta.examples.order.OrderSaga.SHIPPING;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.examples.order.OrderMessages.PaymentAuthorized;
import dev.sagitta.examples.order.OrderMessages.ShipmentCreated;
import dev.sagitta.examples.order.OrderMessages.StockReserved;
import dev.sagitta.testing.ParticipantScript;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The order-fulfilment saga's world in harness tests: its four services, each doing whatever it is
 * asked unless a test scripts it otherwise.
 */
final class OrderWorld {

    /** Virtual time, so a generous timeout costs nothing. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    static final String CUSTOMER = "grace";
    /** Two books at 24.99: 49 loyalty points. */
    static final Order TWO_BOOKS = Order.place("o-42", CUSTOMER, List.of(new OrderLine("BOOK-7", 2)), 49_98);
    static final int POINTS_FOR_TWO_BOOKS = 49;

    static final String RESERVATION = "R-1";
    static final String PAYMENT = "P-1";
    static final String SHIPMENT = "S-1";

    private OrderWorld() {
    }

    /** Every service says yes. */
    static SagaTestHarness.Builder everyServiceSaysYes(SagaDefinition<Order> order) {
        return where(order, Map.of());
    }

    /** Every service says yes, except {@code service}, which answers as scripted here. */
    static SagaTestHarness.Builder where(SagaDefinition<Order> order, String service, Consumer<ParticipantScript> script) {
        return where(order, Map.of(service, script));
    }

    /** Every service says yes, except those scripted otherwise here. */
    static SagaTestHarness.Builder where(SagaDefinition<Order> order, Map<String, Consumer<ParticipantScript>> scripts) {
        Map<String, Consumer<ParticipantScript>> all = new LinkedHashMap<>();
        all.put(INVENTORY, stock -> stock.on("order.stock.reserve", Reply.success(new StockReserved(RESERVATION))));
        all.put(PAYMENTS, payments -> payments.on("order.payment.authorize", Reply.success(new PaymentAuthorized(PAYMENT))));
        all.put(SHIPPING, shipping -> shipping.on("order.shipment.create", Reply.success(new ShipmentCreated(SHIPMENT))));
        all.put(NOTIFICATIONS, notifications -> notifications.on("order.customer.notify", Reply.success()));
        all.putAll(scripts);
        SagaTestHarness.Builder builder = SagaTestHarness.builder().register(order).idPrefix("order");
        all.forEach(builder::participant);
        return builder;
    }

    /** The order definition a harness registers, to start orders from inside an exploration. */
    @SuppressWarnings("unchecked")
    static SagaDefinition<Order> orderOf(SagaTestHarness harness) {
        return (SagaDefinition<Order>) harness.definition("order-fulfilment", 1)
                .orElseThrow(() -> new IllegalStateException("the harness does not register the order saga"));
    }
}
