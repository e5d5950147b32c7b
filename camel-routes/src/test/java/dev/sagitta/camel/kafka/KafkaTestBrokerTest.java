package dev.sagitta.camel.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaTestBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaTestBroker kafka = KafkaTestBroker.get();
    private final CamelContext camel = new DefaultCamelContext();

    private record Received(String key, String body, int partition) {}

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void camelConsumesEachKeyInOrderFromOnePartitionAndCommitsAfterProcessing() throws Exception {
        String topic = "sagitta-test-" + UUID.randomUUID();
        String group = "sagitta-test-group-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        String brokers = "brokers=" + kafka.bootstrapServers();
        List<Received> received = new CopyOnWriteArrayList<>();

        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a short poll: stopping the route waits for the poll in progress (5 s by default)
                from("kafka:" + topic + "?" + brokers + "&groupId=" + group + "&autoOffsetReset=earliest"
                        + "&autoCommitEnable=false&allowManualCommit=true&consumersCount=1&pollTimeoutMs=100")
                        .routeId("kafka-test-consumer")
                        .process(exchange -> {
                            Message message = exchange.getMessage();
                            received.add(new Received(message.getHeader(KafkaConstants.KEY, String.class),
                                    message.getBody(String.class),
                                    message.getHeader(KafkaConstants.PARTITION, Integer.class)));
                            message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
                        });
            }
        });
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();
        for (int i = 0; i < 10; i++) {
            String key = i % 2 == 0 ? "saga-a" : "saga-b";
            producer.sendBodyAndHeader("kafka:" + topic + "?" + brokers, key + "-" + i, KafkaConstants.KEY, key);
        }

        await("10 messages from " + kafka.describe()).atMost(PATIENCE).until(() -> received.size() >= 10);
        assertThat(received).hasSize(10);
        assertThat(bodiesOf(received, "saga-a")).containsExactly("saga-a-0", "saga-a-2", "saga-a-4", "saga-a-6", "saga-a-8");
        assertThat(bodiesOf(received, "saga-b")).containsExactly("saga-b-1", "saga-b-3", "saga-b-5", "saga-b-7", "saga-b-9");
        assertThat(partitionsOf(received, "saga-a")).hasSize(1);
        assertThat(partitionsOf(received, "saga-b")).hasSize(1);

        try (Admin admin = admin()) {
            await("group " + group + " to have committed 10 offsets").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(committedOffsets(admin, group)).isEqualTo(10));
        }
    }

    @Test
    void createdTopicHasItsPartitionsWithLeadersWhenCreateTopicReturns() throws Exception {
        String topic = "sagitta-test-" + UUID.randomUUID();

        kafka.createTopic(topic, 3);

        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.leader()).isNotNull());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static List<String> bodiesOf(List<Received> received, String key) {
        return received.stream().filter(r -> r.key().equals(key)).map(Received::body).toList();
    }

    private static Set<Integer> partitionsOf(List<Received> received, String key) {
        return received.stream().filter(r -> r.key().equals(key)).map(Received::partition).collect(Collectors.toSet());
    }

    private static long committedOffsets(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
