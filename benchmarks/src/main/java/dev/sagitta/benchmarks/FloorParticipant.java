package dev.sagitta.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RabbitMQ floor's participant: {@code consumers} consumers of the command queue, each taking
 * one command at a time, answering success with a persistent reply to the reply queue, waiting for
 * that reply's publisher confirm, and only then acknowledging the command, as a participant that
 * must not lose a command would.
 *
 * <p>Each consumer's callback runs on the connection's consumer threads, and blocks there while it
 * waits for its confirm: the connection needs a thread for each consumer.
 */
final class FloorParticipant implements AutoCloseable {

    private static final byte[] SUCCESS = "{\"outcome\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);

    private final List<Channel> channels = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();

    FloorParticipant(Connection connection, String commandQueue, String replyQueue, int consumers) throws IOException {
        for (int i = 0; i < consumers; i++) {
            Channel commands = connection.createChannel();
            Channel replies = connection.createChannel();
            replies.confirmSelect();
            commands.basicQos(1);
            commands.basicConsume(commandQueue, false, new DefaultConsumer(commands) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    busy.incrementAndGet();
                    try {
                        answer(commands, replies, replyQueue, envelope, properties);
                    } finally {
                        busy.decrementAndGet();
                    }
                }
            });
            channels.add(commands);
            channels.add(replies);
        }
    }

    /** Sends the success reply, waits for its confirm, then acknowledges the command. */
    private static void answer(Channel commands, Channel replies, String replyQueue, Envelope envelope,
            AMQP.BasicProperties properties) throws IOException {
        AMQP.BasicProperties reply = MessageProperties.PERSISTENT_BASIC.builder()
                .correlationId(properties.getCorrelationId()).build();
        replies.basicPublish("", replyQueue, reply, SUCCESS);
        try {
            replies.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException e) {
            throw new IOException("no publisher confirm for a reply within 10 s", e);
        }
        commands.basicAck(envelope.getDeliveryTag(), false);
    }

    @Override
    public void close() throws Exception {
        // the drivers are done; let the last answers get their confirms before closing their channels
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (busy.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (Channel channel : channels) {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
