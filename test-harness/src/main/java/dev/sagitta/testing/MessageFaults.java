package dev.sagitta.testing;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws, from a {@link FaultPlan}'s seed, what happens to each message: when it is delivered, how
 * many times, or not at all. Runs on the harness's one thread, so the draws come in the same order
 * on every run of the same test.
 */
final class MessageFaults {

    private final FaultPlan plan;
    private final SplittableRandom random;
    private int dropped;
    private int duplicated;
    private int delayed;

    MessageFaults(FaultPlan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
    }

    /** The delays after which the message is delivered: none if it is lost, two if duplicated. */
    List<Duration> deliveries() {
        if (!plan.hasMessageFaults()) {
            return List.of(Duration.ZERO);
        }
        if (random.nextDouble() < plan.dropRate()) {
            dropped++;
            return List.of();
        }
        Duration first = delay();
        if (random.nextDouble() < plan.duplicateRate()) {
            duplicated++;
            return List.of(first, delay());
        }
        return List.of(first);
    }

    private Duration delay() {
        if (random.nextDouble() >= plan.delayRate()) {
            return Duration.ZERO;
        }
        delayed++;
        return Duration.ofMillis(1 + random.nextLong(Math.max(1, plan.maxDelay().toMillis())));
    }

    String summary() {
        return dropped + " dropped, " + duplicated + " duplicated, " + delayed + " delayed";
    }
}
