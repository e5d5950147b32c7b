package dev.sagitta.engine;

import org.jspecify.annotations.Nullable;

/**
 * What an operator's action did. Immutable and thread-safe.
 *
 * @param accepted  true if the action was applied (and recorded in the saga's timeline)
 * @param status    the saga's status afterwards
 * @param rejection why it was refused, in words that say what would work instead, if it was
 */
public record OperatorActionResult(boolean accepted, SagaStatus status, @Nullable String rejection) {
}
