package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how far apart, a step (or its compensation) is attempted.
 *
 * <p>Immutable and thread-safe. Attempt numbers start at 1; the nominal delay before attempt
 * {@code n > 1} is {@code initialDelay * multiplier^(n-2)}, capped at {@code maxDelay}. With a
 * {@code jitter} above zero, each delay is spread at random over {@code nominal * (1 +/- jitter)},
 * still capped at {@code maxDelay}, so that sagas failing together do not all retry at one moment.
 * The engine computes the delays (with Resilience4j's interval functions) and stores the time of the
 * next attempt, so a schedule survives a restart.
 *
 * <pre>{@code
 * RetryPolicy.fixed(3, Duration.ofSeconds(1));
 * RetryPolicy.exponential(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));
 * RetryPolicy.exponentialWithJitter(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30), 0.5);
 * RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(5));
 * }</pre>
 *
 * @param maxAttempts  attempts in all, at least 1; {@link #UNLIMITED} for no limit
 * @param initialDelay delay before the second attempt, zero or positive
 * @param multiplier   growth factor between delays, at least 1.0
 * @param maxDelay     the cap on any delay, at least {@code initialDelay}
 * @param jitter       how far each delay may be spread either way, as a fraction of it: from 0
 *                     (none, the default) up to but excluding 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

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
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new SagaDefinitionException("jitter must be at least 0 and below 1 (for example 0.5 for +/-50%),"
                    + " was " + jitter);
        }
    }

    /** A policy without jitter. */
    public RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
        this(maxAttempts, initialDelay, multiplier, maxDelay, 0.0);
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

    /**
     * As {@link #exponential}, with each delay spread at random by up to {@code jitter} of it either
     * way (0.5: between half and one and a half times the nominal delay).
     */
    public static RetryPolicy exponentialWithJitter(int maxAttempts, Duration initialDelay, double multiplier,
            Duration maxDelay, double jitter) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /** Retries until it succeeds, doubling the delay from {@code initialDelay} up to {@code maxDelay}. */
    public static RetryPolicy forever(Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(UNLIMITED, initialDelay, 2.0, maxDelay);
    }

    /** Whether attempt {@code attempt} (1-based) may be followed by another. */
    public boolean allowsAttemptAfter(int attempt) {
        return maxAttempts == UNLIMITED || attempt < maxAttempts;
    }
}
