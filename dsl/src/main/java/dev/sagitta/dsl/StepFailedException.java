package dev.sagitta.dsl;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a local step (or a participant's command handler) to report a failure it understands.
 *
 * <p>Without a code it is a business refusal: the step is not retried and the saga compensates. With
 * a code (see {@link ErrorCodes}) the step retries when it retries on that code, for example
 * {@code new StepFailedException(ErrorCodes.RATE_LIMITED, "inventory is throttling us")}.
 */
public class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String code;

    public StepFailedException(String reason) {
        super(reason);
        this.code = null;
    }

    public StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
        this.code = null;
    }

    /**
     * A failure of kind {@code code}, lower-case words joined by hyphens.
     *
     * @throws IllegalArgumentException if the code is not of that form
     */
    public StepFailedException(String code, String reason) {
        super(reason);
        this.code = ErrorCodes.requireCode(code);
    }

    /** The failure's code; null for a business refusal. */
    public @Nullable String code() {
        return code;
    }
}
