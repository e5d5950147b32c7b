package dev.sagitta.engine.spi;

/** What a participant answers to a command. */
public enum ReplyOutcome {
    /** The command was carried out. */
    SUCCESS,
    /** The command was refused for a business reason; the step fails and the saga compensates. */
    FAILURE
}
