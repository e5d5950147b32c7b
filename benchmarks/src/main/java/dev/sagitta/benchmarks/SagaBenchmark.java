package dev.sagitta.benchmarks;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.TaskExecutor;
import dev.sagitta.benchmarks.BenchSagas.Order;
import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Closed-loop benchmark: C driver threads each start a three-step saga and wait for it to complete,
 * again and again, for a warm-up and then a measured window. Prints sagas/s and p50/p99 latency
 * (start call to terminal status), then checks the store holds as many completed sagas as counted.
 */
@Command(name = "saga-benchmark", mixinStandardHelpOptions = true,
        description = "Throughput and latency of three-step sagas on H2 or PostgreSQL.")
public final class SagaBenchmark implements Callable<Integer> {

    @Option(names = "--store", description = "h2 or postgres (default: ${DEFAULT-VALUE}).")
    String store = "h2";

    @Option(names = "--jdbc-url", description = "PostgreSQL URL (default: ${DEFAULT-VALUE}).")
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/sagitta_bench?user=postgres";

    @Option(names = "--steps", description = "local or remote (default: ${DEFAULT-VALUE}).")
    String steps = "local";

    @Option(names = "--concurrency", split = ",", description = "Sagas in flight; a list runs each (default: 1,16).")
    List<Integer> concurrency = List.of(1, 16);

    @Option(names = "--seconds", description = "Measured window per run (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--warmup", description = "Warm-up per run, in seconds (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--batch-size", description = "Engine events per commit (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--concurrent-batches", description = "Engine batches in progress at once (default: ${DEFAULT-VALUE}).")
    int concurrentBatches = 2;

    @Option(names = "--threads", description = "Engine worker threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SagaBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int status = 0;
        for (int c : concurrency) {
            status |= runOnce(c);
        }
        return status;
    }

    private int runOnce(int inFlight) throws Exception {
        Path h2Dir = null;
        SagaDatabase database;
        if (store.equals("h2")) {
            h2Dir = Files.createTempDirectory("sagitta-bench-h2");
            database = SagaDatabase.embeddedH2(h2Dir);
        } else if (store.equals("postgres")) {
            database = SagaDatabase.fromJdbcUrl(jdbcUrl, null, null);
            emptyTables(database.dataSource());
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this), "--store must be h2 or postgres");
        }
        boolean remote = steps.equals("remote");
        SagaDefinition<Order> saga = remote ? BenchSagas.remote() : BenchSagas.local();
        CamelContext camel = new DefaultCamelContext();
        String commands = "seda:bench.commands?concurrentConsumers=4";
        camel.addRoutes(ParticipantRoute.builder(BenchSagas.PARTICIPANT,
                command -> ParticipantReply.success(command.messageType() + "d", null))
                .commandEndpoint(commands)
                .build());
        camel.start();
        CamelCommandTransport transport = CamelCommandTransport.builder()
                .camelContext(camel)
                .participant(BenchSagas.PARTICIPANT, commands)
                .build();
        TaskExecutor executor = TaskExecutor.threadPool("bench-engine", threads);
        try (SagaEngine engine = SagaEngine.builder()
                .store(database.store()).transport(transport).register(saga)
                .executor(executor).batchSize(batchSize).concurrentBatches(concurrentBatches).build()) {
            engine.start();
            Result result = drive(engine, saga, inFlight);
            long stored = completedInStore(database.dataSource(), saga.name());
            System.out.printf(Locale.ROOT,
                    "sagitta store=%s steps=%s concurrency=%d sagas=%d secs=%d sagas_per_s=%.0f p50_ms=%.2f"
                            + " p99_ms=%.2f errors=%d%n",
                    store, steps, inFlight, result.measured(), seconds, result.measured() / (double) seconds,
                    result.latencies().percentileMillis(50), result.latencies().percentileMillis(99),
                    result.errors());
            boolean consistent = stored == result.total();
            System.out.printf(Locale.ROOT, "# verify completed_in_store=%d counted_by_drivers=%d %s%n", stored,
                    result.total(), consistent ? "ok" : "MISMATCH");
            return consistent && result.errors() == 0 ? 0 : 1;
        } finally {
            executor.close();
            camel.close();
            database.close();
            if (h2Dir != null) {
                deleteRecursively(h2Dir);
            }
        }
    }

    private record Result(long measured, long total, long errors, LatencyRecorder latencies) {
    }

    private Result drive(SagaEngine engine, SagaDefinition<Order> saga, int inFlight) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong measured = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        LatencyRecorder latencies = new LatencyRecorder();
        List<Thread> drivers = new ArrayList<>();
        for (int d = 0; d < inFlight; d++) {
            int driver = d;
            Thread thread = new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    long started = System.nanoTime();
                    try {
                        SagaHandle handle = engine.startSaga(saga, new Order("o-" + driver + "-" + n++, 0));
                        SagaStatus status = handle.awaitTermination(Duration.ofSeconds(60));
                        if (status != SagaStatus.COMPLETED) {
                            errors.incrementAndGet();
                            continue;
                        }
                        total.incrementAndGet();
                        if (measuring.get()) {
                            latencies.record(System.nanoTime() - started);
                            measured.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }, "bench-driver-" + d);
            thread.start();
            drivers.add(thread);
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        stop.set(true);
        for (Thread thread : drivers) {
            thread.join();
        }
        return new Result(measured.get(), total.get(), errors.get(), latencies);
    }

    private static void emptyTables(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE saga_instance, saga_step, saga_outbox, saga_inbox");
        }
    }

    private static long completedInStore(DataSource dataSource, String sagaType) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM saga_instance WHERE status = 'COMPLETED'"
                        + " AND saga_type = '" + sagaType + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
