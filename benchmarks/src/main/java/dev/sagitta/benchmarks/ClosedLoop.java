package dev.sagitta.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs C driver threads, each running one saga after another until told to stop, first for a
 * warm-up and then for a measured window, and counts what they did. Every benchmark of this module
 * drives its sagas this way, so their figures mean the same thing: a saga counts if it completes
 * inside the window; its latency runs from the start call to its completion.
 */
final class ClosedLoop {

    /** One driver thread's sagas. Created on, and used only by, its own thread. */
    interface Driver extends AutoCloseable {

        /** Runs saga number {@code n} of this driver to its end; false if it did not complete. */
        boolean runSaga(long n) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Makes the driver for thread {@code index} (0 to C-1). */
    interface DriverFactory {
        Driver create(int index) throws Exception;
    }

    /**
     * What the drivers did: sagas completed inside the window, sagas completed in all (warm-up and
     * the last sagas after the window included, as a store counts them), failures, and latencies;
     * when the window opened ({@link System#nanoTime}); and how many milliseconds the JIT compiler
     * spent compiling inside the window (-1 if this JVM does not say), which shows whether the
     * warm-up was long enough to measure compiled code.
     */
    record Result(long measured, long total, long errors, LatencyRecorder latencies, long windowStartNanos,
            long compileMillisInWindow) {

        /** The line every benchmark prints after its result, so the run's logs show the JIT's share. */
        String jitLine() {
            return "# jit compile_ms_in_window=" + compileMillisInWindow;
        }
    }

    private ClosedLoop() {
    }

    static Result run(int inFlight, int warmupSeconds, int seconds, DriverFactory drivers) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong measured = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        LatencyRecorder latencies = new LatencyRecorder();
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < inFlight; d++) {
            int index = d;
            Thread thread = new Thread(() -> {
                try (Driver driver = drivers.create(index)) {
                    long n = 0;
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        boolean completed;
                        try {
                            completed = driver.runSaga(n++);
                        } catch (Exception e) {
                            completed = false;
                            reportFirst(errors, e);
                        }
                        if (!completed) {
                            errors.incrementAndGet();
                            continue;
                        }
                        total.incrementAndGet();
                        if (measuring.get()) {
                            latencies.record(started, System.nanoTime() - started);
                            measured.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    reportFirst(errors, e);
                    errors.incrementAndGet();
                }
            }, "bench-driver-" + d);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmupSeconds * 1000L);
        long compiledBefore = compileMillis();
        long windowStart = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long compiledAfter = compileMillis();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long compileMillisInWindow = compiledBefore < 0 ? -1 : compiledAfter - compiledBefore;
        return new Result(measured.get(), total.get(), errors.get(), latencies, windowStart,
                compileMillisInWindow);
    }

    private static long compileMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    // The first failure says what went wrong; the rest would only bury it.
    private static void reportFirst(AtomicLong errors, Exception e) {
        if (errors.get() == 0) {
            e.printStackTrace();
        }
    }
}
