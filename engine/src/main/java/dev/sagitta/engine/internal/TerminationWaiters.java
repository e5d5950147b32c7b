package dev.sagitta.engine.internal;

import dev.sagitta.engine.SagaStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Futures of callers waiting for sagas to reach a terminal status on this node, and the statuses
 * of the sagas that most recently finished here (so a caller that asks just after needs no read).
 * Thread-safe.
 */
final class TerminationWaiters {

    private static final int RECENTLY_FINISHED = 10_000;

    private final ConcurrentMap<String, List<CompletableFuture<SagaStatus>>> waiters = new ConcurrentHashMap<>();
    private final Map<String, SagaStatus> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SagaStatus> eldest) {
            return size() > RECENTLY_FINISHED;
        }
    };

    /** A future of this caller's own, completed when the saga finishes on this node. */
    CompletableFuture<SagaStatus> register(String sagaId) {
        CompletableFuture<SagaStatus> future = new CompletableFuture<>();
        waiters.compute(sagaId, (id, list) -> {
            List<CompletableFuture<SagaStatus>> all = list == null ? new ArrayList<>() : list;
            all.add(future);
            return all;
        });
        return future;
    }

    void forget(String sagaId, CompletableFuture<SagaStatus> future) {
        waiters.computeIfPresent(sagaId, (id, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        });
    }

    /** The terminal status the saga reached on this node, if it did so recently. */
    @Nullable SagaStatus finishedHere(String sagaId) {
        synchronized (finished) {
            return finished.get(sagaId);
        }
    }

    void reached(String sagaId, SagaStatus status) {
        synchronized (finished) {
            finished.put(sagaId, status);
        }
        List<CompletableFuture<SagaStatus>> waiting = waiters.remove(sagaId);
        if (waiting != null) {
            waiting.forEach(future -> future.complete(status));
        }
    }
}
