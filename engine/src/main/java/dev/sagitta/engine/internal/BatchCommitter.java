package dev.sagitta.engine.internal;

import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.internal.TransitionProcessor.AfterCommit;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one batch that {@link TransitionProcessor} took from its queue: applies the events,
 * commits them in one store transaction, completes their futures, and hands each committed
 * transition's post-commit work to the caller that waits for its event or leaves it to the
 * committing thread. A batch that fails is retried event by event, so one bad saga cannot hold the
 * others back; events another node moved first are given back to be queued and read afresh.
 *
 * <p>Thread-safe: the processor runs several batches at once, each with sagas of its own.
 */
final class BatchCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    /** A conflict on a single event means another node moved the saga first: reload and apply again. */
    private static final int CONFLICT_RETRIES = 10;

    private final SagaStore store;
    private final BatchApplier applier;
    private final Clock clock;
    private final AfterCommit afterCommit;
    private final BooleanSupplier closed;

    /**
     * @param closed whether the processor is closing: failures are then expected and logged quietly
     */
    BatchCommitter(SagaStore store, BatchApplier applier, Clock clock, AfterCommit afterCommit,
            BooleanSupplier closed) {
        this.store = store;
        this.applier = applier;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.closed = closed;
    }

    /**
     * Commits {@code batch} and deletes the sent outbox rows {@code acks} with it; adds to
     * {@code leftToDo} the post-commit work no waiting caller took. Every event of the batch is
     * completed, or added to {@code stale} (not applied: another node moved its saga first) for the
     * caller to queue again.
     */
    void commit(List<PendingEvent> batch, List<String> acks, List<Runnable> leftToDo, List<PendingEvent> stale) {
        try {
            // Optimistic about duplicates: a reply already in the inbox makes the commit fail on its
            // unique key, and the retry one by one looks the inbox up first.
            commitAndComplete(batch, acks, false, leftToDo);
        } catch (StoreConflictException conflict) {
            List<PendingEvent> moved = batch.stream().filter(e -> conflict.staleSagaIds().contains(e.sagaId())).toList();
            // Another node moved these sagas: read them from the store from now on.
            applier.contested(moved);
            if (moved.isEmpty() || moved.size() == batch.size()) {
                applier.forget(batch);
                retryOneByOne(batch, acks, conflict, leftToDo);
                return;
            }
            // Commit the rest of the batch together as before; the stale ones go to the next batch,
            // read afresh.
            stale.addAll(moved);
            commit(batch.stream().filter(e -> !moved.contains(e)).toList(), acks, leftToDo, stale);
        } catch (RuntimeException batchFailure) {
            applier.forget(batch);
            retryOneByOne(batch, acks, batchFailure, leftToDo);
        }
    }

    private void retryOneByOne(List<PendingEvent> batch, List<String> acks, RuntimeException failure,
            List<Runnable> leftToDo) {
        if (batch.size() <= 1 && acks.isEmpty()) {
            processAlone(batch.get(0), failure, leftToDo);
            return;
        }
        LOG.debug("Batch of {} events failed ({}); applying them one by one", batch.size(), failure.toString());
        if (!acks.isEmpty()) {
            retryAcks(acks);
        }
        for (PendingEvent event : batch) {
            processAlone(event, null, leftToDo);
        }
    }

    private void retryAcks(List<String> acks) {
        try {
            commitAndComplete(List.of(), acks, false, new ArrayList<>());
        } catch (RuntimeException e) {
            // The rows stay in the outbox; the relay sends them again and participants deduplicate.
            if (closed.getAsBoolean()) {
                LOG.debug("Could not delete {} sent outbox rows while closing: {}", acks.size(), e.toString());
            } else {
                LOG.warn("Could not delete {} sent outbox rows: {}", acks.size(), e.toString());
            }
        }
    }

    private void processAlone(PendingEvent event, @Nullable RuntimeException firstFailure, List<Runnable> leftToDo) {
        RuntimeException last = firstFailure;
        int tries = firstFailure instanceof StoreConflictException || firstFailure == null ? CONFLICT_RETRIES : 1;
        for (int i = 0; i < tries; i++) {
            if (last != null && !(last instanceof StoreConflictException)) {
                break;
            }
            try {
                commitAndComplete(List.of(event), List.of(), true, leftToDo);
                return;
            } catch (RuntimeException e) {
                applier.forget(List.of(event));
                last = e;
            }
        }
        if (closed.getAsBoolean()) {
            // Work in hand fails while the engine closes; what was committed, the next engine finishes.
            LOG.debug("Event {} for saga {} failed while closing: {}", event.event().getClass().getSimpleName(),
                    event.sagaId(), String.valueOf(last));
        } else {
            LOG.warn("Event {} for saga {} failed: {}", event.event().getClass().getSimpleName(), event.sagaId(),
                    String.valueOf(last));
        }
        event.done().completeExceptionally(closed.getAsBoolean() ? new EngineClosedException("The engine closed while applying this"
                + " event; it was not applied: " + last) : last);
    }

    private void commitAndComplete(List<PendingEvent> batch, List<String> acks, boolean checkInbox,
            List<Runnable> leftToDo) {
        Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
        BatchApplier.Result result = applier.apply(batch, acks, now, checkInbox);
        TransitionBatch writes = result.writes();
        if (!writes.isEmpty()) {
            store.commit(writes);
            applier.committed(result);
        }
        List<AppliedTransition> applied = new ArrayList<>();
        for (BatchApplier.Completion completion : result.completions()) {
            if (completion.applied() != null) {
                applied.add(completion.applied());
            }
        }
        List<Runnable> work = List.of();
        if (!applied.isEmpty()) {
            try {
                work = afterCommit.committed(applied);
            } catch (RuntimeException | Error e) {
                // Committed work is safe in the store: the relay and the wake-up poller finish it.
                LOG.warn("Post-commit work failed; the outbox relay and wake-up poller will catch up", e);
            }
        }
        // Each event's work goes to the caller that waits for it, if one does, so that the batch's sends
        // run side by side; the rest stays with this thread and runs after every event completed (a stage
        // only says that its event is committed, and a transport acknowledges a broker message on it).
        // Handed over before the event completes, so the caller finds it when it wakes; it may send while
        // this batch still holds the sagas, which is safe since committed() fixed their send order.
        int next = 0;
        for (BatchApplier.Completion completion : result.completions()) {
            if (completion.applied() != null && next < work.size()) {
                Runnable own = work.get(next++);
                if (!completion.event().handoff().offer(own)) {
                    leftToDo.add(own);
                }
            }
            completion.event().done().complete(completion.outcome());
        }
    }
}
