package dev.sagitta.camel.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster for this JVM's tests.
 *
 * <pre>{@code
 * KafkaTestBroker kafka = KafkaTestBroker.get();
 * kafka.createTopic("sagitta.commands.hotel-service", 3);
 * from("kafka:sagitta.commands.hotel-service?brokers=" + kafka.bootstrapServers() + "&groupId=hotel")
 * }</pre>
 *
 * <p>Where the cluster lives:
 * <ul>
 *   <li>if the environment variable {@value #BOOTSTRAP_VARIABLE} is set, that cluster, for example
 *       {@code 127.0.0.1:9092} (it must be reachable when {@link #get()} is first called);</li>
 *   <li>otherwise an in-process KRaft cluster of one combined broker and controller, started by the
 *       first {@link #get()} on free ports of localhost and shut down (its data deleted) when the
 *       JVM exits (see {@link EmbeddedKafkaCluster} for its settings).</li>
 * </ul>
 * Tests share the cluster, so each should use topics and consumer groups of its own, for example
 * with a random suffix. When no cluster can be had, {@link #get()} fails and says to set
 * {@value #BOOTSTRAP_VARIABLE}: a test run without Kafka must not pass by skipping.
 *
 * <p>Thread-safe: {@link #get()} starts at most one cluster per JVM however many threads call it,
 * and an instance is immutable.
 */
public final class KafkaTestBroker {

    /** The environment variable naming an existing cluster to use instead of the in-process one. */
    public static final String BOOTSTRAP_VARIABLE = "SAGITTA_TEST_KAFKA_BOOTSTRAP";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestBroker.class);

    private static KafkaTestBroker shared;

    private final String bootstrapServers;
    private final String description;

    private KafkaTestBroker(String bootstrapServers, String description) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
    }

    /** The cluster of this JVM: the configured one, or the in-process one, started by the first caller. */
    public static synchronized KafkaTestBroker get() {
        if (shared == null) {
            String configured = System.getenv(BOOTSTRAP_VARIABLE);
            shared = configured != null && !configured.isBlank() ? configured(configured.trim()) : inProcess();
        }
        return shared;
    }

    /** The {@code host:port} list that clients (and camel-kafka's {@code brokers} option) connect to. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates a topic with the cluster's default replication factor and returns once every partition
     * has a leader. A topic of that name that already exists is accepted if it has as many partitions.
     */
    public void createTopic(String name, int partitions) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("cannot create topic " + name, e.getCause());
                }
            }
            await("partitions of topic " + name + " on " + description + " to have leaders")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreException(UnknownTopicOrPartitionException.class)
                    .until(() -> hasLeaders(describeTopic(admin, name), partitions));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw failure("timed out creating topic " + name, e);
        }
    }

    /** Which cluster this is, for messages: the configured variable, or the in-process broker and its start time. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "KafkaTestBroker[" + description + "]";
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    private static TopicDescription describeTopic(Admin admin, String name) throws Exception {
        try {
            return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static boolean hasLeaders(TopicDescription topic, int partitions) {
        if (topic.partitions().size() != partitions) {
            throw new IllegalStateException("topic " + topic.name() + " exists with " + topic.partitions().size()
                    + " partitions, not " + partitions);
        }
        return topic.partitions().stream().allMatch(partition -> partition.leader() != null);
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException(what + " on " + description + " (" + cause.getMessage() + "); check that "
                + "cluster, or set " + BOOTSTRAP_VARIABLE + " to another one", cause);
    }

    private static KafkaTestBroker configured(String bootstrapServers) {
        KafkaTestBroker broker = new KafkaTestBroker(bootstrapServers, BOOTSTRAP_VARIABLE + "=" + bootstrapServers);
        try (Admin admin = broker.admin()) {
            admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + broker.describe(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw broker.failure("cannot reach the Kafka cluster", cause);
        }
        return broker;
    }

    private static KafkaTestBroker inProcess() {
        EmbeddedKafkaCluster cluster;
        try {
            cluster = EmbeddedKafkaCluster.start();
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("No Kafka for the tests: the in-process broker did not start (" + e
                    + "). Set " + BOOTSTRAP_VARIABLE + " to a cluster's bootstrap servers, for example "
                    + "127.0.0.1:9092", e);
        }
        String description = "in-process Kafka " + AppInfoParser.getVersion() + " KRaft broker at "
                + cluster.bootstrapServers() + ", started in " + cluster.startMillis() + " ms";
        LOG.info("{}", description);
        return new KafkaTestBroker(cluster.bootstrapServers(), description);
    }
}
