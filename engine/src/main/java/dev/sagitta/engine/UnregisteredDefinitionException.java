package dev.sagitta.engine;

/**
 * A saga definition (name and version) that the engine needs is not registered with it: either a
 * start names it, or unfinished instances in the store are pinned to it.
 */
public final class UnregisteredDefinitionException extends SagaException {

    private static final long serialVersionUID = 1L;

    public UnregisteredDefinitionException(String message) {
        super(message);
    }
}
