package dev.sagitta.dsl;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The error codes a failed attempt carries, and which of them a step retries by default.
 *
 * <p>A code says what kind of failure it was, so that the step can decide whether another attempt
 * may succeed. A participant puts one on its failure reply; a local step's exception is mapped to one
 * by {@link #of(Throwable)}; a reply timeout is {@link #TIMEOUT}. Codes are lower-case words joined
 * by hyphens; participants may use codes of their own and steps may retry on them with
 * {@link StepBuilder#retryOn}.
 *
 * <p>By default ({@link #DEFAULT_RETRYABLE}) a step retries, within its {@link RetryPolicy}, on
 * {@link #TIMEOUT}, {@link #UNAVAILABLE}, {@link #RATE_LIMITED}, {@link #DEADLOCK} and
 * {@link #UNEXPECTED}; any other failure (for example {@link #VALIDATION}, {@link #DUPLICATE},
 * {@link #SCHEMA_MISMATCH}, or a failure reply without a code, which is a business refusal) fails the
 * step at once, and the saga compensates.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorCodes {

    /** No answer in time: the attempt may or may not have taken effect. */
    public static final String TIMEOUT = "timeout";
    /** A resource could not be reached: a connection refused or lost, a service down. */
    public static final String UNAVAILABLE = "unavailable";
    /** The participant refused for now because of load. */
    public static final String RATE_LIMITED = "rate-limited";
    /** A database transaction was chosen as a deadlock victim or failed serialization. */
    public static final String DEADLOCK = "deadlock";
    /** The request is invalid: the same request will fail again. */
    public static final String VALIDATION = "validation";
    /** The request was already done or conflicts with what exists. */
    public static final String DUPLICATE = "duplicate";
    /** The message did not match the schema or version the receiver expects. */
    public static final String SCHEMA_MISMATCH = "schema-mismatch";
    /** An exception no other code describes: retried by default, as most such failures pass. */
    public static final String UNEXPECTED = "unexpected";

    /** The codes a step retries unless told otherwise. */
    public static final Set<String> DEFAULT_RETRYABLE = Set.of(TIMEOUT, UNAVAILABLE, RATE_LIMITED, DEADLOCK, UNEXPECTED);

    private static final String SQL_SERIALIZATION_FAILURE = "40001";
    private static final String SQL_DEADLOCK_DETECTED = "40P01";

    private ErrorCodes() {
    }

    /**
     * The code for an exception: the code of a {@link StepFailedException} (null for a business
     * refusal without one), {@link #TIMEOUT}, {@link #UNAVAILABLE} or {@link #DEADLOCK} for the JDK's and
     * JDBC's exceptions that say so (looking through causes), otherwise {@link #UNEXPECTED}.
     */
    public static @Nullable String of(Throwable failure) {
        if (failure instanceof StepFailedException stepFailed) {
            return stepFailed.code();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SQLTimeoutException || t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return UNAVAILABLE;
            }
            if (t instanceof SQLException sql && isDeadlock(sql.getSQLState())) {
                return DEADLOCK;
            }
        }
        return UNEXPECTED;
    }

    /** Checks that {@code code} is lower-case words joined by hyphens, and returns it. */
    public static String requireCode(String code) {
        if (code == null || !code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("error code must be lower-case words joined by hyphens, for example"
                    + " \"rate-limited\"; was " + (code == null ? "null" : "'" + code + "'"));
        }
        return code;
    }

    private static boolean isDeadlock(@Nullable String sqlState) {
        return SQL_SERIALIZATION_FAILURE.equals(sqlState) || SQL_DEADLOCK_DETECTED.equals(sqlState);
    }
}
