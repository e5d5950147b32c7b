package dev.sagitta.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Collects saga latencies in nanoseconds, each with its start time, from several threads; reports
 * percentiles, and writes every saga out for a look at when the slow ones happened. Thread-safe.
 */
final class LatencyRecorder {

    private long[] starts = new long[1 << 16];
    private long[] samples = new long[1 << 16];
    private int count;

    /** One saga that started at {@code startedNanos} ({@link System#nanoTime}) and took {@code nanos}. */
    synchronized void record(long startedNanos, long nanos) {
        if (count == samples.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        starts[count] = startedNanos;
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** The {@code p}-th percentile (0-100) in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    /**
     * Writes one line per saga, in the order they were recorded: its start in milliseconds after
     * {@code originNanos} (negative for a saga that started before it), then its latency in
     * milliseconds. Periodic stalls (a collector, the
     * machine's own housekeeping) show as slow sagas at a steady interval.
     */
    synchronized void write(Path file, long originNanos) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("start_ms latency_ms\n");
            for (int i = 0; i < count; i++) {
                out.write(String.format(Locale.ROOT, "%.3f %.3f%n", (starts[i] - originNanos) / 1e6, samples[i] / 1e6));
            }
        }
    }
}
