package dev.sagitta.testing;

import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Outbox rows in creation order, each keyed by a number that only grows, like the insertion
 * order column of the database outbox. Not thread-safe; {@link InMemorySagaStore} guards it.
 */
final class OutboxQueue {

    /** A row and its place in the queue, kept so that a rolled-back delete restores the place. */
    record Row(long position, OutboxEntry entry) {
        String messageId() {
            return entry.command().messageId();
        }
    }

    private final NavigableMap<Long, Row> byPosition = new TreeMap<>();
    private final Map<String, Row> byMessageId = new HashMap<>();
    private long nextPosition = 1;

    /**
     * Appends the entry at the end of the queue.
     *
     * @throws StoreConflictException if its message id is already queued
     */
    Row append(OutboxEntry entry) {
        String messageId = entry.command().messageId();
        if (byMessageId.containsKey(messageId)) {
            throw new StoreConflictException("outbox message " + messageId + " already exists");
        }
        Row row = new Row(nextPosition++, entry);
        put(row);
        return row;
    }

    /** Puts a row back at its old place (used to undo a delete). */
    void put(Row row) {
        byPosition.put(row.position(), row);
        byMessageId.put(row.messageId(), row);
    }

    @Nullable Row remove(String messageId) {
        Row row = byMessageId.remove(messageId);
        if (row != null) {
            byPosition.remove(row.position());
        }
        return row;
    }

    /** Rows available at {@code now}, in creation order. */
    List<Row> available(Instant now, int limit) {
        List<Row> available = new ArrayList<>();
        for (Row row : byPosition.values()) {
            if (available.size() == limit) {
                break;
            }
            if (!row.entry().availableAt().isAfter(now)) {
                available.add(row);
            }
        }
        return available;
    }
}
