package dev.sagitta.examples.trip;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaEngineBuilder;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaTimeoutException;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StartOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs trip sagas end to end: the engine, its store, the Camel routes and, by default, the four
 * participants in one process. Prints each saga's final status and timeline, then checks the
 * participants' tables. Sagas left unfinished by an earlier run on the same database are resumed and
 * reported too.
 *
 * <p>Commands and replies go over in-JVM {@code seda:} queues by default, or over RabbitMQ or Kafka
 * ({@code --broker}). With {@code --participants remote} the participants run elsewhere, for example
 * in the standalone runner ({@link TripParticipantRoutes}), and this process runs the engine only.
 * {@code --properties FILE} reads the settings from the keys the runner reads too
 * ({@code sagitta.database.*}, {@code sagitta.participants.<participant>.endpoint},
 * {@code sagitta.replies.endpoint}) and the example's {@code trip.*} keys ({@link BrokerSettings},
 * {@link ParticipantsDatabase}); options on the command line win over the file.
 */
@Command(name = "trip-booking", mixinStandardHelpOptions = true,
        description = "Books trips with the Sagitta saga engine: hotel, flight, car, payment, confirm, itinerary.")
public final class TripBookingApp implements Callable<Integer> {

    @Option(names = "--sagas", description = "How many trips to book (default: ${DEFAULT-VALUE}).")
    int sagas = 3;

    @Option(names = "--fail", description = "A participant that refuses: hotel, flight, car or payment.")
    String fail;

    @Option(names = "--fail-one-in", description = "With --fail, refuse only one trip in this many, picked by"
            + " saga id (default: every trip).")
    int failOneIn = 1;

    @Option(names = "--slow", description = "A participant that answers slowly: hotel, flight or car.")
    String slow;

    @Option(names = "--slow-one-in", description = "With --slow, answer slowly for only one trip in this many,"
            + " picked by saga id (default: every trip).")
    int slowOneIn = 1;

    @Option(names = "--slow-by", description = "How slowly --slow answers (default: ${DEFAULT-VALUE}).")
    Duration slowBy = Duration.ofSeconds(3);

    @Option(names = "--step-timeout", description = "Reply timeout of each reservation, and lease of the local"
            + " steps (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout = Duration.ofSeconds(2);

    @Option(names = "--claim-lease", description = "How long the engine holds a claimed timer or unsent command"
            + " before it may be claimed again, for instance by the next run after a crash (default: 30s).")
    Duration claimLease;

    @Option(names = "--jdbc-url", description = "Run on this database (jdbc:postgresql:... or jdbc:h2:...)"
            + " instead of the embedded H2 file database.")
    String jdbcUrl;

    @Option(names = "--db-user", description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser = "postgres";

    @Option(names = "--db-password", description = "Database password (default: empty).")
    String dbPassword = "";

    @Option(names = "--data-dir", description = "Directory of the embedded H2 database (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("sagitta-data");

    @Option(names = "--wait", description = "How long to wait for the sagas to finish (default: ${DEFAULT-VALUE}).")
    Duration wait = Duration.ofMinutes(2);

    @Option(names = "--quiet", description = "Print a summary only, not each saga's timeline.")
    boolean quiet;

    @Option(names = "--properties", paramLabel = "FILE", description = "Read settings from this properties file:"
            + " sagitta.database.url, .user, .password; sagitta.participants.<participant>.endpoint,"
            + " sagitta.replies.endpoint; trip.broker, trip.rabbitmq.url, trip.kafka.bootstrap, trip.queue-prefix,"
            + " trip.participants.database.url. Options given here win over the file.")
    Path propertiesFile;

    @Option(names = "--broker", description = "What carries commands and replies: seda (in this JVM), rabbitmq"
            + " or kafka (default: trip.broker, else seda).")
    String broker;

    @Option(names = "--rabbitmq-url", description = "With --broker rabbitmq, for example"
            + " amqp://guest:guest@127.0.0.1:5672 (default: trip.rabbitmq.url).")
    String rabbitMqUrl;

    @Option(names = "--kafka-bootstrap", description = "With --broker kafka, host:port[,host:port...]"
            + " (default: trip.kafka.bootstrap).")
    String kafkaBootstrap;

    @Option(names = "--participants", description = "Where the participants run: local (in this process) or"
            + " remote (elsewhere, on the same broker: the standalone runner with TripParticipantRoutes)"
            + " (default: ${DEFAULT-VALUE}).")
    ParticipantsMode participants = ParticipantsMode.LOCAL;

    /** Where the hotel, flight, car and mail services run. */
    enum ParticipantsMode { LOCAL, REMOTE }

    private final PrintStream out;

    public TripBookingApp() {
        this(System.out);
    }

    /** Prints its report to {@code out}. */
    TripBookingApp(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(new TripBookingApp(), args));
    }

    /** Runs {@code app} with the command line {@code args}; returns the exit code. */
    static int run(TripBookingApp app, String... args) {
        return new CommandLine(app)
                .registerConverter(Duration.class, TripBookingApp::duration)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    @Override
    public Integer call() throws Exception {
        TripProperties properties;
        BrokerSettings brokerSettings;
        TripEndpoints endpoints;
        try {
            properties = properties();
            brokerSettings = BrokerSettings.from(properties);
            endpoints = TripEndpoints.from(brokerSettings, properties);
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(new CommandLine(this), bad.getMessage(), bad);
        }
        if (participants == ParticipantsMode.REMOTE && brokerSettings.broker() == Broker.SEDA) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--participants remote needs a broker"
                    + " that other processes reach: --broker rabbitmq or kafka");
        }
        try (TripDatabase database = openDatabase(properties);
             ParticipantsDatabase ownParticipantsDatabase = ParticipantsDatabase.configured(properties).orElse(null)) {
            out.println("Store: " + database.description());
            DataSource participantsData = ownParticipantsDatabase != null ? ownParticipantsDatabase.dataSource()
                    : participants == ParticipantsMode.LOCAL ? database.dataSource() : null;
            out.println("Broker: " + brokerSettings.broker().optionName() + "; participants "
                    + (participants == ParticipantsMode.LOCAL ? "in this process" : "in another process")
                    + ", commands to " + endpoints.command(TripSaga.HOTEL) + ", ...");
            PaymentLedger payments = new PaymentLedger(database.dataSource(), behaviourOf("payment-service"));
            SagaDefinition<Trip> trip = TripSaga.definition(stepTimeout, payments);
            CamelContext camel = new DefaultCamelContext();
            try (BrokerConnection connection = BrokerConnection.open(camel, brokerSettings, endpoints)) {
                if (participants == ParticipantsMode.LOCAL) {
                    for (ParticipantRoute route : TripParticipants.routes(participantsData, endpoints, this::behaviourOf)) {
                        camel.addRoutes(route);
                    }
                }
                camel.start();
                try {
                    return runSagas(camel, endpoints, database, trip,
                            new TripConsistency(database.dataSource(), participantsData));
                } finally {
                    camel.close();
                }
            }
        }
    }

    private int runSagas(CamelContext camel, TripEndpoints endpoints, TripDatabase database, SagaDefinition<Trip> trip,
            TripConsistency consistency) throws Exception {
        CamelCommandTransport transport = CamelCommandTransport.builder()
                .camelContext(camel)
                .properties(endpoints.transportProperties())
                .build();
        SagaEngineBuilder builder = SagaEngine.builder()
                .store(database.store())
                .transport(transport)
                .register(trip);
        if (claimLease != null) {
            builder.claimLease(claimLease);
        }
        try (SagaEngine engine = builder.build()) {
            engine.start();
            List<String> sagaIds = new ArrayList<>(engine.unfinishedSagaIds(10_000));
            if (!sagaIds.isEmpty()) {
                out.println("Resuming " + sagaIds.size() + " unfinished saga(s) from an earlier run");
            }
            sagaIds.addAll(startTrips(engine, trip));
            Map<String, SagaStatus> outcomes = awaitAll(engine, sagaIds);
            report(engine, outcomes);
            return verify(consistency, outcomes) ? 0 : 1;
        }
    }

    /** The properties file's keys, with the options given on the command line in their place. */
    private TripProperties properties() {
        Map<String, String> values = TripProperties.read(propertiesFile);
        putIfGiven(values, BrokerSettings.BROKER, broker);
        putIfGiven(values, BrokerSettings.RABBITMQ_URL, rabbitMqUrl);
        putIfGiven(values, BrokerSettings.KAFKA_BOOTSTRAP, kafkaBootstrap);
        return TripProperties.of(values);
    }

    private static void putIfGiven(Map<String, String> values, String key, @Nullable String option) {
        if (option != null) {
            values.put(key, option);
        }
    }

    /** {@code --jdbc-url}, else {@code sagitta.database.url}, else the embedded H2 database. */
    private TripDatabase openDatabase(TripProperties properties) {
        if (jdbcUrl != null) {
            return TripDatabase.open(jdbcUrl, dbUser, dbPassword, dataDir);
        }
        return TripDatabase.open(properties.get("sagitta.database.url").orElse(null),
                properties.get("sagitta.database.user").orElse(null),
                properties.get("sagitta.database.password").orElse(null), dataDir);
    }

    private ParticipantBehaviour behaviourOf(String service) {
        String shortName = service.replace("-service", "");
        return new ParticipantBehaviour(shortName.equals(fail) ? failOneIn : 0, shortName.equals(slow) ? slowOneIn : 0,
                slowBy);
    }

    private List<String> startTrips(SagaEngine engine, SagaDefinition<Trip> trip) {
        String[] cities = {"Lisbon", "Oslo", "Kyoto", "Lima", "Tunis", "Hanoi", "Quito"};
        List<CompletableFuture<SagaHandle>> started = new ArrayList<>();
        for (int i = 0; i < sagas; i++) {
            Trip plan = Trip.plan("traveller-" + (i + 1), cities[i % cities.length], 2 + i % 5, 50_000L + i * 1_000L);
            started.add(engine.startSagaAsync(trip, plan, StartOptions.none()));
        }
        List<String> ids = new ArrayList<>();
        started.forEach(future -> ids.add(future.join().id()));
        if (!ids.isEmpty()) {
            out.println("Started " + ids.size() + " trip saga(s)");
        }
        return ids;
    }

    private Map<String, SagaStatus> awaitAll(SagaEngine engine, List<String> sagaIds) {
        Map<String, SagaStatus> outcomes = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        for (String sagaId : sagaIds) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            try {
                outcomes.put(sagaId, engine.awaitTermination(sagaId, left));
            } catch (SagaTimeoutException e) {
                outcomes.put(sagaId, engine.find(sagaId).map(SagaView::status).orElse(SagaStatus.RUNNING));
            }
        }
        return outcomes;
    }

    private void report(SagaEngine engine, Map<String, SagaStatus> outcomes) {
        Map<SagaStatus, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, SagaStatus> outcome : outcomes.entrySet()) {
            counts.merge(outcome.getValue(), 1, Integer::sum);
            if (!quiet) {
                SagaView view = engine.find(outcome.getKey()).orElseThrow();
                Trip data = view.data(Trip.class);
                out.printf("%nTrip %s to %s for %s: %s%s%n", view.sagaId(), data.city(), data.traveller(),
                        view.status(), view.reason() == null ? "" : " (" + view.reason() + ")");
                view.timeline().forEach(entry -> out.println("  " + entry));
            }
        }
        out.println();
        out.println("Sagas by final status: " + counts);
    }

    private boolean verify(TripConsistency consistency, Map<String, SagaStatus> outcomes) throws Exception {
        List<String> problems = consistency.check(outcomes);
        if (problems.isEmpty()) {
            out.println(consistency.checksParticipants()
                    ? "Participants' tables are consistent with every saga's outcome."
                    : "Payments are consistent with every saga's outcome. The participants' tables are in their own"
                            + " process's database: set " + ParticipantsDatabase.URL + " to check them too.");
            return true;
        }
        out.println("Inconsistencies:");
        problems.forEach(p -> out.println("  " + p));
        return false;
    }

    private static Duration duration(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(text);
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a duration: write 500ms, 3s, 2m or PT3S");
    }
}
