package dev.sagitta.engine;

/**
 * The root of the engine's unchecked exceptions. Each message says what went wrong and what to do.
 */
public class SagaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SagaException(String message) {
        super(message);
    }

    public SagaException(String message, Throwable cause) {
        super(message, cause);
    }
}
