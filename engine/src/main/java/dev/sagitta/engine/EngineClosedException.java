package dev.sagitta.engine;

/**
 * The engine was closed (or closing) and did not apply the event. Nothing is wrong with the event:
 * a transport should leave the message unacknowledged for the next engine, never dead-letter it.
 */
public final class EngineClosedException extends SagaException {

    private static final long serialVersionUID = 1L;

    public EngineClosedException(String message) {
        super(message);
    }
}
