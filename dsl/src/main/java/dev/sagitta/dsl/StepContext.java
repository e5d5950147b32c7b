package dev.sagitta.dsl;

/**
 * What a local step knows about the attempt it is running.
 *
 * <p>Implementations are immutable values supplied by the engine.
 */
public interface StepContext {

    String sagaId();

    String stepName();

    /** 1-based attempt number. */
    int attempt();

    /** {@code true} when this run is the step's compensation. */
    boolean compensating();

    /**
     * A key that is the same every time this step runs (every attempt, and again when another node
     * runs it after a lease expired): {@code sagaId:step}, with {@code :compensation} appended for
     * compensations. Record it with the step's effect to apply the effect once.
     */
    default String idempotencyKey() {
        return sagaId() + ":" + stepName() + (compensating() ? ":compensation" : "");
    }
}
