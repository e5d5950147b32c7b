package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import java.util.regex.Pattern;

/**
 * Endpoint URIs for Kafka and RabbitMQ with the options Sagitta's delivery guarantees rely on, for
 * the transport's command and reply endpoints and for {@link ParticipantRoute}. The same URI serves
 * the producer and the consumer side: each ignores the other's options. Append your own options
 * with {@code &}.
 *
 * <p>Kafka ({@link #kafka}): offsets are committed by the route, after the message was handled
 * (for a reply, once the engine committed it; for a command, once the reply was sent), never on a
 * timer; a message whose handling failed is consumed again, not skipped; a new consumer group
 * starts at the earliest offset, so nothing sent before it first joined is lost.
 *
 * <p>RabbitMQ ({@link #rabbitMq}, camel-spring-rabbitmq): a durable topic exchange and a durable
 * queue of the same name, bound with {@code #} so every routing key (the saga id) reaches it;
 * persistent messages; publisher confirms, so a send completes when the broker has the message;
 * the container acknowledges a message after the route handled it and requeues it if the route
 * failed, however often that happens ({@link RequeueOnFailure}: camel-spring-rabbitmq's own
 * defaults would drop it after five tries); messages without a body (replies to compensations often
 * have none) are sent.
 *
 * <p>A queue that already exists must match: one declared transient (by camel-spring-rabbitmq's
 * defaults, for instance) makes the broker refuse the declaration with {@code PRECONDITION_FAILED
 * - inequivalent arg 'durable'}, and the Camel context fails to start. Move its messages elsewhere
 * if they matter, delete it ({@code rabbitmqctl delete_queue <name>}), and start again.
 *
 * <p>Pure functions; thread-safe.
 */
public final class BrokerEndpoints {

    /**
     * The registry name the standalone runner gives the RabbitMQ connection factory it makes from
     * {@code sagitta.rabbitmq.url}; pass it to {@link #rabbitMq}.
     */
    public static final String RABBITMQ_CONNECTION_FACTORY = "sagittaRabbit";

    // Topic, queue and exchange names and bean names that need no escaping in a URI.
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern BOOTSTRAP_SERVERS = Pattern.compile("[^\\s,&?]+(,[^\\s,&?]+)*");

    private BrokerEndpoints() {
    }

    /**
     * {@code kafka:<topic>?brokers=<bootstrapServers>&groupId=<groupId>&autoOffsetReset=earliest
     * &autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true}.
     *
     * @param topic            the topic, which may contain {@value SagittaEndpoints#PARTICIPANT_PLACEHOLDER}
     *                         for use as the transport's endpoint pattern
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param groupId          the consumer group; every consumer of the topic in the group shares its
     *                         partitions, so give each service its own
     */
    public static String kafka(String topic, String bootstrapServers, String groupId) {
        requireNameOrPattern(topic, "topic");
        String servers = Arguments.requireText(bootstrapServers, "bootstrapServers");
        if (!BOOTSTRAP_SERVERS.matcher(servers).matches()) {
            throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port...], was '" + servers + "'");
        }
        requireName(groupId, "groupId");
        return "kafka:" + topic + "?brokers=" + servers + "&groupId=" + groupId
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true";
    }

    /**
     * {@code spring-rabbitmq:<name>?connectionFactory=#<connectionFactoryBean>&queues=<name>
     * &routingKey=%23&exchangeType=topic&autoDeclare=true&autoDeclareProducer=true&confirm=enabled
     * &acknowledgeMode=AUTO&retry=#class:dev.sagitta.camel.RequeueOnFailure&allowNullBody=true
     * &arg.queue.durable=true}.
     *
     * @param name                  the exchange and queue name, which may contain
     *                              {@value SagittaEndpoints#PARTICIPANT_PLACEHOLDER}
     * @param connectionFactoryBean the name of a Spring AMQP {@code ConnectionFactory} in the Camel registry
     */
    public static String rabbitMq(String name, String connectionFactoryBean) {
        requireNameOrPattern(name, "name");
        requireName(connectionFactoryBean, "connectionFactoryBean");
        return "spring-rabbitmq:" + name + "?connectionFactory=#" + connectionFactoryBean + "&queues=" + name
                + "&routingKey=%23&exchangeType=topic&autoDeclare=true&autoDeclareProducer=true"
                + "&confirm=enabled&acknowledgeMode=AUTO&retry=#class:" + RequeueOnFailure.class.getName()
                + "&allowNullBody=true"
                // camel-spring-rabbitmq declares queues transient unless told: a transient queue and the
                // persistent messages in it are gone when the broker restarts.
                + "&arg.queue.durable=true";
    }

    /**
     * {@code spring-rabbitmq:<name>?connectionFactory=#<connectionFactoryBean>&confirm=enabled
     * &allowNullBody=true}: what a participant needs to send to the exchange of {@link #rabbitMq}
     * with the same name, and nothing else. Give it to
     * {@link CamelCommandTransport.Builder#replyTo} so that every command carries this short URI as
     * its reply-to header rather than the whole reply endpoint with its consumer options. It does not
     * declare the exchange: the engine's reply consumer declares it, with its queue, when it starts,
     * before any command goes out.
     *
     * @param name                  the exchange name, as given to {@link #rabbitMq}
     * @param connectionFactoryBean the name of a Spring AMQP {@code ConnectionFactory} in the
     *                              participant's Camel registry
     */
    public static String rabbitMqReplyTo(String name, String connectionFactoryBean) {
        requireName(name, "name");
        requireName(connectionFactoryBean, "connectionFactoryBean");
        return "spring-rabbitmq:" + name + "?connectionFactory=#" + connectionFactoryBean
                + "&confirm=enabled&allowNullBody=true";
    }

    private static void requireNameOrPattern(String value, String name) {
        // The placeholder stands for a participant's name, which SagittaEndpoints checks when filling it in.
        check(Arguments.requireText(value, name).replace(SagittaEndpoints.PARTICIPANT_PLACEHOLDER, "p"), value, name);
    }

    private static void requireName(String value, String name) {
        check(Arguments.requireText(value, name), value, name);
    }

    private static void check(String checked, String value, String name) {
        if (!PLAIN_NAME.matcher(checked).matches()) {
            throw new IllegalArgumentException(name + " '" + value + "' has characters that need escaping in a URI;"
                    + " use letters, digits, '.', '_' and '-'");
        }
    }
}
