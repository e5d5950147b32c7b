package dev.sagitta.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an exploration did and what it found. Immutable.
 *
 * @param runs        how many runs it made
 * @param seeds       how many message-fault seeds it tried (seed 0 is the run without message faults)
 * @param crashRuns   how many of the runs crashed the engine at a crash point
 * @param elapsed     wall-clock time the exploration took
 * @param violations  the runs that broke a rule, lowest seed first (at most {@link SagaExploration#MAX_VIOLATIONS})
 */
public record ExplorationReport(int runs, int seeds, int crashRuns, Duration elapsed, List<Violation> violations) {

    public ExplorationReport {
        violations = List.copyOf(violations);
    }

    public Optional<Violation> firstViolation() {
        return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0));
    }

    /** Throws an {@link AssertionError} describing the first violation, with the call that replays it. */
    public ExplorationReport assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " of " + runs + " runs broke a rule; the first:\n"
                    + violations.get(0));
        }
        return this;
    }

    /** One line: runs, crash runs, seeds, time, violations. */
    public String summary() {
        return runs + " runs (" + crashRuns + " with a crash, " + seeds + " fault seeds) in " + elapsed.toMillis()
                + " ms: " + (violations.isEmpty() ? "no violations" : violations.size() + " violations");
    }

    @Override
    public String toString() {
        return summary();
    }
}
