package dev.sagitta.examples.order;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.examples.order.OrderMessages.AuthorizePayment;
import dev.sagitta.examples.order.OrderMessages.CancelShipment;
import dev.sagitta.examples.order.OrderMessages.CreateShipment;
import dev.sagitta.examples.order.OrderMessages.NotifyCustomer;
import dev.sagitta.examples.order.OrderMessages.PaymentAuthorized;
import dev.sagitta.examples.order.OrderMessages.ReleaseStock;
import dev.sagitta.examples.order.OrderMessages.ReserveStock;
import dev.sagitta.examples.order.OrderMessages.ShipmentCreated;
import dev.sagitta.examples.order.OrderMessages.StockReserved;
import dev.sagitta.examples.order.OrderMessages.VoidPayment;
import java.time.Duration;
import java.util.Objects;

/**
 * The order-fulfilment saga, {@code "order-fulfilment"}: five steps.
 * <ol>
 *   <li>{@code reserve-stock}: {@code order.stock.reserve} to {@value #INVENTORY}, undone by
 *       {@code order.stock.release};</li>
 *   <li>{@code authorize-payment}: {@code order.payment.authorize} to {@value #PAYMENTS}, undone by
 *       {@code order.payment.void};</li>
 *   <li>{@code award-loyalty-points}: local, through the {@link LoyaltyLedger}, undone by revoking;</li>
 *   <li>{@code create-shipment}: {@code order.shipment.create} to {@value #SHIPPING}, undone by
 *       {@code order.shipment.cancel};</li>
 *   <li>{@code notify-customer}: {@code order.customer.notify} to {@value #NOTIFICATIONS}, retriable.</li>
 * </ol>
 *
 * <p>There is no explicit pivot: the retriable notification is the point of no return. A failure
 * up to the shipment undoes the steps before it, in reverse; once the shipment exists the
 * customer is told, retried until the notification service answers.
 *
 * <p>Stateless and thread-safe; each call to {@link #definition} builds a new immutable definition.
 */
public final class OrderSaga {

    /** The participant that reserves and releases stock. */
    public static final String INVENTORY = "inventory-service";
    /** The participant that authorises and voids payments. */
    public static final String PAYMENTS = "payment-service";
    /** The participant that creates and cancels shipments. */
    public static final String SHIPPING = "shipping-service";
    /** The participant that notifies customers. */
    public static final String NOTIFICATIONS = "notification-service";

    /** Cents per loyalty point: one point per whole currency unit spent. */
    private static final long CENTS_PER_POINT = 100;

    private OrderSaga() {
    }

    /**
     * The saga definition.
     *
     * <p>Retries: each forward step before the notification has 2 attempts, 500 ms apart (they are
     * all idempotent per saga, so a second try is safe); each compensation up to 10 attempts, from
     * 200 ms doubling to 5 s, before the saga is parked as FAILED; the notification is retried
     * until it succeeds, from 500 ms doubling to 10 s.
     *
     * @param stepTimeout how long one attempt of any step or compensation may take: the reply
     *                    timeout of remote steps, the lease of the local loyalty step (after a crash,
     *                    another node takes it over once the lease expires)
     * @param loyalty     where the loyalty step awards and revokes points; must be idempotent per saga id
     */
    public static SagaDefinition<Order> definition(Duration stepTimeout, LoyaltyLedger loyalty) {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(loyalty, "loyalty");
        RetryPolicy retry = RetryPolicy.fixed(2, Duration.ofMillis(500));
        RetryPolicy undo = RetryPolicy.exponential(10, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));
        return Saga.define("order-fulfilment", Order.class)
                .step("reserve-stock", s -> s
                        .invoke(INVENTORY, "order.stock.reserve", o -> new ReserveStock(o.orderId(), o.items()))
                        .onReply(StockReserved.class, (o, r) -> o.withReservationId(r.reservationId()))
                        .compensateWith(INVENTORY, "order.stock.release",
                                o -> new ReleaseStock(o.orderId(), o.reservationId()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("authorize-payment", s -> s
                        .invoke(PAYMENTS, "order.payment.authorize",
                                o -> new AuthorizePayment(o.orderId(), o.customer(), o.amount()))
                        .onReply(PaymentAuthorized.class, (o, r) -> o.withPaymentId(r.paymentId()))
                        .compensateWith(PAYMENTS, "order.payment.void", o -> new VoidPayment(o.orderId(), o.paymentId()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("award-loyalty-points", s -> s
                        .local((o, ctx) -> {
                            int points = loyaltyPointsFor(o.amount());
                            loyalty.award(ctx.sagaId(), o.customer(), points);
                            return o.withLoyaltyPointsAwarded(points);
                        })
                        // Revokes by saga id, not by the points in the data: when the award's
                        // outcome is unknown (its lease expired) the data says 0, yet the ledger may
                        // hold the award.
                        .compensateLocally((o, ctx) -> {
                            loyalty.revoke(ctx.sagaId(), o.customer());
                            return o.withLoyaltyPointsAwarded(0);
                        })
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("create-shipment", s -> s
                        .invoke(SHIPPING, "order.shipment.create",
                                o -> new CreateShipment(o.orderId(), o.customer(), o.items()))
                        .onReply(ShipmentCreated.class, (o, r) -> o.withShipmentId(r.shipmentId()))
                        .compensateWith(SHIPPING, "order.shipment.cancel",
                                o -> new CancelShipment(o.orderId(), o.shipmentId()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("notify-customer", s -> s
                        .invoke(NOTIFICATIONS, "order.customer.notify",
                                o -> new NotifyCustomer(o.orderId(), o.customer(), o.shipmentId(),
                                        o.loyaltyPointsAwarded()))
                        .retriable()
                        .timeout(stepTimeout)
                        .retry(RetryPolicy.forever(Duration.ofMillis(500), Duration.ofSeconds(10))))
                .build();
    }

    /**
     * The loyalty points an order of {@code amount} cents earns: one per whole 100 cents, rounded
     * down, capped at {@link Integer#MAX_VALUE}.
     */
    public static int loyaltyPointsFor(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be 0 or more cents, was " + amount);
        }
        return (int) Math.min(Integer.MAX_VALUE, amount / CENTS_PER_POINT);
    }
}
