package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a saga's timeline (table {@code saga_step}). Append-only; immutable.
 *
 * @param sagaId  the instance
 * @param seq     position in the saga's timeline, from 1, unique per saga
 * @param step    the step it is about, or {@code null} for saga-level entries
 * @param attempt the attempt it is about, 0 for saga-level entries
 * @param kind    what happened, for example {@code STEP_SUCCEEDED}
 * @param detail  more words, if any
 * @param at      when
 */
public record HistoryRecord(
        String sagaId,
        int seq,
        @Nullable String step,
        int attempt,
        String kind,
        @Nullable String detail,
        Instant at) {

    public HistoryRecord {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
