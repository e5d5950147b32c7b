package dev.sagitta.examples.trip;

import java.time.Duration;

/**
 * How a participant of the example behaves, to show compensation and timeouts. Immutable.
 *
 * @param refuses     refuses every forward command (a business failure)
 * @param answerDelay how long it takes before answering
 */
public record ParticipantBehaviour(boolean refuses, Duration answerDelay) {

    public static final ParticipantBehaviour NORMAL = new ParticipantBehaviour(false, Duration.ZERO);

    public static ParticipantBehaviour refusing() {
        return new ParticipantBehaviour(true, Duration.ZERO);
    }

    public static ParticipantBehaviour slow(Duration delay) {
        return new ParticipantBehaviour(false, delay);
    }
}
