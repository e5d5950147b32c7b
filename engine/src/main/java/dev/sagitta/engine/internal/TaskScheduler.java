package dev.sagitta.engine.internal;

import dev.sagitta.engine.spi.Cancellable;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's {@link TaskExecutor} seen as the {@link ScheduledExecutorService} that Resilience4j's
 * time limiter asks for, so its timeouts run on the engine's executor and its clock (virtual time
 * in the test harness). Supports one-shot {@code schedule} and {@code execute}, which is all the
 * time limiter uses; the executor's life stays with its owner, so shutting this down does nothing.
 * Thread-safe.
 */
final class TaskScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final TaskExecutor executor;

    TaskScheduler(TaskExecutor executor) {
        this.executor = executor;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Duration wait = Duration.ofNanos(unit.toNanos(delay));
        ScheduledTask<V> task = new ScheduledTask<>(wait);
        task.cancellable = executor.schedule(wait, () -> {
            if (!task.result.isDone()) {
                try {
                    task.result.complete(callable.call());
                } catch (Exception e) {
                    task.result.completeExceptionally(e);
                }
            }
        });
        return task;
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the engine's scheduler runs one-shot tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the engine's scheduler runs one-shot tasks only");
    }

    @Override
    public void shutdown() {
        // The executor belongs to the engine, which closes it.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** A task scheduled on the executor, as a future. */
    private static final class ScheduledTask<V> implements ScheduledFuture<V> {
        private final Duration delay;
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private volatile Cancellable cancellable = () -> { };

        ScheduledTask(Duration delay) {
            this.delay = delay;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            // Only the nominal delay is known without reading a clock; the time limiter never asks.
            return unit.convert(delay);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = result.cancel(false);
            if (cancelled) {
                cancellable.cancel();
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }
}
