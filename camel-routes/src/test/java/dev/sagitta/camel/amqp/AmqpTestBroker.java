package dev.sagitta.camel.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;

/**
 * An AMQP 0-9-1 broker for the tests, one per JVM, shared by every test that asks for it.
 *
 * <pre>{@code
 * CachingConnectionFactory factory = AmqpTestBroker.get().connectionFactory();
 * context.getRegistry().bind("rabbitConnectionFactory", factory);  // camel-spring-rabbitmq finds it
 * ...
 * factory.destroy();
 * }</pre>
 *
 * <p>Where the broker lives:
 * <ul>
 *   <li>if the environment variable {@value #URL_VARIABLE} is set, on that server, for example
 *       {@code amqp://guest:guest@127.0.0.1:5672} (a RabbitMQ; a path after the port names the
 *       virtual host, {@code /} by default);</li>
 *   <li>otherwise on an embedded Qpid Broker-J, started by the first {@link #get()} of the JVM on
 *       a free port of 127.0.0.1, with messages in memory and the user {@code guest}/{@code guest};
 *       it stops when the JVM exits (its threads are not daemons: a test runner's JVM exits
 *       anyway, a {@code main} of one's own must call {@code System.exit}).</li>
 * </ul>
 * {@link #get()} connects once before it answers. When no broker can be had, it fails, and keeps
 * failing in that JVM, with a message that says to set {@value #URL_VARIABLE}: a test run without
 * a broker must not pass by skipping.
 *
 * <p>Tests share the broker: each should declare exchanges and queues with names of its own (a
 * random suffix) and delete them when it is done, since a real server keeps them.
 *
 * <p>Thread-safe: {@link #get()} starts or checks the broker at most once per JVM, the instance is
 * immutable, and each {@link #connectionFactory()} is a new factory that belongs to its caller.
 */
public final class AmqpTestBroker {

    /** The environment variable naming a RabbitMQ server to use instead of the embedded broker. */
    public static final String URL_VARIABLE = "SAGITTA_TEST_RABBITMQ_URL";

    private static final String EXAMPLE_URL = "amqp://guest:guest@127.0.0.1:5672";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(AmqpTestBroker.class);

    // guarded by AmqpTestBroker.class
    private static AmqpTestBroker shared;
    private static RuntimeException failure;

    private final String uri;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final String description;
    private final @Nullable EmbeddedQpid embedded;

    private AmqpTestBroker(String uri, String describedAs, @Nullable EmbeddedQpid embedded) {
        ConnectionFactory parsed = parse(uri);
        this.uri = uri;
        this.host = parsed.getHost();
        this.port = parsed.getPort();
        this.username = parsed.getUsername();
        this.password = parsed.getPassword();
        this.virtualHost = parsed.getVirtualHost();
        this.description = describedAs;
        this.embedded = embedded;
    }

    /**
     * The JVM's broker: the configured server, or the embedded one, started on the first call.
     *
     * @throws IllegalStateException if there is no broker to be had, saying what to set
     */
    public static synchronized AmqpTestBroker get() {
        if (shared == null && failure == null) {
            try {
                shared = connect();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return shared;
    }

    /** The broker's host name or address. */
    public String host() {
        return host;
    }

    /** The broker's AMQP port. */
    public int port() {
        return port;
    }

    /** The user the tests connect as. */
    public String username() {
        return username;
    }

    /** That user's password. */
    public String password() {
        return password;
    }

    /**
     * A new Spring AMQP connection factory for this broker, with publisher confirms
     * ({@link ConfirmType#CORRELATED}) and publisher returns turned on, as camel-spring-rabbitmq's
     * {@code confirm=enabled} needs. The caller owns it and calls {@code destroy()} when done.
     */
    public CachingConnectionFactory connectionFactory() {
        CachingConnectionFactory factory = new CachingConnectionFactory(rabbitConnectionFactory());
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

    /**
     * Where the broker is, for messages: {@code "RabbitMQ at amqp://guest@127.0.0.1:5672"} or
     * {@code "embedded Qpid Broker-J on port 41234"}. Never contains the password.
     */
    public String describe() {
        return description;
    }

    /**
     * Whether the queue {@code name} is durable, as the broker says: the embedded broker from its
     * model; a RabbitMQ server by accepting a durable declaration of it, which it refuses
     * ({@code PRECONDITION_FAILED}) for a transient queue.
     *
     * @throws IOException if the queue does not exist or the broker cannot be asked
     */
    public boolean isDurable(String name) throws IOException, TimeoutException {
        if (embedded != null) {
            return embedded.isDurable(name);
        }
        try (Connection connection = rabbitConnectionFactory().newConnection("sagitta-test-inspect")) {
            try (Channel channel = connection.createChannel()) {
                channel.queueDeclarePassive(name);
            }
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclare(name, true, false, false, null);
                channel.close();
                return true;
            } catch (IOException refused) {
                // The refusal closed the channel; anything but an inequivalent declaration is a real failure.
                if (String.valueOf(refused.getCause()).contains("PRECONDITION_FAILED")) {
                    return false;
                }
                throw refused;
            }
        }
    }

    /**
     * Takes the next message from the queue {@code name} as the broker holds it, not as a Camel
     * consumer would map it; waits up to {@code timeout} for one.
     */
    public GetResponse takeNextMessage(String name, Duration timeout) throws IOException, TimeoutException {
        try (Connection connection = rabbitConnectionFactory().newConnection("sagitta-test-take");
             Channel channel = connection.createChannel()) {
            AtomicReference<GetResponse> taken = new AtomicReference<>();
            Awaitility.await().atMost(timeout).until(() -> {
                taken.set(channel.basicGet(name, true));
                return taken.get() != null;
            });
            return taken.get();
        }
    }

    /**
     * Deletes the queues and exchanges of these names, those that exist: the endpoints of
     * {@code BrokerEndpoints.rabbitMq} declare both, durable, so a server would keep them for good.
     */
    public void deleteQueuesAndExchanges(String... names) throws IOException, TimeoutException {
        try (Connection connection = rabbitConnectionFactory().newConnection("sagitta-test-cleanup");
             Channel channel = connection.createChannel()) {
            for (String name : names) {
                channel.queueDelete(name);
                channel.exchangeDelete(name);
            }
        }
    }

    @Override
    public String toString() {
        return "AmqpTestBroker[" + description + "]";
    }

    private static AmqpTestBroker connect() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured(configured.trim());
        }
        return embedded();
    }

    private static AmqpTestBroker configured(String url) {
        ConnectionFactory parsed;
        try {
            parsed = parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(URL_VARIABLE + " is not an AMQP URL (" + e.getMessage() + "); set it to "
                    + "one like " + EXAMPLE_URL + ", or unset it to use an embedded Qpid Broker-J", e);
        }
        String where = parsed.isSSL() ? "amqps://" : "amqp://";
        where += parsed.getUsername() + "@" + parsed.getHost() + ":" + parsed.getPort()
                + ("/".equals(parsed.getVirtualHost()) ? "" : "/" + parsed.getVirtualHost());
        AmqpTestBroker broker = new AmqpTestBroker(url, "RabbitMQ at " + where, null);
        try {
            broker.probe();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to the " + broker.describe() + " named by "
                    + URL_VARIABLE + " (" + e + "); start that server, set " + URL_VARIABLE
                    + " to another one, or unset it to use an embedded Qpid Broker-J", e);
        }
        return broker;
    }

    private static AmqpTestBroker embedded() {
        AmqpTestBroker broker;
        try {
            EmbeddedQpid qpid = EmbeddedQpid.start();
            broker = new AmqpTestBroker("amqp://" + EmbeddedQpid.USER + ":" + EmbeddedQpid.PASSWORD + "@127.0.0.1:"
                    + qpid.port(), "embedded Qpid Broker-J on port " + qpid.port(), qpid);
            broker.probe();
            LOG.info("Started the {} in {} ms", broker.describe(), qpid.startTime().toMillis());
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("No AMQP broker for the tests: the embedded Qpid Broker-J did not start ("
                    + e + "). Set " + URL_VARIABLE + " to a RabbitMQ server's URL, for example " + EXAMPLE_URL, e);
        }
        return broker;
    }

    /** Opens and closes one connection, so that a broker that cannot be reached fails here and says so. */
    private void probe() throws IOException, TimeoutException {
        try (Connection connection = rabbitConnectionFactory().newConnection("sagitta-test-probe")) {
            if (!connection.isOpen()) {
                throw new IOException("the connection closed as soon as it opened");
            }
        }
    }

    private ConnectionFactory rabbitConnectionFactory() {
        ConnectionFactory factory = parse(uri);
        factory.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        // Spring AMQP recovers connections itself, and warns when the client would do it too
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static ConnectionFactory parse(String uri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException e) {
            // neither the exception's message nor the exception: both would repeat the password
            throw new IllegalArgumentException(e.getReason() + " at index " + e.getIndex());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return factory;
    }
}
