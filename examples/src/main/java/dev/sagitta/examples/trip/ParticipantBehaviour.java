package dev.sagitta.examples.trip;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * How a participant of the example behaves, to show compensation and timeouts. Immutable.
 *
 * <p>Refusals and slowness may hit only a share of the sagas: one in {@code n}, picked from the saga
 * id, so a saga is picked again when the example is restarted.
 *
 * @param refuseOneIn refuses the forward commands of one saga in this many (a business failure):
 *                    1 refuses every saga, 0 none
 * @param slowOneIn   answers the commands of one saga in this many slowly: 1 every saga, 0 none
 * @param answerDelay how long a slow answer takes
 */
public record ParticipantBehaviour(int refuseOneIn, int slowOneIn, Duration answerDelay) {

    public static final ParticipantBehaviour NORMAL = new ParticipantBehaviour(0, 0, Duration.ZERO);

    public ParticipantBehaviour {
        if (refuseOneIn < 0) {
            throw new IllegalArgumentException("refuseOneIn must be 0 or more, was " + refuseOneIn);
        }
        if (slowOneIn < 0) {
            throw new IllegalArgumentException("slowOneIn must be 0 or more, was " + slowOneIn);
        }
        if (answerDelay.isNegative()) {
            throw new IllegalArgumentException("answerDelay must not be negative, was " + answerDelay);
        }
    }

    public static ParticipantBehaviour refusing() {
        return new ParticipantBehaviour(1, 0, Duration.ZERO);
    }

    public static ParticipantBehaviour slow(Duration delay) {
        return new ParticipantBehaviour(0, 1, delay);
    }

    /** Whether it refuses this saga's forward commands. */
    public boolean refuses(String sagaId) {
        return picks(refuseOneIn, "refuse", sagaId);
    }

    /** How long it takes to answer this saga's commands. */
    public Duration delayFor(String sagaId) {
        return picks(slowOneIn, "slow", sagaId) ? answerDelay : Duration.ZERO;
    }

    private static boolean picks(int oneIn, String what, String sagaId) {
        if (oneIn <= 1) {
            return oneIn == 1;
        }
        // A name-based UUID mixes well, so the sagas picked for refusals and for slowness are
        // independent even when the two shares have a common factor.
        UUID mixed = UUID.nameUUIDFromBytes((what + ':' + sagaId).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(mixed.getLeastSignificantBits(), oneIn) == 0;
    }
}
