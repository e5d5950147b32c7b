package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.internal.core.SagaEvent;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events in, one commit out. Drains pending events in batches (at most one per saga), applies them,
 * commits the whole batch once, and only then completes the submitters' futures and hands the
 * committed transitions on ({@link BatchCommitter}). A failed batch is retried event by event, so
 * one bad saga cannot hold the others back.
 *
 * <p>Up to {@code concurrentBatches} batches run at once, so one batch is applied while another
 * waits for its commit to reach the disk; a saga is in at most one of them. A batch runs on the
 * executor, or on the thread of a caller that waits for its event anyway ({@link #submitAndRun}) when
 * a slot is free. What a commit leaves to do ({@link AfterCommit}: sending commands, which may wait
 * for a broker's publisher confirm) does not hold up the saga's next event: its order is fixed while
 * the batch holds the sagas, and it runs after. Each transition's part of that work goes to the
 * caller's thread that waits for its event, if one does ({@link #submitRunOrWait},
 * {@link CallerHandoff}), which runs it as soon as its event completes, so the commands of one batch
 * go out side by side rather than one confirm after another; the rest stays with the batch's thread,
 * which runs it once the batch has given back its sagas. A caller's thread gives back its slot
 * before it sends; an executor thread keeps its slot while it sends, so the executor's threads that
 * run batches stay within {@code concurrentBatches}, their sends included (sends that a saga's
 * earlier send held back, or that an interrupted caller left, go out on other threads). Sent outbox rows are
 * deleted with the next batch, or after a short delay when no batch comes, which saves a commit of
 * their own for most of them.
 *
 * <p>Thread-safe: events may be submitted from any thread.
 */
public final class TransitionProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionProcessor.class);
    /**
     * Set while a caller's thread runs batches and their post-commit work in {@link #submitAndRun},
     * or post-commit work handed to it.
     */
    private static final ThreadLocal<Boolean> RUNNING_HERE = new ThreadLocal<>();
    /**
     * Set while an executor thread runs a drain (which holds a batch slot) or post-commit work an
     * interrupted caller left: such a thread never waits for another batch, which might need that
     * slot or thread to run.
     */
    private static final ThreadLocal<Boolean> ENGINE_TASK = new ThreadLocal<>();

    private final BatchApplier applier;
    private final BatchCommitter committer;
    private final TaskExecutor executor;
    private final int batchSize;
    private final int concurrentBatches;
    private final Duration ackFlushDelay;
    private final EventQueue queue = new EventQueue();
    private final ConcurrentLinkedQueue<String> dispatched = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();
    private final AtomicBoolean ackFlushScheduled = new AtomicBoolean();
    private final AtomicBoolean acksDue = new AtomicBoolean();
    private volatile boolean closed;

    TransitionProcessor(SagaStore store, BatchApplier applier, Clock clock, TaskExecutor executor, int batchSize,
            int concurrentBatches, Duration ackFlushDelay, AfterCommit afterCommit) {
        this.applier = applier;
        this.committer = new BatchCommitter(store, applier, clock, afterCommit, () -> closed);
        this.executor = executor;
        this.batchSize = batchSize;
        this.concurrentBatches = concurrentBatches;
        this.ackFlushDelay = ackFlushDelay;
    }

    /** What a commit leaves to do: its order fixed while the batch holds the sagas, run after. */
    interface AfterCommit {

        /**
         * Called right after a commit, while the batch still holds the sagas of {@code applied} (so
         * it can fix the order of what they send), on the committing thread, before their events
         * complete. Returns, for each transition in the same order, the work left to do: run by the
         * caller that waits for the transition's event ({@link #submitRunOrWait}) as soon as the
         * event completes, which may be before the batch has given back any saga; otherwise
         * by the committing thread once the batch has given back all its sagas (a caller's thread
         * gives back its slot too; an executor thread keeps it).
         */
        List<Runnable> committed(List<AppliedTransition> applied);
    }

    CompletableFuture<EventOutcome> submit(String sagaId, SagaEvent event) {
        return submit(sagaId, event, null);
    }

    CompletableFuture<EventOutcome> submit(String sagaId, SagaEvent event, @Nullable SagaDefinition<?> definition) {
        PendingEvent pending = enqueue(sagaId, event, definition);
        wake();
        return pending.done();
    }

    CompletableFuture<EventOutcome> submitAndRun(String sagaId, SagaEvent event) {
        return submitAndRun(sagaId, event, null, false);
    }

    /**
     * Like {@link #submitAndRun}, for a caller that would block on the future at once: when every
     * slot is taken it waits here instead, and when the batch that committed its event hands over
     * that event's post-commit work ({@link CallerHandoff}), runs it on this thread. So the commands
     * of one batch's sagas are sent side by side, each on the thread that waits for its saga, rather
     * than one after another (each waiting for its publisher confirm) on the thread that ran the
     * batch. Returns the event's future, done unless the caller must not wait: its thread was
     * interrupted (the flag is then set again), already runs a batch's work here (a transport that
     * delivers a reply on the thread that sends), or runs a task of the engine's. The caller then
     * waits on the future as usual, and the batch that commits the event sends its commands. (So
     * does that batch when it commits the event before the caller starts to wait.)
     */
    CompletableFuture<EventOutcome> submitRunOrWait(String sagaId, SagaEvent event) {
        return submitAndRun(sagaId, event, null, true);
    }

    /** {@link #submitRunOrWait} for a start. */
    CompletableFuture<EventOutcome> submitRunOrWait(String sagaId, SagaEvent event, SagaDefinition<?> definition) {
        return submitAndRun(sagaId, event, definition, true);
    }

    /**
     * Like {@link #submit}, for a caller that blocks on the future anyway or has nothing else to do:
     * if fewer than {@code concurrentBatches} batches run, the calling thread runs batches itself
     * until its event is done, instead of waking an executor thread (and, for a caller that waits,
     * then being woken by it). When events arrive one at a time that saves up to two thread
     * hand-offs per event, which on a busy machine are two waits for a core. Under load the slots
     * are taken: the event waits for the executor as usual, and a caller that {@code waitsHere}
     * waits for it here.
     */
    private CompletableFuture<EventOutcome> submitAndRun(String sagaId, SagaEvent event,
            @Nullable SagaDefinition<?> definition, boolean waitsHere) {
        PendingEvent pending = enqueue(sagaId, event, definition);
        if (pending.done().isDone()) {
            return pending.done();
        }
        // A caller's thread already running batches here (a transport that delivers synchronously, handing
        // a reply back in while this thread sends) would nest one batch's work in another's, as deep as the
        // saga is long; an interrupted one would fail the other sagas' events of its batch, since the store
        // and the broker stop at an interrupt. Both leave it to the executor. (An executor thread's drain
        // is not marked so: a reply handed back into it may run a batch of its own if a slot is free, but
        // it never waits for one.)
        if (RUNNING_HERE.get() != null || Thread.currentThread().isInterrupted()) {
            wake();
            return pending.done();
        }
        if (claimBatchSlot()) {
            runBatchesUntilDone(pending);
        } else {
            wake();
        }
        // Its saga may be in another thread's batch, or the slots were taken: wait for that batch here.
        if (waitsHere && ENGINE_TASK.get() == null && !pending.done().isDone()
                && !Thread.currentThread().isInterrupted()) {
            return awaitAndRunHandedWork(pending);
        }
        return pending.done();
    }

    /** Runs batches on this thread, which holds a slot, until its event is done or another batch has it. */
    private void runBatchesUntilDone(PendingEvent pending) {
        RUNNING_HERE.set(Boolean.TRUE);
        boolean holdsSlot = true;
        try {
            while (holdsSlot) {
                // Its saga may be in another batch, or behind a full batch of older events: run the next.
                List<Runnable> leftToDo = runOneBatch();
                if (leftToDo == null) {
                    break;
                }
                boolean more = !pending.done().isDone();
                if (leftToDo.isEmpty()) {
                    if (more) {
                        continue;
                    }
                    break;
                }
                // The sends may wait for a broker: let another thread commit meanwhile.
                holdsSlot = false;
                try {
                    releaseSlot();
                } finally {
                    // Never skipped: the work holds the sagas' reserved places in their send order.
                    runAll(leftToDo);
                }
                holdsSlot = more && !Thread.currentThread().isInterrupted() && claimBatchSlot();
            }
        } finally {
            RUNNING_HERE.remove();
            if (holdsSlot) {
                releaseSlot();
            }
        }
    }

    /** Waits for the event, then runs whatever post-commit work of it the committing batch handed over. */
    private CompletableFuture<EventOutcome> awaitAndRunHandedWork(PendingEvent pending) {
        pending.handoff().callerWaits();
        try {
            // Every event completes: its batch completes it, failed if need be, and closing fails those
            // still queued (failQueuedIfClosed, after every add).
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // The caller reads the failure from the future; a failed event has no work to hand over.
        }
        Runnable handed = pending.handoff().leave();
        if (handed == null) {
            return pending.done();
        }
        if (Thread.currentThread().isInterrupted()) {
            // A broker send stops at an interrupt, and the saga's later sends wait for this one.
            runElsewhere(handed);
            return pending.done();
        }
        RUNNING_HERE.set(Boolean.TRUE);
        try {
            runAll(List.of(handed));
        } finally {
            RUNNING_HERE.remove();
        }
        return pending.done();
    }

    /** Runs post-commit work on the executor, or here if the executor refuses it: it must run. */
    private void runElsewhere(Runnable work) {
        try {
            executor.execute(() -> {
                boolean outermost = ENGINE_TASK.get() == null;
                ENGINE_TASK.set(Boolean.TRUE);
                try {
                    runAll(List.of(work));
                } finally {
                    if (outermost) {
                        ENGINE_TASK.remove();
                    }
                }
            });
        } catch (RuntimeException | Error refused) {
            runAll(List.of(work));
        }
    }

    /** Runs a batch's post-commit work; a failure of one piece does not stop the others. */
    private static void runAll(List<Runnable> leftToDo) {
        for (Runnable work : leftToDo) {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                // Committed work is safe in the store: the relay and the wake-up poller finish it.
                LOG.warn("Post-commit work failed; the outbox relay and wake-up poller will catch up", e);
            }
        }
    }

    /** Gives back a batch slot and lets whatever waits for one take it. */
    private void releaseSlot() {
        draining.decrementAndGet();
        wake();
    }

    /** Queues the event, or fails it at once if the processor is closed. */
    private PendingEvent enqueue(String sagaId, SagaEvent event, @Nullable SagaDefinition<?> definition) {
        PendingEvent pending = new PendingEvent(sagaId, event, definition, new CompletableFuture<>(),
                new CallerHandoff());
        if (closed) {
            pending.done().completeExceptionally(new EngineClosedException("The engine is closed: start one to apply events"));
        } else {
            queue.add(pending);
            failQueuedIfClosed();
        }
        return pending;
    }

    /** An outbox row was sent: delete it with the next batch, or on its own after a short delay. */
    void dispatched(String messageId) {
        dispatched.add(messageId);
        if (ackFlushScheduled.compareAndSet(false, true)) {
            executor.schedule(ackFlushDelay, () -> {
                ackFlushScheduled.set(false);
                acksDue.set(true);
                wake();
            });
        }
    }

    /** Whether this node last wrote the saga and it was unfinished then. */
    boolean holdsUnfinished(String sagaId) {
        return applier.holdsUnfinished(sagaId);
    }

    int pendingEvents() {
        return queue.size();
    }

    private boolean hasWork() {
        return queue.hasAvailable() || (acksDue.get() && !dispatched.isEmpty());
    }

    /** Starts another drain if there is work a new batch could take and fewer than the limit run. */
    private void wake() {
        if (!hasWork() || !claimBatchSlot()) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RuntimeException | Error refused) {
            // The slot was never used: give it back, or no batch would ever run again.
            draining.decrementAndGet();
            LOG.warn("The executor refused a batch; events wait for the next wake-up: {}", refused.toString());
        }
    }

    /** Takes one of the {@code concurrentBatches} slots, if one is free and the processor is open. */
    private boolean claimBatchSlot() {
        while (true) {
            int running = draining.get();
            if (closed || running >= concurrentBatches) {
                return false;
            }
            if (draining.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    private void drain() {
        // An executor that runs tasks inline may nest one drain in another: only the outer one clears.
        boolean outermost = ENGINE_TASK.get() == null;
        ENGINE_TASK.set(Boolean.TRUE);
        try {
            List<Runnable> leftToDo;
            while ((leftToDo = runOneBatch()) != null) {
                // The slot stays taken while this thread sends: it bounds the executor's threads in use.
                runAll(leftToDo);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Saga event processing stopped unexpectedly; restarting it", e);
        } finally {
            if (outermost) {
                ENGINE_TASK.remove();
            }
            // Work may have arrived after the last look: releasing takes it, unless another drain just did.
            releaseSlot();
        }
    }

    /**
     * Takes one batch of events and sent outbox rows and commits it; returns what its commits left to
     * do once it has let its sagas go, or null if there was no batch to take.
     */
    private @Nullable List<Runnable> runOneBatch() {
        List<PendingEvent> batch = queue.takeBatch(batchSize);
        List<String> acks = batch.isEmpty() && !acksDue.getAndSet(false) ? List.of() : takeDispatched();
        if (batch.isEmpty() && acks.isEmpty()) {
            return null;
        }
        if (!dispatched.isEmpty()) {
            // More sent rows than one batch deletes: take the rest with the next one.
            acksDue.set(true);
        }
        List<Runnable> leftToDo = new ArrayList<>();
        List<PendingEvent> stale = new ArrayList<>();
        try {
            committer.commit(batch, acks, leftToDo, stale);
        } catch (RuntimeException | Error unexpected) {
            // Whatever escaped the batch's own handling: its callers must not wait forever. Not the stale
            // events': they were not applied and go round again, so failing them would report as lost an
            // event that a later batch still commits.
            LOG.error("A batch of {} events failed unexpectedly", batch.size(), unexpected);
            batch.stream().filter(event -> !stale.contains(event))
                    .forEach(event -> event.done().completeExceptionally(unexpected));
        } finally {
            // Queued again while their sagas are still held, so no batch takes them before the release.
            if (!stale.isEmpty()) {
                requeue(stale);
            }
            queue.release(batch);
        }
        return leftToDo;
    }

    /** Stops taking events; those still waiting fail, so no caller waits forever. */
    void close() {
        closed = true;
        failQueuedIfClosed();
    }

    /** Puts events that met a conflict back at the head of the queue, to be read afresh. */
    private void requeue(List<PendingEvent> stale) {
        queue.addFirst(stale);
        failQueuedIfClosed();
    }

    /**
     * Fails whatever waits in the queue once the processor is closed. Called after every add as well
     * as by {@link #close}: an event added while the processor closes is failed by one or the other.
     */
    private void failQueuedIfClosed() {
        if (!closed) {
            return;
        }
        SagaException closedError = new EngineClosedException("The engine was closed before this event was applied:"
                + " it was not applied; start the engine again to continue");
        for (PendingEvent event : queue.drainAll()) {
            event.done().completeExceptionally(closedError);
        }
    }

    private List<String> takeDispatched() {
        List<String> ids = new ArrayList<>();
        String id;
        while (ids.size() < batchSize * 4 && (id = dispatched.poll()) != null) {
            ids.add(id);
        }
        return ids;
    }
}
