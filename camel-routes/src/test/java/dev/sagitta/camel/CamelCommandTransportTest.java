package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.internal.CommandAnswerer;
import dev.sagitta.camel.internal.DeadLetterWriter;
import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.StepFailedException;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CamelCommandTransportTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:30:00Z");

    private CamelCommandTransport transport;

    @BeforeAll
    static void awaitBriefly() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private CamelCommandTransport start(CamelCommandTransport.Builder builder, RecordingSink sink) {
        transport = builder.build();
        QuickSeda.stopQuickly(transport.camelContext());
        transport.start(sink);
        return transport;
    }

    private void addParticipant(String participant, CommandHandler handler) throws Exception {
        transport.camelContext().addRoutes(ParticipantRoute.builder(participant, handler)
                .commandEndpoint(transport.commandEndpoint(participant))
                .idGenerator(() -> "reply-to-" + participant)
                .clock(new FixedClock(NOW))
                .build());
    }

    @Test
    void commandTravelsToTheParticipantAndItsReplyReachesTheSink() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder(), sink);
        List<CommandMessage> received = new CopyOnWriteArrayList<>();
        addParticipant("hotel-service", command -> {
            received.add(command);
            return ParticipantReply.success("trip.hotel.reserved", "{\"bookingId\":\"B-17\"}");
        });
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");

        transport.send(command).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().until(() -> sink.replies().size() == 1);
        assertThat(received).containsExactly(command);
        assertThat(sink.replies()).containsExactly(new ReplyMessage("reply-to-hotel-service", "trip.hotel.reserved",
                command.sagaId(), "reserve-hotel", 1, false, ReplyOutcome.SUCCESS, "{\"bookingId\":\"B-17\"}",
                null, command.messageId(), NOW));
    }

    @Test
    void handlerExceptionBecomesAFailureReply() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder(), sink);
        addParticipant("hotel-service", command -> {
            throw new IllegalStateException("no rooms left");
        });
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");

        try (LogCapture log = LogCapture.of(CommandAnswerer.class)) {
            transport.send(command);
            await().until(() -> sink.replies().size() == 1);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("Participant hotel-service failed command " + command.messageId());
        }

        ReplyMessage reply = sink.replies().get(0);
        assertThat(reply.outcome()).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(reply.messageType()).isEqualTo("trip.hotel.reserve.failed");
        assertThat(reply.failureReason()).isEqualTo("no rooms left");
        assertThat(reply.errorCode()).as("an exception nothing explains may pass: retried by default")
                .isEqualTo(ErrorCodes.UNEXPECTED);
        assertThat(reply.causationId()).isEqualTo(command.messageId());
        assertThat(reply.payload()).isNull();
    }

    @Test
    void aHandlerRefusingWithoutACodeSendsABusinessRefusal() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder(), sink);
        addParticipant("hotel-service", command -> {
            throw new StepFailedException("fully booked");
        });

        try (LogCapture log = LogCapture.of(CommandAnswerer.class)) {
            transport.send(Messages.command("hotel-service", "reserve-hotel"));
            await().until(() -> sink.replies().size() == 1);
        }

        assertThat(sink.replies().get(0).failureReason()).isEqualTo("fully booked");
        assertThat(sink.replies().get(0).errorCode()).isNull();
    }

    @Test
    void noReplySendsNothingBack() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder(), sink);
        addParticipant("hotel-service", command -> command.step().equals("silent")
                ? ParticipantReply.noReply()
                : ParticipantReply.success("trip.hotel.reserved", null));
        CommandMessage silent = Messages.command("hotel-service", "silent");
        CommandMessage answered = Messages.command("hotel-service", "reserve-hotel");

        transport.send(silent);
        transport.send(answered);

        // One consumer takes the queue in order, so by the time the second is answered the first was handled.
        await().until(() -> !sink.replies().isEmpty());
        assertThat(sink.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.causationId()).isEqualTo(answered.messageId()));
    }

    @Test
    void garbledReplyIsDroppedWithAWarningAndTheNextGoodReplyStillArrives() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder(), sink);
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");

        try (LogCapture log = LogCapture.of(DeadLetterWriter.class)) {
            ProducerTemplate producer = transport.camelContext().createProducerTemplate();
            producer.send(transport.replyEndpoint(), exchange -> {
                CamelMessageMapper.writeReply(ReplyMessage.success(command, "garbled-1", "trip.hotel.reserved",
                        null, NOW), command, exchange.getIn());
                exchange.getIn().removeHeader(SagittaHeaders.SAGA_ID);
            });
            producer.send(transport.replyEndpoint(), exchange -> {
                CamelMessageMapper.writeReply(ReplyMessage.success(command, "garbled-2", "trip.hotel.reserved",
                        null, NOW), command, exchange.getIn());
                exchange.getIn().setHeader(SagittaHeaders.ATTEMPT, "first");
            });
            transport.send(command);

            await().until(() -> sink.replies().size() == 1 && log.warnings().size() == 2);
            assertThat(sink.replies().get(0).causationId()).isEqualTo(command.messageId());
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("header sagitta_sagaid is missing").contains("ce_id=garbled-1"));
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("header sagitta_attempt is 'first', not a whole number").contains("ce_id=garbled-2"));
            producer.close();
        }
        assertThat(transport.camelContext().getRouteController().getRouteStatus(CamelCommandTransport.REPLY_ROUTE_ID))
                .isEqualTo(ServiceStatus.Started);
    }

    @Test
    void participantWithAnEndpointOfItsOwnGetsCommandsThere() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder().participant("car-service", "seda:cars.custom"), sink);
        addParticipant("car-service", command -> ParticipantReply.success("trip.car.rented", null));
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

        transport.send(Messages.command("car-service", "rent-car"));
        transport.send(Messages.command("hotel-service", "reserve-hotel"));

        await().until(() -> sink.replies().size() == 2);
        assertThat(sink.replies()).extracting(ReplyMessage::messageType)
                .containsExactlyInAnyOrder("trip.car.rented", "trip.hotel.reserved");
        CamelContext context = transport.camelContext();
        assertThat(transport.commandEndpoint("car-service")).isEqualTo("seda:cars.custom");
        assertThat(context.hasEndpoint("seda:cars.custom")).isNotNull();
        assertThat(context.hasEndpoint("seda:sagitta.commands.car-service")).isNull();
        assertThat(context.hasEndpoint("seda:sagitta.commands.hotel-service")).isNotNull();
    }

    @Test
    void participantsReplyToTheReplyToAddressWhenOneIsGiven() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        // A producer's URI of the reply queue: what the participant needs, without the consumer's options.
        String replyTo = "seda:sagitta.replies?blockWhenFull=true";
        start(CamelCommandTransport.builder().replyTo(replyTo), sink);
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

        transport.send(Messages.command("hotel-service", "reserve-hotel")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().until(() -> sink.replies().size() == 1);
        assertThat(transport.replyTo()).isEqualTo(replyTo);
        assertThat(transport.camelContext().hasEndpoint(replyTo)).as("the endpoint the participant replied to").isNotNull();
    }

    @Test
    void unlistedParticipantsFollowTheEndpointPattern() throws Exception {
        RecordingSink sink = RecordingSink.committing();
        start(CamelCommandTransport.builder().participantEndpointPattern("seda:commands-for-{participant}"), sink);
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

        transport.send(Messages.command("hotel-service", "reserve-hotel")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().until(() -> sink.replies().size() == 1);
        assertThat(transport.commandEndpoint("hotel-service")).isEqualTo("seda:commands-for-hotel-service");
    }

    @Test
    void exchangeIsNotDoneUntilTheSinksStageCompletes() throws Exception {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        RecordingSink sink = RecordingSink.answering(reply -> commit);
        start(CamelCommandTransport.builder(), sink);
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");
        ProducerTemplate producer = transport.camelContext().createProducerTemplate();

        // Like a broker that acknowledges only when the consumer's exchange is done.
        CompletableFuture<Exchange> acknowledged = producer.asyncSend(
                transport.replyEndpoint() + "?waitForTaskToComplete=Always",
                exchange -> CamelMessageMapper.writeReply(
                        ReplyMessage.success(command, "reply-1", "trip.hotel.reserved", null, NOW),
                        command, exchange.getIn()));

        await().until(() -> sink.replies().size() == 1);
        CamelContext context = transport.camelContext();
        assertThat(context.getInflightRepository().size(CamelCommandTransport.REPLY_ROUTE_ID)).isEqualTo(1);
        assertThat(acknowledged).isNotDone();

        commit.complete(null);

        Exchange done = acknowledged.get(5, TimeUnit.SECONDS);
        assertThat(done.getException()).isNull();
        await().until(() -> context.getInflightRepository().size(CamelCommandTransport.REPLY_ROUTE_ID) == 0);
        producer.close();
    }

    @Test
    void severalRepliesWaitForTheEngineAtOnce() throws Exception {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        RecordingSink sink = RecordingSink.answering(reply -> commit);
        start(CamelCommandTransport.builder().replyConsumers(4), sink);
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

        for (int i = 0; i < 6; i++) {
            transport.send(Messages.command("hotel-service", "reserve-hotel"));
        }

        // Four consumers each hold a reply until the engine commits; the rest wait in the queue.
        await().until(() -> sink.replies().size() == 4);
        assertThat(transport.camelContext().getInflightRepository().size(CamelCommandTransport.REPLY_ROUTE_ID))
                .isEqualTo(4);
        commit.complete(null);
        await().until(() -> sink.replies().size() == 6);
    }

    @Test
    void failedSinkStageDoesNotStopTheReplyRoute() throws Exception {
        RecordingSink sink = RecordingSink.answering(reply -> reply.step().equals("doomed")
                ? CompletableFuture.failedFuture(new IllegalStateException("database unavailable"))
                : CompletableFuture.completedFuture(null));
        start(CamelCommandTransport.builder().replyConsumers(1), sink);
        addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

        transport.send(Messages.command("hotel-service", "doomed"));
        transport.send(Messages.command("hotel-service", "reserve-hotel"));

        await().until(() -> sink.replies().stream().anyMatch(reply -> reply.step().equals("reserve-hotel")));
        // Tried as often as the default dead-letter policy says; with no store to keep it, the broker may redeliver.
        assertThat(sink.replies()).extracting(ReplyMessage::step)
                .containsExactly("doomed", "doomed", "doomed", "reserve-hotel");
    }

    @Test
    void givenContextKeepsRunningAfterCloseAndLosesOnlyTheReplyRoute() throws Exception {
        CamelContext context = QuickSeda.stopQuickly(new DefaultCamelContext());
        context.start();
        try {
            RecordingSink sink = RecordingSink.committing();
            start(CamelCommandTransport.builder().camelContext(context).replyEndpoint("seda:trip.replies"), sink);
            addParticipant("hotel-service", command -> ParticipantReply.success("trip.hotel.reserved", null));

            transport.send(Messages.command("hotel-service", "reserve-hotel"));

            await().until(() -> sink.replies().size() == 1);
            assertThat(context.getRoute(CamelCommandTransport.REPLY_ROUTE_ID).getEndpoint().getEndpointUri())
                    .startsWith("seda://trip.replies");
            transport.close();
            assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(context.getRoute(CamelCommandTransport.REPLY_ROUTE_ID)).isNull();
            assertThat(context.getRoute("sagitta-participant-hotel-service")).isNotNull();
        } finally {
            context.stop();
        }
    }

    @Test
    void ownContextStartsWithTheTransportAndStopsWithIt() {
        transport = CamelCommandTransport.builder().build();
        CamelContext context = QuickSeda.stopQuickly(transport.camelContext());
        assertThat(context.getStatus()).isNotEqualTo(ServiceStatus.Started);

        transport.start(RecordingSink.committing());
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);

        transport.close();
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Stopped);
    }

    @Test
    void replyEndpointWithoutItsComponentFailsTheStartAndStopsTheOwnContext() {
        transport = CamelCommandTransport.builder().replyEndpoint("carrier-pigeon:replies").build();

        assertThatThrownBy(() -> transport.start(RecordingSink.committing()))
                .isInstanceOf(SagaException.class)
                .hasMessageStartingWith("could not start consuming replies from carrier-pigeon:replies")
                .rootCause().hasMessageContaining("No endpoint could be found for: carrier-pigeon://replies");
        assertThat(transport.camelContext().getStatus()).isEqualTo(ServiceStatus.Stopped);
    }

    @Test
    void sendFailsBeforeStartAndAfterClose() {
        transport = CamelCommandTransport.builder().build();
        QuickSeda.stopQuickly(transport.camelContext());
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");

        assertThat(transport.send(command).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withMessageContaining("not started yet");

        transport.start(RecordingSink.committing());
        transport.close();

        assertThat(transport.send(command).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withMessageContaining("closed");
    }

    @Test
    void participantNameThatCannotFormTheDefaultUriFailsTheSend() {
        start(CamelCommandTransport.builder(), RecordingSink.committing());

        assertThat(transport.send(Messages.command("hotel service", "reserve-hotel")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withMessageContaining("participant 'hotel service' cannot be put in an endpoint URI");
    }

    @Test
    void fullQueueFailsTheSend() throws Exception {
        start(CamelCommandTransport.builder().participant("hotel-service", "seda:tiny?size=1"),
                RecordingSink.committing());
        // No participant consumes the queue, so the second command finds it full.
        transport.send(Messages.command("hotel-service", "first")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(transport.send(Messages.command("hotel-service", "second")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withMessageContaining("full");
    }
}
