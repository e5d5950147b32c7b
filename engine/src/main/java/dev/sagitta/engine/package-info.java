/**
 * The engine's public API: build a {@link dev.sagitta.engine.SagaEngine}, register definitions,
 * start sagas and look them up.
 */
@NullMarked
package dev.sagitta.engine;

import org.jspecify.annotations.NullMarked;
