package dev.sagitta.dsl;

/**
 * A local step's function: receives the saga data and returns the new data.
 *
 * <p>Throw {@link StepFailedException} for a business failure (no retry: the saga compensates).
 * Any other exception is treated as transient and the step is retried by its {@link RetryPolicy}.
 *
 * <p>Called on an engine worker thread, outside any saga transaction, possibly again for the same
 * step (after a lease expired or a retry): implementations must be thread-safe and idempotent on
 * {@link StepContext#idempotencyKey()}.
 *
 * @param <D> the saga data type
 */
@FunctionalInterface
public interface LocalAction<D> {

    D run(D data, StepContext context) throws Exception;
}
