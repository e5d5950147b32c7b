package dev.sagitta.engine;

import dev.sagitta.dsl.SagaDefinition;
import java.util.List;

/**
 * Hands an application's saga definitions to a process that builds the engine for it, such as the
 * standalone runner ({@code dev.sagitta.camel.runner.SagittaRunner}). Such a process finds every
 * provider on its classpath with {@link java.util.ServiceLoader} and registers every definition
 * they return.
 *
 * <p>To offer your sagas, implement this interface in a public class with a public no-argument
 * constructor and name that class, one per line, in a classpath resource
 * {@code META-INF/services/dev.sagitta.engine.SagaDefinitionProvider}:
 *
 * <pre>{@code
 * package com.example.trips;
 *
 * public final class TripSagas implements SagaDefinitionProvider {
 *     @Override
 *     public List<SagaDefinition<?>> definitions() {
 *         return List.of(TripSaga.DEFINITION, TripSaga.DEFINITION_V1);   // every version still in flight
 *     }
 * }
 *
 * // src/main/resources/META-INF/services/dev.sagitta.engine.SagaDefinitionProvider:
 * com.example.trips.TripSagas
 * }</pre>
 *
 * <p>Return every version of a saga that unfinished sagas in the database may still use (see
 * {@link SagaEngineBuilder#register}); the engine refuses to start otherwise. Providers may return
 * an empty list, but a process that runs the engine fails at start when all of them together return
 * none.
 *
 * <p>Thread-safety: {@link #definitions()} is called once per engine, from the thread that builds it,
 * so an implementation need not be thread-safe. The definitions it returns are shared by the engine's
 * threads; {@link SagaDefinition} is immutable, and so must be anything its steps capture.
 */
public interface SagaDefinitionProvider {

    /**
     * The definitions to register, in any order; never {@code null}. Called once, when the engine is
     * built; a provider that throws stops the process from starting, with its exception as the cause.
     */
    List<SagaDefinition<?>> definitions();
}
