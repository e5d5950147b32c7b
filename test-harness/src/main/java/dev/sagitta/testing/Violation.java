package dev.sagitta.testing;

import org.jspecify.annotations.Nullable;

/**
 * A run of an exploration that broke a rule: which rule, how, and the plan that replays it.
 * Immutable.
 *
 * @param plan      the fault plan of the run: seed and crash point
 * @param invariant the rule that broke (or {@code "scenario"} if the scenario itself threw)
 * @param message   what broke
 * @param run       the run's fault summary and the timelines of its sagas
 */
public record Violation(FaultPlan plan, String invariant, String message, String run) {

    /** The call that runs this exact run again on the same exploration. */
    public String replayCall() {
        @Nullable CrashPoint crash = plan.crashPoint();
        return "exploration.replay(" + plan.seed() + "L, " + (crash == null ? "null" : "\"" + crash + "\"") + ")";
    }

    @Override
    public String toString() {
        return "invariant '" + invariant + "' broken under " + plan + ":\n  " + message
                + "\nreplay with: " + replayCall() + "\n" + run;
    }
}
