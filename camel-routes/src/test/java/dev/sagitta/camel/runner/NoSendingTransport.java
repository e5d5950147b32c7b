package dev.sagitta.camel.runner;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.ReplySink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The transport of an engine that only starts sagas: it refuses every send, so each command stays in
 * the outbox for another node's relay (the runner's). Stateless.
 */
final class NoSendingTransport implements CommandTransport {

    @Override
    public void start(ReplySink replies) {
        throw new UnsupportedOperationException("this engine only starts sagas; do not start it");
    }

    @Override
    public CompletionStage<Void> send(CommandMessage command) {
        return CompletableFuture.failedFuture(new IllegalStateException("left to the runner's relay"));
    }

    @Override
    public void close() {
    }
}
