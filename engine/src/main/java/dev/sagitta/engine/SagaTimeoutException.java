package dev.sagitta.engine;

import java.time.Duration;

/** A wait for a saga to finish ran out of time. The saga itself goes on. */
public final class SagaTimeoutException extends SagaException {

    private static final long serialVersionUID = 1L;

    public SagaTimeoutException(String sagaId, Duration timeout, SagaStatus status) {
        super("Saga " + sagaId + " is still " + status + " after waiting " + timeout
                + ": wait longer, or look at its timeline with SagaEngine.find(id)");
    }
}
