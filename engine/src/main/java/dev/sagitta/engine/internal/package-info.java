/**
 * The engine's internals: free to change between releases, with no compatibility promise.
 */
@NullMarked
package dev.sagitta.engine.internal;

import org.jspecify.annotations.NullMarked;
