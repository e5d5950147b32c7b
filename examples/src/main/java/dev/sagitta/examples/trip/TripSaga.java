package dev.sagitta.examples.trip;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.examples.trip.Messages.Release;
import dev.sagitta.examples.trip.Messages.Reserve;
import dev.sagitta.examples.trip.Messages.Reserved;
import dev.sagitta.examples.trip.Messages.SendItinerary;
import java.time.Duration;

/**
 * The trip saga: hotel, flight and car from remote participants, then the payment (local), the
 * confirmation (local pivot) and the itinerary mail (remote, retriable).
 */
public final class TripSaga {

    public static final String HOTEL = "hotel-service";
    public static final String FLIGHT = "flight-service";
    public static final String CAR = "car-service";
    public static final String MAIL = "mail-service";

    private TripSaga() {
    }

    /**
     * @param stepTimeout how long one attempt of a step may take before it is tried again: a
     *                    reservation's reply timeout, and the lease of the local payment and
     *                    confirmation (after a crash, another run takes them over once it expires)
     * @param payments    where the payment step charges and refunds
     */
    public static SagaDefinition<Trip> definition(Duration stepTimeout, Payments payments) {
        RetryPolicy retry = RetryPolicy.fixed(2, Duration.ofMillis(500));
        RetryPolicy undo = RetryPolicy.exponential(10, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));
        return Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> s
                        .invoke(HOTEL, "trip.hotel.reserve", t -> new Reserve(t.traveller(), t.city(), t.nights()))
                        .onReply(Reserved.class, (t, r) -> t.withHotel(r.booking()))
                        .compensateWith(HOTEL, "trip.hotel.release", t -> new Release(t.hotel()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("reserve-flight", s -> s
                        .invoke(FLIGHT, "trip.flight.reserve", t -> new Reserve(t.traveller(), t.city(), t.nights()))
                        .onReply(Reserved.class, (t, r) -> t.withFlight(r.booking()))
                        .compensateWith(FLIGHT, "trip.flight.release", t -> new Release(t.flight()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("reserve-car", s -> s
                        .invoke(CAR, "trip.car.reserve", t -> new Reserve(t.traveller(), t.city(), t.nights()))
                        .onReply(Reserved.class, (t, r) -> t.withCar(r.booking()))
                        .compensateWith(CAR, "trip.car.release", t -> new Release(t.car()))
                        .timeout(stepTimeout).retry(retry).compensationRetry(undo))
                .step("charge-payment", s -> s
                        .local((t, ctx) -> {
                            payments.charge(ctx.sagaId(), t.amount());
                            return t.withCharged(true);
                        })
                        .compensateLocally((t, ctx) -> {
                            payments.refund(ctx.sagaId());
                            return t.withCharged(false);
                        })
                        .timeout(stepTimeout).compensationRetry(undo))
                .step("confirm", s -> s
                        .local((t, ctx) -> t.withConfirmed())
                        .timeout(stepTimeout).pivot())
                .step("send-itinerary", s -> s
                        .invoke(MAIL, "trip.itinerary.send",
                                t -> new SendItinerary(t.traveller(), t.city(), t.hotel(), t.flight(), t.car()))
                        .retriable()
                        .timeout(stepTimeout)
                        .retry(RetryPolicy.forever(Duration.ofMillis(500), Duration.ofSeconds(10))))
                .build();
    }
}
