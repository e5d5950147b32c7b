/**
 * The standalone runner: {@link dev.sagitta.camel.runner.SagittaRunner} runs the engine side of
 * Sagitta (outbox relay, reply consumers, engine workers) as a process of its own on camel-main,
 * with the sagas the application offers through {@link dev.sagitta.engine.SagaDefinitionProvider}
 * and the Camel routes camel-main discovers. Everything here but the runner itself is internal.
 */
@NullMarked
package dev.sagitta.camel.runner;

import org.jspecify.annotations.NullMarked;
