package dev.sagitta.camel.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Waiting for a stage on a Camel consumer thread. Stateless. */
final class Futures {

    private Futures() {
    }

    /**
     * Blocks until {@code stage} completes, and throws what it failed with (not wrapped), so that
     * Camel records the real cause on the exchange.
     *
     * @throws InterruptedException if the thread is interrupted meanwhile, as when its route stops;
     *                              the interrupt flag stays set
     */
    static void await(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof Exception exception ? exception : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
