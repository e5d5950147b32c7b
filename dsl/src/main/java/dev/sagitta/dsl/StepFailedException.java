package dev.sagitta.dsl;

/**
 * Thrown by a local step to report a business failure: the step is not retried and the saga compensates.
 */
public class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepFailedException(String reason) {
        super(reason);
    }

    public StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
