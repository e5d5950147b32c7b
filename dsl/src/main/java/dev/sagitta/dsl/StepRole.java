package dev.sagitta.dsl;

/**
 * What a step means for the saga's ability to undo itself.
 */
public enum StepRole {
    /** Has a compensation; undone in reverse order when the saga compensates. The default. */
    COMPENSATABLE,
    /** The point of no return: once it completes, the saga only goes forward. No compensation. */
    PIVOT,
    /** Comes after the pivot (or after other retriable steps); retried until it succeeds, never compensated. */
    RETRIABLE
}
