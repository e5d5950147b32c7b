package dev.sagitta.examples.trip;

import static dev.sagitta.examples.trip.TripSaga.CAR;
import static dev.sagitta.examples.trip.TripSaga.FLIGHT;
import static dev.sagitta.examples.trip.TripSaga.HOTEL;
import static dev.sagitta.examples.trip.TripSaga.MAIL;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.examples.trip.Messages.Reserved;
import dev.sagitta.testing.ParticipantScript;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The trip saga's world in harness tests: its four services, each booking or sending whatever it
 * is asked unless a test scripts it otherwise, and a card with a limit.
 */
final class TripWorld {

    /** Virtual time, so a generous timeout costs nothing. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    static final long CARD_LIMIT = 2_000_00;
    /** A trip the card pays for. */
    static final Trip LISBON = Trip.plan("ada", "Lisbon", 3, 1_200_00);
    /** A trip over the card limit: the charge is declined. */
    static final Trip TOKYO = Trip.plan("ada", "Tokyo", 10, 4_800_00);

    static final String HOTEL_BOOKING = "H-1";
    static final String FLIGHT_BOOKING = "F-1";
    static final String CAR_BOOKING = "C-1";

    private TripWorld() {
    }

    /** Every service has room and the mail goes out. */
    static SagaTestHarness.Builder everyServiceAnswers(SagaDefinition<Trip> trip) {
        return where(trip, Map.of());
    }

    /** Every service has room and the mail goes out, except {@code service}, which answers as scripted here. */
    static SagaTestHarness.Builder where(SagaDefinition<Trip> trip, String service, Consumer<ParticipantScript> script) {
        return where(trip, Map.of(service, script));
    }

    /** Every service has room and the mail goes out, except those scripted otherwise here. */
    static SagaTestHarness.Builder where(SagaDefinition<Trip> trip, Map<String, Consumer<ParticipantScript>> scripts) {
        Map<String, Consumer<ParticipantScript>> all = new LinkedHashMap<>();
        all.put(HOTEL, hotel -> hotel.on("trip.hotel.reserve", Reply.success(new Reserved(HOTEL_BOOKING))));
        all.put(FLIGHT, flight -> flight.on("trip.flight.reserve", Reply.success(new Reserved(FLIGHT_BOOKING))));
        all.put(CAR, car -> car.on("trip.car.reserve", Reply.success(new Reserved(CAR_BOOKING))));
        all.put(MAIL, mail -> mail.on("trip.itinerary.send", Reply.success()));
        all.putAll(scripts);
        SagaTestHarness.Builder builder = SagaTestHarness.builder().register(trip).idPrefix("trip");
        all.forEach(builder::participant);
        return builder;
    }

    /** The trip definition a harness registers, to start trips from inside an exploration. */
    @SuppressWarnings("unchecked")
    static SagaDefinition<Trip> tripOf(SagaTestHarness harness) {
        return (SagaDefinition<Trip>) harness.definition("trip", 1)
                .orElseThrow(() -> new IllegalStateException("the harness does not register the trip saga"));
    }
}
