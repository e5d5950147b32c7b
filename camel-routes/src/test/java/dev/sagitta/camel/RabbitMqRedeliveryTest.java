package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.amqp.AmqpTestBroker;
import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.spi.ReplyMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A RabbitMQ message whose handling fails stays with the broker and is delivered again, however
 * often it fails: camel-spring-rabbitmq's own defaults would try it five times and then reject it
 * for good, which drops it from a queue without a dead-letter exchange.
 */
class RabbitMqRedeliveryTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CamelContext camel = new DefaultCamelContext();
    private CamelCommandTransport transport;

    @BeforeEach
    void bindBroker() {
        camel.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, AmqpTestBroker.get().connectionFactory());
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        camel.close();
        AmqpTestBroker.get().deleteQueuesAndExchanges(queue("hotel"), queue("replies"));
    }

    @Test
    void a_reply_the_engine_cannot_take_yet_is_delivered_again_until_it_can() throws Exception {
        // A closing engine refuses the reply, which stays unacknowledged for the next engine; here the
        // "next engine" is the same sink once it has refused more times than any in-listener retry.
        AtomicInteger refusals = new AtomicInteger();
        RecordingSink sink = RecordingSink.answering(reply -> refusals.incrementAndGet() <= 8
                ? CompletableFuture.failedFuture(new EngineClosedException("the engine is closing"))
                : CompletableFuture.completedFuture(null));
        transport = CamelCommandTransport.builder()
                .camelContext(camel)
                .participant("hotel-service", endpoint("hotel"))
                .replyEndpoint(endpoint("replies"))
                .build();
        camel.addRoutes(ParticipantRoute.builder("hotel-service",
                        command -> ParticipantReply.success("trip.hotel.reserved", null))
                .commandEndpoint(endpoint("hotel"))
                .build());
        transport.start(sink);
        camel.start();

        transport.send(Messages.command("hotel-service", "reserve-hotel")).toCompletableFuture().get();

        await().atMost(Duration.ofSeconds(60)).until(() -> refusals.get() > 8);
        assertThat(sink.replies()).hasSize(9).extracting(ReplyMessage::step).containsOnly("reserve-hotel");
    }

    private String endpoint(String name) {
        return BrokerEndpoints.rabbitMq(queue(name), BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
    }

    private String queue(String name) {
        return "redelivery-" + run + "." + name;
    }
}
