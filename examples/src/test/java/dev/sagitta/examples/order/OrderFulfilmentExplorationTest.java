package dev.sagitta.examples.order;

import static dev.sagitta.examples.order.OrderSaga.SHIPPING;
import static dev.sagitta.examples.order.OrderWorld.CUSTOMER;
import static dev.sagitta.examples.order.OrderWorld.STEP_TIMEOUT;
import static dev.sagitta.examples.order.OrderWorld.TWO_BOOKS;
import static dev.sagitta.examples.order.OrderWorld.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.testing.ExplorationReport;
import dev.sagitta.testing.ParticipantScript;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaExploration;
import dev.sagitta.testing.SagaTestHarness;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One order under every failure the harness can make: for each of 100 message-fault seeds (and
 * none), a run without a crash, then one run per crash point that run passed, checked against the
 * saga rules and the loyalty ledger.
 */
class OrderFulfilmentExplorationTest {

    private static final int SEEDS = 100;

    /** A fresh world per run: its own loyalty ledger, and a definition that awards points on it. */
    private static SagaExploration explore(Map<String, Consumer<ParticipantScript>> scripts) {
        return SagaExploration.of(
                        () -> {
                            InMemoryLoyaltyLedger loyalty = new InMemoryLoyaltyLedger();
                            return OrderWorld.where(OrderSaga.definition(STEP_TIMEOUT, loyalty), scripts)
                                    .attach(loyalty);
                        },
                        harness -> harness.startSaga(orderOf(harness), TWO_BOOKS))
                .seeds(SEEDS)
                .invariant("the order ends completed or compensated",
                        OrderFulfilmentExplorationTest::endsCompletedOrCompensated)
                .invariant("points are awarded once, and revoked if and only if the order is undone",
                        OrderFulfilmentExplorationTest::keepsPointsOnlyForKeptOrders);
    }

    @Test
    void an_order_every_service_accepts_is_fulfilled_or_undone_whole_at_every_crash_point() {
        SagaExploration exploration = explore(Map.of())
                .invariant("a crash alone does not undo an order", harness -> {
                    if (!harness.faultPlan().hasMessageFaults()) {
                        forEachOrder(harness, order -> assertThat(order.status()).as("order %s", order.sagaId())
                                .isEqualTo(SagaStatus.COMPLETED));
                    }
                });

        ExplorationReport report = exploration.run();

        System.out.println("order every service accepts: " + report.summary());
        report.assertNoViolations();
        assertThat(report.seeds()).isEqualTo(SEEDS);
        assertThat(report.crashRuns()).isGreaterThan(report.seeds() * 10);
    }

    @Test
    void an_order_shipping_refuses_gives_back_its_points_at_every_crash_point() {
        SagaExploration exploration = explore(Map.of(
                        SHIPPING, shipping -> shipping.on("order.shipment.create", Reply.failure("address not served"))))
                .invariant("a refused shipment undoes the order", harness -> forEachOrder(harness,
                        order -> assertThat(order.status()).as("order %s", order.sagaId()).isEqualTo(SagaStatus.COMPENSATED)));

        ExplorationReport report = exploration.run();

        System.out.println("order shipping refuses: " + report.summary());
        report.assertNoViolations();
        assertThat(report.crashRuns()).isGreaterThan(report.seeds() * 10);
    }

    private static void endsCompletedOrCompensated(SagaTestHarness harness) {
        forEachOrder(harness, order -> assertThat(order.status()).as("order %s (%s)", order.sagaId(), order.reason())
                .isIn(SagaStatus.COMPLETED, SagaStatus.COMPENSATED));
    }

    private static void keepsPointsOnlyForKeptOrders(SagaTestHarness harness) {
        InMemoryLoyaltyLedger loyalty = harness.attachment(InMemoryLoyaltyLedger.class);
        forEachOrder(harness, order -> {
            String id = order.sagaId();
            int awarded = loyalty.awardsApplied(id);
            int revoked = loyalty.revocationsApplied(id);
            assertThat(awarded).as("awards applied for order %s", id).isLessThanOrEqualTo(1);
            assertThat(revoked).as("revocations applied for order %s", id).isLessThanOrEqualTo(1);
            if (order.status() == SagaStatus.COMPLETED) {
                assertThat(awarded).as("a completed order %s earns its points", id).isEqualTo(1);
                assertThat(revoked).as("a completed order %s keeps its points", id).isZero();
                assertThat(order.data(Order.class).loyaltyPointsAwarded())
                        .isEqualTo(OrderSaga.loyaltyPointsFor(TWO_BOOKS.amount()));
            } else if (order.status() == SagaStatus.COMPENSATED) {
                assertThat(revoked).as("order %s has its points revoked if and only if it was awarded them", id)
                        .isEqualTo(awarded);
                assertThat(order.data(Order.class).loyaltyPointsAwarded()).isZero();
            }
        });
        long kept = harness.startedSagaIds().stream()
                .filter(id -> harness.view(id).status() == SagaStatus.COMPLETED)
                .count() * OrderSaga.loyaltyPointsFor(TWO_BOOKS.amount());
        assertThat(loyalty.pointsOf(CUSTOMER)).as("%s's balance", CUSTOMER).isEqualTo(kept);
    }

    private static void forEachOrder(SagaTestHarness harness, Consumer<SagaView> check) {
        for (String id : harness.startedSagaIds()) {
            check.accept(harness.view(id));
        }
    }
}
