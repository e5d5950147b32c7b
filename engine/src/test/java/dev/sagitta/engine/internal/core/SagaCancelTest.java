package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.internal.core.TimelineKind.CANCEL_REQUESTED;
import static dev.sagitta.engine.internal.core.TimelineKind.COMPENSATION_STARTED;
import static dev.sagitta.engine.internal.core.TimelineKind.SAGA_COMPENSATED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_COMPENSATING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import org.junit.jupiter.api.Test;

/** An operator or caller asks to stop the saga: accepted only while it can still be undone. */
class SagaCancelTest {

    @Test
    void cancelBeforeThePivotCompensatesTheCompletedAndTheOutstandingStepInReverseOrder() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));

        Transition cancelled = run.cancel("customer changed plans");

        assertThat(cancelled.accepted()).isTrue();
        assertThat(run.timeline()).containsExactly(CANCEL_REQUESTED, COMPENSATION_STARTED, STEP_COMPENSATING);
        assertThat(cancelled.timeline().get(0).detail()).isEqualTo("customer changed plans");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.state().reason()).isEqualTo("cancelled: customer changed plans");
        assertThat(run.state().compensationPlan()).containsExactly("reserve-flight", "reserve-hotel");
        assertThat(run.step("reserve-flight").outcomeUnknown()).isTrue();
        assertThat(cancelled.commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-flight");
            assertThat(command.compensation()).isTrue();
        });

        run.compensated("reserve-flight");
        run.compensated("reserve-hotel");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(run.timeline()).endsWith(SAGA_COMPENSATED);
    }

    @Test
    void cancelWhileTheFirstStepWaitsForItsReplyCompensatesThatStep() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        run.cancel("changed my mind");

        assertThat(run.phase("reserve-hotel")).isEqualTo(StepStatus.COMPENSATING);
        assertThat(run.lastCommand("reserve-hotel", true).attempt()).isEqualTo(1);
    }

    @Test
    void cancelIsRejectedOnceThePivotHasStarted() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        assertThat(run.phase("charge")).isEqualTo(StepStatus.RUNNING);
        SagaState before = run.state();

        Transition refused = run.cancel("too late");

        assertThat(refused.rejection()).isEqualTo("saga has passed its pivot and can no longer be cancelled");
        assertThat(refused.state()).isEqualTo(before);
        assertThat(refused.commands()).isEmpty();
        assertThat(refused.timeline()).isEmpty();
        assertThat(refused.wakeAt()).isEqualTo(run.transitions().get(run.transitions().size() - 2).wakeAt());
    }

    @Test
    void cancelIsRejectedAfterThePivotSucceeded() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.succeed("charge");

        Transition refused = run.cancel("too late");

        assertThat(refused.accepted()).isFalse();
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(run.phase("send-itinerary")).isEqualTo(StepStatus.RUNNING);
    }

    @Test
    void cancelIsRejectedWhenTheSagaHasCompleted() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.localSucceeds("reserve-car", null);
        SagaState before = run.state();

        Transition refused = run.cancel("too late");

        assertThat(refused.rejection()).isEqualTo("saga is already COMPLETED");
        assertThat(refused.state()).isEqualTo(before);
    }

    @Test
    void cancelIsRejectedWhenTheSagaIsCompensatedOrFailed() {
        SagaRun<Trip> compensated = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        compensated.fail("reserve-hotel", "no rooms");
        assertThat(compensated.cancel("again").rejection()).isEqualTo("saga is already COMPENSATED");

        SagaRun<Trip> failed = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        failed.succeed("reserve-hotel", new Reserved("H-1"));
        failed.fail("reserve-flight", "full");
        for (int attempt = 1; failed.status() == SagaStatus.COMPENSATING; attempt++) {
            failed.compensationFails("reserve-hotel", "down " + attempt);
            if (failed.status() == SagaStatus.COMPENSATING) {
                failed.wakeUpWhenDue();
            }
        }
        assertThat(failed.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(failed.step("reserve-hotel").compensationAttempt()).isEqualTo(10);
        assertThat(failed.cancel("again").rejection()).isEqualTo("saga is already FAILED");
    }

    @Test
    void cancelWhileAlreadyCompensatingIsRejected() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.fail("reserve-flight", "full");
        SagaState before = run.state();

        Transition refused = run.cancel("twice");

        assertThat(refused.rejection()).isEqualTo("saga is already COMPENSATING");
        assertThat(refused.state()).isEqualTo(before);
        assertThat(refused.commands()).isEmpty();
    }
}
