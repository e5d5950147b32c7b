package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.SagaDefinitionBuilder;
import dev.sagitta.dsl.StepBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The trip-booking saga data, messages and definitions the state machine tests drive. */
public final class Trips {

    private Trips() {
    }

    /** Saga data: where to, and what has been booked so far (replies append to it). */
    public record Trip(String city, List<String> bookings) {
        public Trip {
            bookings = List.copyOf(bookings);
        }

        public static Trip to(String city) {
            return new Trip(city, List.of());
        }

        public Trip booked(String booking) {
            List<String> more = new ArrayList<>(bookings);
            more.add(booking);
            return new Trip(city, more);
        }
    }

    /** Command: reserve something in a city. */
    public record Reserve(String city) {
    }

    /** Command: cancel what was booked. */
    public record CancelBookings(List<String> bookings) {
    }

    /** Reply: what was reserved. */
    public record Reserved(String bookingId) {
    }

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A compensatable remote step at {@code {entity}-service}, mapping its {@link Reserved} reply into the bookings. */
    public static StepBuilder<Trip> reserve(StepBuilder<Trip> s, String entity) {
        return s.invoke(entity + "-service", "trip." + entity + ".reserve", t -> new Reserve(t.city()))
                .onReply(Reserved.class, (t, r) -> t.booked(r.bookingId()))
                .compensateWith(entity + "-service", "trip." + entity + ".cancel", t -> new CancelBookings(t.bookings()))
                .timeout(TIMEOUT);
    }

    /** A compensatable local step with a local compensation. */
    public static StepBuilder<Trip> local(StepBuilder<Trip> s) {
        return s.local((t, ctx) -> t.booked("local")).compensateLocally((t, ctx) -> t).timeout(TIMEOUT);
    }

    /** hotel (remote) -> flight (remote) -> car (local): three compensatable steps. */
    public static SagaDefinition<Trip> threeStepTrip() {
        return Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> reserve(s, "hotel"))
                .step("reserve-flight", s -> reserve(s, "flight"))
                .step("reserve-car", Trips::local)
                .build();
    }

    /** hotel, flight (compensatable) -> charge (remote pivot) -> send-itinerary (remote retriable, retried forever). */
    public static SagaDefinition<Trip> tripWithPivot() {
        return tripWithPivotBuilder().build();
    }

    public static SagaDefinitionBuilder<Trip> tripWithPivotBuilder() {
        return Saga.define("paid-trip", Trip.class)
                .step("reserve-hotel", s -> reserve(s, "hotel"))
                .step("reserve-flight", s -> reserve(s, "flight"))
                .step("charge", s -> s.invoke("payment-service", "trip.payment.charge", t -> new Reserve(t.city()))
                        .timeout(TIMEOUT).pivot())
                .step("send-itinerary", s -> s.invoke("mail-service", "trip.itinerary.send",
                        t -> new CancelBookings(t.bookings())).timeout(TIMEOUT).retriable());
    }

    /** hotel -> parallel "book" [flight, car, train] -> confirm (local pivot). */
    public static SagaDefinition<Trip> parallelTrip() {
        return Saga.define("group-trip", Trip.class)
                .step("reserve-hotel", s -> reserve(s, "hotel"))
                .parallel("book", p -> p
                        .step("reserve-flight", s -> reserve(s, "flight"))
                        .step("reserve-car", s -> reserve(s, "car"))
                        .step("reserve-train", s -> reserve(s, "train")))
                .step("confirm", s -> s.local((t, ctx) -> t).pivot())
                .build();
    }
}
