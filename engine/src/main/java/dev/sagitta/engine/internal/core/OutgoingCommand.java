package dev.sagitta.engine.internal.core;

/** A command the transition wants sent once it commits. */
public record OutgoingCommand(String messageId, String step, int attempt, boolean compensation,
        String participant, String messageType, String payload) {
}
