package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.internal.DeadLetterWriter;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParticipantRouteTest {

    private CamelContext context;

    @BeforeEach
    void startContext() {
        context = QuickSeda.stopQuickly(new DefaultCamelContext());
        context.start();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void defaultsFollowTheTransportsDefaults() {
        ParticipantRoute route = ParticipantRoute.builder("hotel-service", command -> ParticipantReply.noReply())
                .build();

        assertThat(route.participant()).isEqualTo("hotel-service");
        assertThat(route.commandEndpoint()).isEqualTo("seda:sagitta.commands.hotel-service");
        assertThat(route.routeId()).isEqualTo("sagitta-participant-hotel-service");
    }

    /** The ids of the commands answered on {@code seda:test.replies}, as they arrive. */
    private List<String> collectReplyIds() throws Exception {
        List<String> replyIds = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:test.replies").process(exchange ->
                        replyIds.add(exchange.getMessage().getHeader(SagittaHeaders.CAUSATION_ID, String.class)));
            }
        });
        return replyIds;
    }

    @Test
    void unreadableCommandIsDroppedWithAWarningAndTheNextIsAnswered() throws Exception {
        List<String> replyIds = collectReplyIds();
        context.addRoutes(ParticipantRoute.builder("hotel-service",
                command -> ParticipantReply.success("trip.hotel.reserved", null)).build());
        CommandMessage unanswerable = Messages.command("hotel-service", "reserve-hotel");
        CommandMessage good = Messages.command("hotel-service", "reserve-hotel");
        ProducerTemplate producer = context.createProducerTemplate();

        try (LogCapture log = LogCapture.of(DeadLetterWriter.class)) {
            producer.send("seda:sagitta.commands.hotel-service", exchange -> {
                CamelMessageMapper.writeCommand(unanswerable, "seda:test.replies", exchange.getIn());
                exchange.getIn().removeHeader(SagittaHeaders.REPLY_TO);
            });
            producer.send("seda:sagitta.commands.hotel-service",
                    exchange -> CamelMessageMapper.writeCommand(good, "seda:test.replies", exchange.getIn()));

            await().atMost(Duration.ofSeconds(10)).until(() -> replyIds.size() == 1);
            assertThat(replyIds).containsExactly(good.messageId());
            assertThat(log.warnings()).singleElement().asString()
                    .contains("header sagitta_replyto is missing")
                    .contains("ce_id=" + unanswerable.messageId());
        }
        producer.close();
    }

    @Test
    void aCommandWhoseReplyToCannotBeResolvedIsHandledOnceDeadLetteredAndTheNextIsAnswered(@TempDir Path directory)
            throws Exception {
        List<String> replyIds = collectReplyIds();
        AtomicInteger handled = new AtomicInteger();
        try (SagaDatabase database = SagaDatabase.embeddedH2(directory)) {
            context.addRoutes(ParticipantRoute.builder("hotel-service", command -> {
                        handled.incrementAndGet();
                        return ParticipantReply.success("trip.hotel.reserved", null);
                    })
                    .deadLetters(DeadLetterPolicy.storingIn(database.deadLetters()).build())
                    .build());
            CommandMessage misaddressed = Messages.command("hotel-service", "reserve-hotel");
            CommandMessage good = Messages.command("hotel-service", "reserve-hotel");
            ProducerTemplate producer = context.createProducerTemplate();

            producer.send("seda:sagitta.commands.hotel-service",
                    exchange -> CamelMessageMapper.writeCommand(misaddressed, "nosuch:replies", exchange.getIn()));
            producer.send("seda:sagitta.commands.hotel-service",
                    exchange -> CamelMessageMapper.writeCommand(good, "seda:test.replies", exchange.getIn()));

            await().atMost(Duration.ofSeconds(10)).until(() -> replyIds.size() == 1
                    && !database.deadLetters().list(DeadLetterFilter.all(), 10).isEmpty());
            assertThat(replyIds).containsExactly(good.messageId());
            assertThat(handled).hasValue(2);
            assertThat(database.deadLetters().list(DeadLetterFilter.all(), 10)).singleElement()
                    .satisfies(letter -> {
                        assertThat(letter.messageId()).isEqualTo(misaddressed.messageId());
                        assertThat(letter.kind()).isEqualTo(DeadLetterKind.MALFORMED);
                        assertThat(letter.reason()).startsWith("the reply-to endpoint nosuch:replies cannot be resolved");
                    });
            producer.close();
            context.stop();
        }
    }

    @Test
    void commandsThatCanNeverBeAnsweredAreDeadLetteredAndTheNextIsAnswered(@TempDir Path directory) throws Exception {
        List<String> replyIds = collectReplyIds();
        try (SagaDatabase database = SagaDatabase.embeddedH2(directory)) {
            context.addRoutes(ParticipantRoute.builder("hotel-service",
                    command -> ParticipantReply.success("trip.hotel.reserved", null))
                    .handles("trip.hotel.reserve", "trip.hotel.cancel")
                    .deadLetters(DeadLetterPolicy.storingIn(database.deadLetters()).build())
                    .build());
            CommandMessage noReplyTo = Messages.command("hotel-service", "reserve-hotel");
            CommandMessage unknownType = new CommandMessage("cmd-spa", "trip.spa.book", "saga-9", "trip-booking",
                    "book-spa", 1, false, "hotel-service", "{}", null, null, Messages.CREATED_AT);
            CommandMessage good = Messages.command("hotel-service", "reserve-hotel");
            ProducerTemplate producer = context.createProducerTemplate();

            producer.send("seda:sagitta.commands.hotel-service", exchange -> {
                CamelMessageMapper.writeCommand(noReplyTo, "seda:test.replies", exchange.getIn());
                exchange.getIn().removeHeader(SagittaHeaders.REPLY_TO);
            });
            producer.send("seda:sagitta.commands.hotel-service",
                    exchange -> CamelMessageMapper.writeCommand(unknownType, "seda:test.replies", exchange.getIn()));
            producer.send("seda:sagitta.commands.hotel-service",
                    exchange -> CamelMessageMapper.writeCommand(good, "seda:test.replies", exchange.getIn()));

            await().atMost(Duration.ofSeconds(10)).until(() -> replyIds.size() == 1
                    && database.deadLetters().list(DeadLetterFilter.all(), 10).size() == 2);
            assertThat(replyIds).containsExactly(good.messageId());
            assertThat(database.deadLetters().list(DeadLetterFilter.all(), 10))
                    .extracting(DeadLetter::messageId, DeadLetter::kind, DeadLetter::reason, DeadLetter::source)
                    .containsExactlyInAnyOrder(
                            tuple(noReplyTo.messageId(), DeadLetterKind.MALFORMED, "header sagitta_replyto is missing",
                                    "seda:sagitta.commands.hotel-service"),
                            tuple("cmd-spa", DeadLetterKind.UNKNOWN_TYPE, "participant hotel-service handles"
                                    + " [trip.hotel.cancel, trip.hotel.reserve], not trip.spa.book",
                                    "seda:sagitta.commands.hotel-service"));
            producer.close();
            context.stop();
        }
    }

    @Test
    void builderRejectsBadArgumentsWhereTheyAreSet() {
        CommandHandler handler = command -> ParticipantReply.noReply();

        assertThatThrownBy(() -> ParticipantRoute.builder(" ", handler))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("participant must not be blank");
        assertThatThrownBy(() -> ParticipantRoute.builder("hotel-service", null))
                .isInstanceOf(NullPointerException.class).hasMessage("handler must not be null");
        ParticipantRoute.Builder builder = ParticipantRoute.builder("hotel-service", handler);
        assertThatThrownBy(() -> builder.commandEndpoint("hotel-commands"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUri must be a Camel endpoint URI such as seda:orders, was 'hotel-commands'");
        assertThatThrownBy(() -> builder.idGenerator(null)).hasMessage("idGenerator must not be null");
        assertThatThrownBy(() -> builder.clock(null)).hasMessage("clock must not be null");
    }

    @Test
    void nameThatCannotFormTheDefaultUriNeedsAnEndpointOfItsOwn() {
        CommandHandler handler = command -> ParticipantReply.noReply();

        assertThatThrownBy(() -> ParticipantRoute.builder("hotel service", handler).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participant 'hotel service' cannot be put in an endpoint URI");
        assertThat(ParticipantRoute.builder("hotel service", handler).commandEndpoint("seda:hotel").build()
                .commandEndpoint()).isEqualTo("seda:hotel");
    }
}
