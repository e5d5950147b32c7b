package dev.sagitta.camel.runner;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.amqp.AmqpTestBroker;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The engine killed mid-run over RabbitMQ (or embedded Qpid Broker-J): the runner reaches the broker
 * through {@code sagitta.rabbitmq.url}; durable queues, persistent messages, publisher confirms, and
 * acknowledgement only after a message was handled.
 */
class RabbitMqKilledRunnerTest extends KilledRunnerContract {

    private final AmqpTestBroker broker = AmqpTestBroker.get();
    private final CachingConnectionFactory connections = broker.connectionFactory();

    @AfterEach
    void deleteQueuesAndCloseConnections() throws Exception {
        try {
            broker.deleteQueuesAndExchanges(commandQueue(run), replyQueue(run));
        } finally {
            connections.destroy();
        }
    }

    @Override
    protected void bindBroker(CamelContext context) {
        context.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, connections);
    }

    @Override
    protected String commandEndpoint(String run) {
        return BrokerEndpoints.rabbitMq(commandQueue(run), BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
    }

    @Override
    protected String replyEndpoint(String run) {
        return BrokerEndpoints.rabbitMq(replyQueue(run), BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY)
                + "&concurrentConsumers=8";
    }

    @Override
    protected Map<String, String> runnerBrokerProperties() {
        return Map.of(
                "sagitta.rabbitmq.url", "amqp://" + broker.host() + ":" + broker.port(),
                "sagitta.rabbitmq.user", broker.username(),
                "sagitta.rabbitmq.password", broker.password());
    }

    @Override
    protected long repliesWaitingForTheEngine(String run) {
        Properties queue = new RabbitAdmin(connections).getQueueProperties(replyQueue(run));
        return queue == null ? 0 : ((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }

    private static String commandQueue(String run) {
        return "killed-" + run + ".ledger";
    }

    private static String replyQueue(String run) {
        return "killed-" + run + ".replies";
    }
}
