/**
 * The contract suites for {@link dev.sagitta.engine.spi.SagaStore} implementations (extend
 * {@link dev.sagitta.testing.store.SagaStoreContract} and supply an empty store) and for
 * {@link dev.sagitta.engine.spi.DeadLetterStore} implementations (implement
 * {@link dev.sagitta.testing.store.DeadLetterStoreContract} and supply an empty store).
 */
@NullMarked
package dev.sagitta.testing.store;

import org.jspecify.annotations.NullMarked;
