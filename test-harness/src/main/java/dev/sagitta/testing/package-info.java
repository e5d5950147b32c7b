/**
 * What users put on their test classpath to test their own sagas: in-memory adapters for the
 * engine's SPI and, in {@code dev.sagitta.testing.store}, the contract every {@code SagaStore}
 * must pass.
 */
@NullMarked
package dev.sagitta.testing;

import org.jspecify.annotations.NullMarked;
