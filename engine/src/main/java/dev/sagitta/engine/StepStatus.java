package dev.sagitta.engine;

/**
 * Where one step of a saga instance is. Forward statuses first, then compensation statuses.
 */
public enum StepStatus {
    /** Not started. */
    PENDING,
    /** An attempt is out: a command waits for its reply, or a local function runs under a lease. */
    RUNNING,
    /** An attempt failed or timed out; the next one starts at the step's timer. */
    WAITING_RETRY,
    /**
     * The circuit breaker of its participant is open: the next attempt is not sent (and not counted)
     * until the breaker lets a call through, checked at the step's timer.
     */
    WAITING_CIRCUIT,
    /** Done. */
    SUCCEEDED,
    /** Failed for good. */
    FAILED,
    /** Was running when the saga turned to compensation: its outcome is unknown, so it is compensated. */
    ABANDONED,
    /** Its compensation is out. */
    COMPENSATING,
    /** A compensation attempt failed; the next starts at the step's timer. */
    COMPENSATION_WAITING_RETRY,
    /** The participant's circuit breaker is open: the next compensation attempt waits, unsent and uncounted. */
    COMPENSATION_WAITING_CIRCUIT,
    /** Undone. */
    COMPENSATED,
    /** Its compensation ran out of attempts; the saga is FAILED. */
    COMPENSATION_FAILED
}
