package dev.sagitta.examples.order;

import static dev.sagitta.examples.order.OrderSaga.INVENTORY;
import static dev.sagitta.examples.order.OrderSaga.PAYMENTS;
import static dev.sagitta.examples.order.OrderSaga.SHIPPING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.examples.order.OrderMessages.PaymentAuthorized;
import dev.sagitta.examples.order.OrderMessages.StockReserved;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaExploration;
import dev.sagitta.testing.SagaHarnessExtension;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test the README shows under "Testing your sagas", word for word. */
class OrderSagaReadmeTest {

    static final Order LAMP = Order.place("o-1", "ana", List.of(new OrderLine("lamp", 1)), 4_999);

    /** Everyone says yes, except the shipper. */
    static SagaTestHarness.Builder noCourierToday(SagaDefinition<Order> orders) {
        return SagaTestHarness.builder()
                .register(orders)
                .participant(INVENTORY, stock -> stock.on("order.stock.reserve", Reply.success(new StockReserved("R-1"))))
                .participant(PAYMENTS, pay -> pay.on("order.payment.authorize", Reply.success(new PaymentAuthorized("P-1"))))
                .participant(SHIPPING, ship -> ship.on("order.shipment.create", Reply.failure("no courier today")));
    }

    final InMemoryLoyaltyLedger loyalty = new InMemoryLoyaltyLedger();
    final SagaDefinition<Order> orders = OrderSaga.definition(Duration.ofSeconds(5), loyalty);

    @RegisterExtension
    final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> noCourierToday(orders));

    @Test
    void no_courier_undoes_the_order_in_reverse(SagaTestHarness harness) {
        SagaHandle order = harness.startSaga(orders, LAMP);

        harness.assertThatSaga(order.id())
                .isCompensated()
                .ranSteps("reserve-stock", "authorize-payment", "award-loyalty-points")
                .compensatedSteps("award-loyalty-points", "authorize-payment", "reserve-stock");
        harness.assertThatCommandsTo(PAYMENTS).hasTypes("order.payment.authorize", "order.payment.void");
        assertThat(loyalty.pointsOf("ana")).isZero();
    }

    @Test
    void every_crash_point_under_a_hundred_fault_seeds_leaves_no_points_behind() {
        SagaExploration exploration = SagaExploration.of(
                        () -> {
                            InMemoryLoyaltyLedger ledger = new InMemoryLoyaltyLedger();   // one per run
                            return noCourierToday(OrderSaga.definition(Duration.ofSeconds(5), ledger)).attach(ledger);
                        },
                        run -> run.startSaga("order-fulfilment", LAMP))
                .seeds(100)
                .invariant("a compensated order keeps no points", run -> {
                    if (run.view(run.startedSagaIds().get(0)).status() == SagaStatus.COMPENSATED) {
                        assertThat(run.attachment(InMemoryLoyaltyLedger.class).pointsOf("ana")).isZero();
                    }
                });

        exploration.run().assertNoViolations();
    }
}
