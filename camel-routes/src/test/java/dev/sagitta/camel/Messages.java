package dev.sagitta.camel;

import dev.sagitta.engine.spi.CommandMessage;
import java.time.Instant;
import java.util.UUID;

/** Commands for tests. */
final class Messages {

    static final Instant CREATED_AT = Instant.parse("2025-03-14T09:26:53.589Z");

    private Messages() {
    }

    static CommandMessage command(String participant, String step) {
        return new CommandMessage(UUID.randomUUID().toString(), "trip.hotel.reserve", "saga-" + UUID.randomUUID(),
                "trip-booking", step, 1, false, participant, "{\"nights\":3}", "order-42", "acme", CREATED_AT);
    }

    static CommandMessage fullCommand() {
        return new CommandMessage("cmd-1", "trip.hotel.cancel", "saga-7", "trip-booking", "reserve-hotel", 3, true,
                "hotel-service", "{\"bookingId\":\"B-17\"}", "order-42", "acme", CREATED_AT);
    }

    static CommandMessage bareCommand() {
        return new CommandMessage("cmd-2", "trip.hotel.reserve", "saga-8", "trip-booking", "reserve-hotel", 1, false,
                "hotel-service", "{}", null, null, CREATED_AT);
    }
}
