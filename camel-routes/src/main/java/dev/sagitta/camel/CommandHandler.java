package dev.sagitta.camel;

import dev.sagitta.engine.spi.CommandMessage;

/**
 * A participant's business logic for the commands a {@link ParticipantRoute} receives.
 *
 * <p>Delivery is at least once: the same command may arrive more than once (the engine resends it
 * after a crash or timeout, a broker redelivers it), so a handler must be idempotent on
 * {@link CommandMessage#idempotencyKey()}, answering a repeat with the same reply without doing the
 * work twice. It must also tolerate a compensation for something that never happened, and refuse a
 * forward command that arrives after its compensation.
 *
 * <p>An exception thrown by the handler becomes a failure reply of type
 * {@code <command type>.failed} whose reason is the exception's message, and the saga then
 * compensates; so throw only when the command cannot succeed.
 *
 * <p>Implementations must be thread-safe when the command endpoint has several consumers.
 *
 * <pre>{@code
 * CommandHandler hotel = command -> command.compensation()
 *         ? ParticipantReply.success("trip.hotel.cancelled", null)
 *         : ParticipantReply.success("trip.hotel.reserved", "{\"bookingId\":\"B-17\"}");
 * }</pre>
 */
@FunctionalInterface
public interface CommandHandler {

    /** Carries out {@code command} and says what to answer. Never returns {@code null}. */
    ParticipantReply handle(CommandMessage command) throws Exception;
}
