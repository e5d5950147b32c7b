package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.OperatorActionResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An operator settles what a saga cannot: skips a step with the result it should have produced,
 * skips a compensation that was done by hand, marks a FAILED saga resolved, cancels with their
 * name on it. Each leaves its audit entry in the saga's timeline.
 */
class OperatorSkipResolveCancelTest {

    private static final String HOTEL = "hotel-service";
    private static final String FLIGHTS = "flight-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    record Trip(String guest, String ticket, boolean archived) {
        Trip withTicket(Ticket issued) {
            return new Trip(guest, issued.number(), archived);
        }
    }

    record Ticket(String number) {
    }

    /**
     * A room (released on compensation, once), a flight whose reply carries the ticket, the pivot
     * (a payment), then archiving, retriable once.
     */
    private static final SagaDefinition<Trip> TRIP = Saga.define("trip", Trip.class)
            .step("reserve-room", s -> s.invoke(HOTEL, "trip.room.reserve", t -> t)
                    .compensateWith(HOTEL, "trip.room.release", t -> t)
                    .compensationRetry(RetryPolicy.none()))
            .step("book-flight", s -> s.invoke(FLIGHTS, "trip.flight.book", t -> t)
                    .onReply(Ticket.class, Trip::withTicket)
                    .compensateWith(FLIGHTS, "trip.flight.cancel", t -> t)
                    .timeout(Duration.ofHours(1)))
            .step("pay", s -> s.local((t, ctx) -> t).pivot())
            .step("archive", s -> s.local((t, ctx) -> {
                throw new IllegalStateException("archive disk full");
            }).retriable().retry(RetryPolicy.none()))
            .build();

    private static List<String> audit(SagaTestHarness harness, String sagaId) {
        return harness.view(sagaId).timeline().stream().filter(e -> e.kind().equals("OPERATOR_ACTION"))
                .map(e -> e.step() + " | " + e.detail()).toList();
    }

    private static TimelineEntry last(SagaTestHarness harness, String sagaId, String kind) {
        return harness.view(sagaId).timeline().stream().filter(e -> e.kind().equals(kind))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static SagaTestHarness harness(Consumer<ParticipantScript> flights) {
        return SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel.on("trip.room.reserve", Reply.success())
                        .on("trip.room.release", Reply.failure("hotel system down")))
                .participant(FLIGHTS, flights)
                .build();
    }

    @Test
    void a_step_whose_reply_never_comes_is_skipped_with_the_operators_result_and_the_saga_goes_on_with_it() {
        SagaTestHarness harness = harness(flights -> flights.on("trip.flight.book", Reply.never()));
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();
        harness.assertThatSaga(trip.id()).hasStep("book-flight", StepStatus.RUNNING);

        OperatorActionResult result = harness.skipStep(trip.id(), "book-flight", new Ticket("TP-123"), "alice",
                "booked by phone with the airline");
        harness.runUntilIdle();

        assertThat(result.accepted()).isTrue();
        assertThat(harness.view(trip.id()).data(Trip.class).ticket()).isEqualTo("TP-123");
        harness.assertThatSaga(trip.id()).hasStep("book-flight", StepStatus.SUCCEEDED)
                .hasStep("pay", StepStatus.SUCCEEDED);
        assertThat(audit(harness, trip.id()))
                .containsExactly("book-flight | skip-step by alice: booked by phone with the airline");
        assertThat(harness.view(trip.id()).timeline()).filteredOn(e -> e.kind().equals("STEP_SUCCEEDED"))
                .extracting(TimelineEntry::step, TimelineEntry::detail)
                .startsWith(tuple("reserve-room", null),
                        tuple("book-flight", "skipped by alice with result {\"number\":\"TP-123\"}"));
    }

    @Test
    void the_retriable_step_that_left_the_saga_failed_is_skipped_and_the_saga_completes() {
        SagaTestHarness harness = harness(flights -> flights.on("trip.flight.book", Reply.success(new Ticket("T-1"))));
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();
        harness.assertThatSaga(trip.id()).isFailed().hasStep("archive", StepStatus.FAILED);

        harness.skipStep(trip.id(), "archive", new Trip("ada", "T-1", true), "bob", "archived by hand");
        harness.runUntilIdle();

        harness.assertThatSaga(trip.id()).isCompleted().hasStep("archive", StepStatus.SUCCEEDED);
        assertThat(harness.view(trip.id()).data(Trip.class).archived()).isTrue();
        assertThat(audit(harness, trip.id())).containsExactly("archive | skip-step by bob: archived by hand");
        assertThat(last(harness, trip.id(), "SAGA_RESUMED").detail()).isEqualTo("running again past step 'archive'");
    }

    @Test
    void a_compensation_that_ran_out_of_attempts_is_skipped_once_done_by_hand_and_the_saga_ends_compensated() {
        SagaTestHarness harness = harness(flights -> flights.on("trip.flight.book", Reply.failure("no seats")));
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();
        harness.assertThatSaga(trip.id()).isFailed().hasStep("reserve-room", StepStatus.COMPENSATION_FAILED);

        OperatorActionResult result = harness.skipStep(trip.id(), "reserve-room", null, "carol",
                "released the room in the hotel's back office");
        harness.runUntilIdle();

        assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
        harness.assertThatSaga(trip.id()).isCompensated().hasStep("reserve-room", StepStatus.COMPENSATED);
        assertThat(audit(harness, trip.id()))
                .containsExactly("reserve-room | skip-step by carol: released the room in the hotel's back office");
    }

    @Test
    void a_failed_saga_is_marked_resolved_and_keeps_what_was_left_for_the_record() {
        SagaTestHarness harness = harness(flights -> flights.on("trip.flight.book", Reply.failure("no seats")));
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();
        harness.assertThatSaga(trip.id()).isFailed();

        OperatorActionResult result = harness.markResolved(trip.id(), "dave", "refunded the guest; room expires");

        assertThat(result.accepted()).isTrue();
        harness.assertThatSaga(trip.id()).isResolved().hasStep("reserve-room", StepStatus.COMPENSATION_FAILED);
        assertThat(audit(harness, trip.id())).containsExactly("null | mark-resolved by dave: refunded the guest; room expires");
        assertThat(last(harness, trip.id(), "SAGA_RESOLVED").detail())
                .isEqualTo("by dave: refunded the guest; room expires; left to compensate: [reserve-room]");
        assertThat(harness.view(trip.id()).wakeAt()).isNull();
    }

    @Test
    void an_operator_cancels_a_running_saga_and_the_trail_says_who() {
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.book", Reply.never()).otherwise(Reply.success()))
                .build();
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();

        CancelResult result = harness.cancel(trip.id(), "erin", "guest called to cancel");
        harness.runUntilIdle();

        assertThat(result.accepted()).isTrue();
        harness.assertThatSaga(trip.id()).isCompensated().compensatedSteps("book-flight", "reserve-room");
        assertThat(harness.view(trip.id()).reason()).isEqualTo("cancelled by erin: guest called to cancel");
        assertThat(audit(harness, trip.id())).containsExactly("null | cancel by erin: guest called to cancel");
    }

    @Test
    void actions_that_do_not_apply_are_refused_with_what_would_and_leave_no_audit_entry() {
        SagaTestHarness harness = harness(flights -> flights.on("trip.flight.book", Reply.never()));
        SagaHandle trip = harness.startSaga(TRIP, new Trip("ada", null, false));
        harness.runUntilIdle();

        OperatorActionResult done = harness.skipStep(trip.id(), "reserve-room", null, "frank", "tidy up");
        OperatorActionResult badResult = harness.skipStep(trip.id(), "book-flight", List.of("not", "a", "ticket"),
                "frank", "tidy up");
        OperatorActionResult resolveRunning = harness.markResolved(trip.id(), "frank", "tidy up");
        OperatorActionResult unknown = harness.skipStep(trip.id(), "rent-car", null, "frank", "tidy up");

        assertThat(done.rejection()).startsWith("step 'reserve-room' is SUCCEEDED: nothing to skip");
        assertThat(badResult.rejection()).startsWith("the result given for step 'book-flight' does not fit it: ");
        assertThat(resolveRunning.rejection()).isEqualTo("saga is RUNNING: only a FAILED saga can be marked resolved");
        assertThat(unknown.rejection()).isEqualTo(
                "saga has no step 'rent-car': name one of [reserve-room, book-flight, pay, archive]");
        assertThat(audit(harness, trip.id())).isEmpty();
        harness.assertThatSaga(trip.id()).hasStatus(SagaStatus.RUNNING).hasStep("book-flight", StepStatus.RUNNING);
    }
}
