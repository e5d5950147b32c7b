/**
 * Durable sagas for Camel routes that use the Saga EIP: {@link dev.sagitta.camel.saga.SagittaSagaService},
 * a {@code CamelSagaService} on Sagitta's engine and store, and the definition behind it,
 * {@link dev.sagitta.camel.saga.CamelRouteSagas}.
 */
@NullMarked
package dev.sagitta.camel.saga;

import org.jspecify.annotations.NullMarked;
