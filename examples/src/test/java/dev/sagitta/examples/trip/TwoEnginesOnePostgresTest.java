package dev.sagitta.examples.trip;

import static dev.sagitta.engine.SagaStatus.COMPENSATED;
import static dev.sagitta.engine.SagaStatus.COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.CommandHandler;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Durability rule 7: two engine nodes share one PostgreSQL database and one set of queues, and
 * correctness does not depend on there being only one. Trips are booked on both nodes in turn; each
 * reply goes to whichever node's consumer takes it first, so a node often applies the reply to a
 * command the other one sent, while both nodes' pollers fire the sagas' timeouts and retries. Every
 * trip must end completed or compensated, the participants' tables must match the outcomes, and no
 * saga's timeline may show a transition applied twice.
 */
class TwoEnginesOnePostgresTest {

    private static final int TRIPS = 300;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(2);
    private static final String REPLIES = "trip-replies";
    private static final String[] CITIES = {"Lisbon", "Oslo", "Kyoto", "Lima", "Tunis", "Hanoi", "Quito"};

    private final SharedQueues queues = new SharedQueues(REPLIES,
            TripSaga.HOTEL, TripSaga.FLIGHT, TripSaga.CAR, TripSaga.MAIL);

    @Test
    void twoNodesFinishEveryTripAndApplyNoTransitionTwice() throws Exception {
        // One card in twelve is declined: compensation after a local step failed.
        ParticipantBehaviour payments = new ParticipantBehaviour(12, 0, Duration.ZERO);
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create();
                TripNode a = TripNode.start("node-a", postgres.openSagaDatabase(), queues, REPLIES, STEP_TIMEOUT,
                        payments);
                TripNode b = TripNode.start("node-b", postgres.openSagaDatabase(), queues, REPLIES, STEP_TIMEOUT,
                        payments);
                TripDatabase participantsDatabase = TripDatabase.on(postgres.openSagaDatabase())) {
            CamelContext participants = startParticipants(participantsDatabase.dataSource());
            // Read through the participants' pool, which neither node uses.
            SagaRows rows = new SagaRows(participantsDatabase.dataSource()::getConnection);
            List<String> trips;
            try {
                trips = bookAlternately(a, b);
                awaitAllFinished(rows);
            } finally {
                participants.stop();
            }

            SagaRows.Snapshot sagas = rows.snapshot();
            assertThat(sagas.statuses().keySet()).as("trips in the database").containsExactlyInAnyOrderElementsOf(trips);
            assertThat(sagas.neitherCompletedNorCompensated()).as("trips neither completed nor compensated").isEmpty();
            assertThat(new TripConsistency(participantsDatabase.dataSource()).check(sagas.statuses()))
                    .as("participants' tables against the trips' outcomes").isEmpty();
            assertThat(sagas.timelineViolations()).as("timelines").isEmpty();
            assertBothNodesWorked(a, b);
            assertThat(sagas.statuses()).as("outcomes").containsValue(COMPLETED).containsValue(COMPENSATED);
        }
    }

    /**
     * The participants, as a service of their own, consuming the shared command queues. For a few
     * trips the hotel answers just after the step's timeout, so its late answer races the retry, and
     * the flight answers only after the step has failed, so its compensation times out and is retried
     * too. The slow services get many consumers, so that slow trips do not hold up the others.
     */
    private CamelContext startParticipants(DataSource dataSource) throws Exception {
        CamelContext context = queues.newContext("participants");
        addParticipant(context, TripSaga.HOTEL, new ReservationService(TripSaga.HOTEL, dataSource,
                new ParticipantBehaviour(0, 15, Duration.ofMillis(2_500))), 48);
        addParticipant(context, TripSaga.FLIGHT, new ReservationService(TripSaga.FLIGHT, dataSource,
                new ParticipantBehaviour(0, 25, Duration.ofMillis(5_000))), 48);
        // One trip in six finds no car: compensation after a remote step was refused.
        addParticipant(context, TripSaga.CAR, new ReservationService(TripSaga.CAR, dataSource,
                new ParticipantBehaviour(6, 0, Duration.ZERO)), 4);
        addParticipant(context, TripSaga.MAIL, new MailService(dataSource), 4);
        context.start();
        return context;
    }

    private void addParticipant(CamelContext context, String participant, CommandHandler handler, int consumers)
            throws Exception {
        context.addRoutes(ParticipantRoute.builder(participant, handler)
                .commandEndpoint(queues.endpoint(participant) + "&concurrentConsumers=" + consumers)
                .build());
    }

    private static List<String> bookAlternately(TripNode a, TripNode b) {
        List<CompletableFuture<String>> booked = new ArrayList<>();
        for (int i = 0; i < TRIPS; i++) {
            Trip plan = Trip.plan("traveller-" + (i + 1), CITIES[i % CITIES.length], 2 + i % 5, 50_000L + i * 1_000L);
            booked.add((i % 2 == 0 ? a : b).book(plan));
        }
        return booked.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitAllFinished(SagaRows rows) throws Exception {
        try {
            await("every trip finished").atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(250))
                    .until(rows::countByStatus, counts -> counts.keySet().stream().allMatch(SagaStatus::isTerminal));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n"
                    + String.join("\n", rows.snapshot().neitherCompletedNorCompensated()), e);
        }
    }

    /** Both nodes sent commands, and each applied replies to commands the other one had sent. */
    private static void assertBothNodesWorked(TripNode a, TripNode b) {
        RecordingTransport onA = a.transport();
        RecordingTransport onB = b.transport();
        String counts = String.format("%s sent %d commands and received %d replies, %d of them to %s's commands;"
                        + " %s sent %d and received %d, %d to %s's", a.name(), onA.commandsSent(),
                onA.repliesReceived(), onA.repliesToCommandsOf(onB), b.name(), b.name(), onB.commandsSent(),
                onB.repliesReceived(), onB.repliesToCommandsOf(onA), a.name());
        assertThat(onA.commandsSent()).as(counts).isPositive();
        assertThat(onB.commandsSent()).as(counts).isPositive();
        assertThat(onA.repliesToCommandsOf(onB)).as(counts).isPositive();
        assertThat(onB.repliesToCommandsOf(onA)).as(counts).isPositive();
    }
}
