package dev.sagitta.dsl;

/**
 * A saga definition or one of its values is invalid. The message names the saga, the step and the fix.
 */
public final class SagaDefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SagaDefinitionException(String message) {
        super(message);
    }
}
