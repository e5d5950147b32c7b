package dev.sagitta.dsl;

/**
 * A local step's function: receives the saga data and returns the new data.
 *
 * <p>Throw {@link StepFailedException} for a business failure (no retry: the saga compensates).
 * Any other exception is treated as transient and the step is retried by its {@link RetryPolicy}.
 *
 * @param <D> the saga data type
 */
@FunctionalInterface
public interface LocalAction<D> {

    D run(D data, StepContext context) throws Exception;
}
