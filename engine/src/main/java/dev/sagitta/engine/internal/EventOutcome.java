package dev.sagitta.engine.internal;

import dev.sagitta.engine.SagaStatus;
import org.jspecify.annotations.Nullable;

/**
 * What became of one event.
 *
 * @param sagaId    the saga (for an idempotent start, the one that already existed)
 * @param status    the saga's status afterwards, or null if the saga does not exist
 * @param rejection why the event changed nothing, or null if it was applied
 */
public record EventOutcome(String sagaId, @Nullable SagaStatus status, @Nullable String rejection) {

    public boolean applied() {
        return rejection == null;
    }
}
