package dev.sagitta.testing;

/**
 * A rule every run of a scenario must keep, checked by {@link SagaExploration} once the run has
 * settled. It throws an {@link AssertionError} (any AssertJ assertion does) naming what broke.
 *
 * <pre>{@code
 * SagaInvariant refundedOnce = harness -> assertThat(ledger.refunds()).doesNotHaveDuplicates();
 * }</pre>
 *
 * <p>Called on the run's thread; implementations need not be thread-safe, but the state they read
 * must belong to that run (make it in the world supplier, not in a shared field).
 */
@FunctionalInterface
public interface SagaInvariant {

    void check(SagaTestHarness harness);
}
