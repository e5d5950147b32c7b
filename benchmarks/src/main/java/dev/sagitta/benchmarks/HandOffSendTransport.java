package dev.sagitta.benchmarks;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.ReplySink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport that hands every send to a thread pool of its own and returns at once, for
 * {@code --send-threads}: it shows what the engine would gain if sending did not hold up the thread
 * that committed.
 *
 * <p>Why: the engine sends a batch's commands on the thread that committed the batch, right after
 * the commit; when that thread is a reply consumer that committed its own reply, it acknowledges the
 * reply only after those sends. camel-spring-rabbitmq's producer waits for the publisher confirm on
 * the calling thread, so one committing thread sends its commands one confirm after another.
 * Sending from a pool lets confirms overlap.
 *
 * <p>Thread-safe, as the transport it wraps.
 */
final class HandOffSendTransport implements CommandTransport {

    private final CommandTransport transport;
    private final ExecutorService senders;

    HandOffSendTransport(CommandTransport transport, int threads) {
        this.transport = transport;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "bench-sender-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(ReplySink replies) {
        transport.start(replies);
    }

    @Override
    public CompletionStage<Void> send(CommandMessage command) {
        return CompletableFuture.supplyAsync(() -> transport.send(command), senders).thenCompose(sent -> sent);
    }

    @Override
    public void close() {
        transport.close();
        senders.shutdownNow();
    }
}
