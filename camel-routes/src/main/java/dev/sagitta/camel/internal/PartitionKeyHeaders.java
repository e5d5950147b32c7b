package dev.sagitta.camel.internal;

import dev.sagitta.camel.SagittaHeaders;
import org.apache.camel.Message;

/**
 * Keeps, of the partition key headers {@link dev.sagitta.camel.CamelMessageMapper} writes for every
 * broker, only the one the destination's own component reads, when that component is known to
 * publish straight to its broker.
 *
 * <p>Why: the mapper cannot know where a message goes, so it writes both camel-kafka's key and
 * camel-spring-rabbitmq's routing key. camel-kafka drops the RabbitMQ one (a {@code Camel} header),
 * but camel-spring-rabbitmq passes {@code kafka.KEY} on as an AMQP header, which every RabbitMQ
 * command and reply then carried for nothing. Any other endpoint keeps both: it may be a route of
 * the user's that forwards the message to either broker. Used for new commands and replies only:
 * a dead-letter copy keeps every header of the message it copies, so that a retry can restore them.
 *
 * <p>Stateless and thread-safe.
 */
public final class PartitionKeyHeaders {

    private static final String RABBITMQ_SCHEME = "spring-rabbitmq:";
    private static final String KAFKA_SCHEME = "kafka:";

    private PartitionKeyHeaders() {
    }

    /** Removes from {@code message} the partition key that the broker behind {@code endpointUri} has no use for. */
    public static void keepOnlyWhatTheBrokerReads(String endpointUri, Message message) {
        if (hasScheme(endpointUri, RABBITMQ_SCHEME)) {
            message.removeHeader(SagittaHeaders.KAFKA_KEY);
        } else if (hasScheme(endpointUri, KAFKA_SCHEME)) {
            message.removeHeader(SagittaHeaders.RABBITMQ_ROUTING_KEY);
        }
    }

    // Compares in place: the URI, options and all, is a few hundred characters, and this runs per message.
    private static boolean hasScheme(String uri, String scheme) {
        return uri.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
