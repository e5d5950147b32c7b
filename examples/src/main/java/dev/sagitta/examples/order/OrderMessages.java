package dev.sagitta.examples.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies the order-fulfilment saga exchanges with its participants. All immutable.
 *
 * <p>Compensation commands carry the id the forward step returned as {@code @Nullable}: a step
 * whose reply never came (a timeout) is compensated too, since it may have taken effect, and then
 * the saga has no id to send. Participants find the effect by saga id instead.
 */
public final class OrderMessages {

    private OrderMessages() {
    }

    /** Asks the inventory service to hold stock for the order's lines. */
    public record ReserveStock(String orderId, List<OrderLine> items) {
    }

    /** The inventory service holds the stock. */
    public record StockReserved(String reservationId) {
    }

    /** Asks the inventory service to release a reservation (which may never have been made). */
    public record ReleaseStock(String orderId, @Nullable String reservationId) {
    }

    /** Asks the payment service to authorise {@code amount} cents on the customer's account. */
    public record AuthorizePayment(String orderId, String customer, long amount) {
    }

    /** The payment service authorised the payment. */
    public record PaymentAuthorized(String paymentId) {
    }

    /** Asks the payment service to void an authorisation (which may never have been made). */
    public record VoidPayment(String orderId, @Nullable String paymentId) {
    }

    /** Asks the shipping service to ship the order's lines to the customer. */
    public record CreateShipment(String orderId, String customer, List<OrderLine> items) {
    }

    /** The shipping service created the shipment. */
    public record ShipmentCreated(String shipmentId) {
    }

    /** Asks the shipping service to cancel a shipment (which may never have been created). */
    public record CancelShipment(String orderId, @Nullable String shipmentId) {
    }

    /** Asks the notification service to tell the customer the order is on its way. */
    public record NotifyCustomer(String orderId, String customer, @Nullable String shipmentId, int loyaltyPoints) {
    }
}
