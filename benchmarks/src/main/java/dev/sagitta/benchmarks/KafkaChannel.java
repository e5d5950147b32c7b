package dev.sagitta.benchmarks;

import dev.sagitta.camel.BrokerEndpoints;
import dev.sagitta.camel.kafka.KafkaTestBroker;
import java.util.Locale;
import org.apache.camel.CamelContext;

/**
 * Remote steps over Kafka through camel-kafka, with the endpoints of {@link BrokerEndpoints#kafka}:
 * offsets committed by the route once a record was handled, producers waiting for {@code acks=all}.
 *
 * <p>The cluster is {@link KafkaTestBroker}'s: an in-process KRaft broker, or the cluster named by
 * {@value KafkaTestBroker#BOOTSTRAP_VARIABLE}. Each run gets topics and consumer groups of its own,
 * so nothing an earlier run left in a topic reaches it.
 *
 * <p>A Kafka consumer hands its records to the route one at a time, and a partition belongs to one
 * consumer of a group; so each side runs {@code consumers} consumers over {@code partitions}
 * partitions, and at most the smaller of the two records are handled at once. On the reply side
 * each of them waits for the engine's commit, so that number bounds how many replies can share one
 * engine commit.
 */
final class KafkaChannel implements StepChannel {

    private final int partitions;
    private final int replyConsumers;
    private final int participantConsumers;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private String commands;
    private String replies;

    KafkaChannel(int partitions, int replyConsumers, int participantConsumers) {
        this.partitions = partitions;
        this.replyConsumers = replyConsumers;
        this.participantConsumers = participantConsumers;
    }

    @Override
    public void open(CamelContext camel) {
        KafkaTestBroker kafka = KafkaTestBroker.get();
        String commandTopic = "sagitta-bench-" + run + ".commands";
        String replyTopic = "sagitta-bench-" + run + ".replies";
        kafka.createTopic(commandTopic, partitions);
        kafka.createTopic(replyTopic, partitions);
        commands = BrokerEndpoints.kafka(commandTopic, kafka.bootstrapServers(), "bench-service-" + run)
                + "&consumersCount=" + participantConsumers;
        replies = BrokerEndpoints.kafka(replyTopic, kafka.bootstrapServers(), "bench-engine-" + run)
                + "&consumersCount=" + replyConsumers;
    }

    @Override
    public String commandEndpoint() {
        return commands;
    }

    @Override
    public String replyEndpoint() {
        return replies;
    }

    @Override
    public String settings() {
        return String.format(Locale.ROOT, "partitions=%d reply_consumers=%d participant_consumers=%d",
                partitions, replyConsumers, participantConsumers);
    }

    @Override
    public void close() {
    }
}
