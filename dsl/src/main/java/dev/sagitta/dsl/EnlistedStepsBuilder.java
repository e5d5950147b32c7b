package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures the {@link EnlistedSteps} of an open saga. Obtained from
 * {@link SagaDefinitionBuilder#enlistedSteps}.
 *
 * <p>Not thread-safe. Defaults: no completion and no compensation function (each does nothing), a
 * call timeout of {@link StepDefinition#DEFAULT_TIMEOUT}, completions retried as retriable steps
 * are ({@link StepDefinition#DEFAULT_RETRIABLE_RETRY}), compensations as any compensation is
 * ({@link StepDefinition#DEFAULT_COMPENSATION_RETRY}).
 *
 * @param <D> the saga data type
 */
public final class EnlistedStepsBuilder<D> {

    private final String sagaName;
    private @Nullable LocalAction<D> completion;
    private @Nullable LocalAction<D> compensation;
    private Duration callTimeout = StepDefinition.DEFAULT_TIMEOUT;
    private RetryPolicy completionRetry = StepDefinition.DEFAULT_RETRIABLE_RETRY;
    private RetryPolicy compensationRetry = StepDefinition.DEFAULT_COMPENSATION_RETRY;

    EnlistedStepsBuilder(String sagaName) {
        this.sagaName = sagaName;
    }

    /**
     * Confirms one enlisted step once the saga is closed. It runs under a lease like a local step,
     * so it may run more than once: make it idempotent on {@link StepContext#idempotencyKey()}.
     */
    public EnlistedStepsBuilder<D> completion(LocalAction<D> function) {
        this.completion = Objects.requireNonNull(function, "completion");
        return this;
    }

    /** Undoes one enlisted step when the saga is cancelled; idempotent, as {@link #completion}. */
    public EnlistedStepsBuilder<D> compensation(LocalAction<D> function) {
        this.compensation = Objects.requireNonNull(function, "compensation");
        return this;
    }

    /** How long one call may take before it is made again (its lease). */
    public EnlistedStepsBuilder<D> callTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "callTimeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new SagaDefinitionException("Saga '" + sagaName + "': callTimeout must be positive, was " + timeout);
        }
        this.callTimeout = timeout;
        return this;
    }

    /** How a failed completion call is retried; when it runs out, the saga is FAILED. */
    public EnlistedStepsBuilder<D> completionRetry(RetryPolicy retry) {
        this.completionRetry = Objects.requireNonNull(retry, "completionRetry");
        return this;
    }

    /** How a failed compensation call is retried; when it runs out, the saga is FAILED. */
    public EnlistedStepsBuilder<D> compensationRetry(RetryPolicy retry) {
        this.compensationRetry = Objects.requireNonNull(retry, "compensationRetry");
        return this;
    }

    EnlistedSteps<D> build() {
        return new EnlistedSteps<>(sagaName, completion, compensation, callTimeout, completionRetry,
                compensationRetry);
    }
}
