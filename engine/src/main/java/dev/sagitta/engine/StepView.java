package dev.sagitta.engine;

import org.jspecify.annotations.Nullable;

/**
 * One step of a saga instance as it stands. Immutable and thread-safe.
 *
 * @param name                the step
 * @param status              where it is
 * @param attempts            forward attempts made
 * @param compensationAttempts compensation attempts made
 * @param lastError           the latest failure, if any
 */
public record StepView(String name, StepStatus status, int attempts, int compensationAttempts,
        @Nullable String lastError) {
}
