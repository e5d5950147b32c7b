package dev.sagitta.examples.trip;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the trip's Kafka topics before anything consumes them, so the example also runs on a
 * cluster that does not create topics on first use. Stateless.
 */
final class KafkaTopics {

    /** Enough for a saga's messages to stay in order (keyed by saga id) while sagas spread over consumers. */
    static final int PARTITIONS = 3;

    private static final int TIMEOUT_MS = 30_000;
    private static final long POLL_MS = 50;

    private KafkaTopics() {
    }

    /** Creates each topic that does not exist yet, with the cluster's default replication factor. */
    static void ensure(String bootstrapServers, List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
            CreateTopicsResult created = admin.createTopics(topics.stream()
                    .map(topic -> new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty()))
                    .toList());
            for (String topic : topics) {
                awaitCreated(created, topic, bootstrapServers);
            }
            awaitLeaders(admin, topics, bootstrapServers);
        }
    }

    /** A new topic's partitions take a moment to get leaders; until then, sends to them are retried. */
    private static void awaitLeaders(Admin admin, List<String> topics, String bootstrapServers) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                // not known everywhere yet: ask again
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka topics " + topics, e);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka topics " + topics, e);
            }
        }
        throw new IllegalStateException("the partitions of Kafka topics " + topics + " at " + bootstrapServers
                + " have no leader after " + TIMEOUT_MS / 1000 + " s");
    }

    private static void awaitCreated(CreateTopicsResult created, String topic, String bootstrapServers) {
        try {
            created.values().get(topic).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topic " + topic + " at " + bootstrapServers
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within "
                    + TIMEOUT_MS / 1000 + " s while creating topic " + topic + "; check " + BrokerSettings.KAFKA_BOOTSTRAP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topic " + topic, e);
        }
    }
}
