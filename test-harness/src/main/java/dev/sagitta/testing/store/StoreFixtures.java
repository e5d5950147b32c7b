package dev.sagitta.testing.store;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Records and batches for the contract, with plain defaults so each test states only what it is
 * about. Every instant has millisecond precision, the precision the engine stores.
 */
final class StoreFixtures {

    /** "Now" in every scenario. */
    static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123Z");

    private StoreFixtures() {
    }

    static Instant minutesAgo(long minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    static Instant minutesLater(long minutes) {
        return NOW.plus(Duration.ofMinutes(minutes));
    }

    static SagaBuilder saga(String sagaId) {
        return new SagaBuilder(sagaId);
    }

    /** The record's next revision, with new data and state, written a second after it. */
    static SagaRecord nextRevision(SagaRecord record) {
        return new SagaRecord(record.sagaId(), record.sagaType(), record.sagaVersion(), SagaStatus.COMPENSATING,
                "{\"revision\":" + (record.revision() + 1) + "}", "progress-" + (record.revision() + 1),
                minutesLater(5), record.revision() + 1, record.correlationId(), record.tenantId(),
                record.businessKey(), record.createdAt(), record.updatedAt().plusSeconds(1));
    }

    static HistoryRecord history(String sagaId, int seq) {
        return new HistoryRecord(sagaId, seq, "reserve-hotel", 1, "STEP_STARTED", "entry " + seq, NOW.plusMillis(seq));
    }

    static CommandMessage command(String messageId, String sagaId) {
        return new CommandMessage(messageId, "trip.hotel.reserve", sagaId, "trip", "reserve-hotel", 1, false,
                "hotel", "{\"room\":\"double\"}", "corr-" + sagaId, "tenant-1", NOW);
    }

    static OutboxEntry outbox(String messageId, String sagaId, long seq) {
        return outbox(messageId, sagaId, seq, NOW);
    }

    static OutboxEntry outbox(String messageId, String sagaId, long seq, Instant availableAt) {
        return new OutboxEntry(seq, command(messageId, sagaId), availableAt);
    }

    static InboxEntry inbox(String messageId, String sagaId) {
        return new InboxEntry(messageId, sagaId, NOW);
    }

    static List<String> messageIds(List<OutboxEntry> entries) {
        return entries.stream().map(entry -> entry.command().messageId()).toList();
    }

    static BatchBuilder batch() {
        return new BatchBuilder();
    }

    static TransitionBatch inserting(SagaRecord... records) {
        return batch().insert(records).build();
    }

    static final class SagaBuilder {
        private final String sagaId;
        private String sagaType = "trip";
        private int sagaVersion = 1;
        private SagaStatus status = SagaStatus.RUNNING;
        private @Nullable Instant wakeAt;
        private @Nullable String businessKey;
        private Instant createdAt = NOW;

        private SagaBuilder(String sagaId) {
            this.sagaId = sagaId;
        }

        SagaBuilder type(String type, int version) {
            this.sagaType = type;
            this.sagaVersion = version;
            return this;
        }

        SagaBuilder status(SagaStatus status) {
            this.status = status;
            return this;
        }

        SagaBuilder wakeAt(@Nullable Instant wakeAt) {
            this.wakeAt = wakeAt;
            return this;
        }

        SagaBuilder businessKey(@Nullable String businessKey) {
            this.businessKey = businessKey;
            return this;
        }

        SagaBuilder startedAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        SagaRecord build() {
            return new SagaRecord(sagaId, sagaType, sagaVersion, status, "{\"id\":\"" + sagaId + "\"}", "[]",
                    wakeAt, 1, null, null, businessKey, createdAt, createdAt);
        }
    }

    static final class BatchBuilder {
        private final List<SagaRecord> inserts = new ArrayList<>();
        private final List<SagaRecord> updates = new ArrayList<>();
        private final List<HistoryRecord> history = new ArrayList<>();
        private final List<OutboxEntry> outbox = new ArrayList<>();
        private final List<InboxEntry> inbox = new ArrayList<>();
        private final List<String> dispatched = new ArrayList<>();

        BatchBuilder insert(SagaRecord... records) {
            inserts.addAll(List.of(records));
            return this;
        }

        BatchBuilder update(SagaRecord... records) {
            updates.addAll(List.of(records));
            return this;
        }

        BatchBuilder history(HistoryRecord... entries) {
            history.addAll(List.of(entries));
            return this;
        }

        BatchBuilder outbox(OutboxEntry... entries) {
            outbox.addAll(List.of(entries));
            return this;
        }

        BatchBuilder inbox(InboxEntry... entries) {
            inbox.addAll(List.of(entries));
            return this;
        }

        BatchBuilder dispatched(String... messageIds) {
            dispatched.addAll(List.of(messageIds));
            return this;
        }

        TransitionBatch build() {
            return new TransitionBatch(inserts, updates, history, outbox, inbox, dispatched);
        }
    }
}
