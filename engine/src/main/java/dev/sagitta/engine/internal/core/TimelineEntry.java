package dev.sagitta.engine.internal.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A timeline entry the transition appends. */
public record TimelineEntry(int seq, @Nullable String step, int attempt, TimelineKind kind,
        @Nullable String detail, Instant at) {
}
