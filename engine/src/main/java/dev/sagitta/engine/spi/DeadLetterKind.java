package dev.sagitta.engine.spi;

/** Why a message was dead-lettered. */
public enum DeadLetterKind {
    /** Unreadable: a required header missing or invalid, or a body that is not JSON. */
    MALFORMED,
    /** A message type the consumer does not handle. */
    UNKNOWN_TYPE,
    /** Written to a format or schema version the consumer does not read. */
    SCHEMA_MISMATCH,
    /** It names a saga the store does not hold. */
    UNKNOWN_SAGA,
    /** Its body is larger than the consumer accepts. */
    OVERSIZED,
    /** Readable, but handling it kept failing after its retries. */
    HANDLING_FAILED
}
