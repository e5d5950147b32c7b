package dev.sagitta.testing;

import dev.sagitta.engine.spi.CommandMessage;
import java.time.Instant;
import java.util.List;

/**
 * One command as a {@link ScriptedParticipant} received it, and what it did with it. Immutable.
 *
 * @param command   the command
 * @param handling  what the participant did
 * @param replies   the replies it sent
 * @param at        when it arrived (virtual time)
 */
public record Delivery(CommandMessage command, Handling handling, List<ParticipantResponse> replies, Instant at) {

    public Delivery {
        replies = List.copyOf(replies);
    }

    /** What a participant did with a command. */
    public enum Handling {
        /** It took effect. */
        APPLIED,
        /** It was refused with a failure reply; nothing changed. */
        REFUSED,
        /** It was not answered and nothing changed. */
        UNANSWERED,
        /** Its operation had already taken effect: answered as before, nothing changed. */
        DUPLICATE,
        /** A forward command after its compensation: refused, nothing changed. */
        LATE_AFTER_COMPENSATION
    }

    /** Whether this delivery changed the participant's state. */
    public boolean tookEffect() {
        return handling == Handling.APPLIED;
    }
}
