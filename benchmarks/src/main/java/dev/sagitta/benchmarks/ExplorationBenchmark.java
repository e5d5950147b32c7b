package dev.sagitta.benchmarks;

import dev.sagitta.examples.order.InMemoryLoyaltyLedger;
import dev.sagitta.examples.order.Order;
import dev.sagitta.examples.order.OrderLine;
import dev.sagitta.examples.order.OrderMessages.PaymentAuthorized;
import dev.sagitta.examples.order.OrderMessages.ShipmentCreated;
import dev.sagitta.examples.order.OrderMessages.StockReserved;
import dev.sagitta.examples.order.OrderSaga;
import dev.sagitta.testing.ExplorationReport;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaExploration;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long the test harness takes to explore the five-step order-fulfilment saga: every crash
 * point, under seed 0 and {@code --seeds} message-fault seeds, once for an order that completes and
 * once for one whose shipment is refused (so it compensates four steps). Prints one line per
 * exploration and round: runs, crash runs, milliseconds, runs per second. The first round includes
 * JIT warm-up, as a test class that runs one exploration does.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests exec:java -Dexec.mainClass=dev.sagitta.benchmarks.ExplorationBenchmark -Dexec.args="--rounds 3"
 * </pre>
 */
@Command(name = "exploration-benchmark", mixinStandardHelpOptions = true,
        description = "Times harness explorations of the five-step order saga.")
public final class ExplorationBenchmark implements Callable<Integer> {

    private static final Order ORDER = Order.place("o-1", "ana", List.of(new OrderLine("lamp", 2)), 9_998);

    @Option(names = "--seeds", description = "Message-fault seeds besides seed 0 (default: ${DEFAULT-VALUE}).")
    int seeds = 100;

    @Option(names = "--rounds", description = "Rounds of both explorations (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--threads", description = "Runs side by side (default: the processors, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExplorationBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.printf("order-fulfilment (5 steps), every crash point, seed 0 + %d seeds, %d threads%n", seeds, threads);
        for (int round = 1; round <= rounds; round++) {
            report(round, "completes", exploration(Reply.success(new ShipmentCreated("S-1"))).run());
            report(round, "compensates", exploration(Reply.failure("no courier today")).run());
        }
        return 0;
    }

    private SagaExploration exploration(Reply shipping) {
        return SagaExploration.of(() -> {
                    InMemoryLoyaltyLedger loyalty = new InMemoryLoyaltyLedger();
                    return SagaTestHarness.builder()
                            .register(OrderSaga.definition(Duration.ofSeconds(5), loyalty))
                            .attach(loyalty)
                            .participant(OrderSaga.INVENTORY, s -> s.on("order.stock.reserve", Reply.success(new StockReserved("R-1"))))
                            .participant(OrderSaga.PAYMENTS, s -> s.on("order.payment.authorize", Reply.success(new PaymentAuthorized("P-1"))))
                            .participant(OrderSaga.SHIPPING, s -> s.on("order.shipment.create", shipping))
                            .participant(OrderSaga.NOTIFICATIONS, s -> s.on("order.customer.notify", Reply.success()));
                }, harness -> harness.startSaga("order-fulfilment", ORDER))
                .seeds(seeds)
                .threads(threads);
    }

    private static void report(int round, String outcome, ExplorationReport report) {
        report.assertNoViolations();
        long millis = Math.max(1, report.elapsed().toMillis());
        System.out.printf("round %d  %-11s %5d runs (%5d with a crash) in %5d ms = %6.0f runs/s%n", round, outcome,
                report.runs(), report.crashRuns(), millis, report.runs() * 1000.0 / millis);
    }
}
