package dev.sagitta.examples.trip;

import org.jspecify.annotations.Nullable;

/**
 * The trip saga's data. Immutable; each step returns an updated copy.
 *
 * @param traveller who travels
 * @param city      where to
 * @param nights    how long
 * @param amount    what the trip costs, in cents
 * @param hotel     the hotel booking, once reserved
 * @param flight    the flight booking, once reserved
 * @param car       the car booking, once reserved
 * @param charged   whether the payment went through
 * @param confirmed whether the trip is confirmed (the pivot)
 */
public record Trip(String traveller, String city, int nights, long amount, @Nullable String hotel,
        @Nullable String flight, @Nullable String car, boolean charged, boolean confirmed) {

    public static Trip plan(String traveller, String city, int nights, long amount) {
        return new Trip(traveller, city, nights, amount, null, null, null, false, false);
    }

    Trip withHotel(String booking) {
        return new Trip(traveller, city, nights, amount, booking, flight, car, charged, confirmed);
    }

    Trip withFlight(String booking) {
        return new Trip(traveller, city, nights, amount, hotel, booking, car, charged, confirmed);
    }

    Trip withCar(String booking) {
        return new Trip(traveller, city, nights, amount, hotel, flight, booking, charged, confirmed);
    }

    Trip withCharged(boolean value) {
        return new Trip(traveller, city, nights, amount, hotel, flight, car, value, confirmed);
    }

    Trip withConfirmed() {
        return new Trip(traveller, city, nights, amount, hotel, flight, car, charged, true);
    }
}
