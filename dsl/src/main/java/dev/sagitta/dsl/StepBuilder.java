package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Configures one step. Obtained from {@link SagaDefinitionBuilder#step} or {@link ParallelBuilder#step}.
 *
 * <p>Not thread-safe; use it only inside the configuring lambda. Each setter rejects a bad value at
 * once; rules that involve several steps are checked by {@link SagaDefinitionBuilder#build()}.
 *
 * <p>Defaults: role {@link StepRole#COMPENSATABLE}; timeout {@link StepDefinition#DEFAULT_TIMEOUT};
 * retry {@link StepDefinition#DEFAULT_RETRY} ({@link StepDefinition#DEFAULT_RETRIABLE_RETRY} for
 * retriable steps); compensation retry {@link StepDefinition#DEFAULT_COMPENSATION_RETRY}; retried
 * error codes {@link ErrorCodes#DEFAULT_RETRYABLE}; no time limit on local functions; wait while a
 * circuit breaker is open ({@link WhenCircuitOpen#waitIndefinitely()}).
 *
 * @param <D> the saga data type
 */
public final class StepBuilder<D> {

    private final String sagaName;
    private final String name;
    private StepRole role = StepRole.COMPENSATABLE;
    private @Nullable StepAction<D> action;
    private @Nullable StepAction<D> compensation;
    private Duration timeout = StepDefinition.DEFAULT_TIMEOUT;
    private @Nullable RetryPolicy retry;
    private RetryPolicy compensationRetry = StepDefinition.DEFAULT_COMPENSATION_RETRY;
    private final Set<String> retryableErrors = new TreeSet<>(ErrorCodes.DEFAULT_RETRYABLE);
    private @Nullable Duration timeLimit;
    private WhenCircuitOpen whenCircuitOpen = WhenCircuitOpen.waitIndefinitely();

    StepBuilder(String sagaName, String name) {
        this.sagaName = sagaName;
        if (name == null || name.isBlank()) {
            throw new SagaDefinitionException("Saga '" + sagaName + "' has a step with a blank name: name every step");
        }
        this.name = name;
    }

    /**
     * Makes this a remote step: sends {@code commandType} to {@code participant}, with the payload
     * that {@code command} builds from the saga data.
     */
    public StepBuilder<D> invoke(String participant, String commandType, Function<? super D, ?> command) {
        requireNoAction();
        action = new RemoteCall<>(participant, commandType, command, null);
        return this;
    }

    /** Applies the participant's success reply, decoded as {@code replyType}, to the saga data. */
    public <R> StepBuilder<D> onReply(Class<R> replyType, BiFunction<D, R, D> apply) {
        if (!(action instanceof RemoteCall<D> remote)) {
            throw error("onReply(...) needs a remote step: call invoke(participant, commandType, command) first");
        }
        if (remote.replyMapping() != null) {
            throw error("has onReply(...) twice: keep one");
        }
        action = remote.withReplyMapping(new ReplyMapping<>(replyType, apply));
        return this;
    }

    /** Makes this a local step that runs {@code function} in-process. */
    public StepBuilder<D> local(LocalAction<D> function) {
        requireNoAction();
        action = new LocalCall<>(function);
        return this;
    }

    /** Compensates this step by sending {@code commandType} to {@code participant}. */
    public StepBuilder<D> compensateWith(String participant, String commandType, Function<? super D, ?> command) {
        requireNoCompensation();
        compensation = new RemoteCall<>(participant, commandType, command, null);
        return this;
    }

    /** Compensates this step by running {@code function} in-process. */
    public StepBuilder<D> compensateLocally(LocalAction<D> function) {
        requireNoCompensation();
        compensation = new LocalCall<>(function);
        return this;
    }

    /** Marks the step as the pivot: once it completes, the saga can only go forward. */
    public StepBuilder<D> pivot() {
        role = StepRole.PIVOT;
        return this;
    }

    /** Marks the step as retriable: retried until it succeeds, never compensated. */
    public StepBuilder<D> retriable() {
        role = StepRole.RETRIABLE;
        return this;
    }

    /** How long one attempt may take: the reply timeout of a remote step, the lease of a local one. */
    public StepBuilder<D> timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw error("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Cuts a local function (the action, or a local compensation) off once it has run this long on
     * its node: the attempt fails with {@link ErrorCodes#TIMEOUT}, which is retried by the retry
     * policy, and the function's thread is interrupted. Enforced by a Resilience4j TimeLimiter. Must
     * be shorter than the {@link #timeout(Duration) timeout}, the lease after which another node
     * takes the attempt over. No limit by default.
     */
    public StepBuilder<D> timeLimit(Duration limit) {
        Objects.requireNonNull(limit, "timeLimit");
        if (limit.isZero() || limit.isNegative()) {
            throw error("timeLimit must be positive, was " + limit);
        }
        this.timeLimit = limit;
        return this;
    }

    /**
     * What the step does while the engine's circuit breaker for its participant is open: wait (the
     * default), compensate after a while, or fail fast. Only remote steps meet breakers.
     */
    public StepBuilder<D> whenCircuitOpen(WhenCircuitOpen policy) {
        this.whenCircuitOpen = Objects.requireNonNull(policy, "whenCircuitOpen");
        return this;
    }

    /** How the step is retried after a timeout or a transient failure. */
    public StepBuilder<D> retry(RetryPolicy retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /**
     * Also retries a forward attempt that failed with any of {@code codes}, for example a
     * participant's own {@code "inventory-locked"}. By default a step retries on
     * {@link ErrorCodes#DEFAULT_RETRYABLE}.
     */
    public StepBuilder<D> retryOn(String... codes) {
        for (String code : requireCodes(codes)) {
            retryableErrors.add(code);
        }
        return this;
    }

    /**
     * Fails the step at once, without retrying, when an attempt fails with any of {@code codes},
     * for example {@code doNotRetryOn(ErrorCodes.TIMEOUT)} for a step whose timeout means "no".
     * Has no effect on retriable steps, which retry on every failure.
     */
    public StepBuilder<D> doNotRetryOn(String... codes) {
        for (String code : requireCodes(codes)) {
            retryableErrors.remove(code);
        }
        return this;
    }

    /** How the compensation is retried; when it runs out, the saga is FAILED and waits for an operator. */
    public StepBuilder<D> compensationRetry(RetryPolicy retry) {
        this.compensationRetry = Objects.requireNonNull(retry, "compensationRetry");
        return this;
    }

    String name() {
        return name;
    }

    StepDefinition<D> build() {
        if (action == null) {
            throw error("does nothing: give it invoke(participant, commandType, command) or local(function)");
        }
        checkTimeLimit();
        RetryPolicy effectiveRetry = retry != null ? retry
                : role == StepRole.RETRIABLE ? StepDefinition.DEFAULT_RETRIABLE_RETRY : StepDefinition.DEFAULT_RETRY;
        return new StepDefinition<>(name, role, action, compensation, timeout, effectiveRetry, compensationRetry,
                retryableErrors, timeLimit, whenCircuitOpen);
    }

    private void checkTimeLimit() {
        if (timeLimit == null) {
            return;
        }
        if (!(action instanceof LocalCall) && !(compensation instanceof LocalCall)) {
            throw error("has timeLimit(" + timeLimit + ") but runs no local function: a remote step is limited by"
                    + " timeout(...), its reply timeout");
        }
        if (timeLimit.compareTo(timeout) >= 0) {
            throw error("has timeLimit(" + timeLimit + ") not shorter than its timeout(" + timeout + "), the lease"
                    + " after which another node runs the attempt again: give it a longer timeout(...)");
        }
    }

    private String[] requireCodes(String[] codes) {
        Objects.requireNonNull(codes, "codes");
        if (codes.length == 0) {
            throw error("was given no error code: name at least one, for example ErrorCodes.RATE_LIMITED");
        }
        for (String code : codes) {
            try {
                ErrorCodes.requireCode(code);
            } catch (IllegalArgumentException bad) {
                throw error("has a bad error code: " + bad.getMessage());
            }
        }
        return codes;
    }

    private void requireNoAction() {
        if (action != null) {
            throw error("already has an action (" + action.describe() + "): a step does one thing, split it in two steps");
        }
    }

    private void requireNoCompensation() {
        if (compensation != null) {
            throw error("already has a compensation (" + compensation.describe() + "): keep one");
        }
    }

    private SagaDefinitionException error(String problem) {
        return new SagaDefinitionException("Step '" + name + "' of saga '" + sagaName + "' " + problem);
    }
}
