package dev.sagitta.engine.spi;

import java.time.Duration;

/**
 * Where the engine runs its work: event batches, local steps, dispatch, and polling for due
 * wake-ups. The engine never creates threads itself.
 *
 * <p>Implementations must be thread-safe. The default, {@link #threadPool(String, int)}, runs tasks
 * on a fixed pool of daemon threads; the test harness runs them on the calling thread in virtual time.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Runs the task soon, on some thread of this executor. */
    void execute(Runnable task);

    /** Runs the task once after {@code delay} (measured on this executor's clock). */
    Cancellable schedule(Duration delay, Runnable task);

    /** Stops accepting work and lets running tasks finish, waiting at most a few seconds. */
    @Override
    void close();

    /** A pool of {@code threads} daemon threads named {@code name-N}. */
    static TaskExecutor threadPool(String name, int threads) {
        return new ThreadPoolTaskExecutor(name, threads);
    }
}
