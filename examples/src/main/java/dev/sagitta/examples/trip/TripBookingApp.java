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
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs trip sagas end to end: the engine, its store, the Camel routes and the four participants in
 * one process. Prints each saga's final status and timeline, then checks the participants' tables.
 * Sagas left unfinished by an earlier run on the same database are resumed and reported too.
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

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        int exit = new CommandLine(new TripBookingApp())
                .registerConverter(Duration.class, TripBookingApp::duration)
                .execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        try (TripDatabase database = TripDatabase.open(jdbcUrl, dbUser, dbPassword, dataDir)) {
            out.println("Store: " + database.description());
            PaymentLedger payments = new PaymentLedger(database.dataSource(), behaviourOf("payment-service"));
            SagaDefinition<Trip> trip = TripSaga.definition(stepTimeout, payments);
            CamelContext camel = new DefaultCamelContext();
            addParticipants(camel, database);
            camel.start();
            CamelCommandTransport transport = CamelCommandTransport.builder().camelContext(camel).build();
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
                return verify(database, outcomes) ? 0 : 1;
            } finally {
                camel.close();
            }
        }
    }

    private void addParticipants(CamelContext camel, TripDatabase database) throws Exception {
        for (String service : List.of(TripSaga.HOTEL, TripSaga.FLIGHT, TripSaga.CAR)) {
            camel.addRoutes(ParticipantRoute.builder(service,
                    new ReservationService(service, database.dataSource(), behaviourOf(service))).build());
        }
        camel.addRoutes(ParticipantRoute.builder(TripSaga.MAIL, new MailService(database.dataSource())).build());
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

    private boolean verify(TripDatabase database, Map<String, SagaStatus> outcomes) throws Exception {
        List<String> problems = new TripConsistency(database.dataSource()).check(outcomes);
        if (problems.isEmpty()) {
            out.println("Participants' tables are consistent with every saga's outcome.");
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
