package dev.sagitta.camel.broker;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.amqp.AmqpTestBroker;
import org.apache.camel.CamelContext;

/**
 * The broker trip over RabbitMQ (or embedded Qpid Broker-J): a durable topic exchange and queue
 * per participant and one pair for replies, routed by saga id, with publisher confirms and
 * acknowledgement only after a message was handled. Commands carry the reply exchange's short
 * producer address ({@link BrokerEndpoints#rabbitMqReplyTo}) as where to reply.
 */
class RabbitMqTripTest extends BrokerTripContract {

    @Override
    protected void bindBroker(CamelContext context) {
        context.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, AmqpTestBroker.get().connectionFactory());
    }

    @Override
    protected String commandEndpoint(String participant, String run) {
        return endpoint("trip-" + run + "." + participant);
    }

    @Override
    protected String replyEndpoint(String run) {
        return endpoint("trip-" + run + ".replies") + "&concurrentConsumers=8";
    }

    /** The short address: commands carry it instead of the reply endpoint with its consumer options. */
    @Override
    protected String replyTo(String run) {
        return BrokerEndpoints.rabbitMqReplyTo("trip-" + run + ".replies", BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
    }

    @Override
    protected void deleteFromBroker(String run) throws Exception {
        AmqpTestBroker.get().deleteQueuesAndExchanges("trip-" + run + "." + HOTEL, "trip-" + run + "." + FLIGHT,
                "trip-" + run + "." + CAR, "trip-" + run + ".replies");
    }

    private static String endpoint(String name) {
        return BrokerEndpoints.rabbitMq(name, BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
    }
}
