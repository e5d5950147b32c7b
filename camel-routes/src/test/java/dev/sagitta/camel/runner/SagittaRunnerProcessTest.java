package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.runner.fixture.LedgerSaga;
import dev.sagitta.camel.runner.fixture.LedgerSaga.Transfer;
import dev.sagitta.camel.runner.fixture.LedgerSagas;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded runner jar as a process of its own, on PostgreSQL, stopped with SIGTERM.
 *
 * <p>Run by failsafe after {@code package}, which builds the jar (system property
 * {@code sagitta.runner.jar}). The child JVM's classpath is that jar plus this module's test
 * classes, which play the application: {@link LedgerSagas} (named in
 * {@code META-INF/services/dev.sagitta.engine.SagaDefinitionProvider}) and the ledger participant's
 * {@code RouteBuilder}, found through {@code camel.main.base-package-scan}. Commands and replies go
 * over {@code seda:} inside the child.
 *
 * <p>How sagas get to the runner: this JVM plays an application that starts sagas but sends
 * nothing. Its engine (never started, so it does not poll or relay) commits each saga's start,
 * with the first command in the outbox, and its transport refuses every send, so the command stays
 * there. Those rows are then only the runner's to relay: it sends them to the participant, applies
 * the replies, sends the second step's command itself, and so on to COMPLETED, which the test reads
 * from the database.
 */
class SagittaRunnerProcessTest {

    private static final int SAGAS = 25;
    private static final Pattern STARTED = Pattern.compile("Sagitta runner started in (\\d+) ms");

    @TempDir
    Path dir;

    @Test
    void runs_every_saga_to_completion_and_closes_the_engine_on_sigterm() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create();
             SagaDatabase database = postgres.openSagaDatabase()) {
            List<String> sagaIds = startSagasWithoutSending(database);
            assertThat(statuses(database, sagaIds)).containsOnly(SagaStatus.RUNNING);

            Path log = dir.resolve("runner.log");
            Process runner = startRunner(postgres.jdbcUrl(), log);
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    if (!runner.isAlive()) {
                        fail("the runner exited with " + runner.exitValue() + ":\n" + read(log));
                    }
                    assertThat(statuses(database, sagaIds)).as("statuses").hasSize(SAGAS)
                            .containsOnly(SagaStatus.COMPLETED);
                });
                Matcher started = STARTED.matcher(read(log));
                assertThat(started.find()).as(read(log)).isTrue();
                System.out.println("Runner start-up (JVM uptime when camel-main had started): "
                        + started.group(1) + " ms");

                long stopping = System.nanoTime();
                runner.destroy();   // SIGTERM on Linux and macOS
                assertThat(runner.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s; log:\n%s", read(log))
                        .isTrue();
                System.out.println("Runner shutdown after SIGTERM: "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping) + " ms");

                String output = read(log);
                assertThat(runner.exitValue()).as("128 + SIGTERM, a JVM's exit code after SIGTERM; log:\n%s", output)
                        .isEqualTo(143);
                assertThat(output)
                        .contains("Closing the saga engine", "Closed the saga engine", "Closed the saga database")
                        .doesNotContain("ERROR");
                assertThat(output.indexOf("Closed the saga engine")).isLessThan(output.indexOf("Closed the saga database"));
            } finally {
                if (runner.isAlive()) {
                    runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                System.out.println("---- runner output ----\n" + read(log));
            }
        }
    }

    /** Starts {@value #SAGAS} sagas whose first commands stay in the outbox. */
    private static List<String> startSagasWithoutSending(SagaDatabase database) {
        List<String> ids = new ArrayList<>();
        try (SagaEngine application = SagaEngine.builder()
                .store(database.store())
                .transport(new NoSendingTransport())
                .register(LedgerSaga.DEFINITION)
                .outboxGrace(Duration.ofMillis(100))   // how long the rows are left to this node: not at all
                .build()) {
            for (int i = 0; i < SAGAS; i++) {
                ids.add(application.startSaga(LedgerSaga.DEFINITION, new Transfer("T-" + i, 100 + i, null, null)).id());
            }
        }
        return ids;
    }

    private Process startRunner(String jdbcUrl, Path log) throws IOException, URISyntaxException {
        Path properties = dir.resolve("runner.properties");
        Files.writeString(properties, String.join("\n",
                "# overridden by SAGITTA_DATABASE_URL below: the environment wins over the file",
                "sagitta.database.url=jdbc:postgresql://127.0.0.1:1/not-this-one",
                "sagitta.engine.poll-interval=100ms",
                "sagitta.participants.ledger.endpoint=seda:ledger-commands",
                "camel.main.base-package-scan=" + LedgerSagas.class.getPackageName(),
                ""));
        String jar = System.getProperty("sagitta.runner.jar");
        assertThat(jar).as("system property sagitta.runner.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).as("the runner jar; built by mvn package").isRegularFile();
        Path testClasses = Path.of(LedgerSagas.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + testClasses,
                SagittaRunner.class.getName(),
                "--properties", properties.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SAGITTA_DATABASE_URL", jdbcUrl);
        builder.environment().remove(RunnerArguments.PROPERTIES_VARIABLE);
        return builder.start();
    }

    private static Collection<SagaStatus> statuses(SagaDatabase database, List<String> sagaIds) {
        return database.store().load(sagaIds).values().stream().map(SagaRecord::status).toList();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }
}
