package dev.sagitta.testing;

import static dev.sagitta.testing.ShopSaga.MAIL;
import static dev.sagitta.testing.ShopSaga.SHIPPING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.testing.ShopSaga.Order;
import dev.sagitta.testing.ShopSaga.Points;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SagaExplorationTest {

    /** A fresh world per run: its own points ledger, and a definition whose local steps use it. */
    private static SagaExploration shopExploration(boolean idempotentPoints, Map<String, Consumer<ParticipantScript>> scripts) {
        return SagaExploration.of(
                        () -> {
                            Points points = new Points(idempotentPoints);
                            SagaDefinition<Order> shop = ShopSaga.definition(points);
                            return ShopSaga.worldWhere(shop, scripts).idPrefix("order");
                        },
                        harness -> harness.startSaga(shopOf(harness), Order.of("book")));
    }

    @SuppressWarnings("unchecked")
    private static SagaDefinition<Order> shopOf(SagaTestHarness harness) {
        return (SagaDefinition<Order>) harness.definition("shop", 1).orElseThrow();
    }

    @Test
    void a_five_step_saga_survives_every_crash_point_across_a_hundred_fault_seeds() {
        ExplorationReport completing = shopExploration(true, Map.of()).seeds(100).run();
        ExplorationReport compensating = shopExploration(true, Map.of(
                SHIPPING, shipping -> shipping.on("shop.parcel.book", Reply.failure("no courier")))).seeds(100).run();

        System.out.println("completing: " + completing.summary() + "\ncompensating: " + compensating.summary());
        completing.assertNoViolations();
        compensating.assertNoViolations();
        assertThat(completing.crashRuns()).isGreaterThan(completing.seeds() * 10);
        assertThat(compensating.runs()).isGreaterThan(101);
    }

    @Test
    void a_participant_that_does_not_deduplicate_is_caught_with_a_seed_that_replays_it() {
        SagaExploration exploration = shopExploration(true, Map.of(
                MAIL, mail -> mail.withoutDeduplication())).seeds(20).crashPoints(false);

        ExplorationReport report = exploration.run();

        Violation first = report.firstViolation().orElseThrow();
        assertThat(first.invariant()).isEqualTo("participants take effect once");
        assertThat(first.message()).contains("step 'notify'").contains("took effect 2 times");
        assertThat(first.replayCall()).startsWith("exploration.replay(" + first.plan().seed() + "L");
        SagaExploration.Replay replay = exploration.replay(first.plan().seed(), null);
        assertThat(replay.violation()).isEqualTo(first);
    }

    @Test
    void a_local_compensation_without_idempotency_handling_is_caught_at_a_crash_point() {
        // Revoking points is not idempotent here: run again after a crash, it revokes twice.
        SagaExploration exploration = SagaExploration.of(
                        () -> {
                            Points points = new Points(false);
                            return ShopSaga.worldWhere(ShopSaga.definition(points), Map.of(
                                    SHIPPING, shipping -> shipping.on("shop.parcel.book", Reply.failure("no courier"))))
                                    .attach(points)
                                    .idPrefix("order");
                        },
                        harness -> harness.startSaga(shopOf(harness), Order.of("book")))
                .seeds(0)
                .invariant("points are revoked at most once",
                        harness -> assertThat(harness.attachment(Points.class).revoked()).doesNotHaveDuplicates());

        ExplorationReport report = exploration.run();

        Violation first = report.firstViolation().orElseThrow(() -> new AssertionError("not caught: " + report));
        assertThat(first.invariant()).isEqualTo("points are revoked at most once");
        CrashPoint crash = first.plan().crashPoint();
        assertThat(crash).isNotNull();
        assertThat(first.toString()).contains("replay with: exploration.replay(0L, \"" + crash + "\")");
        SagaExploration.Replay replay = exploration.replay(0, String.valueOf(crash));
        assertThat(replay.violation()).isEqualTo(first);
        assertThat(replay.harness().attachment(Points.class).revoked()).hasSize(2);
    }

    @Test
    void a_saga_still_retrying_when_time_is_up_passes_unless_finishing_is_required() {
        Map<String, Consumer<ParticipantScript>> mailDown = Map.of(
                MAIL, mail -> mail.on("shop.customer.notify", Reply.failure("mail server down")));

        // A saga that never finishes is driven for all of settleWithin: keep it short.
        Duration oneMinute = Duration.ofMinutes(1);
        ExplorationReport waiting = shopExploration(true, mailDown).seeds(0).settleWithin(oneMinute).run();
        ExplorationReport required = shopExploration(true, mailDown).seeds(0).settleWithin(oneMinute)
                .requireFinished().run();

        waiting.assertNoViolations();
        assertThat(required.firstViolation()).hasValueSatisfying(violation -> {
            assertThat(violation.invariant()).isEqualTo("finishes");
            assertThat(violation.message()).contains("is still RUNNING");
        });
    }

    @Test
    void a_world_that_shares_state_between_runs_is_reported_as_not_deterministic() {
        AtomicInteger reservations = new AtomicInteger();
        SagaExploration exploration = SagaExploration.of(
                        () -> ShopSaga.worldWhere(ShopSaga.definition(new Points(true)), Map.of(
                                // Shared by every run: only the very first reservation succeeds.
                                ShopSaga.STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(command ->
                                        reservations.getAndIncrement() == 0 ? new ShopSaga.Done("R-1") : null)))),
                        harness -> harness.startSaga("shop", Order.of("book")))
                .seeds(0)
                .threads(1);

        ExplorationReport report = exploration.run();

        assertThat(report.violations()).extracting(Violation::invariant).contains("deterministic runs");
        assertThat(report.violations()).filteredOn(v -> v.invariant().equals("deterministic runs")).first()
                .satisfies(v -> assertThat(v.message()).contains("never reached").contains("not deterministic"));
    }
}
