package dev.sagitta.camel;

import dev.sagitta.engine.SagaException;

/**
 * A Camel message could not be read as a command or reply: a required header is missing, or a header
 * or the body does not hold what it should. The message says which and why.
 *
 * <p>The transport and the participant route log such messages at WARN and drop them, rather than
 * stop consuming.
 */
public final class MalformedMessageException extends SagaException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
