package dev.sagitta.engine.spi;

/** Where a dead letter is in its life. */
public enum DeadLetterStatus {
    /** Waiting for an operator. */
    PENDING,
    /** Sent back to its source to be processed again. */
    RETRIED,
    /** Dropped on purpose by an operator. */
    DISCARDED
}
