package dev.sagitta.engine;

/**
 * Where a saga instance is in its life.
 *
 * <pre>
 * RUNNING -&gt; COMPLETED
 * RUNNING -&gt; COMPENSATING -&gt; COMPENSATED
 * RUNNING -&gt; FAILED           (a retriable step ran out of attempts)
 * COMPENSATING -&gt; FAILED      (a compensation ran out of attempts)
 * FAILED -&gt; RUNNING, COMPENSATING or RESOLVED   (an operator acted)
 * </pre>
 */
public enum SagaStatus {
    /** Running its steps forward. */
    RUNNING(false),
    /** Undoing its completed steps in reverse order. */
    COMPENSATING(false),
    /** Every step completed. */
    COMPLETED(true),
    /** Every step that needed it was undone. */
    COMPENSATED(true),
    /** Stopped and parked for an operator: a compensation or a retriable step ran out of attempts. */
    FAILED(true),
    /** Closed by an operator after FAILED: whatever was left was settled outside the saga. */
    RESOLVED(true);

    private final boolean terminal;

    SagaStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether nothing more happens to the saga without an operator. */
    public boolean isTerminal() {
        return terminal;
    }
}
