package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sagitta.camel.runner.fixture.LedgerSaga;
import dev.sagitta.camel.runner.fixture.LedgerSaga.Post;
import dev.sagitta.camel.runner.fixture.LedgerSaga.Transfer;
import dev.sagitta.camel.runner.fixture.LedgerSagas;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.persistence.SagaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The runner in this JVM, started and stopped at once with camel-main's {@code -d -1} (run for no
 * time), on an in-memory H2 database: what it logs and the exit code it returns. The fixtures of
 * {@code dev.sagitta.camel.runner.fixture} are the application ({@link LedgerSagas} is named in the
 * test classes' {@code META-INF/services}). {@link SagittaRunnerProcessTest} runs the real jar.
 */
class SagittaRunnerTest {

    private static final String STOP_AT_ONCE = "-d -1";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger runnerLogger = (Logger) LoggerFactory.getLogger(SagittaRunner.class.getPackageName());

    @BeforeEach
    void captureLogs() {
        logs.start();
        runnerLogger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        runnerLogger.detachAppender(logs);
    }

    @Test
    void starts_and_closes_the_engine_then_the_database() throws Exception {
        int exitCode = run(properties("sagitta.database.url=" + h2Url(),
                "camel.main.base-package-scan=" + LedgerSagas.class.getPackageName()));

        assertThat(exitCode).isZero();
        assertThat(messages()).containsSubsequence(
                "Sagitta engine started",
                "Closing the saga engine: the batch in hand commits, queued events are refused, not applied",
                "Closed the saga engine",
                "Closed the saga database");
    }

    @Test
    void with_the_engine_off_runs_only_the_routes_and_opens_no_database() throws Exception {
        int exitCode = run(properties("sagitta.engine.enabled=false",
                "sagitta.database.url=jdbc:postgresql://127.0.0.1:1/never-opened",
                "camel.main.base-package-scan=" + LedgerSagas.class.getPackageName()));

        assertThat(exitCode).isZero();
        assertThat(messages()).contains("The saga engine is off (sagitta.engine.enabled=false): running 1 route(s) only")
                .noneMatch(message -> message.contains("database"));
    }

    @Test
    void a_bad_property_stops_the_start_naming_the_key() throws Exception {
        int exitCode = run(properties("sagitta.engine.batch-size=lots"));

        assertThat(exitCode).isEqualTo(1);
        assertThat(messages()).contains("The Sagitta runner could not start: property sagitta.engine.batch-size:"
                + " expected a whole number, 1 or more, was 'lots'");
    }

    @Test
    void an_unreachable_database_stops_the_start_naming_the_key() throws Exception {
        int exitCode = run(properties("sagitta.database.url=jdbc:unknown:somewhere"));

        assertThat(exitCode).isEqualTo(1);
        assertThat(messages()).anyMatch(message -> message.startsWith(
                "The Sagitta runner could not start: Cannot open the saga database at"
                        + " sagitta.database.url=jdbc:unknown:somewhere"));
    }

    @Test
    void sagas_of_a_definition_no_provider_offers_stop_the_runner_after_closing_what_it_opened() throws Exception {
        String url = h2Url();
        SagaDefinition<Transfer> retired = Saga.define("retired-ledger", Transfer.class)
                .step("debit", s -> s.invoke(LedgerSaga.LEDGER, "ledger.account.debit", t -> new Post(t.id(), t.cents()))
                        .onReply(Post.class, (t, r) -> t).pivot())
                .build();
        try (SagaDatabase database = SagaDatabase.fromJdbcUrl(url, null, null);
             SagaEngine application = SagaEngine.builder().store(database.store())
                     .transport(new NoSendingTransport()).register(retired).build()) {
            application.startSaga(retired, new Transfer("T-1", 1, null, null));
        }

        int exitCode = run(properties("sagitta.database.url=" + url));

        assertThat(exitCode).isEqualTo(1);
        assertThat(messages()).anyMatch(message -> message.startsWith("The saga engine did not start, so the runner stops:")
                        && message.contains("retired-ledger"))
                .contains("Closed the saga database")
                .doesNotContain("Sagitta engine started");
    }

    @Test
    void a_missing_properties_file_is_a_bad_command_line() {
        assertThat(SagittaRunner.run(new String[] {"--properties", dir.resolve("missing").toString()})).isEqualTo(2);
    }

    private static int run(Path properties) {
        return SagittaRunner.run(("--properties " + properties + " " + STOP_AT_ONCE).split(" "));
    }

    private Path properties(String... lines) throws IOException {
        return Files.writeString(dir.resolve("runner-" + UUID.randomUUID() + ".properties"),
                String.join("\n", lines) + "\n");
    }

    private static String h2Url() {
        return "jdbc:h2:mem:runner-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    }

    private List<String> messages() {
        synchronized (logs.list) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
