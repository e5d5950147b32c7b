package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.camel.kafka.KafkaTestBroker;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reply's Kafka offset is committed only once the engine has committed the reply, and a reply the
 * engine failed to commit is consumed again rather than skipped.
 */
class KafkaReplyOffsetsTest {

    private final KafkaTestBroker kafka = KafkaTestBroker.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "offsets-" + run + ".replies";
    private final String group = "engine-" + run;
    private final CommandMessage command = Messages.command("hotel-service", "hotel");
    private final ReplyMessage held = reply("held");
    private final ReplyMessage failingOnce = reply("failing-once");
    private final CompletableFuture<Void> heldCommit = new CompletableFuture<>();
    private final AtomicBoolean failedOnce = new AtomicBoolean();
    private final RecordingSink engine = RecordingSink.answering(this::commit);
    private CamelCommandTransport transport;

    @AfterEach
    void close() {
        heldCommit.complete(null);
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void the_offset_moves_only_after_the_engine_committed_the_reply_and_a_failed_reply_is_consumed_again()
            throws Exception {
        kafka.createTopic(topic, 1);
        transport = CamelCommandTransport.builder()
                .replyEndpoint(BrokerEndpoints.kafka(topic, kafka.bootstrapServers(), group) + "&pollTimeoutMs=100")
                .build();
        transport.start(engine);
        ProducerTemplate producer = transport.camelContext().createProducerTemplate();

        send(producer, held);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.replies().contains(held));
        await("the offset to stay put while the engine has not committed").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5)).until(() -> committedOffset() == 0);

        heldCommit.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset() == 1);

        send(producer, failingOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() == 2);
        assertThat(engine.replies()).containsExactly(held, failingOnce, failingOnce);
    }

    private CompletionStage<Void> commit(ReplyMessage reply) {
        if (reply.equals(held)) {
            return heldCommit;
        }
        if (reply.equals(failingOnce) && failedOnce.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine's transaction rolled back"));
        }
        return CompletableFuture.completedFuture(null);
    }

    private void send(ProducerTemplate producer, ReplyMessage reply) {
        producer.send(transport.replyEndpoint(),
                exchange -> CamelMessageMapper.writeReply(reply, command, exchange.getMessage()));
    }

    private ReplyMessage reply(String id) {
        return ReplyMessage.success(command, id, "trip.hotel.reserved", "{}", Messages.CREATED_AT);
    }

    private long committedOffset() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}
