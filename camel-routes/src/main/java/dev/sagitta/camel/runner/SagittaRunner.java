package dev.sagitta.camel.runner;

import dev.sagitta.engine.SagaException;
import java.lang.management.ManagementFactory;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine side of Sagitta as a process of its own: the outbox relay, the reply consumers
 * and the engine's workers, on Apache Camel's {@code camel-main}, with the application's sagas and
 * routes found on the classpath.
 *
 * <pre>{@code
 * java -cp sagitta-camel-routes-<version>-runner.jar:my-sagas.jar dev.sagitta.camel.runner.SagittaRunner \
 *      --properties /etc/sagitta/runner.properties
 * }</pre>
 *
 * <p><b>Properties.</b> camel-main reads {@code application.properties} from the classpath;
 * {@code --properties <file>} (or the environment variable {@code SAGITTA_PROPERTIES}) adds a file
 * that wins over it. For any key, an environment variable named after it in upper case with
 * {@code _} for {@code .} and {@code -} ({@code SAGITTA_DATABASE_URL}) wins over both, then a JVM
 * system property. The keys:
 *
 * <ul>
 *   <li>{@code sagitta.database.url} (default: an embedded H2 database in {@code ./sagitta-data}),
 *       {@code sagitta.database.user}, {@code sagitta.database.password};</li>
 *   <li>{@code sagitta.participants.<participant>.endpoint}, {@code sagitta.participants.endpoint-pattern},
 *       {@code sagitta.replies.endpoint}, {@code sagitta.replies.reply-to}, {@code sagitta.replies.consumers}: as
 *       {@link dev.sagitta.camel.CamelCommandTransport.Builder#properties};</li>
 *   <li>{@code sagitta.rabbitmq.url} (an {@code amqp://} URL), {@code sagitta.rabbitmq.user},
 *       {@code sagitta.rabbitmq.password}: when the URL is set, a connection factory for it is bound
 *       as {@value dev.sagitta.camel.BrokerEndpoints#RABBITMQ_CONNECTION_FACTORY}, the name
 *       {@link dev.sagitta.camel.BrokerEndpoints#rabbitMq} URIs use;</li>
 *   <li>{@code sagitta.engine.enabled} (default {@code true}; {@code false} runs only the routes, so
 *       the same jar can host participants), {@code sagitta.engine.batch-size},
 *       {@code sagitta.engine.poll-interval}, {@code sagitta.engine.claim-lease},
 *       {@code sagitta.engine.outbox-grace} (defaults: the engine's; durations as {@code 500ms},
 *       {@code 2s}, {@code 1m} or {@code 1h});</li>
 *   <li>camel-main's own {@code camel.*} keys, for example {@code camel.main.base-package-scan} to
 *       find the application's {@code RouteBuilder} classes.</li>
 * </ul>
 *
 * <p><b>Sagas</b> come from every {@link dev.sagitta.engine.SagaDefinitionProvider} named in a
 * {@code META-INF/services/dev.sagitta.engine.SagaDefinitionProvider} resource; with the engine
 * enabled and none found, the runner does not start and says so.
 *
 * <p><b>Shutdown.</b> On SIGTERM (or Ctrl-C) camel-main's shutdown hook wakes the main thread, which
 * closes the engine (the batch in hand commits; queued events are refused, not applied), then the
 * database, then stops the Camel context. The JVM then exits with 143 (128 + SIGTERM), as any JVM
 * stopped by SIGTERM does. A runner that cannot start exits with 1, and a bad command line with 2.
 *
 * <p>Not instantiable; {@link #main} runs one runner per JVM.
 */
public final class SagittaRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SagittaRunner.class);

    private SagittaRunner() {
    }

    /**
     * Starts the runner and blocks until it is stopped.
     *
     * @param args {@code --properties <file>}, then any of camel-main's options ({@code -h} lists them)
     */
    public static void main(String[] args) {
        int exitCode = run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs until stopped; returns the exit code. */
    static int run(String[] args) {
        RunnerArguments arguments;
        try {
            arguments = RunnerArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("Bad command line: {}", e.getMessage());
            return 2;
        }
        Main main = new Main();
        main.setAppName("Sagitta runner on Apache Camel");   // camel-main appends Camel's version
        arguments.propertyLocations().ifPresent(main::setPropertyPlaceholderLocations);
        EngineLifecycle engine = new EngineLifecycle(
                noneIsFine -> DefinitionDiscovery.find(Thread.currentThread().getContextClassLoader(), noneIsFine));
        main.addMainListener(new RabbitMqConnection());
        main.addMainListener(engine);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                if (engine.startFailure() != null) {
                    return;
                }
                LOG.info("Sagitta runner started in {} ms (JVM uptime)", ManagementFactory.getRuntimeMXBean().getUptime());
            }
        });
        try {
            int exitCode = main.run(arguments.camelArguments().toArray(new String[0]));
            return engine.startFailure() != null ? 1 : exitCode;
        } catch (SagaException | IllegalArgumentException e) {
            // A message that says what to fix; the stack trace would only bury it.
            LOG.error("The Sagitta runner could not start: {}", e.getMessage());
            LOG.debug("Start-up failure", e);
            main.completed();
            return 1;
        } catch (Exception e) {
            LOG.error("The Sagitta runner could not start: {}", e.getMessage(), e);
            // Nothing is left to shut down gracefully: keep camel-main's shutdown hook from waiting.
            main.completed();
            return 1;
        } finally {
            engine.close();
        }
    }
}
