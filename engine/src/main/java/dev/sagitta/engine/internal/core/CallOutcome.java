package dev.sagitta.engine.internal.core;

/**
 * How one call to a participant went, as its circuit breaker counts it: a reply is a success
 * (a refusal too: the participant answered), a timeout or a failure that says the participant is
 * unwell is a failure.
 *
 * @param participant who was called
 * @param succeeded   whether it counts as a success
 */
public record CallOutcome(String participant, boolean succeeded) {
}
