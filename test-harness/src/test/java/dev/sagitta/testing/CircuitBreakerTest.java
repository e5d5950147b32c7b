package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.WhenCircuitOpen;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One Resilience4j circuit breaker per participant, in virtual time: it opens after failures; while
 * it is open, steps aimed at that participant send nothing and use no attempts, and wait for it; when
 * it half-opens and its trial call succeeds, it closes and they go on. A step can also give up and
 * compensate after the breaker has been open too long, or fail fast.
 */
class CircuitBreakerTest {

    private static final String HOTEL = "hotel-service";
    private static final String FLIGHTS = "flight-service";
    private static final String PAYMENTS = "payment-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    record Trip(String guest) {
    }

    /** Opens when half of the last 4 calls failed; tries one call again after {@code openFor}. */
    private static CircuitBreakerConfig breakers(Duration openFor) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(4, 4, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(Duration.ofMinutes(5))
                .build();
    }

    /** A room, then a flight retried 3 times 10 s apart, doing {@code whenOpen} while the airline's breaker is open. */
    private static SagaDefinition<Trip> trip(WhenCircuitOpen whenOpen) {
        return Saga.define("trip", Trip.class)
                .step("reserve-room", s -> s.invoke(HOTEL, "trip.room.reserve", t -> t)
                        .compensateWith(HOTEL, "trip.room.release", t -> t))
                .step("book-flight", s -> s.invoke(FLIGHTS, "trip.flight.book", t -> t)
                        .compensateWith(FLIGHTS, "trip.flight.cancel", t -> t)
                        .retry(RetryPolicy.fixed(3, Duration.ofSeconds(10)))
                        .whenCircuitOpen(whenOpen))
                .build();
    }

    private static List<SagaHandle> startTrips(SagaTestHarness harness, SagaDefinition<Trip> trip, int count) {
        List<SagaHandle> trips = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> trips.add(harness.startSaga(trip, new Trip("guest-" + i))));
        return trips;
    }

    private static int flightAttempts(SagaTestHarness harness, SagaHandle trip) {
        return harness.view(trip.id()).step("book-flight").orElseThrow().attempts();
    }

    @Test
    void sagas_wait_unsent_while_the_breaker_is_open_and_go_on_once_its_trial_call_closes_it() {
        SagaDefinition<Trip> trip = trip(WhenCircuitOpen.waitIndefinitely());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(trip)
                .engine(engine -> engine.circuitBreakers(breakers(Duration.ofMinutes(1))).meterRegistry(meters))
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.book",
                        Reply.error(ErrorCodes.UNAVAILABLE, "booking system down"), Reply.success()))
                .build();
        List<String> transitions = new CopyOnWriteArrayList<>();
        harness.engine().circuitBreakers().getEventPublisher().onEntryAdded(added -> added.getAddedEntry()
                .getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().name())));

        List<SagaHandle> trips = startTrips(harness, trip, 4);
        harness.advance(Duration.ofSeconds(10));
        SagaHandle late = harness.startSaga(trip, new Trip("late-guest"));
        harness.runUntilIdle();

        // Open since T0: the retries due at +10 s and the new saga wait, nothing sent, no attempt used.
        assertThat(transitions).containsExactly("CLOSED_TO_OPEN");
        trips.forEach(t -> harness.assertThatSaga(t.id()).hasStep("book-flight", StepStatus.WAITING_CIRCUIT));
        harness.assertThatSaga(late.id()).hasStep("book-flight", StepStatus.WAITING_CIRCUIT);
        assertThat(trips).allSatisfy(t -> assertThat(flightAttempts(harness, t)).isEqualTo(1));
        assertThat(flightAttempts(harness, late)).isZero();
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(4);
        assertThat(harness.view(late.id()).timeline()).filteredOn(e -> e.kind().equals("CIRCUIT_OPEN"))
                .extracting(TimelineEntry::detail).containsExactly("circuit breaker of flight-service open since "
                        + T0 + ": attempt 1 waits, unsent, until " + T0.plus(Duration.ofMinutes(1)).plusMillis(1));

        harness.advance(Duration.ofMinutes(2));

        assertThat(transitions).containsExactly("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
        trips.forEach(t -> harness.assertThatSaga(t.id()).isCompleted());
        harness.assertThatSaga(late.id()).isCompleted();
        assertThat(trips).allSatisfy(t -> assertThat(flightAttempts(harness, t)).isEqualTo(2));
        // Each saga's first booking fails (the script answers per saga), the late one's too, once it is sent.
        assertThat(flightAttempts(harness, late)).isEqualTo(2);
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(10)
                .filteredOn(d -> d.at().isAfter(T0) && d.at().isBefore(T0.plus(Duration.ofMinutes(1)))).isEmpty();
        assertThat(harness.engine().circuitBreakers().circuitBreaker(FLIGHTS).getState())
                .isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", FLIGHTS, "state", "closed")
                .gauge().value()).isEqualTo(1.0);

        // A restarted engine has fresh breakers; the old ones' meters leave with it.
        harness.crashAndRestart();
        assertThat(meters.find("resilience4j.circuitbreaker.state").tags("name", FLIGHTS).gauges()).isEmpty();
    }

    /** The airline answers every booking with unavailable; its breaker, once open, waits 10 minutes. */
    private static SagaTestHarness airlineAlwaysDown(SagaDefinition<Trip> trip) {
        return SagaTestHarness.builder().startAt(T0).register(trip)
                .engine(engine -> engine.circuitBreakers(breakers(Duration.ofMinutes(10))))
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.book",
                        Reply.error(ErrorCodes.UNAVAILABLE, "booking system down")).otherwise(Reply.success()))
                .build();
    }

    @Test
    void a_step_whose_participant_stays_unavailable_past_its_patience_gives_up_and_the_saga_compensates() {
        SagaDefinition<Trip> trip = trip(WhenCircuitOpen.compensateAfter(Duration.ofMinutes(5)));
        SagaTestHarness harness = airlineAlwaysDown(trip);

        List<SagaHandle> trips = startTrips(harness, trip, 4);
        harness.advance(Duration.ofMinutes(4));
        trips.forEach(t -> harness.assertThatSaga(t.id()).hasStep("book-flight", StepStatus.WAITING_CIRCUIT));

        harness.advance(Duration.ofMinutes(1));

        trips.forEach(t -> harness.assertThatSaga(t.id()).isCompensated().compensatedSteps("reserve-room"));
        assertThat(trips).allSatisfy(t -> assertThat(flightAttempts(harness, t)).isEqualTo(1));
        assertThat(harness.view(trips.get(0).id()).step("book-flight").orElseThrow().lastError())
                .isEqualTo("circuit breaker of flight-service open since " + T0 + ", longer than PT5M");
        assertThat(harness.participant(HOTEL).deliveries())
                .filteredOn(d -> d.command().messageType().equals("trip.room.release")).hasSize(4).allSatisfy(d -> assertThat(d.at()).isEqualTo(T0.plus(Duration.ofMinutes(5))));
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(4);
    }

    @Test
    void a_step_that_fails_fast_uses_its_attempts_without_sending_and_the_saga_compensates() {
        SagaDefinition<Trip> trip = trip(WhenCircuitOpen.failFast());
        SagaTestHarness harness = airlineAlwaysDown(trip);

        List<SagaHandle> trips = startTrips(harness, trip, 4);
        harness.advance(Duration.ofSeconds(10));

        // Attempt 2 fails at once, unsent; attempt 3 is not tried before the breaker could let a call through.
        assertThat(harness.view(trips.get(0).id()).timeline()).filteredOn(e -> e.kind().equals("RETRY_SCHEDULED"))
                .extracting(TimelineEntry::detail).last().isEqualTo("attempt 3 at "
                        + T0.plus(Duration.ofMinutes(10)).plusMillis(1) + " after: circuit breaker of flight-service"
                        + " open since " + T0);
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(4);

        harness.advance(Duration.ofMinutes(11));

        // Then one saga's attempt is the half-open breaker's trial call (it fails again); the others fail fast.
        trips.forEach(t -> harness.assertThatSaga(t.id()).isCompensated().compensatedSteps("reserve-room"));
        assertThat(trips).allSatisfy(t -> assertThat(flightAttempts(harness, t)).isEqualTo(3));
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(5);
    }

    @Test
    void a_compensation_waits_unsent_while_the_breaker_is_open_and_runs_once_it_closes() {
        SagaDefinition<Trip> trip = Saga.define("paid-trip", Trip.class)
                .step("book-flight", s -> s.invoke(FLIGHTS, "trip.flight.book", t -> t)
                        .compensateWith(FLIGHTS, "trip.flight.cancel", t -> t)
                        .compensationRetry(RetryPolicy.fixed(5, Duration.ofSeconds(10))))
                .step("charge", s -> s.invoke(PAYMENTS, "trip.card.charge", t -> t)
                        .compensateWith(PAYMENTS, "trip.card.refund", t -> t))
                .build();
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(trip)
                .engine(engine -> engine.circuitBreakers(breakers(Duration.ofMinutes(1))))
                .participant(FLIGHTS, flights -> flights.on("trip.flight.cancel",
                        Reply.error(ErrorCodes.UNAVAILABLE, "booking system down"), Reply.success()))
                .participant(PAYMENTS, payments -> payments.on("trip.card.charge", Reply.failure("card declined")))
                .build();

        // Two bookings and two failed cancellations: the 4 calls the breaker needs, half failed.
        List<SagaHandle> trips = startTrips(harness, trip, 2);
        harness.advance(Duration.ofSeconds(30));

        trips.forEach(t -> harness.assertThatSaga(t.id())
                .hasStep("book-flight", StepStatus.COMPENSATION_WAITING_CIRCUIT));
        assertThat(trips).allSatisfy(t -> assertThat(harness.view(t.id()).step("book-flight").orElseThrow()
                .compensationAttempts()).isEqualTo(1));

        harness.advance(Duration.ofMinutes(1));

        trips.forEach(t -> harness.assertThatSaga(t.id()).isCompensated().compensatedSteps("book-flight"));
        assertThat(trips).allSatisfy(t -> assertThat(harness.view(t.id()).step("book-flight").orElseThrow()
                .compensationAttempts()).isEqualTo(2));
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(6)
                .filteredOn(d -> d.at().isAfter(T0) && d.at().isBefore(T0.plus(Duration.ofMinutes(1)))).isEmpty();
    }

    @Test
    void a_pivot_held_back_before_its_first_attempt_has_not_started_so_the_saga_can_still_be_cancelled() {
        SagaDefinition<Trip> trip = Saga.define("paid-trip", Trip.class)
                .step("reserve-room", s -> s.invoke(HOTEL, "trip.room.reserve", t -> t)
                        .compensateWith(HOTEL, "trip.room.release", t -> t))
                .step("book-flight", s -> s.invoke(FLIGHTS, "trip.flight.book", t -> t).pivot())
                .build();
        SagaTestHarness harness = airlineAlwaysDown(trip);
        List<SagaHandle> failed = startTrips(harness, trip, 4);
        harness.advance(Duration.ofSeconds(10));
        failed.forEach(t -> harness.assertThatSaga(t.id()).isCompensated());

        SagaHandle held = harness.startSaga(trip, new Trip("held-back"));
        harness.assertThatSaga(held.id()).hasStep("book-flight", StepStatus.WAITING_CIRCUIT);
        CancelResult cancel = harness.cancel(held.id(), "erin", "guest gave up waiting");
        harness.runUntilIdle();

        assertThat(cancel.accepted()).isTrue();
        harness.assertThatSaga(held.id()).isCompensated().compensatedSteps("reserve-room")
                .hasStep("book-flight", StepStatus.PENDING);
        assertThat(harness.participant(FLIGHTS).deliveries()).hasSize(4);
    }
}
