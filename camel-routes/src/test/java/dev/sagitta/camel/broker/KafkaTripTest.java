package dev.sagitta.camel.broker;

import dev.sagitta.camel.kafka.KafkaTestBroker;
import org.apache.camel.CamelContext;

/**
 * The broker trip over Kafka: a topic per participant and one for replies, three partitions each,
 * keyed by saga id; each consumer group is new per test. {@code breakOnFirstError} makes a message
 * whose processing failed be consumed again rather than skipped.
 */
class KafkaTripTest extends BrokerTripContract {

    private static final int PARTITIONS = 3;

    private final KafkaTestBroker kafka = KafkaTestBroker.get();

    @Override
    protected void bindBroker(CamelContext context) {
        // camel-kafka takes the brokers from each URI.
    }

    @Override
    protected String commandEndpoint(String participant, String run) {
        return endpoint("trip-" + run + "." + participant, participant + "-" + run);
    }

    @Override
    protected String replyEndpoint(String run) {
        return endpoint("trip-" + run + ".replies", "engine-" + run);
    }

    private String endpoint(String topic, String group) {
        kafka.createTopic(topic, PARTITIONS);
        return "kafka:" + topic + "?brokers=" + kafka.bootstrapServers() + "&groupId=" + group
                + "&autoOffsetReset=earliest&breakOnFirstError=true&pollTimeoutMs=100";
    }
}
