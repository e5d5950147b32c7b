package dev.sagitta.examples.order;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The order-fulfilment saga's data. Immutable; each step returns an updated copy through a
 * {@code with*} method. Serialised as JSON by the engine's Jackson codec, as a plain record.
 *
 * <pre>{@code
 * Order order = Order.place("o-42", "alice", List.of(new OrderLine("SKU-1", 2)), 4_999);
 * }</pre>
 *
 * @param orderId               the shop's order number, not blank
 * @param customer              who ordered, not blank
 * @param items                 what was ordered, at least one line; kept as an unmodifiable copy
 * @param amount                what the order costs, in cents, zero or more
 * @param reservationId         the stock reservation, once reserved
 * @param paymentId             the payment authorisation, once authorised
 * @param shipmentId            the shipment, once created
 * @param loyaltyPointsAwarded  the loyalty points awarded for this order; 0 until awarded and
 *                              again after the award was revoked
 */
public record Order(String orderId, String customer, List<OrderLine> items, long amount,
        @Nullable String reservationId, @Nullable String paymentId, @Nullable String shipmentId,
        int loyaltyPointsAwarded) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(items, "items");
        if (orderId.isBlank()) {
            throw new IllegalArgumentException("orderId must not be blank");
        }
        if (customer.isBlank()) {
            throw new IllegalArgumentException("customer must not be blank");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must hold at least one line, order " + orderId + " has none");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be 0 or more cents, was " + amount);
        }
        if (loyaltyPointsAwarded < 0) {
            throw new IllegalArgumentException("loyaltyPointsAwarded must be 0 or more, was " + loyaltyPointsAwarded);
        }
        // A copy, so the caller's list cannot change the saga data behind its back (it also rejects null lines).
        items = List.copyOf(items);
    }

    /** A new order, before any step ran: nothing reserved, authorised, shipped or awarded yet. */
    public static Order place(String orderId, String customer, List<OrderLine> items, long amount) {
        return new Order(orderId, customer, items, amount, null, null, null, 0);
    }

    public Order withReservationId(@Nullable String value) {
        return new Order(orderId, customer, items, amount, value, paymentId, shipmentId, loyaltyPointsAwarded);
    }

    public Order withPaymentId(@Nullable String value) {
        return new Order(orderId, customer, items, amount, reservationId, value, shipmentId, loyaltyPointsAwarded);
    }

    public Order withShipmentId(@Nullable String value) {
        return new Order(orderId, customer, items, amount, reservationId, paymentId, value, loyaltyPointsAwarded);
    }

    public Order withLoyaltyPointsAwarded(int value) {
        return new Order(orderId, customer, items, amount, reservationId, paymentId, shipmentId, value);
    }
}
