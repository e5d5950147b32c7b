package dev.sagitta.camel.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A throwaway KRaft cluster for this JVM's tests: one combined broker and controller from Kafka's
 * {@link KafkaClusterTestKit}, listening on free ports of localhost, with its data in a temporary
 * directory that is deleted when the JVM exits.
 *
 * <p>The test kit registers a JVM shutdown hook of its own that deletes the data directory. Run
 * beside the hook that stops the broker, it pulls the files from under the running broker, which
 * then logs pages of storage errors. So this class takes the test kit's hooks while it builds the
 * cluster and runs them itself, after the broker has stopped.
 *
 * <p>Settings for tests: topics are created on first use, the group coordinator's and the
 * transaction coordinator's topics have one replica and one partition, and a consumer group's first
 * rebalance starts at once.
 */
final class EmbeddedKafkaCluster {

    private final KafkaClusterTestKit cluster;
    private final List<Runnable> cleanups;
    private final long startMillis;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, List<Runnable> cleanups, long startMillis) {
        this.cluster = cluster;
        this.cleanups = cleanups;
        this.startMillis = startMillis;
    }

    /** Starts a cluster and stops it when the JVM exits. Called once per JVM, by {@link KafkaTestBroker}. */
    static EmbeddedKafkaCluster start() throws Exception {
        long started = System.nanoTime();
        List<Runnable> cleanups = new ArrayList<>();
        KafkaClusterTestKit cluster = null;
        Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | LinkageError e) {
            stop(cluster, cleanups);
            throw e;
        } finally {
            Exit.resetShutdownHookAdder();
        }
        EmbeddedKafkaCluster running = new EmbeddedKafkaCluster(cluster, cleanups,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.cluster, running.cleanups),
                "embedded-kafka-stop"));
        return running;
    }

    /** The brokers' {@code host:port} list. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long {@link #start()} took, in milliseconds. */
    long startMillis() {
        return startMillis;
    }

    private static void stop(KafkaClusterTestKit cluster, List<Runnable> cleanups) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            System.err.println("could not stop the embedded Kafka cluster: " + e);
        }
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("could not delete the embedded Kafka cluster's files: " + e);
            }
        }
    }
}
