package dev.sagitta.examples.trip;

import org.jspecify.annotations.Nullable;

/** The JSON bodies the trip saga exchanges with its participants. */
public final class Messages {

    private Messages() {
    }

    /** Asks a reservation service to book. */
    public record Reserve(String traveller, String city, int nights) {
    }

    /** A reservation service booked it. */
    public record Reserved(String booking) {
    }

    /** Asks a reservation service to release a booking (which may never have been made). */
    public record Release(@Nullable String booking) {
    }

    /** Asks the mail service to send the itinerary. */
    public record SendItinerary(String traveller, String city, @Nullable String hotel, @Nullable String flight,
            @Nullable String car) {
    }
}
