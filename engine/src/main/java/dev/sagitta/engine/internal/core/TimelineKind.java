package dev.sagitta.engine.internal.core;

/** What a timeline entry records. */
public enum TimelineKind {
    SAGA_STARTED,
    STEP_ENLISTED,
    SAGA_CLOSED,
    STEP_STARTED,
    COMMAND_SENT,
    STEP_SUCCEEDED,
    STEP_FAILED,
    STEP_TIMED_OUT,
    LEASE_EXPIRED,
    RETRY_SCHEDULED,
    /** The participant's circuit breaker was open: the attempt waits unsent, fails fast, or the step gives up. */
    CIRCUIT_OPEN,
    COMPENSATION_STARTED,
    STEP_COMPENSATING,
    STEP_COMPENSATED,
    COMPENSATION_ATTEMPT_FAILED,
    CANCEL_REQUESTED,
    OPERATOR_ACTION,
    DEADLINE_PASSED,
    MESSAGE_IGNORED,
    SAGA_COMPLETED,
    SAGA_COMPENSATED,
    SAGA_FAILED,
    /** A FAILED saga was taken on again by an operator; the next entries say how. */
    SAGA_RESUMED,
    /** A FAILED saga was closed by an operator who settled the rest by hand. */
    SAGA_RESOLVED
}
