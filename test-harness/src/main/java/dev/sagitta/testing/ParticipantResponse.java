package dev.sagitta.testing;

import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reply a scripted participant sends, after a delay. Immutable.
 *
 * @param delay   how long after the command arrives the reply is delivered (virtual time)
 * @param outcome success or failure
 * @param payload the reply body, encoded as JSON; null for none
 * @param reason  for failures, why
 * @param errorCode for failures, what kind ({@link dev.sagitta.dsl.ErrorCodes}); null for a business refusal
 */
public record ParticipantResponse(Duration delay, ReplyOutcome outcome, @Nullable Object payload,
        @Nullable String reason, @Nullable String errorCode) {

    public ParticipantResponse {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(outcome, "outcome");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    public static ParticipantResponse success(@Nullable Object payload) {
        return new ParticipantResponse(Duration.ZERO, ReplyOutcome.SUCCESS, payload, null, null);
    }

    public static ParticipantResponse failure(String reason) {
        return new ParticipantResponse(Duration.ZERO, ReplyOutcome.FAILURE, null, reason, null);
    }

    /** The same reply, delivered {@code delay} later. */
    public ParticipantResponse after(Duration later) {
        return new ParticipantResponse(later, outcome, payload, reason, errorCode);
    }
}
