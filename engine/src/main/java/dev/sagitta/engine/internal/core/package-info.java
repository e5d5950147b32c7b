/**
 * The pure saga state machine: (definition, state, event, time) to (new state, history, commands,
 * local tasks, wake-up). No I/O, no clock, no threads; everything around it is the shell in
 * {@code dev.sagitta.engine.internal}.
 */
@NullMarked
package dev.sagitta.engine.internal.core;

import org.jspecify.annotations.NullMarked;
