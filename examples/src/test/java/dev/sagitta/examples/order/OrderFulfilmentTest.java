package dev.sagitta.examples.order;

import static dev.sagitta.examples.order.OrderSaga.INVENTORY;
import static dev.sagitta.examples.order.OrderSaga.NOTIFICATIONS;
import static dev.sagitta.examples.order.OrderSaga.PAYMENTS;
import static dev.sagitta.examples.order.OrderSaga.SHIPPING;
import static dev.sagitta.examples.order.OrderWorld.CUSTOMER;
import static dev.sagitta.examples.order.OrderWorld.PAYMENT;
import static dev.sagitta.examples.order.OrderWorld.POINTS_FOR_TWO_BOOKS;
import static dev.sagitta.examples.order.OrderWorld.RESERVATION;
import static dev.sagitta.examples.order.OrderWorld.SHIPMENT;
import static dev.sagitta.examples.order.OrderWorld.STEP_TIMEOUT;
import static dev.sagitta.examples.order.OrderWorld.TWO_BOOKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.examples.order.OrderMessages.NotifyCustomer;
import dev.sagitta.examples.order.OrderMessages.ReleaseStock;
import dev.sagitta.examples.order.OrderMessages.VoidPayment;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaHarnessExtension;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order-fulfilment saga in virtual time, one world per scenario: which services say yes, and
 * when. The harness extension builds one world for a class, so each scenario is a nested class with
 * its own. Each test gets a fresh loyalty ledger and a definition that awards points on it.
 */
class OrderFulfilmentTest {

    private static final String[] ALL_STEPS = {
            "reserve-stock", "authorize-payment", "award-loyalty-points", "create-shipment", "notify-customer"};

    private final InMemoryLoyaltyLedger loyalty = new InMemoryLoyaltyLedger();
    private final SagaDefinition<Order> fulfilment = OrderSaga.definition(STEP_TIMEOUT, loyalty);

    @Nested
    class EveryServiceSaysYes {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> OrderWorld.everyServiceSaysYes(fulfilment));

        @Test
        void the_order_is_reserved_paid_rewarded_shipped_and_the_customer_told(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(fulfilment, TWO_BOOKS);

            harness.assertThatSaga(order.id())
                    .isCompleted()
                    .ranSteps(ALL_STEPS)
                    .compensatedNothing()
                    .hasData(Order.class, TWO_BOOKS.withReservationId(RESERVATION).withPaymentId(PAYMENT)
                            .withLoyaltyPointsAwarded(POINTS_FOR_TWO_BOOKS).withShipmentId(SHIPMENT));
            harness.assertThatCommandsTo(INVENTORY).hasTypes("order.stock.reserve");
            harness.assertThatCommandsTo(PAYMENTS).hasTypes("order.payment.authorize");
            harness.assertThatCommandsTo(SHIPPING).hasTypes("order.shipment.create");
            harness.assertThatCommandsTo(NOTIFICATIONS).hasTypes("order.customer.notify")
                    .singleElement().satisfies(notice -> assertThat(body(harness, notice, NotifyCustomer.class))
                            .isEqualTo(new NotifyCustomer("o-42", CUSTOMER, SHIPMENT, POINTS_FOR_TWO_BOOKS)));
            assertThat(loyalty.pointsOf(CUSTOMER)).isEqualTo(POINTS_FOR_TWO_BOOKS);
            assertThat(loyalty.awardsApplied(order.id())).isEqualTo(1);
        }
    }

    @Nested
    class ThePaymentIsRefused {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> OrderWorld.where(fulfilment,
                PAYMENTS, payments -> payments.on("order.payment.authorize", Reply.failure("insufficient funds"))));

        @Test
        void the_stock_is_released_and_no_points_are_awarded(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(fulfilment, TWO_BOOKS);

            harness.assertThatSaga(order.id())
                    .isCompensated()
                    .ranSteps("reserve-stock")
                    .hasStep("authorize-payment", StepStatus.FAILED)
                    .compensatedSteps("reserve-stock")
                    .hasStep("award-loyalty-points", StepStatus.PENDING);
            harness.assertThatCommandsTo(INVENTORY).hasTypes("order.stock.reserve", "order.stock.release")
                    .last().satisfies(release -> assertThat(body(harness, release, ReleaseStock.class))
                            .isEqualTo(new ReleaseStock("o-42", RESERVATION)));
            harness.assertThatCommandsTo(PAYMENTS).as("a refused payment has nothing to void")
                    .hasTypes("order.payment.authorize");
            harness.assertThatCommandsTo(SHIPPING).isEmpty();
            harness.assertThatCommandsTo(NOTIFICATIONS).isEmpty();
            assertThat(loyalty.awardsApplied(order.id())).isZero();
            assertThat(loyalty.pointsOf(CUSTOMER)).isZero();
            assertThat(harness.view(order.id()).reason()).contains("insufficient funds");
        }
    }

    @Nested
    class TheBooksAreOutOfStock {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> OrderWorld.where(fulfilment,
                INVENTORY, stock -> stock.on("order.stock.reserve", Reply.failure("out of stock"))));

        @Test
        void the_order_stops_at_once_with_nothing_to_undo(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(fulfilment, TWO_BOOKS);

            harness.assertThatSaga(order.id())
                    .isCompensated()
                    .ranSteps()
                    .hasStep("reserve-stock", StepStatus.FAILED)
                    .compensatedNothing();
            harness.assertThatCommandsTo(INVENTORY).hasTypes("order.stock.reserve");
            harness.assertThatCommandsTo(PAYMENTS).isEmpty();
            harness.assertThatCommandsTo(SHIPPING).isEmpty();
            harness.assertThatCommandsTo(NOTIFICATIONS).isEmpty();
            assertThat(loyalty.awardsApplied(order.id())).isZero();
            assertThat(harness.view(order.id()).reason()).contains("out of stock");
        }
    }

    @Nested
    class ShippingIsRefused {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> OrderWorld.where(fulfilment,
                SHIPPING, shipping -> shipping.on("order.shipment.create", Reply.failure("address not served"))));

        @Test
        void the_points_are_revoked_the_payment_voided_and_the_stock_released_in_reverse_order(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(fulfilment, TWO_BOOKS);

            harness.assertThatSaga(order.id())
                    .isCompensated()
                    .ranSteps("reserve-stock", "authorize-payment", "award-loyalty-points")
                    .hasStep("create-shipment", StepStatus.FAILED)
                    .compensatedSteps("award-loyalty-points", "authorize-payment", "reserve-stock")
                    .hasDataSatisfying(Order.class, o -> assertThat(o.loyaltyPointsAwarded()).isZero());
            assertThat(loyalty.awardsApplied(order.id())).isEqualTo(1);
            assertThat(loyalty.revocationsApplied(order.id())).isEqualTo(1);
            assertThat(loyalty.pointsOf(CUSTOMER)).isZero();
            assertThat(harness.transport().sent()).filteredOn(CommandMessage::compensation)
                    .extracting(CommandMessage::messageType)
                    .containsExactly("order.payment.void", "order.stock.release");
            harness.assertThatCommandsTo(PAYMENTS).hasTypes("order.payment.authorize", "order.payment.void")
                    .last().satisfies(voided -> assertThat(body(harness, voided, VoidPayment.class))
                            .isEqualTo(new VoidPayment("o-42", PAYMENT)));
            harness.assertThatCommandsTo(INVENTORY).hasTypes("order.stock.reserve", "order.stock.release");
            harness.assertThatCommandsTo(SHIPPING).as("a refused shipment has nothing to cancel")
                    .hasTypes("order.shipment.create");
            harness.assertThatCommandsTo(NOTIFICATIONS).isEmpty();
        }
    }

    @Nested
    class TheNotificationServiceIsDownForAWhile {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> OrderWorld.where(fulfilment,
                NOTIFICATIONS, notifications -> notifications.on("order.customer.notify",
                        Reply.failure("mail relay unavailable").times(2), Reply.success())));

        @Test
        void the_shipped_order_stands_and_the_customer_is_told_once_it_is_back(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(fulfilment, TWO_BOOKS);

            // Refused at once, and again 500 ms later: the order is shipped and nothing is undone.
            harness.advance(Duration.ofMillis(500));
            harness.assertThatSaga(order.id())
                    .hasStatus(SagaStatus.RUNNING)
                    .ranSteps("reserve-stock", "authorize-payment", "award-loyalty-points", "create-shipment")
                    .hasStep("notify-customer", StepStatus.WAITING_RETRY)
                    .compensatedNothing();

            // The third try, 1 s after the second, gets through.
            harness.advance(Duration.ofSeconds(1));
            harness.assertThatSaga(order.id()).isCompleted().ranSteps(ALL_STEPS).compensatedNothing();
            harness.assertThatCommandsTo(NOTIFICATIONS).extracting(CommandMessage::attempt).containsExactly(1, 2, 3);
            assertThat(harness.participant(NOTIFICATIONS).timesApplied(order.id(), "notify-customer", false))
                    .isEqualTo(1);
            assertThat(loyalty.pointsOf(CUSTOMER)).isEqualTo(POINTS_FOR_TWO_BOOKS);
            assertThat(loyalty.revocationsApplied(order.id())).isZero();
        }
    }

    private static <T> T body(SagaTestHarness harness, CommandMessage command, Class<T> type) {
        return harness.codec().decode(command.payload(), type);
    }
}
