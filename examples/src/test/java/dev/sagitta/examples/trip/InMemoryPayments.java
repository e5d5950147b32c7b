package dev.sagitta.examples.trip;

import dev.sagitta.dsl.StepFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@link Payments} held in memory, for tests: the card has a limit, and a charge above it is
 * declined; the gateway can be told to lose its answer after charging. Idempotent per saga id as {@link Payments} requires, with the same rules as {@link
 * PaymentLedger}: a second charge or refund changes nothing, a refund of a saga never charged changes
 * nothing, and a saga once refunded is not charged again.
 *
 * <p>Every charge and refund that moved money is kept in order in {@link #movements()}, so a test
 * can check what happened, and how often, after the engine ran the local step as many times as it
 * had to. Thread-safe.
 *
 * <pre>{@code
 * InMemoryPayments payments = InMemoryPayments.withCardLimit(2_000_00);
 * SagaDefinition<Trip> trip = TripSaga.definition(Duration.ofSeconds(5), payments);
 * }</pre>
 */
final class InMemoryPayments implements Payments {

    /** Money that moved: a charge ({@code amount > 0}) or a refund ({@code amount < 0}) for one saga. */
    record Movement(String sagaId, long amount) {

        boolean isCharge() {
            return amount > 0;
        }
    }

    private final long cardLimit;
    private final Map<String, Long> charged = new HashMap<>();
    private final Set<String> refunded = new HashSet<>();
    private final List<Movement> movements = new ArrayList<>();
    private final List<String> declined = new ArrayList<>();
    private boolean losesAnswers;

    private InMemoryPayments(long cardLimit) {
        this.cardLimit = cardLimit;
    }

    /** A card that declines any charge of more than {@code cents}. */
    static InMemoryPayments withCardLimit(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("the card limit is 0 or more cents, was " + cents);
        }
        return new InMemoryPayments(cents);
    }

    /**
     * From now on the gateway charges the card, then its answer is lost: {@link #charge} throws a
     * transient exception although the money moved, so the step's outcome is unknown.
     */
    synchronized InMemoryPayments loseEachAnswerAfterCharging() {
        losesAnswers = true;
        return this;
    }

    @Override
    public synchronized void charge(String sagaId, long amount) throws TimeoutException {
        Objects.requireNonNull(sagaId, "sagaId");
        if (amount > cardLimit) {
            declined.add(sagaId);
            throw new StepFailedException("card declined: " + amount + " cents is over the limit of " + cardLimit);
        }
        if (charged.putIfAbsent(sagaId, amount) == null) {
            movements.add(new Movement(sagaId, amount));
        }
        if (losesAnswers) {
            throw new TimeoutException("the payment gateway charged " + sagaId + " but its answer was lost");
        }
    }

    @Override
    public synchronized void refund(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId");
        Long amount = charged.get(sagaId);
        if (amount != null && refunded.add(sagaId)) {
            movements.add(new Movement(sagaId, -amount));
        }
    }

    /** Every charge and refund that moved money, in order. */
    synchronized List<Movement> movements() {
        return List.copyOf(movements);
    }

    /** The charges of this saga that moved money: at most one while the fake is idempotent. */
    synchronized List<Movement> chargesOf(String sagaId) {
        return movements.stream().filter(m -> m.sagaId().equals(sagaId) && m.isCharge()).toList();
    }

    /** The refunds of this saga that moved money: at most one while the fake is idempotent. */
    synchronized List<Movement> refundsOf(String sagaId) {
        return movements.stream().filter(m -> m.sagaId().equals(sagaId) && !m.isCharge()).toList();
    }

    /** What this saga has paid, all charges and refunds counted. */
    synchronized long balanceOf(String sagaId) {
        return movements.stream().filter(m -> m.sagaId().equals(sagaId)).mapToLong(Movement::amount).sum();
    }

    /** The sagas whose charge was declined, once per attempt. */
    synchronized List<String> declined() {
        return List.copyOf(declined);
    }
}
