package dev.sagitta.benchmarks;

import dev.sagitta.benchmarks.BenchSagas.Order;
import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.camel.ParticipantRoute;
import dev.sagitta.camel.kafka.KafkaTestBroker;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.TaskExecutor;
import dev.sagitta.persistence.SagaDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Closed-loop benchmark: C driver threads each start a three-step saga and wait for it to complete,
 * again and again, for a warm-up and then a measured window ({@link ClosedLoop}). Prints sagas/s
 * and p50/p99 latency (start call to terminal status), then checks the store holds as many
 * completed sagas as counted.
 *
 * <p>Remote steps go to a participant route in the same JVM that answers success at once, over the
 * {@link StepChannel} that {@code --steps} names: in-JVM {@code seda:} queues, RabbitMQ or Kafka.
 */
@Command(name = "saga-benchmark", mixinStandardHelpOptions = true,
        description = "Throughput and latency of three-step sagas on H2 or PostgreSQL, with local steps or"
                + " remote steps over seda, RabbitMQ or Kafka.")
public final class SagaBenchmark implements Callable<Integer> {

    @Mixin
    BenchStore store = new BenchStore();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", description = "local; or remote, rabbitmq or kafka: remote steps over in-JVM"
            + " seda, RabbitMQ or Kafka (default: ${DEFAULT-VALUE}).")
    String steps = "local";

    @Option(names = "--rabbitmq-url", description = "RabbitMQ server for --steps rabbitmq (default: ${DEFAULT-VALUE}).")
    String rabbitMqUrl = "amqp://guest:guest@127.0.0.1:5672";

    @Option(names = "--reply-consumers", description = "rabbitmq, kafka: consumers of the reply endpoint, each"
            + " holding one reply until the engine committed it (default: ${DEFAULT-VALUE}).")
    int replyConsumers = 32;

    @Option(names = "--participant-consumers", description = "rabbitmq, kafka: consumers of the participant's"
            + " command endpoint (default: ${DEFAULT-VALUE}).")
    int participantConsumers = 32;

    @Option(names = "--prefetch", description = "rabbitmq: unacknowledged messages per consumer (default: ${DEFAULT-VALUE}).")
    int prefetch = 1;

    @Option(names = "--partitions", description = "kafka: partitions of the command topic and of the reply topic"
            + " (default: ${DEFAULT-VALUE}). The cluster is an in-process broker unless the environment variable "
            + KafkaTestBroker.BOOTSTRAP_VARIABLE + " names one.")
    int partitions = 32;

    @Option(names = "--send-threads", description = "0: the engine sends commands itself, as shipped; N: through a"
            + " pool of N threads of the benchmark's own (HandOffSendTransport) (default: ${DEFAULT-VALUE}).")
    int sendThreads = 0;

    @Mixin
    LoopOptions loop = new LoopOptions();

    @Option(names = "--batch-size", description = "Engine events per commit (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--concurrent-batches", description = "Engine batches in progress at once (default: ${DEFAULT-VALUE}).")
    int concurrentBatches = 2;

    @Option(names = "--threads", description = "Engine worker threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    public static void main(String[] args) {
        // exit explicitly: broker clients (the in-process Kafka broker among them) leave non-daemon threads
        System.exit(new CommandLine(new SagaBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return loop.runEach(this::runOnce);
    }

    private int runOnce(int inFlight) throws Exception {
        store.check(spec);
        BenchStore.Opened opened = store.open();
        SagaDatabase database = opened.database();
        SagaDefinition<Order> saga = steps.equals("local") ? BenchSagas.local() : BenchSagas.remote();
        StepChannel channel = channel();
        CamelContext camel = new DefaultCamelContext();
        TaskExecutor executor = TaskExecutor.threadPool("bench-engine", threads);
        try {
            channel.open(camel);
            camel.addRoutes(ParticipantRoute.builder(BenchSagas.PARTICIPANT,
                    command -> ParticipantReply.success(command.messageType() + "d", null))
                    .commandEndpoint(channel.commandEndpoint())
                    .build());
            camel.start();
            CamelCommandTransport.Builder transport = CamelCommandTransport.builder()
                    .camelContext(camel)
                    .participant(BenchSagas.PARTICIPANT, channel.commandEndpoint());
            String replies = channel.replyEndpoint();
            if (replies != null) {
                transport.replyEndpoint(replies);
            }
            String replyTo = channel.replyTo();
            if (replyTo != null) {
                transport.replyTo(replyTo);
            }
            CommandTransport commands = sendThreads > 0
                    ? new HandOffSendTransport(transport.build(), sendThreads) : transport.build();
            try (SagaEngine engine = SagaEngine.builder()
                    .store(database.store()).transport(commands).register(saga)
                    .executor(executor).batchSize(batchSize).concurrentBatches(concurrentBatches).build()) {
                engine.start();
                long primed = steps.equals("local") ? 0 : prime(engine, saga);
                ClosedLoop.Result result = ClosedLoop.run(inFlight, loop.warmup, loop.seconds,
                        index -> n -> runSaga(engine, saga, "o-" + index + "-" + n));
                long stored = opened.completed(saga.name());
                System.out.printf(Locale.ROOT,
                        "sagitta store=%s steps=%s concurrency=%d sagas=%d secs=%d sagas_per_s=%.0f p50_ms=%.2f"
                                + " p99_ms=%.2f errors=%d%n",
                        store.store, steps, inFlight, result.measured(), loop.seconds, result.measured() / (double) loop.seconds,
                        result.latencies().percentileMillis(50), result.latencies().percentileMillis(99),
                        result.errors());
                System.out.println(result.jitLine());
                loop.writeLatencies(result, inFlight);
                if (!channel.settings().isEmpty() || sendThreads > 0) {
                    System.out.println(("# channel " + channel.settings()
                            + (sendThreads > 0 ? " send_threads=" + sendThreads : "")).replace("  ", " "));
                }
                long expected = result.total() + primed;
                boolean consistent = stored == expected;
                System.out.printf(Locale.ROOT, "# verify completed_in_store=%d counted_by_drivers=%d %s%n", stored,
                        expected, consistent ? "ok" : "MISMATCH");
                return consistent && result.errors() == 0 ? 0 : 1;
            }
        } finally {
            executor.close();
            camel.close();
            channel.close();
            opened.close();
        }
    }

    private StepChannel channel() {
        return switch (steps) {
            case "local", "remote" -> new SedaChannel();
            case "rabbitmq" -> new RabbitMqChannel(URI.create(rabbitMqUrl), replyConsumers, participantConsumers,
                    prefetch);
            case "kafka" -> new KafkaChannel(partitions, replyConsumers, participantConsumers);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--steps must be local, remote, rabbitmq or kafka, was '" + steps + "'");
        };
    }

    private static boolean runSaga(SagaEngine engine, SagaDefinition<Order> saga, String orderId) {
        SagaHandle handle = engine.startSaga(saga, new Order(orderId, 0));
        return handle.awaitTermination(Duration.ofSeconds(60)) == SagaStatus.COMPLETED;
    }

    /**
     * Runs one saga before the drivers start, so that the broker's consumers have joined (a Kafka
     * consumer group's first rebalances take seconds) before the warm-up begins. Returns the number
     * of completed sagas it left in the store.
     */
    private static long prime(SagaEngine engine, SagaDefinition<Order> saga) {
        SagaStatus status = engine.startSaga(saga, new Order("o-prime", 0)).awaitTermination(Duration.ofSeconds(120));
        if (status != SagaStatus.COMPLETED) {
            throw new IllegalStateException("the first saga did not complete within 120 s (status " + status
                    + "); is the broker reachable?");
        }
        return 1;
    }
}
