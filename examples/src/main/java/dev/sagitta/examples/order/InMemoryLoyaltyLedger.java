package dev.sagitta.examples.order;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LoyaltyLedger} held in memory, for tests and demonstrations; nothing survives a restart.
 *
 * <p>Thread-safe: every method locks the ledger, so concurrent runs of the same step see one
 * another's effect. Idempotent per saga id as {@link LoyaltyLedger} requires, and one step
 * further: once a saga has revoked, a later award for it is ignored. That is what a slow award
 * attempt overtaken by the compensation looks like (the engine compensates a step whose outcome it
 * does not know), and applying it would leave points on a cancelled order.
 *
 * <p>{@link #awardsApplied} and {@link #revocationsApplied} count the effects that changed a
 * balance, so a test can check each happened at most once.
 *
 * <pre>{@code
 * InMemoryLoyaltyLedger loyalty = new InMemoryLoyaltyLedger();
 * SagaDefinition<Order> saga = OrderSaga.definition(Duration.ofSeconds(5), loyalty);
 * // ... run sagas ...
 * assertThat(loyalty.awardsApplied(sagaId)).isEqualTo(1);
 * }</pre>
 */
public final class InMemoryLoyaltyLedger implements LoyaltyLedger {

    /** What one saga did: awarded (and maybe later revoked), or revoked before any award. */
    private record Entry(String customer, int points, boolean revoked) {
    }

    private final Map<String, Entry> bySaga = new HashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Integer> awards = new HashMap<>();
    private final Map<String, Integer> revocations = new HashMap<>();

    /** An empty ledger: every balance is 0. */
    public InMemoryLoyaltyLedger() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code points} is negative, or this saga already
     *                                  awarded a different amount or to another customer (the step
     *                                  computes both from the saga data, so they cannot change
     *                                  between its runs unless the step is wrong)
     */
    @Override
    public synchronized void award(String sagaId, String customer, int points) {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(customer, "customer");
        if (points < 0) {
            throw new IllegalArgumentException("points must be 0 or more, was " + points);
        }
        Entry existing = bySaga.get(sagaId);
        if (existing != null) {
            if (!existing.revoked() && (!existing.customer().equals(customer) || existing.points() != points)) {
                throw new IllegalArgumentException("saga " + sagaId + " already awarded " + existing.points()
                        + " points to " + existing.customer() + ", not " + points + " to " + customer
                        + ": an award must be the same every time its step runs");
            }
            // Awarded already, or revoked already: either way there is nothing left to do.
            return;
        }
        bySaga.put(sagaId, new Entry(customer, points, false));
        balances.merge(customer, (long) points, Long::sum);
        awards.merge(sagaId, 1, Integer::sum);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A revocation before any award is remembered, so that award is ignored if it comes later.
     *
     * @throws IllegalArgumentException when this saga awarded its points to another customer
     */
    @Override
    public synchronized void revoke(String sagaId, String customer) {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(customer, "customer");
        Entry existing = bySaga.get(sagaId);
        if (existing == null) {
            bySaga.put(sagaId, new Entry(customer, 0, true));
            return;
        }
        if (!existing.customer().equals(customer)) {
            throw new IllegalArgumentException("saga " + sagaId + " awarded its points to " + existing.customer()
                    + ", not " + customer + ": revoke them from the customer they were awarded to");
        }
        if (existing.revoked()) {
            return;
        }
        bySaga.put(sagaId, new Entry(customer, existing.points(), true));
        balances.merge(customer, -(long) existing.points(), Long::sum);
        revocations.merge(sagaId, 1, Integer::sum);
    }

    @Override
    public synchronized long pointsOf(String customer) {
        Objects.requireNonNull(customer, "customer");
        return balances.getOrDefault(customer, 0L);
    }

    /** How many awards for this saga changed a balance: 0 or 1 while the ledger is idempotent. */
    public synchronized int awardsApplied(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId");
        return awards.getOrDefault(sagaId, 0);
    }

    /** How many revocations for this saga changed a balance: 0 or 1 while the ledger is idempotent. */
    public synchronized int revocationsApplied(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId");
        return revocations.getOrDefault(sagaId, 0);
    }
}
