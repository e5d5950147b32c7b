package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.runner.eip.TripSagaRoutes;
import dev.sagitta.camel.saga.CamelRouteSagas;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner whose routes use Camel's Saga EIP ({@link TripSagaRoutes}, with
 * {@code sagitta.camel-sagas.enabled=true}) is killed with {@code kill -9} at the worst moments, and
 * started again on the same PostgreSQL database: what the sagas had decided is still done, and each
 * completion or compensation endpoint is called once per step. The endpoints count their calls in
 * a table with no unique key, so a call made twice would show.
 */
class SagaEipKilledRunnerTest {

    private static final int SAGAS = 3;

    @TempDir
    Path dir;

    private PostgresTestDatabase postgres;

    @BeforeEach
    void createCallTable() throws SQLException {
        postgres = PostgresTestDatabase.create();
        execute("CREATE TABLE endpoint_call (id SERIAL PRIMARY KEY, saga_id VARCHAR(255) NOT NULL,"
                + " endpoint VARCHAR(64) NOT NULL, trip INTEGER NOT NULL)");
    }

    @AfterEach
    void dropDatabase() {
        postgres.close();
    }

    @Test
    void compensations_decided_before_the_kill_are_each_made_once_after_the_restart() throws Exception {
        try (RunnerProcess first = start("first", Map.of("trip.mode", "fail", "trip.sagas", "" + SAGAS,
                "trip.hang-calls", "true"))) {
            awaitTimeline(first, "COMPENSATION_STARTED");
            first.kill();
        }
        assertThat(calls()).as("no compensation was made before the kill").isEmpty();
        assertThat(statuses()).containsOnly("COMPENSATING");

        try (RunnerProcess second = start("second", Map.of())) {
            awaitStatuses(second, "COMPENSATED");
        }

        assertEachSagaCalledOnce("undo-hotel", "undo-trip");
    }

    @Test
    void completions_decided_before_the_kill_are_each_made_once_after_the_restart() throws Exception {
        try (RunnerProcess first = start("first", Map.of("trip.mode", "ok", "trip.sagas", "" + SAGAS,
                "trip.hang-calls", "true"))) {
            awaitTimeline(first, "SAGA_CLOSED");
            first.kill();
        }
        assertThat(calls()).as("no completion was made before the kill").isEmpty();
        assertThat(statuses()).containsOnly("RUNNING");

        try (RunnerProcess second = start("second", Map.of())) {
            awaitStatuses(second, "COMPLETED");
        }

        assertEachSagaCalledOnce("confirm-hotel", "confirm-trip");
    }

    @Test
    void a_saga_whose_timeout_passed_while_the_runner_was_down_is_compensated_after_the_restart() throws Exception {
        try (RunnerProcess first = start("first", Map.of("trip.mode", "open", "trip.sagas", "" + SAGAS,
                "trip.timeout", "PT8S"))) {
            await("both steps of every trip to be enlisted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        requireAlive(first);
                        assertThat(timelineCount("STEP_ENLISTED")).isEqualTo(2 * SAGAS);
                    });
            first.kill();
        }
        Instant deadline = latestDeadline();
        await("the sagas' deadline to pass while the runner is down").atMost(Duration.ofSeconds(20))
                .until(() -> Instant.now().isAfter(deadline));
        assertThat(statuses()).containsOnly("RUNNING");

        try (RunnerProcess second = start("second", Map.of())) {
            awaitStatuses(second, "COMPENSATED");
        }

        assertEachSagaCalledOnce("undo-hotel", "undo-trip");
    }

    private RunnerProcess start(String life, Map<String, String> trip) throws Exception {
        Map<String, String> properties = new TreeMap<>(trip);
        properties.put("camel.main.routes-builder-classes", TripSagaRoutes.class.getName());
        properties.put("trip.calls-url", postgres.jdbcUrl());
        properties.put("sagitta.camel-sagas.enabled", "true");
        // A call the dead runner had taken on is made again this soon after the restart.
        properties.put("sagitta.camel-sagas.call-timeout", "2s");
        properties.put("sagitta.engine.poll-interval", "100ms");
        properties.put("sagitta.engine.claim-lease", "2s");
        Path file = dir.resolve(life + ".properties");
        Files.writeString(file, properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        RunnerProcess runner = RunnerProcess.start(file, Map.of("SAGITTA_DATABASE_URL", postgres.jdbcUrl()),
                dir.resolve("runner.log"));
        await("the runner to start").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    requireAlive(runner);
                    assertThat(runner.output()).contains("Sagitta runner started");
                });
        return runner;
    }

    private void awaitTimeline(RunnerProcess runner, String kind) {
        await("every trip's " + kind).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    requireAlive(runner);
                    assertThat(timelineCount(kind)).isEqualTo(SAGAS);
                });
    }

    private void awaitStatuses(RunnerProcess runner, String status) {
        await("every trip " + status).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    requireAlive(runner);
                    assertThat(statuses()).hasSize(SAGAS).containsOnly(status);
                });
    }

    /** Each saga had each endpoint called once, in this order (the last step's first). */
    private void assertEachSagaCalledOnce(String... endpoints) throws SQLException {
        Map<String, List<String>> bySaga = calls();
        assertThat(bySaga).hasSize(SAGAS);
        assertThat(bySaga.values()).allSatisfy(called -> assertThat(called).containsExactly(endpoints));
    }

    private static void requireAlive(RunnerProcess runner) throws Exception {
        if (!runner.isAlive()) {
            fail("the runner exited with " + runner.exitValue() + ":\n" + runner.output());
        }
    }

    private Map<String, List<String>> calls() throws SQLException {
        Map<String, List<String>> bySaga = new TreeMap<>();
        query("SELECT saga_id, endpoint FROM endpoint_call ORDER BY id",
                rows -> bySaga.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2)));
        return bySaga;
    }

    private List<String> statuses() throws SQLException {
        List<String> statuses = new ArrayList<>();
        query("SELECT status FROM saga_instance WHERE saga_type = '" + CamelRouteSagas.SAGA_TYPE + "'",
                rows -> statuses.add(rows.getString(1)));
        return statuses;
    }

    private int timelineCount(String kind) throws SQLException {
        List<Integer> count = new ArrayList<>();
        query("SELECT count(*) FROM saga_step WHERE kind = '" + kind + "'", rows -> count.add(rows.getInt(1)));
        return count.get(0);
    }

    private Instant latestDeadline() throws SQLException {
        List<Instant> deadlines = new ArrayList<>();
        query("SELECT max(wake_at) FROM saga_instance", rows -> deadlines.add(rows.getTimestamp(1).toInstant()));
        return deadlines.get(0);
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
