package dev.sagitta.camel.internal;

import dev.sagitta.camel.CamelMessageMapper;
import dev.sagitta.camel.CommandHandler;
import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.camel.MalformedMessageException;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.ReplyMessage;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's side of one command: decodes it, asks the {@link CommandHandler}, and sends the
 * reply to the command's reply-to endpoint. The command's exchange finishes only once the reply
 * endpoint has accepted the reply, so a broker acknowledges the command only when its answer is on
 * its way.
 *
 * <p>A command that can never be answered (failing the {@link PoisonChecks}, undecodable, without a
 * reply-to header, or of a type the participant does not handle) goes to the {@link DeadLetterWriter}:
 * failing the exchange would only make a broker redeliver it forever.
 *
 * <p>Thread-safe if the handler is.
 */
public final class CommandAnswerer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandAnswerer.class);

    private final String participant;
    private final CommandHandler handler;
    private final IdGenerator ids;
    private final Clock clock;
    private final EndpointProducers replies;
    private final DeadLetterWriter deadLetters;
    private final Set<String> handledTypes;

    /** @param handledTypes the command types the handler takes; empty: every type */
    public CommandAnswerer(String participant, CommandHandler handler, IdGenerator ids, Clock clock,
            EndpointProducers replies, DeadLetterWriter deadLetters, Set<String> handledTypes) {
        this.participant = Arguments.requireText(participant, "participant");
        this.handler = Arguments.requireNonNull(handler, "handler");
        this.ids = Arguments.requireNonNull(ids, "ids");
        this.clock = Arguments.requireNonNull(clock, "clock");
        this.replies = Arguments.requireNonNull(replies, "replies");
        this.deadLetters = Arguments.requireNonNull(deadLetters, "deadLetters");
        this.handledTypes = Set.copyOf(handledTypes);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        PoisonChecks.Poison poison = PoisonChecks.check(message, deadLetters.policy().maxPayloadBytes());
        if (poison != null) {
            deadLetters.write(message, poison.kind(), poison.reason(), 1);
            return;
        }
        CommandMessage command;
        String replyTo;
        try {
            command = CamelMessageMapper.readCommand(message);
            replyTo = CamelMessageMapper.readReplyTo(message);
        } catch (MalformedMessageException e) {
            deadLetters.write(message, DeadLetterKind.MALFORMED, e.getMessage(), 1);
            return;
        }
        if (!handledTypes.isEmpty() && !handledTypes.contains(command.messageType())) {
            deadLetters.write(message, DeadLetterKind.UNKNOWN_TYPE, "participant " + participant + " handles "
                    + new TreeSet<>(handledTypes) + ", not " + command.messageType(), 1);
            return;
        }
        Optional<ReplyMessage> reply = answer(command).toReplyMessage(command, ids.newId(), clock.now());
        if (reply.isPresent()) {
            send(reply.get(), command, replyTo, message);
        }
    }

    private ParticipantReply answer(CommandMessage command) throws InterruptedException {
        try {
            ParticipantReply reply = handler.handle(command);
            if (reply == null) {
                throw new IllegalStateException("the CommandHandler returned null;"
                        + " return ParticipantReply.noReply() to send nothing back");
            }
            return reply;
        } catch (InterruptedException e) {
            // The participant is shutting down, not refusing the command: leave it unanswered (and,
            // on a broker, unacknowledged) rather than make the saga compensate.
            Thread.currentThread().interrupt();
            throw e;
        } catch (Exception e) {
            LOG.warn("Participant {} failed command {} ({}); answering with a failure",
                    participant, command.messageId(), command.idempotencyKey(), e);
            String code = ErrorCodes.of(e);
            return code == null ? ParticipantReply.failure(command.messageType() + ".failed", reasonFrom(e))
                    : ParticipantReply.failure(command.messageType() + ".failed", code, reasonFrom(e));
        }
    }

    private static String reasonFrom(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    private void send(ReplyMessage reply, CommandMessage command, String replyTo, Message message) throws Exception {
        try {
            Futures.await(replies.send(replyTo, target -> {
                CamelMessageMapper.writeReply(reply, command, target);
                PartitionKeyHeaders.keepOnlyWhatTheBrokerReads(replyTo, target);
            }));
        } catch (NoSuchEndpointException | ResolveEndpointFailedException unresolvable) {
            // No delivery of this command can ever be answered: failing the exchange would only have
            // the broker deliver it again, and the handler run again, for ever.
            deadLetters.write(message, DeadLetterKind.MALFORMED, "the reply-to endpoint " + replyTo
                    + " cannot be resolved: " + unresolvable.getMessage(), 1);
        }
    }
}
