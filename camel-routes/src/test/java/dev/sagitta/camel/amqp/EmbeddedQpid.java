package dev.sagitta.camel.amqp;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Container;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * Qpid Broker-J in this JVM, speaking AMQP 0-9-1 on a free port of 127.0.0.1, keeping its
 * configuration and messages in memory, with the one user {@value #USER}/{@value #PASSWORD}.
 * The broker's configuration is {@code qpid-test-broker.json} beside this class. It stops with
 * the JVM (the broker registers its own shutdown hook).
 *
 * <p>Not thread-safe: {@link AmqpTestBroker} starts it once, under its lock.
 */
final class EmbeddedQpid {

    static final String USER = "guest";
    static final String PASSWORD = "guest";

    private static final String CONFIGURATION = "qpid-test-broker.json";
    private static final String AMQP_PORT_NAME = "AMQP";

    private final Container<?> broker;
    private final int port;
    private final Duration startTime;

    private EmbeddedQpid(Container<?> broker, int port, Duration startTime) {
        this.broker = broker;
        this.port = port;
        this.startTime = startTime;
    }

    /** Starts a broker and waits until it accepts connections. */
    static EmbeddedQpid start() throws Exception {
        URL configuration = EmbeddedQpid.class.getResource(CONFIGURATION);
        if (configuration == null) {
            throw new IllegalStateException(CONFIGURATION + " is missing from the test classpath");
        }
        Path workDirectory = Files.createTempDirectory("sagitta-qpid-");
        workDirectory.toFile().deleteOnExit();

        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                system.set(config);
            }
        });
        long started = System.nanoTime();
        try {
            launcher.startup(attributes(configuration, workDirectory));
            Container<?> broker = brokerOf(system.get());
            return new EmbeddedQpid(broker, boundAmqpPort(broker), Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception | LinkageError e) {
            launcher.shutdown();
            throw e;
        }
    }

    /** The port the broker listens on. */
    int port() {
        return port;
    }

    /**
     * Whether the queue {@code name} is durable, read from the broker's model.
     *
     * @throws IllegalStateException if no virtual host has such a queue
     */
    boolean isDurable(String name) {
        for (VirtualHostNode<?> node : broker.getChildren(VirtualHostNode.class)) {
            VirtualHost<?> host = node.getVirtualHost();
            Queue<?> queue = host == null ? null : host.getChildByName(Queue.class, name);
            if (queue != null) {
                return queue.isDurable();
            }
        }
        throw new IllegalStateException("the embedded Qpid Broker-J has no queue '" + name + "'");
    }

    /** How long {@link #start()} took. */
    Duration startTime() {
        return startTime;
    }

    private static Map<String, Object> attributes(URL configuration, Path workDirectory) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ConfiguredObject.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, configuration.toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(ConfiguredObject.CONTEXT, Map.of(
                SystemConfig.QPID_WORK_DIR, workDirectory.toString(),
                // the operating system picks a free port when the socket is bound: no race with other JVMs
                "qpid.amqp_port", "0",
                // the broker's own preferences (of its web console) would otherwise be written to a file
                "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
        return attributes;
    }

    private static Container<?> brokerOf(SystemConfig<?> system) {
        if (system == null) {
            throw new IllegalStateException("Qpid started without a broker");
        }
        return system.getContainer();
    }

    private static int boundAmqpPort(Container<?> broker) {
        for (Port<?> port : broker.getChildren(Port.class)) {
            if (AMQP_PORT_NAME.equals(port.getName()) && port.getBoundPort() > 0) {
                return port.getBoundPort();
            }
        }
        throw new IllegalStateException("Qpid started, but its " + AMQP_PORT_NAME + " port is not bound");
    }
}
