package dev.sagitta.testing;

import dev.sagitta.engine.spi.Cancellable;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskExecutor} that runs nothing until told to, on the calling thread, in a fixed order:
 * tasks run in the order they were submitted, and scheduled tasks run when the {@link VirtualClock}
 * reaches their time (ties in scheduling order). The same test therefore runs the same way every time.
 *
 * <p>Meant for one test thread; its methods are synchronized only so a stray call from another
 * thread cannot corrupt it. {@link #runUntilIdle()} stops with an error after
 * {@value #MAX_TASKS_PER_RUN} tasks, which catches a saga that loops without time passing.
 */
public final class ManualTaskExecutor implements TaskExecutor {

    static final int MAX_TASKS_PER_RUN = 1_000_000;

    private final VirtualClock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timed> timed = new PriorityQueue<>(
            Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
    private long order;
    private long tasksRun;
    private boolean closed;

    public ManualTaskExecutor(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (!closed) {
            ready.add(task);
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timed entry = new Timed(clock.now().plus(delay.isNegative() ? Duration.ZERO : delay), order++, task);
        if (!closed) {
            timed.add(entry);
        }
        return () -> remove(entry);
    }

    private synchronized void remove(Timed entry) {
        timed.remove(entry);
    }

    /** Runs ready tasks, and scheduled tasks that are due now, until none is left. Returns how many ran. */
    public int runUntilIdle() {
        int ran = 0;
        Runnable next;
        while ((next = nextDue()) != null) {
            synchronized (this) {
                tasksRun++;
            }
            next.run();
            if (++ran >= MAX_TASKS_PER_RUN) {
                throw new IllegalStateException("still busy after " + ran + " tasks without time passing:"
                        + " something loops (a saga retrying with no delay?)");
            }
        }
        return ran;
    }

    /**
     * Moves the clock forward by {@code duration}, stopping at each scheduled task's time on the way
     * to run what is due, so timers fire in order and at their own time.
     */
    public void advance(Duration duration) {
        Instant target = clock.now().plus(duration);
        runUntilIdle();
        Instant nextAt;
        while ((nextAt = nextScheduledAt()) != null && !nextAt.isAfter(target)) {
            clock.advanceTo(nextAt);
            runUntilIdle();
        }
        clock.advanceTo(target);
        runUntilIdle();
    }

    /** How many tasks have run so far (counted as each starts). */
    public synchronized long tasksRun() {
        return tasksRun;
    }

    /** Whether nothing is ready to run now (scheduled tasks in the future do not count). */
    public synchronized boolean isIdle() {
        return ready.isEmpty() && (timed.isEmpty() || timed.peek().at().isAfter(clock.now()));
    }

    /** Drops every task, ready or scheduled: what a crash does to the work in memory. */
    public synchronized void dropAll() {
        ready.clear();
        timed.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropAll();
    }

    private synchronized @Nullable Runnable nextDue() {
        Runnable task = ready.poll();
        if (task != null) {
            return task;
        }
        Timed first = timed.peek();
        if (first != null && !first.at().isAfter(clock.now())) {
            return timed.poll().task();
        }
        return null;
    }

    private synchronized @Nullable Instant nextScheduledAt() {
        Timed first = timed.peek();
        return first == null ? null : first.at();
    }

    private record Timed(Instant at, long order, Runnable task) {
    }
}
