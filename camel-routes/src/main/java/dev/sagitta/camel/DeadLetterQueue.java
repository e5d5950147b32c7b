package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.camel.internal.DeadLetterWriter;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with dead letters: list and inspect them, retry them (each goes back to the
 * endpoint it was consumed from, with its original Sagitta headers and payload and the header
 * {@value #RETRY_HEADER} naming the letter), or discard them, one at a time or in bulk by filter;
 * and purge those older than the retention.
 *
 * <p>A retried message is processed like any other: the engine's inbox (and a participant's) drops
 * a duplicate, so a letter retried twice, or from two nodes at once, still takes effect once. If it
 * still cannot be processed, it comes back as a new dead letter.
 *
 * <p>Thread-safe. Create it on the Camel context the consumers run in, with the store their
 * {@link DeadLetterPolicy} writes to.
 */
public final class DeadLetterQueue {

    /** Default retention of dead letters, whatever their status: 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /** Header on a retried message: the id of the dead letter it came from. */
    public static final String RETRY_HEADER = DeadLetterWriter.RETRY_OF_HEADER;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

    private final DeadLetterStore store;
    private final CamelContext camel;
    private final Clock clock;

    public DeadLetterQueue(DeadLetterStore store, CamelContext camel, Clock clock) {
        this.store = Arguments.requireNonNull(store, "store");
        this.camel = Arguments.requireNonNull(camel, "camel");
        this.clock = Arguments.requireNonNull(clock, "clock");
    }

    /** Up to {@code limit} letters that match {@code filter}, oldest first. */
    public List<DeadLetter> list(DeadLetterFilter filter, int limit) {
        return store.list(Arguments.requireNonNull(filter, "filter"), requireLimit(limit));
    }

    /** One letter, whole: reason, headers, payload, attempts and status. */
    public Optional<DeadLetter> inspect(String id) {
        return store.find(Arguments.requireText(id, "id"));
    }

    /**
     * Sends a pending letter back to its source and marks it RETRIED by {@code operator}. Returns
     * false if there is no such letter or it is no longer pending.
     *
     * @throws org.apache.camel.CamelExecutionException if the source endpoint refused the message;
     *         the letter then stays pending
     */
    public boolean retry(String id, String operator) {
        Arguments.requireText(operator, "operator");
        Optional<DeadLetter> found = inspect(id);
        if (found.isEmpty() || found.get().status() != DeadLetterStatus.PENDING) {
            return false;
        }
        DeadLetter letter = found.get();
        // Sent before it is marked: a crash in between leaves it pending and sent, and the consumer's
        // dedup absorbs the second send; the other order could lose it.
        resend(letter);
        boolean settled = store.settle(letter.id(), DeadLetterStatus.RETRIED, operator, clock.now());
        LOG.info("Dead letter {} retried by {} to {}{}", letter.id(), operator, letter.source(),
                settled ? "" : " (someone settled it meanwhile)");
        return settled;
    }

    /** Marks a pending letter DISCARDED by {@code operator}; false if it is missing or not pending. */
    public boolean discard(String id, String operator) {
        Arguments.requireText(operator, "operator");
        boolean settled = store.settle(Arguments.requireText(id, "id"), DeadLetterStatus.DISCARDED, operator,
                clock.now());
        if (settled) {
            LOG.info("Dead letter {} discarded by {}", id, operator);
        }
        return settled;
    }

    /** Retries up to {@code limit} pending letters that match {@code filter}; returns how many. */
    public int retryAll(DeadLetterFilter filter, String operator, int limit) {
        int retried = 0;
        for (DeadLetter letter : pending(filter, limit)) {
            if (retry(letter.id(), operator)) {
                retried++;
            }
        }
        return retried;
    }

    /** Discards up to {@code limit} pending letters that match {@code filter}; returns how many. */
    public int discardAll(DeadLetterFilter filter, String operator, int limit) {
        int discarded = 0;
        for (DeadLetter letter : pending(filter, limit)) {
            if (discard(letter.id(), operator)) {
                discarded++;
            }
        }
        return discarded;
    }

    /** Deletes letters dead-lettered more than {@code retention} ago, whatever their status; returns how many. */
    public int purgeOlderThan(Duration retention) {
        Arguments.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        return store.purgeCreatedBefore(clock.now().minus(retention));
    }

    private List<DeadLetter> pending(DeadLetterFilter filter, int limit) {
        return store.list(Arguments.requireNonNull(filter, "filter").withStatus(DeadLetterStatus.PENDING),
                requireLimit(limit));
    }

    private void resend(DeadLetter letter) {
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            Exchange sent = producer.send(letter.source(), exchange -> {
                letter.headers().forEach((name, value) -> {
                    if (isSagittaHeader(name)) {
                        exchange.getMessage().setHeader(name, value);
                    }
                });
                exchange.getMessage().setHeader(RETRY_HEADER, letter.id());
                exchange.getMessage().setBody(letter.payload());
            });
            if (sent.getException() != null) {
                throw new CamelExecutionException("could not send dead letter " + letter.id() + " back to "
                        + letter.source(), sent, sent.getException());
            }
        } finally {
            stopQuietly(producer);
        }
    }

    /**
     * The headers a retry restores: Sagitta's own and the partition keys. Broker headers of the first
     * delivery (offsets, delivery tags, exchange overrides) would misroute the new one.
     */
    private static boolean isSagittaHeader(String name) {
        return name.startsWith("ce_") || (name.startsWith("sagitta_") && !name.startsWith("sagitta_deadletter_"))
                || name.equals(SagittaHeaders.KAFKA_KEY) || name.equals(SagittaHeaders.RABBITMQ_ROUTING_KEY);
    }

    private static void stopQuietly(ProducerTemplate producer) {
        try {
            producer.stop();
        } catch (RuntimeException e) {
            LOG.debug("Could not stop a producer template", e);
        }
    }

    private static int requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return limit;
    }
}
