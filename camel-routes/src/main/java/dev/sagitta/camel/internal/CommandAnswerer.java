package dev.sagitta.camel.internal;

import dev.sagitta.camel.CamelMessageMapper;
import dev.sagitta.camel.CommandHandler;
import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.camel.MalformedMessageException;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.camel.SagittaHeaders;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.ReplyMessage;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's side of one command: decodes it, asks the {@link CommandHandler}, and sends the
 * reply to the command's reply-to endpoint. The command's exchange finishes only once the reply
 * endpoint has accepted the reply, so a broker acknowledges the command only when its answer is on
 * its way.
 *
 * <p>A command that cannot be decoded, or has no reply-to header, is logged at WARN and dropped: it
 * can never be answered, and failing the exchange would only make a broker redeliver it forever.
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

    public CommandAnswerer(String participant, CommandHandler handler, IdGenerator ids, Clock clock,
            EndpointProducers replies) {
        this.participant = Arguments.requireText(participant, "participant");
        this.handler = Arguments.requireNonNull(handler, "handler");
        this.ids = Arguments.requireNonNull(ids, "ids");
        this.clock = Arguments.requireNonNull(clock, "clock");
        this.replies = Arguments.requireNonNull(replies, "replies");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CommandMessage command;
        String replyTo;
        try {
            command = CamelMessageMapper.readCommand(message);
            replyTo = CamelMessageMapper.readReplyTo(message);
        } catch (MalformedMessageException e) {
            LOG.warn("Participant {} is dropping a command from {} that cannot be read: {} ({}={}, {}={})",
                    participant, exchange.getFromEndpoint(), e.getMessage(),
                    SagittaHeaders.ID, message.getHeader(SagittaHeaders.ID),
                    SagittaHeaders.SAGA_ID, message.getHeader(SagittaHeaders.SAGA_ID));
            return;
        }
        Optional<ReplyMessage> reply = answer(command).toReplyMessage(command, ids.newId(), clock.now());
        if (reply.isPresent()) {
            send(reply.get(), command, replyTo);
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

    private void send(ReplyMessage reply, CommandMessage command, String replyTo) throws Exception {
        Futures.await(replies.send(replyTo, target -> CamelMessageMapper.writeReply(reply, command, target)));
    }
}
