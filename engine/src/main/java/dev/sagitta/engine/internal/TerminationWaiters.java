package dev.sagitta.engine.internal;

import dev.sagitta.engine.SagaStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Futures of callers waiting for sagas to reach a terminal status on this node. Thread-safe. */
final class TerminationWaiters {

    private final ConcurrentMap<String, CompletableFuture<SagaStatus>> waiters = new ConcurrentHashMap<>();

    CompletableFuture<SagaStatus> register(String sagaId) {
        return waiters.computeIfAbsent(sagaId, id -> new CompletableFuture<>());
    }

    void forget(String sagaId, CompletableFuture<SagaStatus> future) {
        waiters.remove(sagaId, future);
    }

    void reached(String sagaId, SagaStatus status) {
        CompletableFuture<SagaStatus> future = waiters.remove(sagaId);
        if (future != null) {
            future.complete(status);
        }
    }
}
