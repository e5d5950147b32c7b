package dev.sagitta.engine.spi;

import dev.sagitta.dsl.ErrorCodes;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A participant's answer to a {@link CommandMessage}.
 *
 * <p>Immutable. The engine applies a reply at most once: it records {@link #messageId()} in the same
 * transaction, and ignores a reply for an attempt, step or saga that is no longer waiting for it.
 *
 * @param messageId     unique id of this reply
 * @param messageType   for example {@code trip.hotel.reserved}
 * @param sagaId        copied from the command
 * @param step          copied from the command
 * @param attempt       copied from the command
 * @param compensation  copied from the command
 * @param outcome       success or business failure
 * @param payload       the JSON body; {@code null} when there is none
 * @param failureReason why it failed, for failures
 * @param errorCode     what kind of failure it was ({@link ErrorCodes}), which decides
 *                      whether the step retries; null for a success, or a business refusal
 * @param causationId   the command's message id
 * @param createdAt     when the participant made it
 */
public record ReplyMessage(
        String messageId,
        String messageType,
        String sagaId,
        String step,
        int attempt,
        boolean compensation,
        ReplyOutcome outcome,
        @Nullable String payload,
        @Nullable String failureReason,
        @Nullable String errorCode,
        @Nullable String causationId,
        Instant createdAt) {

    public ReplyMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A reply without an error code. */
    public ReplyMessage(String messageId, String messageType, String sagaId, String step, int attempt,
            boolean compensation, ReplyOutcome outcome, @Nullable String payload, @Nullable String failureReason,
            @Nullable String causationId, Instant createdAt) {
        this(messageId, messageType, sagaId, step, attempt, compensation, outcome, payload, failureReason, null,
                causationId, createdAt);
    }

    /** A success reply to {@code command}. */
    public static ReplyMessage success(CommandMessage command, String replyId, String replyType,
            @Nullable String payload, Instant at) {
        return new ReplyMessage(replyId, replyType, command.sagaId(), command.step(), command.attempt(),
                command.compensation(), ReplyOutcome.SUCCESS, payload, null, command.messageId(), at);
    }

    /** A business refusal of {@code command}: the step fails without retrying. */
    public static ReplyMessage failure(CommandMessage command, String replyId, String replyType,
            String reason, Instant at) {
        return failure(command, replyId, replyType, null, reason, at);
    }

    /** A failure reply to {@code command} with an error code, null for a business refusal. */
    public static ReplyMessage failure(CommandMessage command, String replyId, String replyType,
            @Nullable String errorCode, String reason, Instant at) {
        return new ReplyMessage(replyId, replyType, command.sagaId(), command.step(), command.attempt(),
                command.compensation(), ReplyOutcome.FAILURE, null, reason, errorCode, command.messageId(), at);
    }
}
