package dev.sagitta.examples.trip;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which broker carries the trip's commands and replies, and how to reach it, read from the
 * example's {@code trip.*} keys:
 *
 * <ul>
 *   <li>{@value #BROKER}: {@code seda} (default), {@code rabbitmq} or {@code kafka};</li>
 *   <li>{@value #RABBITMQ_URL}: for RabbitMQ, for example {@code amqp://guest:guest@127.0.0.1:5672};</li>
 *   <li>{@value #KAFKA_BOOTSTRAP}: for Kafka, {@code host:port[,host:port...]};</li>
 *   <li>{@value #QUEUE_PREFIX}: the start of every queue, exchange, topic and consumer group name
 *       (default {@value #DEFAULT_QUEUE_PREFIX}): {@code <prefix>.hotel-service}, ...,
 *       {@code <prefix>.replies}.</li>
 * </ul>
 *
 * Immutable and thread-safe.
 *
 * @param rabbitMqUrl    set when the broker is RabbitMQ
 * @param kafkaBootstrap set when the broker is Kafka
 */
public record BrokerSettings(Broker broker, @Nullable String rabbitMqUrl, @Nullable String kafkaBootstrap,
        String queuePrefix) {

    public static final String BROKER = "trip.broker";
    public static final String RABBITMQ_URL = "trip.rabbitmq.url";
    public static final String KAFKA_BOOTSTRAP = "trip.kafka.bootstrap";
    public static final String QUEUE_PREFIX = "trip.queue-prefix";
    public static final String DEFAULT_QUEUE_PREFIX = "trip";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public BrokerSettings {
        if (broker == Broker.RABBITMQ && rabbitMqUrl == null) {
            throw new IllegalArgumentException("the RabbitMQ broker needs its URL: set " + RABBITMQ_URL
                    + " (or --rabbitmq-url), for example amqp://guest:guest@127.0.0.1:5672");
        }
        if (broker == Broker.KAFKA && kafkaBootstrap == null) {
            throw new IllegalArgumentException("the Kafka broker needs its bootstrap servers: set " + KAFKA_BOOTSTRAP
                    + " (or --kafka-bootstrap), for example 127.0.0.1:9092");
        }
        if (!PLAIN_NAME.matcher(queuePrefix).matches()) {
            throw new IllegalArgumentException(QUEUE_PREFIX + " must be letters, digits, '.', '_' and '-', was '"
                    + queuePrefix + "'");
        }
    }

    /** The settings in {@code properties}; a bad or missing value fails here, naming its key. */
    public static BrokerSettings from(TripProperties properties) {
        Broker broker;
        try {
            broker = properties.get(BROKER).map(Broker::parse).orElse(Broker.SEDA);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(BROKER + ": " + bad.getMessage(), bad);
        }
        return new BrokerSettings(broker,
                broker == Broker.RABBITMQ ? properties.get(RABBITMQ_URL).orElse(null) : null,
                broker == Broker.KAFKA ? properties.get(KAFKA_BOOTSTRAP).orElse(null) : null,
                properties.get(QUEUE_PREFIX).orElse(DEFAULT_QUEUE_PREFIX));
    }

    /** The queue (RabbitMQ) or topic (Kafka) of {@code participant}'s commands. */
    public String commandQueue(String participant) {
        return queuePrefix + "." + participant;
    }

    /** The queue or topic of the replies. */
    public String replyQueue() {
        return queuePrefix + ".replies";
    }
}
