package dev.sagitta.camel.internal;

import dev.sagitta.camel.SagittaHeaders;
import java.util.Locale;
import org.apache.camel.Endpoint;
import org.apache.camel.Message;

/**
 * Keeps, of the partition key headers {@link dev.sagitta.camel.CamelMessageMapper} writes for every
 * broker, only the one the endpoint's own component reads, when that component is known to
 * publish straight to its broker.
 *
 * <p>Why: the mapper cannot know where a message goes, so it writes both camel-kafka's key and
 * camel-spring-rabbitmq's routing key. camel-kafka drops the RabbitMQ one (a {@code Camel} header),
 * but camel-spring-rabbitmq passes {@code kafka.KEY} on as an AMQP header, which every RabbitMQ
 * command and reply then carried for nothing. Any other endpoint keeps both: it may be a route of
 * the user's that forwards the message to either broker.
 *
 * <p>Stateless and thread-safe.
 */
final class PartitionKeyHeaders {

    private PartitionKeyHeaders() {
    }

    /** Removes from {@code message} the partition key that {@code endpoint}'s broker has no use for. */
    static void keepOnlyWhatTheBrokerReads(Endpoint endpoint, Message message) {
        String uri = endpoint.getEndpointUri().toLowerCase(Locale.ROOT);
        if (uri.startsWith("spring-rabbitmq:")) {
            message.removeHeader(SagittaHeaders.KAFKA_KEY);
        } else if (uri.startsWith("kafka:")) {
            message.removeHeader(SagittaHeaders.RABBITMQ_ROUTING_KEY);
        }
    }
}
