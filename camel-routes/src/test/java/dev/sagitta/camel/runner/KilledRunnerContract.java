package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagitta.camel.IdempotentCommandHandler;
import dev.sagitta.camel.ParticipantInbox;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.camel.runner.fixture.LedgerSaga;
import dev.sagitta.camel.runner.fixture.LedgerSaga.Transfer;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine process is killed with {@code kill -9} in the middle of a run over a real broker, and
 * started again: every saga still reaches its end, and every effect is applied exactly once, at the
 * participant and in the engine.
 *
 * <p>The engine is a {@link SagittaRunner} process on PostgreSQL, running {@link LedgerSaga} (debit,
 * then credit). This JVM plays the application, which commits the sagas' starts and leaves their
 * first commands in the outbox for the runner, and the ledger participant: a {@link ParticipantRoute}
 * with an {@link IdempotentCommandHandler} on its own database, consuming the broker. It refuses the
 * credit of every transfer whose amount is a multiple of five, so those sagas compensate their
 * debit. Its postings table has no unique key: an effect applied twice would show as two rows.
 *
 * <p>The kill comes once some sagas have ended and others have not. While the engine is dead the
 * participant goes on answering the commands it already had, so replies wait in the broker, which
 * the test checks before starting the engine again; replies the dead engine had taken but not
 * acknowledged are delivered again by the broker.
 */
abstract class KilledRunnerContract {

    private static final int SAGAS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger deliveries = new AtomicInteger();

    /** Makes the broker reachable from this JVM's Camel context. */
    protected abstract void bindBroker(CamelContext context) throws Exception;

    /** The ledger's command endpoint for this run. */
    protected abstract String commandEndpoint(String run);

    /** The reply endpoint for this run. */
    protected abstract String replyEndpoint(String run);

    /** Properties the runner needs to reach the broker, besides the two endpoints. */
    protected abstract Map<String, String> runnerBrokerProperties();

    /** How many replies wait in the broker for the engine (unconsumed or unacknowledged). */
    protected abstract long repliesWaitingForTheEngine(String run) throws Exception;

    @Test
    void every_saga_ends_and_every_effect_is_applied_once_after_the_engine_is_killed_mid_run() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create();
             SagaDatabase sagas = postgres.openSagaDatabase();
             SagaDatabase ledger = SagaDatabase.fromJdbcUrl("jdbc:h2:mem:ledger-" + run + ";DB_CLOSE_DELAY=-1", "sa", "");
             CamelContext participant = startLedgerParticipant(ledger)) {
            Path properties = writeRunnerProperties();
            Path log = dir.resolve("runner.log");
            Map<String, String> environment = Map.of("SAGITTA_DATABASE_URL", postgres.jdbcUrl());

            List<String> ids;
            try (RunnerProcess first = RunnerProcess.start(properties, environment, log)) {
                await("the runner to start").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> {
                            if (!first.isAlive()) {
                                fail("the runner exited with " + first.exitValue() + ":\n" + first.output());
                            }
                            assertThat(first.output()).contains("Sagitta runner started");
                        });
                ids = startSagasLeftToTheRunner(sagas);
                await("some sagas to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .untilAsserted(() -> {
                            if (!first.isAlive()) {
                                fail("the runner exited with " + first.exitValue() + ":\n" + first.output());
                            }
                            assertThat(ended(sagas, ids)).isGreaterThanOrEqualTo(10);
                        });
                first.kill();
            }
            long endedAtKill = ended(sagas, ids);
            System.out.println("Killed the engine with " + endedAtKill + " of " + SAGAS + " sagas ended");
            assertThat(endedAtKill).as("sagas ended when the engine was killed: the kill must come mid-run")
                    .isLessThan(SAGAS);
            await("replies to wait in the broker for the dead engine").atMost(Duration.ofSeconds(20))
                    .until(() -> repliesWaitingForTheEngine(run) > 0);
            System.out.println("Replies waiting in the broker: " + repliesWaitingForTheEngine(run));

            try (RunnerProcess second = RunnerProcess.start(properties, environment, log)) {
                await("every saga to end after the restart").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            if (!second.isAlive()) {
                                fail("the restarted runner exited with " + second.exitValue() + ":\n" + second.output());
                            }
                            assertThat(ended(sagas, ids)).isEqualTo(SAGAS);
                        });
            }
            System.out.println("Commands delivered to the ledger: " + deliveries.get() + " for "
                    + postings(ledger).values().stream().mapToInt(List::size).sum() + " postings");

            try {
                assertEveryEffectAppliedOnce(sagas, ledger, ids);
            } finally {
                System.out.println("---- runner output ----\n" + Files.readString(log));
            }
        }
    }

    private void assertEveryEffectAppliedOnce(SagaDatabase sagas, SagaDatabase ledger, List<String> ids)
            throws SQLException {
        Map<String, List<String>> postings = postings(ledger);
        try (SagaEngine reader = readerOf(sagas)) {
            for (String id : ids) {
                SagaView saga = reader.find(id).orElseThrow();
                boolean refused = saga.data(Transfer.class).cents() % 5 == 0;
                if (refused) {
                    assertThat(saga.status()).as("saga %s, credit refused:\n%s", id, saga.timelineText())
                            .isEqualTo(SagaStatus.COMPENSATED);
                    assertThat(postings.get(id)).as("postings of %s", id)
                            .containsExactlyInAnyOrder("ledger.account.debit", "ledger.account.debit-reverse");
                    assertThat(count(saga, "STEP_COMPENSATED", "debit")).as("debit compensations of %s", id).isOne();
                } else {
                    assertThat(saga.status()).as("saga %s:\n%s", id, saga.timelineText()).isEqualTo(SagaStatus.COMPLETED);
                    assertThat(postings.get(id)).as("postings of %s", id)
                            .containsExactlyInAnyOrder("ledger.account.debit", "ledger.account.credit");
                    assertThat(count(saga, "STEP_SUCCEEDED", "credit")).as("credits applied by %s", id).isOne();
                    assertThat(saga.data(Transfer.class).credit()).isEqualTo("E-" + id + ":credit");
                }
                assertThat(count(saga, "STEP_SUCCEEDED", "debit")).as("debits applied by %s", id).isOne();
                assertThat(saga.data(Transfer.class).debit()).isEqualTo("E-" + id + ":debit");
            }
        }
    }

    private static long count(SagaView saga, String kind, String step) {
        return saga.timeline().stream().filter(e -> e.kind().equals(kind) && step.equals(e.step())).count();
    }

    private CamelContext startLedgerParticipant(SagaDatabase ledger) throws Exception {
        try (Connection connection = ledger.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE posting (saga_id VARCHAR(100), command_type VARCHAR(100))");
        }
        ParticipantInbox inbox = new ParticipantInbox(ledger.dataSource()).createTables();
        IdempotentCommandHandler postings = IdempotentCommandHandler.builder(inbox)
                .forward((command, connection) -> {
                    if (command.messageType().equals("ledger.account.credit") && cents(command) % 5 == 0) {
                        return ParticipantReply.failure("ledger.account.credit-refused", "multiples of five are not credited");
                    }
                    return post(command, connection);
                })
                .compensation(KilledRunnerContract::post)
                .build();
        CamelContext context = new DefaultCamelContext();
        bindBroker(context);
        context.addRoutes(ParticipantRoute.builder(LedgerSaga.LEDGER, command -> {
            deliveries.incrementAndGet();
            return postings.handle(command);
        }).commandEndpoint(commandEndpoint(run)).build());
        context.start();
        return context;
    }

    private static ParticipantReply post(CommandMessage command, Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO posting (saga_id, command_type) VALUES (?, ?)")) {
            insert.setString(1, command.sagaId());
            insert.setString(2, command.messageType());
            insert.executeUpdate();
        }
        return ParticipantReply.success(command.messageType() + ".posted",
                "{\"entry\":\"E-" + command.sagaId() + ":" + command.step() + "\"}");
    }

    private static int cents(CommandMessage command) throws Exception {
        return JSON.readTree(command.payload()).get("cents").asInt();
    }

    /** Commits {@value #SAGAS} starts whose first commands stay in the outbox until the runner relays them. */
    private static List<String> startSagasLeftToTheRunner(SagaDatabase sagas) {
        List<String> ids = new ArrayList<>();
        try (SagaEngine application = readerOf(sagas)) {
            for (int i = 0; i < SAGAS; i++) {
                ids.add(application.startSaga(LedgerSaga.DEFINITION, new Transfer("T-" + i, 100 + i, null, null)).id());
            }
        }
        return ids;
    }

    /** An engine that is never started: it commits starts, reads views, and sends nothing. */
    private static SagaEngine readerOf(SagaDatabase sagas) {
        return SagaEngine.builder()
                .store(sagas.store())
                .transport(new NoSendingTransport())
                .register(LedgerSaga.DEFINITION)
                .outboxGrace(Duration.ofMillis(100))
                .build();
    }

    private Path writeRunnerProperties() throws Exception {
        Map<String, String> properties = new TreeMap<>(runnerBrokerProperties());
        properties.put("sagitta.participants." + LedgerSaga.LEDGER + ".endpoint", commandEndpoint(run));
        properties.put("sagitta.replies.endpoint", replyEndpoint(run));
        properties.put("sagitta.engine.poll-interval", "100ms");
        // A row the dead engine had claimed is free again this soon after the restart.
        properties.put("sagitta.engine.claim-lease", "2s");
        properties.put("sagitta.engine.outbox-grace", "500ms");
        Path file = dir.resolve("runner.properties");
        Files.writeString(file, properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        return file;
    }

    private static long ended(SagaDatabase sagas, List<String> ids) {
        return sagas.store().load(ids).values().stream().map(SagaRecord::status).filter(SagaStatus::isTerminal).count();
    }

    private static Map<String, List<String>> postings(SagaDatabase ledger) throws SQLException {
        Map<String, List<String>> bySaga = new TreeMap<>();
        try (Connection connection = ledger.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT saga_id, command_type FROM posting")) {
            while (rows.next()) {
                bySaga.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return bySaga;
    }
}
