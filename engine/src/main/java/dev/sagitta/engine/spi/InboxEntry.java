package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A reply id recorded as processed, so the same reply is never applied twice. Immutable.
 *
 * @param messageId the reply's id (unique in the inbox)
 * @param sagaId    the saga it was for
 * @param at        when it was processed
 */
public record InboxEntry(String messageId, String sagaId, Instant at) {

    public InboxEntry {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(at, "at");
    }
}
