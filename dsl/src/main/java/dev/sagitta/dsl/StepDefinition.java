package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One step of a saga: its action, role, compensation and policies.
 *
 * <p>Immutable and thread-safe. Built by {@link StepBuilder}.
 *
 * @param name              unique within the saga
 * @param role              compensatable (the default), pivot or retriable
 * @param action            what the step does
 * @param compensation      what undoes it; present exactly when the role is compensatable
 * @param timeout           how long one attempt may take before it counts as failed (reply timeout
 *                          for remote steps, lease for local steps)
 * @param retry             the step's retry policy
 * @param compensationRetry the compensation's retry policy
 * @param retryableErrors   the {@link ErrorCodes error codes} on which a forward attempt is retried
 *                          (within {@code retry}); a failure with any other code, or a refusal
 *                          without one, fails the step at once. Retriable steps retry on every failure
 * @param timeLimit         how long a local function (action or compensation) may run on its node
 *                          before it is cut off and the attempt fails with {@link ErrorCodes#TIMEOUT};
 *                          null: no limit but the lease ({@code timeout})
 * @param whenCircuitOpen   what a remote step does while the circuit breaker of its participant is open
 * @param <D>               the saga data type
 */
public record StepDefinition<D>(
        String name,
        StepRole role,
        StepAction<D> action,
        @Nullable StepAction<D> compensation,
        Duration timeout,
        RetryPolicy retry,
        RetryPolicy compensationRetry,
        Set<String> retryableErrors,
        @Nullable Duration timeLimit,
        WhenCircuitOpen whenCircuitOpen) {

    /** Default per-attempt timeout of a step or compensation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default retry of compensatable and pivot steps: one attempt. */
    public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.none();
    /** Default retry of retriable steps: until they succeed, 1 s doubling up to 1 min. */
    public static final RetryPolicy DEFAULT_RETRIABLE_RETRY =
            RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));
    /** Default retry of compensations: 10 attempts, 1 s doubling up to 1 min; then the saga is FAILED. */
    public static final RetryPolicy DEFAULT_COMPENSATION_RETRY =
            RetryPolicy.exponential(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));

    public StepDefinition {
        Names.requireName(name, "step name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(compensationRetry, "compensationRetry");
        retryableErrors = Set.copyOf(retryableErrors);
        Objects.requireNonNull(whenCircuitOpen, "whenCircuitOpen");
    }

    /** Without a time limit on local functions. */
    public StepDefinition(String name, StepRole role, StepAction<D> action, @Nullable StepAction<D> compensation,
            Duration timeout, RetryPolicy retry, RetryPolicy compensationRetry, Set<String> retryableErrors) {
        this(name, role, action, compensation, timeout, retry, compensationRetry, retryableErrors, null,
                WhenCircuitOpen.waitIndefinitely());
    }

    public Optional<StepAction<D>> compensationAction() {
        return Optional.ofNullable(compensation);
    }

    public boolean isRemote() {
        return action instanceof RemoteCall;
    }

    /**
     * Whether a forward attempt that failed with {@code errorCode} may be tried again (attempts
     * permitting): always for a retriable step, otherwise when the code is one the step retries on.
     * A null code is a business refusal and is retried only by a retriable step.
     */
    public boolean retriesOn(@Nullable String errorCode) {
        return role == StepRole.RETRIABLE || (errorCode != null && retryableErrors.contains(errorCode));
    }

    public boolean isCompensatable() {
        return role == StepRole.COMPENSATABLE;
    }
}
