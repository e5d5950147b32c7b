package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.internal.core.TimelineKind.COMPENSATION_STARTED;
import static dev.sagitta.engine.internal.core.TimelineKind.RETRY_SCHEDULED;
import static dev.sagitta.engine.internal.core.TimelineKind.SAGA_COMPENSATED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_COMPENSATING;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_FAILED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepBuilder;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.SagaEvent.LocalOutcome;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which failures a step retries, by error code, and which fail it at once. */
class SagaErrorClassificationTest {

    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    /** hotel (3 attempts, 5 s apart, configured further by {@code policy}) -> flight. */
    private static SagaDefinition<Trip> trip(UnaryOperator<StepBuilder<Trip>> policy) {
        return Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> policy.apply(Trips.reserve(s, "hotel").retry(RetryPolicy.fixed(3, RETRY_DELAY))))
                .step("reserve-flight", s -> Trips.reserve(s, "flight"))
                .build();
    }

    private static SagaDefinition<Trip> localTrip(UnaryOperator<StepBuilder<Trip>> policy) {
        return Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("reserve-car", s -> policy.apply(Trips.local(s).retry(RetryPolicy.fixed(3, RETRY_DELAY))))
                .build();
    }

    @Test
    void anUnavailableParticipantIsTriedAgainAfterTheBackoff() {
        SagaRun<Trip> run = SagaRun.start(trip(s -> s), Trip.to("Lisbon"));

        run.failWithCode("reserve-hotel", ErrorCodes.UNAVAILABLE, "hotel system down");

        assertThat(run.timeline()).containsExactly(RETRY_SCHEDULED);
        assertThat(run.step("reserve-hotel")).satisfies(hotel -> {
            assertThat(hotel.phase()).isEqualTo(StepStatus.WAITING_RETRY);
            assertThat(hotel.timerAt()).isEqualTo(run.now().plus(RETRY_DELAY));
            assertThat(hotel.lastError()).isEqualTo("failure reply [unavailable]: hotel system down");
        });
    }

    @Test
    void aValidationErrorCompensatesAtOnceThoughAttemptsAreLeft() {
        SagaRun<Trip> run = SagaRun.start(trip(s -> s), Trip.to("Lisbon"));

        run.failWithCode("reserve-hotel", ErrorCodes.VALIDATION, "no such city");

        assertThat(run.timeline()).containsExactly(STEP_FAILED, COMPENSATION_STARTED, SAGA_COMPENSATED);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(run.step("reserve-hotel").attempt()).isEqualTo(1);
    }

    @Test
    void aRefusalWithoutACodeIsABusinessAnswerAndIsNotRetried() {
        SagaRun<Trip> run = SagaRun.start(trip(s -> s), Trip.to("Lisbon"));

        run.fail("reserve-hotel", "fully booked");

        assertThat(run.timeline()).containsExactly(STEP_FAILED, COMPENSATION_STARTED, SAGA_COMPENSATED);
    }

    @Test
    void aStepRetriesOnAParticipantsOwnCodeWhenToldTo() {
        SagaRun<Trip> run = SagaRun.start(trip(s -> s.retryOn("room-locked")), Trip.to("Lisbon"));

        run.failWithCode("reserve-hotel", "room-locked", "another booking holds the room");

        assertThat(run.timeline()).containsExactly(RETRY_SCHEDULED);
    }

    @Test
    void aStepThatDoesNotRetryOnTimeoutFailsWhenItsReplyIsLate() {
        SagaRun<Trip> run = SagaRun.start(trip(s -> s.doNotRetryOn(ErrorCodes.TIMEOUT)), Trip.to("Lisbon"));

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(STEP_TIMED_OUT, STEP_FAILED, COMPENSATION_STARTED,
                STEP_COMPENSATING);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
    }

    @Test
    void aLocalStepThatThrowsUnexpectedlyIsRetriedUnlessTheStepSaysNot() {
        SagaRun<Trip> retrying = SagaRun.start(localTrip(s -> s), Trip.to("Lisbon"));
        retrying.succeed("reserve-hotel", new Reserved("H-1"));
        retrying.localFails("reserve-car", LocalOutcome.FAILED_TRANSIENT, "java.lang.IllegalStateException: boom");
        assertThat(retrying.timeline()).containsExactly(RETRY_SCHEDULED);

        SagaRun<Trip> failing = SagaRun.start(localTrip(s -> s.doNotRetryOn(ErrorCodes.UNEXPECTED)), Trip.to("Lisbon"));
        failing.succeed("reserve-hotel", new Reserved("H-1"));
        failing.localFails("reserve-car", LocalOutcome.FAILED_TRANSIENT, "java.lang.IllegalStateException: boom");
        assertThat(failing.timeline()).containsExactly(STEP_FAILED, COMPENSATION_STARTED, STEP_COMPENSATING);
        assertThat(failing.state().compensationPlan()).containsExactly("reserve-car", "reserve-hotel");
    }

    @Test
    void aLocalStepFailingWithARetryableCodeIsRetried() {
        SagaRun<Trip> run = SagaRun.start(localTrip(s -> s), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));

        run.apply(new SagaEvent.LocalFinished("reserve-car", 1, false, LocalOutcome.FAILED_BUSINESS, null,
                "car system throttled", ErrorCodes.RATE_LIMITED));

        assertThat(run.timeline()).containsExactly(RETRY_SCHEDULED);
        assertThat(run.step("reserve-car").lastError()).isEqualTo("[rate-limited] car system throttled");
    }
}
