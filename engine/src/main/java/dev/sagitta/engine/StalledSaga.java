package dev.sagitta.engine;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A saga that is not terminal and does not seem to be moving, as {@link SagaEngine#findStalled} found
 * it. Immutable and thread-safe.
 *
 * @param sagaId    the instance
 * @param sagaType  its definition's name
 * @param status    RUNNING or COMPENSATING
 * @param updatedAt when its last transition committed
 * @param wakeAt    when the engine is due to look at it again; null when nothing will
 * @param why       what makes it look stalled, in words for an operator
 */
public record StalledSaga(String sagaId, String sagaType, SagaStatus status, Instant updatedAt,
        @Nullable Instant wakeAt, String why) {

    public StalledSaga {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(why, "why");
    }
}
