package dev.sagitta.engine.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Where the batch that committed an event hands that event's post-commit work (sending its commands,
 * telling its waiters) to the caller's thread that waits for the event.
 *
 * <p>Why: a send over a broker waits for its publisher confirm, and the thread that ran a batch would
 * otherwise send the commands of all the batch's sagas one after another, each waiting for its
 * own confirm. Handed to the threads that wait for them anyway (a reply consumer, a
 * {@code startSaga} caller), the sends of one batch go out side by side, one per waiting thread.
 *
 * <p>The caller says it waits ({@link #callerWaits}) before it blocks; the batch offers the work
 * ({@link #offer}) before it completes the event; the caller takes it when it stops waiting
 * ({@link #leave}). Work offered after the caller left is refused, and the batch's thread runs it
 * itself: offered work is never lost. Thread-safe: one caller and any batch thread meet here.
 */
final class CallerHandoff {

    private static final Object WAITING = new Object();
    private static final Object LEFT = new Object();

    /** null: no caller waits (yet); WAITING; the offered work; LEFT. */
    private final AtomicReference<@Nullable Object> state = new AtomicReference<>();

    /** The caller will wait for the event and run its work. Has no effect once the caller left. */
    void callerWaits() {
        state.compareAndSet(null, WAITING);
    }

    /** Gives {@code work} to the waiting caller; false if no caller waits, and the offerer must run it. */
    boolean offer(Runnable work) {
        return state.compareAndSet(WAITING, work);
    }

    /** The caller stops waiting: returns the work offered to it, which it must now run, or null. */
    @Nullable Runnable leave() {
        Object last = state.getAndSet(LEFT);
        return last instanceof Runnable work ? work : null;
    }
}
