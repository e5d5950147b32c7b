package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import dev.sagitta.camel.amqp.AmqpTestBroker;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * The queue a RabbitMQ endpoint of {@link BrokerEndpoints#rabbitMq} declares is durable, so it and
 * the persistent messages in it survive a broker restart. (camel-spring-rabbitmq, left to its
 * defaults, declares queues transient.)
 */
class RabbitMqDurableQueuesTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String hotelQueue = "durable-" + run + ".hotel";
    private final String transientQueue = "durable-" + run + ".transient";
    private final AmqpTestBroker broker = AmqpTestBroker.get();
    private final CachingConnectionFactory factory = broker.connectionFactory();
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void deleteTheQueuesAndStop() throws Exception {
        camel.close();
        try {
            broker.deleteQueuesAndExchanges(hotelQueue, transientQueue);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void the_queue_a_participant_consumes_is_declared_durable() throws Exception {
        camel.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, factory);
        camel.addRoutes(ParticipantRoute.builder("hotel-service",
                        command -> ParticipantReply.success("trip.hotel.reserved", null))
                .commandEndpoint(BrokerEndpoints.rabbitMq(hotelQueue, BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY))
                .build());
        camel.start();
        try (Connection connection = factory.createConnection(); Channel channel = connection.createChannel(false)) {
            channel.queueDeclare(transientQueue, false, false, false, null);
        }

        assertThat(broker.isDurable(hotelQueue)).as("the participant's queue").isTrue();
        assertThat(broker.isDurable(transientQueue)).as("a queue declared transient, for contrast").isFalse();
    }
}
