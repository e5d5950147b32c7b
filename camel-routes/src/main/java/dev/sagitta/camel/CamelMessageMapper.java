package dev.sagitta.camel;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import dev.sagitta.engine.spi.IsoInstants;
import dev.sagitta.camel.internal.MessageText;
import org.apache.camel.Message;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@link CommandMessage} and {@link ReplyMessage} to and from Camel messages: the JSON payload
 * is the body (a {@code String}), every other field is a header named in {@link SagittaHeaders}.
 *
 * <p>Writing sets every value as text and first removes any {@code ce_*} and {@code sagitta_*}
 * headers already on the target, so nothing from an earlier message leaks into this one. Optional
 * fields that are {@code null} are left out. Reading accepts header values as text, UTF-8 bytes,
 * numbers or booleans, and a body as text or UTF-8 bytes; an empty reply body reads as no payload.
 *
 * <p>Stateless and thread-safe. For example:
 *
 * <pre>{@code
 * CamelMessageMapper.writeCommand(command, "seda:sagitta.replies", exchange.getIn());
 * CommandMessage same = CamelMessageMapper.readCommand(exchange.getIn());
 * }</pre>
 */
public final class CamelMessageMapper {

    private CamelMessageMapper() {
    }

    /** Writes {@code command} onto {@code target}, with {@code replyTo} as the endpoint for its reply. */
    public static void writeCommand(CommandMessage command, String replyTo, Message target) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(target, "target");
        clearSagittaHeaders(target);
        target.setBody(command.payload());
        target.setHeader(SagittaHeaders.SPEC_VERSION_HEADER, SagittaHeaders.SPEC_VERSION);
        target.setHeader(SagittaHeaders.ID, command.messageId());
        target.setHeader(SagittaHeaders.TYPE, command.messageType());
        target.setHeader(SagittaHeaders.SOURCE, command.sagaType());
        target.setHeader(SagittaHeaders.TIME, IsoInstants.format(command.createdAt()));
        target.setHeader(SagittaHeaders.SAGA_ID, command.sagaId());
        target.setHeader(SagittaHeaders.STEP, command.step());
        target.setHeader(SagittaHeaders.ATTEMPT, Integer.toString(command.attempt()));
        target.setHeader(SagittaHeaders.COMPENSATION, Boolean.toString(command.compensation()));
        target.setHeader(SagittaHeaders.PARTICIPANT, command.participant());
        target.setHeader(SagittaHeaders.REPLY_TO, replyTo);
        target.setHeader(SagittaHeaders.IDEMPOTENCY_KEY, command.idempotencyKey());
        setIfPresent(target, SagittaHeaders.CORRELATION_ID, command.correlationId());
        setIfPresent(target, SagittaHeaders.TENANT_ID, command.tenantId());
        writePartitionKey(target, command.sagaId());
    }

    /**
     * Reads a command from {@code source}.
     *
     * @throws MalformedMessageException if a required header or the body is missing or unreadable
     */
    public static CommandMessage readCommand(Message source) {
        Objects.requireNonNull(source, "source");
        String payload = body(source);
        if (payload == null) {
            throw new MalformedMessageException("command has no body");
        }
        return new CommandMessage(
                required(source, SagittaHeaders.ID),
                required(source, SagittaHeaders.TYPE),
                required(source, SagittaHeaders.SAGA_ID),
                required(source, SagittaHeaders.SOURCE),
                required(source, SagittaHeaders.STEP),
                attempt(source),
                flag(source, SagittaHeaders.COMPENSATION),
                required(source, SagittaHeaders.PARTICIPANT),
                payload,
                optional(source, SagittaHeaders.CORRELATION_ID),
                optional(source, SagittaHeaders.TENANT_ID),
                time(source));
    }

    /**
     * The endpoint URI a command asks its reply to be sent to.
     *
     * @throws MalformedMessageException if the header is missing
     */
    public static String readReplyTo(Message source) {
        Objects.requireNonNull(source, "source");
        return required(source, SagittaHeaders.REPLY_TO);
    }

    /**
     * Writes {@code reply} onto {@code target}. The command it answers supplies the attributes a reply
     * carries for routing and tracing but {@link ReplyMessage} does not hold: saga type, participant,
     * correlation id and tenant.
     */
    public static void writeReply(ReplyMessage reply, CommandMessage command, Message target) {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(target, "target");
        clearSagittaHeaders(target);
        target.setBody(reply.payload());
        target.setHeader(SagittaHeaders.SPEC_VERSION_HEADER, SagittaHeaders.SPEC_VERSION);
        target.setHeader(SagittaHeaders.ID, reply.messageId());
        target.setHeader(SagittaHeaders.TYPE, reply.messageType());
        target.setHeader(SagittaHeaders.SOURCE, command.sagaType());
        target.setHeader(SagittaHeaders.TIME, IsoInstants.format(reply.createdAt()));
        target.setHeader(SagittaHeaders.SAGA_ID, reply.sagaId());
        target.setHeader(SagittaHeaders.STEP, reply.step());
        target.setHeader(SagittaHeaders.ATTEMPT, Integer.toString(reply.attempt()));
        target.setHeader(SagittaHeaders.COMPENSATION, Boolean.toString(reply.compensation()));
        target.setHeader(SagittaHeaders.PARTICIPANT, command.participant());
        target.setHeader(SagittaHeaders.OUTCOME, reply.outcome().name());
        setIfPresent(target, SagittaHeaders.FAILURE_REASON, reply.failureReason());
        setIfPresent(target, SagittaHeaders.ERROR_CODE, reply.errorCode());
        setIfPresent(target, SagittaHeaders.CAUSATION_ID, reply.causationId());
        setIfPresent(target, SagittaHeaders.CORRELATION_ID, command.correlationId());
        setIfPresent(target, SagittaHeaders.TENANT_ID, command.tenantId());
        writePartitionKey(target, reply.sagaId());
    }

    /**
     * Reads a reply from {@code source}.
     *
     * @throws MalformedMessageException if a required header is missing or unreadable
     */
    public static ReplyMessage readReply(Message source) {
        Objects.requireNonNull(source, "source");
        String payload = body(source);
        return new ReplyMessage(
                required(source, SagittaHeaders.ID),
                required(source, SagittaHeaders.TYPE),
                required(source, SagittaHeaders.SAGA_ID),
                required(source, SagittaHeaders.STEP),
                attempt(source),
                flag(source, SagittaHeaders.COMPENSATION),
                outcome(source),
                payload == null || payload.isEmpty() ? null : payload,
                optional(source, SagittaHeaders.FAILURE_REASON),
                optional(source, SagittaHeaders.ERROR_CODE),
                optional(source, SagittaHeaders.CAUSATION_ID),
                time(source));
    }

    /** The saga id as the broker's key, so every broker keeps one saga's messages in order. */
    private static void writePartitionKey(Message target, String sagaId) {
        target.setHeader(SagittaHeaders.KAFKA_KEY, sagaId);
        target.setHeader(SagittaHeaders.RABBITMQ_ROUTING_KEY, sagaId);
    }

    private static void clearSagittaHeaders(Message target) {
        target.removeHeaders("ce_*");
        target.removeHeaders("sagitta_*");
    }

    private static void setIfPresent(Message target, String header, @Nullable String value) {
        if (value != null) {
            target.setHeader(header, value);
        }
    }

    private static @Nullable String body(Message source) {
        return MessageText.bodyText(source);
    }

    private static @Nullable String optional(Message source, String header) {
        Object value = source.getHeader(header);
        return value == null ? null : MessageText.headerText(value);
    }

    private static String required(Message source, String header) {
        String value = optional(source, header);
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException("header " + header + " is missing");
        }
        return value;
    }

    private static int attempt(Message source) {
        Object raw = source.getHeader(SagittaHeaders.ATTEMPT);
        long attempt;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            attempt = ((Number) raw).longValue();
        } else {
            String text = required(source, SagittaHeaders.ATTEMPT).trim();
            try {
                attempt = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new MalformedMessageException(
                        "header " + SagittaHeaders.ATTEMPT + " is '" + text + "', not a whole number");
            }
        }
        if (attempt < 1 || attempt > Integer.MAX_VALUE) {
            throw new MalformedMessageException("header " + SagittaHeaders.ATTEMPT + " is " + attempt
                    + ", but attempts count from 1 up to " + Integer.MAX_VALUE);
        }
        return (int) attempt;
    }

    private static boolean flag(Message source, String header) {
        if (source.getHeader(header) instanceof Boolean value) {
            return value;
        }
        String text = required(source, header).trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new MalformedMessageException("header " + header + " is '" + text + "', expected true or false");
    }

    private static ReplyOutcome outcome(Message source) {
        String text = required(source, SagittaHeaders.OUTCOME).trim();
        try {
            return ReplyOutcome.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(
                    "header " + SagittaHeaders.OUTCOME + " is '" + text + "', expected SUCCESS or FAILURE");
        }
    }

    private static Instant time(Message source) {
        Object raw = source.getHeader(SagittaHeaders.TIME);
        if (raw instanceof Instant instant) {
            return instant;
        }
        if (raw instanceof Date date) {
            return date.toInstant();
        }
        String text = required(source, SagittaHeaders.TIME).trim();
        Instant written = IsoInstants.parseUtc(text);
        if (written != null) {
            return written;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            // Other producers may write a local offset (2025-01-31T11:15:30+01:00) rather than Z.
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new MalformedMessageException(
                        "header " + SagittaHeaders.TIME + " is '" + text + "', not an ISO-8601 time");
            }
        }
    }
}
