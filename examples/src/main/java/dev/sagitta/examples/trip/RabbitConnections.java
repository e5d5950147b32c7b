package dev.sagitta.examples.trip;

import dev.sagitta.camel.BrokerEndpoints;
import org.apache.camel.CamelContext;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;

/**
 * Puts a Spring AMQP connection factory in a Camel registry under
 * {@value BrokerEndpoints#RABBITMQ_CONNECTION_FACTORY}, the name the RabbitMQ endpoint URIs use.
 * Stateless.
 */
final class RabbitConnections {

    private RabbitConnections() {
    }

    /**
     * Binds a factory for {@code url} with publisher confirms and returns, as the endpoints'
     * {@code confirm=enabled} needs, unless the registry already holds a bean of that name (the
     * runner's {@code camel.beans.sagittaRabbit=...}, say).
     *
     * @return the factory bound here, which the caller destroys when done; null if one was there
     */
    static @Nullable CachingConnectionFactory bind(CamelContext camel, String url) {
        if (camel.getRegistry().lookupByName(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY) != null) {
            return null;
        }
        CachingConnectionFactory factory = new CachingConnectionFactory();
        try {
            factory.setUri(url);
        } catch (IllegalArgumentException e) {
            // Neither the URL nor the message, which may repeat it: both could hold the password.
            throw new IllegalArgumentException(BrokerSettings.RABBITMQ_URL + " is not an AMQP URL;"
                    + " write amqp://user:password@host:port[/virtual-host]");
        }
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        camel.getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, factory);
        return factory;
    }
}
