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

    /**
     * Hands a reply in, as {@link #accept} does, for a caller that blocks on the returned stage
     * anyway, such as a broker consumer thread that acknowledges the message only once it completes.
     * The engine may use the calling thread to apply and commit the reply's batch (and to send the
     * commands it produced) before returning, instead of waking a thread of its own and then the
     * caller: when replies arrive one at a time, that saves two thread hand-offs per reply. When the
     * engine's batches are all busy, the call may instead block until another batch has committed the
     * reply and then send the reply's commands on the calling thread, so that the commands of one
     * batch are sent side by side. The stage completes as {@link #accept}'s does; if the thread is
     * interrupted while it blocks, the call returns at once with the interrupt flag set, as a rule
     * before the stage completes. By default, {@link #accept}.
     */
    default CompletionStage<Void> acceptOnCallingThread(ReplyMessage reply) {
        return accept(reply);
    }
}
