package dev.sagitta.engine.spi;

import java.util.Set;

/**
 * A {@link TransitionBatch} lost a race: a saga's revision moved, or a saga id, business key or
 * inbox message id was already taken. Nothing of the batch was written. The engine re-reads the
 * sagas named by {@link #staleSagaIds()} and applies their events again; when the store cannot
 * tell which sagas lost (a unique key, say), it applies every event of the batch again, one by one.
 */
public final class StoreConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Set<String> staleSagaIds;

    public StoreConflictException(String message) {
        this(message, Set.of());
    }

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
        this.staleSagaIds = Set.of();
    }

    /** A revision check failed for these sagas: another transition moved them first. */
    public StoreConflictException(String message, Set<String> staleSagaIds) {
        super(message);
        this.staleSagaIds = Set.copyOf(staleSagaIds);
    }

    /** The sagas whose stored revision moved, if the store knows them; empty when it does not. */
    public Set<String> staleSagaIds() {
        return staleSagaIds;
    }
}
