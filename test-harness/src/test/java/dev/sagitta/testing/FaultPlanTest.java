package dev.sagitta.testing;

import static dev.sagitta.testing.ShopSaga.PAYMENTS;
import static dev.sagitta.testing.ShopSaga.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.testing.ShopSaga.Order;
import dev.sagitta.testing.ShopSaga.Points;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private final Points points = new Points(true);
    private final SagaDefinition<Order> shop = ShopSaga.definition(points);

    private SagaTestHarness runShop(FaultPlan plan) {
        SagaTestHarness harness = ShopSaga.happyWorld(shop).faults(plan).build();
        harness.startSaga(shop, Order.of("book"));
        harness.runUntilAllTerminal(Duration.ofHours(1));
        return harness;
    }

    @Test
    void the_same_seed_gives_the_same_run() {
        String first = runShop(FaultPlan.seeded(7)).describe();
        String second = runShop(FaultPlan.seeded(7)).describe();
        String other = runShop(FaultPlan.seeded(8)).describe();

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void a_crash_before_the_start_commits_makes_the_client_start_it_again_once() {
        SagaTestHarness harness = ShopSaga.happyWorld(shop).faults(FaultPlan.none().withCrashAt(CrashPoint.beforeCommit(1))).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));

        assertThat(harness.crashed()).isTrue();
        assertThat(harness.restarts()).isEqualTo(1);
        harness.assertThatSaga(order.id()).isCompleted();
        assertThat(harness.view(order.id()).businessKey()).isEqualTo("harness-start-1");
        assertThat(harness.store().unfinishedSagaIds(10)).isEmpty();
    }

    @Test
    void a_crash_right_after_a_send_loses_nothing_the_broker_took() {
        SagaTestHarness harness = ShopSaga.happyWorld(shop).faults(FaultPlan.none().withCrashAt(CrashPoint.afterSend(1))).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.runUntilAllTerminal(Duration.ofMinutes(5));

        assertThat(harness.restarts()).isEqualTo(1);
        harness.assertThatSaga(order.id()).isCompleted();
        assertThat(harness.participant(STOCK).timesApplied(order.id(), "reserve", false)).isEqualTo(1);
    }

    @Test
    void a_crash_after_a_commit_loses_the_sends_it_queued_until_the_relay_sends_them() {
        SagaTestHarness harness = ShopSaga.happyWorld(shop).faults(FaultPlan.none().withCrashAt(CrashPoint.afterCommit(1))).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.assertThatCommandsTo(STOCK).isEmpty();
        harness.runUntilAllTerminal(Duration.ofMinutes(5));

        harness.assertThatSaga(order.id()).isCompleted();
        harness.assertThatCommandsTo(STOCK).hasTypes("shop.stock.reserve");
    }

    @Test
    void a_dropped_command_times_the_step_out_and_the_retry_gets_through() {
        // Seed 3 drops the first command with every message at risk; the reserve step retries twice.
        FaultPlan dropEverythingOnce = FaultPlan.none().withSeed(3).withDrops(0.5);
        SagaTestHarness harness = ShopSaga.worldWhere(shop, Map.of()).faults(dropEverythingOnce).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.runUntilAllTerminal(Duration.ofHours(1));

        assertThat(harness.transport().faultSummary()).doesNotStartWith("0 dropped");
        assertThat(harness.view(order.id()).timeline()).anyMatch(entry -> entry.kind().equals("STEP_TIMED_OUT"));
        SagaInvariants.all().values().forEach(invariant -> invariant.check(harness));
    }

    @Test
    void crash_points_passed_are_numbered_in_the_order_they_happen() {
        SagaTestHarness harness = runShop(FaultPlan.none());

        assertThat(harness.crashPointsPassed()).startsWith(
                CrashPoint.beforeCommit(1), CrashPoint.afterCommit(1), CrashPoint.afterSend(1));
        assertThat(CrashPoint.parse("after-send-12")).isEqualTo(CrashPoint.afterSend(12));
        assertThat(CrashPoint.afterCommit(3)).hasToString("after-commit-3");
    }

    @Test
    void plans_reject_bad_values_where_they_are_set() {
        assertThatThrownBy(() -> FaultPlan.seeded(1).withDrops(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultPlan.seeded(1).withDelays(0.5, Duration.ZERO)).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> CrashPoint.parse("after-lunch")).hasMessageContaining("before-commit-N");
        assertThatThrownBy(() -> CrashPoint.afterSend(0)).hasMessageContaining("from 1");
    }

    @Test
    void a_refused_payment_under_faults_still_releases_the_stock_exactly_once() {
        for (long seed = 1; seed <= 20; seed++) {
            SagaTestHarness harness = ShopSaga.worldWhere(shop, Map.of(
                    PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.failure("card declined"))))
                    .faults(FaultPlan.seeded(seed)).build();
            SagaHandle order = harness.startSaga(shop, Order.of("book"));
            harness.runUntilAllTerminal(Duration.ofHours(1));

            harness.assertThatSaga(order.id()).isCompensated();
            assertThat(harness.participant(STOCK).timesApplied(order.id(), "reserve", true))
                    .as("releases under %s", harness.faultPlan()).isEqualTo(1);
        }
    }
}
