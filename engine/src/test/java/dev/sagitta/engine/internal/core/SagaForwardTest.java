package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.internal.core.TimelineKind.COMMAND_SENT;
import static dev.sagitta.engine.internal.core.TimelineKind.SAGA_COMPLETED;
import static dev.sagitta.engine.internal.core.TimelineKind.SAGA_STARTED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_STARTED;
import static dev.sagitta.engine.internal.core.TimelineKind.STEP_SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saga going forward: commands out, replies and local results in, data mapped, completion. */
class SagaForwardTest {

    private final JacksonPayloadCodec codec = new JacksonPayloadCodec();

    @Test
    void startingASagaSendsTheFirstCommandAndWaitsForItsReplyUntilTheTimeout() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        Transition started = run.last();
        assertThat(started.accepted()).isTrue();
        assertThat(run.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(run.timeline()).containsExactly(SAGA_STARTED, COMMAND_SENT);
        assertThat(started.timeline().get(0).detail()).isEqualTo("trip:v1");
        assertThat(started.commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-hotel");
            assertThat(command.participant()).isEqualTo("hotel-service");
            assertThat(command.messageType()).isEqualTo("trip.hotel.reserve");
            assertThat(command.attempt()).isEqualTo(1);
            assertThat(command.compensation()).isFalse();
            assertThat(command.messageId()).isEqualTo("msg-1");
            assertThat(codec.decode(command.payload(), Trips.Reserve.class)).isEqualTo(new Trips.Reserve("Lisbon"));
        });
        assertThat(started.localTasks()).isEmpty();
        assertThat(run.step("reserve-hotel")).isEqualTo(new StepState("reserve-hotel", StepStatus.RUNNING, 1, 0,
                SagaRun.T0.plus(Trips.TIMEOUT), false, null, 0));
        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.PENDING);
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.PENDING);
        assertThat(started.wakeAt()).isEqualTo(SagaRun.T0.plus(Trips.TIMEOUT));
    }

    @Test
    void theNewSagaKeepsItsIdentityAndEveryStepInDefinitionOrder() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        SagaState state = run.state();
        assertThat(state.sagaId()).isEqualTo("saga-1");
        assertThat(state.sagaType()).isEqualTo("trip");
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.correlationId()).isEqualTo("corr-1");
        assertThat(state.tenantId()).isEqualTo("tenant-a");
        assertThat(state.businessKey()).isEqualTo("booking-42");
        assertThat(state.createdAt()).isEqualTo(SagaRun.T0);
        assertThat(state.stepNames()).containsExactly("reserve-hotel", "reserve-flight", "reserve-car");
        assertThat(state.compensationPlan()).isEmpty();
        assertThat(state.deadlineAt()).isNull();
        assertThat(state.reason()).isNull();
        assertThat(state.historySeq()).isEqualTo(2);
        assertThat(run.last().timeline()).extracting(TimelineEntry::seq).containsExactly(1, 2);
    }

    @Test
    void happyPathRunsRemoteThenLocalStepsMapsRepliesIntoTheDataAndCompletes() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        run.succeed("reserve-hotel", new Reserved("H-1"));
        assertThat(run.timeline()).containsExactly(STEP_SUCCEEDED, COMMAND_SENT);
        assertThat(run.data()).isEqualTo(new Trip("Lisbon", List.of("H-1")));
        assertThat(run.phase("reserve-hotel")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.participant()).isEqualTo("flight-service");
            assertThat(command.attempt()).isEqualTo(1);
            assertThat(command.compensation()).isFalse();
        });

        run.succeed("reserve-flight", new Reserved("F-7"));
        assertThat(run.data().bookings()).containsExactly("H-1", "F-7");
        assertThat(run.timeline()).containsExactly(STEP_SUCCEEDED, STEP_STARTED);
        assertThat(run.last().commands()).isEmpty();
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 1, false));
        assertThat(run.phase("reserve-car")).isEqualTo(StepStatus.RUNNING);
        assertThat(run.last().wakeAt()).as("the local step's lease").isEqualTo(run.now().plus(Trips.TIMEOUT));

        run.localSucceeds("reserve-car", run.data().booked("C-3"));
        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(run.timeline()).containsExactly(STEP_SUCCEEDED, SAGA_COMPLETED);
        assertThat(run.data().bookings()).containsExactly("H-1", "F-7", "C-3");
        assertThat(run.state().steps()).extracting(StepState::phase).containsOnly(StepStatus.SUCCEEDED);
        assertThat(run.state().steps()).extracting(StepState::timerAt).containsOnlyNulls();
        assertThat(run.last().wakeAt()).isNull();
        assertThat(run.allCommands()).extracting(OutgoingCommand::participant)
                .containsExactly("hotel-service", "flight-service");
    }

    @Test
    void eachCommandIsBuiltFromTheDataAsItIsWhenTheStepStarts() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("confirm", s -> s.invoke("mail-service", "trip.mail.confirm",
                        t -> new Trips.CancelBookings(t.bookings())).pivot())
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        run.succeed("reserve-hotel", new Reserved("H-1"));

        assertThat(codec.decode(run.lastCommand("confirm", false).payload(), Trips.CancelBookings.class))
                .isEqualTo(new Trips.CancelBookings(List.of("H-1")));
    }

    @Test
    void aSuccessReplyToAStepWithoutReplyMappingLeavesTheDataAsItIs() {
        SagaRun<Trip> run = SagaRun.start(Trips.tripWithPivot(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));

        run.succeed("charge", new Reserved("ignored"));

        assertThat(run.data().bookings()).containsExactly("H-1", "F-1");
        assertThat(run.phase("charge")).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.lastCommand("send-itinerary", false).participant()).isEqualTo("mail-service");
    }

    @Test
    void aLocalStepThatReturnsNoDataLeavesTheDataAsItIs() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));

        run.localSucceeds("reserve-car", null);

        assertThat(run.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(run.data().bookings()).containsExactly("H-1", "F-1");
    }

    @Test
    void aSagaThatStartsWithALocalStepAsksForItToRun() {
        SagaDefinition<Trip> definition = Saga.define("local-first", Trip.class)
                .step("reserve-car", Trips::local)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .build();

        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        assertThat(run.timeline()).containsExactly(SAGA_STARTED, STEP_STARTED);
        assertThat(run.last().commands()).isEmpty();
        assertThat(run.last().localTasks()).containsExactly(new LocalTask("reserve-car", 1, false));
    }

    @Test
    void commandIdsComeFromTheIdGeneratorOnePerCommand() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));

        assertThat(run.allCommands()).extracting(OutgoingCommand::messageId).containsExactly("msg-1", "msg-2");
    }

    @Test
    void aStartEventForASagaThatAlreadyRunsIsRejectedAndChangesNothing() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        SagaState before = run.state();

        Transition again = run.apply(new SagaEvent.Start("saga-1", "trip", 1, "{}", null, null, null));

        assertThat(again.rejection()).isEqualTo("saga saga-1 has already started");
        assertThat(again.state()).isEqualTo(before);
        assertThat(again.commands()).isEmpty();
        assertThat(again.timeline()).isEmpty();
    }

    @Test
    void aStepWhoseCommandCannotBeBuiltFailsWithoutBeingCompensated() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel"))
                .step("reserve-flight", s -> s.invoke("flight-service", "trip.flight.reserve", t -> {
                    throw new IllegalStateException("no airport in " + t.city());
                }).compensateWith("flight-service", "trip.flight.cancel", t -> t.city()))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));

        run.succeed("reserve-hotel", new Reserved("H-1"));

        assertThat(run.phase("reserve-flight")).isEqualTo(StepStatus.FAILED);
        assertThat(run.step("reserve-flight").lastError()).startsWith("its command could not be built")
                .contains("no airport in Lisbon");
        assertThat(run.last().commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo("reserve-hotel");
            assertThat(command.compensation()).isTrue();
        });
        assertThat(run.state().compensationPlan()).containsExactly("reserve-hotel");
    }
}
