package dev.sagitta.camel.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SagittaRunner} in a JVM of its own, on this JVM's classpath (so this module's test
 * classes play the application: their {@code META-INF/services} offer the fixture sagas), writing
 * its output to a file. {@link #kill()} is {@code kill -9}: no shutdown hook, no last commit.
 *
 * <p>Not thread-safe; one test drives it.
 */
final class RunnerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a runner with {@code --properties properties} and {@code environment} added to this JVM's. */
    static RunnerProcess start(Path properties, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                // surefire's classpath may be a manifest-only jar; the child reads its manifest the same way
                "-cp", System.getProperty("java.class.path"),
                SagittaRunner.class.getName(),
                "--properties", properties.toString())
                .directory(properties.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove(RunnerArguments.PROPERTIES_VARIABLE);
        builder.environment().putAll(environment);
        return new RunnerProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();   // SIGKILL on Linux and macOS
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the runner survived SIGKILL for 20 s");
        }
    }

    /** The exit code, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** Everything the runner has printed so far, this start and any earlier one logging to the same file. */
    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
