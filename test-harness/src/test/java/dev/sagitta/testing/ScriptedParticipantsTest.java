package dev.sagitta.testing;

import static dev.sagitta.testing.ShopSaga.MAIL;
import static dev.sagitta.testing.ShopSaga.PAYMENTS;
import static dev.sagitta.testing.ShopSaga.SHIPPING;
import static dev.sagitta.testing.ShopSaga.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.testing.ShopSaga.Done;
import dev.sagitta.testing.ShopSaga.Order;
import dev.sagitta.testing.ShopSaga.Points;
import dev.sagitta.testing.ShopSaga.Request;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptedParticipantsTest {

    private final Points points = new Points(true);
    private final SagaDefinition<Order> shop = ShopSaga.definition(points);

    @Test
    void every_participant_says_yes_and_the_order_completes() {
        SagaTestHarness harness = ShopSaga.happyWorld(shop).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));

        harness.assertThatSaga(order.id())
                .isCompleted()
                .ranSteps("reserve", "charge", "points", "ship", "notify")
                .compensatedNothing()
                .hasData(Order.class, new Order("book", "R-1", "P-1", true, "S-1"));
        harness.assertThatCommandsTo(STOCK).hasTypes("shop.stock.reserve");
        assertThat(points.awarded()).containsExactly(order.id());
    }

    @Test
    void a_refused_payment_releases_the_stock_reservation() {
        SagaTestHarness harness = SagaTestHarness.builder()
                .register(shop)
                .participant(STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(new Done("R-1"))))
                .participant(PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.failure("card declined")))
                .build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));

        harness.assertThatSaga(order.id())
                .isCompensated()
                .ranSteps("reserve")
                .compensatedSteps("reserve")
                .hasStep("charge", StepStatus.FAILED);
        harness.assertThatCommandsTo(STOCK).hasTypes("shop.stock.reserve", "shop.stock.release");
        assertThat(harness.participant(STOCK).timesApplied(order.id(), "reserve", true)).isEqualTo(1);
    }

    @Test
    void a_release_that_fails_twice_is_tried_again_until_it_succeeds() {
        SagaTestHarness harness = SagaTestHarness.builder()
                .register(shop)
                .participant(STOCK, stock -> stock
                        .on("shop.stock.reserve", Reply.success(new Done("R-1")))
                        .on("shop.stock.release", Reply.failure("stock system down").times(2), Reply.success()))
                .participant(PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.failure("card declined")))
                .build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.advance(Duration.ofSeconds(10));

        harness.assertThatSaga(order.id()).isCompensated().compensatedSteps("reserve");
        harness.assertThatCommandsTo(STOCK).hasCompensationTypes("shop.stock.release", "shop.stock.release",
                "shop.stock.release");
        assertThat(harness.participant(STOCK).deliveries()).extracting(Delivery::handling).containsExactly(
                Delivery.Handling.APPLIED, Delivery.Handling.REFUSED, Delivery.Handling.REFUSED,
                Delivery.Handling.APPLIED);
    }

    @Test
    void a_shipper_that_never_answers_times_out_and_everything_before_it_is_undone() {
        SagaTestHarness harness = SagaTestHarness.builder()
                .register(shop)
                .participant(STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(new Done("R-1"))))
                .participant(PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.success(new Done("P-1"))))
                .participant(SHIPPING, shipping -> shipping.on("shop.parcel.book", Reply.never()))
                .build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.assertThatSaga(order.id()).isWaiting().hasStep("ship", StepStatus.RUNNING);

        harness.advance(ShopSaga.STEP_TIMEOUT);

        harness.assertThatSaga(order.id())
                .isCompensated()
                .compensatedSteps("ship", "points", "charge", "reserve");
        assertThat(points.revoked()).containsExactly(order.id());
    }

    @Test
    void a_slow_payment_holds_the_saga_until_its_reply_comes_in_virtual_time() {
        SagaTestHarness harness = SagaTestHarness.builder()
                .register(shop)
                .participant(STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(new Done("R-1"))))
                .participant(PAYMENTS, payments -> payments
                        .on("shop.payment.charge", Reply.success(Request.class, r -> new Done("P-" + r.item()))
                                .after(Duration.ofSeconds(3))))
                .build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.advance(Duration.ofMillis(2_999));
        harness.assertThatSaga(order.id()).hasStep("charge", StepStatus.RUNNING);

        harness.advance(Duration.ofMillis(1));
        harness.assertThatSaga(order.id())
                .hasStep("charge", StepStatus.SUCCEEDED)
                .hasDataSatisfying(Order.class, o -> assertThat(o.payment()).isEqualTo("P-book"));
    }

    @Test
    void duplicated_replies_are_applied_once() {
        SagaTestHarness harness = ShopSaga.worldWhere(shop, Map.of(
                STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(new Done("R-1")).duplicated(3)))).build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));

        harness.assertThatSaga(order.id()).isCompleted();
        assertThat(harness.transport().deliveredReplies()).filteredOn(r -> r.step().equals("reserve")).hasSize(3);
        SagaInvariants.appliesEachOutcomeOnce().check(harness);
    }

    @Test
    void a_participant_without_deduplication_applies_every_copy_it_receives() {
        SagaTestHarness harness = ShopSaga.worldWhere(shop, Map.of(MAIL, mail -> mail.withoutDeduplication()))
                .faults(FaultPlan.seeded(1).withDuplicates(1).withDrops(0).withDelays(0, Duration.ZERO))
                .build();

        SagaHandle order = harness.startSaga(shop, Order.of("book"));
        harness.runUntilAllTerminal(Duration.ofMinutes(1));

        harness.assertThatSaga(order.id()).isCompleted();
        assertThat(harness.participant(MAIL).timesApplied(order.id(), "notify", false)).isEqualTo(2);
        assertThatThrownBy(() -> SagaInvariants.participantsTakeEffectOnce().check(harness))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("step 'notify' of saga " + order.id() + " took effect 2 times");
    }

    @Test
    void scripts_reject_bad_answers_where_they_are_written() {
        assertThatThrownBy(() -> Reply.failure(" ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> Reply.success().times(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Reply.never().duplicated(2)).hasMessageContaining("nothing to duplicate");
        assertThatThrownBy(() -> Reply.success().after(Duration.ofSeconds(-1))).hasMessageContaining("before its command");
        assertThatThrownBy(() -> SagaTestHarness.builder().participant(STOCK, s -> { }).participant(STOCK, s -> { }))
                .hasMessageContaining("already set up");
    }
}
