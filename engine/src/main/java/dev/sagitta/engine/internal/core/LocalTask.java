package dev.sagitta.engine.internal.core;

/** A local function the transition wants run once it commits. */
public record LocalTask(String step, int attempt, boolean compensation) {
}
