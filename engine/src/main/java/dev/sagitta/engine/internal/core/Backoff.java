package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.RetryPolicy;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The delay before a retry, from a {@link RetryPolicy}, computed with Resilience4j's exponential
 * {@link IntervalFunction} (a fixed policy is one whose multiplier is 1).
 *
 * <p>Jitter is applied here rather than with Resilience4j's randomized interval functions, which
 * draw from {@code Math.random()}: the state machine must give the same transition for the same
 * inputs, so the spread comes from a hash of the saga, step and attempt instead. Different sagas
 * still spread apart, which is what jitter is for, and a replayed saga retries at the same times.
 *
 * <p>Stateless and thread-safe.
 */
final class Backoff {

    private Backoff() {
    }

    /**
     * How long to wait before attempt {@code attempt} (zero for the first).
     *
     * @param jitterKey what tells this retry apart from others with the same policy and attempt, for
     *                  example the saga id and step name; only used when the policy has jitter
     */
    static Duration delayBefore(RetryPolicy policy, int attempt, String jitterKey) {
        Duration nominal = nominalDelayBefore(policy, attempt);
        if (policy.jitter() == 0.0 || nominal.isZero()) {
            return nominal;
        }
        double spread = 1.0 - policy.jitter() + 2.0 * policy.jitter() * unitInterval(jitterKey, attempt);
        long millis = Math.round(nominal.toMillis() * spread);
        return Duration.ofMillis(Math.min(millis, policy.maxDelay().toMillis()));
    }

    /** The delay before {@code attempt} without jitter. */
    static Duration nominalDelayBefore(RetryPolicy policy, int attempt) {
        long initialMillis = policy.initialDelay().toMillis();
        if (attempt <= 1 || initialMillis < 1) {
            // Resilience4j's intervals start at 1 ms; a shorter delay is no delay on a millisecond clock.
            return Duration.ZERO;
        }
        IntervalFunction intervals = IntervalFunction.ofExponentialBackoff(
                initialMillis, policy.multiplier(), Math.max(initialMillis, policy.maxDelay().toMillis()));
        // Resilience4j numbers the intervals from 1: the first is the one before the second attempt.
        // It walks the intervals one by one, so past the cap (where every interval is the cap) ask for
        // the first capped one: a saga retried forever reaches attempt numbers in the millions.
        return Duration.ofMillis(intervals.apply(Math.min(attempt - 1, intervalsUntilCapped(policy, initialMillis))));
    }

    /** The number of the first interval that is at the cap (or a safe bound on it). */
    private static int intervalsUntilCapped(RetryPolicy policy, long initialMillis) {
        double ratio = (double) policy.maxDelay().toMillis() / initialMillis;
        if (policy.multiplier() <= 1.0 || ratio <= 1.0) {
            return 1;
        }
        double growthSteps = Math.ceil(Math.log(ratio) / Math.log(policy.multiplier()));
        return (int) Math.min(growthSteps + 2, 10_000);
    }

    /** A number in [0, 1) that depends only on the key and attempt (SplitMix64's finaliser). */
    private static double unitInterval(String key, int attempt) {
        long z = key.hashCode() * 0x9E3779B97F4A7C15L + attempt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
