package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CommandHandler} answers: a success, a business failure, or nothing at all.
 *
 * <pre>{@code
 * return ParticipantReply.success("trip.hotel.reserved", "{\"bookingId\":\"B-17\"}");
 * return ParticipantReply.failure("trip.hotel.rejected", "no rooms left");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ParticipantReply {

    private static final ParticipantReply NO_REPLY = new ParticipantReply(null, null, null, null, null);

    private final @Nullable ReplyOutcome outcome;
    private final @Nullable String replyType;
    private final @Nullable String payload;
    private final @Nullable String failureReason;
    private final @Nullable String errorCode;

    private ParticipantReply(@Nullable ReplyOutcome outcome, @Nullable String replyType,
            @Nullable String payload, @Nullable String failureReason, @Nullable String errorCode) {
        this.outcome = outcome;
        this.replyType = replyType;
        this.payload = payload;
        this.failureReason = failureReason;
        this.errorCode = errorCode;
    }

    /**
     * The command was carried out.
     *
     * @param replyType   for example {@code trip.hotel.reserved}
     * @param jsonPayload the JSON body the saga maps into its data, or {@code null} for none
     */
    public static ParticipantReply success(String replyType, @Nullable String jsonPayload) {
        return new ParticipantReply(ReplyOutcome.SUCCESS, Arguments.requireText(replyType, "replyType"),
                jsonPayload, null, null);
    }

    /**
     * The command was refused for a business reason; the saga's step fails and it compensates.
     *
     * @param replyType for example {@code trip.hotel.rejected}
     * @param reason    why, in words an operator can act on
     */
    public static ParticipantReply failure(String replyType, String reason) {
        return new ParticipantReply(ReplyOutcome.FAILURE, Arguments.requireText(replyType, "replyType"),
                null, Arguments.requireText(reason, "reason"), null);
    }

    /**
     * The command failed in a way another attempt may get past, or not, as {@code errorCode} says
     * ({@link dev.sagitta.dsl.ErrorCodes}, for example {@code "unavailable"}): the step retries when
     * it retries on that code, and fails otherwise. {@link IdempotentCommandHandler} does not record
     * such a failure, so a retry runs the work again.
     *
     * @param replyType for example {@code trip.hotel.failed}
     * @param errorCode lower-case words joined by hyphens
     * @param reason    why, in words an operator can act on
     */
    public static ParticipantReply failure(String replyType, String errorCode, String reason) {
        try {
            ErrorCodes.requireCode(errorCode);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("errorCode: " + bad.getMessage(), bad);
        }
        return new ParticipantReply(ReplyOutcome.FAILURE, Arguments.requireText(replyType, "replyType"),
                null, Arguments.requireText(reason, "reason"), errorCode);
    }

    /**
     * Send nothing back, as a participant that crashed or lost the command would; the saga's step
     * then times out. Meant for tests.
     */
    public static ParticipantReply noReply() {
        return NO_REPLY;
    }

    /** Whether this is {@link #noReply()}. */
    public boolean isNoReply() {
        return outcome == null;
    }

    /** Success or failure; {@code null} for {@link #noReply()}. */
    public @Nullable ReplyOutcome outcome() {
        return outcome;
    }

    /** The reply's type; {@code null} for {@link #noReply()}. */
    public @Nullable String replyType() {
        return replyType;
    }

    /** The JSON body of a success, if it has one. */
    public @Nullable String payload() {
        return payload;
    }

    /** Why a failure failed; {@code null} otherwise. */
    public @Nullable String failureReason() {
        return failureReason;
    }

    /** What kind of failure; {@code null} for a success or a business refusal. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The reply message this answer makes for {@code command}; empty for {@link #noReply()}. */
    public Optional<ReplyMessage> toReplyMessage(CommandMessage command, String replyId, Instant createdAt) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(replyId, "replyId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (outcome == null || replyType == null) {
            return Optional.empty();
        }
        return Optional.of(outcome == ReplyOutcome.SUCCESS
                ? ReplyMessage.success(command, replyId, replyType, payload, createdAt)
                : ReplyMessage.failure(command, replyId, replyType, errorCode, Objects.requireNonNull(failureReason),
                        createdAt));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ParticipantReply that
                && outcome == that.outcome
                && Objects.equals(replyType, that.replyType)
                && Objects.equals(payload, that.payload)
                && Objects.equals(failureReason, that.failureReason)
                && Objects.equals(errorCode, that.errorCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, replyType, payload, failureReason, errorCode);
    }

    @Override
    public String toString() {
        if (outcome == null) {
            return "ParticipantReply[no reply]";
        }
        return outcome == ReplyOutcome.SUCCESS
                ? "ParticipantReply[SUCCESS " + replyType + (payload == null ? "" : " " + payload) + "]"
                : "ParticipantReply[FAILURE " + replyType + (errorCode == null ? "" : " [" + errorCode + "]") + ": "
                        + failureReason + "]";
    }
}
