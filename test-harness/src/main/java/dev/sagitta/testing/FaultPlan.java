package dev.sagitta.testing;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What goes wrong in a harness run: message faults drawn from a seed, and at most one crash of the
 * engine at a chosen {@link CrashPoint}. The same plan on the same test gives the same run, so a
 * failing run is replayed exactly from the plan its report prints.
 *
 * <p>Message faults hit every command on its way to a participant and every reply on its way back:
 * a message may be dropped (never delivered), duplicated (delivered twice), or delayed by up to
 * {@link #maxDelay()}, which also reorders it behind later messages. Immutable and thread-safe;
 * each {@code with...} method returns a new plan and rejects a bad value on the spot.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.seeded(17).withCrashAt(CrashPoint.afterCommit(3));
 * }</pre>
 *
 * @param seed          drives every random choice
 * @param duplicateRate the chance that a message is delivered twice
 * @param dropRate      the chance that a message is lost
 * @param delayRate     the chance that a delivery is delayed
 * @param maxDelay      the longest delay
 * @param crashPoint    where the engine crashes, if anywhere
 */
public record FaultPlan(long seed, double duplicateRate, double dropRate, double delayRate, Duration maxDelay,
        @Nullable CrashPoint crashPoint) {

    /** Chances used by {@link #seeded(long)}: frequent enough to hit every step of a short saga. */
    public static final double STANDARD_DUPLICATE_RATE = 0.2;
    public static final double STANDARD_DROP_RATE = 0.05;
    public static final double STANDARD_DELAY_RATE = 0.3;
    public static final Duration STANDARD_MAX_DELAY = Duration.ofSeconds(2);

    public FaultPlan {
        rate(duplicateRate, "duplicateRate");
        rate(dropRate, "dropRate");
        rate(delayRate, "delayRate");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative() || (delayRate > 0 && maxDelay.isZero())) {
            throw new IllegalArgumentException("maxDelay must be positive when messages are delayed, was " + maxDelay);
        }
    }

    /** Nothing goes wrong. */
    public static FaultPlan none() {
        return new FaultPlan(0, 0, 0, 0, Duration.ZERO, null);
    }

    /** Message faults at the standard rates, drawn from {@code seed}; no crash. */
    public static FaultPlan seeded(long seed) {
        return new FaultPlan(seed, STANDARD_DUPLICATE_RATE, STANDARD_DROP_RATE, STANDARD_DELAY_RATE,
                STANDARD_MAX_DELAY, null);
    }

    public FaultPlan withSeed(long newSeed) {
        return new FaultPlan(newSeed, duplicateRate, dropRate, delayRate, maxDelay, crashPoint);
    }

    public FaultPlan withDuplicates(double rate) {
        return new FaultPlan(seed, rate(rate, "duplicate rate"), dropRate, delayRate, maxDelay, crashPoint);
    }

    public FaultPlan withDrops(double rate) {
        return new FaultPlan(seed, duplicateRate, rate(rate, "drop rate"), delayRate, maxDelay, crashPoint);
    }

    public FaultPlan withDelays(double rate, Duration max) {
        return new FaultPlan(seed, duplicateRate, dropRate, rate(rate, "delay rate"), max, crashPoint);
    }

    /** No message faults; a crash point, if set, stays. */
    public FaultPlan withoutMessageFaults() {
        return new FaultPlan(seed, 0, 0, 0, Duration.ZERO, crashPoint);
    }

    public FaultPlan withCrashAt(@Nullable CrashPoint point) {
        return new FaultPlan(seed, duplicateRate, dropRate, delayRate, maxDelay, point);
    }

    /** Whether any message is ever dropped, duplicated or delayed. */
    public boolean hasMessageFaults() {
        return duplicateRate > 0 || dropRate > 0 || delayRate > 0;
    }

    private static double rate(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is a probability between 0 and 1, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("seed ").append(seed);
        if (hasMessageFaults()) {
            text.append(", duplicates ").append(duplicateRate).append(", drops ").append(dropRate)
                    .append(", delays ").append(delayRate).append(" up to ").append(maxDelay);
        } else {
            text.append(", no message faults");
        }
        text.append(crashPoint == null ? ", no crash" : ", crash " + crashPoint);
        return text.toString();
    }
}
