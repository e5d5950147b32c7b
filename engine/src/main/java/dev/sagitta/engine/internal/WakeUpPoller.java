package dev.sagitta.engine.internal;

import dev.sagitta.engine.internal.core.SagaEvent;
import dev.sagitta.engine.spi.Cancellable;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable clock of the engine: every poll interval it claims sagas whose stored wake-up time has
 * come and turns each into a wake-up event, and it claims outbox rows that were never confirmed sent
 * (their node died between commit and send) and sends them again. Claims are leases in the store,
 * so several nodes can poll one database. Thread-safe.
 */
final class WakeUpPoller {

    private static final Logger LOG = LoggerFactory.getLogger(WakeUpPoller.class);

    private final SagaStore store;
    private final TransitionProcessor processor;
    private final OutboxDispatcher dispatcher;
    private final Clock clock;
    private final TaskExecutor executor;
    private final Duration interval;
    private final Duration lease;
    private final int limit;
    private volatile boolean running;
    private volatile @Nullable Cancellable next;

    WakeUpPoller(SagaStore store, TransitionProcessor processor, OutboxDispatcher dispatcher, Clock clock,
            TaskExecutor executor, Duration interval, Duration lease, int limit) {
        this.store = store;
        this.processor = processor;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.executor = executor;
        this.interval = interval;
        this.lease = lease;
        this.limit = limit;
    }

    void start() {
        running = true;
        schedule(Duration.ZERO);
    }

    void stop() {
        running = false;
        Cancellable scheduled = next;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    /** Polls now, on the calling thread: due sagas become events, stale outbox rows are sent again. */
    void pollOnce() {
        Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plus(lease);
        // Don't claim more while a backlog of events is still waiting: claims would only expire unused.
        if (processor.pendingEvents() < limit) {
            List<String> due = store.claimDueSagas(now, until, limit);
            for (String sagaId : due) {
                processor.submit(sagaId, new SagaEvent.WakeUp());
            }
        }
        List<OutboxEntry> stale = store.claimOutbox(now, until, limit);
        for (OutboxEntry entry : stale) {
            dispatcher.send(entry.command());
        }
    }

    private void poll() {
        if (!running) {
            return;
        }
        try {
            pollOnce();
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("Polling for due sagas failed; trying again in {}", interval, e);
            }
        } finally {
            // Whatever happened, keep polling: timers and the relay depend on it.
            schedule(interval);
        }
    }

    private void schedule(Duration delay) {
        if (running) {
            next = executor.schedule(delay, this::poll);
        }
    }
}
