package dev.sagitta.examples.trip;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.SagittaEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Camel endpoint URIs of the trip's participants and of the replies. A URI given with the
 * runner's and transport's keys wins ({@code sagitta.participants.<participant>.endpoint},
 * {@code sagitta.participants.endpoint-pattern}, {@code sagitta.replies.endpoint}); the others are
 * made from the {@link BrokerSettings} with {@link BrokerEndpoints}. The engine's transport sends to
 * these URIs and consumes the reply URI; each participant's route consumes its own URI.
 *
 * <p>Immutable and thread-safe.
 *
 * @param commands    the command endpoint of each of {@link #PARTICIPANTS}
 * @param replies     where participants send replies
 * @param kafkaTopics the Kafka topics these URIs use that were named here (not given as URIs), to create
 */
public record TripEndpoints(Map<String, String> commands, String replies, List<String> kafkaTopics) {

    /** The trip's remote participants; the payment is a local step. */
    public static final List<String> PARTICIPANTS = List.of(TripSaga.HOTEL, TripSaga.FLIGHT, TripSaga.CAR, TripSaga.MAIL);

    static final String PARTICIPANT_KEY = "sagitta.participants.%s.endpoint";
    static final String PATTERN_KEY = "sagitta.participants.endpoint-pattern";
    static final String REPLIES_KEY = "sagitta.replies.endpoint";

    // A stopping Kafka consumer waits for its poll to return (5 s by default): shut down faster.
    private static final String KAFKA_POLL = "&pollTimeoutMs=500";
    // Each reply consumer waits for the engine's commit of its reply; several fill a commit better.
    private static final String RABBIT_REPLY_CONSUMERS = "&concurrentConsumers=8";

    public TripEndpoints {
        commands = Map.copyOf(commands);
        kafkaTopics = List.copyOf(kafkaTopics);
    }

    /** The endpoints {@code properties} give, the rest made for {@code broker}. */
    public static TripEndpoints from(BrokerSettings broker, TripProperties properties) {
        Map<String, String> commands = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>();
        for (String participant : PARTICIPANTS) {
            commands.put(participant, properties.get(PARTICIPANT_KEY.formatted(participant))
                    .or(() -> properties.get(PATTERN_KEY).map(p -> SagittaEndpoints.commandEndpoint(p, participant)))
                    .orElseGet(() -> commandEndpoint(broker, participant, topics)));
        }
        String replies = properties.get(REPLIES_KEY).orElseGet(() -> replyEndpoint(broker, topics));
        return new TripEndpoints(commands, replies, topics);
    }

    /** Where {@code participant}'s commands go. */
    public String command(String participant) {
        String endpoint = commands.get(participant);
        if (endpoint == null) {
            throw new IllegalArgumentException("'" + participant + "' is not a trip participant: " + PARTICIPANTS);
        }
        return endpoint;
    }

    /** The endpoints as the transport's {@code sagitta.*} keys, for {@code CamelCommandTransport.Builder.properties}. */
    public Map<String, String> transportProperties() {
        Map<String, String> keys = new LinkedHashMap<>();
        commands.forEach((participant, uri) -> keys.put(PARTICIPANT_KEY.formatted(participant), uri));
        keys.put(REPLIES_KEY, replies);
        return keys;
    }

    private static String commandEndpoint(BrokerSettings broker, String participant, List<String> topics) {
        String queue = broker.commandQueue(participant);
        return switch (broker.broker()) {
            case SEDA -> SagittaEndpoints.defaultCommandEndpoint(participant);
            case RABBITMQ -> BrokerEndpoints.rabbitMq(queue, BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY);
            // Each participant reads in a consumer group of its own.
            case KAFKA -> kafka(broker, queue, participant, topics);
        };
    }

    private static String replyEndpoint(BrokerSettings broker, List<String> topics) {
        String queue = broker.replyQueue();
        return switch (broker.broker()) {
            case SEDA -> SagittaEndpoints.DEFAULT_REPLY_ENDPOINT;
            case RABBITMQ -> BrokerEndpoints.rabbitMq(queue, BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY) + RABBIT_REPLY_CONSUMERS;
            case KAFKA -> kafka(broker, queue, "engine", topics);
        };
    }

    private static String kafka(BrokerSettings broker, String topic, String consumer, List<String> topics) {
        topics.add(topic);
        return BrokerEndpoints.kafka(topic, broker.kafkaBootstrap(), broker.queuePrefix() + "." + consumer) + KAFKA_POLL;
    }
}
