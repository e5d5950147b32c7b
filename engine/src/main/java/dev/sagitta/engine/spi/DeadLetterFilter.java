package dev.sagitta.engine.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to list or act on: each non-null field must match. Immutable.
 *
 * @param status        only in this status
 * @param kind          only of this kind
 * @param sagaId        only naming this saga
 * @param source        only consumed from this endpoint
 * @param createdBefore only dead-lettered before this time
 */
public record DeadLetterFilter(
        @Nullable DeadLetterStatus status,
        @Nullable DeadLetterKind kind,
        @Nullable String sagaId,
        @Nullable String source,
        @Nullable Instant createdBefore) {

    /** Every dead letter, whatever its status. */
    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, null, null, null);
    }

    /** Every dead letter still waiting for an operator. */
    public static DeadLetterFilter pending() {
        return all().withStatus(DeadLetterStatus.PENDING);
    }

    public DeadLetterFilter withStatus(@Nullable DeadLetterStatus only) {
        return new DeadLetterFilter(only, kind, sagaId, source, createdBefore);
    }

    public DeadLetterFilter withKind(@Nullable DeadLetterKind only) {
        return new DeadLetterFilter(status, only, sagaId, source, createdBefore);
    }

    public DeadLetterFilter withSagaId(@Nullable String only) {
        return new DeadLetterFilter(status, kind, only, source, createdBefore);
    }

    public DeadLetterFilter withSource(@Nullable String only) {
        return new DeadLetterFilter(status, kind, sagaId, only, createdBefore);
    }

    public DeadLetterFilter withCreatedBefore(@Nullable Instant before) {
        return new DeadLetterFilter(status, kind, sagaId, source, before);
    }

    /** Whether {@code letter} passes this filter. */
    public boolean matches(DeadLetter letter) {
        return (status == null || letter.status() == status)
                && (kind == null || letter.kind() == kind)
                && (sagaId == null || sagaId.equals(letter.sagaId()))
                && (source == null || source.equals(letter.source()))
                && (createdBefore == null || letter.createdAt().isBefore(createdBefore));
    }
}
