package dev.sagitta.examples.trip;

import static dev.sagitta.examples.trip.TripWorld.CARD_LIMIT;
import static dev.sagitta.examples.trip.TripWorld.LISBON;
import static dev.sagitta.examples.trip.TripWorld.STEP_TIMEOUT;
import static dev.sagitta.examples.trip.TripWorld.TOKYO;
import static dev.sagitta.examples.trip.TripWorld.tripOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.examples.trip.InMemoryPayments.Movement;
import dev.sagitta.testing.ExplorationReport;
import dev.sagitta.testing.SagaExploration;
import dev.sagitta.testing.SagaTestHarness;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * One trip under every failure the harness can make: for each of 30 message-fault seeds (and none),
 * a run without a crash, then one run per crash point that run passed, checked against the saga
 * rules and the money.
 */
class TripExplorationTest {

    private static final int SEEDS = 30;

    private static SagaExploration explore(Trip plan) {
        return explore(plan, () -> InMemoryPayments.withCardLimit(CARD_LIMIT));
    }

    /** A fresh world per run: its own card, and a definition that charges it. */
    private static SagaExploration explore(Trip plan, Supplier<InMemoryPayments> card) {
        return SagaExploration.of(
                        () -> {
                            InMemoryPayments payments = card.get();
                            return TripWorld.everyServiceAnswers(TripSaga.definition(STEP_TIMEOUT, payments))
                                    .attach(payments);
                        },
                        harness -> harness.startSaga(tripOf(harness), plan))
                .seeds(SEEDS)
                .invariant("the trip ends completed or compensated", TripExplorationTest::endsCompletedOrCompensated)
                .invariant("the card is charged once, and refunded only if the trip is undone",
                        TripExplorationTest::paidExactlyForWhatWasKept);
    }

    @Test
    void a_trip_the_card_pays_for_is_booked_or_undone_whole_at_every_crash_point() {
        SagaExploration exploration = explore(LISBON)
                .invariant("a crash alone does not undo a trip", harness -> {
                    if (!harness.faultPlan().hasMessageFaults()) {
                        forEachTrip(harness, trip -> assertThat(trip.status()).as("trip %s", trip.sagaId())
                                .isEqualTo(SagaStatus.COMPLETED));
                    }
                });

        ExplorationReport report = exploration.run();

        System.out.println("trip the card pays for: " + report.summary());
        report.assertNoViolations();
        assertThat(report.seeds()).isEqualTo(SEEDS);
        assertThat(report.crashRuns()).isGreaterThan(report.seeds() * 10);
    }

    @Test
    void a_trip_over_the_card_limit_releases_every_booking_at_every_crash_point() {
        SagaExploration exploration = explore(TOKYO)
                .invariant("a declined trip is compensated", harness -> forEachTrip(harness,
                        trip -> assertThat(trip.status()).as("trip %s", trip.sagaId()).isEqualTo(SagaStatus.COMPENSATED)));

        ExplorationReport report = exploration.run();

        System.out.println("trip over the card limit: " + report.summary());
        report.assertNoViolations();
        assertThat(report.crashRuns()).isGreaterThan(report.seeds() * 10);
    }

    @Test
    void a_charge_whose_answer_is_lost_is_refunded_exactly_once_at_every_crash_point() {
        // The only way the trip undoes a charge: nothing after the payment can fail before the pivot.
        SagaExploration exploration = explore(LISBON,
                        () -> InMemoryPayments.withCardLimit(CARD_LIMIT).loseEachAnswerAfterCharging())
                .invariant("a charge of unknown outcome is refunded", harness -> forEachTrip(harness, trip -> {
                    InMemoryPayments payments = harness.attachment(InMemoryPayments.class);
                    assertThat(trip.status()).as("trip %s", trip.sagaId()).isEqualTo(SagaStatus.COMPENSATED);
                    assertThat(payments.balanceOf(trip.sagaId())).as("what trip %s still pays", trip.sagaId()).isZero();
                }));

        ExplorationReport report = exploration.run();

        System.out.println("charge whose answer is lost: " + report.summary());
        report.assertNoViolations();
        assertThat(report.crashRuns()).isGreaterThan(report.seeds() * 10);
    }

    private static void endsCompletedOrCompensated(SagaTestHarness harness) {
        forEachTrip(harness, trip -> assertThat(trip.status()).as("trip %s (%s)", trip.sagaId(), trip.reason())
                .isIn(SagaStatus.COMPLETED, SagaStatus.COMPENSATED));
    }

    private static void paidExactlyForWhatWasKept(SagaTestHarness harness) {
        InMemoryPayments payments = harness.attachment(InMemoryPayments.class);
        forEachTrip(harness, trip -> {
            String id = trip.sagaId();
            long amount = trip.data(Trip.class).amount();
            assertThat(payments.chargesOf(id)).as("charges of trip %s", id).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(charge -> assertThat(charge).isEqualTo(new Movement(id, amount)));
            assertThat(payments.refundsOf(id)).as("refunds of trip %s", id).hasSizeLessThanOrEqualTo(1);
            if (trip.status() == SagaStatus.COMPLETED) {
                assertThat(payments.chargesOf(id)).as("a completed trip %s is charged", id).hasSize(1);
                assertThat(payments.refundsOf(id)).as("a completed trip %s is never refunded", id).isEmpty();
            } else if (trip.status() == SagaStatus.COMPENSATED) {
                assertThat(payments.refundsOf(id)).as("trip %s is refunded if and only if it was charged", id)
                        .hasSameSizeAs(payments.chargesOf(id));
                assertThat(payments.balanceOf(id)).as("what compensated trip %s still pays", id).isZero();
            }
        });
    }

    private static void forEachTrip(SagaTestHarness harness, Consumer<SagaView> check) {
        for (String id : harness.startedSagaIds()) {
            check.accept(harness.view(id));
        }
    }
}
