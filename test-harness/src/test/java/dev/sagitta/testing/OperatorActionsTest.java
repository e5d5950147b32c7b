package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.OperatorActionResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An operator unsticks sagas: retry now and force compensation, each left in the saga's audit trail. */
class OperatorActionsTest {

    private static final String HOTEL = "hotel-service";
    private static final String FLIGHTS = "flight-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    record Stay(String guest) {
    }

    /** A room (released on compensation, two attempts 1 s apart), then a flight (retried hourly). */
    private static final SagaDefinition<Stay> TRIP = Saga.define("trip", Stay.class)
            .step("reserve-room", s -> s.invoke(HOTEL, "trip.room.reserve", st -> st)
                    .compensateWith(HOTEL, "trip.room.release", st -> st)
                    .compensationRetry(RetryPolicy.fixed(2, Duration.ofSeconds(1))))
            .step("book-flight", s -> s.invoke(FLIGHTS, "trip.flight.book", st -> st)
                    .compensateWith(FLIGHTS, "trip.flight.cancel", st -> st)
                    .retry(RetryPolicy.fixed(3, Duration.ofHours(1))))
            .build();

    private static TimelineEntry lastAudit(SagaTestHarness harness, String sagaId) {
        return harness.view(sagaId).timeline().stream().filter(e -> e.kind().equals("OPERATOR_ACTION"))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void a_compensation_that_ran_out_of_attempts_is_retried_by_an_operator_and_the_saga_finishes_compensating() {
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel
                        .on("trip.room.reserve", Reply.success())
                        .on("trip.room.release", Reply.failure("hotel system down").times(2), Reply.success()))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.book", Reply.failure("no seats")))
                .build();
        SagaHandle trip = harness.startSaga(TRIP, new Stay("ada"));
        harness.advance(Duration.ofMinutes(1));
        harness.assertThatSaga(trip.id()).hasStatus(SagaStatus.FAILED).hasStep("reserve-room", StepStatus.COMPENSATION_FAILED);
        assertThat(harness.view(trip.id()).reason()).contains("still to compensate: [reserve-room]");
        assertThat(harness.view(trip.id()).step("reserve-room").orElseThrow().compensationAttempts()).isEqualTo(2);

        OperatorActionResult result = harness.retryNow(trip.id(), "reserve-room", "alice",
                "hotel system is back");
        harness.runUntilIdle();

        assertThat(result.accepted()).isTrue();
        harness.assertThatSaga(trip.id()).isCompensated().compensatedSteps("reserve-room");
        assertThat(lastAudit(harness, trip.id())).satisfies(audit -> {
            assertThat(audit.step()).isEqualTo("reserve-room");
            assertThat(audit.detail()).isEqualTo("retry-now by alice: hotel system is back");
            assertThat(audit.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        });
    }

    @Test
    void a_step_waiting_for_its_retry_is_tried_at_once_when_an_operator_says_so() {
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights
                        .on("trip.flight.book", Reply.error(ErrorCodes.UNAVAILABLE, "booking system down"), Reply.success()))
                .build();
        SagaHandle trip = harness.startSaga(TRIP, new Stay("ada"));
        harness.advance(Duration.ofMinutes(5));
        harness.assertThatSaga(trip.id()).hasStep("book-flight", StepStatus.WAITING_RETRY);

        harness.retryNow(trip.id(), "book-flight", "bob", "booking system restarted");
        harness.runUntilIdle();

        harness.assertThatSaga(trip.id()).isCompleted();
        assertThat(harness.participant(FLIGHTS).deliveries()).extracting(d -> d.at())
                .containsExactly(T0, T0.plus(Duration.ofMinutes(5)));
        assertThat(lastAudit(harness, trip.id()).detail()).isEqualTo("retry-now by bob: booking system restarted");
    }

    @Test
    void an_operator_forces_a_running_saga_to_compensate() {
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.book", Reply.never()).otherwise(Reply.success()))
                .build();
        SagaHandle trip = harness.startSaga(TRIP, new Stay("ada"));
        harness.runUntilIdle();

        OperatorActionResult result = harness.forceCompensation(trip.id(), "carol", "customer called to cancel");
        harness.runUntilIdle();

        assertThat(result.accepted()).isTrue();
        harness.assertThatSaga(trip.id()).isCompensated().compensatedSteps("book-flight", "reserve-room");
        assertThat(harness.view(trip.id()).reason()).isEqualTo("forced by carol: customer called to cancel");
        assertThat(lastAudit(harness, trip.id()).detail())
                .isEqualTo("force-compensation by carol: customer called to cancel");
    }

    @Test
    void an_action_that_does_not_apply_is_refused_with_what_would_and_changes_nothing() {
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(TRIP)
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights.otherwise(Reply.success()))
                .build();
        SagaHandle trip = harness.startSaga(TRIP, new Stay("ada"));
        harness.runUntilIdle();

        OperatorActionResult retry = harness.retryNow(trip.id(), "reserve-room", "dave", "just in case");
        OperatorActionResult force = harness.forceCompensation(trip.id(), "dave", "just in case");

        assertThat(retry.accepted()).isFalse();
        assertThat(retry.rejection()).startsWith("step 'reserve-room' is SUCCEEDED: nothing to retry");
        assertThat(force.rejection())
                .isEqualTo("saga is COMPLETED: only a RUNNING or FAILED saga can be forced to compensate");
        assertThat(harness.view(trip.id()).timeline()).noneMatch(e -> e.kind().equals("OPERATOR_ACTION"));
        assertThatThrownBy(() -> harness.retryNow(trip.id(), "reserve-room", "dave", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank: say which reason (it goes into the saga's audit trail)");
    }
}
