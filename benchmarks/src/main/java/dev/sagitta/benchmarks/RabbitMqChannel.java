package dev.sagitta.benchmarks;

import com.rabbitmq.client.Channel;
import dev.sagitta.camel.BrokerEndpoints;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * Remote steps over a RabbitMQ server through camel-spring-rabbitmq, with the endpoints of
 * {@link BrokerEndpoints#rabbitMq} (commands carry {@link BrokerEndpoints#rabbitMqReplyTo} as where
 * to reply): durable exchanges and queues {@value #COMMANDS} and
 * {@value #REPLIES}, persistent messages, publisher confirms, acknowledgement after handling.
 *
 * <p>Each endpoint's consumer side runs {@code consumers} listener channels, each with up to
 * {@code prefetch} unacknowledged messages. A reply consumer holds its reply until the engine has
 * committed it, so the reply consumers bound how many replies can share one engine commit; the
 * participant's consumers each wait for their reply's publisher confirm, so they bound how many
 * commands are answered at once.
 */
final class RabbitMqChannel implements StepChannel {

    static final String COMMANDS = "sagitta-bench.commands";
    static final String REPLIES = "sagitta-bench.replies";
    private static final String FACTORY_BEAN = "benchRabbit";

    private final URI url;
    private final int replyConsumers;
    private final int participantConsumers;
    private final int prefetch;
    private CachingConnectionFactory factory;
    private ExecutorService listeners;

    RabbitMqChannel(URI url, int replyConsumers, int participantConsumers, int prefetch) {
        this.url = url;
        this.replyConsumers = replyConsumers;
        this.participantConsumers = participantConsumers;
        this.prefetch = prefetch;
    }

    @Override
    public void open(CamelContext camel) throws Exception {
        factory = new CachingConnectionFactory(url);
        // confirm=enabled in the endpoints needs correlated confirms and returns on the factory
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        // Every engine and participant thread that publishes at once holds a channel; keep them all
        // cached rather than opening and closing channels under load.
        factory.setChannelCacheSize(128);
        // The listener containers run each listener on the connection's consumer threads, 2 per core
        // by default; a reply listener blocks until the engine committed, a participant listener until
        // its reply was confirmed. So without threads for all of them, 4 listeners would run at a time,
        // whatever concurrentConsumers says.
        listeners = Executors.newFixedThreadPool(replyConsumers + participantConsumers + 4, daemon("bench-rabbit-"));
        factory.setExecutor(listeners);
        deleteLeftovers();
        camel.getRegistry().bind(FACTORY_BEAN, factory);
    }

    @Override
    public String commandEndpoint() {
        return BrokerEndpoints.rabbitMq(COMMANDS, FACTORY_BEAN) + consumerOptions(participantConsumers);
    }

    @Override
    public String replyEndpoint() {
        return BrokerEndpoints.rabbitMq(REPLIES, FACTORY_BEAN) + consumerOptions(replyConsumers);
    }

    /** The reply exchange's producer address, which every command carries: about 100 characters, not 400. */
    @Override
    public String replyTo() {
        return BrokerEndpoints.rabbitMqReplyTo(REPLIES, FACTORY_BEAN);
    }

    @Override
    public String settings() {
        return String.format(Locale.ROOT, "reply_consumers=%d participant_consumers=%d prefetch=%d",
                replyConsumers, participantConsumers, prefetch);
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.destroy();
        }
        if (listeners != null) {
            listeners.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private String consumerOptions(int consumers) {
        return "&concurrentConsumers=" + consumers + "&prefetchCount=" + prefetch;
    }

    /**
     * Deletes the queues and exchanges an earlier run left on the server: messages still in them
     * would reach this run's engine as replies to sagas it never started.
     */
    private void deleteLeftovers() throws Exception {
        try (Connection connection = factory.createConnection(); Channel channel = connection.createChannel(false)) {
            for (String name : new String[] {COMMANDS, REPLIES}) {
                channel.queueDelete(name);
                channel.exchangeDelete(name);
            }
        }
    }
}
