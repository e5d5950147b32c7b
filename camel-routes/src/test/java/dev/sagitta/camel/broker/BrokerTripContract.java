package dev.sagitta.camel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.CamelMessageMapper;
import dev.sagitta.camel.CommandHandler;
import dev.sagitta.camel.DeadLetterPolicy;
import dev.sagitta.camel.DeadLetterQueue;
import dev.sagitta.camel.IdempotentCommandHandler;
import dev.sagitta.camel.ParticipantInbox;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trip saga end to end over a real broker: the engine on PostgreSQL sends commands through the
 * broker to hotel, flight and car participants built on {@link IdempotentCommandHandler} (their own
 * H2 database), and their replies come back through the broker. Each broker's test says how to
 * reach it and which endpoint URIs to use.
 */
abstract class BrokerTripContract {

    static final String HOTEL = "hotel-service";
    static final String FLIGHT = "flight-service";
    static final String CAR = "car-service";

    record Trip(String city, @Nullable String hotel, @Nullable String flight, @Nullable String car) {
    }

    record Book(String city) {
    }

    record Booked(String id) {
    }

    private static final SagaDefinition<Trip> TRIP = Saga.define("broker-trip", Trip.class)
            .step("hotel", s -> s.invoke(HOTEL, "trip.hotel.reserve", t -> new Book(t.city()))
                    .onReply(Booked.class, (t, r) -> new Trip(t.city(), r.id(), t.flight(), t.car()))
                    .compensateWith(HOTEL, "trip.hotel.release", t -> new Book(t.city()))
                    .timeout(Duration.ofSeconds(5)))
            .step("flight", s -> s.invoke(FLIGHT, "trip.flight.reserve", t -> new Book(t.city()))
                    .onReply(Booked.class, (t, r) -> new Trip(t.city(), t.hotel(), r.id(), t.car()))
                    .compensateWith(FLIGHT, "trip.flight.release", t -> new Book(t.city()))
                    .timeout(Duration.ofSeconds(2))
                    .retry(RetryPolicy.fixed(2, Duration.ofMillis(200))))
            .step("car", s -> s.invoke(CAR, "trip.car.reserve", t -> new Book(t.city()))
                    .onReply(Booked.class, (t, r) -> new Trip(t.city(), t.hotel(), t.flight(), r.id()))
                    .compensateWith(CAR, "trip.car.release", t -> new Book(t.city()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    private static PostgresTestDatabase postgres;
    private static SagaDatabase sagas;

    private String run;
    private SagaDatabase participantsDatabase;
    private CamelContext camel;
    private CamelCommandTransport transport;
    private SagaEngine engine;
    private final List<CommandMessage> received = new CopyOnWriteArrayList<>();

    /** Makes the broker reachable from {@code context}, for example a connection factory in its registry. */
    protected abstract void bindBroker(CamelContext context) throws Exception;

    /** Where commands for {@code participant} go, unique to {@code run} so tests do not share queues. */
    protected abstract String commandEndpoint(String participant, String run);

    /** Where replies go, unique to {@code run}. */
    protected abstract String replyEndpoint(String run);

    /** Where participants send replies, if not to {@link #replyEndpoint} itself. */
    protected @Nullable String replyTo(String run) {
        return null;
    }

    /** Deletes what the endpoints of {@code run} left on the broker, once everything has stopped. */
    protected void deleteFromBroker(String run) throws Exception {
    }

    @BeforeAll
    static void openSagaStore() {
        postgres = PostgresTestDatabase.create();
        sagas = postgres.openSagaDatabase();
    }

    @AfterAll
    static void closeSagaStore() {
        sagas.close();
        postgres.close();
    }

    @BeforeEach
    void start() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        participantsDatabase = SagaDatabase.fromJdbcUrl("jdbc:h2:mem:participants-" + run + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = participantsDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE booking (saga_id VARCHAR(200), service VARCHAR(50), state VARCHAR(20),"
                    + " PRIMARY KEY (saga_id, service))");
        }
        ParticipantInbox inbox = new ParticipantInbox(participantsDatabase.dataSource()).createTables();
        camel = new DefaultCamelContext();
        bindBroker(camel);
        CamelCommandTransport.Builder transportBuilder = CamelCommandTransport.builder()
                .camelContext(camel)
                .replyEndpoint(replyEndpoint(run))
                .deadLetters(DeadLetterPolicy.storingIn(sagas.deadLetters()).build());
        for (String participant : List.of(HOTEL, FLIGHT, CAR)) {
            transportBuilder.participant(participant, commandEndpoint(participant, run));
        }
        String replyTo = replyTo(run);
        if (replyTo != null) {
            transportBuilder.replyTo(replyTo);
        }
        transport = transportBuilder.build();
        for (String participant : List.of(HOTEL, FLIGHT, CAR)) {
            camel.addRoutes(ParticipantRoute.builder(participant, recording(participant, bookings(inbox, participant)))
                    .commandEndpoint(transport.commandEndpoint(participant)).build());
        }
        camel.start();
        engine = SagaEngine.builder().store(sagas.store()).transport(transport).register(TRIP)
                .pollInterval(Duration.ofMillis(100)).build();
        engine.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        camel.close();
        participantsDatabase.close();
        deleteFromBroker(run);
    }

    /** A participant that books in its own table, refuses trips to Nowhere at the car rental. */
    private static IdempotentCommandHandler bookings(ParticipantInbox inbox, String service) {
        return IdempotentCommandHandler.builder(inbox)
                .forward((command, connection) -> {
                    if (service.equals(CAR) && command.payload().contains("Nowhere")) {
                        return ParticipantReply.failure(command.messageType() + ".refused", "no cars in Nowhere");
                    }
                    write(connection, "INSERT INTO booking (saga_id, service, state) VALUES (?, ?, 'BOOKED')",
                            command.sagaId(), service);
                    return ParticipantReply.success(command.messageType() + ".done",
                            "{\"id\":\"" + service + "-" + command.sagaId() + "\"}");
                })
                .compensation((command, connection) -> {
                    write(connection, "UPDATE booking SET state = 'RELEASED' WHERE saga_id = ? AND service = ?",
                            command.sagaId(), service);
                    return ParticipantReply.success(command.messageType() + ".done", null);
                })
                .build();
    }

    /** Records every delivery; the flight service loses the first command of every trip to Faro. */
    private CommandHandler recording(String participant, CommandHandler handler) {
        return command -> {
            received.add(command);
            if (participant.equals(FLIGHT) && command.attempt() == 1 && !command.compensation()
                    && command.payload().contains("Faro")) {
                return ParticipantReply.noReply();
            }
            return handler.handle(command);
        };
    }

    private SagaHandle book(String city) {
        return engine.startSaga(TRIP, new Trip(city, null, null, null));
    }

    @Test
    void trips_over_the_broker_book_a_hotel_a_flight_and_a_car_each() throws Exception {
        List<SagaHandle> trips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trips.add(book("Lisbon"));
        }

        for (SagaHandle trip : trips) {
            assertThat(engine.awaitTermination(trip.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPLETED);
            assertThat(engine.find(trip.id()).orElseThrow().data(Trip.class))
                    .isEqualTo(new Trip("Lisbon", HOTEL + "-" + trip.id(), FLIGHT + "-" + trip.id(), CAR + "-" + trip.id()));
            assertThat(bookingsOf(trip.id())).containsOnly(
                    Map.entry(HOTEL, "BOOKED"), Map.entry(FLIGHT, "BOOKED"), Map.entry(CAR, "BOOKED"));
        }
    }

    @Test
    void a_car_refused_releases_the_flight_and_the_hotel() throws Exception {
        SagaHandle trip = book("Nowhere");

        assertThat(engine.awaitTermination(trip.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(stepsWith(trip.id(), "STEP_COMPENSATED")).containsExactly("flight", "hotel");
        assertThat(bookingsOf(trip.id())).containsOnly(Map.entry(HOTEL, "RELEASED"), Map.entry(FLIGHT, "RELEASED"));
    }

    @Test
    void a_lost_flight_command_times_out_and_the_second_attempt_books_it() throws Exception {
        SagaHandle trip = book("Faro");

        assertThat(engine.awaitTermination(trip.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPLETED);
        SagaView view = engine.find(trip.id()).orElseThrow();
        assertThat(view.timeline()).anyMatch(e -> "flight".equals(e.step()) && e.kind().equals("STEP_TIMED_OUT"));
        assertThat(view.step("flight").orElseThrow().attempts()).isEqualTo(2);
        assertThat(bookingsOf(trip.id())).containsEntry(FLIGHT, "BOOKED");
    }

    @Test
    void a_command_and_a_reply_delivered_twice_are_applied_once_by_the_participant_and_the_engine() throws Exception {
        SagaHandle trip = book("Lisbon");
        assertThat(engine.awaitTermination(trip.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPLETED);
        CommandMessage hotelCommand = received.stream()
                .filter(c -> c.sagaId().equals(trip.id()) && c.participant().equals(HOTEL)).findFirst().orElseThrow();

        ProducerTemplate producer = camel.createProducerTemplate();
        producer.send(transport.commandEndpoint(HOTEL), exchange ->
                CamelMessageMapper.writeCommand(hotelCommand, transport.replyTo(), exchange.getMessage()));
        ReplyMessage duplicateReply = ReplyMessage.success(hotelCommand, "duplicate-of-" + hotelCommand.messageId(),
                "trip.hotel.reserve.done", "{\"id\":\"elsewhere\"}", hotelCommand.createdAt());
        producer.send(transport.replyEndpoint(), exchange ->
                CamelMessageMapper.writeReply(duplicateReply, hotelCommand, exchange.getMessage()));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .filter(c -> c.messageId().equals(hotelCommand.messageId())).count() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.find(trip.id()).orElseThrow().timeline().stream()
                .anyMatch(e -> e.kind().equals("MESSAGE_IGNORED")));
        SagaView view = engine.find(trip.id()).orElseThrow();
        assertThat(view.data(Trip.class).hotel()).isEqualTo(HOTEL + "-" + trip.id());
        assertThat(stepsWith(trip.id(), "STEP_SUCCEEDED")).containsExactly("hotel", "flight", "car");
        assertThat(bookingsOf(trip.id())).containsEntry(HOTEL, "BOOKED").hasSize(3);
    }

    @Test
    void poison_replies_are_dead_lettered_the_consumer_goes_on_and_a_retried_letter_comes_back_through_the_broker()
            throws Exception {
        SagaHandle first = book("Lisbon");
        assertThat(engine.awaitTermination(first.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPLETED);
        CommandMessage hotelCommand = received.stream()
                .filter(c -> c.sagaId().equals(first.id()) && c.participant().equals(HOTEL)).findFirst().orElseThrow();
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.send(transport.replyEndpoint(), exchange -> {
            CamelMessageMapper.writeReply(ReplyMessage.success(hotelCommand, "garbled-" + first.id(),
                    "trip.hotel.reserve.done", "{}", hotelCommand.createdAt()), hotelCommand, exchange.getMessage());
            exchange.getMessage().setBody("{\"id\":");
        });
        CommandMessage stranger = new CommandMessage("cmd-stranger", "trip.hotel.reserve", "saga-from-elsewhere",
                "broker-trip", "hotel", 1, false, HOTEL, "{}", null, null, hotelCommand.createdAt());
        producer.send(transport.replyEndpoint(), exchange -> CamelMessageMapper.writeReply(ReplyMessage.success(
                stranger, "reply-to-stranger", "trip.hotel.reserve.done", "{}", stranger.createdAt()), stranger,
                exchange.getMessage()));

        SagaHandle second = book("Lisbon");

        assertThat(engine.awaitTermination(second.id(), Duration.ofSeconds(30))).isEqualTo(SagaStatus.COMPLETED);
        DeadLetterFilter fromThisRun = DeadLetterFilter.all().withSource(transport.replyEndpoint());
        await().atMost(Duration.ofSeconds(10)).until(() -> sagas.deadLetters().list(fromThisRun, 10).size() == 2);
        assertThat(sagas.deadLetters().list(fromThisRun, 10))
                .extracting(DeadLetter::messageId, DeadLetter::kind)
                .containsExactlyInAnyOrder(tuple("garbled-" + first.id(), DeadLetterKind.MALFORMED),
                        tuple("reply-to-stranger", DeadLetterKind.UNKNOWN_SAGA));
        DeadLetter strangers = sagas.deadLetters().list(fromThisRun.withKind(DeadLetterKind.UNKNOWN_SAGA), 1).get(0);

        DeadLetterQueue queue = new DeadLetterQueue(sagas.deadLetters(), camel, Clock.system());
        assertThat(queue.retry(strangers.id(), "ops")).isTrue();

        // Still unknown: sent back through the broker, it is dead-lettered again, once, as a new letter.
        await().atMost(Duration.ofSeconds(10)).until(() -> sagas.deadLetters()
                .list(fromThisRun.withStatus(DeadLetterStatus.PENDING).withKind(DeadLetterKind.UNKNOWN_SAGA), 10)
                .size() == 1);
        DeadLetter again = sagas.deadLetters()
                .list(fromThisRun.withStatus(DeadLetterStatus.PENDING).withKind(DeadLetterKind.UNKNOWN_SAGA), 10).get(0);
        assertThat(again.id()).isNotEqualTo(strangers.id());
        assertThat(again.messageId()).isEqualTo("reply-to-stranger");
        assertThat(again.headers()).containsEntry(DeadLetterQueue.RETRY_HEADER, strangers.id());
        assertThat(queue.inspect(strangers.id()).orElseThrow().status()).isEqualTo(DeadLetterStatus.RETRIED);
    }

    private List<String> stepsWith(String sagaId, String kind) {
        return engine.find(sagaId).orElseThrow().timeline().stream()
                .filter(e -> e.kind().equals(kind)).map(TimelineEntry::step).toList();
    }

    private Map<String, String> bookingsOf(String sagaId) throws SQLException {
        try (Connection connection = participantsDatabase.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT service, state FROM booking WHERE saga_id = ?")) {
            select.setString(1, sagaId);
            List<Map.Entry<String, String>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(Map.entry(result.getString(1), result.getString(2)));
                }
            }
            return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static void write(Connection connection, String sql, String sagaId, String service) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sagaId);
            statement.setString(2, service);
            statement.executeUpdate();
        }
    }
}
