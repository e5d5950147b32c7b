package dev.sagitta.testing;

import java.util.List;

/**
 * What taking over recorded in-flight sagas showed. Immutable.
 *
 * @param snapshots how many snapshots were taken over
 * @param sagas     how many saga instances they held in all
 * @param problems  what stops the new release from finishing them, each said once, with the first
 *                  snapshot that showed it
 */
public record CompatibilityReport(int snapshots, int sagas, List<String> problems) {

    public CompatibilityReport {
        problems = List.copyOf(problems);
    }

    public boolean compatible() {
        return problems.isEmpty();
    }

    /** Throws an {@link AssertionError} listing every problem. */
    public CompatibilityReport assertCompatible() {
        if (!problems.isEmpty()) {
            throw new AssertionError("the new release cannot finish sagas in flight under the old one:\n- "
                    + String.join("\n- ", problems));
        }
        return this;
    }

    @Override
    public String toString() {
        return snapshots + " snapshots, " + sagas + " saga instances: "
                + (problems.isEmpty() ? "compatible" : problems.size() + " problems");
    }
}
