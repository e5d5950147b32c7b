package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.internal.core.TimelineKind.SAGA_FAILED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_FAILED;
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
import org.junit.jupiter.api.Test;

/** hotel, flight -> charge (pivot) -> send-itinerary (retriable): the point of no return and after. */
class SagaPivotAndRetriableTest {

    private static SagaRun<Trip> charged(SagaDefinition<Trip> definition) {
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.succeed("charge");
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.RUNNING);
        return run;
    }

    @Test
    void aRetriableStepAfterThePivotIsRetriedUntilItSucceedsAndNothingIsCompensated() {
        SagaRun<Trip> run = charged(Trips.tripWithPivot());

        long[] expectedDelays = {1, 2, 4, 8, 16, 32, 60, 60};
        for (int attempt = 1; attempt <= expectedDelays.length; attempt++) {
            run.fail("send-itinerary", "mailbox full");
            assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
            assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.WAITING_RETRY);
            assertThat(run.last().wakeAt()).as("delay before attempt %d", attempt + 1)
                    .isEqualTo(run.now().plusSeconds(expectedDelays[attempt - 1]));
            run.wakeUpWhenDue();
            assertThat(run.lastCommand("send-itinerary", false).attempt()).isEqualTo(attempt + 1);
        }

        run.succeed("send-itinerary");

        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(run.step("send-itinerary").attempt()).isEqualTo(9);
        assertThat(run.allCommands()).noneMatch(OutgoingCommand::compensation);
        assertThat(run.statusChanges()).extracting(SagaRun.StatusChange::to).containsExactly(SagaStatus.COMPLETED);
    }

    @Test
    void aRetriableStepThatGetsNoReplyIsRetriedToo() {
        SagaRun<Trip> run = charged(Trips.tripWithPivot());

        run.wakeUpWhenDue();
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.WAITING_RETRY);
        run.wakeUpWhenDue();

        assertThat(run.lastCommand("send-itinerary", false).attempt()).isEqualTo(2);
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
    }

    @Test
    void aRetriableLocalStepIsRetriedEvenAfterABusinessFailure() {
        SagaDefinition<Trip> definition = Saga.define("paid-trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .step("archive", s -> s.local((t, ctx) -> t).retriable())
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.localSucceeds("charge", null);

        run.localFails("archive", LocalOutcome.FAILED_BUSINESS, "archive refused");

        assertThat(run.phase("archive")).isEqualTo(StepStatus.WAITING_RETRY);
        run.wakeUpWhenDue();
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("archive", 2, false));
    }

    @Test
    void aRetriableStepThatRunsOutOfAFiniteRetryPolicyLeavesTheSagaFailed() {
        SagaDefinition<Trip> definition = Saga.define("paid-trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("reserve-flight", s -> Trips.reserve(s, "flight"))
                .step("charge", s -> s.invoke("payment-service", "trip.payment.charge", Trip::city).pivot())
                .step("send-itinerary", s -> s.invoke("mail-service", "trip.itinerary.send", Trip::city)
                        .retriable().retry(RetryPolicy.fixed(2, Duration.ofSeconds(1))))
                .build();
        SagaRun<Trip> run = charged(definition);
        run.fail("send-itinerary", "mailbox full");
        run.wakeUpWhenDue();

        run.fail("send-itinerary", "mailbox gone");

        assertThat(run.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(run.timeline()).containsExactly(STEP_FAILED, SAGA_FAILED);
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.FAILED);
        assertThat(run.state().reason()).isEqualTo("step 'send-itinerary' failed: failure reply: mailbox gone"
                + " (retriable step out of attempts; the saga is past its pivot and cannot be undone)");
        assertThat(run.state().compensationPlan()).isEmpty();
        assertThat(run.allCommands()).noneMatch(OutgoingCommand::compensation);
        assertThat(run.phase("reserve-hotel")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.last().wakeAt()).isNull();
        assertThat(run.statusChanges()).containsExactly(
                new SagaRun.StatusChange(SagaStatus.RUNNING, SagaStatus.FAILED));
    }

    @Test
    void aPivotThatFailsCompensatesTheStepsBeforeItButNotItself() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));

        run.fail("charge", "card declined");

        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.phase("charge")).isEqualTo(StepStatus.FAILED);
        assertThat(run.state().compensationPlan()).containsExactly("reserve-flight", "reserve-hotel");
        run.compensated("reserve-flight");
        run.compensated("reserve-hotel");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.PENDING);
    }

    /**
     * The pivot got no reply, so whether it took effect is unknown: neither compensating the earlier steps
     * nor going on is safe, so the saga is parked as FAILED for an operator, with nothing undone.
     */
    @Test
    void aPivotWhoseOutcomeIsUnknownParksTheSagaInsteadOfCompensating() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));

        run.wakeUpWhenDue();

        assertThat(run.step("charge").outcomeUnknown()).isTrue();
        assertThat(run.phase("charge")).isEqualTo(StepStatus.FAILED);
        assertThat(run.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(run.state().reason()).contains("pivot may have taken effect");
        assertThat(run.allCommands()).noneMatch(OutgoingCommand::compensation);
    }

    @Test
    void theDeadlineStopsApplyingWhileThePivotWaitsForARetry() {
        SagaDefinition<Trip> definition = Saga.define("paid-trip", Trip.class)
                .deadline(Duration.ofSeconds(30))
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("charge", s -> s.invoke("payment-service", "trip.payment.charge", Trip::city)
                        .timeout(Trips.TIMEOUT).retry(RetryPolicy.fixed(3, Duration.ofSeconds(40))).pivot())
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));

        run.wakeUpWhenDue();
        Instant retryAt = run.now().plusSeconds(40);

        assertThat(run.phase("charge")).isEqualTo(StepStatus.WAITING_RETRY);
        assertThat(run.last().wakeAt()).isEqualTo(retryAt).isAfter(run.state().deadlineAt());
        assertThat(run.cancel("stop").accepted()).isFalse();
    }
}
