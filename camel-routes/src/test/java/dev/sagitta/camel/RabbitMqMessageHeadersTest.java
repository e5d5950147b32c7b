package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import dev.sagitta.camel.amqp.AmqpTestBroker;
import dev.sagitta.engine.spi.CommandMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * What a command and a reply carry over RabbitMQ, read from the queue as the broker holds them:
 * the saga id as header and routing key, and none of camel-kafka's key, which only a Kafka producer
 * reads.
 */
class RabbitMqMessageHeadersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AmqpTestBroker broker = AmqpTestBroker.get();
    private final CachingConnectionFactory factory = broker.connectionFactory();
    private final CamelContext camel = new DefaultCamelContext();
    private CamelCommandTransport transport;

    @BeforeEach
    void startAHotelAndDeclareTheQueuesThisTestReads() throws Exception {
        camel.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, factory);
        transport = CamelCommandTransport.builder()
                .camelContext(camel)
                .participant("hotel-service", queueEndpoint("hotel"))
                .participant("audit-service", queueEndpoint("audit"))
                .replyEndpoint(queueEndpoint("replies"))
                // the hotel answers to a queue this test reads, not to the transport's own reply route
                .replyTo(queueEndpoint("read-replies"))
                .build();
        camel.addRoutes(ParticipantRoute.builder("hotel-service",
                        command -> ParticipantReply.success("trip.hotel.reserved", null))
                .commandEndpoint(queueEndpoint("hotel"))
                .build());
        // A consumer declares its queue and binds it to its exchange before anything is sent; stopped, it
        // leaves the messages in the queue for the test to take.
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(queueEndpoint("audit")).routeId("declares-audit").stop();
                from(queueEndpoint("read-replies")).routeId("declares-read-replies").stop();
            }
        });
        transport.start(RecordingSink.committing());
        camel.start();
        camel.getRouteController().stopRoute("declares-audit");
        camel.getRouteController().stopRoute("declares-read-replies");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (transport != null) {
                transport.close();
            }
            camel.close();
            broker.deleteQueuesAndExchanges(queue("hotel"), queue("audit"), queue("replies"), queue("read-replies"));
        } finally {
            factory.destroy();
        }
    }

    @Test
    void a_command_carries_the_saga_id_and_no_kafka_key() throws Exception {
        CommandMessage command = Messages.command("audit-service", "record-booking");

        transport.send(command).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertKeyedBySagaIdWithoutKafkaKey(broker.takeNextMessage(queue("audit"), WAIT), command.sagaId());
    }

    @Test
    void a_participant_reply_carries_the_saga_id_and_no_kafka_key() throws Exception {
        CommandMessage command = Messages.command("hotel-service", "reserve-hotel");

        transport.send(command).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertKeyedBySagaIdWithoutKafkaKey(broker.takeNextMessage(queue("read-replies"), WAIT), command.sagaId());
    }

    private static void assertKeyedBySagaIdWithoutKafkaKey(GetResponse message, String sagaId) {
        assertThat(message.getEnvelope().getRoutingKey()).isEqualTo(sagaId);
        assertThat(message.getProps().getHeaders().get(SagittaHeaders.SAGA_ID)).hasToString(sagaId);
        assertThat(message.getProps().getHeaders()).doesNotContainKey(SagittaHeaders.KAFKA_KEY);
    }

    private String queueEndpoint(String name) {
        return BrokerEndpoints.rabbitMq(queue(name), BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
    }

    private String queue(String name) {
        return "headers-" + run + "." + name;
    }
}
