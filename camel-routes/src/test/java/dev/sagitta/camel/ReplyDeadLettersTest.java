package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison replies never block the engine's reply consumer: each kind lands in the dead-letter store
 * with its reason, headers, payload and attempts, and the consumer goes on with the next reply. An
 * operator retries a letter (it is processed once more, once) or discards it, one by one or by
 * filter; old letters are purged.
 */
class ReplyDeadLettersTest {

    private static final String HOTEL = "hotel-service";
    private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");

    record Stay(String guest) {
    }

    private static final SagaDefinition<Stay> STAY = Saga.define("stay", Stay.class)
            .step("reserve-room", s -> s.invoke(HOTEL, "stay.room.reserve", st -> st)
                    .compensateWith(HOTEL, "stay.room.release", st -> st))
            .build();

    @TempDir
    Path directory;

    private SagaDatabase database;
    private CamelCommandTransport transport;
    private SagaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private DeadLetterPolicy.Builder policy() {
        database = SagaDatabase.embeddedH2(directory);
        return DeadLetterPolicy.storingIn(database.deadLetters()).maxPayloadBytes(1024).handlingAttempts(3)
                .firstRetryDelay(Duration.ofMillis(10)).clock(new FixedClock(NOW));
    }

    /** An engine on H2 over seda, whose hotel participant answers every command with success. */
    private void startEngine(DeadLetterPolicy policy) throws Exception {
        transport = CamelCommandTransport.builder().deadLetters(policy).build();
        QuickSeda.stopQuickly(transport.camelContext());
        engine = SagaEngine.builder().store(database.store()).transport(transport).register(STAY).build();
        engine.start();
        transport.camelContext().addRoutes(ParticipantRoute.builder(HOTEL,
                command -> ParticipantReply.success("stay.room.reserved", "{}"))
                .commandEndpoint(transport.commandEndpoint(HOTEL)).build());
    }

    /** Sends a well-formed reply to saga {@code sagaId}, changed by {@code tamper} on the way. */
    private void sendReply(String sagaId, Consumer<Message> tamper) {
        CommandMessage command = new CommandMessage("cmd-" + sagaId, "stay.room.reserve", sagaId, "stay",
                "reserve-room", 1, false, HOTEL, "{}", null, null, NOW);
        ReplyMessage reply = ReplyMessage.success(command, "reply-" + sagaId, "stay.room.reserved", "{\"room\":7}", NOW);
        transport.camelContext().createProducerTemplate().send(transport.replyEndpoint(), exchange -> {
            CamelMessageMapper.writeReply(reply, command, exchange.getMessage());
            tamper.accept(exchange.getMessage());
        });
    }

    private List<DeadLetter> awaitLetters(DeadLetterStore store, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.list(DeadLetterFilter.all(), 100).size() >= count);
        return store.list(DeadLetterFilter.all(), 100);
    }

    @Test
    void each_kind_of_poison_reply_is_dead_lettered_with_its_reason_and_the_consumer_goes_on() throws Exception {
        startEngine(policy().build());

        sendReply("saga-not-json", message -> message.setBody("{\"room\":"));
        sendReply("saga-no-id", message -> message.removeHeader(SagittaHeaders.ID));
        sendReply("saga-v2", message -> message.setHeader(SagittaHeaders.SPEC_VERSION_HEADER, "2.0"));
        sendReply("saga-huge", message -> message.setBody("\"" + "x".repeat(2000) + "\""));
        sendReply("saga-nobody-started", message -> { });
        SagaHandle stay = engine.startSaga(STAY, new Stay("ada"));

        assertThat(stay.awaitTermination(Duration.ofSeconds(10))).isEqualTo(SagaStatus.COMPLETED);
        List<DeadLetter> letters = awaitLetters(database.deadLetters(), 5);
        assertThat(letters).extracting(DeadLetter::sagaId, DeadLetter::kind).containsExactlyInAnyOrder(
                tuple("saga-not-json", DeadLetterKind.MALFORMED),
                tuple("saga-no-id", DeadLetterKind.MALFORMED),
                tuple("saga-v2", DeadLetterKind.SCHEMA_MISMATCH),
                tuple("saga-huge", DeadLetterKind.OVERSIZED),
                tuple("saga-nobody-started", DeadLetterKind.UNKNOWN_SAGA));
        Map<String, DeadLetter> bySaga = new HashMap<>();
        letters.forEach(letter -> bySaga.put(letter.sagaId(), letter));
        assertThat(bySaga.get("saga-not-json").reason()).startsWith("body is not JSON: ");
        assertThat(bySaga.get("saga-not-json").payload()).isEqualTo("{\"room\":");
        assertThat(bySaga.get("saga-no-id").reason()).isEqualTo("header ce_id is missing");
        assertThat(bySaga.get("saga-v2").reason()).isEqualTo("written as CloudEvents 2.0, but this consumer reads 1.0");
        assertThat(bySaga.get("saga-huge").reason())
                .isEqualTo("body is 2002 bytes, more than the 1024 accepted (DeadLetterPolicy.maxPayloadBytes)");
        assertThat(bySaga.get("saga-nobody-started").reason()).startsWith("No saga with id 'saga-nobody-started'");
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.source()).isEqualTo(transport.replyEndpoint());
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.status()).isEqualTo(DeadLetterStatus.PENDING);
            assertThat(letter.createdAt()).isEqualTo(NOW);
            assertThat(letter.headers()).containsEntry(SagittaHeaders.TYPE, "stay.room.reserved")
                    .containsEntry(SagittaHeaders.STEP, "reserve-room");
        });
    }

    @Test
    void a_reply_whose_handling_keeps_failing_is_dead_lettered_after_its_attempts_and_a_retry_processes_it_once()
            throws Exception {
        database = SagaDatabase.embeddedH2(directory);
        DeadLetterStore store = database.deadLetters();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        transport = CamelCommandTransport.builder().deadLetters(DeadLetterPolicy.storingIn(store).handlingAttempts(3)
                .firstRetryDelay(Duration.ofMillis(10)).build()).build();
        QuickSeda.stopQuickly(transport.camelContext());
        transport.start(RecordingSink.answering(reply -> {
            boolean fails = broken.get() && reply.sagaId().equals("saga-1");
            handled.add(reply.sagaId() + (fails ? " failed" : " applied"));
            return fails
                    ? CompletableFuture.failedFuture(new IllegalStateException("ledger locked"))
                    : CompletableFuture.completedFuture(null);
        }));

        sendReply("saga-1", message -> { });
        sendReply("saga-2", message -> { });
        DeadLetter letter = awaitLetters(store, 1).get(0);
        await().until(() -> handled.contains("saga-2 applied"));

        assertThat(letter.kind()).isEqualTo(DeadLetterKind.HANDLING_FAILED);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason()).isEqualTo("java.lang.IllegalStateException: ledger locked");
        // saga-2 went through while saga-1 was being retried on another consumer.
        assertThat(handled).containsExactlyInAnyOrder("saga-1 failed", "saga-1 failed", "saga-1 failed",
                "saga-2 applied");

        broken.set(false);
        DeadLetterQueue queue = new DeadLetterQueue(store, transport.camelContext(), new FixedClock(NOW));
        assertThat(queue.retry(letter.id(), "ops-alice")).isTrue();
        await().until(() -> handled.contains("saga-1 applied"));

        assertThat(queue.retry(letter.id(), "ops-bob")).isFalse();
        assertThat(queue.inspect(letter.id())).get().satisfies(retried -> {
            assertThat(retried.status()).isEqualTo(DeadLetterStatus.RETRIED);
            assertThat(retried.settledBy()).isEqualTo("ops-alice");
            assertThat(retried.settledAt()).isEqualTo(NOW);
        });
        await().during(Duration.ofMillis(200)).until(() -> handled.size() == 5);
        assertThat(store.list(DeadLetterFilter.all(), 10)).hasSize(1);
    }

    @Test
    void a_reply_that_meets_a_closing_engine_is_left_unacknowledged_for_the_next_engine_not_dead_lettered() {
        database = SagaDatabase.embeddedH2(directory);
        List<String> handled = new CopyOnWriteArrayList<>();
        transport = CamelCommandTransport.builder().deadLetters(DeadLetterPolicy.storingIn(database.deadLetters())
                .firstRetryDelay(Duration.ofMillis(10)).build()).build();
        QuickSeda.stopQuickly(transport.camelContext());
        transport.start(RecordingSink.answering(reply -> {
            handled.add(reply.sagaId());
            return CompletableFuture.failedFuture(new EngineClosedException("The engine is closed"));
        }));

        sendReply("saga-1", message -> { });

        await().until(() -> handled.size() == 1);
        await().during(Duration.ofMillis(300)).until(() -> handled.size() == 1);
        assertThat(database.deadLetters().list(DeadLetterFilter.all(), 10)).isEmpty();
    }

    @Test
    void dead_letters_are_also_copied_to_the_dead_letter_endpoint_with_their_reason() throws Exception {
        startEngine(policy().endpoint("seda:stay.replies.dlq").build());
        List<Map<String, Object>> copies = new CopyOnWriteArrayList<>();
        CamelContext camel = transport.camelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:stay.replies.dlq").process(exchange -> copies.add(copyOf(exchange)));
            }
        });

        sendReply("saga-v2", message -> message.setHeader(SagittaHeaders.SPEC_VERSION_HEADER, "2.0"));

        await().atMost(Duration.ofSeconds(10)).until(() -> copies.size() == 1);
        DeadLetter stored = awaitLetters(database.deadLetters(), 1).get(0);
        assertThat(copies.get(0)).containsEntry("sagitta_deadletter_id", stored.id())
                .containsEntry("sagitta_deadletter_kind", "SCHEMA_MISMATCH")
                .containsEntry("sagitta_deadletter_source", transport.replyEndpoint())
                .containsEntry(SagittaHeaders.SAGA_ID, "saga-v2")
                .containsEntry("body", "{\"room\":7}");
    }

    private static Map<String, Object> copyOf(Exchange exchange) {
        Map<String, Object> copy = new HashMap<>(exchange.getMessage().getHeaders());
        copy.put("body", exchange.getMessage().getBody(String.class));
        return copy;
    }

    @Test
    void an_operator_discards_by_filter_and_old_letters_are_purged_after_the_retention() throws Exception {
        startEngine(policy().build());
        sendReply("saga-a", message -> message.setBody("not json"));
        sendReply("saga-b", message -> message.setBody("not json either"));
        sendReply("saga-c", message -> message.setHeader(SagittaHeaders.SPEC_VERSION_HEADER, "0.3"));
        awaitLetters(database.deadLetters(), 3);
        DeadLetterQueue queue = new DeadLetterQueue(database.deadLetters(), transport.camelContext(),
                new FixedClock(NOW.plus(Duration.ofDays(20))));

        int discarded = queue.discardAll(DeadLetterFilter.all().withKind(DeadLetterKind.MALFORMED), "ops-carol", 10);

        assertThat(discarded).isEqualTo(2);
        assertThat(queue.list(DeadLetterFilter.pending(), 10)).extracting(DeadLetter::sagaId).containsExactly("saga-c");
        assertThat(queue.list(DeadLetterFilter.all().withStatus(DeadLetterStatus.DISCARDED), 10))
                .extracting(DeadLetter::settledBy).containsOnly("ops-carol");
        assertThat(queue.purgeOlderThan(DeadLetterQueue.DEFAULT_RETENTION)).isZero();
        DeadLetterQueue monthsLater = new DeadLetterQueue(database.deadLetters(), transport.camelContext(),
                new FixedClock(NOW.plus(Duration.ofDays(31))));
        assertThat(monthsLater.purgeOlderThan(DeadLetterQueue.DEFAULT_RETENTION)).isEqualTo(3);
        assertThat(monthsLater.list(DeadLetterFilter.all(), 10)).isEmpty();
    }
}
