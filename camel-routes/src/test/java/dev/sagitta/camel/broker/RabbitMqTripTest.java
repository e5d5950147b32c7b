package dev.sagitta.camel.broker;

import dev.sagitta.camel.amqp.AmqpTestBroker;
import org.apache.camel.CamelContext;

/**
 * The broker trip over RabbitMQ (or embedded Qpid Broker-J): a durable topic exchange and queue
 * per participant and one pair for replies, routed by saga id, with publisher confirms and
 * acknowledgement only after a message was handled.
 */
class RabbitMqTripTest extends BrokerTripContract {

    @Override
    protected void bindBroker(CamelContext context) {
        context.getRegistry().bind("sagittaRabbit", AmqpTestBroker.get().connectionFactory());
    }

    @Override
    protected String commandEndpoint(String participant, String run) {
        return endpoint("trip-" + run + "." + participant);
    }

    @Override
    protected String replyEndpoint(String run) {
        // Replies to compensations often have no body; spring-rabbitmq refuses those unless told.
        return endpoint("trip-" + run + ".replies") + "&concurrentConsumers=8&allowNullBody=true";
    }

    private static String endpoint(String name) {
        return "spring-rabbitmq:" + name + "?connectionFactory=#sagittaRabbit&queues=" + name
                + "&routingKey=%23&exchangeType=topic&autoDeclare=true&autoDeclareProducer=true"
                + "&confirm=enabled&acknowledgeMode=AUTO";
    }
}
