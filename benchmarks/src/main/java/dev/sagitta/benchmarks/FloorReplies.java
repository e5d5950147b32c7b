package dev.sagitta.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The RabbitMQ floor's reply queue: one consumer that hands each reply to the driver waiting for
 * it, by correlation id, and leaves it unacknowledged until that driver has committed the step
 * ({@link #ack}), so a reply is only ever lost from the queue once it is safe in PostgreSQL.
 *
 * <p>Thread-safe: drivers expect and acknowledge from their own threads.
 */
final class FloorReplies implements AutoCloseable {

    private final Channel channel;
    private final ConcurrentMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    FloorReplies(Connection connection, String queue, int prefetch) throws IOException {
        channel = connection.createChannel();
        channel.basicQos(prefetch);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                CompletableFuture<Long> driver = waiting.remove(properties.getCorrelationId());
                if (driver != null) {
                    driver.complete(envelope.getDeliveryTag());
                }
            }
        });
    }

    /** Registers interest in the reply to {@code correlationId}; call before sending the command. */
    CompletableFuture<Long> expect(String correlationId) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        waiting.put(correlationId, reply);
        return reply;
    }

    /** Acknowledges the reply delivered with {@code deliveryTag}: its step is committed. */
    void ack(long deliveryTag) throws IOException {
        channel.basicAck(deliveryTag, false);
    }

    @Override
    public void close() throws Exception {
        if (channel.isOpen()) {
            channel.close();
        }
    }
}
