package dev.sagitta.camel.broker;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.kafka.KafkaTestBroker;
import org.apache.camel.CamelContext;

/**
 * The broker trip over Kafka: a topic per participant and one for replies, three partitions each,
 * keyed by saga id, with offsets committed once a message was handled; each consumer group is new
 * per test.
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
        return BrokerEndpoints.kafka(topic, kafka.bootstrapServers(), group) + "&pollTimeoutMs=100";
    }
}
