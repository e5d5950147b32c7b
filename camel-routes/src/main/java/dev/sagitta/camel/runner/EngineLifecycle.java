package dev.sagitta.camel.runner;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.DeadLetterPolicy;
import dev.sagitta.camel.DeadLetterQueue;
import dev.sagitta.camel.saga.CamelRouteSagas;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaEngineBuilder;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.persistence.SagaDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the saga engine to camel-main's lifecycle:
 *
 * <ol>
 *   <li>before the Camel context starts, reads the settings, finds the definitions, opens the
 *       database and builds the transport (on camel-main's context) and the engine, failing the
 *       start with a message naming what to fix;</li>
 *   <li>once the context has started, starts the engine (reply route, relay, polling);</li>
 *   <li>before the context stops (on SIGTERM, camel-main's shutdown hook lets the main thread do
 *       this first), closes the engine, which lets the batch in hand commit, refuses the events
 *       still queued (not applied: a broker delivers a refused reply again, a claimed wake-up comes
 *       due again when its lease ends) and stops consuming replies, then closes the database.
 *       Outbox rows and leases are in the database, so another node, or this one started again,
 *       carries on.</li>
 * </ol>
 *
 * With {@code sagitta.engine.enabled=false} it does nothing, and the process runs only its routes.
 *
 * <p>Thread-safe: camel-main calls it from one thread, and {@link #close()} may be called from any
 * thread, any number of times.
 */
final class EngineLifecycle extends MainListenerSupport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLifecycle.class);

    private final Function<Boolean, List<SagaDefinition<?>>> definitions;
    private @Nullable SagaDatabase database;
    private @Nullable SagaEngine engine;
    private volatile @Nullable RuntimeException startFailure;
    private volatile boolean routesOnly;
    private volatile Duration stalledAfter = Duration.ofHours(1);

    /**
     * @param definitions finds the definitions to register, given whether finding none is fine (the
     *                    process runs Camel route sagas); called once, if the engine is enabled
     */
    EngineLifecycle(Function<Boolean, List<SagaDefinition<?>>> definitions) {
        this.definitions = definitions;
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        RunnerSettings settings = RunnerSettings.read(context.getPropertiesComponent());
        for (String key : settings.ignoredKeys()) {
            LOG.warn("Ignoring property {}: the runner does not know it (misspelt?)", key);
        }
        if (!settings.engineEnabled()) {
            routesOnly = true;
            return;
        }
        CamelRouteSagas routeSagas = settings.camelSagas() ? routeSagas(settings) : null;
        List<SagaDefinition<?>> found = new ArrayList<>(definitions.apply(routeSagas != null));
        if (routeSagas != null) {
            found.add(routeSagas.definition());
        }
        synchronized (this) {
            database = open(settings);
            try {
                CamelCommandTransport transport = CamelCommandTransport.builder()
                        .camelContext(context)
                        .properties(settings.transportProperties())
                        // Replies that cannot be processed are kept in the saga database, not dropped.
                        .deadLetters(deadLetterPolicy(settings, database))
                        .build();
                SagaEngineBuilder builder = SagaEngine.builder()
                        .store(database.store())
                        .transport(transport)
                        .register(found.toArray(new SagaDefinition<?>[0]));
                engine = settings.applyTo(builder).build();
                if (routeSagas != null) {
                    // Before the routes are built, so that their .saga() blocks find it.
                    context.addService(routeSagas.service(engine));
                }
                purgeDeadLetters(context, database, settings.deadLetterRetention());
                stalledAfter = settings.stalledAfter();
                LOG.info("Sagitta engine built with {} saga definition(s) {} on {}; replies from {}",
                        found.size(), names(found), settings.databaseDescription(), transport.replyEndpoint());
            } catch (Exception e) {
                close();
                throw e instanceof RuntimeException runtime ? runtime
                        : new SagaException("could not add the runner's routes and services: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        if (routesOnly) {
            int routes = main.getCamelContext().getRoutesSize();
            if (routes == 0) {
                LOG.warn("The saga engine is off ({}=false) and no route was found: the runner has nothing to do."
                        + " Name the application's RouteBuilder classes with camel.main.base-package-scan or"
                        + " camel.main.routes-builder-classes", RunnerSettings.ENGINE_ENABLED);
            } else {
                LOG.info("The saga engine is off ({}=false): running {} route(s) only", RunnerSettings.ENGINE_ENABLED,
                        routes);
            }
            return;
        }
        SagaEngine started;
        synchronized (this) {
            started = engine;
        }
        if (started == null) {
            return;
        }
        try {
            started.start();
            lookForStalledSagas(main.getCamelContext(), started, stalledAfter);
            LOG.info("Sagitta engine started");
        } catch (RuntimeException e) {
            startFailure = e;
            LOG.error("The saga engine did not start, so the runner stops: {}", e.getMessage(), e);
            if (main instanceof MainSupport running) {
                running.completed();   // stops as on SIGTERM: beforeStop, then the context
            }
        }
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        close();
    }

    /** The reason the engine did not start once the context had, if it did not. */
    @Nullable RuntimeException startFailure() {
        return startFailure;
    }

    /** Closes the engine, then the database. Idempotent. */
    @Override
    public synchronized void close() {
        SagaEngine closing = engine;
        engine = null;
        if (closing != null) {
            LOG.info("Closing the saga engine: the batch in hand commits, queued events are refused, not applied");
            try {
                closing.close();
                LOG.info("Closed the saga engine");
            } catch (RuntimeException e) {
                LOG.warn("Closing the saga engine failed; the database holds its state for the next start", e);
            }
        }
        SagaDatabase closingDatabase = database;
        database = null;
        if (closingDatabase != null) {
            closingDatabase.close();
            LOG.info("Closed the saga database");
        }
    }

    private static CamelRouteSagas routeSagas(RunnerSettings settings) {
        CamelRouteSagas.Builder builder = CamelRouteSagas.builder();
        if (settings.camelSagaCallTimeout() != null) {
            builder.callTimeout(settings.camelSagaCallTimeout());
        }
        return builder.build();
    }

    private static DeadLetterPolicy deadLetterPolicy(RunnerSettings settings, SagaDatabase database) {
        DeadLetterPolicy.Builder policy = DeadLetterPolicy.storingIn(database.deadLetters());
        if (settings.deadLetterEndpoint() != null) {
            policy.endpoint(settings.deadLetterEndpoint());
        }
        return policy.build();
    }

    /** Deletes dead letters past their retention now and every hour, on a Camel timer. */
    private static void purgeDeadLetters(CamelContext context, SagaDatabase database, Duration retention)
            throws Exception {
        DeadLetterQueue queue = new DeadLetterQueue(database.deadLetters(), context, Clock.system());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:sagitta-dead-letter-purge?period=3600000").routeId("sagitta-dead-letter-purge")
                        .process(exchange -> {
                            int purged = queue.purgeOlderThan(retention);
                            if (purged > 0) {
                                LOG.info("Purged {} dead letter(s) older than {}", purged, retention);
                            }
                        });
            }
        });
    }

    /** Every 10 minutes, logs at WARN each saga with no transition for {@code threshold} (up to 100). */
    private static void lookForStalledSagas(CamelContext context, SagaEngine engine, Duration threshold) {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:sagitta-stalled-sagas?period=600000&delay=60000").routeId("sagitta-stalled-sagas")
                            .process(exchange -> engine.findStalled(threshold, 100));
                }
            });
        } catch (Exception e) {
            throw new SagaException("could not add the stalled-saga route: " + e.getMessage(), e);
        }
    }

    private static SagaDatabase open(RunnerSettings settings) {
        String url = settings.databaseUrl();
        try {
            return url == null
                    ? SagaDatabase.embeddedH2(settings.defaultH2Directory())
                    : SagaDatabase.fromJdbcUrl(url, settings.databaseUser(), settings.databasePassword());
        } catch (RuntimeException e) {
            String where = url == null
                    ? settings.databaseDescription() + " (" + RunnerSettings.DATABASE_URL + " is unset)"
                    : RunnerSettings.DATABASE_URL + "=" + settings.databaseDescription();
            throw new SagaException("Cannot open the saga database at " + where + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(List<SagaDefinition<?>> definitions) {
        return definitions.stream().map(d -> d.name() + " v" + d.version()).toList();
    }
}
