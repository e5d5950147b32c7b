/**
 * The jOOQ store and its per-database strategies. No compatibility promise: use
 * {@link dev.sagitta.persistence.SagaDatabase}.
 */
@NullMarked
package dev.sagitta.persistence.internal;

import org.jspecify.annotations.NullMarked;
