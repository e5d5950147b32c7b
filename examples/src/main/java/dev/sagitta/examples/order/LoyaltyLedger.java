package dev.sagitta.examples.order;

/**
 * Where the order saga's local step awards loyalty points, and its compensation revokes them.
 *
 * <p>A local step may run more than once for the same saga (a retry, or another node taking over
 * after a lease expired), and so may its compensation; implementations must therefore be
 * thread-safe and idempotent per saga id:
 * <ul>
 *   <li>awarding twice for one saga awards once;</li>
 *   <li>revoking twice revokes once;</li>
 *   <li>revoking for a saga that awarded nothing changes no balance.</li>
 * </ul>
 *
 * <p>An exception thrown here counts as transient, and the engine retries the step (or its
 * compensation) by the step's retry policy.
 */
public interface LoyaltyLedger {

    /**
     * Adds {@code points} to {@code customer}'s balance for saga {@code sagaId}, unless this saga
     * already awarded them.
     *
     * @param points zero or more
     */
    void award(String sagaId, String customer, int points);

    /** Takes back what saga {@code sagaId} awarded to {@code customer}, if it awarded anything not yet revoked. */
    void revoke(String sagaId, String customer);

    /** The customer's current balance; 0 for a customer never awarded anything. */
    long pointsOf(String customer);
}
