package dev.sagitta.testing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.testing.Participant;
import dev.sagitta.testing.ParticipantResponse;
import dev.sagitta.testing.SagaTestHarness;
import dev.sagitta.testing.store.TripFixture.Booked;
import dev.sagitta.testing.store.TripFixture.Trip;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's behaviour, run on a real engine over the store a subclass supplies, in virtual time:
 * every store must make these pass. Each test reads as the scenario it proves.
 */
public abstract class SagaEngineContract {

    private static final Duration LONG_ENOUGH = Duration.ofMinutes(10);

    private final SagaDefinition<Trip> trip = TripFixture.sequential();
    private final SagaDefinition<Trip> parallelTrip = TripFixture.parallel();
    private final SagaDefinition<Trip> deadlineTrip = TripFixture.withDeadline(Duration.ofMinutes(1));
    private final Map<String, Participant> services = new HashMap<>();
    private SagaTestHarness harness;

    /** A fresh, empty store for one test. */
    protected abstract SagaStore newStore();

    @BeforeEach
    void everyServiceAgreesByDefault() {
        for (String service : List.of("hotel-service", "flight-service", "car-service", "mail-service")) {
            services.put(service, booking(service));
        }
    }

    private SagaTestHarness harness() {
        if (harness == null) {
            SagaTestHarness.Builder builder = SagaTestHarness.builder()
                    .store(newStore())
                    .register(trip, parallelTrip, deadlineTrip);
            // Scripts are looked up at delivery time, so a test may change them after start.
            services.keySet().forEach(name -> {
                Participant lookedUp = command -> services.get(name).respond(command);
                builder.customParticipant(name, lookedUp);
            });
            harness = builder.build();
        }
        return harness;
    }

    private static Participant booking(String service) {
        return command -> List.of(ParticipantResponse.success(
                command.compensation() ? null : new Booked(service + ":" + command.idempotencyKey())));
    }

    private static Participant refusing(String forwardType) {
        return command -> command.messageType().equals(forwardType)
                ? List.of(ParticipantResponse.failure("no availability"))
                : List.of(ParticipantResponse.success(null));
    }

    private static Participant answering(Function<CommandMessage, List<ParticipantResponse>> script) {
        return script::apply;
    }

    // ---- forward

    @Test
    void happyPathRunsEveryStepInOrderAndCompletes() {
        SagaHandle saga = harness().startSaga(trip, Trip.to("Lisbon"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        SagaView view = harness().view(saga.id());
        assertThat(view.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
        assertThat(commandTypes()).containsExactly("trip.hotel.reserve", "trip.flight.reserve", "trip.car.reserve",
                "trip.itinerary.send");
        Trip data = view.data(Trip.class);
        assertThat(data.hotel()).isEqualTo("hotel-service:" + saga.id() + ":hotel");
        assertThat(data.flight()).startsWith("flight-service:");
        assertThat(data.car()).startsWith("car-service:");
        assertThat(data.paid()).isTrue();
        assertThat(data.confirmed()).isTrue();
        assertThat(kinds(view)).startsWith("SAGA_STARTED").endsWith("SAGA_COMPLETED");
    }

    @ParameterizedTest(name = "failure at {0} undoes [{1}]")
    @CsvSource(delimiter = ';', value = {
        "hotel;",
        "flight;trip.hotel.cancel",
        "car;trip.flight.cancel,trip.hotel.cancel",
        "payment;trip.car.cancel,trip.flight.cancel,trip.hotel.cancel",
        "confirm;payment,trip.car.cancel,trip.flight.cancel,trip.hotel.cancel"
    })
    void businessFailureAtAStepUndoesOnlyTheStepsBeforeItInReverseOrder(String failingStep, String undone) {
        Trip data = Trip.to("Oslo");
        switch (failingStep) {
            case "hotel" -> services.put("hotel-service", refusing("trip.hotel.reserve"));
            case "flight" -> services.put("flight-service", refusing("trip.flight.reserve"));
            case "car" -> services.put("car-service", refusing("trip.car.reserve"));
            default -> data = data.failingAt(failingStep);
        }

        SagaHandle saga = harness().startSaga(trip, data);

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPENSATED);
        List<String> expected = undone == null ? List.of() : List.of(undone.split(","));
        assertThat(compensationsInOrder(saga.id())).containsExactlyElementsOf(expected);
        assertThat(harness().view(saga.id()).step(failingStep).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(harness().view(saga.id()).reason()).contains(failingStep);
    }

    @Test
    void aTimedOutAttemptIsRetriedAndTheSagaCompletes() {
        services.put("hotel-service", answering(command -> command.attempt() == 1 && !command.compensation()
                ? List.of() : List.of(ParticipantResponse.success(new Booked("H-retry")))));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Rome"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        assertThat(harness().transport().sentTo("hotel-service")).extracting(CommandMessage::attempt)
                .containsExactly(1, 2);
        assertThat(harness().view(saga.id()).data(Trip.class).hotel()).isEqualTo("H-retry");
        assertThat(kinds(harness().view(saga.id()))).contains("STEP_TIMED_OUT");
    }

    @Test
    void whenRetriesRunOutTheUnansweredStepIsCompensatedToo() {
        services.put("flight-service", answering(command -> command.compensation()
                ? List.of(ParticipantResponse.success(null)) : List.of()));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Rome"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(harness().transport().sentTo("flight-service")).extracting(CommandMessage::attempt)
                .containsExactly(1, 2, 1);
        // Its outcome is unknown, so the flight is cancelled as well as the hotel, in reverse order.
        assertThat(compensationsInOrder(saga.id())).containsExactly("trip.flight.cancel", "trip.hotel.cancel");
    }

    @Test
    void aCompensationThatKeepsFailingParksTheSagaAsFailedWithWhatIsLeft() {
        services.put("car-service", refusing("trip.car.reserve"));
        services.put("hotel-service", answering(command -> command.compensation()
                ? List.of(ParticipantResponse.failure("hotel system down"))
                : List.of(ParticipantResponse.success(new Booked("H1")))));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Paris"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.FAILED);
        SagaView view = harness().view(saga.id());
        assertThat(view.step("hotel").orElseThrow().status()).isEqualTo(StepStatus.COMPENSATION_FAILED);
        assertThat(view.step("flight").orElseThrow().status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(view.reason()).contains("hotel").contains("3 attempts").contains("[hotel]");
        assertThat(harness().transport().sentTo("hotel-service")).filteredOn(CommandMessage::compensation)
                .hasSize(3);
    }

    @Test
    void aRetriableStepAfterThePivotIsRetriedUntilItSucceedsAndNeverUndone() {
        services.put("mail-service", answering(command -> command.attempt() < 4
                ? List.of(ParticipantResponse.failure("mailbox full"))
                : List.of(ParticipantResponse.success(null))));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Porto"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        assertThat(harness().transport().sentTo("mail-service")).hasSize(4);
        assertThat(compensationsInOrder(saga.id())).isEmpty();
    }

    // ---- deadline and cancel

    @Test
    void aSagaStillRunningAtItsDeadlineIsCompensated() {
        services.put("car-service", answering(command -> command.compensation()
                ? List.of(ParticipantResponse.success(null)) : List.of()));

        SagaHandle saga = harness().startSaga(deadlineTrip, Trip.to("Madrid"));
        harness().advance(Duration.ofSeconds(59));
        assertThat(harness().view(saga.id()).status()).isEqualTo(SagaStatus.RUNNING);

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(harness().view(saga.id()).reason()).contains("deadline");
        assertThat(compensationsInOrder(saga.id())).containsExactly("trip.car.cancel", "trip.hotel.cancel");
    }

    @Test
    void cancelCompensatesARunningSagaAndIsRefusedOnceItFinished() {
        services.put("car-service", answering(command -> command.compensation()
                ? List.of(ParticipantResponse.success(null)) : List.of()));
        SagaHandle saga = harness().startSaga(trip, Trip.to("Vienna"));

        CancelResult cancelled = harness().cancel(saga.id(), "customer changed their mind");

        assertThat(cancelled.accepted()).isTrue();
        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(compensationsInOrder(saga.id()))
                .containsExactly("trip.car.cancel", "trip.flight.cancel", "trip.hotel.cancel");
        CancelResult again = harness().cancel(saga.id(), "twice");
        assertThat(again.accepted()).isFalse();
        assertThat(again.rejection()).contains("COMPENSATED");
    }

    // ---- parallel

    @Test
    void aParallelGroupStartsTogetherAndWaitsForAllBranches() {
        SagaHandle saga = harness().startSaga(parallelTrip, Trip.to("Berlin"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        Trip data = harness().view(saga.id()).data(Trip.class);
        assertThat(data.hotel()).isNotNull();
        assertThat(data.flight()).isNotNull();
        assertThat(data.car()).isNotNull();
        assertThat(data.paid()).isTrue();
    }

    @Test
    void whenOneParallelBranchFailsItsCompletedSiblingsAreCompensated() {
        services.put("car-service", answering(command -> List.of(ParticipantResponse.failure("no cars")
                .after(Duration.ofSeconds(1)))));

        SagaHandle saga = harness().startSaga(parallelTrip, Trip.to("Berlin"));
        assertThat(harness().transport().sent()).extracting(CommandMessage::messageType)
                .containsExactly("trip.hotel.reserve", "trip.flight.reserve", "trip.car.reserve");

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(compensationsInOrder(saga.id())).containsExactly("trip.flight.cancel", "trip.hotel.cancel");
    }

    // ---- idempotent start

    @Test
    void aSecondStartWithTheSameBusinessKeyReturnsTheFirstSaga() {
        SagaHandle first = harness().startSaga(trip, Trip.to("Athens"), StartOptions.none().withBusinessKey("order-1"));
        SagaHandle second = harness().startSaga(trip, Trip.to("Athens"), StartOptions.none().withBusinessKey("order-1"));
        SagaHandle other = harness().startSaga(trip, Trip.to("Athens"), StartOptions.none().withBusinessKey("order-2"));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.alreadyExisted()).isFalse();
        assertThat(second.alreadyExisted()).isTrue();
        assertThat(other.id()).isNotEqualTo(first.id());
        harness().runUntilTerminal(first.id(), LONG_ENOUGH);
        assertThat(harness().transport().sentTo("hotel-service")).extracting(CommandMessage::sagaId)
                .containsExactlyInAnyOrder(first.id(), other.id());
    }

    // ---- duplicate, late and stray replies

    @Test
    void aDuplicatedReplyIsAppliedOnce() {
        services.put("hotel-service", answering(command -> List.of(
                ParticipantResponse.success(new Booked("H1")),
                ParticipantResponse.success(new Booked("H1")))));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Prague"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        SagaView view = harness().view(saga.id());
        assertThat(view.data(Trip.class).replies()).isEqualTo(3);
        assertThat(kinds(view)).contains("MESSAGE_IGNORED");
    }

    @Test
    void theSameReplyMessageDeliveredTwiceIsRecognisedByItsId() {
        services.put("hotel-service", Participant.silent());
        SagaHandle saga = harness().startSaga(trip, Trip.to("Prague"));
        CommandMessage command = harness().transport().sentTo("hotel-service").get(0);
        ReplyMessage reply = ReplyMessage.success(command, "reply-once", "trip.hotel.reserved",
                "{\"id\":\"H7\"}", harness().clock().now());

        harness().transport().inject(reply);
        harness().transport().inject(reply);
        harness().runUntilIdle();

        SagaView view = harness().view(saga.id());
        assertThat(view.data(Trip.class).hotel()).isEqualTo("H7");
        assertThat(view.timeline()).filteredOn(e -> "hotel".equals(e.step()))
                .extracting(TimelineEntry::kind)
                .containsOnlyOnce("STEP_SUCCEEDED")
                .doesNotContain("MESSAGE_IGNORED");
    }

    @Test
    void aDuplicateReplyCommittedInOneBatchWithOtherSagasHoldsNoneOfThemBack() {
        services.put("hotel-service", Participant.silent());
        SagaHandle first = harness().startSaga(trip, Trip.to("Bern"));
        SagaHandle second = harness().startSaga(trip, Trip.to("Basel"));
        CommandMessage toFirst = harness().transport().sentTo("hotel-service").get(0);
        CommandMessage toSecond = harness().transport().sentTo("hotel-service").get(1);
        ReplyMessage firstReply = ReplyMessage.success(toFirst, "reply-first", "trip.hotel.reserved",
                "{\"id\":\"H-first\"}", harness().clock().now());
        harness().transport().inject(firstReply);
        harness().runUntilIdle();

        // Delivered together, so the engine takes them into one batch: the duplicate must not sink the other.
        harness().transport().inject(firstReply);
        harness().transport().inject(ReplyMessage.success(toSecond, "reply-second", "trip.hotel.reserved",
                "{\"id\":\"H-second\"}", harness().clock().now()));
        harness().runUntilIdle();

        assertThat(harness().view(second.id()).data(Trip.class).hotel()).isEqualTo("H-second");
        assertThat(harness().view(first.id()).data(Trip.class).hotel()).isEqualTo("H-first");
        assertThat(harness().view(first.id()).timeline()).filteredOn(e -> "hotel".equals(e.step()))
                .extracting(TimelineEntry::kind)
                .containsOnlyOnce("STEP_SUCCEEDED");
    }

    @Test
    void aLateReplyToAnEarlierAttemptIsIgnored() {
        services.put("hotel-service", answering(command -> command.attempt() == 1
                ? List.of(ParticipantResponse.success(new Booked("H-late")).after(Duration.ofSeconds(20)))
                : List.of(ParticipantResponse.success(new Booked("H-second")))));

        SagaHandle saga = harness().startSaga(trip, Trip.to("Riga"));

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        harness().advance(Duration.ofSeconds(30));
        SagaView view = harness().view(saga.id());
        assertThat(view.data(Trip.class).hotel()).isEqualTo("H-second");
        assertThat(view.timeline()).anyMatch(e -> e.kind().equals("MESSAGE_IGNORED") && "hotel".equals(e.step()));
    }

    @Test
    void aReplyForAnUnknownSagaIsRecordedAndDoesNotStopTheEngine() {
        CommandMessage fake = new CommandMessage("m-1", "trip.hotel.reserve", "no-such-saga", "trip", "hotel", 1,
                false, "hotel-service", "{}", null, null, harness().clock().now());
        harness().transport().inject(ReplyMessage.success(fake, "stray-1", "trip.hotel.reserved", "{}",
                harness().clock().now()));
        harness().runUntilIdle();

        SagaHandle saga = harness().startSaga(trip, Trip.to("Tallinn"));
        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        assertThat(harness().store().processedMessageIds(List.of("stray-1"))).containsExactly("stray-1");
    }

    // ---- crashes

    @Test
    void aCrashAfterEachTransitionLosesNothing() {
        services.put("hotel-service", answering(command -> List.of(ParticipantResponse.success(new Booked("H1"))
                .after(Duration.ofSeconds(1)))));
        SagaHandle saga = harness().startSaga(trip, Trip.to("Dublin"));

        for (int i = 0; i < 20 && !harness().view(saga.id()).status().isTerminal(); i++) {
            harness().crashAndRestart();
            harness().advance(Duration.ofSeconds(1));
        }

        assertThat(harness().runUntilTerminal(saga.id(), LONG_ENOUGH)).isEqualTo(SagaStatus.COMPLETED);
        assertThat(harness().view(saga.id()).data(Trip.class).paid()).isTrue();
    }

    // ---- helpers

    private List<String> commandTypes() {
        return harness().transport().sent().stream().map(CommandMessage::messageType).toList();
    }

    /** Remote compensations by command type, local ones by step name, in the order they started. */
    private List<String> compensationsInOrder(String sagaId) {
        Map<String, String> remoteTypes = new HashMap<>();
        for (CommandMessage command : harness().transport().sent()) {
            if (command.compensation() && command.sagaId().equals(sagaId)) {
                remoteTypes.putIfAbsent(command.step(), command.messageType());
            }
        }
        return harness().view(sagaId).timeline().stream()
                .filter(e -> e.kind().equals("STEP_COMPENSATING") && e.attempt() == 1)
                .map(e -> remoteTypes.getOrDefault(e.step(), e.step()))
                .toList();
    }

    private static List<String> kinds(SagaView view) {
        return view.timeline().stream().map(TimelineEntry::kind).toList();
    }
}
