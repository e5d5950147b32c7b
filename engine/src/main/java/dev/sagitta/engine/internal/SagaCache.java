package dev.sagitta.engine.internal;

import dev.sagitta.engine.spi.SagaRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sagas this node committed last, so the next event of a saga usually needs no read. A cached
 * record may be stale (another node moved the saga since): the store's revision check then refuses
 * the write, the saga is evicted, and its event is applied again on a fresh read. Terminal sagas are
 * not kept. Bounded, least recently used first out. Thread-safe.
 */
final class SagaCache {

    private final Map<String, SagaRecord> records;

    SagaCache(int capacity) {
        this.records = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SagaRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached records among {@code sagaIds}. */
    synchronized Map<String, SagaRecord> get(Collection<String> sagaIds) {
        Map<String, SagaRecord> found = new HashMap<>();
        for (String sagaId : sagaIds) {
            SagaRecord record = records.get(sagaId);
            if (record != null) {
                found.put(sagaId, record);
            }
        }
        return found;
    }

    /** Remembers records that just committed. */
    synchronized void committed(Collection<SagaRecord> written) {
        for (SagaRecord record : written) {
            if (record.status().isTerminal()) {
                records.remove(record.sagaId());
            } else {
                records.put(record.sagaId(), record);
            }
        }
    }

    synchronized void evict(Collection<String> sagaIds) {
        sagaIds.forEach(records::remove);
    }
}
