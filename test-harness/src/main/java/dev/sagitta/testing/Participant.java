package dev.sagitta.testing;

import dev.sagitta.engine.spi.CommandMessage;
import java.util.List;

/**
 * A scripted participant: for each command, the replies it sends (none, one, or several for
 * duplicates). Implementations run on the harness's thread.
 */
@FunctionalInterface
public interface Participant {

    List<ParticipantResponse> respond(CommandMessage command);

    /** Answers every command with success and no payload. */
    static Participant alwaysSucceeds() {
        return command -> List.of(ParticipantResponse.success(null));
    }

    /** Never answers: commands time out. */
    static Participant silent() {
        return command -> List.of();
    }
}
