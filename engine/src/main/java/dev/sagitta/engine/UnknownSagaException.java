package dev.sagitta.engine;

/** No saga instance has the given id in this engine's store. */
public final class UnknownSagaException extends SagaException {

    private static final long serialVersionUID = 1L;

    public UnknownSagaException(String sagaId) {
        super("No saga with id '" + sagaId + "' in this store: check the id, and that the engine uses the database"
                + " the saga was started on");
    }
}
