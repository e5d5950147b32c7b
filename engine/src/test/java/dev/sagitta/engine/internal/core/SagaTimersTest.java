package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.internal.core.TimelineKind.COMMAND_SENT;
import static dev.sagitta.engine.internal.core.TimelineKind.COMPENSATION_STARTED;
import static dev.sagitta.engine.internal.core.TimelineKind.DEADLINE_PASSED;
import static dev.sagitta.engine.internal.core.TimelineKind.LEASE_EXPIRED;
import static dev.sagitta.engine.internal.core.TimelineKind.RETRY_SCHEDULED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_COMPENSATING;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_FAILED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_SUCCEEDED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.SagaEvent.LocalOutcome;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Reply timeouts, retries, lease expiry and the saga deadline, all on the virtual clock. */
class SagaTimersTest {

    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    /** hotel -> flight (3 attempts, 5 s apart) -> car (local). */
    private static SagaDefinition<Trip> tripWithFlightRetries(int attempts) {
        return Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("reserve-flight", s -> Trips.reserve(s, "flight").retry(RetryPolicy.fixed(attempts, RETRY_DELAY)))
                .step("reserve-car", Trips::local)
                .build();
    }

    @Test
    void aWakeUpBeforeAnyTimerIsDueChangesNothingButTheClock() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        SagaState before = run.state();

        Transition early = run.after(Duration.ofSeconds(3)).wakeUp();

        assertThat(early.state()).isEqualTo(before);
        assertThat(early.timeline()).isEmpty();
        assertThat(early.commands()).isEmpty();
        assertThat(early.wakeAt()).isEqualTo(SagaRun.T0.plus(Trips.TIMEOUT));
    }

    @Test
    void timeoutThenRetryThenSuccess() {
        SagaRun<Trip> run = SagaRun.start(tripWithFlightRetries(3), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        Instant flightSent = run.now();
        assertThat(run.last().wakeAt()).isEqualTo(flightSent.plus(Trips.TIMEOUT));

        run.wakeUpWhenDue();

        assertThat(run.now()).isEqualTo(flightSent.plus(Trips.TIMEOUT));
        assertThat(run.timeline()).containsExactly(STEP_TIMED_OUT, RETRY_SCHEDULED);
        assertThat(run.last().commands()).isEmpty();
        assertThat(run.step("reserve-flight")).satisfies(flight -> {
            assertThat(flight.phase()).isEqualTo(StepStatus.WAITING_RETRY);
            assertThat(flight.attempt()).isEqualTo(1);
            assertThat(flight.outcomeUnknown()).isTrue();
            assertThat(flight.lastError()).isEqualTo("timed out after PT10S");
            assertThat(flight.timerAt()).isEqualTo(run.now().plus(RETRY_DELAY));
        });
        assertThat(run.last().wakeAt()).isEqualTo(run.now().plus(RETRY_DELAY));

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(COMMAND_SENT);
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-flight");
            assertThat(command.attempt()).isEqualTo(2);
            assertThat(command.compensation()).isFalse();
        });
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.last().wakeAt()).isEqualTo(run.now().plus(Trips.TIMEOUT));

        run.succeed("reserve-flight", new Reserved("F-1"));

        assertThat(run.timeline()).containsExactly(STEP_SUCCEEDED, TimelineKind.STEP_STARTED);
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.data().bookings()).containsExactly("H-1", "F-1");
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
    }

    @Test
    void aRetryWithoutDelaySendsTheNextAttemptInTheSameTransition() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel").retry(RetryPolicy.fixed(2, Duration.ZERO)))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(STEP_TIMED_OUT, COMMAND_SENT);
        assertThat(run.last().commands()).singleElement()
                .satisfies(command -> assertThat(command.attempt()).isEqualTo(2));
    }

    @Test
    void retriesExhaustedThenCompensationIncludingTheTimedOutStep() {
        SagaRun<Trip> run = SagaRun.start(tripWithFlightRetries(2), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.wakeUpWhenDue();
        run.wakeUpWhenDue();
        assertThat(run.lastCommand("reserve-flight", false).attempt()).isEqualTo(2);

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(STEP_TIMED_OUT, STEP_FAILED, COMPENSATION_STARTED,
                STEP_COMPENSATING);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.step("reserve-flight")).satisfies(flight -> {
            assertThat(flight.phase()).isEqualTo(StepStatus.COMPENSATING);
            assertThat(flight.attempt()).isEqualTo(2);
            assertThat(flight.outcomeUnknown()).isTrue();
        });
        assertThat(run.state().compensationPlan()).containsExactly("reserve-flight", "reserve-hotel");
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-flight");
            assertThat(command.participant()).isEqualTo("flight-service");
            assertThat(command.messageType()).isEqualTo("trip.flight.cancel");
            assertThat(command.compensation()).isTrue();
            assertThat(command.attempt()).isEqualTo(1);
        });

        run.compensated("reserve-flight");
        run.compensated("reserve-hotel");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(run.allCommands()).filteredOn(OutgoingCommand::compensation)
                .extracting(OutgoingCommand::step).containsExactly("reserve-flight", "reserve-hotel");
    }

    @Test
    void aStepWithoutRetriesThatTimesOutIsCompensatedBecauseItsOutcomeIsUnknown() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        run.wakeUpWhenDue();

        assertThat(run.phase("reserve-hotel")).isEqualTo(StepStatus.COMPENSATING);
        assertThat(run.lastCommand("reserve-hotel", true).messageType()).isEqualTo("trip.hotel.cancel");
    }

    @Test
    void localStepLeaseExpiryRerunsTheSameAttempt() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 1, false));

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(LEASE_EXPIRED);
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 1, false));
        assertThat(run.step("reserve-car")).satisfies(car -> {
            assertThat(car.phase()).isEqualTo(StepStatus.RUNNING);
            assertThat(car.attempt()).isEqualTo(1);
            assertThat(car.outcomeUnknown()).isFalse();
            assertThat(car.timerAt()).isEqualTo(run.now().plus(Trips.TIMEOUT));
        });
        assertThat(run.last().wakeAt()).isEqualTo(run.now().plus(Trips.TIMEOUT));

        run.localSucceeds("reserve-car", run.data().booked("C-1"));
        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);

        Transition secondRun = run.localSucceeds("reserve-car", run.data().booked("C-1-again"));
        assertThat(secondRun.rejection()).startsWith("late local result");
        assertThat(run.data().bookings()).containsExactly("H-1", "F-1", "C-1");
    }

    @Test
    void aLocalCompensationWhoseLeaseExpiresRunsTheSameCompensationAttemptAgain() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-car", Trips::local)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.localSucceeds("reserve-car", null);
        run.fail("reserve-hotel", "no rooms");

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(LEASE_EXPIRED);
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 1, true));
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.COMPENSATING);
        assertThat(run.step("reserve-car").compensationAttempt()).isEqualTo(1);
    }

    @Test
    void aTransientLocalFailureIsRetriedAfterTheDelay() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-car", s -> Trips.local(s).retry(RetryPolicy.fixed(2, RETRY_DELAY)))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        run.localFails("reserve-car", LocalOutcome.FAILED_TRANSIENT, "java.net.SocketTimeoutException");
        assertThat(run.timeline()).containsExactly(RETRY_SCHEDULED);
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.WAITING_RETRY);
        assertThat(run.step("reserve-car").outcomeUnknown()).as("it threw part-way: it may have done something")
                .isTrue();

        run.wakeUpWhenDue();
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 2, false));

        run.localSucceeds("reserve-car", null);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void aBusinessFailureOfALocalStepIsNotRetried() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-car", s -> Trips.local(s).retry(RetryPolicy.fixed(5, RETRY_DELAY)))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        run.localFails("reserve-car", LocalOutcome.FAILED_BUSINESS, "no cars");

        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.FAILED);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    // ---- deadline

    private static SagaDefinition<Trip> paidTripWithDeadline() {
        return Trips.tripWithPivotBuilder().deadline(Duration.ofMinutes(1)).build();
    }

    @Test
    void theDeadlineIsStoredAtStartAndIsTheWakeUpWhenNoTimerComesFirst() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .deadline(Duration.ofSeconds(5))
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .build();

        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        assertThat(run.state().deadlineAt()).isEqualTo(SagaRun.T0.plus(Duration.ofSeconds(5)));
        assertThat(run.last().wakeAt()).isEqualTo(SagaRun.T0.plus(Duration.ofSeconds(5)));
    }

    @Test
    void theSagaDeadlineBeforeThePivotCompensatesCompletedAndOutstandingSteps() {
        SagaDefinition<Trip> definition = Trips.tripWithPivotBuilder().deadline(Duration.ofSeconds(15)).build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.after(Duration.ofSeconds(8)).succeed("reserve-hotel", new Reserved("H-1"));
        assertThat(run.last().wakeAt()).as("the deadline comes before the flight's timeout")
                .isEqualTo(SagaRun.T0.plus(Duration.ofSeconds(15)));

        run.wakeUpWhenDue();

        assertThat(run.timeline()).containsExactly(DEADLINE_PASSED, COMPENSATION_STARTED, STEP_COMPENSATING);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.state().reason()).isEqualTo("deadline 2030-01-01T09:00:15Z passed");
        assertThat(run.step("reserve-flight")).satisfies(flight -> {
            assertThat(flight.phase()).isEqualTo(StepStatus.COMPENSATING);
            assertThat(flight.outcomeUnknown()).as("abandoned while waiting for its reply").isTrue();
        });
        assertThat(run.state().compensationPlan()).containsExactly("reserve-flight", "reserve-hotel");
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-flight");
            assertThat(command.compensation()).isTrue();
        });
        assertThat(run.phase("charge")).isEqualTo(StepStatus.PENDING);
        assertThat(run.last().wakeAt()).as("no deadline while compensating")
                .isEqualTo(run.now().plus(Trips.TIMEOUT));
    }

    @Test
    void theDeadlineNoLongerWakesTheSagaOnceThePivotHasStarted() {
        SagaRun<Trip> run = SagaRun.start(paidTripWithDeadline(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        assertThat(run.last().wakeAt()).isEqualTo(run.now().plus(Trips.TIMEOUT));

        run.after(Duration.ofSeconds(55)).succeed("reserve-flight", new Reserved("F-1"));

        assertThat(run.phase("charge")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.last().wakeAt()).as("the charge's timeout, past the deadline")
                .isEqualTo(run.now().plus(Trips.TIMEOUT))
                .isAfter(run.state().deadlineAt());
    }

    @Test
    void theSagaDeadlineAfterThePivotIsIgnoredAndTheSagaGoesOn() {
        SagaRun<Trip> run = SagaRun.start(paidTripWithDeadline(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.succeed("charge");
        run.after(Duration.ofSeconds(50)).fail("send-itinerary", "mailbox full");
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.WAITING_RETRY);

        run.after(Duration.ofSeconds(30)).wakeUp();

        assertThat(run.now()).isAfter(run.transitions().get(0).state().deadlineAt());
        assertThat(run.timeline()).containsExactly(DEADLINE_PASSED, COMMAND_SENT);
        assertThat(run.last().timeline().get(0).detail()).isEqualTo("past the pivot: the saga goes on");
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(run.state().deadlineAt()).isNull();
        assertThat(run.state().compensationPlan()).isEmpty();
        assertThat(run.lastCommand("send-itinerary", false).attempt()).isEqualTo(2);

        run.succeed("send-itinerary");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(run.allCommands()).noneMatch(OutgoingCommand::compensation);
    }

    /**
     * The deadline is checked at the start of every event, not only on wake-up: a reply processed after the
     * deadline but before the wake-up must not start the pivot.
     */
    @Test
    void aReplyThatArrivesAfterTheDeadlineDoesNotCarryTheSagaPastItsPivot() {
        SagaDefinition<Trip> definition = Trips.tripWithPivotBuilder().deadline(Duration.ofSeconds(15)).build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.after(Duration.ofSeconds(8)).succeed("reserve-hotel", new Reserved("H-1"));

        run.after(Duration.ofSeconds(9)).succeed("reserve-flight", new Reserved("F-1"));

        assertThat(run.now()).as("2 s past the deadline").isEqualTo(SagaRun.T0.plusSeconds(17));
        assertThat(run.phase("charge")).as("the pivot must not start after the deadline").isEqualTo(StepStatus.PENDING);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
    }

    @Test
    void aWakeUpOfAFinishedSagaIsRejected() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.fail("reserve-hotel", "no rooms");
        SagaState before = run.state();

        Transition late = run.after(Duration.ofMinutes(5)).wakeUp();

        assertThat(late.rejection()).isEqualTo("saga is COMPENSATED");
        assertThat(late.state()).isEqualTo(before);
        assertThat(late.wakeAt()).isNull();
    }
}
