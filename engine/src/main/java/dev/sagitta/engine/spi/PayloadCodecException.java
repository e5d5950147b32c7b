package dev.sagitta.engine.spi;

/** A payload could not be encoded or decoded. */
public final class PayloadCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
