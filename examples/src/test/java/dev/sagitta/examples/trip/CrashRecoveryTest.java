package dev.sagitta.examples.trip;

import static dev.sagitta.engine.SagaStatus.COMPENSATED;
import static dev.sagitta.engine.SagaStatus.COMPENSATING;
import static dev.sagitta.engine.SagaStatus.COMPLETED;
import static dev.sagitta.engine.SagaStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trip-booking example is killed with SIGKILL while hundreds of trips are in flight, some going
 * forward and some being compensated, and then started again on the same database. The second run
 * must finish every trip the first one left (durability rules 1 to 6: nothing committed is lost,
 * nothing uncommitted was sent, timers and leases survive the crash), and the participants' tables
 * must show every effect applied once and undone at most once.
 */
class CrashRecoveryTest {

    private static final int TRIPS = 240;

    /** The example's settings, the same for both runs: only the first one books trips. */
    private static final List<String> EXAMPLE = List.of("--quiet",
            // One trip in five finds no car, so compensations are under way when the process dies...
            "--fail", "car", "--fail-one-in", "5",
            // ...and the flight service answers one command at a time, slowly, so work queues up behind it.
            "--slow", "flight", "--slow-by", "10ms",
            // Timeouts and leases short enough for the second run to take over within seconds.
            "--step-timeout", "3s", "--claim-lease", "2s",
            "--wait", "50s");

    @TempDir
    Path work;

    @Test
    void embeddedH2() throws Exception {
        Path data = work.resolve("sagitta-data");
        // The first run opens the embedded default's URL plus AUTO_SERVER, so that this test can read the
        // database while that process owns the file (the test connects through it). The second run opens
        // the plain embedded default, as a user restarting the example would.
        String watchedUrl = "jdbc:h2:file:" + data.resolve("sagitta")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;AUTO_SERVER=TRUE";
        killMidRunThenRestart(
                List.of("--jdbc-url", watchedUrl, "--db-user", ""),
                List.of("--data-dir", data.toString()),
                () -> DriverManager.getConnection(watchedUrl + ";IFEXISTS=TRUE", "", ""),
                () -> SagaDatabase.embeddedH2(data));
    }

    @Test
    void postgres() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
            List<String> database = List.of("--jdbc-url", postgres.jdbcUrl());
            killMidRunThenRestart(database, database,
                    () -> DriverManager.getConnection(postgres.jdbcUrl()),
                    postgres::openSagaDatabase);
        }
    }

    private void killMidRunThenRestart(List<String> firstRunDatabase, List<String> secondRunDatabase,
            SagaRows.Connections whileRunning, Callable<SagaDatabase> afterwards) throws Exception {
        TripAppProcess first = TripAppProcess.start(work.resolve("first-run.txt"), arguments(firstRunDatabase, TRIPS));
        Map<SagaStatus, Integer> atKill;
        try (first) {
            atKill = awaitMidRun(first, new SagaRows(whileRunning));
            first.kill();
        }

        TripAppProcess second = TripAppProcess.start(work.resolve("second-run.txt"), arguments(secondRunDatabase, 0));
        int exitCode;
        try (second) {
            exitCode = second.awaitExit(Duration.ofSeconds(60));
        }

        String runs = "\nkilled at " + atKill + "\n--- first run (killed):\n" + first.output()
                + "\n--- second run:\n" + second.output();
        try (SagaDatabase database = afterwards.call()) {
            SagaRows.Snapshot sagas = new SagaRows(database.dataSource()::getConnection).snapshot();
            assertThat(sagas.statuses()).as("trips in the database" + runs).hasSize(TRIPS);
            assertThat(sagas.neitherCompletedNorCompensated()).as("trips neither completed nor compensated" + runs)
                    .isEmpty();
            assertThat(new TripConsistency(database.dataSource()).check(sagas.statuses()))
                    .as("participants' tables against the trips' outcomes" + runs).isEmpty();
            assertThat(sagas.timelineViolations()).as("timelines" + runs).isEmpty();
            assertThat(sagas.statuses()).as("outcomes").containsValue(COMPLETED).containsValue(COMPENSATED);
        }
        assertThat(second.output()).as("second run" + runs).contains("Resuming ");
        assertThat(exitCode).as("second run's exit code" + runs).isZero();
    }

    /** Waits until some trips have finished while many are still going forward and some are being undone. */
    private static Map<SagaStatus, Integer> awaitMidRun(TripAppProcess app, SagaRows rows) {
        try {
            return await("some trips finished, many still in flight, some compensating")
                    .atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(50))
                    // Until the example has created its tables, reading them fails.
                    .ignoreExceptions()
                    .failFast("the example stopped before it was killed", () -> !app.isAlive())
                    .until(rows::countByStatus, counts -> {
                        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
                        int finished = counts.getOrDefault(COMPLETED, 0) + counts.getOrDefault(COMPENSATED, 0);
                        return all == TRIPS && finished >= TRIPS / 10
                                && counts.getOrDefault(RUNNING, 0) >= TRIPS / 4
                                && counts.getOrDefault(COMPENSATING, 0) >= 1;
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n--- the example's output:\n" + app.output(), e);
        }
    }

    private static List<String> arguments(List<String> database, int trips) {
        List<String> arguments = new ArrayList<>(EXAMPLE);
        arguments.addAll(database);
        arguments.addAll(List.of("--sagas", Integer.toString(trips)));
        return arguments;
    }
}
