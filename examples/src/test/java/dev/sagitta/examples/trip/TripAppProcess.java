package dev.sagitta.examples.trip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The trip-booking example in a JVM of its own, started as a user would start it, with its output
 * (standard output and error) going to a file.
 */
final class TripAppProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private TripAppProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static TripAppProcess start(Path output, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TripBookingApp.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new TripAppProcess(process, output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills it as {@code kill -9} does (SIGKILL on Linux): no shutdown hook, nothing closed or flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed example did not die within 30 s");
        }
    }

    /** Waits for it to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the example did not finish within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + output + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
