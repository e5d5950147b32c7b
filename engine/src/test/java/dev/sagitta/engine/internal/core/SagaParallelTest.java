package dev.sagitta.engine.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** hotel -> parallel [flight, car, train] -> confirm: fork, join, and undoing a group. */
class SagaParallelTest {

    private static SagaRun<Trip> hotelBooked() {
        SagaRun<Trip> run = SagaRun.start(Trips.parallelTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        return run;
    }

    @Test
    void allStepsOfTheGroupStartTogether() {
        SagaRun<Trip> run = hotelBooked();

        assertThat(run.last().commands()).extracting(OutgoingCommand::step)
                .containsExactly("reserve-flight", "reserve-car", "reserve-train");
        assertThat(run.last().commands()).extracting(OutgoingCommand::participant)
                .containsExactly("flight-service", "car-service", "train-service");
        assertThat(run.last().commands()).allSatisfy(command -> {
            assertThat(command.attempt()).isEqualTo(1);
            assertThat(command.compensation()).isFalse();
        });
        assertThat(run.timeline()).containsExactly(TimelineKind.STEP_SUCCEEDED, TimelineKind.COMMAND_SENT,
                TimelineKind.COMMAND_SENT, TimelineKind.COMMAND_SENT);
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.phase("reserve-train")).isEqualTo(StepStatus.RUNNING);
    }

    @Test
    void theStageWaitsForEveryBranchBeforeTheNextStepStarts() {
        SagaRun<Trip> run = hotelBooked();

        run.succeed("reserve-train", new Reserved("T-1"));
        assertThat(run.last().commands()).isEmpty();
        assertThat(run.last().localTasks()).isEmpty();
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);

        run.succeed("reserve-flight", new Reserved("F-1"));
        assertThat(run.last().localTasks()).isEmpty();
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);

        run.succeed("reserve-car", new Reserved("C-1"));
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("confirm", 1, false));
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.data().bookings()).containsExactly("H-1", "T-1", "F-1", "C-1");

        run.localSucceeds("confirm", null);
        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void aBranchWaitingForARetryKeepsTheStageOpenUntilItsRetrySucceeds() {
        SagaDefinition<Trip> definition = Saga.define("group-trip", Trip.class)
                .parallel("book", p -> p
                        .step("reserve-flight", s -> Trips.reserve(s, "flight"))
                        .step("reserve-train", s -> Trips.reserve(s, "train")
                                .retry(RetryPolicy.fixed(2, Duration.ofSeconds(5)))))
                .step("confirm", s -> s.local((t, ctx) -> t).pivot())
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.after(Duration.ofSeconds(1)).succeed("reserve-flight", new Reserved("F-1"));

        run.wakeUpWhenDue();
        assertThat(run.phase("reserve-train")).isEqualTo(StepStatus.WAITING_RETRY);
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);

        run.wakeUpWhenDue();
        assertThat(run.lastCommand("reserve-train", false).attempt()).isEqualTo(2);
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);

        run.succeed("reserve-train", new Reserved("T-1"));
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("confirm", 1, false));
    }

    @Test
    void aBranchTimingOutWithoutRetriesIsItselfCompensatedFirst() {
        SagaRun<Trip> run = hotelBooked();
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.succeed("reserve-car", new Reserved("C-1"));

        run.wakeUpWhenDue();

        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.step("reserve-train").outcomeUnknown()).isTrue();
        assertThat(run.state().compensationPlan())
                .containsExactly("reserve-train", "reserve-car", "reserve-flight", "reserve-hotel");
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);
    }

    @Test
    void oneBranchFailingCompensatesCompletedAndStillRunningSiblingsInReverseOrder() {
        SagaRun<Trip> run = hotelBooked();
        run.succeed("reserve-flight", new Reserved("F-1"));

        run.fail("reserve-car", "no cars");

        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.FAILED);
        assertThat(run.step("reserve-train").outcomeUnknown()).as("abandoned while running").isTrue();
        assertThat(run.state().compensationPlan())
                .containsExactly("reserve-train", "reserve-flight", "reserve-hotel");
        assertThat(run.last().timeline().get(1).detail()).endsWith("to undo: [reserve-train, reserve-flight,"
                + " reserve-hotel]");
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-train");
            assertThat(command.compensation()).isTrue();
        });
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.SUCCEEDED);

        run.compensated("reserve-train");
        assertThat(run.lastCommand("reserve-flight", true).attempt()).isEqualTo(1);
        run.compensated("reserve-flight");
        assertThat(run.lastCommand("reserve-hotel", true).attempt()).isEqualTo(1);
        run.compensated("reserve-hotel");

        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(run.allCommands()).filteredOn(OutgoingCommand::compensation).extracting(OutgoingCommand::step)
                .containsExactly("reserve-train", "reserve-flight", "reserve-hotel");
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.FAILED);
        assertThat(run.phase("confirm")).isEqualTo(StepStatus.PENDING);
    }

    @Test
    void whenTheFailingBranchRepliesLastItsSiblingsAreUndoneInReverseDeclarationOrder() {
        SagaRun<Trip> run = hotelBooked();
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.succeed("reserve-train", new Reserved("T-1"));

        run.fail("reserve-car", "no cars");
        assertThat(run.state().compensationPlan()).containsExactly("reserve-train", "reserve-flight", "reserve-hotel");

        run.compensated("reserve-train");
        run.compensated("reserve-flight");
        run.compensated("reserve-hotel");
        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void aLateSuccessFromAnAbandonedSiblingIsIgnoredAndItIsStillCompensated() {
        SagaRun<Trip> run = hotelBooked();
        run.fail("reserve-car", "no cars");
        assertThat(run.state().compensationPlan())
                .containsExactly("reserve-train", "reserve-flight", "reserve-hotel");
        SagaState before = run.state();

        Transition late = run.succeed("reserve-flight", new Reserved("F-1"));

        assertThat(late.rejection()).startsWith("late reply");
        assertThat(run.timeline()).containsExactly(TimelineKind.MESSAGE_IGNORED);
        assertThat(run.state().compensationPlan()).isEqualTo(before.compensationPlan());
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.ABANDONED);
        assertThat(run.data().bookings()).containsExactly("H-1");
    }

    @Test
    void twoBranchesTimingOutInOneWakeUpStartOneCompensation() {
        SagaRun<Trip> run = hotelBooked();
        run.succeed("reserve-car", new Reserved("C-1"));

        run.wakeUpWhenDue();

        assertThat(run.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(run.last().timeline()).filteredOn(e -> e.kind() == TimelineKind.COMPENSATION_STARTED).hasSize(1);
        assertThat(run.state().compensationPlan())
                .containsExactly("reserve-train", "reserve-car", "reserve-flight", "reserve-hotel");
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-train");
            assertThat(command.compensation()).isTrue();
        });
    }
}
