package dev.sagitta.testing;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link SagaStore} that keeps everything in memory: for tests, and for running sagas under the
 * harness's virtual clock.
 *
 * <p>Thread-safe: every method runs under one lock, so commits and claims are serialised and a
 * commit is all or nothing (a conflict half-way undoes what the commit had written). It behaves
 * like the database stores: it passes the same {@code SagaStoreContract}. Records are kept as
 * given, at whatever precision their instants have. Nothing survives the JVM, and nothing is ever
 * evicted: finished sagas, timelines and processed message ids stay until the store is dropped.
 *
 * <pre>{@code
 * SagaStore store = new InMemorySagaStore();
 * }</pre>
 */
public final class InMemorySagaStore implements SagaStore {

    private final Object lock = new Object();
    private final SagaTable sagas = new SagaTable();
    private final Map<String, TreeMap<Integer, HistoryRecord>> historyBySaga = new HashMap<>();
    private final OutboxQueue outbox = new OutboxQueue();
    private final Map<String, InboxEntry> inbox = new HashMap<>();

    /** An empty store. */
    public InMemorySagaStore() {
    }

    @Override
    public Map<String, SagaRecord> load(Collection<String> sagaIds) {
        synchronized (lock) {
            Map<String, SagaRecord> found = new LinkedHashMap<>();
            for (String sagaId : sagaIds) {
                SagaRecord record = sagas.get(sagaId);
                if (record != null) {
                    found.put(sagaId, record);
                }
            }
            return Map.copyOf(found);
        }
    }

    @Override
    public Optional<String> findIdByBusinessKey(String sagaType, String businessKey) {
        synchronized (lock) {
            return sagas.idByBusinessKey(sagaType, businessKey);
        }
    }

    @Override
    public Set<String> processedMessageIds(Collection<String> messageIds) {
        synchronized (lock) {
            return messageIds.stream().filter(inbox::containsKey).collect(Collectors.toUnmodifiableSet());
        }
    }

    @Override
    public void commit(TransitionBatch batch) {
        synchronized (lock) {
            UndoLog undo = new UndoLog();
            try {
                // Same order as the database store, so the same batch meets the same conflicts.
                batch.inserts().forEach(record -> insert(record, undo));
                batch.updates().forEach(record -> update(record, undo));
                batch.history().forEach(entry -> append(entry, undo));
                inCreationOrder(batch.outbox()).forEach(entry -> enqueue(entry, undo));
                batch.inbox().forEach(entry -> recordProcessed(entry, undo));
                batch.dispatchedOutbox().forEach(messageId -> dequeue(messageId, undo));
            } catch (StoreConflictException conflict) {
                undo.rollback();
                throw conflict;
            }
        }
    }

    @Override
    public List<String> claimDueSagas(Instant now, Instant leaseUntil, int limit) {
        requirePositive(limit);
        synchronized (lock) {
            List<String> due = sagas.due(now, limit);
            for (String sagaId : due) {
                sagas.put(SagaTable.withWakeAt(sagas.get(sagaId), leaseUntil));
            }
            return List.copyOf(due);
        }
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit) {
        requirePositive(limit);
        synchronized (lock) {
            List<OutboxEntry> claimed = new ArrayList<>();
            for (OutboxQueue.Row row : outbox.available(now, limit)) {
                OutboxEntry leased = new OutboxEntry(row.entry().seq(), row.entry().command(), leaseUntil);
                outbox.put(new OutboxQueue.Row(row.position(), leased));
                claimed.add(leased);
            }
            return List.copyOf(claimed);
        }
    }

    @Override
    public List<HistoryRecord> history(String sagaId) {
        synchronized (lock) {
            TreeMap<Integer, HistoryRecord> timeline = historyBySaga.get(sagaId);
            return timeline == null ? List.of() : List.copyOf(timeline.values());
        }
    }

    @Override
    public List<String> unfinishedSagaIds(int limit) {
        requirePositive(limit);
        synchronized (lock) {
            return sagas.unfinishedIds(limit);
        }
    }

    @Override
    public List<SagaRecord> stalledSagas(Instant noProgressSince, int limit) {
        requirePositive(limit);
        synchronized (lock) {
            return sagas.stalled(noProgressSince, limit);
        }
    }

    @Override
    public Set<SagaTypeVersion> unfinishedTypeVersions() {
        synchronized (lock) {
            return sagas.unfinishedTypeVersions();
        }
    }

    /** The unfinished sagas as they stand, with what another engine needs to take them over. */
    SagaSnapshot snapshotUnfinished(String label, Instant takenAt) {
        synchronized (lock) {
            List<SagaRecord> unfinished = new ArrayList<>();
            for (String sagaId : sagas.unfinishedIds(Integer.MAX_VALUE)) {
                unfinished.add(sagas.get(sagaId));
            }
            Set<String> ids = unfinished.stream().map(SagaRecord::sagaId).collect(Collectors.toSet());
            List<HistoryRecord> timelines = new ArrayList<>();
            ids.forEach(id -> timelines.addAll(history(id)));
            List<OutboxEntry> unsent = outbox.available(Instant.MAX, Integer.MAX_VALUE).stream()
                    .map(OutboxQueue.Row::entry)
                    .filter(entry -> ids.contains(entry.command().sagaId()))
                    .toList();
            List<InboxEntry> processed = inbox.values().stream().filter(entry -> ids.contains(entry.sagaId())).toList();
            return new SagaSnapshot(label, takenAt, unfinished, timelines, unsent, processed, List.of(), List.of());
        }
    }

    private void insert(SagaRecord record, UndoLog undo) {
        if (sagas.get(record.sagaId()) != null) {
            throw new StoreConflictException("saga " + record.sagaId() + " already exists");
        }
        sagas.put(record);
        undo.onRollback(() -> sagas.remove(record.sagaId()));
    }

    private void update(SagaRecord record, UndoLog undo) {
        SagaRecord stored = sagas.get(record.sagaId());
        if (stored == null || stored.revision() != record.revision() - 1) {
            String found = stored == null ? "it does not exist" : "it is at " + stored.revision();
            throw new StoreConflictException(
                    "saga " + record.sagaId() + " is not at revision " + (record.revision() - 1) + ": " + found,
                    Set.of(record.sagaId()));
        }
        sagas.put(record);
        undo.onRollback(() -> sagas.put(stored));
    }

    private void append(HistoryRecord entry, UndoLog undo) {
        TreeMap<Integer, HistoryRecord> timeline = historyBySaga.computeIfAbsent(entry.sagaId(), id -> new TreeMap<>());
        if (timeline.putIfAbsent(entry.seq(), entry) != null) {
            throw new StoreConflictException("saga " + entry.sagaId() + " already has history entry " + entry.seq());
        }
        undo.onRollback(() -> timeline.remove(entry.seq()));
    }

    private void enqueue(OutboxEntry entry, UndoLog undo) {
        OutboxQueue.Row row = outbox.append(entry);
        undo.onRollback(() -> outbox.remove(row.messageId()));
    }

    private void recordProcessed(InboxEntry entry, UndoLog undo) {
        if (inbox.putIfAbsent(entry.messageId(), entry) != null) {
            throw new StoreConflictException("message " + entry.messageId() + " was already processed");
        }
        undo.onRollback(() -> inbox.remove(entry.messageId()));
    }

    private void dequeue(String messageId, UndoLog undo) {
        OutboxQueue.Row removed = outbox.remove(messageId);
        if (removed != null) {
            undo.onRollback(() -> outbox.put(removed));
        }
    }

    /** A batch's outbox rows with each saga's rows in seq order, so per-saga order holds. */
    private static List<OutboxEntry> inCreationOrder(List<OutboxEntry> entries) {
        List<OutboxEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingLong(OutboxEntry::seq)); // stable: other sagas keep their order
        return ordered;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
