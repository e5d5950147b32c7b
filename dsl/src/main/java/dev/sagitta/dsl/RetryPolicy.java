package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how far apart, a step (or its compensation) is attempted.
 *
 * <p>Immutable and thread-safe. Attempt numbers start at 1; the delay before attempt {@code n > 1}
 * is {@code initialDelay * multiplier^(n-2)}, capped at {@code maxDelay}.
 *
 * <pre>{@code
 * RetryPolicy.fixed(3, Duration.ofSeconds(1));
 * RetryPolicy.exponential(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));
 * RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(5));
 * }</pre>
 *
 * @param maxAttempts  attempts in all, at least 1; {@link #UNLIMITED} for no limit
 * @param initialDelay delay before the second attempt, zero or positive
 * @param multiplier   growth factor between delays, at least 1.0
 * @param maxDelay     the cap on any delay, at least {@code initialDelay}
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** {@code maxAttempts} value meaning "retry until it succeeds". */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new SagaDefinitionException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative()) {
            throw new SagaDefinitionException("initialDelay must not be negative, was " + initialDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new SagaDefinitionException("multiplier must be a finite number >= 1.0, was " + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new SagaDefinitionException(
                    "maxDelay (" + maxDelay + ") must not be shorter than initialDelay (" + initialDelay + ")");
        }
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /** {@code maxAttempts} attempts in all, {@code delay} apart. */
    public static RetryPolicy fixed(int maxAttempts, Duration delay) {
        return new RetryPolicy(maxAttempts, delay, 1.0, delay);
    }

    /** {@code maxAttempts} attempts, delays growing by {@code multiplier} from {@code initialDelay} up to {@code maxDelay}. */
    public static RetryPolicy exponential(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay);
    }

    /** Retries until it succeeds, doubling the delay from {@code initialDelay} up to {@code maxDelay}. */
    public static RetryPolicy forever(Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(UNLIMITED, initialDelay, 2.0, maxDelay);
    }

    /** Whether attempt {@code attempt} (1-based) may be followed by another. */
    public boolean allowsAttemptAfter(int attempt) {
        return maxAttempts == UNLIMITED || attempt < maxAttempts;
    }

    /** The delay to wait before attempt {@code attempt} (2 or more). */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double factor = Math.pow(multiplier, attempt - 2);
        double millis = initialDelay.toMillis() * factor;
        if (Double.isInfinite(millis) || millis >= maxDelay.toMillis()) {
            return maxDelay;
        }
        return Duration.ofMillis((long) millis);
    }
}
