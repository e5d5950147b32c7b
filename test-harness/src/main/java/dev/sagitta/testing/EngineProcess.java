package dev.sagitta.testing;

import dev.sagitta.engine.spi.Cancellable;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.ReplySink;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import dev.sagitta.engine.spi.TaskExecutor;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One life of the engine between start and crash, as a process would have it: the store, the broker
 * and the executor it sees are fenced, so once it crashes nothing it still does reaches them. The
 * store and broker themselves live on, and the next process starts on them.
 *
 * <p>Used on the harness's one thread.
 */
final class EngineProcess {

    private final CrashSwitch crashes;
    private final Runnable onCrash;
    private final Runnable afterCommit;
    private boolean alive = true;

    EngineProcess(CrashSwitch crashes, Runnable onCrash, Runnable afterCommit) {
        this.crashes = crashes;
        this.onCrash = onCrash;
        this.afterCommit = afterCommit;
    }

    boolean alive() {
        return alive;
    }

    /** Ends this process without the crash callback: the harness restarts the engine itself. */
    void kill() {
        alive = false;
    }

    private void crash() {
        if (alive) {
            alive = false;
            onCrash.run();
        }
    }

    private void requireAlive() {
        if (!alive) {
            throw new SimulatedCrash("this engine crashed (fault plan); a new one runs on the same store");
        }
    }

    SagaStore store(SagaStore store) {
        return new FencedStore(store);
    }

    CommandTransport transport(InMemoryTransport broker) {
        return new FencedTransport(broker);
    }

    TaskExecutor executor(TaskExecutor executor) {
        return new FencedExecutor(executor);
    }

    private final class FencedStore implements SagaStore {
        private final SagaStore store;

        FencedStore(SagaStore store) {
            this.store = store;
        }

        @Override
        public void commit(TransitionBatch batch) {
            requireAlive();
            CrashPoint before = crashes.beforeCommit();
            if (before != null) {
                crash();
                throw new SimulatedCrash("the engine crashed " + before + " (fault plan): nothing was written");
            }
            store.commit(batch);
            afterCommit.run();
            if (crashes.afterCommit() != null) {
                // The commit holds; the process is gone before it can send or run what it queued.
                crash();
            }
        }

        @Override
        public Map<String, SagaRecord> load(Collection<String> sagaIds) {
            requireAlive();
            return store.load(sagaIds);
        }

        @Override
        public Optional<String> findIdByBusinessKey(String sagaType, String businessKey) {
            requireAlive();
            return store.findIdByBusinessKey(sagaType, businessKey);
        }

        @Override
        public Set<String> processedMessageIds(Collection<String> messageIds) {
            requireAlive();
            return store.processedMessageIds(messageIds);
        }

        @Override
        public List<String> claimDueSagas(Instant now, Instant leaseUntil, int limit) {
            requireAlive();
            return store.claimDueSagas(now, leaseUntil, limit);
        }

        @Override
        public List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit) {
            requireAlive();
            return store.claimOutbox(now, leaseUntil, limit);
        }

        @Override
        public List<HistoryRecord> history(String sagaId) {
            requireAlive();
            return store.history(sagaId);
        }

        @Override
        public List<String> unfinishedSagaIds(int limit) {
            requireAlive();
            return store.unfinishedSagaIds(limit);
        }

        @Override
        public List<SagaRecord> stalledSagas(Instant noProgressSince, int limit) {
            requireAlive();
            return store.stalledSagas(noProgressSince, limit);
        }

        @Override
        public Set<SagaTypeVersion> unfinishedTypeVersions() {
            requireAlive();
            return store.unfinishedTypeVersions();
        }
    }

    private final class FencedTransport implements CommandTransport {
        private final InMemoryTransport broker;

        FencedTransport(InMemoryTransport broker) {
            this.broker = broker;
        }

        @Override
        public void start(ReplySink replies) {
            broker.start(reply -> {
                if (!alive) {
                    // A dead process never acknowledges: the broker hands the reply to the next one.
                    return new CompletableFuture<>();
                }
                return replies.accept(reply);
            });
        }

        @Override
        public CompletionStage<Void> send(CommandMessage command) {
            if (!alive) {
                return new CompletableFuture<>();
            }
            CompletionStage<Void> sent = broker.send(command);
            if (crashes.afterSend() != null) {
                crash();
                // The broker has the command; the dead process never hears that it was taken.
                return new CompletableFuture<>();
            }
            return sent;
        }

        @Override
        public void close() {
            // A crashed process closes nothing; a live one leaves the broker to the harness.
        }
    }

    private final class FencedExecutor implements TaskExecutor {
        private final TaskExecutor executor;

        FencedExecutor(TaskExecutor executor) {
            this.executor = executor;
        }

        @Override
        public void execute(Runnable task) {
            if (alive) {
                executor.execute(() -> {
                    if (alive) {
                        task.run();
                    }
                });
            }
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            if (!alive) {
                return () -> { };
            }
            return executor.schedule(delay, () -> {
                if (alive) {
                    task.run();
                }
            });
        }

        @Override
        public void close() {
            // The executor is the harness's: it outlives every engine.
        }
    }
}
