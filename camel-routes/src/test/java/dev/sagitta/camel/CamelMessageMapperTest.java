package dev.sagitta.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CamelMessageMapperTest {

    private static final Instant REPLIED_AT = Instant.parse("2025-03-14T09:27:01.002Z");

    private static CamelContext context;

    @BeforeAll
    static void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stopContext() {
        context.stop();
    }

    private static Message message() {
        return new DefaultMessage(context);
    }

    @Test
    void commandRoundTripsWithEveryField() {
        CommandMessage command = Messages.fullCommand();
        Message message = message();

        CamelMessageMapper.writeCommand(command, "seda:sagitta.replies", message);

        assertThat(CamelMessageMapper.readCommand(message)).isEqualTo(command);
        assertThat(CamelMessageMapper.readReplyTo(message)).isEqualTo("seda:sagitta.replies");
        assertThat(message.getBody()).isEqualTo("{\"bookingId\":\"B-17\"}");
        assertThat(message.getHeaders()).containsAllEntriesOf(Map.ofEntries(
                Map.entry(SagittaHeaders.SPEC_VERSION_HEADER, "1.0"),
                Map.entry(SagittaHeaders.ID, "cmd-1"),
                Map.entry(SagittaHeaders.TYPE, "trip.hotel.cancel"),
                Map.entry(SagittaHeaders.SOURCE, "trip-booking"),
                Map.entry(SagittaHeaders.TIME, "2025-03-14T09:26:53.589Z"),
                Map.entry(SagittaHeaders.SAGA_ID, "saga-7"),
                Map.entry(SagittaHeaders.STEP, "reserve-hotel"),
                Map.entry(SagittaHeaders.ATTEMPT, "3"),
                Map.entry(SagittaHeaders.COMPENSATION, "true"),
                Map.entry(SagittaHeaders.PARTICIPANT, "hotel-service"),
                Map.entry(SagittaHeaders.CORRELATION_ID, "order-42"),
                Map.entry(SagittaHeaders.TENANT_ID, "acme"),
                Map.entry(SagittaHeaders.REPLY_TO, "seda:sagitta.replies"),
                Map.entry(SagittaHeaders.IDEMPOTENCY_KEY, "saga-7:reserve-hotel:compensation")));
    }

    @Test
    void commandsAndRepliesAreKeyedBySagaIdForKafkaAndRabbitMq() {
        CommandMessage command = Messages.fullCommand();
        Message commandMessage = message();
        Message replyMessage = message();

        CamelMessageMapper.writeCommand(command, "seda:sagitta.replies", commandMessage);
        CamelMessageMapper.writeReply(ReplyMessage.success(command, "reply-1", "trip.hotel.cancelled", null,
                command.createdAt()), command, replyMessage);

        for (Message message : List.of(commandMessage, replyMessage)) {
            assertThat(message.getHeaders()).containsEntry(SagittaHeaders.KAFKA_KEY, "saga-7")
                    .containsEntry(SagittaHeaders.RABBITMQ_ROUTING_KEY, "saga-7");
        }
    }

    @Test
    void commandWithoutOptionalFieldsLeavesTheirHeadersOut() {
        CommandMessage command = Messages.bareCommand();
        Message message = message();

        CamelMessageMapper.writeCommand(command, "seda:sagitta.replies", message);

        assertThat(message.getHeaders())
                .doesNotContainKeys(SagittaHeaders.CORRELATION_ID, SagittaHeaders.TENANT_ID)
                .containsEntry(SagittaHeaders.COMPENSATION, "false");
        assertThat(CamelMessageMapper.readCommand(message)).isEqualTo(command);
    }

    @Test
    void writingReplacesSagittaHeadersLeftFromAnEarlierMessage() {
        Message message = message();
        CamelMessageMapper.writeCommand(Messages.fullCommand(), "seda:sagitta.replies", message);
        message.setHeader("unrelated", "kept");

        CamelMessageMapper.writeCommand(Messages.bareCommand(), "seda:sagitta.replies", message);

        assertThat(message.getHeaders())
                .doesNotContainKeys(SagittaHeaders.CORRELATION_ID, SagittaHeaders.TENANT_ID)
                .containsEntry("unrelated", "kept");
    }

    @Test
    void successReplyRoundTripsWithEveryField() {
        CommandMessage command = Messages.fullCommand();
        ReplyMessage reply = ReplyMessage.success(command, "reply-1", "trip.hotel.cancelled",
                "{\"refund\":120}", REPLIED_AT);
        Message message = message();

        CamelMessageMapper.writeReply(reply, command, message);

        assertThat(CamelMessageMapper.readReply(message)).isEqualTo(reply);
        assertThat(message.getBody()).isEqualTo("{\"refund\":120}");
        assertThat(message.getHeaders()).containsAllEntriesOf(Map.ofEntries(
                Map.entry(SagittaHeaders.ID, "reply-1"),
                Map.entry(SagittaHeaders.TYPE, "trip.hotel.cancelled"),
                Map.entry(SagittaHeaders.SOURCE, "trip-booking"),
                Map.entry(SagittaHeaders.TIME, "2025-03-14T09:27:01.002Z"),
                Map.entry(SagittaHeaders.SAGA_ID, "saga-7"),
                Map.entry(SagittaHeaders.STEP, "reserve-hotel"),
                Map.entry(SagittaHeaders.ATTEMPT, "3"),
                Map.entry(SagittaHeaders.COMPENSATION, "true"),
                Map.entry(SagittaHeaders.PARTICIPANT, "hotel-service"),
                Map.entry(SagittaHeaders.OUTCOME, "SUCCESS"),
                Map.entry(SagittaHeaders.CAUSATION_ID, "cmd-1"),
                Map.entry(SagittaHeaders.CORRELATION_ID, "order-42"),
                Map.entry(SagittaHeaders.TENANT_ID, "acme")));
        assertThat(message.getHeaders()).doesNotContainKeys(SagittaHeaders.FAILURE_REASON, SagittaHeaders.REPLY_TO);
    }

    @Test
    void failureReplyRoundTripsWithItsReason() {
        CommandMessage command = Messages.fullCommand();
        ReplyMessage reply = ReplyMessage.failure(command, "reply-2", "trip.hotel.rejected", "no rooms left",
                REPLIED_AT);
        Message message = message();

        CamelMessageMapper.writeReply(reply, command, message);

        assertThat(CamelMessageMapper.readReply(message)).isEqualTo(reply);
        assertThat(message.getBody()).isNull();
        assertThat(message.getHeaders())
                .containsEntry(SagittaHeaders.OUTCOME, "FAILURE")
                .containsEntry(SagittaHeaders.FAILURE_REASON, "no rooms left");
    }

    @Test
    void failureReplyRoundTripsWithItsErrorCode() {
        CommandMessage command = Messages.fullCommand();
        ReplyMessage reply = ReplyMessage.failure(command, "reply-2", "trip.hotel.failed", "unavailable",
                "hotel system down", REPLIED_AT);
        Message message = message();

        CamelMessageMapper.writeReply(reply, command, message);

        assertThat(message.getHeaders()).containsEntry(SagittaHeaders.ERROR_CODE, "unavailable");
        assertThat(CamelMessageMapper.readReply(message)).isEqualTo(reply);
    }

    @Test
    void replyWithoutOptionalFieldsLeavesTheirHeadersOut() {
        CommandMessage command = Messages.bareCommand();
        ReplyMessage reply = new ReplyMessage("reply-3", "trip.hotel.reserved", "saga-8", "reserve-hotel", 1, false,
                ReplyOutcome.SUCCESS, null, null, null, REPLIED_AT);
        Message message = message();

        CamelMessageMapper.writeReply(reply, command, message);

        assertThat(message.getBody()).isNull();
        assertThat(message.getHeaders()).doesNotContainKeys(SagittaHeaders.FAILURE_REASON, SagittaHeaders.ERROR_CODE,
                SagittaHeaders.CAUSATION_ID, SagittaHeaders.CORRELATION_ID, SagittaHeaders.TENANT_ID);
        assertThat(CamelMessageMapper.readReply(message)).isEqualTo(reply);
    }

    @Test
    void emptyReplyBodyReadsAsNoPayload() {
        Message message = replyMessage();
        message.setBody(new byte[0]);

        assertThat(CamelMessageMapper.readReply(message).payload()).isNull();
    }

    static Stream<Object> attemptTwo() {
        return Stream.of("2", " 2 ", 2, 2L, (short) 2, "2".getBytes(UTF_8));
    }

    @ParameterizedTest
    @MethodSource("attemptTwo")
    void attemptDecodesFromTextNumbersAndBytes(Object attempt) {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.ATTEMPT, attempt);

        assertThat(CamelMessageMapper.readReply(message).attempt()).isEqualTo(2);
    }

    @Test
    void headersAndBodyAsBytesDecodeLikeText() {
        CommandMessage command = Messages.fullCommand();
        Message message = message();
        CamelMessageMapper.writeCommand(command, "seda:sagitta.replies", message);
        // as a Kafka consumer hands them over
        message.getHeaders().replaceAll((name, value) -> value.toString().getBytes(UTF_8));
        message.setBody(message.getBody(String.class).getBytes(UTF_8));

        assertThat(CamelMessageMapper.readCommand(message)).isEqualTo(command);
        assertThat(CamelMessageMapper.readReplyTo(message)).isEqualTo("seda:sagitta.replies");
    }

    @Test
    void typedHeaderValuesDecodeToo() {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.COMPENSATION, Boolean.TRUE);
        message.setHeader(SagittaHeaders.TIME, REPLIED_AT);
        message.setHeader(SagittaHeaders.OUTCOME, "failure");

        ReplyMessage reply = CamelMessageMapper.readReply(message);

        assertThat(reply.compensation()).isTrue();
        assertThat(reply.createdAt()).isEqualTo(REPLIED_AT);
        assertThat(reply.outcome()).isEqualTo(ReplyOutcome.FAILURE);
    }

    @Test
    void timeWithAnOffsetDecodes() {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.TIME, "2025-03-14T10:27:01.002+01:00");

        assertThat(CamelMessageMapper.readReply(message).createdAt()).isEqualTo(REPLIED_AT);
    }

    @Test
    void missingRequiredHeaderIsNamed() {
        Message message = replyMessage();
        message.removeHeader(SagittaHeaders.SAGA_ID);

        assertThatThrownBy(() -> CamelMessageMapper.readReply(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("header sagitta_sagaid is missing");
    }

    @Test
    void blankRequiredHeaderCountsAsMissing() {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.STEP, " ");

        assertThatThrownBy(() -> CamelMessageMapper.readReply(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("header sagitta_step is missing");
    }

    @Test
    void attemptThatIsNotANumberIsRejected() {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.ATTEMPT, "two");

        assertThatThrownBy(() -> CamelMessageMapper.readReply(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("header sagitta_attempt is 'two', not a whole number");
    }

    @Test
    void attemptBelowOneIsRejected() {
        Message message = replyMessage();
        message.setHeader(SagittaHeaders.ATTEMPT, 0);

        assertThatThrownBy(() -> CamelMessageMapper.readReply(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("sagitta_attempt is 0, but attempts count from 1");
    }

    @Test
    void unreadableOutcomeCompensationAndTimeAreRejected() {
        Message badOutcome = replyMessage();
        badOutcome.setHeader(SagittaHeaders.OUTCOME, "MAYBE");
        Message badFlag = replyMessage();
        badFlag.setHeader(SagittaHeaders.COMPENSATION, "yes");
        Message badTime = replyMessage();
        badTime.setHeader(SagittaHeaders.TIME, "yesterday");

        assertThatThrownBy(() -> CamelMessageMapper.readReply(badOutcome))
                .hasMessage("header sagitta_outcome is 'MAYBE', expected SUCCESS or FAILURE");
        assertThatThrownBy(() -> CamelMessageMapper.readReply(badFlag))
                .hasMessage("header sagitta_compensation is 'yes', expected true or false");
        assertThatThrownBy(() -> CamelMessageMapper.readReply(badTime))
                .hasMessage("header ce_time is 'yesterday', not an ISO-8601 time");
    }

    @Test
    void commandWithoutBodyOrReplyToIsRejected() {
        Message message = message();
        CamelMessageMapper.writeCommand(Messages.fullCommand(), "seda:sagitta.replies", message);
        message.setBody(null);
        message.removeHeader(SagittaHeaders.REPLY_TO);

        assertThatThrownBy(() -> CamelMessageMapper.readCommand(message)).hasMessage("command has no body");
        assertThatThrownBy(() -> CamelMessageMapper.readReplyTo(message))
                .hasMessage("header sagitta_replyto is missing");
    }

    private static Message replyMessage() {
        CommandMessage command = Messages.fullCommand();
        Message message = message();
        CamelMessageMapper.writeReply(
                ReplyMessage.success(command, "reply-9", "trip.hotel.cancelled", "{}", REPLIED_AT), command, message);
        return message;
    }
}
