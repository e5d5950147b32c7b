package dev.sagitta.examples.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.amqp.AmqpTestBroker;
import dev.sagitta.camel.runner.SagittaRunner;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-process trip: the participants run in the standalone runner, a JVM of their own started
 * as the README starts it ({@link TripParticipantRoutes} named by
 * {@code camel.main.routes-builder-classes}, with the saga engine off), and the application runs the
 * engine with {@code --participants remote}. Both read one properties file; they share only the
 * broker (RabbitMQ, or the embedded Qpid Broker-J) and a PostgreSQL database, where the participants
 * keep their tables and the application keeps its sagas and checks the participants' tables. Then
 * the runner is stopped as a process manager stops it, with SIGTERM.
 */
class TripParticipantsInRunnerTest {

    private static final int TRIPS = 6;
    /** What the runner logs once its routes consume, with the engine off. */
    private static final String ROUTES_RUNNING = "running 4 route(s) only";

    @TempDir
    Path work;

    private final AmqpTestBroker rabbit = AmqpTestBroker.get();
    private final String queuePrefix = "trip-runner-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void participants_in_the_runner_book_every_trip_the_application_starts_and_stop_on_sigterm() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
            Path properties = writeProperties(postgres.jdbcUrl());
            Path log = work.resolve("runner.log");
            Process runner = startRunner(properties, log);
            try {
                await("the runner's participant routes").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                            if (!runner.isAlive()) {
                                fail("the runner exited with " + runner.exitValue() + ":\n" + read(log));
                            }
                            assertThat(read(log)).contains(ROUTES_RUNNING);
                        });

                TripRun run = TripRun.of("--properties", properties.toString(), "--participants", "remote",
                        "--jdbc-url", postgres.jdbcUrl(), "--sagas", String.valueOf(TRIPS), "--quiet",
                        "--step-timeout", "10s", "--wait", "30s");

                assertThat(run.exitCode()).as(run.output() + "\n---- runner ----\n" + read(log)).isZero();
                assertThat(run.output()).contains("participants in another process");
                assertThat(run.finalStatuses()).isEqualTo("{COMPLETED=" + TRIPS + "}");
                assertThat(run.output()).contains("Participants' tables are consistent with every saga's outcome.");

                runner.destroy();   // SIGTERM on Linux and macOS
                assertThat(runner.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s; log:\n%s", read(log)).isTrue();
                assertThat(runner.exitValue()).as("128 + SIGTERM; log:\n%s", read(log)).isEqualTo(143);
                assertThat(read(log)).contains("Trip participants on rabbitmq").doesNotContain("ERROR");
            } finally {
                if (runner.isAlive()) {
                    runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                TripOverRabbitMqTest.deleteQueues(rabbit, queuePrefix);
                System.out.println("---- runner output ----\n" + read(log));
            }
        }
    }

    /** One file for both processes: the application ignores the runner's keys, the runner the application's. */
    private Path writeProperties(String jdbcUrl) throws IOException {
        Path properties = work.resolve("trip-participants.properties");
        Files.write(properties, List.of(
                BrokerSettings.BROKER + "=rabbitmq",
                BrokerSettings.RABBITMQ_URL + "=" + TripOverRabbitMqTest.urlOf(rabbit),
                BrokerSettings.QUEUE_PREFIX + "=" + queuePrefix,
                ParticipantsDatabase.URL + "=" + jdbcUrl,
                "sagitta.engine.enabled=false",
                "camel.main.routes-builder-classes=" + TripParticipantRoutes.class.getName()));
        return properties;
    }

    /** The runner with this test's classpath, which holds the example's classes and the runner's dependencies. */
    private Process startRunner(Path properties, Path log) throws IOException, URISyntaxException {
        Path logback = Path.of(getClass().getResource("/runner-logback.xml").toURI());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"),
                SagittaRunner.class.getName(),
                "--properties", properties.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("SAGITTA_PROPERTIES");
        return builder.start();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }
}
