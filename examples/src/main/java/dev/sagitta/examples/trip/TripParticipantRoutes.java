package dev.sagitta.examples.trip;

import dev.sagitta.camel.ParticipantRoute;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trip's participants (hotel, flight, car and mail services) for the standalone runner
 * ({@code dev.sagitta.camel.runner.SagittaRunner}), which finds this class through
 * {@code camel.main.routes-builder-classes=dev.sagitta.examples.trip.TripParticipantRoutes} and runs
 * it with {@code sagitta.engine.enabled=false}, while the application runs the engine
 * ({@code TripBookingApp --participants remote}).
 *
 * <p>Reads the same keys as the application, from the runner's properties (file, environment,
 * system properties): the broker ({@link BrokerSettings}: {@code trip.broker},
 * {@code trip.rabbitmq.url}, {@code trip.kafka.bootstrap}, {@code trip.queue-prefix}), any endpoint
 * given as {@code sagitta.participants.<participant>.endpoint} ({@link TripEndpoints}), and the
 * participants' database ({@link ParticipantsDatabase}: {@code trip.participants.database.url}; default
 * an embedded H2 database in {@value #DEFAULT_DATA_DIRECTORY} under the working directory).
 *
 * <p>The database and the broker connection are closed when the Camel context stops. The routes
 * run on the endpoints' consumer threads; the services they call are thread-safe.
 */
public final class TripParticipantRoutes extends RouteBuilder {

    /** Where the participants keep their tables when no database is configured. */
    public static final String DEFAULT_DATA_DIRECTORY = "trip-participants-data";

    private static final Logger LOG = LoggerFactory.getLogger(TripParticipantRoutes.class);

    /** For the runner, which instantiates it by name. */
    public TripParticipantRoutes() {
    }

    @Override
    public void configure() throws Exception {
        CamelContext camel = getContext();
        TripProperties properties = TripProperties.of(camel.getPropertiesComponent()::resolveProperty);
        BrokerSettings broker = BrokerSettings.from(properties);
        TripEndpoints endpoints = TripEndpoints.from(broker, properties);
        ParticipantsDatabase database = ParticipantsDatabase.configuredOrEmbedded(properties,
                Path.of(DEFAULT_DATA_DIRECTORY));
        BrokerConnection connection;
        try {
            connection = BrokerConnection.open(camel, broker, endpoints);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        // Services stop after the routes, so no command is handled on a closed database.
        camel.addService(new Closing(connection, database), true, true);
        List<ParticipantRoute> routes = TripParticipants.routes(database.dataSource(), endpoints,
                service -> ParticipantBehaviour.NORMAL);
        for (ParticipantRoute route : routes) {
            camel.addRoutes(route);
        }
        LOG.info("Trip participants on {} with their tables in {}: {}", broker.broker().optionName(),
                database.description(), routes.stream().map(ParticipantRoute::participant).toList());
    }

    /** Closes the broker connection and the database when the Camel context stops. */
    private record Closing(BrokerConnection connection, ParticipantsDatabase database) implements Service {

        @Override
        public void start() {
            // opened already
        }

        @Override
        public void stop() {
            connection.close();
            database.close();
        }
    }
}
