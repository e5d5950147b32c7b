package dev.sagitta.benchmarks;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.saga.CamelRouteSagas;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.spi.TaskExecutor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.saga.InMemorySagaService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A three-step saga written with Camel's Saga EIP, run in a closed loop on Camel's
 * {@link InMemorySagaService} or on Sagitta's durable {@code SagittaSagaService} (H2 or PostgreSQL),
 * so that the cost of durability shows as a ratio. Each saga is one request to a route whose three
 * steps each join the saga with a compensation and a completion endpoint (in-JVM {@code direct:}
 * endpoints that count their calls); the route ends well, so the saga completes. A saga counts, and
 * its latency ends, when its last completion was called: both services return from the route before
 * they make those calls. Prints the same result lines as
 * {@link SagaBenchmark}, then checks every completion was called (and, on Sagitta, that the store
 * holds as many completed sagas as the drivers counted).
 */
@Command(name = "route-saga-benchmark", mixinStandardHelpOptions = true,
        description = "Throughput and latency of a three-step .saga() route on Camel's in-memory saga service or"
                + " on Sagitta's.")
public final class RouteSagaBenchmark implements Callable<Integer> {

    @Option(names = "--steps", description = "The saga service: in-memory (Camel's) or sagitta (default: ${DEFAULT-VALUE}).")
    String service = "sagitta";

    /** The store of the sagitta service; the in-memory service has none. */
    @Mixin
    BenchStore store = new BenchStore();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", description = "sagitta: engine worker threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Mixin
    LoopOptions loop = new LoopOptions();

    private static final int STEPS = 3;
    private static final String SAGA_ID = "benchSagaId";

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouteSagaBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!service.equals("in-memory") && !service.equals("sagitta")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--steps must be in-memory or sagitta, was '" + service + "'");
        }
        if (service.equals("sagitta")) {
            store.check(spec);
        }
        return loop.runEach(this::runOnce);
    }

    private int runOnce(int inFlight) throws Exception {
        AtomicLong completions = new AtomicLong();
        Map<String, CompletableFuture<Void>> finished = new ConcurrentHashMap<>();
        CamelContext camel = new DefaultCamelContext();
        BenchStore.Opened opened = null;
        SagaEngine engine = null;
        TaskExecutor executor = TaskExecutor.threadPool("bench-engine", threads);
        try {
            if (service.equals("in-memory")) {
                camel.addService(new InMemorySagaService());
                camel.start();
            } else {
                opened = store.open();
                camel.start();
                CamelRouteSagas routeSagas = CamelRouteSagas.create();
                CamelCommandTransport transport = CamelCommandTransport.builder().camelContext(camel).build();
                engine = SagaEngine.builder().store(opened.database().store()).transport(transport)
                        .register(routeSagas.definition()).executor(executor).build();
                engine.start();
                camel.addService(routeSagas.service(engine));
            }
            // after the saga service: the routes' .saga() blocks look for it when they are built
            camel.addRoutes(threeStepSaga(completions, finished));
            ProducerTemplate template = camel.createProducerTemplate();
            ClosedLoop.Result result = ClosedLoop.run(inFlight, loop.warmup, loop.seconds,
                    index -> n -> runSaga(template, finished));
            String where = service.equals("in-memory") ? "memory" : store.store;
            System.out.printf(Locale.ROOT,
                    "sagitta store=%s steps=%s concurrency=%d sagas=%d secs=%d sagas_per_s=%.0f p50_ms=%.2f"
                            + " p99_ms=%.2f errors=%d%n",
                    where, "route-saga-" + service, inFlight, result.measured(), loop.seconds,
                    result.measured() / (double) loop.seconds, result.latencies().percentileMillis(50),
                    result.latencies().percentileMillis(99), result.errors());
            System.out.println(result.jitLine());
            loop.writeLatencies(result, inFlight);
            long completed = opened == null ? completions.get() / STEPS : completedInStore(opened, result.total());
            boolean consistent = completed == result.total() && completions.get() == STEPS * result.total();
            System.out.printf(Locale.ROOT, "# verify completed_in_store=%d counted_by_drivers=%d completions=%d %s%n",
                    completed, result.total(), completions.get(), consistent ? "ok" : "MISMATCH");
            return consistent && result.errors() == 0 ? 0 : 1;
        } finally {
            if (engine != null) {
                engine.close();
            }
            camel.close();
            executor.close();
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** Runs one saga; true once its last completion was called. */
    private static boolean runSaga(ProducerTemplate template, Map<String, CompletableFuture<Void>> finished)
            throws Exception {
        Exchange done = template.request("direct:saga", exchange -> { });
        if (done.getException() != null) {
            return false;
        }
        CompletableFuture<Void> completed = finished.get(done.getProperty(SAGA_ID, String.class));
        try {
            completed.get(60, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException stillOpen) {
            return false;
        } finally {
            finished.remove(done.getProperty(SAGA_ID, String.class));
        }
    }

    /**
     * direct:saga runs steps 1, 2 and 3, each joining the saga; completion endpoints count their
     * calls, and the last one called (step 1's) finishes the saga's future.
     */
    private static RouteBuilder threeStepSaga(AtomicLong completions, Map<String, CompletableFuture<Void>> finished) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int step = 1; step <= STEPS; step++) {
                    int current = step;
                    from("direct:" + (step == 1 ? "saga" : "step-" + step))
                            .saga().compensation("direct:undo-" + step).completion("direct:done-" + step)
                                .option("step", constant(step))
                            .process(exchange -> {
                                if (current == 1) {
                                    String sagaId = exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION,
                                            String.class);
                                    exchange.setProperty(SAGA_ID, sagaId);
                                    finished.put(sagaId, new CompletableFuture<>());
                                }
                            })
                            .to(step < STEPS ? "direct:step-" + (step + 1) : "direct:end");
                    from("direct:undo-" + step).setBody(constant("undone"));
                    from("direct:done-" + step).process(exchange -> {
                        completions.incrementAndGet();
                        if (current == 1) {
                            CompletableFuture<Void> saga = finished.get(
                                    exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class));
                            if (saga != null) {
                                saga.complete(null);
                            }
                        }
                    });
                }
                from("direct:end").log(LoggingLevel.TRACE, "saga done");
            }
        };
    }

    /**
     * The completed route sagas in the store, once it holds {@code expected} or after 10 s: a saga's
     * last completion is called just before the engine commits it COMPLETED.
     */
    private static long completedInStore(BenchStore.Opened opened, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long completed = opened.completed(CamelRouteSagas.SAGA_TYPE);
        while (completed < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            completed = opened.completed(CamelRouteSagas.SAGA_TYPE);
        }
        return completed;
    }
}
