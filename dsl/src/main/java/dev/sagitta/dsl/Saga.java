package dev.sagitta.dsl;

import java.util.Objects;

/**
 * Entry point of the DSL.
 *
 * <p>Thread-safe: it only creates builders. Each builder is for one thread.
 */
public final class Saga {

    private Saga() {
    }

    /**
     * Starts the definition of a saga.
     *
     * @param name      the saga type's name, unique within an engine (with its version)
     * @param dataType  the saga data type: a Jackson-serialisable record or class
     * @param <D>       the saga data type
     * @return a builder; version defaults to 1, no deadline
     */
    public static <D> SagaDefinitionBuilder<D> define(String name, Class<D> dataType) {
        Objects.requireNonNull(dataType, "dataType");
        return new SagaDefinitionBuilder<>(name, dataType);
    }
}
