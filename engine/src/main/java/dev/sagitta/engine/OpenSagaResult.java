package dev.sagitta.engine;

import org.jspecify.annotations.Nullable;

/**
 * What a request to an open saga did: an enlistment or a close. Immutable and thread-safe.
 *
 * @param accepted  true if it was applied (and recorded in the saga's timeline)
 * @param status    the saga's status afterwards
 * @param rejection why it was refused, if it was: the saga is not open, or no longer running, or
 *                  already closing
 */
public record OpenSagaResult(boolean accepted, SagaStatus status, @Nullable String rejection) {
}
