package dev.sagitta.camel.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** The test broker, through the same component and options that Sagitta's AMQP routes use. */
class AmqpTestBrokerTest {

    private static final int MESSAGES = 10;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String exchange = "sagitta.test." + suffix;
    private final String queue = "sagitta.test.q." + suffix;

    private CachingConnectionFactory connectionFactory;
    private CamelContext context;

    /** A context, not started yet, whose registry holds a connection factory for the test broker. */
    private void createContext() {
        connectionFactory = AmqpTestBroker.get().connectionFactory();
        context = new DefaultCamelContext();
        context.getRegistry().bind("rabbitConnectionFactory", connectionFactory);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
            RabbitAdmin admin = new RabbitAdmin(connectionFactory);
            admin.deleteQueue(queue);
            admin.deleteExchange(exchange);
            connectionFactory.destroy();
        }
    }

    @Test
    void isSharedAndSaysWhereItIs() {
        AmqpTestBroker broker = AmqpTestBroker.get();

        assertThat(AmqpTestBroker.get()).isSameAs(broker);
        assertThat(broker.port()).isPositive();
        String configured = System.getenv(AmqpTestBroker.URL_VARIABLE);
        if (configured == null || configured.isBlank()) {
            assertThat(broker.describe()).isEqualTo("embedded Qpid Broker-J on port " + broker.port());
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            assertThat(broker.username()).isEqualTo("guest");
            assertThat(broker.password()).isEqualTo("guest");
        } else {
            assertThat(broker.describe())
                    .startsWith("RabbitMQ at amqp")
                    .contains(broker.username() + "@" + broker.host() + ":" + broker.port())
                    .doesNotContain(":" + broker.password() + "@");
        }
    }

    @Test
    void everyPublishedMessageArrivesWithTheRoutingKeyItWasSentWith() throws Exception {
        Map<String, String> routingKeyByBody = new ConcurrentHashMap<>();
        createContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("spring-rabbitmq:" + exchange + "?queues=" + queue
                        + "&routingKey=#&exchangeType=topic&autoDeclare=true&acknowledgeMode=AUTO")
                        .process(received -> routingKeyByBody.put(received.getMessage().getBody(String.class),
                                received.getMessage().getHeader(SpringRabbitMQConstants.ROUTING_KEY, String.class)));
            }
        });
        context.start();

        try (ProducerTemplate producer = context.createProducerTemplate()) {
            String endpoint = "spring-rabbitmq:" + exchange + "?autoDeclareProducer=true&exchangeType=topic&confirm=enabled";
            for (int i = 0; i < MESSAGES; i++) {
                producer.sendBodyAndHeader(endpoint, "message-" + i,
                        SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, routingKey(i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(routingKeyByBody).hasSize(MESSAGES));
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(routingKeyByBody).as(AmqpTestBroker.get().describe()).containsEntry("message-" + i, routingKey(i));
        }
    }

    private static String routingKey(int i) {
        return "trip.hotel." + (i % 3) + ".reserve-" + i;
    }
}
