package dev.sagitta.examples.trip;

import org.apache.camel.CamelContext;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * What a Camel context needs before the trip's broker endpoints work in it: for RabbitMQ the
 * connection factory in its registry, for Kafka the topics. Open it before the context starts and
 * close it after the context stopped. Nothing to do for {@code seda:}.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
final class BrokerConnection implements AutoCloseable {

    private volatile @Nullable CachingConnectionFactory ownedFactory;

    private BrokerConnection(@Nullable CachingConnectionFactory ownedFactory) {
        this.ownedFactory = ownedFactory;
    }

    static BrokerConnection open(CamelContext camel, BrokerSettings settings, TripEndpoints endpoints) {
        switch (settings.broker()) {
            case RABBITMQ -> {
                return new BrokerConnection(RabbitConnections.bind(camel, settings.rabbitMqUrl()));
            }
            case KAFKA -> KafkaTopics.ensure(settings.kafkaBootstrap(), endpoints.kafkaTopics());
            case SEDA -> {
                // in-JVM queues need nothing
            }
        }
        return new BrokerConnection(null);
    }

    /** Closes the RabbitMQ connections, if this opened the factory. */
    @Override
    public void close() {
        CachingConnectionFactory factory = ownedFactory;
        ownedFactory = null;
        if (factory != null) {
            factory.destroy();
        }
    }
}
