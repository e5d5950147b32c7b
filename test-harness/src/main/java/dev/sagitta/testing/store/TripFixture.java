package dev.sagitta.testing.store;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepFailedException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trip saga the engine contract runs: three remote reservations, a local payment, a local
 * pivot and a retriable remote itinerary. Local steps fail on demand, named in the trip's data.
 */
final class TripFixture {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

    private TripFixture() {
    }

    /** The saga data. {@code failAt} names local steps that refuse; {@code replies} counts applied replies. */
    record Trip(String city, Set<String> failAt, @Nullable String hotel, @Nullable String flight,
            @Nullable String car, boolean paid,
            boolean confirmed, int replies) {

        static Trip to(String city) {
            return new Trip(city, Set.of(), null, null, null, false, false, 0);
        }

        Trip failingAt(String step) {
            return new Trip(city, Set.of(step), hotel, flight, car, paid, confirmed, replies);
        }

        Trip withHotel(String id) {
            return new Trip(city, failAt, id, flight, car, paid, confirmed, replies + 1);
        }

        Trip withFlight(String id) {
            return new Trip(city, failAt, hotel, id, car, paid, confirmed, replies + 1);
        }

        Trip withCar(String id) {
            return new Trip(city, failAt, hotel, flight, id, paid, confirmed, replies + 1);
        }

        Trip withPaid(boolean value) {
            return new Trip(city, failAt, hotel, flight, car, value, confirmed, replies);
        }

        Trip withConfirmed() {
            return new Trip(city, failAt, hotel, flight, car, paid, true, replies);
        }
    }

    record Reserve(String city) {
    }

    record Cancel(String booking) {
    }

    record Booked(String id) {
    }

    static SagaDefinition<Trip> sequential() {
        return Saga.define("trip", Trip.class)
                .step("hotel", s -> s
                        .invoke("hotel-service", "trip.hotel.reserve", t -> new Reserve(t.city()))
                        .onReply(Booked.class, (t, r) -> t.withHotel(r.id()))
                        .compensateWith("hotel-service", "trip.hotel.cancel", t -> new Cancel(t.hotel()))
                        .timeout(STEP_TIMEOUT)
                        .retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
                        .compensationRetry(RetryPolicy.fixed(3, Duration.ofSeconds(1))))
                .step("flight", s -> s
                        .invoke("flight-service", "trip.flight.reserve", t -> new Reserve(t.city()))
                        .onReply(Booked.class, (t, r) -> t.withFlight(r.id()))
                        .compensateWith("flight-service", "trip.flight.cancel", t -> new Cancel(t.flight()))
                        .timeout(STEP_TIMEOUT)
                        .retry(RetryPolicy.fixed(2, Duration.ofSeconds(1))))
                .step("car", s -> s
                        .invoke("car-service", "trip.car.reserve", t -> new Reserve(t.city()))
                        .onReply(Booked.class, (t, r) -> t.withCar(r.id()))
                        .compensateWith("car-service", "trip.car.cancel", t -> new Cancel(t.car()))
                        .timeout(STEP_TIMEOUT))
                .step("payment", s -> s
                        .local((t, ctx) -> refuseIfAsked(t, "payment").withPaid(true))
                        .compensateLocally((t, ctx) -> t.withPaid(false)))
                .step("confirm", s -> s
                        .local((t, ctx) -> refuseIfAsked(t, "confirm").withConfirmed())
                        .pivot())
                .step("itinerary", s -> s
                        .invoke("mail-service", "trip.itinerary.send", t -> new Reserve(t.city()))
                        .retriable()
                        .timeout(STEP_TIMEOUT)
                        .retry(RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofSeconds(4))))
                .build();
    }

    static SagaDefinition<Trip> parallel() {
        return Saga.define("parallel-trip", Trip.class)
                .parallel("book", p -> p
                        .step("hotel", s -> s
                                .invoke("hotel-service", "trip.hotel.reserve", t -> new Reserve(t.city()))
                                .onReply(Booked.class, (t, r) -> t.withHotel(r.id()))
                                .compensateWith("hotel-service", "trip.hotel.cancel", t -> new Cancel(t.hotel()))
                                .timeout(STEP_TIMEOUT))
                        .step("flight", s -> s
                                .invoke("flight-service", "trip.flight.reserve", t -> new Reserve(t.city()))
                                .onReply(Booked.class, (t, r) -> t.withFlight(r.id()))
                                .compensateWith("flight-service", "trip.flight.cancel", t -> new Cancel(t.flight()))
                                .timeout(STEP_TIMEOUT))
                        .step("car", s -> s
                                .invoke("car-service", "trip.car.reserve", t -> new Reserve(t.city()))
                                .onReply(Booked.class, (t, r) -> t.withCar(r.id()))
                                .compensateWith("car-service", "trip.car.cancel", t -> new Cancel(t.car()))
                                .timeout(STEP_TIMEOUT)))
                .step("payment", s -> s
                        .local((t, ctx) -> t.withPaid(true))
                        .pivot())
                .build();
    }

    static SagaDefinition<Trip> withDeadline(Duration deadline) {
        return Saga.define("deadline-trip", Trip.class)
                .deadline(deadline)
                .step("hotel", s -> s
                        .invoke("hotel-service", "trip.hotel.reserve", t -> new Reserve(t.city()))
                        .onReply(Booked.class, (t, r) -> t.withHotel(r.id()))
                        .compensateWith("hotel-service", "trip.hotel.cancel", t -> new Cancel(t.hotel())))
                .step("car", s -> s
                        .invoke("car-service", "trip.car.reserve", t -> new Reserve(t.city()))
                        .onReply(Booked.class, (t, r) -> t.withCar(r.id()))
                        .compensateWith("car-service", "trip.car.cancel", t -> new Cancel(t.car()))
                        .timeout(Duration.ofHours(1)))
                .build();
    }

    private static Trip refuseIfAsked(Trip trip, String step) {
        if (trip.failAt().contains(step)) {
            throw new StepFailedException(step + " refused");
        }
        return trip;
    }
}
