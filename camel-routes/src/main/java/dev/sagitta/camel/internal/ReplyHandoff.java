package dev.sagitta.camel.internal;

import dev.sagitta.camel.CamelMessageMapper;
import dev.sagitta.camel.DeadLetterPolicy;
import dev.sagitta.camel.MalformedMessageException;
import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Decodes a reply exchange and hands it to the engine's {@link ReplySink}, finishing the exchange only
 * once the sink's stage has completed, that is once the engine committed the reply's transition (or
 * recognised it as a duplicate or late). A broker therefore acknowledges a reply only after it is
 * safe in the database.
 *
 * <p>The consumer thread waits for the stage rather than handing the exchange on asynchronously, so
 * each reply consumer has exactly one reply in flight. That bounds how many replies the engine holds
 * at once, keeps backpressure on the endpoint (a full {@code seda:} queue, unacknowledged broker
 * messages), and behaves the same on every component. Throughput comes from running several
 * consumers, whose replies the engine commits together. Since the thread waits anyway, it offers
 * itself to the engine ({@link ReplySink#acceptOnCallingThread}), which runs the reply's batch on it
 * when a batch slot is free (otherwise another thread's batch commits the reply), sends the commands
 * that follow on it (unless a saga's earlier send, still in progress on another thread, holds them
 * back to keep the saga's order), and only then returns: when replies arrive one at a time, a reply
 * costs no thread hand-off inside this JVM, and under load the consumers send their sagas' next
 * commands side by side, each waiting for its own publisher confirm.
 *
 * <p>A poison reply never blocks the consumer: one that can never succeed (too large, of another
 * CloudEvents version, not JSON, missing a header, naming a saga the store does not hold) is
 * dead-lettered at once, and one whose handling fails is tried again (a Resilience4j Retry, as the
 * {@link DeadLetterPolicy} says) and then dead-lettered, in both cases through the
 * {@link DeadLetterWriter}. If the dead letter cannot be kept either, or the policy keeps none and
 * handling failed, the exchange fails and the broker may redeliver: nothing is lost. Nor is a reply
 * that meets a closing engine dead-lettered: it stays unacknowledged for the next one.
 *
 * <p>Thread-safe: stateless apart from the sink and writer, which are themselves thread-safe.
 */
public final class ReplyHandoff implements Processor {

    private final ReplySink sink;
    private final DeadLetterWriter deadLetters;
    private final Retry retry;

    public ReplyHandoff(ReplySink sink, DeadLetterWriter deadLetters) {
        this.sink = Arguments.requireNonNull(sink, "sink");
        this.deadLetters = Arguments.requireNonNull(deadLetters, "deadLetters");
        DeadLetterPolicy policy = deadLetters.policy();
        // One Retry for every reply: it is thread-safe and keeps each call's attempts apart.
        this.retry = Retry.of("sagitta-reply", RetryConfig.custom()
                .maxAttempts(policy.handlingAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.firstRetryDelay(), 2.0))
                // None can succeed now: an unknown saga stays unknown; an interrupt or a closed engine means
                // this node stops, and the reply, unacknowledged, goes to the next engine.
                .retryOnException(e -> !(e instanceof UnknownSagaException) && !(e instanceof InterruptedException)
                        && !(e instanceof EngineClosedException))
                .build());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        PoisonChecks.Poison poison = PoisonChecks.check(message, deadLetters.policy().maxPayloadBytes());
        if (poison != null) {
            deadLetters.write(message, poison.kind(), poison.reason(), 1);
            return;
        }
        ReplyMessage reply;
        try {
            reply = CamelMessageMapper.readReply(message);
        } catch (MalformedMessageException e) {
            deadLetters.write(message, DeadLetterKind.MALFORMED, e.getMessage(), 1);
            return;
        }
        AtomicInteger attempts = new AtomicInteger();
        try {
            retry.executeCallable(() -> {
                attempts.incrementAndGet();
                // If the route stops while the engine has the reply, the interrupt fails the exchange and the
                // reply is not acknowledged; one committed on this thread has been, and is acknowledged.
                Futures.await(sink.acceptOnCallingThread(reply));
                return null;
            });
        } catch (UnknownSagaException e) {
            deadLetters.write(message, DeadLetterKind.UNKNOWN_SAGA, e.getMessage(), attempts.get());
        } catch (Exception e) {
            if (e instanceof InterruptedException || e instanceof EngineClosedException
                    || Thread.currentThread().isInterrupted() || !deadLetters.policy().keepsLetters()) {
                throw e;
            }
            deadLetters.write(message, DeadLetterKind.HANDLING_FAILED, describe(e), attempts.get());
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
