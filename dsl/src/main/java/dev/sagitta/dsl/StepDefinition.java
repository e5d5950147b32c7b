package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * @param <D>               the saga data type
 */
public record StepDefinition<D>(
        String name,
        StepRole role,
        StepAction<D> action,
        @Nullable StepAction<D> compensation,
        Duration timeout,
        RetryPolicy retry,
        RetryPolicy compensationRetry) {

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
    }

    public Optional<StepAction<D>> compensationAction() {
        return Optional.ofNullable(compensation);
    }

    public boolean isRemote() {
        return action instanceof RemoteCall;
    }

    public boolean isCompensatable() {
        return role == StepRole.COMPENSATABLE;
    }
}
