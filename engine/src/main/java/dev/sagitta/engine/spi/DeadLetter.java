package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message that could not be processed, kept whole so that nothing is lost: why, where it came
 * from, its original headers and payload, and how often handling it was tried. Immutable.
 *
 * @param id          the dead letter's own id
 * @param kind        why it is here, by category
 * @param reason      why it is here, in words
 * @param source      the endpoint it was consumed from, and where a retry sends it back to
 * @param messageId   its {@code ce_id}, if it had one
 * @param messageType its {@code ce_type}, if it had one
 * @param sagaId      the saga it names, if it named one
 * @param headers     its headers as received, each as text
 * @param payload     its body as received, as UTF-8 text; null if it had none
 * @param attempts    how many times handling it was tried (1 for a message rejected on reading)
 * @param createdAt   when it was dead-lettered
 * @param status      whether it still waits for an operator
 * @param settledAt   when it was retried or discarded; null while pending
 * @param settledBy   who retried or discarded it; null while pending
 */
public record DeadLetter(
        String id,
        DeadLetterKind kind,
        String reason,
        String source,
        @Nullable String messageId,
        @Nullable String messageType,
        @Nullable String sagaId,
        Map<String, String> headers,
        @Nullable String payload,
        int attempts,
        Instant createdAt,
        DeadLetterStatus status,
        @Nullable Instant settledAt,
        @Nullable String settledBy) {

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /** A new, pending dead letter. */
    public static DeadLetter pending(String id, DeadLetterKind kind, String reason, String source,
            @Nullable String messageId, @Nullable String messageType, @Nullable String sagaId,
            Map<String, String> headers, @Nullable String payload, int attempts, Instant createdAt) {
        return new DeadLetter(id, kind, reason, source, messageId, messageType, sagaId, headers, payload, attempts,
                createdAt, DeadLetterStatus.PENDING, null, null);
    }

    /** This letter as settled by {@code by} at {@code at}. */
    public DeadLetter settled(DeadLetterStatus to, String by, Instant at) {
        return new DeadLetter(id, kind, reason, source, messageId, messageType, sagaId, headers, payload, attempts,
                createdAt, to, at, by);
    }
}
