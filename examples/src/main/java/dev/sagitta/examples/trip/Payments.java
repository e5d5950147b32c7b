package dev.sagitta.examples.trip;

/**
 * Where the trip saga's local payment step charges the traveller, and its compensation refunds.
 *
 * <p>A local step may run more than once for the same saga (a retry, or another node taking over
 * after a lease expired), and so may its compensation; implementations must therefore be
 * thread-safe and idempotent per saga id:
 * <ul>
 *   <li>charging twice for one saga charges once;</li>
 *   <li>refunding twice refunds once;</li>
 *   <li>refunding a saga that was never charged changes nothing.</li>
 * </ul>
 *
 * <p>A declined card is a business failure: {@link #charge} throws {@link
 * dev.sagitta.dsl.StepFailedException}, and the saga compensates. Any other exception counts as
 * transient, and the engine retries the step (or its compensation) by the step's retry policy.
 *
 * <pre>{@code
 * Payments payments = new PaymentLedger(dataSource, ParticipantBehaviour.NORMAL);
 * SagaDefinition<Trip> trip = TripSaga.definition(Duration.ofSeconds(5), payments);
 * }</pre>
 */
public interface Payments {

    /**
     * Charges {@code amount} cents for saga {@code sagaId}, unless this saga was already charged.
     *
     * @throws dev.sagitta.dsl.StepFailedException when the card is declined
     * @throws Exception                           when the charge could not be made now (transient)
     */
    void charge(String sagaId, long amount) throws Exception;

    /**
     * Refunds what saga {@code sagaId} was charged, if it was charged and not yet refunded.
     *
     * @throws Exception when the refund could not be made now (transient)
     */
    void refund(String sagaId) throws Exception;
}
