package dev.sagitta.engine.spi;

import java.util.concurrent.CompletionStage;

/**
 * Carries commands to participants and their replies back to the engine.
 *
 * <p>Implementations must be thread-safe. {@link #send} may be called from several threads at once.
 */
public interface CommandTransport extends AutoCloseable {

    /** Starts consuming replies and hands each one to {@code replies}. Called once, before any send. */
    void start(ReplySink replies);

    /**
     * Sends a command. The stage completes when the transport has taken responsibility for it (for
     * a broker: it acknowledged the publish); the engine then forgets the outbox row. A failed
     * stage leaves the row in the outbox and it is sent again later.
     */
    CompletionStage<Void> send(CommandMessage command);

    /** Stops consuming and sending. */
    @Override
    void close();
}
