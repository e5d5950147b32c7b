package dev.sagitta.dsl;

import java.util.Objects;

/**
 * Runs an in-process function as a step or a compensation.
 *
 * <p>Immutable. The engine runs the function outside any saga transaction, under a lease: if the
 * node dies mid-run, another node runs it again with the same idempotency key
 * ({@link StepContext#idempotencyKey()}), so the function must tolerate running twice.
 *
 * @param action the function
 * @param <D>    the saga data type
 */
public record LocalCall<D>(LocalAction<D> action) implements StepAction<D> {

    public LocalCall {
        Objects.requireNonNull(action, "action");
    }

    @Override
    public String describe() {
        return "local";
    }
}
