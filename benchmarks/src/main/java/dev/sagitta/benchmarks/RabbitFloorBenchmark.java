package dev.sagitta.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The RabbitMQ floor: what a hand-written loop does with the same durable work as Sagitta's
 * RabbitMQ row, with no engine. C driver threads ({@link FloorDriver}) each run three-step sagas in
 * a closed loop ({@link ClosedLoop}): commit the start in PostgreSQL, then per step publish a
 * persistent, confirmed command to the durable queue {@value #COMMANDS}, which a participant in the
 * same JVM ({@link FloorParticipant}) answers with a persistent, confirmed reply on the durable
 * queue {@value #REPLIES}, and commit the transition: 4 commits per saga, as the JDBC floor.
 *
 * <p>Prints the result line of {@link SagaBenchmark} (with {@code rabbit-floor} first) and checks the
 * tables hold as many completed sagas as the drivers counted.
 */
@Command(name = "rabbit-floor", mixinStandardHelpOptions = true,
        description = "Hand-written 3-step sagas over RabbitMQ (persistent, confirmed) with state in PostgreSQL.")
public final class RabbitFloorBenchmark implements Callable<Integer> {

    static final String COMMANDS = "rabbit-floor.commands";
    static final String REPLIES = "rabbit-floor.replies";
    private static final String TABLES = "rabbit_floor_";

    @Option(names = "--jdbc-url", description = "PostgreSQL URL (default: ${DEFAULT-VALUE}).")
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/bench_probes?user=postgres";

    @Option(names = "--rabbitmq-url", description = "RabbitMQ server (default: ${DEFAULT-VALUE}).")
    String rabbitMqUrl = "amqp://guest:guest@127.0.0.1:5672";

    @Option(names = "--participant-consumers", description = "Consumers of the command queue; 0: one per driver"
            + " (default: ${DEFAULT-VALUE}).")
    int participantConsumers = 0;

    @Mixin
    LoopOptions loop = new LoopOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RabbitFloorBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return loop.runEach(this::runOnce);
    }

    private int runOnce(int inFlight) throws Exception {
        FloorLedger.createTables(jdbcUrl, TABLES);
        int participants = participantConsumers > 0 ? participantConsumers : inFlight;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbitMqUrl);
        // a thread for every consumer callback that blocks (each participant waits for its confirm)
        ExecutorService callbacks = Executors.newFixedThreadPool(participants + 2);
        try (Connection connection = factory.newConnection(callbacks, "rabbit-floor")) {
            declareQueues(connection);
            ClosedLoop.Result result;
            try (FloorReplies replies = new FloorReplies(connection, REPLIES, 2 * inFlight + 8);
                    FloorParticipant participant = new FloorParticipant(connection, COMMANDS, REPLIES, participants)) {
                result = ClosedLoop.run(inFlight, loop.warmup, loop.seconds, index -> new FloorDriver(index,
                        new FloorLedger(jdbcUrl, TABLES), connection, COMMANDS, replies));
            }
            long stored = FloorLedger.completed(jdbcUrl, TABLES);
            System.out.printf(Locale.ROOT,
                    "rabbit-floor concurrency=%d sagas=%d secs=%d sagas_per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d%n",
                    inFlight, result.measured(), loop.seconds, result.measured() / (double) loop.seconds,
                    result.latencies().percentileMillis(50), result.latencies().percentileMillis(99), result.errors());
            System.out.printf(Locale.ROOT, "# channel participant_consumers=%d%n", participants);
            System.out.println(result.jitLine());
            loop.writeLatencies(result, inFlight);
            boolean consistent = stored == result.total();
            System.out.printf(Locale.ROOT, "# verify completed_in_store=%d counted_by_drivers=%d %s%n", stored,
                    result.total(), consistent ? "ok" : "MISMATCH");
            deleteQueues(connection);
            return consistent && result.errors() == 0 ? 0 : 1;
        } finally {
            callbacks.shutdownNow();
        }
    }

    /** Fresh durable queues: whatever an earlier run left in them is gone. */
    private static void declareQueues(Connection connection) throws Exception {
        try (Channel channel = connection.createChannel()) {
            for (String queue : new String[] {COMMANDS, REPLIES}) {
                channel.queueDelete(queue);
                channel.queueDeclare(queue, true, false, false, null);
            }
        }
    }

    private static void deleteQueues(Connection connection) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(COMMANDS);
            channel.queueDelete(REPLIES);
        }
    }
}
