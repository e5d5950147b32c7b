package dev.sagitta.testing;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory store that tests wrap to step into its commits: a subclass overrides {@link #commit}
 * and calls {@code super.commit} for the commits it lets through. Thread-safe as the in-memory store.
 */
abstract class ForwardingSagaStore implements SagaStore {

    private final InMemorySagaStore store = new InMemorySagaStore();

    @Override
    public void commit(TransitionBatch batch) {
        store.commit(batch);
    }

    @Override
    public Map<String, SagaRecord> load(Collection<String> sagaIds) {
        return store.load(sagaIds);
    }

    @Override
    public Optional<String> findIdByBusinessKey(String sagaType, String businessKey) {
        return store.findIdByBusinessKey(sagaType, businessKey);
    }

    @Override
    public Set<String> processedMessageIds(Collection<String> messageIds) {
        return store.processedMessageIds(messageIds);
    }

    @Override
    public List<String> claimDueSagas(Instant now, Instant leaseUntil, int limit) {
        return store.claimDueSagas(now, leaseUntil, limit);
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit) {
        return store.claimOutbox(now, leaseUntil, limit);
    }

    @Override
    public List<HistoryRecord> history(String sagaId) {
        return store.history(sagaId);
    }

    @Override
    public List<String> unfinishedSagaIds(int limit) {
        return store.unfinishedSagaIds(limit);
    }

    @Override
    public List<SagaRecord> stalledSagas(Instant noProgressSince, int limit) {
        return store.stalledSagas(noProgressSince, limit);
    }

    @Override
    public Set<SagaTypeVersion> unfinishedTypeVersions() {
        return store.unfinishedTypeVersions();
    }
}
