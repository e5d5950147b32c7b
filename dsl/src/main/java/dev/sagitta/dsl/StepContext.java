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
     * A key that is the same every time this attempt runs (also when another node runs it after a
     * lease expired), and different for every other attempt: {@code sagaId:step:attempt}, with
     * {@code :compensation} appended for compensations.
     */
    default String idempotencyKey() {
        return sagaId() + ":" + stepName() + ":" + attempt() + (compensating() ? ":compensation" : "");
    }
}
