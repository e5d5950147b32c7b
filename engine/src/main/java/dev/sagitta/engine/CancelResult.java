package dev.sagitta.engine;

import org.jspecify.annotations.Nullable;

/**
 * What a cancel request did. Immutable and thread-safe.
 *
 * @param accepted  true if the saga turned to compensation
 * @param status    the saga's status after the request
 * @param rejection why it was refused (already finished, past its pivot), if it was
 */
public record CancelResult(boolean accepted, SagaStatus status, @Nullable String rejection) {
}
