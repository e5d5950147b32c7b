package dev.sagitta.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One driver thread of the RabbitMQ floor: runs three-step sagas one after another, committing
 * each transition in PostgreSQL ({@link FloorLedger}) and sending each step's command as a
 * persistent message with a publisher confirm.
 *
 * <p>A step: publish the command; wait for the reply; commit the step; acknowledge the reply. Once
 * the three steps are done, the saga requires the confirms of its three commands. The confirms are
 * not awaited step by step because each one waits on a chain: the participant acknowledges a
 * command only once its reply is confirmed, and RabbitMQ confirms a persistent message once it is
 * on disk or consumed and acknowledged, that is once this driver acknowledged the reply. Awaited in
 * each step, those confirms put RabbitMQ's message store sync on the path of every step; a reply
 * proves the command arrived anyway.
 */
final class FloorDriver implements ClosedLoop.Driver {

    private static final byte[] COMMAND = "{\"cmd\":\"charge\",\"amount\":42.5,\"orderId\":123}"
            .getBytes(StandardCharsets.UTF_8);
    private static final int STEPS = 3;

    private final int index;
    private final FloorLedger ledger;
    private final Channel commands;
    private final String commandQueue;
    private final FloorReplies replies;

    FloorDriver(int index, FloorLedger ledger, Connection connection, String commandQueue, FloorReplies replies)
            throws Exception {
        this.index = index;
        this.ledger = ledger;
        this.commands = connection.createChannel();
        this.commands.confirmSelect();
        this.commandQueue = commandQueue;
        this.replies = replies;
    }

    @Override
    public boolean runSaga(long n) throws Exception {
        // unique across drivers and runs of one table: driver index in the low bits
        long sagaId = n * 1024 + index;
        ledger.start(sagaId);
        for (int step = 1; step <= STEPS; step++) {
            String correlationId = sagaId + "." + step;
            var reply = replies.expect(correlationId);
            AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                    .correlationId(correlationId).build();
            commands.basicPublish("", commandQueue, properties, COMMAND);
            long deliveryTag = reply.get(60, TimeUnit.SECONDS);
            ledger.stepDone(sagaId, step, step == STEPS);
            replies.ack(deliveryTag);
        }
        commands.waitForConfirmsOrDie(10_000);
        return true;
    }

    @Override
    public void close() throws Exception {
        try {
            if (commands.isOpen()) {
                commands.close();
            }
        } finally {
            ledger.close();
        }
    }
}
