/**
 * What adapters implement: the store, the transport, time, ids, execution and payload encoding.
 * The engine reaches the outside world only through these types, which is what lets the test
 * harness run a saga on one thread with a virtual clock. {@link dev.sagitta.engine.spi.IsoInstants}
 * is a helper for adapters: the one text form of an instant that stores and transports share.
 */
@NullMarked
package dev.sagitta.engine.spi;

import org.jspecify.annotations.NullMarked;
