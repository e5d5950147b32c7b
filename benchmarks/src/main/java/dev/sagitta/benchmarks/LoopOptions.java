package dev.sagitta.benchmarks;

import java.util.List;
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

    /** Runs {@code run} at each concurrency in turn; the result is 0 only if every run returned 0. */
    int runEach(Run run) throws Exception {
        int status = 0;
        for (int inFlight : concurrency) {
            status |= run.at(inFlight);
        }
        return status;
    }
}
