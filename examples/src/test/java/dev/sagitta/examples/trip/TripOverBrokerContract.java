package dev.sagitta.examples.trip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trip-booking example over a real broker, chosen by its properties file: the engine sends the
 * reservations and the itinerary through the broker to the participants' routes, in the same
 * process, and their replies come back through it. Each broker's test says what goes in the file.
 * (A refusal and its compensations run over RabbitMQ only: it is the same over every broker, and a
 * Kafka run costs seconds more.)
 */
abstract class TripOverBrokerContract {

    static final int TRIPS = 6;

    @TempDir
    Path work;

    /** Queue, exchange, topic and consumer group names start with this, so runs do not share them. */
    final String queuePrefix = "trip-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** The {@code trip.*} keys that pick the broker and say where it is. */
    protected abstract Map<String, String> brokerProperties();

    @Test
    void every_trip_completes_over_the_broker_and_the_participants_tables_hold_every_booking() throws IOException {
        TripRun run = bookTrips();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.finalStatuses()).isEqualTo("{COMPLETED=" + TRIPS + "}");
        assertThat(run.output()).contains("Participants' tables are consistent with every saga's outcome.");
    }

    TripRun bookTrips(String... options) throws IOException {
        Path properties = work.resolve("trip.properties");
        List<String> lines = new ArrayList<>();
        lines.add(BrokerSettings.QUEUE_PREFIX + "=" + queuePrefix);
        brokerProperties().forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(properties, lines);
        List<String> arguments = new ArrayList<>(List.of("--properties", properties.toString(),
                "--data-dir", work.resolve("sagitta-data").toString(),
                "--sagas", String.valueOf(TRIPS),
                // Long enough for the consumers to join the broker before the first reply is overdue.
                "--step-timeout", "10s",
                "--wait", "30s"));
        arguments.addAll(List.of(options));
        return TripRun.of(arguments.toArray(new String[0]));
    }
}
