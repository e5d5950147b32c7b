package dev.sagitta.engine.spi;

/** A scheduled task that may be called off before it runs. Implementations are thread-safe. */
@FunctionalInterface
public interface Cancellable {

    /** Calls the task off; does nothing if it already ran or was cancelled. */
    void cancel();
}
