package dev.sagitta.engine.internal;

import dev.sagitta.engine.SagaStatus;
import java.util.LinkedHashMap;
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

    private final ConcurrentMap<String, CompletableFuture<SagaStatus>> waiters = new ConcurrentHashMap<>();
    private final Map<String, SagaStatus> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SagaStatus> eldest) {
            return size() > RECENTLY_FINISHED;
        }
    };

    CompletableFuture<SagaStatus> register(String sagaId) {
        return waiters.computeIfAbsent(sagaId, id -> new CompletableFuture<>());
    }

    void forget(String sagaId, CompletableFuture<SagaStatus> future) {
        waiters.remove(sagaId, future);
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
        CompletableFuture<SagaStatus> future = waiters.remove(sagaId);
        if (future != null) {
            future.complete(status);
        }
    }
}
