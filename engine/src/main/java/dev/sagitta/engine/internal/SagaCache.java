package dev.sagitta.engine.internal;

import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.spi.SagaRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sagas this node committed last, so the next event of a saga usually needs no read. A cached
 * record may be stale (another node moved the saga since): the store's revision check then refuses
 * the write, the saga is evicted, and its event is applied again on a fresh read. A saga found
 * stale once is contested (other nodes take its events too), so it is not cached again: with
 * competing consumers each saga costs at most one lost write, not one per transition. Terminal
 * sagas are not kept. Bounded, least recently used first out. Thread-safe.
 */
final class SagaCache {

    /** A saga's record as stored, and its state already decoded from it. */
    record Entry(SagaRecord record, SagaState state) {
    }

    private final Map<String, Entry> records;
    private final Map<String, Boolean> contested;

    SagaCache(int capacity) {
        this.contested = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        this.records = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            // Qualified: inside a LinkedHashMap subclass a bare "Entry" may resolve to Map.Entry
            // (javac 25 with --release 17 does so; javac 17 does not), which breaks the override.
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SagaCache.Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached records among {@code sagaIds}. */
    synchronized Map<String, Entry> get(Collection<String> sagaIds) {
        Map<String, Entry> found = new HashMap<>();
        for (String sagaId : sagaIds) {
            Entry entry = records.get(sagaId);
            if (entry != null) {
                found.put(sagaId, entry);
            }
        }
        return found;
    }

    /** Whether this node last saw the saga unfinished. */
    synchronized boolean holdsUnfinished(String sagaId) {
        return records.containsKey(sagaId);
    }

    /** Remembers records that just committed. */
    synchronized void committed(Collection<Entry> written) {
        for (Entry entry : written) {
            if (entry.record().status().isTerminal() || contested.containsKey(entry.record().sagaId())) {
                records.remove(entry.record().sagaId());
            } else {
                records.put(entry.record().sagaId(), entry);
            }
        }
    }

    synchronized void evict(Collection<String> sagaIds) {
        sagaIds.forEach(records::remove);
    }

    /** These sagas were found moved by another node: read them from the store from now on. */
    synchronized void contested(Collection<String> sagaIds) {
        for (String sagaId : sagaIds) {
            records.remove(sagaId);
            contested.put(sagaId, Boolean.TRUE);
        }
    }
}
