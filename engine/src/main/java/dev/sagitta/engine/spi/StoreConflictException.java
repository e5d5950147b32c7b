package dev.sagitta.engine.spi;

/**
 * A {@link TransitionBatch} lost a race: a saga's revision moved, or a saga id, business key or
 * inbox message id was already taken. Nothing of the batch was written; the engine reloads and
 * tries its events again, one by one.
 */
public final class StoreConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreConflictException(String message) {
        super(message);
    }

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
