package dev.sagitta.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a saga's timeline, as {@link SagaView#timeline()} returns it. Immutable and thread-safe.
 *
 * @param seq     position in the timeline, from 1
 * @param step    the step it is about, or null for the saga itself
 * @param attempt the attempt it is about (0 for the saga itself)
 * @param kind    what happened, for example {@code COMMAND_SENT}, {@code STEP_SUCCEEDED}, {@code SAGA_COMPENSATED}
 * @param detail  more words, if any
 * @param at      when
 */
public record TimelineEntry(int seq, @Nullable String step, int attempt, String kind, @Nullable String detail,
        Instant at) {

    @Override
    public String toString() {
        return String.format("%3d %-22s %-20s %s%s", seq, kind, step == null ? "" : step + "#" + attempt, at,
                detail == null ? "" : "  " + detail);
    }
}
