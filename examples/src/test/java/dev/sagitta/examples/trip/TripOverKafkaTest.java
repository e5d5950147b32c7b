package dev.sagitta.examples.trip;

import dev.sagitta.camel.kafka.KafkaTestBroker;
import java.util.Map;

/**
 * The trip over Kafka: the cluster named by {@value KafkaTestBroker#BOOTSTRAP_VARIABLE}, else an
 * in-process KRaft broker. The example creates a topic per participant and one for the replies,
 * three partitions each, keyed by saga id, with a consumer group per participant and one for the engine.
 */
class TripOverKafkaTest extends TripOverBrokerContract {

    @Override
    protected Map<String, String> brokerProperties() {
        return Map.of(
                BrokerSettings.BROKER, "kafka",
                BrokerSettings.KAFKA_BOOTSTRAP, KafkaTestBroker.get().bootstrapServers());
    }
}
