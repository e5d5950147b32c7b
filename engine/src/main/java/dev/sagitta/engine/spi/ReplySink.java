package dev.sagitta.engine.spi;

import java.util.concurrent.CompletionStage;

/**
 * The engine's side of a transport: where replies go in.
 *
 * <p>Thread-safe. The returned stage completes once the reply's transition has committed (or the
 * reply was recognised as a duplicate or late); a transport should acknowledge the broker message
 * only then. It completes with {@link dev.sagitta.engine.UnknownSagaException} if the reply names a
 * saga the store does not hold: redelivering it cannot help, so a transport should dead-letter it.
 */
@FunctionalInterface
public interface ReplySink {

    CompletionStage<Void> accept(ReplyMessage reply);
}
