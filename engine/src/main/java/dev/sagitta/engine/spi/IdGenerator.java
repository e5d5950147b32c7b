package dev.sagitta.engine.spi;

import java.util.UUID;

/**
 * Makes saga and message ids. Ids must be unique across every node that shares a database.
 *
 * <p>Implementations must be thread-safe. The default, {@link #randomUuids()}, makes random UUIDs.
 */
@FunctionalInterface
public interface IdGenerator {

    String newId();

    /** Random (version 4) UUIDs as strings. */
    static IdGenerator randomUuids() {
        return () -> UUID.randomUUID().toString();
    }
}
