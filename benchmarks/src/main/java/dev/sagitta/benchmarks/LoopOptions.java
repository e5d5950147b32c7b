package dev.sagitta.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The closed loop's options, shared by every benchmark that drives sagas with {@link ClosedLoop}:
 * which concurrencies to run, and each run's warm-up and measured window. A picocli mixin; filled
 * in once by picocli, then read only.
 */
final class LoopOptions {

    /** One run at one concurrency; returns 0 when its checks passed. */
    @FunctionalInterface
    interface Run {
        int at(int inFlight) throws Exception;
    }

    @Option(names = "--concurrency", split = ",", description = "Sagas in flight; a list runs each (default: 1,32).")
    List<Integer> concurrency = List.of(1, 32);

    @Option(names = "--seconds", description = "Measured window per run (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--warmup", description = "Warm-up per run, in seconds (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--latencies", description = "Write every measured saga's start (ms into the window) and"
            + " latency (ms) to this file, one per line; with several concurrencies, to <file>-c<C> for each.")
    @Nullable Path latencies;

    /** Writes {@code result}'s sagas where {@code --latencies} says, if it says; prints where. */
    void writeLatencies(ClosedLoop.Result result, int inFlight) throws IOException {
        if (latencies == null) {
            return;
        }
        Path file = concurrency.size() == 1 ? latencies : Path.of(latencies + "-c" + inFlight);
        result.latencies().write(file, result.windowStartNanos());
        System.out.println("# latencies " + file);
    }

    /** Runs {@code run} at each concurrency in turn; the result is 0 only if every run returned 0. */
    int runEach(Run run) throws Exception {
        int status = 0;
        for (int inFlight : concurrency) {
            status |= run.at(inFlight);
        }
        return status;
    }
}
