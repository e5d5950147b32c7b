package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A command waiting in the outbox. Immutable.
 *
 * @param seq         insertion order within its saga (from the saga's timeline counter), used to
 *                    keep one saga's commands in order
 * @param command     the command
 * @param availableAt before this time the relay leaves it to the node that wrote it, which sends it
 *                    right after its commit
 */
public record OutboxEntry(long seq, CommandMessage command, Instant availableAt) {

    public OutboxEntry {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(availableAt, "availableAt");
    }
}
