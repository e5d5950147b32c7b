package dev.sagitta.testing;

import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaTypeVersion;
import dev.sagitta.engine.spi.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The saga rows with the two indexes a database would keep: business keys (unique per saga
 * type) and pending wake-ups (so claiming due sagas does not scan every saga). Not thread-safe;
 * {@link InMemorySagaStore} guards it.
 */
final class SagaTable {

    private record BusinessKey(String sagaType, String key) {}

    private record WakeUp(Instant at, String sagaId) {
        static final Comparator<WakeUp> ORDER =
                Comparator.comparing(WakeUp::at).thenComparing(WakeUp::sagaId);
    }

    private final Map<String, SagaRecord> byId = new HashMap<>();
    private final Map<BusinessKey, String> idsByBusinessKey = new HashMap<>();
    private final NavigableSet<WakeUp> wakeUps = new TreeSet<>(WakeUp.ORDER);

    @Nullable SagaRecord get(String sagaId) {
        return byId.get(sagaId);
    }

    Optional<String> idByBusinessKey(String sagaType, String businessKey) {
        return Optional.ofNullable(idsByBusinessKey.get(new BusinessKey(sagaType, businessKey)));
    }

    /**
     * Adds the record or replaces the one with its id.
     *
     * @return the replaced record, or {@code null} if there was none
     * @throws StoreConflictException if another saga of the type holds the record's business key
     */
    @Nullable SagaRecord put(SagaRecord record) {
        BusinessKey key = businessKeyOf(record);
        if (key != null) {
            String holder = idsByBusinessKey.get(key);
            if (holder != null && !holder.equals(record.sagaId())) {
                throw new StoreConflictException("business key " + key.key() + " of saga type "
                        + key.sagaType() + " is already taken by saga " + holder);
            }
        }
        SagaRecord previous = remove(record.sagaId());
        byId.put(record.sagaId(), record);
        if (key != null) {
            idsByBusinessKey.put(key, record.sagaId());
        }
        WakeUp wakeUp = wakeUpOf(record);
        if (wakeUp != null) {
            wakeUps.add(wakeUp);
        }
        return previous;
    }

    /** Removes the saga and its index entries; returns it, or {@code null} if there was none. */
    @Nullable SagaRecord remove(String sagaId) {
        SagaRecord removed = byId.remove(sagaId);
        if (removed != null) {
            BusinessKey key = businessKeyOf(removed);
            if (key != null) {
                idsByBusinessKey.remove(key);
            }
            WakeUp wakeUp = wakeUpOf(removed);
            if (wakeUp != null) {
                wakeUps.remove(wakeUp);
            }
        }
        return removed;
    }

    /** Non-terminal sagas whose wake-up is at or before {@code now}, oldest first, then by id. */
    List<String> due(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        for (WakeUp wakeUp : wakeUps) {
            if (due.size() == limit || wakeUp.at().isAfter(now)) {
                break;
            }
            due.add(wakeUp.sagaId());
        }
        return due;
    }

    /** Non-terminal sagas, oldest first (by start time, then id). Scans every saga. */
    List<String> unfinishedIds(int limit) {
        return byId.values().stream()
                .filter(record -> !record.status().isTerminal())
                .sorted(Comparator.comparing(SagaRecord::createdAt).thenComparing(SagaRecord::sagaId))
                .limit(limit)
                .map(SagaRecord::sagaId)
                .toList();
    }

    List<SagaRecord> stalled(Instant noProgressSince, int limit) {
        return byId.values().stream()
                .filter(record -> !record.status().isTerminal())
                .filter(record -> record.wakeAt() == null || record.updatedAt().isBefore(noProgressSince))
                .sorted(Comparator.comparing(SagaRecord::updatedAt).thenComparing(SagaRecord::sagaId))
                .limit(limit)
                .toList();
    }

    Set<SagaTypeVersion> unfinishedTypeVersions() {
        return byId.values().stream()
                .filter(record -> !record.status().isTerminal())
                .map(record -> new SagaTypeVersion(record.sagaType(), record.sagaVersion()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static @Nullable BusinessKey businessKeyOf(SagaRecord record) {
        String key = record.businessKey();
        return key == null ? null : new BusinessKey(record.sagaType(), key);
    }

    /** Terminal sagas are never woken up, whatever wake-up time they carry. */
    private static @Nullable WakeUp wakeUpOf(SagaRecord record) {
        Instant at = record.wakeAt();
        return at == null || record.status().isTerminal() ? null : new WakeUp(at, record.sagaId());
    }

    static SagaRecord withWakeAt(SagaRecord record, Instant wakeAt) {
        Objects.requireNonNull(wakeAt, "wakeAt");
        return new SagaRecord(record.sagaId(), record.sagaType(), record.sagaVersion(), record.status(),
                record.data(), record.progress(), wakeAt, record.revision(), record.correlationId(),
                record.tenantId(), record.businessKey(), record.createdAt(), record.updatedAt());
    }
}
