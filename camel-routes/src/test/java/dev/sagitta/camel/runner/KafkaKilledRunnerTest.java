package dev.sagitta.camel.runner;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.kafka.KafkaTestBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine killed mid-run over Kafka: topics of three partitions keyed by saga id, offsets
 * committed only once a message was handled. The dead engine's consumer leaves the group when its
 * session times out (6 s here), and the restarted one takes over its partitions from the last
 * committed offsets.
 */
class KafkaKilledRunnerTest extends KilledRunnerContract {

    private static final int PARTITIONS = 3;

    private final KafkaTestBroker kafka = KafkaTestBroker.get();

    @Override
    protected void bindBroker(CamelContext context) {
        // camel-kafka takes the brokers from each URI.
    }

    @Override
    protected String commandEndpoint(String run) {
        return endpoint(commandTopic(run), "ledger-" + run);
    }

    @Override
    protected String replyEndpoint(String run) {
        return endpoint(replyTopic(run), engineGroup(run)) + "&sessionTimeoutMs=6000&heartbeatIntervalMs=1000";
    }

    @Override
    protected Map<String, String> runnerBrokerProperties() {
        return Map.of();
    }

    @Override
    protected long repliesWaitingForTheEngine(String run) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(engineGroup(run))
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS)
                    .mapToObj(partition -> new TopicPartition(replyTopic(run), partition))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends.entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue() - (done == null ? 0 : done.offset());
            }).sum();
        }
    }

    private String endpoint(String topic, String group) {
        kafka.createTopic(topic, PARTITIONS);
        return BrokerEndpoints.kafka(topic, kafka.bootstrapServers(), group) + "&pollTimeoutMs=100";
    }

    private static String commandTopic(String run) {
        return "killed-" + run + ".ledger";
    }

    private static String replyTopic(String run) {
        return "killed-" + run + ".replies";
    }

    private static String engineGroup(String run) {
        return "engine-" + run;
    }
}
