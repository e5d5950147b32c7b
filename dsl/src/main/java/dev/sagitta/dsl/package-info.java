/**
 * Saga definitions: the Java DSL that declares a saga's steps, their compensations and their
 * policies, as immutable values validated when {@link dev.sagitta.dsl.SagaDefinitionBuilder#build()}
 * runs. Nothing here runs a saga; the engine does.
 *
 * <pre>{@code
 * SagaDefinition<Trip> trip = Saga.define("trip", Trip.class)
 *     .step("reserve-hotel", s -> s
 *         .invoke("hotel-service", "trip.hotel.reserve", t -> new ReserveHotel(t.city()))
 *         .onReply(HotelReserved.class, (t, r) -> t.withHotel(r.bookingId()))
 *         .compensateWith("hotel-service", "trip.hotel.cancel", t -> new CancelHotel(t.hotel())))
 *     .step("confirm", s -> s.local((t, ctx) -> t.confirmed()).pivot())
 *     .build();
 * }</pre>
 */
@NullMarked
package dev.sagitta.dsl;

import org.jspecify.annotations.NullMarked;
