package dev.sagitta.dsl;

/** Saga data used by the DSL tests. */
record Trip(String city, String hotel) {

    Trip withHotel(String booking) {
        return new Trip(city, booking);
    }
}
